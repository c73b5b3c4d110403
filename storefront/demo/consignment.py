"""Demo consignment at the Từ Sơn store: supply terms, last month's activity, statements.

Three producers with portal users (Phù Lãng pottery, Đông Hồ prints, Đại Bái
bronze) consign one product each; last month's deliveries, counter sales, a
customer's return, goods sent back to a producer and a damaged unit are
recorded through the stock services and then dated into last month (the demo
replays a month in a second). The statements for last month are computed from
them: the pottery's sent to the producer, the others drafts. Prices and
quantities are invented.

Runs once: a store that already has supply terms is left as it is.
"""

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from storefront.consignment import services as settle
from storefront.consignment.models import SupplyTerms
from storefront.partner import services as stock
from storefront.partner.models import Partner, StockMovement, StockRecord
from storefront.partner.selectors import SHOP_ZONE

Changes = Counter[str]
Kind = SupplyTerms.Kind
Reason = StockMovement.Reason

STORE = "ocop-tu-son"
MANAGER = "quanly.tuson"
# producer slug → (kind, producer price as a share of the shelf price, or commission %)
TERMS = {
    "htx-gom-phu-lang": (Kind.CONSIGNMENT, Decimal("0.70")),
    "xuong-tranh-dong-ho": (Kind.COMMISSION, Decimal("15")),
    "htx-duc-dong-dai-bai": (Kind.CONSIGNMENT, Decimal("0.75")),
}
# (day of last month, producer, reason, units): the month at the counter.
ACTIVITY = [
    (2, "htx-gom-phu-lang", Reason.RECEIVED, 12),
    (3, "xuong-tranh-dong-ho", Reason.RECEIVED, 10),
    (5, "htx-gom-phu-lang", Reason.SOLD_IN_STORE, 3),
    (6, "xuong-tranh-dong-ho", Reason.SOLD_IN_STORE, 4),
    (9, "htx-duc-dong-dai-bai", Reason.SOLD_IN_STORE, 1),
    (12, "htx-gom-phu-lang", Reason.DAMAGED, 1),
    (14, "xuong-tranh-dong-ho", Reason.RETURNED, 1),
    (18, "htx-gom-phu-lang", Reason.SOLD_IN_STORE, 5),
    (21, "xuong-tranh-dong-ho", Reason.SOLD_IN_STORE, 2),
    (25, "htx-gom-phu-lang", Reason.RETURNED_TO_PRODUCER, 2),
    (27, "htx-duc-dong-dai-bai", Reason.SOLD_IN_STORE, 1),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHOP_ZONE)


def load_consignment() -> Changes:
    changes = Counter()
    store = Partner.objects.filter(code=STORE).first()
    manager = get_user_model().objects.filter(username=MANAGER).first()
    if store is None or manager is None or SupplyTerms.objects.filter(store=store).exists():
        return changes
    first, last = settle.previous_month(timezone.now().astimezone(SHOP_ZONE).date())
    records = {}
    for slug in TERMS:
        record = (
            StockRecord.objects.filter(partner=store, product__producer__slug=slug)
            .select_related("product__producer")
            .order_by("product__title")
            .first()
        )
        # Only a record with nothing but its opening stock can be given a past month.
        if record is not None and record.movements.exclude(reason=Reason.OPENING).count() == 0:
            records[slug] = record
    for slug, record in records.items():
        record.movements.update(created_at=_at(first - dt.timedelta(days=2), 8))
        kind, figure = TERMS[slug]
        price = None
        if kind == Kind.CONSIGNMENT:
            price = (record.price * figure / 1000).quantize(Decimal(1), ROUND_HALF_UP) * 1000
        settle.set_terms(
            store=store,
            product=record.product,
            kind=kind,
            producer_price=price,
            commission_percent=figure if kind == Kind.COMMISSION else None,
            starts_on=first,
            user=manager,
        )
        changes["new supply terms"] += 1
    for day, slug, reason, units in ACTIVITY:
        record = records.get(slug)
        if record is None:
            continue
        record.refresh_from_db()
        if reason in (Reason.SOLD_IN_STORE, Reason.DAMAGED, Reason.RETURNED_TO_PRODUCER):
            units = min(units, record.net_stock_level)
            if units <= 0:
                continue
        movement = stock.change_stock(
            stockrecord=record, reason=reason, delta=units, user=manager, note="Demo"
        )
        StockMovement.objects.filter(pk=movement.pk).update(
            created_at=_at(first + dt.timedelta(days=day - 1), 10)
        )
        changes["stock movements last month"] += 1
    for slug, record in records.items():
        statement = settle.create_statement(
            store=store,
            producer=record.product.producer,
            period_start=first,
            period_end=last,
            user=manager,
        )
        changes["new statements"] += 1
        if slug == "htx-gom-phu-lang" and not statement.problems:
            settle.send_statement(statement=statement, user=manager)
    return changes
