"""An experience's booking options are bounded where every basket add passes: the form."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.demo import steps
from tests.factories import create_product

ProductClass = get_model("catalogue", "ProductClass")

pytestmark = pytest.mark.django_db


@pytest.fixture
def experience(db):
    ticket = create_product(
        title="Trải nghiệm làm gốm Phù Lãng",
        product_class="Trải nghiệm",
        price=Decimal("300000"),
        num_in_stock=40,
    )
    klass = ticket.product_class
    klass.slug = steps.EXPERIENCE_CLASS
    klass.save()
    steps.load_experience_options()
    return ticket


def _add(client, ticket, *, people, day):
    return client.post(
        reverse("basket:add", args=[ticket.pk]),
        {
            "quantity": 1,
            "people": people,
            "booking-date": day.isoformat(),
        },
        HTTP_REFERER=ticket.get_absolute_url(),
    )


def _basket(client):
    return client.get(reverse("basket:summary")).context["basket"]


@pytest.mark.parametrize("people", ["-1", "0", "1000000000000", "51", "ba"])
def test_a_number_of_people_out_of_bounds_is_refused(client, experience, people):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _add(client, experience, people=people, day=tomorrow)
    assert response.status_code in (200, 302)
    assert _basket(client).num_items == 0


@pytest.mark.parametrize("days", [-1, -365, 400])
def test_a_date_in_the_past_or_over_a_year_ahead_is_refused(client, experience, days):
    day = timezone.localdate() + dt.timedelta(days=days)
    response = _add(client, experience, people="3", day=day)
    assert response.status_code in (200, 302)
    assert _basket(client).num_items == 0


def test_the_refusal_says_why_in_vietnamese(client, experience):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = _add(client, experience, people="3", day=yesterday)
    page = client.get(response.url) if response.status_code == 302 else response
    assert "Vui lòng chọn hôm nay hoặc một ngày sau" in page.content.decode()


def test_a_booking_for_3_people_next_week_goes_into_the_basket(client, experience):
    day = timezone.localdate() + dt.timedelta(days=7)
    _add(client, experience, people="3", day=day)
    [line] = _basket(client).all_lines()
    values = {attr.option.code: attr.value for attr in line.attributes.all()}
    assert values["people"] == 3
