"""Checking participants in by booking code (typed or scanned) on the session's day."""

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.experiences.models import Booking, Session
from storefront.order import services as order_services
from tests.experiences.hosting.helpers import booked, portal_url

Order = get_model("order", "Order")
pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")


def _today(booking):
    """The day of the session has come (bookings are made at least a day ahead)."""
    Session.objects.filter(pk=booking.session_id).update(date=timezone.localdate())


def test_host_finds_a_booking_by_its_code_and_checks_it_in_once(
    client, experience, host, next_week
):
    booking = booked(experience, next_week, people=3, email="lan@example.vn")
    _today(booking)
    client.force_login(host)
    url = portal_url("check-in", experience)

    # Typed in lower case with spaces, as people do.
    found = client.get(url, {"code": f" {booking.code.lower()} "})

    html = found.content.decode()
    assert booking.code in html and "3 người lớn" in html and "lan@example.vn" in html
    assert 'value="check_in"' in html
    assert found["Permissions-Policy"].count("camera=(self)") == 1

    done = client.post(url, {"code": booking.code, "action": "check_in"})
    assert "Đã điểm danh lượt đặt chỗ" in done.content.decode()
    booking.refresh_from_db()
    assert booking.status == "checked_in" and booking.checked_in_by == host
    when = timezone.localtime(booking.checked_in_at).strftime("%H:%M")

    again = client.post(url, {"code": booking.code, "action": "check_in"}).content.decode()
    assert "đã được điểm danh lúc" in again and when in again
    assert 'value="check_in"' not in again
    booking.refresh_from_db()
    assert booking.status == "checked_in"


def test_a_scanned_qr_holding_a_link_is_read_as_its_code(client, experience, host, next_week):
    booking = booked(experience, next_week)
    _today(booking)
    client.force_login(host)
    scanned = f"https://ocop.example.vn/shop/bookings/{booking.code}/"
    page = client.get(portal_url("check-in", experience), {"code": scanned})
    assert 'value="check_in"' in page.content.decode()


def test_a_booking_for_another_day_is_refused_in_words(client, experience, host, next_week):
    booking = booked(experience, next_week)
    client.force_login(host)

    page = client.post(
        portal_url("check-in", experience), {"code": booking.code, "action": "check_in"}
    )

    assert "không phải hôm nay" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_a_cancelled_booking_is_refused_in_words(client, experience, host, next_week):
    booking = booked(experience, next_week)
    _today(booking)
    Order.objects.get(pk=booking.order_id).set_status("Cancelled")
    order_services.release_held_stock()
    client.force_login(host)

    page = client.post(
        portal_url("check-in", experience), {"code": booking.code, "action": "check_in"}
    )

    assert f"Lượt đặt chỗ {booking.code} đã bị huỷ" in page.content.decode()
    assert Booking.objects.get().status == "cancelled"


def test_another_hosts_code_is_refused_without_showing_the_booking(
    client, experience, stranger, next_week
):
    booking = booked(experience, next_week, email="lan@example.vn")
    _today(booking)
    client.force_login(stranger)
    slug = stranger.producer_memberships.get().producer.slug
    from django.urls import reverse

    url = reverse("hosting:check-in", kwargs={"slug": slug})
    page = client.post(url, {"code": booking.code, "action": "check_in"}).content.decode()

    assert "thuộc trải nghiệm của chủ nhà khác" in page
    assert "lan@example.vn" not in page
    assert Booking.objects.get().status == "booked"


@pytest.mark.parametrize(("code", "message"), [("ZZZZ9999", "Không có lượt đặt chỗ nào"), ("", "")])
def test_an_unknown_or_empty_code_says_so(client, experience, host, code, message):
    client.force_login(host)
    page = client.get(portal_url("check-in", experience), {"code": code})
    assert page.status_code == 200
    if message:
        assert message in page.content.decode()
    else:
        assert "Trường này là bắt buộc" in page.content.decode()
