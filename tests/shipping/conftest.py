"""Stores, managers and stocked products for the order tests (same as tests/partner)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from oscar.test.factories import create_product

from storefront.partner.models import Partner
from storefront.partner.services import create_stock_record


@pytest.fixture
def store_a(db):
    return Partner.objects.create(
        name="Cửa hàng OCOP Từ Sơn",
        code="ocop-tu-son",
        commune="Phường Từ Sơn",
        street="88 Minh Khai",
    )


@pytest.fixture
def store_b(db):
    return Partner.objects.create(
        name="Cửa hàng OCOP Gia Bình", code="ocop-gia-binh", commune="Xã Gia Bình"
    )


@pytest.fixture
def manager_a(store_a):
    user = get_user_model().objects.create_user(
        username="quanly.a", email="a@ocop.local", password="pw-A-123456"
    )
    store_a.managers.add(user)
    return user


@pytest.fixture
def manager_b(store_b):
    user = get_user_model().objects.create_user(
        username="quanly.b", email="b@ocop.local", password="pw-B-123456"
    )
    store_b.managers.add(user)
    return user


def stocked_product(title, upc, *stores_and_quantities, price="125000"):
    """A product with one stock record per given store, opening stock as movements."""
    product = create_product(title=title, upc=upc, price=None)
    records = [
        create_stock_record(store=store, product=product, price=Decimal(price), quantity=qty)
        for store, qty in stores_and_quantities
    ]
    return product, records


@pytest.fixture
def nem(store_a, store_b):
    """Nem Ninh Xá: 10 at store A, 3 at store B."""
    product, (at_a, at_b) = stocked_product("Nem Ninh Xá", "OCOP-NEM", (store_a, 10), (store_b, 3))
    return product, at_a, at_b


@pytest.fixture
def make_basket(db):
    from oscar.test.factories import create_basket

    from storefront.partner.strategy import StoreStrategy

    def make(*lines, store_id=None):
        basket = create_basket(empty=True)
        basket.strategy = StoreStrategy(store_id=store_id)
        for product, quantity in lines:
            basket.add_product(product, quantity)
        return basket

    return make


def place(basket, method, request=None, number=None):
    """Place an order the way Oscar's checkout does, through our OrderCreator."""
    from oscar.core.prices import Price

    from storefront.order.utils import OrderCreator

    charge = method.calculate(basket)
    total = Price(
        currency=basket.currency,
        excl_tax=basket.total_excl_tax + charge.excl_tax,
        incl_tax=basket.total_incl_tax + charge.incl_tax,
    )
    return OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        order_number=number or str(100000 + basket.pk),
        request=request,
    )
