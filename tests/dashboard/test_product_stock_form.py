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


def test_the_dashboard_product_page_saves_a_price_but_never_the_counters(client, product):
    """Staff open the product page, an order reserves 2 units, staff save a new price.

    A quantity posted to the page is ignored and the reservation stays. (A row
    loaded before a reservation and saved after it is the form-level test in
    tests/partner/test_no_unrecorded_writes.py.)
    """
    from django.urls import reverse

    from storefront.partner import services
    from storefront.partner.models import StockRecord
    from tests.catalogue.test_files_hostile import _Options

    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    parser = _Options("create_update_product_form")
    parser.feed(client.get(url).content.decode())
    [record] = product.stockrecords.all()
    services.allocate_stock(stockrecord=record, quantity=2, order_number="100001")

    data = {**parser.data, "stockrecords-0-price": "130000", "stockrecords-0-num_in_stock": "999"}
    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    fresh = StockRecord.objects.get(pk=record.pk)
    assert (fresh.num_in_stock, fresh.num_allocated, fresh.price) == (10, 2, Decimal("130000"))
