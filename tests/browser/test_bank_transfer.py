"""Bank transfer by VietQR in Chromium: pickup checkout, the code, then "paid" without a reload.

The shopper (guest) chooses pickup, pays by bank transfer, and lands on the
confirmation page with the VietQR code and the details to copy. The bank's
notification service then posts a signed webhook for the transfer; the
page, polling its status endpoint, turns to "Đã nhận thanh toán" by itself.
"""

import json

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from storefront.order.models import Order
from storefront.partner.models import Partner
from tests.partner.conftest import stocked_product
from tests.payment.conftest import bank_tx, sign_bank

Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop(site_tree, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    settings.VIETQR_BANK_BIN = "970436"
    settings.VIETQR_ACCOUNT_NUMBER = "0451000123456"
    settings.VIETQR_ACCOUNT_NAME = "HTX OCOP BAC NINH"
    settings.BANK_WEBHOOK_SECRET = "bank-webhook-test-secret"
    Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Việt Nam",
            "is_shipping_country": True,
        },
    )
    store = Partner.objects.create(
        name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son", commune="Phường Đông Ngàn"
    )
    product, _ = stocked_product("Nem Ninh Xá", "OCOP-NEM", (store, 5), price="125000")
    return {"store": store, "product": product}


def test_shopper_pays_by_vietqr_and_sees_the_order_turn_paid(live_server, page, shop):
    base, store, product = live_server.url, shop["store"], shop["product"]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)

    page.goto(f"{base}{product.get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit]").click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")
    page.goto(f"{base}{reverse('checkout:index')}")
    page.fill("#id_username", "lan@example.vn")
    page.locator("#id_options_0").check()
    page.locator("#id_options_0").evaluate("el => el.form.submit()")
    expect(page).to_have_url(f"{base}{reverse('checkout-fulfilment')}")
    page.locator(f"#choice_{store.slug}").check()
    page.click("#fulfilment_continue")

    expect(page).to_have_url(f"{base}{reverse('checkout:payment-method')}")
    expect(page.locator("body")).to_contain_text("Chuyển khoản ngân hàng (VietQR)")
    page.locator("input[name=method][value=vietqr]").check()
    page.click("#choose-payment-method")
    expect(page).to_have_url(f"{base}{reverse('checkout:preview')}")
    page.click("#place-order")

    expect(page).to_have_url(f"{base}{reverse('checkout:thank-you')}")
    order = Order.objects.get()
    reference = order.payment.transfer_reference
    panel = page.get_by_test_id("bank-transfer")
    expect(panel).to_have_attribute("data-status", "pending")
    code = page.get_by_test_id("vietqr-code").locator("svg")
    expect(code).to_be_visible()
    box = code.bounding_box()
    assert box and box["width"] >= 150, box  # large enough to scan from a screen
    expect(page.get_by_test_id("transfer-reference")).to_have_text(reference)
    expect(page.get_by_test_id("transfer-account")).to_have_text("0451000123456")
    expect(panel).to_contain_text("125.000")
    expect(page.locator("#bank-transfer-status")).to_have_text("Đang chờ bạn chuyển khoản")

    copy = page.get_by_test_id("transfer-reference").locator("xpath=..").locator("button")
    copy.click()
    expect(copy).to_have_text("Đã sao chép")
    assert page.evaluate("navigator.clipboard.readText()") == reference

    # The bank's notification service reports the transfer (memo as the bank wrote it).
    body = json.dumps(
        {"transactions": [bank_tx(order, memo=f"MBVCB.88123.{reference.lower()}.CT tu LAN")]}
    ).encode()
    mail.outbox.clear()
    response = Client().post(
        reverse("payment:bank-webhook", args=["generic"]),
        data=body,
        content_type="application/json",
        HTTP_X_SIGNATURE=sign_bank(body),
    )
    assert response.json()["results"][0]["outcome"] == "paid"

    # No reload: the page polls its status and turns paid.
    expect(page.locator("#bank-transfer-status")).to_have_text("Đã nhận thanh toán", timeout=15_000)
    expect(panel).to_have_attribute("data-status", "paid")
    expect(page.get_by_test_id("bank-transfer-details")).to_be_hidden()
    assert Order.objects.get().status == "Pending"
    assert len(mail.outbox) == 1
