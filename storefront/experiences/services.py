"""Booking places in experience sessions: the one way `Session.booked` changes.

Places are taken when the order is placed, inside the order's transaction,
with the session's row locked: of any number of shoppers racing for the last
places, exactly those that fit get them and the others' orders roll back
whole with a message naming the session. Sessions are locked in one order
(experience, date, time) so two orders never wait on each other. Places
come back when the order's reservations are released (cancelled, unpaid in
time, not collected: storefront.order.services.release_order_stock) and
when the customer cancels within the experience's rule.
"""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from storefront.experiences import calendar
from storefront.experiences.models import Booking, Experience, Session, parse_session_key

SESSION_OPTION, TICKET_OPTION = "session", "ticket"
ADULT, CHILD = "adult", "child"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


BOOKING_OPTIONS = {
    SESSION_OPTION: "Buổi trải nghiệm / Session",
    TICKET_OPTION: "Loại vé / Ticket",
}


def booking_options() -> dict:
    """The product options an experience's basket lines carry, made on first use.

    `session` names the session (2026-12-15T08:00), `ticket` adult or child.
    """
    from oscar.core.loading import get_model

    Option = get_model("catalogue", "Option")
    return {
        code: Option.objects.get_or_create(
            code=code, defaults={"name": name, "type": Option.TEXT, "required": False}
        )[0]
        for code, name in BOOKING_OPTIONS.items()
    }


class BookingRefused(Exception):
    """The places asked for cannot be booked; the message is for the shopper."""


def experience_of(product) -> Experience | None:
    """The product's experience, or None for goods (and tickets without a schedule).

    Goods need shipping, so their product class answers without a query;
    listings load `experience` with the product (catalogue.selectors).
    """
    if product is None or product.get_product_class().requires_shipping:
        return None
    try:
        return product.experience
    except ObjectDoesNotExist:
        return None


def new_booking_code() -> str:
    """Eight characters from 32 (10¹² codes), no 0/O or 1/I to misread at the gate."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Booking.objects.filter(code=code).exists():
            return code


def describe_session(day: dt.date, starts_at: dt.time) -> str:
    return f"{date_format(day, 'SHORT_DATE_FORMAT')} {starts_at:%H:%M}"


@dataclass
class _Wanted:
    experience: Experience
    adults: int = 0
    children: int = 0
    titles: set = field(default_factory=set)

    @property
    def people(self) -> int:
        return self.adults + self.children


def line_options(line) -> dict[str, str]:
    """A basket or order line's option values by option code."""
    values = getattr(line, "_option_values", None)
    if values is not None or line.pk is None:
        return values or {}
    return {a.option.code: a.value for a in line.attributes.all() if a.option_id}


def check_group(experience: Experience, people: int) -> str:
    """Why a group of `people` cannot book this experience, or ""."""
    if people < experience.min_people:
        return _("This experience needs at least %(count)d people.") % {
            "count": experience.min_people
        }
    if people > experience.max_people:
        return _("At most %(count)d people can book together.") % {"count": experience.max_people}
    return ""


def reserve_for_order(order, *, language: str = "vi", now: dt.datetime | None = None):
    """Take the places of every experience line of `order`; returns its bookings.

    Must run inside the order's transaction: a refusal raises BookingRefused
    and the caller rolls the whole order back.
    """
    wanted: dict[tuple, _Wanted] = {}
    lines = order.lines.select_related("product__product_class", "product__experience")
    for line in lines.prefetch_related("attributes__option"):
        experience = experience_of(line.product)
        if experience is None:
            continue
        options = line_options(line)
        parsed = parse_session_key(options.get(SESSION_OPTION, ""))
        if parsed is None:
            raise BookingRefused(_("Choose a session for “%(product)s”.") % {"product": line.title})
        key = (experience.pk, *parsed)
        item = wanted.setdefault(key, _Wanted(experience))
        if options.get(TICKET_OPTION) == CHILD:
            item.children += line.quantity
        else:
            item.adults += line.quantity
        item.titles.add(line.title)
    bookings = []
    for key in sorted(wanted):
        item = wanted[key]
        _experience_id, day, starts_at = key
        bookings.append(_reserve(item, day, starts_at, order=order, language=language, now=now))
    return bookings


def _reserve(item: _Wanted, day, starts_at, *, order, language, now) -> Booking:
    experience = item.experience
    title = experience.product.get_title()
    when = describe_session(day, starts_at)
    refusal = check_group(experience, item.people)
    if refusal:
        raise BookingRefused(f"{title}: {refusal}")
    found = calendar.slot(experience, day, starts_at, now=now)
    if found is None:
        raise BookingRefused(
            _("“%(product)s” has no session at %(when)s.") % {"product": title, "when": when}
        )
    session = _locked_session(experience, day, starts_at, capacity=found.capacity)
    # Read again under the lock: the slot above was read without one.
    found = calendar.Slot(
        day,
        starts_at,
        session.capacity,
        session.booked,
        closed=session.is_closed or found.closed,
        too_soon=found.too_soon,
    )
    refusal = found.refusal(item.people)
    if refusal:
        raise BookingRefused(f"{title}, {when}: {refusal}")
    Session.objects.filter(pk=session.pk).update(booked=F("booked") + item.people)
    return Booking.objects.create(
        code=new_booking_code(),
        order=order,
        session=session,
        adults=item.adults,
        children=item.children,
        language=language,
    )


def _locked_session(experience, day, starts_at, *, capacity: int) -> Session:
    session, _created = Session.objects.get_or_create(
        experience=experience, date=day, starts_at=starts_at, defaults={"capacity": capacity}
    )
    return lock_session(session.pk)


def lock_session(pk: int) -> Session:
    return Session.objects.select_for_update().get(pk=pk)


def release_booking(booking: Booking, *, by: str, now: dt.datetime | None = None) -> int:
    """Give back one booking's places and cancel it; the caller holds the transaction."""
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if not locked.is_active:
        return 0
    lock_session(locked.session_id)
    Session.objects.filter(pk=locked.session_id).update(booked=F("booked") - locked.people)
    locked.status = Booking.Status.CANCELLED
    locked.cancelled_at = now or timezone.now()
    locked.cancelled_by = by
    locked.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    booking.status, booking.cancelled_at, booking.cancelled_by = (
        locked.status,
        locked.cancelled_at,
        locked.cancelled_by,
    )
    return locked.people


def release_order_places(*, order, by: str = Booking.CancelledBy.SHOP) -> int:
    """Give back every place the order still holds; returns the people released."""
    released = 0
    with transaction.atomic():
        for booking in order.bookings.filter(status=Booking.Status.BOOKED).order_by("session_id"):
            released += release_booking(booking, by=by)
    return released


def cancellation_deadline(booking: Booking) -> dt.datetime:
    hours = booking.session.experience.free_cancellation_hours
    return booking.session.starts - dt.timedelta(hours=hours)


def cancellation_refusal(booking: Booking, *, now: dt.datetime | None = None) -> str:
    """Why the customer cannot cancel this booking themselves, or ""."""
    now = now or timezone.now()
    if booking.status == Booking.Status.CANCELLED:
        return _("This booking is already cancelled.")
    if booking.status == Booking.Status.CHECKED_IN:
        return _("This booking has been used.")
    deadline = cancellation_deadline(booking)
    if now >= deadline:
        return _(
            "Free cancellation ended on %(deadline)s (%(hours)d hours before the session). "
            "Please contact the host."
        ) % {
            "deadline": date_format(timezone.localtime(deadline), "SHORT_DATETIME_FORMAT"),
            "hours": booking.session.experience.free_cancellation_hours,
        }
    return ""


def cancel_booking(*, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """The customer cancels within the rule; raises BookingRefused outside it."""
    with transaction.atomic():
        locked = Booking.objects.select_for_update().select_related("session__experience")
        locked = locked.get(pk=booking.pk)
        refusal = cancellation_refusal(locked, now=now)
        if refusal:
            raise BookingRefused(refusal)
        release_booking(locked, by=Booking.CancelledBy.CUSTOMER, now=now)
    return locked


def booking_amount(booking: Booking) -> int:
    """What the order charged for this booking's places (its lines for the session), in đồng."""
    total = 0
    lines = booking.order.lines.filter(product__experience=booking.session.experience)
    for line in lines.prefetch_related("attributes__option"):
        if line_options(line).get(SESSION_OPTION) == booking.session.key:
            total += int(line.line_price_incl_tax)
    return total


def settle_cancelled_booking(*, booking: Booking, user=None) -> str:
    """The money side of a cancelled booking, once: returns what was done.

    - "refund": paid by card; a refund of the booking's amount is reserved
      under the payment's lock and sent after commit by the payment queue
      (never from inside this transaction), so one failing refund stops no
      other booking's;
    - "cancelled": nothing was paid and nothing else in the order is still
      wanted; the order is cancelled;
    - "attention": money came another way (bank transfer); staff are asked
      to refund it by hand;
    - "": nothing to do (already settled, or other parts of the order stand).
    """
    from storefront.payment import services as payments
    from storefront.payment.models import OrderPayment, PaymentRefund

    with transaction.atomic():
        locked = Booking.objects.select_for_update().select_related("order").get(pk=booking.pk)
        if locked.is_active or locked.settled_at:
            return ""
        locked.settled_at = timezone.now()
        locked.save(update_fields=["settled_at"])
        order = locked.order
        payment = OrderPayment.objects.select_for_update().filter(order=order).first()
        amount = booking_amount(locked)
        if payment and payment.is_paid and amount:
            return payments.refund_cancelled_part(
                payment=payment,
                amount=amount,
                reason=PaymentRefund.Reason.BOOKING,
                note=_("Booking %(code)s was cancelled; refund %(amount)s ₫ by hand.")
                % {"code": locked.code, "amount": amount},
                user=user,
            )
        if _nothing_else_wanted(order):
            payments.set_order_status(order, payments.ORDER_STATUS_CANCELLED)
            return "cancelled"
    return ""


def _nothing_else_wanted(order) -> bool:
    has_goods = order.lines.filter(stockrecord__isnull=False).exists()
    still_booked = order.bookings.exclude(status=Booking.Status.CANCELLED).exists()
    return not has_goods and not still_booked
