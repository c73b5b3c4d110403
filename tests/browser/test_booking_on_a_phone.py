"""Booking an experience on a 390 px phone, in Chromium: choose a session and people on the
product page (the total follows), add, pay on the day, and see the booking's code and QR.

axe-core checks each page (WCAG 2.2 AA: no critical or serious violation); nothing
scrolls sideways.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_checkout_on_a_phone import looks_like_the_shop
from tests.experiences.conftest import experience  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_choosing_a_session_and_booking_on_a_phone(
    live_server,
    phone,
    shots,
    site_tree,
    settings,
    experience,  # noqa: F811
):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    page, base = phone, live_server.url
    page.goto(f"{base}{experience.product.get_absolute_url()}")
    expect(page.get_by_test_id("experience-facts")).to_contain_text("300.000 ₫ / người")
    expect(page.locator("text=Còn hàng")).to_have_count(0)
    expect(page.locator("#store_availability")).to_have_count(0)
    # JS on: the live total replaces the "Show total" button.
    expect(page.locator("[data-show-total]")).to_be_hidden()
    past = page.locator(".booking-slot.is-past input").first
    expect(past).to_be_disabled()

    first_open = page.locator(".booking-slot.is-open").first
    session_key = first_open.locator("input").get_attribute("value")
    first_open.locator("label").click()
    expect(first_open.locator("input")).to_be_checked()
    page.get_by_label("Người lớn").fill("2")
    page.get_by_label("Trẻ em").fill("1")
    expect(page.get_by_test_id("booking-total")).to_contain_text("750.000")
    looks_like_the_shop(page, shots, "experience-booking", None)

    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    expect(page).to_have_url(f"{base}{reverse('basket:summary')}")
    expect(page.locator("main")).to_contain_text("2 người lớn")
    expect(page.locator("main")).to_contain_text("1 trẻ em")
    looks_like_the_shop(page, shots, "experience-basket", None)

    page.goto(f"{base}{reverse('checkout:index')}")
    page.fill("#id_username", "lan@example.vn")
    page.locator("#id_options_0").check()
    page.locator("#id_options_0").evaluate("el => el.form.submit()")
    expect(page).to_have_url(f"{base}{reverse('checkout:payment-method')}")
    page.locator("input[name=method][value=day]").check()
    page.click("#choose-payment-method")
    expect(page).to_have_url(f"{base}{reverse('checkout:preview')}")
    page.click("#place-order")

    expect(page).to_have_url(f"{base}{reverse('checkout:thank-you')}")
    looks_like_the_shop(
        page, shots, "experience-confirmation", (["Thanh toán", "Xác nhận"], "Xác nhận")
    )
    from storefront.experiences.models import Booking

    booking = Booking.objects.get()
    assert booking.session.key == session_key and booking.people == 3
    ticket = page.get_by_test_id(f"booking-{booking.code}")
    expect(ticket.get_by_test_id("booking-code")).to_have_text(booking.code)
    expect(ticket.locator(".booking-qr svg")).to_be_visible()
