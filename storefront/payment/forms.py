from django import forms
from django.utils.translation import gettext_lazy as _


class RefundForm(forms.Form):
    """Empty amount = refund everything still refundable."""

    amount = forms.IntegerField(
        label=_("Amount to refund (đồng)"),
        min_value=1,
        max_value=99_999_999,
        required=False,
        help_text=_("Leave empty to refund the full remaining amount."),
    )
