"""Order placement: routed to a store, stock reserved under lock, all or nothing."""

import pytest
from django.test import RequestFactory
from oscar.apps.order.exceptions import UnableToPlaceOrder

from storefront.order.models import Order
from storefront.partner import services
from storefront.partner.models import StockMovement, StockRecord
from storefront.partner.strategy import MY_STORE_COOKIE
from storefront.shipping.methods import HomeDelivery, PickupAtStore
from tests.order.conftest import place, stocked_product


def reserved(record):
    return StockRecord.objects.get(pk=record.pk).num_allocated


def test_pickup_order_is_routed_to_the_store_free_and_has_a_short_code(make_basket, nem, store_b):
    product, at_a, at_b = nem
    order = place(make_basket((product, 2)), PickupAtStore(store_b))
    assert order.fulfilment_type == Order.Fulfilment.PICKUP
    assert order.fulfilment_store == store_b
    assert order.shipping_incl_tax == 0
    assert len(order.pickup_code) == 6 and order.pickup_code.isalnum()
    [line] = order.lines.all()
    assert line.partner == store_b and line.stockrecord == at_b
    assert (reserved(at_a), reserved(at_b)) == (0, 2)
    movement = StockMovement.objects.get(stockrecord=at_b, reason="allocated")
    assert movement.order_number == order.number


def test_delivery_goes_to_the_store_with_most_stock_of_the_basket(make_basket, nem, store_a):
    product, at_a, _ = nem
    order = place(make_basket((product, 1)), HomeDelivery())
    assert order.fulfilment_store == store_a and order.fulfilment_type == "delivery"
    assert reserved(at_a) == 1


def test_delivery_prefers_the_shoppers_store_when_it_can_fill_the_basket(make_basket, nem, store_b):
    product, _, at_b = nem
    request = RequestFactory().get("/")
    request.COOKIES[MY_STORE_COOKIE] = store_b.slug
    order = place(make_basket((product, 3)), HomeDelivery(), request=request)
    assert order.fulfilment_store == store_b and reserved(at_b) == 3


def test_second_buyer_of_last_unit_gets_clear_error(make_basket, store_a):
    product, (record,) = stocked_product("Tranh Đông Hồ", "OCOP-DH", (store_a, 1))
    first, second = make_basket((product, 1)), make_basket((product, 1))
    place(first, PickupAtStore(store_a))
    with pytest.raises(UnableToPlaceOrder, match=r"Tranh Đông Hồ.*hết hàng"):
        place(second, PickupAtStore(store_a))
    assert Order.objects.count() == 1
    assert StockRecord.objects.get(pk=record.pk).num_allocated == 1


def test_a_basket_is_allocated_entirely_or_not_at_all(make_basket, store_a):
    plenty, (plenty_record,) = stocked_product("Gốm Phù Lãng", "OCOP-GOM", (store_a, 10))
    scarce, (scarce_record,) = stocked_product("Đồng Đại Bái", "OCOP-DB", (store_a, 2))
    basket = make_basket((plenty, 1), (scarce, 2))
    services.change_stock(  # one sold over the counter meanwhile
        stockrecord=scarce_record, reason="sold_in_store", user=None, delta=1
    )
    with pytest.raises(UnableToPlaceOrder, match="Đồng Đại Bái"):
        place(basket, PickupAtStore(store_a))
    assert Order.objects.count() == 0
    assert (reserved(plenty_record), reserved(scarce_record)) == (0, 0)
    assert not StockMovement.objects.filter(reason="allocated").exists()


def test_pickup_at_a_store_without_the_product_is_refused(make_basket, store_a, store_b):
    product, _ = stocked_product("Chỉ ở Từ Sơn", "OCOP-TS", (store_a, 5))
    with pytest.raises(UnableToPlaceOrder, match="không bán"):
        place(make_basket((product, 1)), PickupAtStore(store_b))
