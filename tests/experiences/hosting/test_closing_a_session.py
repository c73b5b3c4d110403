"""A host closes a session: nobody can book it, its bookings are cancelled, customers told,
money settled."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.experiences import hosting
from storefront.experiences.models import Booking, Session
from storefront.models import OutgoingEmail
from tests.experiences.conftest import book
from tests.experiences.hosting.helpers import booked, portal_url

Order = get_model("order", "Order")
pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")


def _session_url(experience, day, time="08:00"):
    return portal_url("session", experience, pk=experience.pk, key=f"{day.isoformat()}T{time}")


def test_closing_cancels_every_booking_emails_each_customer_in_their_language_and_cancels_unpaid_orders(  # noqa: E501
    client, experience, host, next_week, django_capture_on_commit_callbacks
):
    lan = booked(experience, next_week, people=2, email="lan@example.vn")
    tom = booked(experience, next_week, people=1, email="tom@example.com", language="en")
    mail.outbox.clear()
    client.force_login(host)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_session_url(experience, next_week), {"reason": "Mưa bão lớn"})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đã đóng buổi. 2 lượt đặt chỗ đã bị huỷ" in page
    assert "Mưa bão lớn" in page
    session = Session.objects.get()
    assert session.closed_at is not None and session.booked == 0
    for booking in (lan, tom):
        booking.refresh_from_db()
        assert (booking.status, booking.cancelled_by) == ("cancelled", "host")
        assert booking.settled_at is not None
        # Paid on the day, nothing paid yet, nothing else in the order: the order is cancelled.
        assert Order.objects.get(pk=booking.order_id).status == "Cancelled"
    closed = {m.to[0]: m for m in mail.outbox if m.to[0] in ("lan@example.vn", "tom@example.com")}
    closed = {k: m for k, m in closed.items() if "Phù Lãng" in m.subject}
    assert closed["lan@example.vn"].subject.startswith("Buổi trải nghiệm đã bị đóng")
    assert "Lý do: Mưa bão lớn" in closed["lan@example.vn"].body
    assert lan.code in closed["lan@example.vn"].body
    assert "không phải trả tiền" in closed["lan@example.vn"].body
    assert closed["tom@example.com"].subject.startswith("Session closed")
    assert "Reason: Mưa bão lớn" in closed["tom@example.com"].body
    assert "nothing to pay" in closed["tom@example.com"].body


def test_closing_twice_does_nothing_more(client, experience, host, next_week):
    booked(experience, next_week, people=2)
    client.force_login(host)
    client.post(_session_url(experience, next_week), {"reason": "Lễ hội làng"})
    emails = OutgoingEmail.objects.filter(kind="booking_closed").count()
    closed_at = Session.objects.get().closed_at

    response = client.post(_session_url(experience, next_week), {"reason": "Lần nữa"}, follow=True)

    assert "Buổi này đã được đóng từ trước." in response.content.decode()
    session = Session.objects.get()
    assert (session.closed_at, session.closed_reason) == (closed_at, "Lễ hội làng")
    assert OutgoingEmail.objects.filter(kind="booking_closed").count() == emails == 1


def test_a_closed_session_takes_no_new_bookings(client, experience, host, next_week):
    client.force_login(host)
    # Nobody had booked it yet: closing writes the session closed.
    response = client.post(_session_url(experience, next_week, "14:00"), {"reason": "Hội Lim"})
    assert response.status_code == 302
    assert Session.objects.get().starts_at == dt.time(14)

    shopper = Client()
    added = book(shopper, experience, next_week, time="14:00")
    followed = shopper.get(added["Location"]).content.decode()
    assert "Chủ nhà đã đóng buổi này" in followed
    assert shopper.get(reverse("basket:summary")).context["basket"].num_lines == 0


def test_closing_without_a_reason_is_refused_and_nothing_changes(
    client, experience, host, next_week
):
    booking = booked(experience, next_week)
    client.force_login(host)

    response = client.post(_session_url(experience, next_week), {"reason": "  "})

    assert response.status_code == 200
    assert "Hãy nêu lý do đóng buổi" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "booked" and Session.objects.get().closed_at is None


def test_a_session_the_schedule_does_not_have_cannot_be_closed(client, experience, host, next_week):
    client.force_login(host)
    url = _session_url(experience, next_week, "09:30")
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Mưa"}).status_code == 404
    assert not Session.objects.exists()


def test_one_failing_settlement_stops_no_other_and_closing_again_retries_it(
    client, experience, host, next_week, monkeypatch, django_capture_on_commit_callbacks
):
    first = booked(experience, next_week, email="a@example.vn")
    second = booked(experience, next_week, email="b@example.vn")
    real = hosting.settle_cancelled_booking

    def flaky(*, booking, user=None):
        if booking.pk == first.pk:
            raise RuntimeError("payment service down")
        return real(booking=booking, user=user)

    monkeypatch.setattr(hosting, "settle_cancelled_booking", flaky)
    client.force_login(host)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_session_url(experience, next_week), {"reason": "Bão"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == "cancelled"
    assert first.settled_at is None and second.settled_at is not None
    assert Order.objects.get(pk=second.order_id).status == "Cancelled"

    monkeypatch.setattr(hosting, "settle_cancelled_booking", real)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_session_url(experience, next_week), {"reason": "Bão"})
    first.refresh_from_db()
    assert first.settled_at is not None
    assert Order.objects.get(pk=first.order_id).status == "Cancelled"
    assert Booking.objects.filter(settled_at__isnull=True).count() == 0


def test_another_host_cannot_close_the_session(client, experience, stranger, next_week):
    booking = booked(experience, next_week)
    client.force_login(stranger)
    assert client.post(_session_url(experience, next_week), {"reason": "x"}).status_code == 404
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_closing_keeps_the_bookings_of_people_already_checked_in(
    client, experience, host, next_week
):
    came = booked(experience, next_week, people=2, email="came@example.vn")
    late = booked(experience, next_week, people=1, email="late@example.vn")
    hosting.check_in(
        producer=experience.product.producer, code=came.code, user=host, today=next_week
    )
    client.force_login(host)

    client.post(_session_url(experience, next_week), {"reason": "Mưa bão lớn"})

    came.refresh_from_db()
    late.refresh_from_db()
    assert came.status == Booking.Status.CHECKED_IN
    assert late.status == Booking.Status.CANCELLED
    assert Session.objects.get().booked == 2
    emailed = OutgoingEmail.objects.filter(kind="booking_closed")
    assert [e.params["booking_id"] for e in emailed] == [late.pk]
