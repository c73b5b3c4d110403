"""Checkout forms: Oscar's, plus the choice of how to pay."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403  (Oscar's forms we do not override)


class PaymentMethodForm(forms.Form):
    """One radio per available method; unavailable ones are shown, not offered."""

    method = forms.ChoiceField(label=_("How would you like to pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.method_choices = choices
        self.fields["method"].choices = [(c.code, c.label) for c in choices if c.available]
        available = [c.code for c in choices if c.available]
        if len(available) == 1:
            self.fields["method"].initial = available[0]
