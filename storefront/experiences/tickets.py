"""What a customer's booking shows: on the confirmation page, the order pages and the emails.

Each booking with its code and a QR of the code (what the host scans at the
gate), the session in words, the people, where to meet, what to bring and
the cancellation rule; on the order pages also whether the customer may
still cancel it, and if not, why.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from catalogue.qr import qr_png, qr_svg
from storefront.experiences import services, wording
from storefront.experiences.models import Booking


@dataclass
class Ticket:
    booking: Booking
    title: str
    when: str
    people: str
    meeting_point: str
    map_url: str
    what_to_bring: str
    included: str
    rule: str
    deadline: str
    cancel_refusal: str
    starts: dt.datetime
    ends: dt.datetime

    @property
    def code(self) -> str:
        return self.booking.code

    @property
    def is_active(self) -> bool:
        return self.booking.is_active

    @property
    def can_cancel(self) -> bool:
        return not self.cancel_refusal

    @property
    def qr_svg(self) -> SafeString:
        # Our own SVG from the code (8 characters of a fixed alphabet): no user text.
        return mark_safe(qr_svg(self.code).decode())  # noqa: S308

    def qr_png(self) -> bytes:
        return qr_png(self.code)


def tickets_for(order, *, now: dt.datetime | None = None) -> list[Ticket]:
    """The order's bookings, in session order, ready to show."""
    bookings = Booking.objects.filter(order=order).select_related("session__experience__product")
    found = []
    for booking in bookings:
        session, experience = booking.session, booking.session.experience
        starts = timezone.localtime(session.starts)
        found.append(
            Ticket(
                booking=booking,
                title=experience.product.get_title(),
                when=wording.session_label(session.date, session.starts_at),
                people=wording.people_label(adults=booking.adults, children=booking.children),
                meeting_point=experience.meeting_point,
                map_url=experience.map_url,
                what_to_bring=experience.what_to_bring,
                included=experience.included,
                rule=wording.cancellation_rule(experience),
                deadline=date_format(
                    timezone.localtime(services.cancellation_deadline(booking)),
                    "SHORT_DATETIME_FORMAT",
                ),
                cancel_refusal=services.cancellation_refusal(booking, now=now),
                starts=starts,
                ends=starts + dt.timedelta(minutes=experience.duration_minutes),
            )
        )
    return found
