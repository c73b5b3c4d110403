"""The email that confirms a customer's own cancellation of a booking.

Through the outbox (storefront.mail): recorded with the cancellation, sent
once by the worker, in the language the customer ordered in.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from storefront.accounts import language_for_order
from storefront.experiences.models import Booking
from storefront.mail import queue_email

logger = logging.getLogger("storefront.experiences")

CANCELLED = "experiences/booking_cancelled"


def send_booking_cancelled(*, booking: Booking, outcome: str) -> None:
    """`outcome` is what settle_cancelled_booking did: "refund", "cancelled", "attention" or ""."""
    queue_email(
        key=f"booking:{booking.pk}:cancelled",
        kind="booking",
        booking_id=booking.pk,
        name=CANCELLED,
        outcome=outcome,
    )


def build_booking_email(*, booking_id: int, name: str, outcome: str = ""):
    from storefront.experiences.tickets import tickets_for

    booking = Booking.objects.select_related("order").get(pk=booking_id)
    order = booking.order
    if not order.email:
        logger.warning("Booking %s: no email address for %s", booking.code, name)
        return None
    with translation.override(language_for_order(order)):
        ticket = next(t for t in tickets_for(order) if t.booking.pk == booking.pk)
        context = {
            "order": order,
            "ticket": ticket,
            "outcome": outcome,
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}_body.txt", context)
        html = render_to_string(f"emails/{name}_body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [order.email])
    message.attach_alternative(html, "text/html")
    return message
