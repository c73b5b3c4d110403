"""Click and collect in Chromium: a shopper picks a store, the store manager hands it over.

The shopper (guest checkout) chooses pickup at the only store that holds the
basket, is never asked for an address, pays at pickup and lands on the
confirmation page; the store's manager then marks the order ready and
collected on the store's pickup page.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect

from storefront.order import services as order_services
from storefront.order.models import Order
from storefront.partner.models import Partner, StockRecord, StoreOpeningHours
from tests.partner.conftest import stocked_product

Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db(transaction=True)

MANAGER_EMAIL = "quanly.tuson@ocop.local"
MANAGER_PASSWORD = "pw-Tu-Son-123456"


@pytest.fixture
def no_stripe(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""


@pytest.fixture
def vietnam(db):
    """Việt Nam as the shipping country: a transactional test's flush removes its row."""
    Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Việt Nam",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )


@pytest.fixture
def shop(site_tree, vietnam, no_stripe):
    """Từ Sơn holds the product, Gia Bình has a stock record but no units."""
    tu_son = Partner.objects.create(
        name="Cửa hàng OCOP Từ Sơn",
        code="ocop-tu-son",
        commune="Phường Đông Ngàn",
        street="88 Minh Khai",
        phone="0222 3831 888",
        pickup_instructions="Quầy nhận hàng bên trái lối vào.",
    )
    for weekday in range(7):
        StoreOpeningHours.objects.create(
            store=tu_son, weekday=weekday, opens=dt.time(7, 30), closes=dt.time(21, 0)
        )
    gia_binh = Partner.objects.create(
        name="Cửa hàng OCOP Gia Bình", code="ocop-gia-binh", commune="Xã Gia Bình"
    )
    product, _ = stocked_product(
        "Nem Ninh Xá", "OCOP-NEM", (tu_son, 5), (gia_binh, 0), price="125000"
    )
    product.title_vi, product.title_en = "Nem Ninh Xá", "Ninh Xa fermented pork"
    product.save()
    manager = get_user_model().objects.create_user(
        username="quanly.tuson", email=MANAGER_EMAIL, password=MANAGER_PASSWORD
    )
    tu_son.managers.add(manager)
    return {"store": tu_son, "empty_store": gia_binh, "product": product}


def _shopper_picks_up(page, base, prefix, shop):
    """Basket → email → pickup at Từ Sơn → pay at pickup → place order. Returns the order."""
    store, empty_store, product = shop["store"], shop["empty_store"], shop["product"]
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))

    page.goto(f"{base}{prefix}{product.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("lang", "en" if prefix else "vi")
    page.locator("#add_to_basket_form button[type=submit]").click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")

    page.goto(f"{base}{prefix}{reverse('checkout:index')}")
    page.fill("#id_username", "lan@example.vn")
    page.locator("#id_options_0").check()
    page.locator("#id_options_0").evaluate("el => el.form.submit()")

    # Delivery or pickup: only the store holding every line is offered.
    expect(page).to_have_url(f"{base}{prefix}{reverse('checkout-fulfilment')}")
    expect(page.locator("#choice_delivery")).to_be_visible()
    pickup = page.locator(f"#choice_{store.slug}")
    expect(pickup).to_have_value(f"pickup:{store.slug}")
    expect(page.locator(f"#choice_{empty_store.slug}")).to_have_count(0)
    expect(page.locator(f"input[value='pickup:{empty_store.slug}']")).to_have_count(0)
    expect(page.locator("#fulfilment_form")).not_to_contain_text(empty_store.name)

    # The store's address, phone, pickup instructions and opening hours.
    card = page.locator(".form-check", has=pickup)
    expect(card).to_contain_text(store.name)
    expect(card).to_contain_text("88 Minh Khai, Phường Đông Ngàn, Bắc Ninh")
    expect(card).to_contain_text("0222 3831 888")
    expect(card).to_contain_text("Quầy nhận hàng bên trái lối vào.")
    card.locator("details summary").click()
    hours = card.locator("table.store-hours")
    expect(hours).to_be_visible()
    expect(hours.locator("tr")).to_have_count(7)
    expect(hours).to_contain_text("07:30–21:00")

    pickup.check()
    page.click("#fulfilment_continue")

    # Straight to payment: no shipping address step.
    expect(page).to_have_url(f"{base}{prefix}{reverse('checkout:payment-method')}")
    pay_at_pickup = page.locator("input[name=method][value=pickup]")
    expect(page.locator("input[name=method][value=cod]")).to_have_count(0)
    pay_at_pickup.check()
    page.click("#choose-payment-method")
    expect(page).to_have_url(f"{base}{prefix}{reverse('checkout:preview')}")
    page.click("#place-order")

    expect(page).to_have_url(f"{base}{prefix}{reverse('checkout:thank-you')}")
    assert not [url for url in visited if "shipping-address" in url], visited
    order = Order.objects.get()
    assert order.fulfilment_type == Order.Fulfilment.PICKUP
    assert order.fulfilment_store == store
    assert order.shipping_address is None
    assert order.shipping_incl_tax == 0
    assert re.fullmatch(r"[A-Z0-9]{6}", order.pickup_code), order.pickup_code
    assert order.payment.method == "pickup"
    assert StockRecord.objects.get(partner=store, product=product).num_allocated == 1

    body = page.locator("body")
    expect(body).to_contain_text(order.number)
    expect(body).to_contain_text(store.name)
    expect(page.locator("#payment-status")).to_have_attribute("data-status", "pending")
    expect(body).to_contain_text(re.compile(r"125[.,]000"))
    return order


def test_shopper_collects_at_a_store_and_the_manager_hands_it_over(
    live_server, page, browser, shop
):
    order = _shopper_picks_up(page, live_server.url, "", shop)
    store, product = shop["store"], shop["product"]

    # The store manager, in their own browser.
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    try:
        manager = context.new_page()
        manager.goto(f"{live_server.url}{reverse('customer:login')}")
        manager.fill("#id_login-username", MANAGER_EMAIL)
        manager.fill("#id_login-password", MANAGER_PASSWORD)
        manager.locator("button[name=login_submit]").click()
        expect(manager.locator("#id_login-password")).to_have_count(0)

        manager.goto(f"{live_server.url}{reverse('mystore:home')}")
        pickups_url = reverse("mystore:pickups", kwargs={"store": store.slug})
        manager.locator(f"nav a[href='{pickups_url}']").click()
        expect(manager).to_have_url(f"{live_server.url}{pickups_url}")

        row = manager.locator(f"#order_{order.number}")
        expect(row).to_contain_text(order.pickup_code)
        expect(row).to_contain_text("Nem Ninh Xá")
        expect(row.locator("button[value=collected]")).to_have_count(0)
        row.locator("button[name=action][value=ready]").click()

        expect(row.locator("button[name=action][value=collected]")).to_be_visible()
        expect(row.locator("button[value=ready]")).to_have_count(0)
        order.refresh_from_db()
        assert order.status == order_services.READY
        assert order.ready_for_pickup_at is not None

        row.locator("button[name=action][value=collected]").click()
        # Collected orders leave the "to hand over" list…
        expect(manager.locator(f"#order_{order.number}")).to_have_count(0)
        order.refresh_from_db()
        assert order.status == order_services.COLLECTED
        # …and are listed, without actions, under all pickup orders.
        manager.goto(f"{live_server.url}{pickups_url}?status=all")
        expect(row).to_be_visible()
        expect(row.locator("button")).to_have_count(0)
    finally:
        context.close()

    # The collected unit left the shelf.
    record = StockRecord.objects.get(partner=store, product=product)
    assert (record.num_in_stock, record.num_allocated) == (4, 0)


def test_shopper_picks_up_in_english(live_server, page, shop):
    _shopper_picks_up(page, live_server.url, "/en", shop)
    expect(page.get_by_role("link", name=re.compile("Continue shopping", re.I))).to_be_visible()


def test_confirmation_page_shows_the_pickup_code_store_and_hours(live_server, page, shop):
    order = _shopper_picks_up(page, live_server.url, "", shop)
    expect(page.get_by_test_id("pickup-code")).to_have_text(order.pickup_code)
    info = page.get_by_test_id("pickup-info")
    expect(info).to_contain_text(order.fulfilment_store.name)
    expect(info).to_contain_text("07:30–21:00")
