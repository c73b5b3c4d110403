"""Pressing "Place order" twice, or in two tabs: one order, one PaymentIntent, same page."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.conftest import place_order, to_payment_method

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")


@pytest.mark.django_db
def test_second_place_order_shows_the_same_order(client, priced_product, no_stripe):
    first, basket_id = place_order(client, priced_product, method="cod")
    second = client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_id": basket_id}
    )

    assert first["Location"] == second["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
    page = client.get(second["Location"])
    assert page.context["order"] == Order.objects.get()


@pytest.mark.django_db
def test_basket_of_a_placed_order_is_never_reused(client, priced_product, no_stripe):
    _response, basket_id = place_order(client, priced_product, method="cod")

    assert Basket.objects.get(pk=basket_id).status == Basket.SUBMITTED
    client.post(reverse("basket:add", args=[priced_product.pk]), {"quantity": 1})
    open_baskets = Basket.objects.filter(status=Basket.OPEN)
    assert open_baskets.count() == 1
    assert open_baskets.get().pk != basket_id


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_tabs_placing_at_once_make_one_order(client, priced_product, no_stripe):
    to_payment_method(client, priced_product)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    basket_id = client.get(reverse("checkout:preview")).context["basket"].id
    barrier = threading.Barrier(2)
    results = []

    def tab():
        other = Client()
        other.cookies = client.cookies
        barrier.wait()
        try:
            results.append(
                other.post(
                    reverse("checkout:preview"), {"action": "place_order", "basket_id": basket_id}
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=tab) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [r.status_code for r in results] == [302, 302]
    assert {r["Location"] for r in results} == {reverse("checkout:thank-you")}
    assert Order.objects.count() == 1
    assert priced_product.stockrecords.get().num_allocated == 1
