"""A month of consignment at two stores: producers, members, terms and dated movements."""

import datetime as dt
from decimal import Decimal

import pytest
from oscar.apps.order.processing import EventHandler
from oscar.test.factories import UserFactory

from catalogue.models import ProducerMembership
from storefront.consignment import services
from storefront.consignment.models import SupplyTerms
from storefront.order import services as order_services
from storefront.partner import services as stock
from storefront.partner.models import StockMovement
from storefront.partner.selectors import SHOP_ZONE
from storefront.shipping.methods import HomeDelivery, PickupAtStore
from tests.catalogue.conftest import make_producer
from tests.order.conftest import make_basket, place  # noqa: F401
from tests.partner.conftest import *  # noqa: F403  (stores, managers, stocked products)
from tests.partner.conftest import stocked_product

Reason = StockMovement.Reason
Kind = SupplyTerms.Kind


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHOP_ZONE)


def dated(movement_or_none, when: dt.datetime):
    """Move the latest movement (or the one given) to `when`, as if it happened then.

    Movements are stamped by the database clock; a month of activity is
    replayed here in minutes and then spread over the month, in the order
    it happened.
    """
    movement = movement_or_none or StockMovement.objects.latest("pk")
    StockMovement.objects.filter(pk=movement.pk).update(created_at=when)
    return movement


@pytest.fixture
def month():
    """Last month: (first day, last day)."""
    first_of_this = dt.date.today().replace(day=1)
    last = first_of_this - dt.timedelta(days=1)
    return last.replace(day=1), last


@pytest.fixture
def gom(db):
    return make_producer(name="HTX Gốm Phù Lãng", slug="htx-gom-phu-lang")


@pytest.fixture
def dong(db):
    return make_producer(name="Công ty Đồng Đại Bái", slug="cong-ty-dong-dai-bai")


@pytest.fixture
def gom_member(gom):
    user = UserFactory(email="member@example.vn")
    ProducerMembership.objects.create(producer=gom, user=user)
    return user


@pytest.fixture
def dong_member(dong):
    user = UserFactory(email="other@example.vn")
    ProducerMembership.objects.create(producer=dong, user=user)
    return user


@pytest.fixture
def staff(db):
    return UserFactory(email="officer@example.vn", is_staff=True)


@pytest.fixture
def gom_products(gom, store_a, store_b, month):
    """Two products of the pottery cooperative: 10 + 4 at store A, 5 at B, before the month."""
    vase, (vase_a, vase_b) = stocked_product(
        "Bình gốm Phù Lãng", "OCOP-BINH", (store_a, 10), (store_b, 5), price="125000"
    )
    bowl, (bowl_a,) = stocked_product("Bát gốm men lam", "OCOP-BAT", (store_a, 4), price="333333")
    for product in (vase, bowl):
        product.producer = gom
        product.save()
    before = at(month[0] - dt.timedelta(days=3))
    StockMovement.objects.filter(reason=StockMovement.Reason.OPENING).update(created_at=before)
    return {"vase": vase, "vase_a": vase_a, "vase_b": vase_b, "bowl": bowl, "bowl_a": bowl_a}


@pytest.fixture
def dong_product(dong, store_a, month):
    drum, (drum_a,) = stocked_product(
        "Trống đồng Đại Bái", "OCOP-TRONG", (store_a, 2), price="3200000"
    )
    drum.producer = dong
    drum.save()
    StockMovement.objects.filter(stockrecord=drum_a).update(
        created_at=at(month[0] - dt.timedelta(days=3))
    )
    return drum, drum_a


def change(record, reason, when, *, user, delta=None, new_quantity=None):
    movement = stock.change_stock(
        stockrecord=record, reason=reason, user=user, delta=delta, new_quantity=new_quantity
    )
    return dated(movement, when)


@pytest.fixture
def terms(gom_products, store_a, manager_a, month):
    first = month[0]
    vase_old = services.set_terms(
        store=store_a,
        product=gom_products["vase"],
        kind=Kind.CONSIGNMENT,
        producer_price=Decimal(90000),
        damage_borne_by=SupplyTerms.DamageBorneBy.STORE,
        starts_on=first,
        user=manager_a,
    )
    vase_new = services.set_terms(
        store=store_a,
        product=gom_products["vase"],
        kind=Kind.CONSIGNMENT,
        producer_price=Decimal(95000),
        damage_borne_by=SupplyTerms.DamageBorneBy.STORE,
        starts_on=first + dt.timedelta(days=14),
        user=manager_a,
    )
    bowl = services.set_terms(
        store=store_a,
        product=gom_products["bowl"],
        kind=Kind.COMMISSION,
        commission_percent=Decimal("12.5"),
        starts_on=first,
        user=manager_a,
    )
    return vase_old, vase_new, bowl


@pytest.fixture
def month_of_activity(gom_products, terms, store_a, manager_a, month, make_basket):  # noqa: F811
    """The month at store A; returns the day after it, when the statement is made."""
    first = month[0]
    day = lambda n: first + dt.timedelta(days=n - 1)  # noqa: E731
    vase_a, bowl_a, vase = gom_products["vase_a"], gom_products["bowl_a"], gom_products["vase"]
    change(vase_a, Reason.RECEIVED, at(day(2)), user=manager_a, delta=20)  # 30
    change(vase_a, Reason.SOLD_IN_STORE, at(day(5)), user=manager_a, delta=3)  # 27
    change(bowl_a, Reason.SOLD_IN_STORE, at(day(6)), user=manager_a, delta=1)  # bowl 3
    # A delivery order of one bowl, handed over by Oscar's shipping event (no order number
    # reaches the movement that way: the sale price recorded on the movement values it).
    delivery = place(make_basket((gom_products["bowl"], 1), store_id=store_a.pk), HomeDelivery())
    dated(
        StockMovement.objects.get(reason=Reason.ALLOCATED, order_number=delivery.number), at(day(7))
    )
    EventHandler().consume_stock_allocations(delivery)
    dated(None, at(day(7), 15))  # bowl 2
    # A pickup order of two vases, collected on the 20th.
    pickup = place(make_basket((vase, 2)), PickupAtStore(store_a))
    dated(
        StockMovement.objects.get(reason=Reason.ALLOCATED, order_number=pickup.number), at(day(19))
    )
    order_services.mark_ready_for_pickup(order=pickup, user=manager_a)
    order_services.mark_collected(order=pickup, user=manager_a)
    dated(None, at(day(20)))  # 25
    change(vase_a, Reason.DAMAGED, at(day(21)), user=manager_a, delta=1)  # 24
    change(vase_a, Reason.RETURNED, at(day(22)), user=manager_a, delta=1)  # 25
    change(vase_a, Reason.RETURNED_TO_PRODUCER, at(day(23)), user=manager_a, delta=2)  # 23
    change(vase_a, Reason.STOCK_TAKE, at(day(28)), user=manager_a, new_quantity=22)  # 22
    return {"pickup": pickup, "delivery": delivery}
