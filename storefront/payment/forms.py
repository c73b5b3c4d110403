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


class StatementUploadForm(forms.Form):
    """A bank statement export (CSV, or XLSX) whose incoming rows are matched to orders."""

    statement = forms.FileField(
        label=_("Bank statement (CSV or XLSX)"),
        help_text=_(
            "The export of the account's transactions from internet banking. Rows already "
            "received (by the webhook source or an earlier upload) are skipped."
        ),
    )


class AssignTransferForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=128)


class ResolveTransferForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=500,
        help_text=_("For example: refunded 50.000 ₫ to the sender on 2 Dec."),
    )
