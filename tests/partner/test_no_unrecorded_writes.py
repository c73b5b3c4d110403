"""Nothing but the stock services can change a quantity, so every change leaves a movement.

Each way around the services is tried here: the model's save, queryset update
and bulk_update, raw SQL (PostgreSQL's trigger), the Django admin and Oscar's
dashboard form.
"""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from oscar.core.loading import get_class
from oscar.test.factories import UserFactory

from storefront.partner import services
from storefront.partner.models import StockMovement, StockRecord, StockWriteRefused
from tests.factories import create_product

StockRecordForm = get_class("dashboard.catalogue.forms", "StockRecordForm")

pytestmark = pytest.mark.django_db


def _counters(record):
    fresh = StockRecord.objects.get(pk=record.pk)
    return fresh.num_in_stock, fresh.num_allocated


def test_saving_a_changed_quantity_is_refused(nem):
    _, at_a, _ = nem
    at_a.num_in_stock = 99
    with pytest.raises(StockWriteRefused):
        at_a.save()
    assert _counters(at_a) == (10, 0)


@pytest.mark.parametrize("field", ["num_in_stock", "num_allocated"])
def test_setattr_then_save_is_refused(nem, field):
    _, at_a, _ = nem
    setattr(at_a, field, 3)
    with pytest.raises(StockWriteRefused):
        at_a.save(update_fields=[field])
    assert _counters(at_a) == (10, 0)


@pytest.mark.parametrize("values", [{"num_in_stock": 99}, {"num_allocated": 3}])
def test_queryset_update_is_refused(nem, values):
    _, at_a, _ = nem
    with pytest.raises(StockWriteRefused):
        StockRecord.objects.filter(pk=at_a.pk).update(**values)
    assert _counters(at_a) == (10, 0)


def test_bulk_update_is_refused(nem):
    _, at_a, at_b = nem
    at_a.num_in_stock, at_b.num_in_stock = 1, 1
    with pytest.raises(StockWriteRefused), transaction.atomic():
        StockRecord.objects.bulk_update([at_a, at_b], ["num_in_stock"])
    assert (_counters(at_a), _counters(at_b)) == ((10, 0), (3, 0))


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE partner_stockrecord SET num_in_stock = 99 WHERE id = %s",
        "UPDATE partner_stockrecord SET num_allocated = 1 WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_sql_that_changes_a_quantity(nem, sql):
    _, at_a, _ = nem
    with (
        pytest.raises(DatabaseError, match=r"storefront\.partner\.services"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [at_a.pk])
    assert _counters(at_a) == (10, 0)


@pytest.mark.postgres
def test_postgresql_refuses_raw_sql_that_inserts_stock(nem, store_a):
    product = create_product(title="Gốm Thổ Hà", upc="OCOP-GTH")
    with (
        pytest.raises(DatabaseError, match="start at 0"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "INSERT INTO partner_stockrecord (partner_id, product_id, partner_sku, "
            "price_currency, price, num_in_stock, num_allocated, date_created, date_updated) "
            "VALUES (%s, %s, 'X', 'VND', 1000, 50, 0, now(), now())",
            [store_a.pk, product.pk],
        )


@pytest.mark.postgres
def test_postgresql_lets_other_columns_change(nem):
    _, at_a, _ = nem
    with connection.cursor() as cursor:
        cursor.execute("UPDATE partner_stockrecord SET price = 99000 WHERE id = %s", [at_a.pk])
    assert StockRecord.objects.get(pk=at_a.pk).price == Decimal("99000")


def test_a_record_created_with_stock_records_the_opening_as_a_movement(store_a):
    product = create_product(title="Gốm Thổ Hà", upc="OCOP-GTH")
    record = StockRecord.objects.create(
        partner=store_a, product=product, partner_sku="GTH", price=Decimal("90000"), num_in_stock=6
    )
    assert _counters(record) == (6, 0)
    [movement] = StockMovement.objects.filter(stockrecord=record)
    assert (movement.reason, movement.in_stock_before, movement.in_stock_after) == ("opening", 0, 6)


def test_a_record_cannot_be_created_with_reservations(store_a):
    product = create_product(title="Gốm Thổ Hà", upc="OCOP-GTH")
    with pytest.raises(StockWriteRefused):
        StockRecord.objects.create(
            partner=store_a, product=product, partner_sku="GTH", price=1000, num_allocated=2
        )
    assert not StockRecord.objects.filter(product=product).exists()


def test_a_stale_dashboard_form_keeps_a_reservation_made_after_it_was_loaded(nem):
    """Oscar's product dashboard saves the whole stock row; never the counters."""
    _, at_a, _ = nem
    staff = UserFactory(is_staff=True)
    loaded = StockRecord.objects.get(pk=at_a.pk)
    form = StockRecordForm(
        loaded.product.product_class,
        staff,
        data={
            "partner": loaded.partner_id,
            "partner_sku": loaded.partner_sku,
            "price_currency": "VND",
            "price": "130000",
            "num_in_stock": "10",
            "low_stock_threshold": "",
        },
        instance=loaded,
    )
    assert form.is_valid(), form.errors
    services.allocate_stock(stockrecord=at_a, quantity=2, order_number="100001")

    form.save()

    fresh = StockRecord.objects.get(pk=at_a.pk)
    assert (fresh.num_in_stock, fresh.num_allocated, fresh.price) == (10, 2, Decimal("130000"))


def test_the_django_admin_shows_quantities_but_cannot_change_them(client, nem):
    _, at_a, _ = nem
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:partner_stockrecord_change", args=[at_a.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="num_in_stock"' not in page.content.decode()

    response = client.post(
        url,
        {
            "product": at_a.product_id,
            "partner": at_a.partner_id,
            "partner_sku": at_a.partner_sku,
            "price_currency": "VND",
            "price": "125000",
            "num_in_stock": "999",
            "num_allocated": "5",
            "low_stock_threshold": "",
        },
    )
    assert response.status_code == 302
    assert _counters(at_a) == (10, 0)
    assert StockMovement.objects.filter(stockrecord=at_a).count() == 1  # the opening only


def test_a_record_added_in_the_dashboard_without_stock_does_not_count_as_stocked(store_a):
    """NULL stock used to pass for "stocking the product"; now a new record holds 0."""
    product = create_product(title="Gốm Thổ Hà", upc="OCOP-GTH")
    record = StockRecord.objects.create(
        partner=store_a, product=product, partner_sku="GTH", price=Decimal("90000")
    )
    assert _counters(record) == (0, 0)
    from storefront.partner.strategy import StoreStrategy

    info = StoreStrategy().fetch_for_product(product)
    assert not info.availability.is_available_to_buy
