"""What an experience's product page shows: facts, the calendar, the booking form, the total.

The calendar lists every session of the coming weeks (storefront.experiences.
calendar) with its places left; past, closed and full sessions are shown but
cannot be chosen, and days the host closed say so. The form works without
script: "Show total" reloads the page with the choice in the query string,
"Add to basket" posts it (booking_views.book).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from storefront.experiences import calendar, wording
from storefront.experiences.booking_forms import BookingForm, booking_total
from storefront.experiences.models import Experience
from storefront.experiences.services import experience_of


@dataclass
class Day:
    date: dt.date
    slots: list = field(default_factory=list)
    closed_reason: str | None = None  # set when the host closed the whole day

    @property
    def label(self) -> str:
        return wording.session_date(self.date)


@dataclass
class Week:
    monday: dt.date
    days: list[Day]

    @property
    def open_sessions(self) -> int:
        return sum(1 for day in self.days for slot in day.slots if slot.bookable)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


@dataclass
class BookingPanel:
    experience: Experience
    weeks: list[Week]
    form: BookingForm
    chosen: str
    total: int
    open_week: dt.date | None
    start: dt.date
    earlier: dt.date | None
    later: dt.date | None
    facts: dict

    @property
    def offers(self) -> list[dict]:
        """schema.org Offers, one per session of the calendar that can still be booked.

        For the page's JSON-LD (cms/includes/product_jsonld.html): the price per
        person, the places left as the inventory, bookable until the session starts.
        """
        from cms.schema import offer

        url = self.experience.product.get_absolute_url()
        return [
            offer(
                price=int(self.experience.price_per_person),
                currency="VND",
                available=True,
                url=f"{url}?session={slot.key}",
                availabilityEnds=timezone.make_aware(
                    dt.datetime.combine(slot.date, slot.starts_at)
                ).isoformat(),
                inventoryLevel={"@type": "QuantitativeValue", "value": slot.places_left},
            )
            for week in self.weeks
            for day in week.days
            for slot in day.slots
            if slot.bookable
        ]


def _start(value: str, today: dt.date) -> dt.date:
    try:
        start = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return today
    last = today + dt.timedelta(days=calendar.BOOKING_HORIZON_DAYS - calendar.CALENDAR_DAYS)
    return min(max(start, today), last)


def booking_panel(product, request) -> BookingPanel | None:
    """The booking side of an experience's product page, or None for goods."""
    experience = experience_of(product)
    if experience is None:
        return None
    today = timezone.localdate()
    start = _start(request.GET.get("from", ""), today)
    found = calendar.slots(experience, start=start)
    by_day = {day: Day(day, slots) for day, slots in calendar.days_of(found)}
    end = start + dt.timedelta(days=calendar.CALENDAR_DAYS - 1)
    for closure in experience.closed_dates.filter(date__range=(start, end)):
        if experience.runs_on(closure.date):
            day = by_day.setdefault(closure.date, Day(closure.date))
            day.closed_reason = closure.reason
    weeks: dict[dt.date, Week] = {}
    for day in sorted(by_day):
        monday = day - dt.timedelta(days=day.weekday())
        weeks.setdefault(monday, Week(monday, [])).days.append(by_day[day])

    asked = {key for key in ("session", "adults", "children") if key in request.GET}
    form = BookingForm(
        request.GET if asked else None,
        experience=experience,
        basket=request.basket,
        initial={"adults": experience.min_people},
    )
    # The total for the people asked for (or the smallest group), shown before
    # adding; with a session not chosen yet the form says so beside it.
    adults, children = experience.min_people, 0
    if asked:
        form.is_valid()
        if "adults" in form.cleaned_data and not form.has_error("children"):
            adults = form.cleaned_data["adults"] or 0
            children = form.cleaned_data.get("children") or 0
    total = booking_total(experience, adults=adults, children=children)
    earlier = start - dt.timedelta(days=calendar.CALENDAR_DAYS) if start > today else None
    later = end + dt.timedelta(days=1)
    if later > _start(later.isoformat(), today):
        later = None
    chosen = request.GET.get("session", "")
    open_week = next(
        (w.monday for w in weeks.values() if any(s.key == chosen for d in w.days for s in d.slots)),
        next((w.monday for w in weeks.values() if w.open_sessions), None),
    )
    return BookingPanel(
        experience=experience,
        weeks=list(weeks.values()),
        form=form,
        chosen=chosen,
        open_week=open_week,
        total=total,
        start=start,
        earlier=max(earlier, today) if earlier else None,
        later=later,
        facts={
            "duration": wording.duration_label(experience.duration_minutes),
            "group": wording.group_label(experience),
            "languages": wording.languages_label(experience),
            "cancellation": wording.cancellation_rule(experience),
        },
    )
