"""Delivery orders through their states: shipping hands the reserved units over, once.

Staff change an order's status on Oscar's dashboard order page; statuses that
move stock go through storefront.order.services (storefront.order.processing).
"""

import pytest
from django.urls import reverse

from storefront.order import services
from storefront.order.models import Order
from storefront.partner.models import StockMovement, StockRecord
from storefront.shipping.methods import HomeDelivery, PickupAtStore
from tests.order.conftest import place


@pytest.fixture
def delivery_order(make_basket, nem, store_a):
    """Two nem delivered from store A (10 there), reserved at placement."""
    product, at_a, _ = nem
    order = place(make_basket((product, 2), store_id=store_a.pk), HomeDelivery())
    assert order.fulfilment_store == store_a and order.status == services.PENDING
    return order, at_a


def stock(record):
    record = StockRecord.objects.get(pk=record.pk)
    return record.num_in_stock, record.num_allocated


def change_status(client, order, status):
    return client.post(
        reverse("dashboard:order-detail", args=[order.number]),
        {"order_action": "change_order_status", "new_status": status},
    )


def handed_over(order):
    return list(
        StockMovement.objects.filter(
            reason=StockMovement.Reason.HANDED_OVER, order_number=order.number
        ).values_list("in_stock_before", "in_stock_after")
    )


def test_staff_ship_a_delivery_on_the_dashboard_and_its_units_leave_the_shelf(
    admin_client, delivery_order
):
    order, at_a = delivery_order
    assert stock(at_a) == (10, 2)
    assert change_status(admin_client, order, services.BEING_PROCESSED).status_code == 302
    assert stock(at_a) == (10, 2)  # packing: still reserved
    assert change_status(admin_client, order, services.SHIPPED).status_code == 302
    assert stock(at_a) == (8, 0)
    assert handed_over(order) == [(10, 8)]
    assert order.lines.get().num_allocated == 0
    assert change_status(admin_client, order, services.DELIVERED).status_code == 302
    order.refresh_from_db()
    assert order.status == services.DELIVERED and stock(at_a) == (8, 0)
    assert order.notes.filter(message__contains="Delivered").exists()
    # The hourly job finds nothing of it to give back.
    report = services.release_held_stock()
    assert order.number not in report.closed_released and stock(at_a) == (8, 0)


def test_shipping_twice_or_before_processing_is_refused_and_moves_nothing(
    admin_client, delivery_order, manager_a
):
    order, at_a = delivery_order
    with pytest.raises(services.OrderStateError):
        services.mark_shipped(order=order, user=manager_a)
    # The dashboard offers only the pipeline's next statuses: Shipped is not one yet.
    change_status(admin_client, order, services.SHIPPED)
    assert Order.objects.get(pk=order.pk).status == services.PENDING and stock(at_a) == (10, 2)
    services.start_processing(order=order, user=manager_a)
    services.mark_shipped(order=order, user=manager_a)
    with pytest.raises(services.OrderStateError):
        services.mark_shipped(order=order, user=manager_a)
    assert stock(at_a) == (8, 0) and len(handed_over(order)) == 1


def test_a_pickup_order_is_not_shipped_and_a_delivery_not_collected(
    make_basket, nem, store_a, delivery_order, manager_a
):
    product, _, _ = nem
    pickup = place(make_basket((product, 1)), PickupAtStore(store_a))
    with pytest.raises(services.OrderStateError, match=f"{pickup.number} được nhận tại cửa hàng"):
        services.start_processing(order=pickup, user=manager_a)
    order, _ = delivery_order
    with pytest.raises(services.OrderStateError, match=f"{order.number} không phải"):
        services.mark_ready_for_pickup(order=order, user=manager_a)


def test_collected_on_the_dashboard_hands_the_units_over_like_the_store_page(
    admin_client, make_basket, nem, store_a
):
    product, at_a, _ = nem
    pickup = place(make_basket((product, 3)), PickupAtStore(store_a))
    assert change_status(admin_client, pickup, services.READY).status_code == 302
    assert change_status(admin_client, pickup, services.COLLECTED).status_code == 302
    pickup.refresh_from_db()
    assert pickup.status == services.COLLECTED and pickup.collected_at
    assert stock(at_a) == (7, 0) and handed_over(pickup) == [(10, 7)]
