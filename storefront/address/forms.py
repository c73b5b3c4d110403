"""Address forms shaped for Vietnam.

Oscar builds every address form (account address book, checkout shipping
address, billing address, dashboard) on `address.forms.AbstractAddressForm`,
loaded with get_class, so changing it here changes them all.

Oscar's fields are kept and given Vietnamese meanings, so orders, emails and
the dashboard show addresses without a new model:
    first_name   -> full name ("Họ và tên"; Vietnamese names are written whole)
    line1        -> house number and street
    line2        -> building, apartment (optional)
    line4        -> commune or ward
    state        -> province (one of the 34, stored by its Vietnamese name)
    phone_number -> mobile number, stored in E.164
No postcode: nobody uses one on a Vietnamese delivery.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.address import forms as oscar_forms
from oscar.core.loading import get_model
from oscar.forms.mixins import PhoneNumberMixin

from storefront.vietnam import (
    DEFAULT_PROVINCE,
    PROVINCE_NAMES,
    InvalidPhone,
    normalise_phone,
    province_choices,
)

Country = get_model("address", "Country")

# Fields Vietnamese addresses do not use; removed wherever a form has them.
UNUSED_FIELDS = ("title", "last_name", "line3", "postcode")
FIELD_ORDER = ("first_name", "phone_number", "state", "line4", "line1", "line2")
LABELS = {
    "first_name": _("Full name"),
    "phone_number": _("Mobile phone"),
    "state": _("Province or city"),
    "line4": _("Commune or ward"),
    "line1": _("House number and street"),
    "line2": _("Building, apartment (optional)"),
}
HELP = {
    "phone_number": _("For example 0912 345 678 or +84 912 345 678."),
}


class AbstractAddressForm(oscar_forms.AbstractAddressForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in UNUSED_FIELDS:
            self.fields.pop(name, None)
        for name, label in LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
        for name, text in HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text
        if "state" in self.fields:
            self.fields["state"] = forms.ChoiceField(
                label=LABELS["state"],
                choices=[("", _("Choose a province or city")), *province_choices()],
                initial=PROVINCE_NAMES[DEFAULT_PROVINCE],
            )
        if "phone_number" in self.fields:
            self.fields["phone_number"].required = True
            self.fields["phone_number"].widget.attrs.update(
                {"inputmode": "tel", "autocomplete": "tel"}
            )
        if "first_name" in self.fields:
            self.fields["first_name"].widget.attrs["autocomplete"] = "name"
        if "country" in self.fields:
            self._offer_shipping_countries_only()
        self.order_fields([*FIELD_ORDER, *(n for n in self.fields if n not in FIELD_ORDER)])

    def _offer_shipping_countries_only(self):
        # Like Oscar's checkout form, for every address form: an address book
        # entry is only useful if the shop delivers there.
        countries = list(Country._default_manager.filter(is_shipping_country=True))
        if len(countries) == 1:
            self.fields.pop("country")
            self.instance.country = countries[0]
        elif countries:
            self.fields["country"].queryset = Country._default_manager.filter(
                is_shipping_country=True
            )

    def clean(self):
        # Runs before Oscar's PhoneNumberMixin.clean, which then parses the
        # E.164 value left here as an international number.
        cleaned_data = super().clean()
        raw = cleaned_data.get("phone_number")
        if raw:
            try:
                cleaned_data["phone_number"] = normalise_phone(str(raw))
            except InvalidPhone:
                self.add_error(
                    "phone_number",
                    _("Enter a Vietnamese mobile number: 0 and 9 digits, or +84 and 9 digits."),
                )
        return cleaned_data


class UserAddressForm(PhoneNumberMixin, AbstractAddressForm):
    Meta = oscar_forms.UserAddressForm.Meta

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
