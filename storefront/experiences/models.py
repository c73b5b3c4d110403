"""Cultural-tourism experiences (OCOP group 6): schedules, sessions and bookings.

An experience is sold by the place, not from a shelf: it has no stock
record and no store. Its schedule (weekdays, season, closed dates, daily
start times with a capacity each) says which sessions exist; a `Session`
row is written the first time a session is booked or closed, and its
`booked` counter is the one number every booking path changes, under a row
lock (storefront.experiences.services). The database refuses a counter
above the capacity, whichever code writes it.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def _validate_weekdays(value: str) -> None:
    if not value or any(c not in "0123456" for c in value) or len(set(value)) != len(value):
        raise ValidationError(_("Choose at least one day of the week."))


class Experience(models.Model):
    """What a host offers, per person, on a schedule."""

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="experience",
        verbose_name=_("product"),
    )
    price_per_person = models.DecimalField(
        _("price per person (₫)"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    child_price = models.DecimalField(
        _("price per child (₫)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty when children pay the full price."),
    )
    min_people = models.PositiveSmallIntegerField(
        _("minimum group size"), default=1, validators=[MinValueValidator(1)]
    )
    max_people = models.PositiveSmallIntegerField(
        _("maximum group size"), default=10, validators=[MinValueValidator(1)]
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(15)]
    )
    meeting_point = models.CharField(_("meeting point"), max_length=255)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    in_vietnamese = models.BooleanField(_("offered in Vietnamese"), default=True)
    in_english = models.BooleanField(_("offered in English"), default=False)
    included = models.TextField(_("what is included"), blank=True)
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    weekdays = models.CharField(
        _("days it runs"),
        max_length=7,
        default="0123456",
        validators=[_validate_weekdays],
        help_text=_("Days of the week, 0 = Monday … 6 = Sunday."),
    )
    season_start = models.DateField(_("season from"), null=True, blank=True)
    season_end = models.DateField(_("season until"), null=True, blank=True)
    lead_days = models.PositiveSmallIntegerField(
        _("book at least (days ahead)"),
        default=1,
        help_text=_("0 lets people book a session later today."),
    )
    free_cancellation_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"), default=48
    )

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_people__lte=F("max_people")), name="experience_group_bounds"
            ),
            models.CheckConstraint(
                condition=Q(season_start__isnull=True)
                | Q(season_end__isnull=True)
                | Q(season_start__lte=F("season_end")),
                name="experience_season_order",
            ),
        ]

    def __str__(self) -> str:
        return self.product.get_title()

    def clean(self):
        if self.min_people and self.max_people and self.min_people > self.max_people:
            raise ValidationError(
                {"max_people": _("The maximum group size cannot be below the minimum.")}
            )
        if self.season_start and self.season_end and self.season_start > self.season_end:
            raise ValidationError({"season_end": _("The season must end after it starts.")})

    @property
    def host(self):
        return self.product.producer

    @property
    def has_child_price(self) -> bool:
        return self.child_price is not None

    @property
    def languages(self) -> list[str]:
        return [code for code, on in (("vi", self.in_vietnamese), ("en", self.in_english)) if on]

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            "https://www.openstreetmap.org/?mlat="
            f"{self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"
        )

    def runs_on(self, day: dt.date) -> bool:
        """The schedule's rule for a day, closed dates aside."""
        if str(day.weekday()) not in self.weekdays:
            return False
        if self.season_start and day < self.season_start:
            return False
        return not (self.season_end and day > self.season_end)


class SessionTime(models.Model):
    """A start time the experience runs at on every day it runs."""

    experience = models.ForeignKey(
        Experience, on_delete=models.CASCADE, related_name="times", verbose_name=_("experience")
    )
    starts_at = models.TimeField(_("starts at"))
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1)], help_text=_("People per session.")
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session time")
        verbose_name_plural = _("session times")
        constraints = [
            models.UniqueConstraint(fields=["experience", "starts_at"], name="one_time_per_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_time_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}"


class ClosedDate(models.Model):
    experience = models.ForeignKey(
        Experience,
        on_delete=models.CASCADE,
        related_name="closed_dates",
        verbose_name=_("experience"),
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closed date")
        verbose_name_plural = _("closed dates")
        constraints = [
            models.UniqueConstraint(fields=["experience", "date"], name="one_closure_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}"


class Session(models.Model):
    """One run of an experience: a date and a start time, with its places.

    Written when first booked or closed; the capacity is copied from the
    schedule then, so a later schedule change never overbooks a session
    people already hold places in.
    """

    experience = models.ForeignKey(
        Experience, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("experience")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    booked = models.PositiveSmallIntegerField(_("places booked"), default=0)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["experience", "date", "starts_at"], name="one_session_per_start"
            ),
            # The last word on overbooking: no path can store more places
            # booked than the session has.
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")), name="session_not_overbooked"
            ),
        ]
        indexes = [models.Index(fields=["date", "experience"], name="session_by_date")]

    def __str__(self) -> str:
        return f"{self.experience} · {self.date:%d/%m/%Y} {self.starts_at:%H:%M}"

    @property
    def places_left(self) -> int:
        return 0 if self.closed_at else max(0, self.capacity - self.booked)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def starts(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.starts_at))

    @property
    def key(self) -> str:
        return session_key(self.date, self.starts_at)


def session_key(day: dt.date, starts_at: dt.time) -> str:
    """How a session is named in a basket line and a form: 2026-12-15T08:00."""
    return f"{day.isoformat()}T{starts_at:%H:%M}"


def parse_session_key(value: str) -> tuple[dt.date, dt.time] | None:
    try:
        day, time = str(value).strip().split("T")
        return dt.date.fromisoformat(day), dt.time.fromisoformat(time)
    except (ValueError, TypeError):
        return None


class Booking(models.Model):
    """The places one order holds in one session (adults and children)."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("Checked in")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelledBy(models.TextChoices):
        CUSTOMER = "customer", _("the customer")
        HOST = "host", _("the host (session closed)")
        SHOP = "shop", _("the shop (order cancelled or unpaid)")

    code = models.CharField(_("booking code"), max_length=10, unique=True)
    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="bookings", verbose_name=_("order")
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("session")
    )
    adults = models.PositiveSmallIntegerField(_("adults"), default=0)
    children = models.PositiveSmallIntegerField(_("children"), default=0)
    language = models.CharField(_("language"), max_length=8, default="vi")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.BOOKED
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=16, choices=CancelledBy.choices, blank=True
    )
    # When the money side of a cancellation was settled (refund reserved,
    # unpaid order cancelled): set once, so settling again does nothing.
    settled_at = models.DateTimeField(_("payment settled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        ordering = ["session__date", "session__starts_at", "created_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(fields=["order", "session"], name="one_booking_per_session"),
            models.CheckConstraint(
                condition=Q(adults__gte=0) & Q(children__gte=0), name="booking_people"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def people(self) -> int:
        return self.adults + self.children

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED
