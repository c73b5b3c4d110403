"""Sales figures from the stock movements: for the producer portal and the programme staff.

A sale is a movement that takes units off a shelf to a customer (an order
handed over, a sale at the counter) less customers' returns; its value is
units × the sale price, by the one rule `sale_price()` that the settlement
statements use too, so the portal, the staff figures and the statements agree.
Everything is aggregated in SQL: one query per table whatever the number of
sales.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth

from catalogue import selectors as catalogue_selectors
from storefront.order.models import Line
from storefront.partner.models import StockMovement
from storefront.partner.selectors import SHOP_ZONE

Reason = StockMovement.Reason
SALE_REASONS = (Reason.HANDED_OVER, Reason.SOLD_IN_STORE, Reason.RETURNED)
MONEY = DecimalField(max_digits=14, decimal_places=0)
ONE = Decimal(1)


def sale_price():
    """What one unit of a movement sold for.

    The customer's price on the order line for a handed-over order that names
    its order; otherwise the shelf price recorded on the movement; for
    movements older than that record, the stock record's price now.
    """
    line_price = Subquery(
        Line.objects.filter(
            order__number=OuterRef("order_number"), stockrecord_id=OuterRef("stockrecord_id")
        ).values("unit_price_incl_tax")[:1]
    )
    return Coalesce(line_price, F("unit_price"), F("stockrecord__price"), output_field=MONEY)


def sales_movements(**filters) -> QuerySet[StockMovement]:
    """Sale movements annotated with `units` (sold positive, returns negative), `price`, `value`."""
    units = ExpressionWrapper(F("in_stock_before") - F("in_stock_after"), output_field=MONEY)
    return (
        StockMovement.objects.filter(reason__in=SALE_REASONS, **filters)
        .annotate(sold_units=F("in_stock_before") - F("in_stock_after"), price=sale_price())
        .annotate(
            value=ExpressionWrapper(units * F("price"), output_field=MONEY),
            month=TruncMonth("created_at", tzinfo=SHOP_ZONE),
        )
    )


def totals(queryset, *group_by) -> list[dict]:
    """Units (all, online, in store) and value (whole đồng) per group, in group order."""
    rows = list(
        queryset.values(*group_by)
        .annotate(
            units=Sum("sold_units", default=0),
            online=Sum("sold_units", filter=Q(reason=Reason.HANDED_OVER), default=0),
            in_store=Sum("sold_units", filter=~Q(reason=Reason.HANDED_OVER), default=0),
            total=Coalesce(Sum("value"), Value(0), output_field=MONEY),
        )
        .order_by(*group_by)
    )
    for row in rows:
        # Prices are stored with Oscar's two decimals; every one is a whole đồng.
        row["total"] = row["total"].quantize(ONE)
    return rows


def months_back(today: dt.date, months: int) -> list[dt.date]:
    """The first days of the last `months` months, this one last."""
    first = today.replace(day=1)
    result = [first]
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        result.append(first)
    return result[::-1]


def since(first_month: dt.date) -> dt.datetime:
    return dt.datetime.combine(first_month, dt.time.min, tzinfo=SHOP_ZONE)


def with_rating(queryset):
    """Each sale's product's current OCOP rating and group (latest certificate in force)."""
    current = (
        catalogue_selectors.certificates_in_force()
        .filter(product=OuterRef("product_id"))
        .order_by("-issue_date", "-id")
    )
    return queryset.annotate(
        stars=Subquery(current.values("stars")[:1]),
        group=Subquery(current.values("product_group")[:1]),
    )


@dataclass(frozen=True)
class Dimension:
    key: str  # the GROUP BY expression
    label_key: str  # what to show


# What staff may break the figures down by.
DIMENSIONS = {
    "producer": Dimension("product__producer_id", "product__producer__name"),
    "group": Dimension("group", "group"),
    "stars": Dimension("stars", "stars"),
    "store": Dimension("store_id", "store__name"),
    "province": Dimension("product__producer__province", "product__producer__province"),
}


def programme_headline(sales) -> dict:
    """What the programme reports: units, sales value, of it OCOP (3★+), producers selling."""
    headline = sales.aggregate(
        units=Sum("sold_units", default=0),
        total=Coalesce(Sum("value"), Value(0), output_field=MONEY),
        ocop_total=Coalesce(Sum("value", filter=Q(stars__gte=3)), Value(0), output_field=MONEY),
        producers=Count("product__producer", distinct=True, filter=Q(sold_units__gt=0)),
    )
    headline["total"] = headline["total"].quantize(ONE)
    headline["ocop_total"] = headline["ocop_total"].quantize(ONE)
    return headline
