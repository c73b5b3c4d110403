"""Places in a session: sold by the person, reserved at placement under a row lock."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.experiences.models import Booking, Session
from storefront.order import services as order_services
from tests.checkout.test_pickup_rush import place_all_at_once
from tests.experiences.conftest import book, place, to_preview

Order = get_model("order", "Order")

pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")


def test_three_people_pay_three_times_the_price_per_person(client, experience, next_week):
    assert book(client, experience, next_week, people=3).status_code == 302
    basket = client.get(reverse("basket:summary")).context["basket"]
    line = basket.all_lines()[0]
    assert (line.quantity, line.unit_price_incl_tax, line.line_price_incl_tax) == (
        3,
        300000,
        900000,
    )
    assert line.stockrecord is None
    assert basket.total_incl_tax == 900000


def test_a_child_ticket_costs_the_child_price(client, experience, next_week):
    book(client, experience, next_week, people=2)
    book(client, experience, next_week, people=1, ticket="child")
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert sorted(line.line_price_incl_tax for line in basket.all_lines()) == [150000, 600000]


@pytest.mark.parametrize(
    ("day_offset", "time", "people", "message"),
    [
        (-1, "08:00", 1, "không thể đặt"),  # yesterday
        (0, "08:00", 1, "không thể đặt"),  # inside the one-day lead time
        (7, "09:30", 1, "Hãy chọn một buổi"),  # no session at 09:30
        (7, "08:00", 7, "Chỉ còn 6 chỗ"),  # more than the session holds
    ],
)
def test_sessions_that_cannot_be_booked_stay_out_of_the_basket(
    client, experience, day_offset, time, people, message
):
    day = timezone.localdate() + dt.timedelta(days=day_offset)
    response = book(client, experience, day, people=people, time=time)
    followed = client.get(response["Location"])
    assert message in followed.content.decode()
    assert followed.context["basket"].num_lines == 0


def test_placing_the_order_books_the_places_and_cancelling_gives_them_back(
    client, experience, next_week
):
    placed = place(client, to_preview(client, experience, next_week, people=4))
    assert placed["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    booking = Booking.objects.get(order=order)
    assert (booking.adults, booking.children, booking.session.booked) == (4, 0, 4)
    assert booking.session.date == next_week and booking.session.starts_at == dt.time(8)
    line = order.lines.get()
    assert (line.stockrecord, line.partner, line.line_price_incl_tax) == (None, None, 1200000)

    order.set_status("Cancelled")
    report = order_services.release_held_stock()
    assert report.closed_released == [order.number]
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert Session.objects.get().booked == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_shoppers_racing_for_the_last_six_places_get_exactly_six(experience, next_week):
    from django.test import Client

    # Two places of eight already taken: six are left.
    Session.objects.create(
        experience=experience, date=next_week, starts_at=dt.time(8), capacity=8, booked=2
    )
    buyers = []
    for number in range(50):
        client = Client()
        buyers.append((client, to_preview(client, experience, next_week, email=f"k{number}@x.vn")))

    results = place_all_at_once(buyers)

    kinds = [kind for kind, _message in results]
    assert kinds.count("error") == 0 and kinds.count("other") == 0, results
    assert kinds.count("ok") == 6, results
    assert all("hết chỗ" in message for kind, message in results if kind == "refused"), results
    session = Session.objects.get()
    assert session.booked == 8
    assert Booking.objects.filter(session=session).count() == 6
    assert Order.objects.count() == 6
