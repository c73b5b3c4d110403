"""The bank-transfer panel of an order: QR code, details to copy, live status."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from storefront.payment import bank_transfers
from storefront.payment.models import OrderPayment

register = template.Library()

Status = OrderPayment.Status


@register.simple_tag
def bank_transfer(order, guest_hash: str = ""):
    """What templates/payment/bank_transfer.html shows for a transfer order, else None.

    The code and details only while money is still expected (awaiting or part
    paid); the status always. `guest_hash` is the order link's hash, which
    lets a guest's page poll the status.
    """
    payment = getattr(order, "payment", None)
    if payment is None or not payment.is_bank_transfer:
        return None
    details = None
    if payment.status in (Status.PENDING, Status.PART_PAID):
        details = bank_transfers.transfer_details(payment)
    status_url = reverse("payment:bank-transfer-status", args=[order.number])
    if guest_hash:
        status_url += "?" + urlencode({"hash": guest_hash})
    return {
        "payment": payment,
        "details": details,
        # Our own SVG (storefront.payment.vietqr.qr_svg): paths, no text from users.
        "qr_svg": mark_safe(details.qr_svg) if details else "",  # noqa: S308
        "status_url": status_url,
    }
