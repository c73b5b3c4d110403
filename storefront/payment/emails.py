"""Customer emails about an order, in the language the customer ordered in.

`queue_order_email` is shared: payments send order confirmation, payment
received and shipped; each goes through the outbox (storefront.mail), is
rendered by the worker and sent once per order and template. Templates live
in `templates/emails/<name>_subject.txt`, `_body.txt` and `_body.html`; every
one gets the order, its lines, the total (format it with Oscar's `currency`
filter: "1.234.000 ₫" in Vietnamese) and, for pickup orders, the store, its
hours and the pickup code.
"""

import logging
from email.mime.image import MIMEImage

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import SafeMIMEMultipart
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from oscar.core.loading import get_model

from storefront.accounts import language_for_order
from storefront.experiences.ics import bookings_calendar
from storefront.experiences.tickets import tickets_for
from storefront.mail import queue_email
from storefront.payment import vietqr

logger = logging.getLogger("storefront.payment")

Order = get_model("order", "Order")


def customer_language(order) -> str:
    # The account's remembered language first, then the order's (guests).
    return language_for_order(order)


def _status_url(order) -> str:
    try:
        if order.user_id:
            path = reverse("customer:order", kwargs={"order_number": order.number})
        else:
            path = reverse(
                "customer:anon-order",
                kwargs={"order_number": order.number, "hash": order.verification_hash()},
            )
    except NoReverseMatch:
        return ""
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{Site.objects.get_current().domain}{path}"


def order_email_context(order) -> dict:
    store = getattr(order, "fulfilment_store", None)
    is_pickup = bool(getattr(order, "is_pickup", False))
    return {
        "order": order,
        "lines": list(order.lines.all()),
        "payment": getattr(order, "payment", None),
        "is_pickup": is_pickup,
        "store": store if is_pickup else None,
        "opening_hours": list(store.opening_hours.all()) if is_pickup and store else [],
        "pickup_code": getattr(order, "pickup_code", "") if is_pickup else "",
        "status_url": _status_url(order),
        "shop_name": settings.OSCAR_SHOP_NAME,
    }


class OrderEmail(EmailMultiAlternatives):
    """An email whose inline pictures sit beside its text, and whose files are attachments.

    multipart/mixed [multipart/related [text and HTML, the pictures the HTML
    shows by cid:], calendar.ics]: mail programs show the pictures in the
    message and list the .ics as a file to open. Django puts every
    attachment in one container, which would make the .ics an unreferenced
    "related" part that some programs hide.
    """

    def _create_attachments(self, msg):
        inline = [a for a in self.attachments if isinstance(a, MIMEImage) and a["Content-ID"]]
        if inline:
            related = SafeMIMEMultipart(
                _subtype="related", encoding=self.encoding or settings.DEFAULT_CHARSET
            )
            related.attach(msg)
            for part in inline:
                related.attach(part)
            msg = related
        files = [a for a in self.attachments if not any(a is part for part in inline)]
        if not files:
            return msg
        everything, self.attachments = self.attachments, files
        try:
            return super()._create_attachments(msg)
        finally:
            self.attachments = everything


def order_email(*, order, name: str, language: str | None = None, extra=None):
    """templates/emails/<name>_* rendered in the customer's language, or None without an address."""
    recipient = order.email
    if not recipient:
        logger.warning("Order %s: no email address for %s", order.number, name)
        return None
    placed = name == "payment/order_placed"
    transfer = _unpaid_transfer(order) if placed else None
    with translation.override(language or customer_language(order)):
        # The confirmation carries each booking: code, QR, session, where to meet.
        tickets = [t for t in tickets_for(order) if t.is_active] if placed else []
        context = {
            **order_email_context(order),
            "transfer": transfer,
            "tickets": tickets,
            **(extra or {}),
        }
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}_body.txt", context)
        html = render_to_string(f"emails/{name}_body.html", context)
        calendar = bookings_calendar(tickets) if tickets else b""
    message = OrderEmail(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient])
    message.attach_alternative(html, "text/html")
    for ticket in tickets:
        # Inline PNGs (cid:booking-CODE), as for VietQR below.
        image = MIMEImage(ticket.qr_png(), "png")
        image.add_header("Content-ID", f"<booking-{ticket.code}>")
        image.add_header("Content-Disposition", "inline", filename=f"booking-{ticket.code}.png")
        message.attach(image)
    if calendar:
        message.attach(f"{order.number}.ics", calendar, "text/calendar")
    if transfer:
        # The VietQR code as an inline PNG (cid:vietqr): most mail programs
        # show neither SVG nor data: URLs.
        image = MIMEImage(vietqr.qr_png(transfer.payload), "png")
        image.add_header("Content-ID", f"<{VIETQR_CID}>")
        image.add_header("Content-Disposition", "inline", filename=f"vietqr-{order.number}.png")
        message.attach(image)
    return message


VIETQR_CID = "vietqr"


def _unpaid_transfer(order):
    """The transfer details of an unpaid bank-transfer order, for its confirmation."""
    # Imported here: bank_transfers sends its emails through this module.
    from storefront.payment import bank_transfers

    payment = getattr(order, "payment", None)
    if payment is None or payment.is_paid:
        return None
    return bank_transfers.transfer_details(payment)


def build_order_email(*, order_id: int, name: str):
    """The outbox's builder (storefront.mail): rendered when the worker sends it."""
    return order_email(order=Order.objects.get(pk=order_id), name=name)


def queue_order_email(*, order_id: int, name: str) -> None:
    """Send templates/emails/<name>_* to the order's customer, once per order and name.

    Recorded in the caller's transaction and sent by the worker after commit:
    a rolled-back order sends nothing, and a retried or repeated event sends
    the email once.
    """
    queue_email(key=f"order:{order_id}:{name}", kind="order", order_id=order_id, name=name)


def send_order_placed(*, order_id: int) -> None:
    queue_order_email(order_id=order_id, name="payment/order_placed")


def send_payment_received(*, order_id: int) -> None:
    queue_order_email(order_id=order_id, name="payment/payment_received")


def send_shipped(*, order_id: int) -> None:
    """For whoever records the shipment (stores' dispatch step) to call."""
    queue_order_email(order_id=order_id, name="payment/shipped")


def send_payment_cancelled(*, order_id: int) -> None:
    """Not paid by the deadline: the order is cancelled and its stock back on sale."""
    queue_order_email(order_id=order_id, name="payment/payment_cancelled")
