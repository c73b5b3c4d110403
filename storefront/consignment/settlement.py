"""A settlement statement's figures, computed from the stock movements and orders alone.

For one store, one producer and a period (whole days, shop time), every
product of the producer the store holds gets a stock row

    start + received − sold online − sold in store + returned by customers
          − returned to producer − damaged ± corrections = end

and money lines: units to pay (sales less customers' returns, plus damaged
goods when the terms put them on the store) under the terms in force on the
day of each movement, valued at the producer price, or at the sale price less
the commission. Each line's amount is rounded once, half up, to the whole
đồng, and the total is the sum of the lines, so the printed lines always add
up to the total.

The stock rows reconcile by construction when every change left a movement:
each movement's "before" must be the previous one's "after" (one chain per
stock record, from its opening movement), and the last one must meet the next
movement after the period or, if none, the stock record's quantity now. A
break names the product and the movement where the chain does not meet; such
a statement cannot be sent.
"""

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalogue.models import Producer
from storefront.consignment import figures as figures_module
from storefront.consignment.models import SupplyTerms
from storefront.partner.models import Partner, StockMovement, StockRecord
from storefront.partner.selectors import SHOP_ZONE

Reason = StockMovement.Reason
Kind = SupplyTerms.Kind
ONE = Decimal(1)

# The stock row's column each reason's change is summed into (sign kept: a
# sale's change is negative and is shown as a positive number of units sold).
COLUMN = {
    Reason.RECEIVED: "received",
    Reason.HANDED_OVER: "sold_online",
    Reason.SOLD_IN_STORE: "sold_in_store",
    Reason.RETURNED: "customer_returns",
    Reason.RETURNED_TO_PRODUCER: "returned_to_producer",
    Reason.DAMAGED: "damaged",
}
OUTGOING = {"sold_online", "sold_in_store", "returned_to_producer", "damaged"}
# Movements that change what the store owes: units sold, returned by customers, damaged.
PAYABLE = (Reason.HANDED_OVER, Reason.SOLD_IN_STORE, Reason.RETURNED, Reason.DAMAGED)


def whole_dong(value: Decimal) -> Decimal:
    return Decimal(value).quantize(ONE, rounding=ROUND_HALF_UP)


def period_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[first moment of `start`, first moment after `end`) in the shop's time zone."""
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=SHOP_ZONE),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=SHOP_ZONE),
    )


@dataclass
class StockRow:
    product_id: int
    title: str
    code: str
    start: int
    received: int = 0
    sold_online: int = 0
    sold_in_store: int = 0
    customer_returns: int = 0
    returned_to_producer: int = 0
    damaged: int = 0
    corrections: int = 0
    end: int = 0

    @property
    def reconciles(self) -> bool:
        return (
            self.start
            + self.received
            - self.sold_online
            - self.sold_in_store
            + self.customer_returns
            - self.returned_to_producer
            - self.damaged
            + self.corrections
            == self.end
        )


@dataclass
class MoneyLine:
    product_id: int
    title: str
    terms: SupplyTerms
    units: int = 0
    sales_value: Decimal = Decimal(0)

    @property
    def amount(self) -> Decimal:
        if self.terms.kind == Kind.CONSIGNMENT:
            return whole_dong(self.units * self.terms.producer_price)
        share = (Decimal(100) - self.terms.commission_percent) / Decimal(100)
        return whole_dong(self.sales_value * share)


@dataclass
class Figures:
    rows: list[StockRow] = field(default_factory=list)
    lines: list[MoneyLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


def _terms_by_product(store: Partner, product_ids) -> dict[int, list[SupplyTerms]]:
    by_product = defaultdict(list)
    for terms in SupplyTerms.objects.filter(store=store, product_id__in=product_ids).order_by(
        "product_id", "starts_on"
    ):
        by_product[terms.product_id].append(terms)
    return by_product


def terms_on(terms: list[SupplyTerms], day: dt.date) -> SupplyTerms | None:
    """The terms in force on `day` from a list sorted by start date."""
    i = bisect.bisect_right([t.starts_on for t in terms], day)
    return terms[i - 1] if i else None


def _movement_label(m: StockMovement) -> str:
    when = date_format(m.created_at.astimezone(SHOP_ZONE), "SHORT_DATETIME_FORMAT")
    return _("movement #%(id)d (%(when)s, %(reason)s)") % {
        "id": m.pk,
        "when": when,
        "reason": m.get_reason_display(),
    }


def compute(
    *, store: Partner, producer: Producer, period_start: dt.date, period_end: dt.date
) -> Figures:
    """The statement's figures; three queries whatever the number of products."""
    start_at, end_at = period_bounds(period_start, period_end)
    of_record = StockMovement.objects.filter(stockrecord=OuterRef("pk"))
    records = list(
        StockRecord.objects.filter(partner=store, product__producer=producer)
        .select_related("product")
        .annotate(
            level_before=Subquery(
                of_record.filter(created_at__lt=start_at)
                .order_by("-created_at", "-pk")
                .values("in_stock_after")[:1]
            ),
            next_id=Subquery(
                of_record.filter(created_at__gte=end_at)
                .order_by("created_at", "pk")
                .values("pk")[:1]
            ),
            next_before=Subquery(
                of_record.filter(created_at__gte=end_at)
                .order_by("created_at", "pk")
                .values("in_stock_before")[:1]
            ),
        )
        .order_by("product__title", "product_id")
    )
    movements = list(
        StockMovement.objects.filter(
            store=store,
            stockrecord__in=[r.pk for r in records],
            created_at__gte=start_at,
            created_at__lt=end_at,
        )
        .annotate(price=figures_module.sale_price())
        .order_by("created_at", "pk")
    )
    by_record = defaultdict(list)
    for m in movements:
        by_record[m.stockrecord_id].append(m)
    terms = _terms_by_product(store, [r.product_id for r in records])
    figures = Figures()
    for record in records:
        product = record.product
        title = product.get_title()
        moves = by_record.get(record.pk, [])
        start = record.level_before or 0
        problems_before = len(figures.problems)
        row = StockRow(product.pk, title, product.upc or "", start)
        level = start
        lines: dict[int, MoneyLine] = {}
        for m in moves:
            if m.in_stock_before != level:
                figures.problems.append(
                    _(
                        "%(product)s: %(movement)s starts from %(before)d units, but the "
                        "stock before it was %(level)d (a change without a movement)."
                    )
                    % {
                        "product": title,
                        "movement": _movement_label(m),
                        "before": m.in_stock_before,
                        "level": level,
                    }
                )
            change = m.in_stock_after - m.in_stock_before
            level = m.in_stock_after
            column = COLUMN.get(m.reason, "corrections")
            setattr(row, column, getattr(row, column) + (-change if column in OUTGOING else change))
            if m.reason in PAYABLE and change:
                _add_to_line(figures, lines, m, change, row, terms.get(product.pk, []))
        row.end = level
        if record.next_id is not None:
            if record.next_before != level:
                figures.problems.append(
                    _(
                        "%(product)s: the period ends at %(level)d units but the next "
                        "movement (#%(id)d) starts from %(before)d."
                    )
                    % {
                        "product": title,
                        "level": level,
                        "id": record.next_id,
                        "before": record.next_before,
                    }
                )
        elif (record.num_in_stock or 0) != level:
            figures.problems.append(
                _(
                    "%(product)s: the movements end at %(level)d units but the store's stock "
                    "shows %(stock)d (a change without a movement)."
                )
                % {"product": title, "level": level, "stock": record.num_in_stock or 0}
            )
        if not row.reconciles:
            figures.problems.append(
                _("%(product)s: start, movements and end do not add up.") % {"product": title}
            )
        if not moves and not start and len(figures.problems) == problems_before:
            continue  # nothing held and nothing happened in the period: no row
        figures.rows.append(row)
        figures.lines.extend(line for line in lines.values() if line.units or line.sales_value)
    return figures


def _add_to_line(figures, lines, m, change, row, product_terms) -> None:
    day = m.created_at.astimezone(SHOP_ZONE).date()
    in_force = terms_on(product_terms, day)
    if in_force is None:
        figures.problems.append(
            _("%(product)s: no supply terms in force on %(day)s for %(movement)s.")
            % {
                "product": row.title,
                "day": date_format(day, "SHORT_DATE_FORMAT"),
                "movement": _movement_label(m),
            }
        )
        return
    if in_force.kind == Kind.OUTRIGHT:
        return
    if m.reason == Reason.DAMAGED and in_force.damage_borne_by != SupplyTerms.DamageBorneBy.STORE:
        return
    units = -change  # a sale or damage takes units off (positive); a customer's return adds
    price = m.price  # figures.sale_price(): the one rule for what a unit sold for
    if price is None and in_force.kind == Kind.COMMISSION:
        figures.problems.append(
            _("%(product)s: no sale price known for %(movement)s.")
            % {"product": row.title, "movement": _movement_label(m)}
        )
        return
    line = lines.setdefault(in_force.pk, MoneyLine(m.product_id, row.title, in_force))
    line.units += units
    line.sales_value += whole_dong(units * (price or 0))
