"""The host's bookings page and schedule, through the producer portal; who may see what."""

import datetime as dt

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from storefront.experiences.models import Experience, Session, SessionTime
from tests.experiences.hosting.helpers import booked, portal_url

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

pytestmark = pytest.mark.usefixtures("no_stripe", "vietnam")


def test_host_sees_sessions_by_date_with_places_and_each_booking(
    client, experience, host, next_week
):
    lan = booked(experience, next_week, people=3, email="lan@example.vn")
    tom = booked(experience, next_week, people=2, email="tom@example.com", language="en")
    client.force_login(host)
    url = portal_url("bookings", experience) + f"?from={next_week.isoformat()}"

    page = client.get(url)

    html = page.content.decode()
    assert page.status_code == 200
    session_card = html.split(
        f'data-testid="session-{experience.pk}-{next_week.isoformat()}T08:00"'
    )[1]
    session_card = session_card.split("</article>")[0]
    assert "5/6 chỗ đã đặt" in session_card
    for booking in (lan, tom):
        assert booking.code in session_card
    assert "3 người lớn" in session_card and "lan@example.vn" in session_card
    assert "Tiếng Anh" in session_card and "Tiếng Việt" in session_card
    # The 14:00 session nobody booked is listed with its empty places.
    assert f"session-{experience.pk}-{next_week.isoformat()}T14:00" in html
    assert "0/6 chỗ đã đặt" in html

    only_booked = client.get(url + "&booked=1").content.decode()
    assert lan.code in only_booked and f"{next_week.isoformat()}T14:00" not in only_booked

    english = client.get("/en" + url)
    assert "5/6 places booked" in english.content.decode()
    assert "3 adults" in english.content.decode()


def test_the_customers_phone_comes_from_their_account_address(client, experience, host, next_week):
    booking = booked(experience, next_week, email="mai@example.vn")
    # The customer has an account with a saved address (a phone the checkout checked).
    from oscar.test.factories import UserFactory

    mai = UserFactory(email="mai@example.vn", first_name="Mai", last_name="Trần")
    UserAddress.objects.create(
        user=mai,
        first_name="Trần Thị Mai",
        line1="Số 1",
        line4="Bắc Ninh",
        country=Country.objects.get(iso_3166_1_a2="VN"),
        phone_number="+84912345678",
        is_default_for_shipping=True,
    )
    booking.order.user = mai
    booking.order.save()
    client.force_login(host)

    html = client.get(
        portal_url("bookings", experience) + f"?from={next_week.isoformat()}"
    ).content.decode()

    assert 'href="tel:+84912345678"' in html and "Trần Thị Mai" in html


def test_the_portal_menu_leads_a_host_to_bookings(client, experience, host, stranger):
    client.force_login(stranger)
    slug = stranger.producer_memberships.get().producer.slug
    other_home = client.get(reverse("ocop:portal-producer", kwargs={"slug": slug}))
    assert other_home.status_code == 200 and "/bookings/" not in other_home.content.decode()
    client.force_login(host)
    home = client.get(
        reverse("ocop:portal-producer", kwargs={"slug": experience.product.producer.slug})
    )
    assert portal_url("bookings", experience) in home.content.decode()


def test_another_producer_and_anonymous_see_nothing_of_the_hosts_bookings(
    client, experience, stranger, next_week
):
    booking = booked(experience, next_week)
    key = f"{next_week.isoformat()}T08:00"
    urls = [
        portal_url("bookings", experience),
        portal_url("session", experience, pk=experience.pk, key=key),
        portal_url("schedule", experience, pk=experience.pk),
        portal_url("check-in", experience) + f"?code={booking.code}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    client.force_login(stranger)
    for url in urls:
        assert client.get(url).status_code == 404, url
    # Nor through the stranger's own portal address: the experience is not theirs.
    own = stranger.producer_memberships.get().producer.slug
    foreign = reverse("hosting:session", kwargs={"slug": own, "pk": experience.pk, "key": key})
    assert client.get(foreign).status_code == 404
    assert client.post(foreign, {"reason": "Mưa"}).status_code == 404
    assert Session.objects.get().closed_at is None


SCHEDULE = {
    "price_per_person": "350000",
    "child_price": "",
    "min_people": "2",
    "max_people": "10",
    "duration_minutes": "150",
    "meeting_point": "Bến đò Phù Lãng",
    "in_vietnamese": "on",
    "in_english": "on",
    "included": "Đất sét",
    "what_to_bring": "Mũ",
    "weekdays": ["5", "6"],
    "season_start": "",
    "season_end": "",
    "lead_days": "2",
    "free_cancellation_hours": "24",
}


def _schedule_post(experience, **changes):
    times = list(experience.times.all())
    data = {**SCHEDULE}
    data.update(
        {
            "times-TOTAL_FORMS": str(len(times) + 1),
            "times-INITIAL_FORMS": str(len(times)),
            "times-MIN_NUM_FORMS": "0",
            "times-MAX_NUM_FORMS": "1000",
            "closed-TOTAL_FORMS": "1",
            "closed-INITIAL_FORMS": "0",
            "closed-MIN_NUM_FORMS": "0",
            "closed-MAX_NUM_FORMS": "1000",
            "closed-0-date": "",
            "closed-0-reason": "",
        }
    )
    for i, time in enumerate(times):
        data[f"times-{i}-id"] = str(time.pk)
        data[f"times-{i}-experience"] = str(experience.pk)
        data[f"times-{i}-starts_at"] = f"{time.starts_at:%H:%M}"
        data[f"times-{i}-capacity"] = str(time.capacity)
    data[f"times-{len(times)}-starts_at"] = ""
    data[f"times-{len(times)}-capacity"] = ""
    data.update(changes)
    return data


def test_host_changes_prices_days_and_places_and_booked_sessions_keep_theirs(
    client, experience, host, next_week
):
    booking = booked(experience, next_week, people=4)
    client.force_login(host)
    url = portal_url("schedule", experience, pk=experience.pk)
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        _schedule_post(
            experience,
            **{"times-0-capacity": "3", "times-2-starts_at": "17:30", "times-2-capacity": "5"},
            **{"times-1-DELETE": "on"},
        ),
    )

    assert response.status_code == 302
    experience.refresh_from_db()
    assert (experience.price_per_person, experience.child_price, experience.weekdays) == (
        350000,
        None,
        "56",
    )
    assert (experience.min_people, experience.lead_days, experience.in_english) == (2, 2, True)
    assert [(t.starts_at, t.capacity) for t in experience.times.all()] == [
        (dt.time(8), 3),
        (dt.time(17, 30), 5),
    ]
    # The session four people hold keeps its six places.
    session = Session.objects.get(pk=booking.session_id)
    assert (session.capacity, session.booked) == (6, 4)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"min_people": "12"}, "tối đa không thể nhỏ hơn số người tối thiểu"),
        ({"in_vietnamese": "", "in_english": ""}, "ít nhất một ngôn ngữ"),
        ({"weekdays": []}, "ít nhất một ngày trong tuần"),
        ({"price_per_person": "350000.5"}, "chữ số"),
        (
            {"season_start": "2027-03-01", "season_end": "2027-01-01"},
            "kết thúc mùa phải sau ngày bắt đầu",
        ),
        ({"times-2-starts_at": "08:00", "times-2-capacity": "4"}, "hai lần"),
        ({"times-0-DELETE": "on", "times-1-DELETE": "on"}, "ít nhất một giờ"),
        ({"times-0-capacity": "0"}, "lớn hơn hoặc bằng với 1"),
    ],
)
def test_bad_schedule_is_refused_in_words_and_nothing_changes(
    client, experience, host, changes, message
):
    client.force_login(host)
    data = _schedule_post(experience, **changes)
    if changes.get("in_vietnamese") == "":
        data.pop("in_vietnamese")
        data.pop("in_english")

    response = client.post(portal_url("schedule", experience, pk=experience.pk), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Chưa lưu gì" in response.content.decode()
    experience.refresh_from_db()
    assert experience.price_per_person == 300000 and experience.weekdays == "0123456"
    assert SessionTime.objects.filter(experience=experience).count() == 2


def test_a_closed_date_over_booked_sessions_is_refused(client, experience, host, next_week):
    booked(experience, next_week)
    client.force_login(host)
    data = _schedule_post(
        experience, **{"closed-0-date": next_week.isoformat(), "closed-0-reason": "Hội làng"}
    )

    response = client.post(portal_url("schedule", experience, pk=experience.pk), data)

    assert "đóng các buổi đó từ trang đặt chỗ" in response.content.decode()
    assert not experience.closed_dates.exists()
    # A day without bookings closes: no session is offered on it.
    free_day = next_week + dt.timedelta(days=1)
    data["closed-0-date"] = free_day.isoformat()
    assert (
        client.post(portal_url("schedule", experience, pk=experience.pk), data).status_code == 302
    )
    assert list(experience.closed_dates.values_list("date", flat=True)) == [free_day]
    assert Experience.objects.get().weekdays == "56"
