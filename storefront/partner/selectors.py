"""Read queries about stores and their stock, for shop views, store pages and Wagtail.

Times are judged in the shop's zone (Asia/Ho_Chi_Minh, settings.TIME_ZONE)
whatever zone the caller's datetime is in.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from catalogue.models import Producer, Product
from storefront.partner.models import Partner, StockMovement, StockRecord, StoreOpeningHours
from storefront.text import fold

SHOP_ZONE = ZoneInfo(settings.TIME_ZONE)


def stores() -> QuerySet[Partner]:
    """Every store with its hours and closures prefetched, by name."""
    return Partner.objects.prefetch_related("opening_hours", "closures").order_by("name")


def store_detail(slug: str) -> Partner | None:
    return stores().filter(slug=slug).first()


def managed_stores(user) -> QuerySet[Partner]:
    """The stores a user may run: their own; every store for staff."""
    if not user.is_authenticated or not user.is_active:
        return Partner.objects.none()
    if user.is_staff:
        return Partner.objects.order_by("name")
    return user.managed_stores.order_by("name")


@dataclass(frozen=True)
class DayHours:
    weekday: int
    label: str
    opens: dt.time | None
    closes: dt.time | None

    @property
    def is_closed(self) -> bool:
        return self.opens is None


def weekly_hours(store: Partner) -> list[DayHours]:
    """Monday to Sunday, closed days included, from prefetched rows."""
    by_day = {hours.weekday: hours for hours in store.opening_hours.all()}
    week = []
    for weekday, label in StoreOpeningHours.WEEKDAYS:
        hours = by_day.get(weekday)
        week.append(DayHours(weekday, str(label), hours and hours.opens, hours and hours.closes))
    return week


def is_open_now(store: Partner, at: dt.datetime | None = None) -> bool:
    """Whether the store is open at `at` (default now), local time in Vietnam.

    A closure on that local date wins over the weekday's hours; the closing
    minute itself counts as closed.
    """
    local = (at or timezone.now()).astimezone(SHOP_ZONE)
    if any(closure.date == local.date() for closure in store.closures.all()):
        return False
    for hours in store.opening_hours.all():
        if hours.weekday == local.weekday():
            return hours.opens <= local.time() < hours.closes
    return False


def upcoming_closures(store: Partner, today: dt.date | None = None) -> list:
    today = today or timezone.now().astimezone(SHOP_ZONE).date()
    return [closure for closure in store.closures.all() if closure.date >= today]


def stock_in_store(store: Partner) -> QuerySet[StockRecord]:
    """Sellable products the store holds with free stock, by title."""
    return (
        StockRecord.objects.filter(partner=store, product__in=Product.objects.public())
        .annotate(free=F("num_in_stock") - Coalesce("num_allocated", 0))
        .filter(free__gt=0)
        .select_related("product")
        .order_by("product__title")
    )


@dataclass(frozen=True)
class StoreStock:
    store: Partner
    available: int

    @property
    def in_stock(self) -> bool:
        return self.available > 0


def availability_by_store(product) -> list[StoreStock]:
    """Free units of `product` at every store that carries it, most first."""
    records = StockRecord.objects.filter(product=product).select_related("partner")
    rows = [StoreStock(r.partner, max(r.net_stock_level, 0)) for r in records]
    return sorted(rows, key=lambda row: (-row.available, row.store.name))


def store_stock(
    store: Partner,
    *,
    query: str = "",
    low_only: bool = False,
    category_id: int | None = None,
    producer_id: int | None = None,
) -> QuerySet[StockRecord]:
    """A store's stock list for its managers, with the filters of the stock page.

    By title, then id so that pages never repeat or skip a product of the same
    name; the product index on (title, id) lets a page read its 50 rows in
    title order instead of joining and sorting every record of the store.
    """
    records = (
        StockRecord.objects.filter(partner=store)
        .select_related("product")
        .order_by("product__title", "product_id")
    )
    if query:
        folded = fold(query)
        records = records.filter(
            Q(product__search_text__contains=folded)
            | Q(product__upc__icontains=query)
            | Q(partner_sku__icontains=query)
        )
    if low_only:
        records = records.annotate(free=F("num_in_stock") - Coalesce("num_allocated", 0)).filter(
            low_stock_threshold__isnull=False, free__lt=F("low_stock_threshold")
        )
    if category_id:
        records = records.filter(product__categories__id=category_id)
    if producer_id:
        records = records.filter(product__producer_id=producer_id)
    return records


def store_producers(store: Partner) -> QuerySet:
    """(pk, name) of the producers with a product stocked at the store, by name.

    For the stock page's producer filter.

    A semi-join per producer rather than DISTINCT over every stock record of
    the store, which grouped all of them on each page view.
    """
    stocked = StockRecord.objects.filter(partner=store, product__producer=OuterRef("pk"))
    return Producer.objects.filter(Exists(stocked)).order_by("name").values_list("pk", "name")


def stock_by_code(store: Partner, code: str) -> QuerySet[StockRecord]:
    """The store's records whose product code (UPC) or store SKU is exactly `code`.

    Case does not matter (a scanner or a hand types either). A code can name two
    records when one product's SKU at this store is another product's UPC.
    """
    return (
        StockRecord.objects.filter(partner=store)
        .filter(Q(product__upc__iexact=code) | Q(partner_sku__iexact=code))
        .select_related("product")
        .order_by("product__title")
    )


def low_stock(store: Partner) -> QuerySet[StockRecord]:
    """Stock records whose free units are under their threshold."""
    return store_stock(store, low_only=True)


def movements(store: Partner) -> QuerySet[StockMovement]:
    return StockMovement.objects.filter(store=store).select_related("product", "user")


@dataclass(frozen=True)
class StoreWeek:
    """One week (Monday to Sunday, shop time) of a store's stock movements."""

    monday: dt.date
    received: int  # units of received deliveries
    sold: int  # units that left the shelf sold: at the counter and handed-over orders
    on_shelf: int  # units in stock at the end of the week (now, for the current week)


SOLD_REASONS = (StockMovement.Reason.SOLD_IN_STORE, StockMovement.Reason.HANDED_OVER)


def weekly_stock(
    store: Partner, *, weeks: int = 12, today: dt.date | None = None
) -> list[StoreWeek]:
    """The last `weeks` weeks (the current one last) of deliveries, sales and stock.

    One aggregate query. Every change of a shelf quantity is a movement from an
    opening quantity of zero (services.py), so the stock at the end of a week
    is the sum of all changes up to then: movements older than the window are
    summed into one bucket that gives the level the window starts from.
    """
    today = today or timezone.now().astimezone(SHOP_ZONE).date()
    first_monday = today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)
    start = dt.datetime.combine(first_monday, dt.time.min, tzinfo=SHOP_ZONE)
    change = F("in_stock_after") - F("in_stock_before")
    rows = (
        StockMovement.objects.filter(store=store)
        .annotate(
            week=Case(
                When(created_at__lt=start, then=Value(None)),
                default=TruncWeek("created_at", tzinfo=SHOP_ZONE),
                output_field=DateTimeField(),
            )
        )
        .values("week")
        .annotate(
            received=Sum(change, filter=Q(reason=StockMovement.Reason.RECEIVED), default=0),
            sold=Sum(-change, filter=Q(reason__in=SOLD_REASONS), default=0),
            change=Sum(change, default=0),
        )
        .order_by()
    )
    by_week, level = {}, 0
    for row in rows:
        if row["week"] is None:
            level = row["change"]
        else:
            by_week[row["week"].astimezone(SHOP_ZONE).date()] = row
    result = []
    for n in range(weeks):
        monday = first_monday + dt.timedelta(weeks=n)
        row = by_week.get(monday, {"received": 0, "sold": 0, "change": 0})
        level += row["change"]
        result.append(StoreWeek(monday, row["received"], row["sold"], level))
    return result
