"""The customer cancels a booking from the order page, within the rule only, and only their own."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.experiences.models import Booking
from tests.experiences.test_booking_checkout import book_page, checkout, text

Order = get_model("order", "Order")

pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")
PASSWORD = "x-Pw-2026!"


@pytest.fixture
def lan(django_user_model):
    return django_user_model.objects.create_user("lan", "lan@example.vn", PASSWORD)


def booked(client, experience, day, capture, *, guest=False, adults=2):
    book_page(client, experience, day, adults=adults)
    with capture(execute=True):
        checkout(client, method="day", guest=guest)
    return Booking.objects.get(order=Order.objects.latest("pk"))


def order_url(order):
    return reverse("customer:order", kwargs={"order_number": order.number})


def test_the_owner_cancels_within_the_rule_and_is_told_by_email(
    client, experience, next_week, lan, django_capture_on_commit_callbacks
):
    client.force_login(lan)
    booking = booked(client, experience, next_week, django_capture_on_commit_callbacks)
    page = text(client.get(order_url(booking.order)))
    assert booking.code in page and "Huỷ đặt chỗ" in page and "Bạn có thể huỷ miễn phí đến" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("booking-cancel", args=[booking.code]))
    assert response["Location"] == order_url(booking.order)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancelled_by == Booking.CancelledBy.CUSTOMER
    assert booking.session.booked == 0 and booking.settled_at is not None
    # Paid on the day and nothing else in it: the order is cancelled, nothing charged.
    assert Order.objects.get(pk=booking.order_id).status == "Cancelled"
    followed = text(client.get(response["Location"]))
    assert f"Đã huỷ lượt đặt chỗ {booking.code}" in followed and "Đã hủy" in followed
    [message] = mail.outbox
    assert booking.code in message.subject and "đã được huỷ theo yêu cầu" in message.body
    assert "Bạn không phải trả khoản nào" in message.body
    # A second cancellation changes nothing.
    again = client.post(reverse("booking-cancel", args=[booking.code]))
    assert "Lượt đặt chỗ này đã được huỷ." in text(client.get(again["Location"]))
    booking.refresh_from_db()
    assert booking.session.booked == 0


def test_outside_the_rule_the_page_says_why_and_cancelling_is_refused(
    client, experience, lan, django_capture_on_commit_callbacks
):
    client.force_login(lan)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)  # inside the 48 hours
    booking = booked(client, experience, tomorrow, django_capture_on_commit_callbacks)
    page = text(client.get(order_url(booking.order)))
    assert "Thời hạn huỷ miễn phí đã hết lúc" in page and "48 giờ trước buổi" in page
    assert f'action="{reverse("booking-cancel", args=[booking.code])}"' not in page
    response = client.post(reverse("booking-cancel", args=[booking.code]))
    assert "Thời hạn huỷ miễn phí đã hết lúc" in text(client.get(response["Location"]))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED and booking.session.booked == 2


def test_the_page_in_english(
    client, experience, next_week, lan, django_capture_on_commit_callbacks
):
    client.force_login(lan)
    booking = booked(client, experience, next_week, django_capture_on_commit_callbacks)
    page = text(client.get("/en" + order_url(booking.order)))
    assert "Cancel booking" in page and "Your bookings" in page
    assert f"{next_week.strftime('%a %-d %b %Y')}, 08:00" in page and "2 adults" in page


def test_another_customer_anonymous_visitors_and_get_cannot_cancel(
    client, experience, next_week, lan, django_user_model, django_capture_on_commit_callbacks
):
    client.force_login(lan)
    booking = booked(client, experience, next_week, django_capture_on_commit_callbacks)
    url = reverse("booking-cancel", args=[booking.code])
    other = Client()
    other.force_login(django_user_model.objects.create_user("minh", "minh@x.vn", PASSWORD))
    assert other.post(url).status_code == 404
    assert Client().post(url).status_code == 404
    assert Client().post(url, {"hash": booking.order.verification_hash()}).status_code == 404
    assert client.get(url).status_code == 405
    assert Client(enforce_csrf_checks=True).post(url).status_code == 403
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_a_guest_cancels_from_the_order_link(
    client, experience, next_week, django_capture_on_commit_callbacks
):
    booking = booked(client, experience, next_week, django_capture_on_commit_callbacks, guest=True)
    order = booking.order
    link = reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )
    visitor = Client()
    # Oscar's order-status page asks for the order's email address first.
    form = reverse(
        "customer:anon-order-form",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )
    visitor.post(form, {"email": "lan@example.vn"})
    page = text(visitor.get(link))
    assert booking.code in page and "Huỷ đặt chỗ" in page
    url = reverse("booking-cancel", args=[booking.code])
    assert visitor.post(url, {"hash": "forged"}).status_code == 404
    response = visitor.post(url, {"hash": order.verification_hash()})
    assert response["Location"] == link
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
