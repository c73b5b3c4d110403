"""Stock changes: every one locked, checked and recorded as a movement."""

import pytest
from django.db import IntegrityError, transaction

from storefront.partner import services
from storefront.partner.models import StockMovement, StockRecord, counters_writable

Reason = StockMovement.Reason


def test_opening_stock_is_a_movement(nem):
    _, at_a, _ = nem
    [movement] = StockMovement.objects.filter(stockrecord=at_a)
    assert (movement.reason, movement.in_stock_before, movement.in_stock_after) == (
        Reason.OPENING,
        0,
        10,
    )


def test_received_delivery_adds_units_and_records_who_and_why(nem, manager_a):
    _, at_a, _ = nem
    movement = services.change_stock(
        stockrecord=at_a, reason=Reason.RECEIVED, user=manager_a, delta=5, note="HTX Ninh Xá"
    )
    at_a.refresh_from_db()
    assert at_a.num_in_stock == 15
    assert (movement.user, movement.store_id, movement.product_id) == (
        manager_a,
        at_a.partner_id,
        at_a.product_id,
    )
    assert (movement.in_stock_before, movement.in_stock_after, movement.note) == (
        10,
        15,
        "HTX Ninh Xá",
    )


@pytest.mark.parametrize(
    ("reason", "delta", "expected"),
    [(Reason.SOLD_IN_STORE, 2, 8), (Reason.DAMAGED, 1, 9), (Reason.RETURNED, 3, 13)],
)
def test_each_manager_reason_moves_stock_in_its_direction(nem, manager_a, reason, delta, expected):
    _, at_a, _ = nem
    services.change_stock(stockrecord=at_a, reason=reason, user=manager_a, delta=delta)
    assert StockRecord.objects.get(pk=at_a.pk).num_in_stock == expected


def test_stock_take_sets_the_counted_quantity(nem, manager_a):
    _, at_a, _ = nem
    services.change_stock(
        stockrecord=at_a, reason=Reason.STOCK_TAKE, user=manager_a, new_quantity=7
    )
    assert StockRecord.objects.get(pk=at_a.pk).num_in_stock == 7


def test_selling_more_than_the_shelf_holds_is_refused_and_changes_nothing(nem, manager_a):
    _, at_a, _ = nem
    with pytest.raises(services.StockError, match="xuống dưới 0"):
        services.change_stock(
            stockrecord=at_a, reason=Reason.SOLD_IN_STORE, user=manager_a, delta=11
        )
    assert StockRecord.objects.get(pk=at_a.pk).num_in_stock == 10
    assert StockMovement.objects.filter(stockrecord=at_a).count() == 1


def test_stock_take_cannot_go_below_units_reserved_for_orders(nem, manager_a):
    _, at_a, _ = nem
    services.allocate_stock(stockrecord=at_a, quantity=4)
    with pytest.raises(services.StockError, match="đang giữ"):
        services.change_stock(
            stockrecord=at_a, reason=Reason.STOCK_TAKE, user=manager_a, new_quantity=3
        )


def test_order_reasons_cannot_be_used_by_managers(nem, manager_a):
    _, at_a, _ = nem
    with pytest.raises(services.StockError):
        services.change_stock(stockrecord=at_a, reason=Reason.ALLOCATED, user=manager_a, delta=1)


def test_allocation_refuses_more_than_is_free_naming_product_and_store(nem):
    _, _, at_b = nem
    services.allocate_stock(stockrecord=at_b, quantity=2)
    with pytest.raises(services.OutOfStock, match=r"Gia Bình.*Nem Ninh Xá"):
        services.allocate_stock(stockrecord=at_b, quantity=2)
    at_b.refresh_from_db()
    assert (at_b.num_in_stock, at_b.num_allocated) == (3, 2)


def test_allocate_consume_and_release_each_leave_a_movement(nem):
    _, at_a, _ = nem
    at_a.allocate(3)  # Oscar's API, routed through the locked services
    at_a.consume_allocation(2)
    at_a.cancel_allocation(1)
    at_a.refresh_from_db()
    assert (at_a.num_in_stock, at_a.num_allocated) == (8, 0)
    reasons = list(
        StockMovement.objects.filter(stockrecord=at_a)
        .order_by("pk")
        .values_list("reason", flat=True)
    )
    assert reasons == [Reason.OPENING, Reason.ALLOCATED, Reason.HANDED_OVER, Reason.RELEASED]


@pytest.mark.parametrize(
    "values",
    [{"num_allocated": 11}, {"num_allocated": -1}],
    ids=["allocated above stock", "allocated below zero"],
)
def test_database_refuses_impossible_allocations(nem, values):
    """Even a write the services allowed by mistake meets the database's constraints."""
    _, at_a, _ = nem
    with pytest.raises(IntegrityError), counters_writable():
        StockRecord.objects.filter(pk=at_a.pk).update(**values)


def test_database_allows_one_stock_record_per_product_and_store(nem, store_a):
    product, _, _ = nem
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.create(product=product, partner=store_a, partner_sku="other")


def test_low_stock_threshold_is_saved_without_a_movement(nem):
    _, at_a, _ = nem
    services.set_low_stock_threshold(stockrecord=at_a, threshold=12)
    assert StockRecord.objects.get(pk=at_a.pk).low_stock_threshold == 12
    assert StockMovement.objects.filter(stockrecord=at_a).count() == 1
