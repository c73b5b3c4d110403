"""Basket → checkout → payment → confirmation in Chromium, in Vietnamese.

Cash on delivery with a Vietnamese address; and a card payment through
localstripe's Stripe.js stand-in, paid by localstripe's own signed webhook.
"""

# ruff: noqa: F811  (pytest fixtures imported from tests/payment are parameters here)
import time

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from storefront.payment.models import OrderPayment
from tests.payment.conftest import (  # noqa: F401  (fixtures)
    WEBHOOK_SECRET,
    localstripe_url,
    priced_product,
    stripe_config,
    stripe_settings,
    vietnam,
)

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db(transaction=True)


def _checkout_to_payment(page, base, product):
    page.goto(f"{base}{product.get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(f"{base}{reverse('checkout:index')}")
    page.fill("#id_username", "lan@example.vn")
    page.locator("#id_options_0").check()
    page.locator("#id_options_0").evaluate("el => el.form.submit()")
    page.locator("#choice_delivery").check()
    page.click("#fulfilment_continue")
    page.fill("#id_first_name", "Nguyễn Thị Lan")
    page.fill("#id_phone_number", "0912 345 678")
    page.select_option("#id_state", "Bắc Ninh")
    page.fill("#id_line4", "Phường Kinh Bắc")
    page.fill("#id_line1", "12 Nguyễn Đăng Đạo")
    page.locator("#id_line1").evaluate("el => el.form.submit()")
    expect(page).to_have_url(f"{base}{reverse('checkout:payment-method')}")


def test_cash_on_delivery_journey_in_vietnamese(live_server, page, priced_product, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    _checkout_to_payment(page, live_server.url, priced_product)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.locator("input[name=method][value=cod]").check()
    page.click("#choose-payment-method")
    expect(page.locator("#chosen-payment-method")).not_to_be_empty()
    page.click("#place-order")

    expect(page).to_have_url(f"{live_server.url}{reverse('checkout:thank-you')}")
    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    expect(page.locator("#payment-status")).to_have_attribute("data-status", "pending")
    expect(page.locator("body")).to_contain_text("1.234.000")
    assert order.payment.method == OrderPayment.Method.CASH_ON_DELIVERY
    assert order.shipping_address.state == "Bắc Ninh"


def test_card_journey_through_localstripe_stripe_js(
    live_server, page, priced_product, stripe_settings
):
    stripe_config(
        stripe_settings,
        "POST",
        "webhooks/ocop-browser",
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
        expect(page.locator("#card-form")).to_be_visible()
        card = page.locator("#card-element input")
        card.nth(0).fill("4242424242424242")
        card.nth(1).fill("12")
        card.nth(2).fill("30")
        card.nth(3).fill("123")
        page.click("#pay-by-card")
        expect(page.locator("#payment-processing")).to_be_visible()
        payment = OrderPayment.objects.get()
        deadline = time.monotonic() + 10  # localstripe waits 1 s before sending
        while payment.status != OrderPayment.Status.PAID and time.monotonic() < deadline:
            time.sleep(0.2)
            payment.refresh_from_db()
    finally:
        stripe_config(
            stripe_settings,
            "POST",
            "webhooks/ocop-browser",
            {"url": live_server.url + "/", "secret": WEBHOOK_SECRET, "events[0]": "none"},
        )
    assert payment.status == OrderPayment.Status.PAID
    assert payment.amount_received == 1234000
    page.reload()
    expect(page.locator("#payment-status")).to_have_attribute("data-status", "paid")
