"""Basket and checkout on a 390 px phone, in Chromium: the shop's own pages, not Oscar's.

Every page of the journey (basket, sign-in gateway, delivery or pickup, the
delivery address, payment, review, confirmation; and an experience ticket's
payment under /en/) must carry the site header and footer, fit the screen
without sideways scrolling, and show its step bar. The basket's quantity box
has an accessible name and its limit in words.

axe-core checks every page of the three journeys (WCAG 2.2 AA: no critical or
serious violation).

Screenshots go to $SCREENSHOTS_DIR (a directory) when set, for looking at;
they are not kept otherwise.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from playwright.sync_api import expect

from storefront.partner.models import Partner, StoreOpeningHours
from tests.browser import axe
from tests.browser.conftest import PHONE
from tests.factories import create_product
from tests.partner.conftest import stocked_product

Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop(site_tree, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
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
    store = Partner.objects.create(
        name="Cửa hàng OCOP Từ Sơn",
        code="ocop-tu-son",
        commune="Phường Đông Ngàn",
        street="88 Minh Khai",
        phone="0222 3831 888",
        pickup_instructions="Quầy nhận hàng bên trái lối vào, cạnh quầy thu ngân tầng một.",
    )
    for weekday in range(7):
        StoreOpeningHours.objects.create(
            store=store, weekday=weekday, opens=dt.time(7, 30), closes=dt.time(21, 0)
        )
    product, _ = stocked_product("Nem Ninh Xá", "OCOP-NEM", (store, 7), price="125000")
    return {"store": store, "product": product}


def looks_like_the_shop(page, shots, name, steps):
    """The site's header, <main> and footer; no sideways scroll; the expected step bar;
    no critical or serious accessibility violation (axe, WCAG 2.2 AA)."""
    page.screenshot(path=shots / f"{name}.png", full_page=True)
    found = axe.violations(page)
    assert not found, f"{name}:\n{axe.describe(found)}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide"
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator("footer.site-footer")).to_be_visible()
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator(".nav-checkout")).to_have_count(0)  # Oscar's dark bar
    if steps is None:
        return
    bar = page.locator("main nav.checkout-steps li")
    expect(bar.locator(".checkout-step-label")).to_have_text(steps[0])
    expect(page.locator("main [aria-current=step] .checkout-step-label")).to_have_text(steps[1])


def test_pickup_and_delivery_checkout_fit_a_phone_in_the_shops_layout(
    live_server, phone, shop, shots
):
    page, base, store = phone, live_server.url, shop["store"]
    page.goto(f"{base}{shop['product'].get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit]").click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")

    page.goto(f"{base}{reverse('basket:summary')}")
    looks_like_the_shop(page, shots, "basket", None)
    box = page.get_by_role("spinbutton", name="Số lượng (Nem Ninh Xá)")
    expect(box).to_have_value("1")
    expect(box).to_have_accessible_description("Tối đa 7")
    expect(page.locator(".quantity-limit")).to_be_visible()

    page.locator("a[href$='/checkout/']").first.click()
    looks_like_the_shop(page, shots, "gateway", None)
    page.fill("#id_username", "lan@example.vn")
    page.locator("#id_options_0").check()
    page.locator("#id_options_0").evaluate("el => el.form.submit()")

    expect(page).to_have_url(f"{base}{reverse('checkout-fulfilment')}")
    looks_like_the_shop(
        page, shots, "fulfilment", (["Giao hay nhận", "Thanh toán", "Xác nhận"], "Giao hay nhận")
    )
    # The whole delivery/pickup card sits inside the screen, with room at the edges.
    for choice in ("#choice_delivery", f"#choice_{store.slug}"):
        card = page.locator(".form-check.card", has=page.locator(choice)).bounding_box()
        assert card["x"] >= 8 and card["x"] + card["width"] <= PHONE["width"] - 8, (choice, card)

    page.locator("#choice_delivery").check()
    page.click("#fulfilment_continue")
    expect(page).to_have_url(f"{base}{reverse('checkout:shipping-address')}")
    looks_like_the_shop(
        page,
        shots,
        "address",
        (["Giao hàng", "Địa chỉ", "Thanh toán", "Xác nhận"], "Địa chỉ"),
    )

    # Back to the first step through the bar, and pickup instead.
    page.locator("main nav.checkout-steps a").first.click()
    page.locator(f"#choice_{store.slug}").check()
    page.click("#fulfilment_continue")
    expect(page).to_have_url(f"{base}{reverse('checkout:payment-method')}")
    looks_like_the_shop(
        page, shots, "payment", (["Nhận hàng", "Thanh toán", "Xác nhận"], "Thanh toán")
    )
    page.locator("input[name=method][value=pickup]").check()
    page.click("#choose-payment-method")

    expect(page).to_have_url(f"{base}{reverse('checkout:preview')}")
    looks_like_the_shop(
        page, shots, "preview", (["Nhận hàng", "Thanh toán", "Xác nhận"], "Xác nhận")
    )
    page.click("#place-order")

    expect(page).to_have_url(f"{base}{reverse('checkout:thank-you')}")
    looks_like_the_shop(
        page, shots, "confirmation", (["Nhận hàng", "Thanh toán", "Xác nhận"], "Xác nhận")
    )
    expect(page.get_by_test_id("pickup-code")).to_be_visible()


def test_an_experience_ticket_checkout_in_english_fits_a_phone(live_server, phone, shop, shots):
    ticket = create_product(
        title="Trải nghiệm làm tranh Đông Hồ",
        product_class="Trải nghiệm",
        price=Decimal("150000"),
        num_in_stock=20,
    )
    ticket.product_class.requires_shipping = False
    ticket.product_class.save()
    page, base = phone, live_server.url
    with translation.override("en"):
        product_url, basket_url = ticket.get_absolute_url(), reverse("basket:summary")
        gateway_url, payment_url = reverse("checkout:index"), reverse("checkout:payment-method")
    page.goto(f"{base}{product_url}")
    page.locator("#add_to_basket_form button[type=submit]").click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")
    page.goto(f"{base}{basket_url}")
    looks_like_the_shop(page, shots, "en-basket", None)
    expect(
        page.get_by_role("spinbutton", name="Quantity (Trải nghiệm làm tranh Đông Hồ)")
    ).to_be_visible()

    page.goto(f"{base}{gateway_url}")
    page.fill("#id_username", "lan@example.vn")
    page.locator("#id_options_0").check()
    page.locator("#id_options_0").evaluate("el => el.form.submit()")
    # Nothing to deliver or collect: straight from the gateway to payment.
    expect(page).to_have_url(f"{base}{payment_url}")
    looks_like_the_shop(
        page, shots, "en-experience-payment", (["Payment", "Confirmation"], "Payment")
    )
