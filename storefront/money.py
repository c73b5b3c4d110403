"""Whole đồng: the rules every price, discount and charge follows.

VND has no minor unit. Prices are entered and stored as whole đồng; Oscar's
offers compute percentages in Decimal, so their result is rounded here by one
documented rule: a discount is rounded DOWN to the whole đồng (the shopper
never sees a fraction, and the shop never gives away more than the offer
says). Shipping charges are entered in whole đồng and are not computed.
"""

from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ONE_DONG = Decimal(1)


def is_whole(amount: Decimal) -> bool:
    return amount == amount.to_integral_value()


def round_discount(amount: Decimal, currency: str | None = None) -> Decimal:
    """OSCAR_OFFER_ROUNDING_FUNCTION: whole đồng, rounded down."""
    if currency in (None, "VND"):
        return amount.quantize(ONE_DONG, ROUND_DOWN)
    return amount.quantize(Decimal("0.01"), ROUND_DOWN)


def validate_whole_dong(value: Decimal | None) -> None:
    """Field validator: refuses 125000.5 with a message, never rounds silently."""
    if value is not None and not is_whole(Decimal(value)):
        raise ValidationError(
            _("Enter a whole number of đồng, without decimals (for example 125000)."),
            code="whole_dong",
        )
    if value is not None and value < 0:
        raise ValidationError(_("A price cannot be negative."), code="negative_price")
