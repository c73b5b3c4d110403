"""A host checks a participant in on a 390 px phone, in Chromium: type the code, one tap.

The bookings page and the check-in page fit the screen without sideways
scrolling and have no critical or serious axe violations.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from storefront.experiences.models import Booking, Session
from tests.browser.axe import describe, violations
from tests.browser.conftest import PHONE
from tests.browser.test_store_manager_phone import fits, sign_in
from tests.experiences.conftest import experience, next_week, no_stripe, vietnam  # noqa: F401
from tests.experiences.hosting.conftest import host  # noqa: F401  (fixture)
from tests.experiences.hosting.helpers import booked, portal_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("no_stripe", "vietnam"),
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, device_scale_factor=1, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def test_host_checks_a_participant_in_on_a_phone(live_server, phone, site_tree, shots, request):
    # The experiences tests' fixtures, by name (imported above to register them).
    tour = request.getfixturevalue("experience")
    day = request.getfixturevalue("next_week")
    host_user = request.getfixturevalue("host")
    booking = booked(tour, day, people=2, email="lan@example.vn")
    booked(tour, day, people=1, email="tom@example.com", language="en")
    # The session's day has come.
    Session.objects.filter(pk=booking.session_id).update(date=timezone.localdate())
    page, base = phone, live_server.url
    sign_in(page, base, host_user)

    page.goto(base + portal_url("bookings", tour))
    expect(page.get_by_text(booking.code)).to_be_visible()
    expect(page.get_by_text("3/6 chỗ đã đặt")).to_be_visible()
    fits(page, shots, "host-bookings")
    found = violations(page)
    assert not found, describe(found)

    page.get_by_role("link", name="Điểm danh khách đặt chỗ").click()
    page.get_by_label("Mã đặt chỗ").fill(booking.code.lower())
    page.get_by_role("button", name="Tìm").click()
    expect(page.get_by_test_id("check-in-booking")).to_contain_text("2 người lớn")
    fits(page, shots, "host-check-in-found")
    found = violations(page)
    assert not found, describe(found)

    page.get_by_role("button", name="Điểm danh").click()
    expect(page.get_by_test_id("check-in-done")).to_contain_text(booking.code)
    fits(page, shots, "host-check-in-done")
    found = violations(page)
    assert not found, describe(found)
    assert Booking.objects.get(pk=booking.pk).status == "checked_in"

    # The same code again says when it was used.
    page.get_by_label("Mã đặt chỗ").fill(booking.code)
    page.get_by_role("button", name="Tìm").click()
    expect(page.get_by_test_id("check-in-refusal")).to_contain_text("đã được điểm danh lúc")
