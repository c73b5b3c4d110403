"""Checkout: delivery or pickup; pickup skips the address and costs nothing."""

import pytest
from django.urls import reverse

from storefront.order.models import Order
from storefront.partner.models import StockRecord
from tests.shipping.conftest import stocked_product


@pytest.fixture
def shopper(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="khach", email="khach@example.vn", password="pw-123456789"
    )
    client.force_login(user)
    return client


def add_to_basket(client, product, quantity=1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302


def test_pickup_offers_only_stores_holding_every_line(shopper, nem, store_a, store_b):
    product, _, _ = nem
    only_a, _ = stocked_product("Gốm Phù Lãng", "OCOP-GOM", (store_a, 4))
    add_to_basket(shopper, product)
    add_to_basket(shopper, only_a)
    page = shopper.get(reverse("checkout-fulfilment"))
    assert page.status_code == 200
    assert f"pickup:{store_a.slug}" in page.text
    assert f"pickup:{store_b.slug}" not in page.text
    # A tampered choice of a store that cannot fill the basket is refused.
    response = shopper.post(reverse("checkout-fulfilment"), {"choice": f"pickup:{store_b.slug}"})
    assert response.status_code == 400


def test_pickup_skips_the_address_and_places_a_free_order_at_the_store(shopper, nem, store_b):
    product, _, at_b = nem
    add_to_basket(shopper, product, 2)
    assert shopper.get(reverse("checkout:index")).url == reverse("checkout-fulfilment")
    assert shopper.get(reverse("checkout:shipping-address")).url == reverse("checkout-fulfilment")
    response = shopper.post(reverse("checkout-fulfilment"), {"choice": f"pickup:{store_b.slug}"})
    assert response.url == reverse("checkout:payment-method")
    # The address step now skips itself.
    skipped = shopper.get(reverse("checkout:shipping-address"))
    assert skipped.status_code == 302 and "shipping-address" not in skipped.url
    # The payment step (payments engineer's) offers paying at the store.
    method = shopper.get(reverse("checkout:payment-method"))
    assert method.status_code == 200
    code = method.context["form"].fields["method"].choices[0][0]
    shopper.post(reverse("checkout:payment-method"), {"method": code})
    preview = shopper.get(reverse("checkout:preview"))
    assert preview.status_code == 200, preview.get("Location")
    placed = shopper.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302, placed.content[:500]
    order = Order.objects.get()
    assert (order.fulfilment_type, order.fulfilment_store, order.shipping_incl_tax) == (
        "pickup",
        store_b,
        0,
    )
    assert order.shipping_address is None and order.pickup_code
    assert StockRecord.objects.get(pk=at_b.pk).num_allocated == 2


def test_delivery_asks_for_an_address(shopper, nem):
    product, _, _ = nem
    add_to_basket(shopper, product)
    response = shopper.post(reverse("checkout-fulfilment"), {"choice": "delivery"})
    assert response.url == reverse("checkout:shipping-address")
    assert shopper.get(reverse("checkout:shipping-address")).status_code == 200
