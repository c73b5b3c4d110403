"""An experience's product page: facts, the calendar of sessions, people and total, adding."""

import datetime as dt

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from storefront.experiences.models import ClosedDate, Session
from tests.experiences.conftest import place, to_preview

pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")


def page(client, experience, query="", *, lang=""):
    url = experience.product.get_absolute_url()
    if lang == "en":
        url = "/en" + url
    return client.get(url + query)


def text(response) -> str:
    # Prices are written with a no-break space before the ₫.
    return response.content.decode().replace("\xa0", " ")


def test_the_page_shows_price_per_person_facts_and_no_stock(client, experience):
    html = text(page(client, experience))
    assert "300.000 ₫ / người" in html
    assert "Trẻ em: 150.000 ₫ / trẻ" in html
    assert "3 giờ" in html and "1 đến 8 người" in html
    assert "Tiếng Việt, English" in html
    assert "Nhà văn hoá thôn Phù Lãng, Quế Võ" in html
    assert experience.map_url.replace("&", "&amp;") in html
    assert "Đất sét, men, nung" in html and "Quần áo gọn gàng" in html
    assert "Huỷ miễn phí đến 48 giờ trước giờ bắt đầu" in html
    assert "Còn hàng" not in html and "store_availability" not in html


def test_the_page_reads_in_english(client, experience):
    html = text(page(client, experience, lang="en"))
    assert "₫300,000 per person" in html
    assert "Free cancellation until 48 hours before the session starts" in html
    assert "3 hours" in html and "1 to 8 people" in html


def test_the_calendar_offers_open_sessions_and_shows_the_others_disabled(
    client, experience, next_week
):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Session.objects.create(
        experience=experience, date=next_week, starts_at=dt.time(8), capacity=6, booked=6
    )
    Session.objects.create(
        experience=experience, date=next_week, starts_at=dt.time(14), capacity=6, booked=2
    )
    closed_day = next_week + dt.timedelta(days=1)
    ClosedDate.objects.create(experience=experience, date=closed_day, reason="Lễ hội làng")
    response = page(client, experience)
    html = text(response)
    weeks = response.context["booking"].weeks
    slots = {s.key: s for w in weeks for d in w.days for s in d.slots}
    full = f"{next_week.isoformat()}T08:00"
    assert slots[full].state == "full"
    assert f'value="{full}" id="session-{full.lower().replace(":", "")}" disabled' in html
    assert slots[f"{next_week.isoformat()}T14:00"].places_left == 4
    assert "Còn 4 chỗ" in html
    assert "Đã đóng: Lễ hội làng" in html
    assert f"{tomorrow.isoformat()}T08:00" in slots  # a day ahead is bookable
    assert slots[f"{tomorrow.isoformat()}T08:00"].bookable


def test_show_total_without_script_comes_back_with_the_sum(client, experience, next_week):
    key = f"{next_week.isoformat()}T08:00"
    response = client.post(
        reverse("experience-book", args=[experience.product_id]),
        {"session": key, "adults": 3, "children": 1, "action": "total"},
    )
    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert followed.context["booking"].total == 1050000
    html = text(followed)
    assert "1.050.000 ₫" in html
    assert f'value="{key}"' in html and "checked" in html
    assert followed.context["basket"].num_lines == 0


def test_adults_and_children_are_added_as_two_lines_in_one_submission(
    client, experience, next_week
):
    key = f"{next_week.isoformat()}T08:00"
    response = client.post(
        reverse("experience-book", args=[experience.product_id]),
        {"session": key, "adults": 3, "children": 2, "action": "book"},
    )
    assert response["Location"] == reverse("basket:summary")
    basket_page = client.get(response["Location"])
    basket = basket_page.context["basket"]
    assert sorted(line.line_price_incl_tax for line in basket.all_lines()) == [300000, 900000]
    html = text(basket_page)
    day = next_week.strftime("%d/%m/%Y")
    assert f"{day}, 08:00 · 3 người lớn" in html and f"{day}, 08:00 · 2 trẻ em" in html
    assert "Buổi trải nghiệm / Session" not in html


def test_a_submission_that_does_not_fit_adds_nothing(client, experience, next_week):
    Session.objects.create(
        experience=experience, date=next_week, starts_at=dt.time(8), capacity=6, booked=2
    )
    key = f"{next_week.isoformat()}T08:00"
    response = client.post(
        reverse("experience-book", args=[experience.product_id]),
        {"session": key, "adults": 3, "children": 2, "action": "book"},
    )
    followed = client.get(response["Location"])
    assert "Chỉ còn 4 chỗ" in followed.content.decode()
    assert followed.context["basket"].num_lines == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"adults": 2}, "Hãy chọn một buổi"),
        ({"session": "T08:00", "adults": 0, "children": 0}, "Hãy chọn số người"),
        ({"session": "SESSION", "adults": 9}, "8"),
        ({"session": "SESSION", "adults": "ba"}, "WHOLE_NUMBER"),
    ],
)
def test_bad_choices_get_a_message_and_change_nothing(client, experience, next_week, data, message):
    data = {k: (f"{next_week.isoformat()}T08:00" if v == "SESSION" else v) for k, v in data.items()}
    response = client.post(reverse("experience-book", args=[experience.product_id]), data)
    if message == "WHOLE_NUMBER":  # Django's own words for it
        message = str(forms.IntegerField.default_error_messages["invalid"])
    followed = client.get(response["Location"])
    assert message in followed.content.decode()
    assert followed.context["basket"].num_lines == 0


def test_the_card_says_per_person_and_book(client, experience):
    html = text(client.get(reverse("catalogue:index")))
    assert "300.000 ₫ / người" in html
    assert 'data-testid="card-book"' in html and "Đặt chỗ" in html


def test_later_weeks_are_one_link_away(client, experience):
    first = page(client, experience)
    later = first.context["booking"].later
    assert later == timezone.localdate() + dt.timedelta(days=42)
    assert f'href="?from={later.isoformat()}#booking"' in first.content.decode()
    second = page(client, experience, f"?from={later.isoformat()}")
    days = [d.date for w in second.context["booking"].weeks for d in w.days]
    assert days[0] == later and second.context["booking"].earlier is not None


def test_json_ld_offers_each_bookable_session_with_its_places(client, experience, next_week):
    import json
    import re

    from storefront.experiences import calendar

    place(client, to_preview(client, experience, next_week, people=4))
    html = Client().get(experience.product.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (trip,) = [b for b in map(json.loads, blocks) if b["@type"] == "TouristTrip"]

    bookable = [s for s in calendar.slots(experience) if s.bookable]
    assert len(trip["offers"]) == len(bookable) > 10
    by_url = {offer["url"].split("session=")[1]: offer for offer in trip["offers"]}
    booked = by_url[f"{next_week.isoformat()}T08:00"]
    assert (booked["price"], booked["priceCurrency"]) == ("300000", "VND")
    assert booked["inventoryLevel"]["value"] == 2  # 6 places, 4 booked
    assert booked["availabilityEnds"].startswith(f"{next_week.isoformat()}T08:00")
