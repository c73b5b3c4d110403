"""Forms of the consignment pages; they check input, the services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from storefront.consignment.models import Statement, SupplyTerms

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
WHOLE_DONG = {
    "invalid": _("Enter a whole number of đồng."),
    "max_digits": _("The amount is too large."),
    "max_decimal_places": _("Enter a whole number of đồng."),
}


def _styled(form):
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class TermsForm(forms.Form):
    record = forms.ModelChoiceField(label=_("Product"), queryset=None)
    kind = forms.ChoiceField(label=_("Terms"), choices=SupplyTerms.Kind.choices)
    producer_price = forms.DecimalField(
        label=_("Producer price (đồng)"),
        required=False,
        min_value=0,
        max_digits=13,
        decimal_places=0,
        error_messages=WHOLE_DONG,
        help_text=_("Consignment at a producer price: what the store pays per unit sold."),
    )
    commission_percent = forms.DecimalField(
        label=_("Commission (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("Consignment for a commission: the store keeps this share of the sale price."),
    )
    damage_borne_by = forms.ChoiceField(
        label=_("Damaged goods are borne by"), choices=SupplyTerms.DamageBorneBy.choices
    )
    starts_on = forms.DateField(label=_("In force from"), widget=DATE)

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].queryset = records
        self.fields["record"].label_from_instance = lambda r: (
            f"{r.product.get_title()} — {r.product.producer.name}"
        )
        _styled(self)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == SupplyTerms.Kind.CONSIGNMENT and data.get("producer_price") is None:
            self.add_error("producer_price", _("Give the producer price in đồng."))
        if kind == SupplyTerms.Kind.COMMISSION and data.get("commission_percent") is None:
            self.add_error("commission_percent", _("Give the commission in %."))
        return data


class StatementCreateForm(forms.Form):
    producer = forms.ModelChoiceField(label=_("Producer"), queryset=None)
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("To (inclusive)"), widget=DATE)

    def __init__(self, *args, producers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producers
        _styled(self)


class AdjustmentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (đồng, negative to deduct)"),
        max_digits=13,
        decimal_places=0,
        error_messages=WHOLE_DONG,
    )
    note = forms.CharField(label=_("What it corrects"), max_length=255)
    corrects = forms.ModelChoiceField(
        label=_("Corrects statement"), queryset=Statement.objects.none(), required=False
    )

    def __init__(self, *args, earlier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corrects"].queryset = earlier
        self.fields["corrects"].label_from_instance = lambda s: (
            f"{s.reference} · {s.period_start:%d/%m/%Y}–{s.period_end:%d/%m/%Y}"
        )
        _styled(self)


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    reference = forms.CharField(label=_("Payment reference"), max_length=128)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class DisputeForm(forms.Form):
    note = forms.CharField(
        label=_("What is wrong"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)
