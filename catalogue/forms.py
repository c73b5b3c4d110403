"""Forms for listing filters, certificates, producers and the producer portal.

Validation rules that hold for every writer live on the models
(`OcopCertificate.clean`) and in catalogue.uploads; these forms only shape
input for people.
"""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from oscar.templatetags.currency_filters import currency

from catalogue import selectors
from catalogue.models import (
    Category,
    CraftVillage,
    LegalForm,
    OcopCertificate,
    Producer,
    ProductSubmission,
    RenewalEvidence,
)
from catalogue.uploads import validate_product_image


def _stars_and_above(stars: int) -> str:
    return _("%(stars)s★ and above") % {"stars": stars}


# Lazy: "%" on a lazy string translates it at import, in whatever language is
# active then, so English pages showed the Vietnamese labels.
STAR_CHOICES = [("", _("Any rating"))] + [
    (str(n), lazy(_stars_and_above, str)(n)) for n in (3, 4, 5)
]


def _small_controls(form: forms.Form) -> None:
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "form-control form-control-sm")


class ProductFilterForm(forms.Form):
    """The listing's GET filters. Invalid values are dropped, never an error page."""

    min_stars = forms.TypedChoiceField(
        label=_("OCOP rating"), choices=STAR_CHOICES, coerce=int, required=False, empty_value=None
    )
    group = forms.ModelChoiceField(
        label=_("Product group"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Any group"),
    )
    producer = forms.ModelChoiceField(
        label=_("Producer"),
        queryset=Producer.objects.none(),
        required=False,
        empty_label=_("Any producer"),
        to_field_name="slug",
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    village = forms.ModelChoiceField(
        label=_("Craft village"),
        queryset=CraftVillage.objects.all(),
        required=False,
        empty_label=_("Any craft village"),
        to_field_name="slug",
    )
    price_min = forms.DecimalField(
        label=_("Price from (₫)"), min_value=0, decimal_places=0, required=False
    )
    price_max = forms.DecimalField(
        label=_("Price to (₫)"), min_value=0, decimal_places=0, required=False
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Category.objects.filter(
            pk__in=[g.pk for g in groups or selectors.product_groups()]
        )
        self.fields["producer"].queryset = selectors.listing_producers()
        self.fields["province"].choices = [("", _("Any province"))] + [
            (p, p) for p in selectors.provinces()
        ]
        _small_controls(self)

    def filters(self) -> selectors.ProductFilters:
        # Keep the valid part of a hand-edited URL; an unbound form filters nothing.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        village = data.get("village")
        return selectors.ProductFilters(
            min_stars=data.get("min_stars"),
            group=data.get("group"),
            producer=data.get("producer"),
            province=data.get("province") or "",
            craft_village_id=village.pk if village else None,
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
        )

    def active_filters(self) -> list[tuple[str, str]]:
        """(query-string key, what the shopper sees) for each filter that applies.

        Only values that validated: a hand-edited, ignored value gets no chip,
        as it filters nothing. In the form's field order, so chips keep their place.
        """
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        active = []
        for name in self.fields:
            value = data.get(name)
            if value in (None, ""):
                continue
            if name == "min_stars":
                text = dict(STAR_CHOICES)[str(value)]
            elif name == "price_min":
                text = _("From %(price)s") % {"price": currency(value)}
            elif name == "price_max":
                text = _("Up to %(price)s") % {"price": currency(value)}
            else:  # a group, producer or craft village by name; a province as it is
                text = getattr(value, "name", value)
            active.append((name, str(text)))
        return active


class ProducerFilterForm(forms.Form):
    province = forms.ChoiceField(label=_("Province"), required=False)
    commune = forms.CharField(label=_("Commune/ward"), required=False, max_length=128)
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        choices=[("", _("Any legal form"))] + LegalForm.choices,
        required=False,
    )
    village = forms.ModelChoiceField(
        label=_("Craft village"),
        queryset=CraftVillage.objects.all(),
        required=False,
        empty_label=_("Any craft village"),
        to_field_name="slug",
    )
    group = forms.ModelChoiceField(
        label=_("Product group"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Any group"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("Any province"))] + [
            (p, p) for p in selectors.provinces()
        ]
        self.fields["group"].queryset = Category.objects.filter(
            pk__in=[g.pk for g in selectors.product_groups()]
        )
        _small_controls(self)

    def filters(self) -> selectors.ProducerFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        village = data.get("village")
        return selectors.ProducerFilters(
            province=data.get("province") or "",
            commune=data.get("commune") or "",
            legal_form=data.get("legal_form") or "",
            craft_village_id=village.pk if village else None,
            group=data.get("group"),
        )


class CertificateForm(forms.ModelForm):
    """Staff record a certificate; model validation names the field at fault."""

    class Meta:
        model = OcopCertificate
        fields = [
            "product",
            "stars",
            "score",
            "product_group",
            "sub_group",
            "decision_number",
            "decision_date",
            "issuing_authority",
            "issue_date",
            "expiry_date",
            "evidence",
        ]
        widgets = {
            "decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "issue_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expiry_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = self.fields["product"].queryset.select_related("producer")


class ProducerForm(forms.ModelForm):
    class Meta:
        model = Producer
        fields = [
            "name",
            "slug",
            "legal_form",
            "tax_code",
            "province",
            "commune",
            "old_district",
            "address",
            "contact_person",
            "phone",
            "email",
            "description_vi",
            "description_en",
            "logo",
            "craft_village",
            "status",
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_product_image(logo)
        return logo


class SubmissionForm(forms.ModelForm):
    """What a producer may change: titles, descriptions, category and a picture.

    Price, stock and certificate data are deliberately absent.
    """

    # A FileField, not ImageField: ours checks the header before Pillow decodes.
    image = forms.FileField(
        label=_("New picture"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 10 MB and 25 megapixels."),
    )

    class Meta:
        model = ProductSubmission
        fields = ["title_vi", "title_en", "description_vi", "description_en", "category"]
        widgets = {
            "description_vi": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }

    # Attribute types a producer may fill in; files, images and entities stay with staff.
    ATTRIBUTE_FIELDS = {
        "text": lambda a: forms.CharField(label=a.name, required=False, max_length=255),
        "richtext": lambda a: forms.CharField(label=a.name, required=False, widget=forms.Textarea),
        "integer": lambda a: forms.IntegerField(label=a.name, required=False),
        "float": lambda a: forms.FloatField(label=a.name, required=False),
        "boolean": lambda a: forms.BooleanField(label=a.name, required=False),
    }

    def __init__(self, *args, product=None, product_class=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_public=True)
        product_class = product.get_product_class() if product is not None else product_class
        self.attribute_codes = []
        for attribute in product_class.attributes.all() if product_class else []:
            make = self.ATTRIBUTE_FIELDS.get(attribute.type)
            if make is None:
                continue
            name = f"attr_{attribute.code}"
            self.fields[name] = make(attribute)
            if product is not None:
                self.fields[name].initial = getattr(product.attr, attribute.code, None)
            self.attribute_codes.append(attribute.code)

    def attribute_values(self) -> dict:
        """The proposed attribute values, by code, JSON-ready."""
        return {
            code: self.cleaned_data.get(f"attr_{code}")
            for code in self.attribute_codes
            if self.cleaned_data.get(f"attr_{code}") not in (None, "")
        }

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image:
            validate_product_image(image)
        return image


class RenewalEvidenceForm(forms.ModelForm):
    class Meta:
        model = RenewalEvidence
        fields = ["file", "note"]


class ReviewSubmissionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Note to the producer"), required=False, max_length=1000)
