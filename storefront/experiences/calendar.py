"""Which sessions of an experience exist, and which can still be booked.

The schedule (weekdays, season, closed dates, daily start times) says which
sessions exist; `Session` rows add what has happened to them (places booked,
closed by the host). Every page and check that asks "can this session be
booked?" comes here: the product page's calendar, the booking form, the
basket (through the strategy) and order placement, which asks again under
the session's row lock (storefront.experiences.services).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from storefront.experiences.models import Experience, Session, session_key

CALENDAR_DAYS = 42  # six weeks on the product page
BOOKING_HORIZON_DAYS = 365


@dataclass(frozen=True)
class Slot:
    date: dt.date
    starts_at: dt.time
    capacity: int
    booked: int
    closed: bool
    too_soon: bool  # in the past or inside the booking lead time

    @property
    def key(self) -> str:
        return session_key(self.date, self.starts_at)

    @property
    def places_left(self) -> int:
        if self.closed or self.too_soon:
            return 0
        return max(0, self.capacity - self.booked)

    @property
    def bookable(self) -> bool:
        return self.places_left > 0

    @property
    def state(self) -> str:
        if self.too_soon:
            return "past"
        if self.closed:
            return "closed"
        return "open" if self.places_left else "full"

    def refusal(self, people: int = 1) -> str:
        """Why `people` cannot book this slot, or "" when they can."""
        if self.too_soon:
            return _("This session can no longer be booked; choose a later one.")
        if self.closed:
            return _("The host has closed this session; choose another one.")
        if self.places_left < people:
            if not self.places_left:
                return _("This session is full; choose another one.")
            return _("Only %(count)d places are left in this session.") % {
                "count": self.places_left
            }
        return ""


def earliest_start(experience: Experience, now: dt.datetime | None = None) -> dt.datetime:
    """Sessions starting before this moment cannot be booked any more."""
    now = timezone.localtime(now)
    if experience.lead_days == 0:
        return now
    first_day = now.date() + dt.timedelta(days=experience.lead_days)
    return timezone.make_aware(dt.datetime.combine(first_day, dt.time.min))


def slots(
    experience: Experience,
    *,
    start: dt.date | None = None,
    days: int = CALENDAR_DAYS,
    now: dt.datetime | None = None,
) -> list[Slot]:
    """Every session from `start` for `days` days, booked or not, in time order.

    Two queries: the closed dates and the sessions already written.
    """
    now = timezone.localtime(now)
    start = start or now.date()
    end = start + dt.timedelta(days=days - 1)
    cutoff = earliest_start(experience, now)
    closed_days = set(
        experience.closed_dates.filter(date__range=(start, end)).values_list("date", flat=True)
    )
    written = {
        (s.date, s.starts_at): s
        for s in Session.objects.filter(experience=experience, date__range=(start, end))
    }
    times = list(experience.times.all())
    found: dict[tuple[dt.date, dt.time], Slot] = {}
    day = start
    while day <= end:
        if experience.runs_on(day) and day not in closed_days:
            for time in times:
                found[(day, time.starts_at)] = _slot(day, time.starts_at, time.capacity, cutoff)
        day += dt.timedelta(days=1)
    # Written sessions override the schedule: their capacity is what was sold
    # against, and one the schedule no longer lists still holds bookings.
    for (day, starts_at), session in written.items():
        found[(day, starts_at)] = _slot(
            day,
            starts_at,
            session.capacity,
            cutoff,
            booked=session.booked,
            closed=session.is_closed or day in closed_days,
        )
    return [found[key] for key in sorted(found)]


def _slot(day, starts_at, capacity, cutoff, *, booked=0, closed=False) -> Slot:
    starts = timezone.make_aware(dt.datetime.combine(day, starts_at))
    return Slot(day, starts_at, capacity, booked, closed, too_soon=starts < cutoff)


def slot(
    experience: Experience, day: dt.date, starts_at: dt.time, *, now: dt.datetime | None = None
) -> Slot | None:
    """The one session at `day` and `starts_at`, or None when there is no such session."""
    today = timezone.localdate(now)
    if day > today + dt.timedelta(days=BOOKING_HORIZON_DAYS):
        return None
    for found in slots(experience, start=day, days=1, now=now):
        if found.starts_at == starts_at:
            return found
    return None


def days_of(found: list[Slot]) -> list[tuple[dt.date, list[Slot]]]:
    """Slots grouped by day, for a calendar."""
    by_day: dict[dt.date, list[Slot]] = {}
    for item in found:
        by_day.setdefault(item.date, []).append(item)
    return list(by_day.items())
