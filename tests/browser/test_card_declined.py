"""A declined card in Chromium, in Vietnamese, through localstripe's Stripe.js stand-in.

The shopper sees why, the order and its reserved stock are kept (no second
order, the basket is not reused), and another card on the same page pays the
same order, which turns paid only through localstripe's signed webhook.
"""

# ruff: noqa: F811  (pytest fixtures imported from tests/payment are parameters here)
import json
import time
import urllib.request

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from storefront.payment.models import OrderPayment, StripeEvent
from tests.browser.test_checkout_payment import _checkout_to_payment
from tests.payment.conftest import (  # noqa: F401  (fixtures)
    SECRET_KEY,
    WEBHOOK_SECRET,
    localstripe_url,
    priced_product,
    stripe_config,
    stripe_settings,
    vietnam,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db(transaction=True)
Status = OrderPayment.Status

# localstripe's PaymentMethod._charging_is_declined (Stripe's "charge declined"
# card). 4000000000000002 is only declined when attached to a customer there.
DECLINED_CARD = "4000000000000341"
VISA = "4242424242424242"
WEBHOOK_ID = "ocop-browser-declined"


def _pay_with(page, number):
    card = page.locator("#card-element input")
    card.nth(0).fill(number)
    card.nth(1).fill("12")
    card.nth(2).fill("30")
    card.nth(3).fill("123")
    page.click("#pay-by-card")


def _wait_for(predicate, seconds=10):
    deadline = time.monotonic() + seconds  # localstripe waits 1 s before sending
    while not predicate():
        assert time.monotonic() < deadline, "localstripe's webhook did not arrive"
        time.sleep(0.2)


def _let_the_intent_take_another_card(settings, intent_id):
    """Stripe returns a declined PaymentIntent to `requires_payment_method`, confirmable
    again with another card; localstripe keeps the failed charge and refuses the
    second confirm (its gap), so forget that charge there as Stripe would."""
    request = urllib.request.Request(  # noqa: S310
        f"{settings.STRIPE_API_BASE}/v1/payment_intents/{intent_id}",
        data=json.dumps({"latest_charge": None}).encode(),
        headers={"Authorization": f"Bearer {SECRET_KEY}", "Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=5).close()  # noqa: S310


def test_declined_card_keeps_the_order_says_why_and_another_card_pays(
    live_server, page, priced_product, stripe_settings
):
    stripe_config(
        stripe_settings,
        "POST",
        f"webhooks/{WEBHOOK_ID}",
        {
            "url": live_server.url + reverse("payment:stripe-webhook"),
            "secret": WEBHOOK_SECRET,
            "events[0]": "payment_intent.succeeded",
            "events[1]": "payment_intent.payment_failed",
        },
    )
    try:
        _checkout_to_payment(page, live_server.url, priced_product)
        expect(page.locator("html")).to_have_attribute("lang", "vi")
        page.locator("input[name=method][value=card]").check()
        page.click("#choose-payment-method")
        page.click("#place-order")
        expect(page.locator("#card-form")).to_be_visible()
        card_page = page.url

        # The bank refuses the card: the form says why, in Vietnamese, and stays usable.
        _pay_with(page, DECLINED_CARD)
        expect(page.locator("#card-errors")).to_have_text("Thẻ của bạn bị từ chối.")
        expect(page.locator("#pay-by-card")).to_be_enabled()
        assert page.url == card_page

        order = Order.objects.get()
        payment = OrderPayment.objects.get()
        line = order.lines.get()
        assert order.status == "Awaiting payment"
        assert line.quantity == 1 and line.num_allocated == 1  # stock still reserved
        assert line.stockrecord.num_allocated == 1
        assert not order.payment_events.exists()
        # The basket became this order and is not offered again as a basket.
        assert Basket.objects.get(pk=order.basket_id).status == "Submitted"

        # Stripe's payment_failed webhook arrives; it changes nothing else.
        _wait_for(lambda: StripeEvent.objects.filter(type="payment_intent.payment_failed").exists())
        payment.refresh_from_db()
        assert payment.status == Status.FAILED
        assert payment.paid_at is None

        # Coming back to the page: the same order, the reason, and the card form.
        page.reload()
        expect(page.locator("body")).to_contain_text(order.number)
        expect(page.locator("#card-declined")).to_contain_text("Thẻ của bạn bị từ chối.")
        expect(page.locator("#card-form")).to_be_visible()

        # Another card on the same page pays the same order and PaymentIntent.
        _let_the_intent_take_another_card(stripe_settings, payment.payment_intent_id)
        _pay_with(page, VISA)
        expect(page.locator("#payment-processing")).to_be_visible()
        expect(page.locator("#card-form")).to_have_count(0)
        _wait_for(lambda: OrderPayment.objects.get().status == Status.PAID)
    finally:
        stripe_config(
            stripe_settings,
            "POST",
            f"webhooks/{WEBHOOK_ID}",
            {"url": live_server.url + "/", "secret": WEBHOOK_SECRET, "events[0]": "none"},
        )

    assert Order.objects.count() == 1  # no second order
    payment = OrderPayment.objects.get()
    assert payment.order_id == order.pk
    assert payment.amount_received == 1234000
    assert payment.last_error == ""
    assert order.payment_events.count() == 1
    order.refresh_from_db()
    assert order.status == "Pending"
    assert order.lines.get().num_allocated == 1
    page.reload()
    expect(page.locator("#payment-status")).to_have_attribute("data-status", "paid")


def test_three_d_secure_card_runs_the_challenge_then_waits_for_the_webhook(
    live_server, page, priced_product, stripe_settings
):
    """checkout-card.js hands the client_secret to Stripe.js for the bank's check."""
    stripe_config(
        stripe_settings,
        "POST",
        f"webhooks/{WEBHOOK_ID}",
        {
            "url": live_server.url + reverse("payment:stripe-webhook"),
            "secret": WEBHOOK_SECRET,
            "events[0]": "payment_intent.succeeded",
        },
    )
    try:
        _checkout_to_payment(page, live_server.url, priced_product)
        page.locator("input[name=method][value=card]").check()
        page.click("#choose-payment-method")
        page.click("#place-order")
        _pay_with(page, "4000002760003184")  # localstripe: requires_action
        # localstripe's stand-in for the bank's 3-D Secure page.
        page.get_by_role("button", name="Complete authentication").click()
        expect(page.locator("#payment-processing")).to_be_visible()
        _wait_for(lambda: OrderPayment.objects.get().status == Status.PAID)
    finally:
        stripe_config(
            stripe_settings,
            "POST",
            f"webhooks/{WEBHOOK_ID}",
            {"url": live_server.url + "/", "secret": WEBHOOK_SECRET, "events[0]": "none"},
        )
    assert OrderPayment.objects.get().amount_received == 1234000
    assert Order.objects.get().payment_events.count() == 1
