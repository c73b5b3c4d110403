"""Pressing "Place order" twice, or in two tabs: one order, one PaymentIntent, same page."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout.conftest import place_order, to_payment_method
from tests.factories import create_product

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


ROUNDS = 20


def _submit_twice_at_once(client, basket_id):
    """Two "Place order" POSTs of one browser (one cookie jar) at the same moment."""
    barrier = threading.Barrier(2)
    responses = [None, None]

    def tab(index):
        other = Client()
        other.cookies = client.cookies
        barrier.wait()
        try:
            responses[index] = other.post(
                reverse("checkout:preview"), {"action": "place_order", "basket_id": basket_id}
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=tab, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_every_double_submit_ends_on_the_orders_thank_you_page(vietnam, no_stripe):
    """Counted over many rounds: the race once sent 11 of 100 answers to an empty basket."""
    product = create_product(title="Gốm Phù Lãng", price=Decimal("1204000"), num_in_stock=50)
    outcomes = []
    for _ in range(ROUNDS):
        client = Client()
        to_payment_method(client, product)
        client.post(reverse("checkout:payment-method"), {"method": "cod"})
        basket_id = client.get(reverse("checkout:preview")).context["basket"].id
        for response in _submit_twice_at_once(client, basket_id):
            if response.status_code != 302 or response["Location"] != reverse("checkout:thank-you"):
                outcomes.append(f"{response.status_code} {response.get('Location')}")
                continue
            order = Order.objects.get(basket_id=basket_id)
            page = client.get(response["Location"])
            shown = page.context and page.context.get("order")
            outcomes.append("thank-you" if shown == order else f"thank-you shows {shown}")

    assert outcomes.count("thank-you") == 2 * ROUNDS, [o for o in outcomes if o != "thank-you"]
    assert Order.objects.count() == ROUNDS
    assert product.stockrecords.get().num_allocated == ROUNDS


@pytest.mark.django_db
def test_second_submit_sent_before_the_first_answer_arrived_shows_the_order(
    client, priced_product, no_stripe
):
    """The interleaving behind "11 of 100 on an empty basket", made certain.

    The second POST left the browser before the first answer came back: it
    carries the old basket cookie, and the server reads the session as it was
    before the first request saved it (the order committed, its basket
    submitted, the session not yet written).
    """
    from django.contrib.sessions.models import Session

    to_payment_method(client, priced_product)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    basket_id = client.get(reverse("checkout:preview")).context["basket"].id
    session_key = client.cookies["sessionid"].value
    session_before = Session.objects.get(session_key=session_key).session_data
    cookies_before = {key: morsel.value for key, morsel in client.cookies.items()}

    first = client.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_id": basket_id}
    )
    Session.objects.filter(session_key=session_key).update(session_data=session_before)
    second_tab = Client()
    for key, value in cookies_before.items():
        second_tab.cookies[key] = value
    second = second_tab.post(
        reverse("checkout:preview"), {"action": "place_order", "basket_id": basket_id}
    )

    assert first["Location"] == second["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert second_tab.get(second["Location"]).context["order"] == order


@pytest.mark.django_db
def test_a_posted_basket_id_of_someone_elses_order_shows_nothing_of_it(
    client, priced_product, no_stripe
):
    _response, basket_id = place_order(client, priced_product, method="cod")
    victims_order = Order.objects.get()
    stranger = Client()
    to_payment_method(stranger, priced_product)
    stranger.post(reverse("checkout:payment-method"), {"method": "cod"})
    assert stranger.get(reverse("checkout:preview")).status_code == 200

    stranger.post(reverse("checkout:preview"), {"action": "place_order", "basket_id": basket_id})

    shown = stranger.get(reverse("checkout:thank-you")).context["order"]
    assert shown != victims_order
    assert shown.basket_id != basket_id  # the stranger's own basket became their order
