"""Oscar's product dashboard: prices in whole đồng, quantities never edited there."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_class
from oscar.test.factories import UserFactory

from tests.factories import create_product

StockRecordForm = get_class("dashboard.catalogue.forms", "StockRecordForm")

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    product = create_product(price=Decimal("125000"), num_in_stock=10)
    return product.stockrecords.get()


def _data(record, **changes):
    data = {
        "partner": record.partner_id,
        "partner_sku": record.partner_sku,
        "price_currency": "VND",
        "price": "125000",
        "num_in_stock": "10",
        "low_stock_threshold": "",
    }
    data.update(changes)
    return data


def test_the_dashboard_form_is_ours():
    assert StockRecordForm.__module__ == "storefront.dashboard.catalogue.forms"


def test_a_fraction_of_a_dong_is_refused_and_nothing_changes(record):
    staff = UserFactory(is_staff=True)
    form = StockRecordForm(
        record.product.product_class, staff, data=_data(record, price="125000.5"), instance=record
    )
    assert not form.is_valid()
    assert "price" in form.errors
    record.refresh_from_db()
    assert record.price == Decimal("125000")


def test_a_quantity_posted_to_the_product_form_is_ignored(record):
    staff = UserFactory(is_staff=True)
    form = StockRecordForm(
        record.product.product_class, staff, data=_data(record, num_in_stock="999"), instance=record
    )
    assert form.is_valid(), form.errors
    form.save()
    record.refresh_from_db()
    assert record.num_in_stock == 10
