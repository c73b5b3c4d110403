"""Two stores, their managers and a product stocked at both."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from storefront.partner.models import Partner, StockRecord
from storefront.partner.services import create_stock_record
from tests.factories import create_product


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


def url(name, store, **kwargs):
    """A store manager's page of `store` (mystore:<name>)."""
    return reverse(f"mystore:{name}", kwargs={"store": store.slug, **kwargs})


def stock_of(record):
    return StockRecord.objects.get(pk=record.pk).num_in_stock


@pytest.fixture
def as_manager_a(client, manager_a):
    client.force_login(manager_a)
    return client
