"""Demo consignment at the Từ Sơn store: supply terms, last month's activity, statements.

Three producers with portal users (Phù Lãng pottery, Đông Hồ prints, Đại Bái
bronze) consign one product each. Last month at the store: deliveries,
counter sales, a customer's return, goods sent back to a producer, a damaged
unit, and online orders — a pickup collected at the counter and two home
deliveries shipped from the store (the shopper's chosen store) — all through
the same services as the shop (stock changes, order placement with its
payment record, the order states, cash received), then dated into last month:
the demo replays a month in a second, and every timestamp keeps the order in
which things happened, so each product's movements still chain. The
statements for last month are computed from them: the pottery's sent to the
producer, the others drafts. Prices, quantities, the customer and her address
are invented.

Runs once: a store that already has supply terms is left as it is.
"""

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.core.prices import Price

from storefront.consignment import services as settle
from storefront.consignment.models import SupplyTerms
from storefront.order import services as orders
from storefront.order.models import Order
from storefront.order.utils import OrderCreator
from storefront.partner import services as stock
from storefront.partner.models import Partner, StockMovement, StockRecord
from storefront.partner.selectors import SHOP_ZONE
from storefront.partner.strategy import MY_STORE_COOKIE, StoreStrategy
from storefront.payment import services as payments
from storefront.payment.models import OrderPayment
from storefront.shipping.methods import HomeDelivery, PickupAtStore

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
OrderStatusChange = get_model("order", "OrderStatusChange")
PaymentEvent = get_model("order", "PaymentEvent")

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
PICKUP = "pickup order"  # ordered online, collected at the counter the same day
DELIVERY = "delivery order"  # ordered online, shipped from the store, delivered the next day
# (day of last month, producer, what happened, units): the month at the store, in order.
ACTIVITY = [
    (2, "htx-gom-phu-lang", Reason.RECEIVED, 12),
    (3, "xuong-tranh-dong-ho", Reason.RECEIVED, 10),
    (5, "htx-gom-phu-lang", Reason.SOLD_IN_STORE, 3),
    (6, "xuong-tranh-dong-ho", Reason.SOLD_IN_STORE, 4),
    (8, "htx-gom-phu-lang", PICKUP, 2),
    (9, "htx-duc-dong-dai-bai", Reason.SOLD_IN_STORE, 1),
    (12, "htx-gom-phu-lang", Reason.DAMAGED, 1),
    (14, "xuong-tranh-dong-ho", Reason.RETURNED, 1),
    (16, "xuong-tranh-dong-ho", DELIVERY, 3),
    (18, "htx-gom-phu-lang", Reason.SOLD_IN_STORE, 5),
    (21, "xuong-tranh-dong-ho", Reason.SOLD_IN_STORE, 2),
    (23, "htx-duc-dong-dai-bai", DELIVERY, 1),
    (25, "htx-gom-phu-lang", Reason.RETURNED_TO_PRODUCER, 2),
    (27, "htx-duc-dong-dai-bai", Reason.SOLD_IN_STORE, 1),
]
CUSTOMER = {
    "first_name": "Nguyễn Thị Hoa",
    "line1": "12 Lý Thái Tổ",
    "line4": "Phường Kinh Bắc",
    "state": "Bắc Ninh",
    "phone_number": "+84912345678",
}
CUSTOMER_EMAIL = "khach.demo@example.com"  # a reserved domain: nothing is ever delivered


class Clock:
    """Timestamps for last month's events, never going back.

    Movements are ordered by their time and then by creation; an event dated
    earlier in the day than one made before it would break the chain.
    """

    def __init__(self, first: dt.date):
        self.first = first
        self.last = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(8), SHOP_ZONE)

    def at(self, day: int, hour: int) -> dt.datetime:
        wanted = dt.datetime.combine(
            self.first + dt.timedelta(days=day - 1), dt.time(hour), SHOP_ZONE
        )
        self.last = max(wanted, self.last + dt.timedelta(minutes=1))
        return self.last


def _dated(movement_ids, when: dt.datetime) -> None:
    StockMovement.objects.filter(pk__in=movement_ids).update(created_at=when)


def _new_movements(record: StockRecord, since_pk: int) -> list[int]:
    return list(record.movements.filter(pk__gt=since_pk).values_list("pk", flat=True))


def _vietnam():
    """The shipping country. Migration address 0008 adds it; a database emptied since (as a
    transactional test does) has lost it, and the demo makes what is missing."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hòa Xã hội Chủ nghĩa Việt Nam",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )
    return country


def _place(store: Partner, record: StockRecord, units: int, *, pickup: bool) -> Order:
    """An order as the checkout places it: stock reserved, payment method recorded."""
    basket = Basket.objects.create()
    basket.strategy = StoreStrategy(store_id=store.pk)
    basket.add_product(record.product, units)
    method = PickupAtStore(store) if pickup else HomeDelivery()
    charge = method.calculate(basket)
    total = Price(
        currency=basket.currency,
        excl_tax=basket.total_excl_tax + charge.excl_tax,
        incl_tax=basket.total_incl_tax + charge.incl_tax,
    )
    # What the checkout passes: the shopper chose this store as "my store",
    # so a delivery is routed to it (storefront.order.routing).
    request = HttpRequest()
    request.COOKIES[MY_STORE_COOKIE] = store.slug
    address = None
    if not pickup:
        address = ShippingAddress.objects.create(country=_vietnam(), **CUSTOMER)
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        shipping_address=address,
        guest_email=CUSTOMER_EMAIL,
        request=request,
    )
    payments.create_order_payment(
        order=order,
        method=OrderPayment.Method.PAY_AT_PICKUP
        if pickup
        else OrderPayment.Method.CASH_ON_DELIVERY,
        language="vi",
    )
    basket.submit()
    return order


def _online_order(
    store: Partner, record: StockRecord, units: int, day: int, clock: Clock, *, kind: str, manager
) -> Order:
    """Place, fulfil and take the cash for an order, then date every step on `day`."""
    pickup = kind == PICKUP
    before = record.movements.order_by("-pk").values_list("pk", flat=True).first() or 0
    order = _place(store, record, units, pickup=pickup)
    if order.fulfilment_store_id != store.pk:
        raise RuntimeError(f"demo order {order.number} was routed to another store")
    placed_at = clock.at(day, 9)
    _dated(_new_movements(record, before), placed_at)
    before = record.movements.order_by("-pk").values_list("pk", flat=True).first()
    if pickup:
        orders.mark_ready_for_pickup(order=order, user=manager)
        orders.mark_collected(order=order, user=manager)
    else:
        orders.start_processing(order=order, user=manager)
        orders.mark_shipped(order=order, user=manager)
    handed_over_at = clock.at(day, 15)
    _dated(_new_movements(record, before), handed_over_at)
    if not pickup:
        orders.mark_delivered(order=order, user=manager)
    payments.mark_cash_paid(order=order, user=manager)
    done_at = handed_over_at if pickup else handed_over_at + dt.timedelta(days=1)
    Order.objects.filter(pk=order.pk).update(
        date_placed=placed_at,
        ready_for_pickup_at=placed_at + dt.timedelta(hours=2) if pickup else None,
        collected_at=handed_over_at if pickup else None,
    )
    for status, when in (
        (orders.BEING_PROCESSED, placed_at + dt.timedelta(hours=1)),
        (orders.READY, placed_at + dt.timedelta(hours=2)),
        (orders.SHIPPED, handed_over_at),
        (orders.COLLECTED, handed_over_at),
        (orders.DELIVERED, done_at),
    ):
        OrderStatusChange.objects.filter(order=order, new_status=status).update(date_created=when)
    OrderPayment.objects.filter(order=order).update(paid_at=done_at)
    PaymentEvent.objects.filter(order=order).update(date_created=done_at)
    return order


def load_consignment() -> Changes:
    changes = Counter()
    store = Partner.objects.filter(code=STORE).first()
    manager = get_user_model().objects.filter(username=MANAGER).first()
    if store is None or manager is None or SupplyTerms.objects.filter(store=store).exists():
        return changes
    first, last = settle.previous_month(timezone.now().astimezone(SHOP_ZONE).date())
    clock = Clock(first)
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
        record.movements.update(created_at=clock.at(-1, 8))
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
    for day, slug, what, units in ACTIVITY:
        record = records.get(slug)
        if record is None:
            continue
        record.refresh_from_db()
        if what in (PICKUP, DELIVERY):
            units = min(units, record.net_stock_level)
            if units > 0:
                _online_order(store, record, units, day, clock, kind=what, manager=manager)
                changes[f"{what}s last month"] += 1
            continue
        if what in (Reason.SOLD_IN_STORE, Reason.DAMAGED, Reason.RETURNED_TO_PRODUCER):
            units = min(units, record.net_stock_level)
            if units <= 0:
                continue
        movement = stock.change_stock(
            stockrecord=record, reason=what, delta=units, user=manager, note="Demo"
        )
        _dated([movement.pk], clock.at(day, 10))
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
