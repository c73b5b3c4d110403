"""A month of consignment at two stores: producers, members, terms and dated movements."""

import datetime as dt
from decimal import Decimal

import pytest
from oscar.test.factories import UserFactory

from catalogue.models import ProducerMembership
from storefront.partner.models import StockMovement
from storefront.partner.selectors import SHOP_ZONE
from tests.catalogue.conftest import make_producer
from tests.order.conftest import make_basket, place  # noqa: F401
from tests.partner.conftest import *  # noqa: F403  (stores, managers, stocked products)
from tests.partner.conftest import stocked_product


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


MONEY = Decimal
