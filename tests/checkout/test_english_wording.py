"""An English checkout says "basket" from the first step to the confirmation email (#14):
no page of it, and no email it sends, says "cart" (Oscar's American catalogue)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.checkout.conftest import place_order
from tests.language_purity import visible_text

pytestmark = pytest.mark.django_db

CART = re.compile(r"\bcarts?\b", re.IGNORECASE)


def test_an_english_checkout_and_its_email_never_say_cart(
    client, no_stripe, priced_product, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        response, _basket_id = place_order(client, priced_product)
    assert response.status_code == 302
    with translation.override("en"):
        pages = {
            "basket": reverse("basket:summary"),
            "confirmation": reverse("checkout:thank-you"),
        }
    for name, path in pages.items():
        page = client.get(path)
        assert page.status_code == 200, name
        text = visible_text(page.content.decode())
        assert not CART.search(text), (name, CART.findall(text))

    # The confirmation went out in the language the order was placed in.
    assert [m for m in mail.outbox if re.search(r"\border\b", m.subject, re.IGNORECASE)], [
        m.subject for m in mail.outbox
    ]
    for message in mail.outbox:
        bodies = [message.body] + [content for content, _type in message.alternatives]
        for text in [message.subject, *bodies]:
            assert not CART.search(text), (message.subject, CART.findall(text))


def test_each_english_checkout_step_before_the_order_says_basket(client, no_stripe, priced_product):
    with translation.override("en"):
        add = reverse("basket:add", args=[priced_product.pk])
        steps = [
            reverse("basket:summary"),
            reverse("checkout:index"),
            reverse("checkout-fulfilment"),
            reverse("checkout:shipping-address"),
            reverse("checkout:payment-method"),
        ]
    client.post(add, {"quantity": 1})
    client.post(steps[1], {"username": "lan@example.vn", "options": "anonymous"})
    client.post(steps[2], {"choice": "delivery"})
    for path in steps:
        page = client.get(path, follow=True)
        assert page.status_code == 200, path
        text = visible_text(page.content.decode())
        assert not CART.search(text), (path, CART.findall(text))
        assert "Giỏ hàng" not in text
