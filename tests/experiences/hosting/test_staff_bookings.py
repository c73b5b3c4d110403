"""Programme staff: every booking (filters, CSV) and visitors per craft village per month."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory, create_order

from storefront.experiences.models import Booking, Session
from storefront.experiences.services import new_booking_code
from tests.experiences.hosting.helpers import booked

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")
URL = reverse("hosting:staff-bookings")


def _more_bookings(experience, day, count):
    """Bookings of other customers (accounts with a saved address), straight in the tables:
    the query-count tests need many and the checkout makes one a second."""
    session, _ = Session.objects.get_or_create(
        experience=experience, date=day, starts_at=dt.time(14), defaults={"capacity": 50}
    )
    for n in range(count):
        user = UserFactory(email=f"khach{n}@example.vn")
        UserAddress.objects.create(
            user=user,
            first_name=f"Khách {n}",
            line1="Số 1",
            line4="Bắc Ninh",
            country=Country.objects.get(iso_3166_1_a2="VN"),
            phone_number=f"+8491234{n:04d}",
        )
        Booking.objects.create(
            code=new_booking_code(), order=create_order(user=user), session=session, adults=1
        )
    Session.objects.filter(pk=session.pk).update(booked=count)


def test_staff_filter_bookings_by_experience_dates_and_status_and_download_them(
    client, experience, officer, next_week
):
    early = booked(experience, next_week, people=2, email="lan@example.vn")
    late = booked(experience, next_week + dt.timedelta(days=7), email="tom@example.com")
    Booking.objects.filter(pk=late.pk).update(status="checked_in")
    client.force_login(officer)

    everything = client.get(URL).content.decode()
    assert early.code in everything and late.code in everything

    in_range = client.get(
        URL, {"date_from": next_week.isoformat(), "date_to": next_week.isoformat()}
    ).content.decode()
    assert early.code in in_range and late.code not in in_range
    checked = client.get(URL, {"status": "checked_in", "experience": experience.pk})
    assert late.code in checked.content.decode() and early.code not in checked.content.decode()
    bad = client.get(URL, {"date_from": "15/12/2026"}).content.decode()
    assert "YYYY-MM-DD" in bad and early.code in bad

    download = client.get(URL, {"status": "booked", "format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    assert download.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert [(r["code"], r["adults"], r["email"], r["date"]) for r in rows] == [
        (early.code, "2", "lan@example.vn", next_week.isoformat())
    ]


def test_the_booking_list_costs_the_same_queries_for_many_bookings(
    client, experience, officer, next_week, django_assert_max_num_queries
):
    booked(experience, next_week)
    _more_bookings(experience, next_week, 3)
    client.force_login(officer)
    with django_assert_max_num_queries(20) as few:
        assert client.get(URL).status_code == 200
    _more_bookings(experience, next_week + dt.timedelta(days=1), 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL)
    assert "+84912340029" in page.content.decode()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL, {"format": "csv"}).content.decode().count("\n") == 35


def test_only_staff_see_every_booking(client, experience, host):
    assert "/login/" in client.get(URL)["Location"]
    client.force_login(host)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "csv"}).status_code == 403


def test_overview_counts_visitors_per_craft_village_per_month(
    client, experience, officer, phu_lang, django_assert_max_num_queries
):
    today = timezone.localdate()
    this_month = today.replace(day=1)
    came = booked(experience, today + dt.timedelta(days=7), people=3)
    booked(experience, today + dt.timedelta(days=7), people=2, email="tom@example.com")
    Booking.objects.filter(pk=came.pk).update(status="checked_in")
    # Last month's visit counts in last month.
    last_month = (this_month - dt.timedelta(days=1)).replace(day=15)
    old = booked(experience, today + dt.timedelta(days=8), people=4, email="old@example.vn")
    Session.objects.filter(pk=old.session_id).update(date=last_month)
    Booking.objects.filter(pk=old.pk).update(status="checked_in")
    client.force_login(officer)
    url = reverse("ocop:dash:overview")

    with django_assert_max_num_queries(40) as counted:
        page = client.get(url).content.decode()

    row = page.split('data-testid="village-lang-gom-phu-lang"')[1].split("</tr>")[0]
    session_month = (today + dt.timedelta(days=7)).strftime("%m/%Y")
    assert f'data-label="{session_month}">3 / 5<' in row
    assert f'data-label="{last_month:%m/%Y}">4 / 4<' in row
    assert "<strong>7 / 9</strong>" in row
    assert "Khách trải nghiệm tại các làng nghề theo tháng" in page
    _more = len(counted.captured_queries)
    booked(experience, today + dt.timedelta(days=9), people=1, email="new@example.vn")
    with django_assert_max_num_queries(_more):
        client.get(url)
