"""Forms of the store pages; they validate input, the services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from storefront.partner.models import StockMovement
from storefront.partner.services import MAX_QUANTITY
from storefront.partner.stock_csv import MAX_BYTES

Reason = StockMovement.Reason


class StockChangeForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[(r.value, r.label) for r in StockMovement.MANAGER_REASONS]
    )
    quantity = forms.IntegerField(
        label=_("Units"),
        min_value=0,
        max_value=MAX_QUANTITY,
        help_text=_(
            "Units received, sold, damaged or returned; for a stock-take, the count on the shelf."
        ),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if data.get("reason") != Reason.STOCK_TAKE and data.get("quantity") == 0:
            self.add_error("quantity", _("The number of units must be more than zero."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        if data["reason"] == Reason.STOCK_TAKE:
            return {
                "reason": data["reason"],
                "new_quantity": data["quantity"],
                "note": data["note"],
            }
        return {"reason": data["reason"], "delta": data["quantity"], "note": data["note"]}


class ThresholdForm(forms.Form):
    low_stock_threshold = forms.IntegerField(
        label=_("Low-stock threshold"),
        min_value=0,
        max_value=MAX_QUANTITY,
        required=False,
        help_text=_("Warn when fewer units than this are free. Empty: never warn."),
    )


class StockImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, at most 2 MB and 5,000 rows."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before anything reads the content.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class QuickStockForm(forms.Form):
    """Receive or sell a few units from the stock list: the two everyday changes.

    The button pressed is the reason ("receive" is a received delivery, "sell"
    a sale at the counter); the services apply the same rules as the full form.
    """

    ACTIONS = {"receive": Reason.RECEIVED, "sell": Reason.SOLD_IN_STORE}

    quantity = forms.IntegerField(
        label=_("Units"),
        min_value=1,
        max_value=MAX_QUANTITY,
        error_messages={
            "required": _("Enter the number of units."),
            "invalid": _("Enter the number of units as a whole number."),
            "min_value": _("The number of units must be more than zero."),
        },
    )
    action = forms.ChoiceField(
        choices=[("receive", _("Receive")), ("sell", _("Sell"))],
        error_messages={
            "required": _("Choose receive or sell."),
            "invalid_choice": _("Choose receive or sell."),
        },
    )

    def service_arguments(self) -> dict:
        return {
            "reason": self.ACTIONS[self.cleaned_data["action"]],
            "delta": self.cleaned_data["quantity"],
            "note": "",
        }
