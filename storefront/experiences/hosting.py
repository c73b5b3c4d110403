"""The host's side of an experience: sessions and their bookings, closing a session, check-in.

The host of an experience is its product's producer; every lookup here is
scoped to one producer, so another host's session or booking code is never
found (the portal's views turn that into a 404 or a refusal in words).

Writes follow storefront.experiences.services: places change only through
`release_booking`, under the booking's and the session's row locks; money is
settled per booking after commit (`settle_cancelled_booking`), each on its
own, so one refund that fails stops no other.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from storefront.experiences import calendar
from storefront.experiences.models import Booking, Experience, Session
from storefront.experiences.services import (
    describe_session,
    lock_session,
    release_booking,
    settle_cancelled_booking,
)
from storefront.mail import queue_email

logger = logging.getLogger("storefront.experiences")

SCHEDULE_DAYS = 14  # the host's bookings page shows two weeks at a time
VISITOR_MONTHS = 12  # the programme overview's visitors table: a year back…
VISITOR_MONTHS_AHEAD = 2  # …and the people booked for the next two months


class HostingRefused(Exception):
    """The host cannot do this; the message says why, for the host."""


# --- reads ---------------------------------------------------------------------


def host_experiences(producer):
    return (
        Experience.objects.filter(product__producer=producer)
        .select_related("product")
        .prefetch_related("times")
        .order_by("product__title")
    )


def bookings_with_contacts():
    """Bookings with what the host's and staff's pages show of their order, in one query."""
    return Booking.objects.select_related(
        "order__shipping_address", "order__user", "session__experience__product"
    ).prefetch_related("order__user__addresses")


@dataclass
class SessionRow:
    """One session of the host's schedule: from the calendar, with its written row if any."""

    experience: Experience
    slot: calendar.Slot
    session: Session | None = None
    bookings: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.slot.key

    @property
    def closed(self) -> bool:
        return self.slot.closed

    @property
    def closed_reason(self) -> str:
        return self.session.closed_reason if self.session else ""

    @property
    def booked(self) -> int:
        return self.slot.booked

    @property
    def capacity(self) -> int:
        return self.slot.capacity


def host_schedule(
    producer, *, start: dt.date, days: int = SCHEDULE_DAYS, booked_only: bool = False
) -> list:
    """(day, [SessionRow]) for the producer's experiences from `start`, in time order;
    with `booked_only`, the sessions someone holds places in (and closed ones).

    Which sessions exist is the calendar's rule (calendar.slots, two queries
    per experience); the bookings of every written session come in one query.
    """
    experiences = list(host_experiences(producer))
    end = start + dt.timedelta(days=days - 1)
    written = {
        (s.experience_id, s.date, s.starts_at): s
        for s in Session.objects.filter(experience__in=experiences, date__range=(start, end))
    }
    bookings: dict[int, list] = {}
    for booking in bookings_with_contacts().filter(session__in=written.values()):
        bookings.setdefault(booking.session_id, []).append(booking)
    rows = []
    for experience in experiences:
        for slot in calendar.slots(experience, start=start, days=days):
            session = written.get((experience.pk, slot.date, slot.starts_at))
            rows.append(
                SessionRow(
                    experience,
                    slot,
                    session,
                    bookings.get(session.pk, []) if session else [],
                )
            )
    if booked_only:
        rows = [r for r in rows if r.booked or r.bookings or r.closed]
    rows.sort(key=lambda r: (r.slot.date, r.slot.starts_at, r.experience.product.get_title()))
    by_day: dict[dt.date, list] = {}
    for row in rows:
        by_day.setdefault(row.slot.date, []).append(row)
    return list(by_day.items())


def contact_of(order) -> tuple[str, str]:
    """The customer's name and phone as the order knows them.

    The delivery address when there is one (it carries a checked mobile
    number); else the account's default address; else the name on the
    account or the email, and no phone.
    """
    address = order.shipping_address
    if address is None and order.user_id:
        # From the prefetched addresses (bookings_with_contacts): no query per booking.
        saved = sorted(order.user.addresses.all(), key=lambda a: (a.is_default_for_shipping, a.pk))
        address = saved[-1] if saved else None
    name = address.name if address is not None else ""
    phone = str(address.phone_number) if address is not None and address.phone_number else ""
    if not name and order.user_id:
        name = order.user.get_full_name()
    return name or order.email, phone


def find_session(experience: Experience, key_day: dt.date, starts_at: dt.time) -> Session:
    """The written session at that time, written now (empty) if the schedule has it.

    Raises HostingRefused when the schedule has no such session.
    """
    session = Session.objects.filter(
        experience=experience, date=key_day, starts_at=starts_at
    ).first()
    if session is not None:
        return session
    found = calendar.slot(experience, key_day, starts_at)
    if found is None:
        raise HostingRefused(_("This experience has no session at that time."))
    session, _created = Session.objects.get_or_create(
        experience=experience,
        date=key_day,
        starts_at=starts_at,
        defaults={"capacity": found.capacity},
    )
    return session


# --- closing a session -----------------------------------------------------------


def close_session(*, session: Session, reason: str, user) -> list[Booking]:
    """Close a session (weather, a festival): nobody can book it and every booking is cancelled.

    Returns the bookings this call cancelled. Under the locks: the session's
    active bookings first, then the session (the order `cancel_booking` takes
    them in, so a customer cancelling at the same moment never deadlocks with
    the host), then bookings written while we waited for the session. Each
    customer's email is recorded in the same transaction (the outbox sends it
    after commit, once per booking); the money is settled after commit, one
    booking at a time. Closing a closed session cancels nothing more; it only
    settles again any booking whose settlement failed (settling is idempotent).
    """
    reason = reason.strip()
    if not reason:
        raise HostingRefused(_("Say why the session is closed: the customers are told."))
    cancelled: list[Booking] = []
    with transaction.atomic():
        _lock_active_bookings(session)
        locked = lock_session(session.pk)
        if locked.closed_at is None:
            locked.closed_at = timezone.now()
            locked.closed_reason = reason[:200]
            locked.save(update_fields=["closed_at", "closed_reason"])
            for booking in _lock_active_bookings(session):
                release_booking(booking, by=Booking.CancelledBy.HOST)
                queue_email(
                    key=f"booking:{booking.pk}:session_closed",
                    kind="booking_closed",
                    booking_id=booking.pk,
                    language=booking.language or "vi",
                )
                cancelled.append(booking)
        session.closed_at, session.closed_reason = locked.closed_at, locked.closed_reason
        transaction.on_commit(lambda: settle_closed_session(session=locked, user=user))
    logger.info("Session %s closed by %s: %d bookings cancelled", session.pk, user, len(cancelled))
    return cancelled


def _lock_active_bookings(session: Session) -> list[Booking]:
    # Booked only: people already checked in came, and keep their booking.
    return list(
        Booking.objects.select_for_update()
        .filter(session=session, status=Booking.Status.BOOKED)
        .order_by("pk")
    )


def settle_closed_session(*, session: Session, user=None) -> dict[str, str]:
    """Settle the money of every booking the host's closing cancelled and nobody settled yet.

    One booking's failure (Stripe refusing, a bug) is logged and leaves it
    unsettled for the next try; the others go on.
    """
    results = {}
    pending = Booking.objects.filter(
        session=session,
        status=Booking.Status.CANCELLED,
        cancelled_by=Booking.CancelledBy.HOST,
        settled_at__isnull=True,
    ).order_by("pk")
    for booking in pending:
        try:
            results[booking.code] = settle_cancelled_booking(booking=booking, user=user)
        except Exception:
            logger.exception("Booking %s: payment not settled after its session closed", booking)
            results[booking.code] = "failed"
    return results


def build_session_closed_email(*, booking_id: int, language: str):
    """The outbox's builder: the customer hears their session is closed and what happens to
    their money, in the language they booked in."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils import translation

    booking = (
        Booking.objects.select_related("order__user", "session__experience__product")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or not booking.order.email:
        return None
    with translation.override(language):
        session = booking.session
        context = {
            "booking": booking,
            "title": session.experience.product.get_title(),
            "when": describe_session(session.date, session.starts_at),
            "reason": session.closed_reason,
            "money": _money_case(booking.order),
        }
        subject = _("Session closed: %(title)s, %(when)s") % context
        body = render_to_string("experiences/emails/session_closed.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [booking.order.email])


def _money_case(order) -> str:
    """ "card" (refunded to the card), "other" (paid another way: staff refund it), "unpaid"."""
    from storefront.payment.models import OrderPayment

    payment = OrderPayment.objects.filter(order=order).first()
    if payment is None or not payment.is_paid:
        return "unpaid"
    return "card" if payment.is_card else "other"


# --- check-in ----------------------------------------------------------------------


def normalise_code(raw: str) -> str:
    """What a host typed or scanned, as a booking code: a QR may hold a URL ending in it."""
    code = (raw or "").strip().rstrip("/").rsplit("/", 1)[-1]
    return "".join(ch for ch in code.upper() if ch.isalnum())


def find_booking(producer, raw_code: str) -> Booking:
    """The producer's booking with this code; HostingRefused says why not in words."""
    code = normalise_code(raw_code)
    if not code:
        raise HostingRefused(_("Type or scan a booking code."))
    booking = bookings_with_contacts().filter(code=code).first()
    if booking is None:
        raise HostingRefused(_("No booking has the code %(code)s.") % {"code": code})
    if booking.session.experience.product.producer_id != producer.pk:
        raise HostingRefused(
            _("Booking %(code)s is for another host's experience, not one of yours.")
            % {"code": code}
        )
    return booking


def check_in_refusal(booking: Booking, *, today: dt.date | None = None) -> str:
    """Why this booking cannot be checked in now, or ""."""
    today = today or timezone.localdate()
    if booking.status == Booking.Status.CANCELLED:
        return _("Booking %(code)s was cancelled on %(when)s by %(by)s.") % {
            "code": booking.code,
            "when": date_format(timezone.localtime(booking.cancelled_at), "SHORT_DATETIME_FORMAT"),
            "by": booking.get_cancelled_by_display() or _("the shop"),
        }
    if booking.status == Booking.Status.CHECKED_IN:
        return _("Booking %(code)s was already checked in at %(when)s.") % {
            "code": booking.code,
            "when": date_format(timezone.localtime(booking.checked_in_at), "SHORT_DATETIME_FORMAT"),
        }
    session = booking.session
    if session.date != today:
        return _(
            "Booking %(code)s is for the session on %(when)s, not today: check it in on that day."
        ) % {"code": booking.code, "when": describe_session(session.date, session.starts_at)}
    if session.is_closed:
        return _("This session was closed: %(reason)s") % {"reason": session.closed_reason}
    return ""


def check_in(*, producer, code: str, user, today: dt.date | None = None) -> Booking:
    """Mark the producer's booking `code` checked in, once, on its session's day."""
    booking = find_booking(producer, code)
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        locked.session = booking.session
        refusal = check_in_refusal(locked, today=today)
        if refusal:
            raise HostingRefused(refusal)
        locked.status = Booking.Status.CHECKED_IN
        locked.checked_in_at = timezone.now()
        locked.checked_in_by = user
        locked.save(update_fields=["status", "checked_in_at", "checked_in_by"])
    booking.status, booking.checked_in_at = locked.status, locked.checked_in_at
    return booking


# --- programme figures ---------------------------------------------------------------


def visitors_by_village(
    *, today: dt.date, months: int = VISITOR_MONTHS, ahead: int = VISITOR_MONTHS_AHEAD
) -> dict:
    """People booked and checked in per craft village per month, in one query.

    Counted by the session's month, over the `months` months up to and
    including this one and the `ahead` months after it (people booked to
    come); a booking counts as booked unless cancelled, and as visited once
    checked in. Experiences whose producer has no village are counted under
    "no village".
    """
    first = today.replace(day=1)
    for _step in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    month_list = [first]
    while len(month_list) < months + ahead:
        month_list.append((month_list[-1] + dt.timedelta(days=32)).replace(day=1))
    end = (month_list[-1] + dt.timedelta(days=32)).replace(day=1)
    people = Sum("adults") + Sum("children")
    rows = (
        Booking.objects.filter(session__date__gte=first, session__date__lt=end)
        .exclude(status=Booking.Status.CANCELLED)
        .annotate(month=TruncMonth("session__date"))
        .values(
            "month",
            "session__experience__product__producer__craft_village_id",
            "session__experience__product__producer__craft_village__name",
        )
        .annotate(
            booked=people,
            visited=Sum("adults", filter=Q(status=Booking.Status.CHECKED_IN))
            + Sum("children", filter=Q(status=Booking.Status.CHECKED_IN)),
            bookings=Count("id"),
        )
        .order_by()
    )
    index = {m: i for i, m in enumerate(month_list)}
    villages: dict[int | None, dict] = {}
    for row in rows:
        name = row["session__experience__product__producer__craft_village__name"] or _("no village")
        entry = villages.setdefault(
            row["session__experience__product__producer__craft_village_id"],
            {"name": name, "visited": [0] * len(month_list), "booked": [0] * len(month_list)},
        )
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        i = index[month]
        entry["visited"][i] += row["visited"] or 0
        entry["booked"][i] += row["booked"] or 0
    table = []
    for entry in villages.values():
        entry["cells"] = list(zip(month_list, entry["visited"], entry["booked"], strict=True))
        entry["total_visited"] = sum(entry["visited"])
        entry["total_booked"] = sum(entry["booked"])
        table.append(entry)
    table.sort(key=lambda e: (-e["total_visited"], -e["total_booked"], e["name"]))
    return {"months": month_list, "villages": table}
