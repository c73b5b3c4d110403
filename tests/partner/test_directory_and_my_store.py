"""Store directory, "open now" in Vietnam's time, product availability and "my store"."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from storefront.partner import selectors
from storefront.partner.models import StoreClosure, StoreOpeningHours
from storefront.partner.strategy import MY_STORE_COOKIE, StoreStrategy

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def hours(store_a):
    # Monday 2027-03-01 .. : open 08:00–18:00 on weekdays, closed at weekends.
    for day in range(5):
        StoreOpeningHours.objects.create(
            store=store_a, weekday=day, opens=dt.time(8), closes=dt.time(18)
        )
    return store_a


@pytest.mark.parametrize(
    ("when", "is_open"),
    [
        (dt.datetime(2027, 3, 1, 8, 0, tzinfo=HANOI), True),
        (dt.datetime(2027, 3, 1, 17, 59, tzinfo=HANOI), True),
        (dt.datetime(2027, 3, 1, 18, 0, tzinfo=HANOI), False),
        (dt.datetime(2027, 3, 1, 7, 59, tzinfo=HANOI), False),
        (dt.datetime(2027, 3, 6, 10, 0, tzinfo=HANOI), False),  # Saturday
        # 02:00 UTC is 09:00 in Vietnam: open, though it is "night" in UTC terms.
        (dt.datetime(2027, 3, 1, 2, 0, tzinfo=dt.UTC), True),
        # 23:30 UTC Sunday is 06:30 Monday in Vietnam: not yet open.
        (dt.datetime(2027, 2, 28, 23, 30, tzinfo=dt.UTC), False),
    ],
)
def test_open_now_is_judged_in_vietnam_time(hours, when, is_open):
    store = selectors.store_detail(hours.slug)
    assert selectors.is_open_now(store, when) is is_open


def test_a_closure_day_overrides_the_weekday_hours(hours):
    StoreClosure.objects.create(store=hours, date=dt.date(2027, 3, 1), reason="Kiểm kê")
    store = selectors.store_detail(hours.slug)
    assert not selectors.is_open_now(store, dt.datetime(2027, 3, 1, 10, tzinfo=HANOI))


def test_directory_lists_stores_with_address_hours_and_open_badge(client, hours, store_b):
    page = client.get(reverse("stores:list"))
    assert page.status_code == 200
    assert "Cửa hàng OCOP Từ Sơn" in page.text and "88 Minh Khai" in page.text
    assert "Cửa hàng OCOP Gia Bình" in page.text
    detail = client.get(reverse("stores:detail", kwargs={"slug": hours.slug}))
    assert "08:00–18:00" in detail.text


def test_product_page_lists_availability_per_store(client, nem, store_b):
    product, _, at_b = nem
    at_b.allocate(3)
    page = client.get(product.get_absolute_url())
    section = page.text[page.text.index('id="store_availability"') :]
    assert "Cửa hàng OCOP Từ Sơn" in section and "10" in section
    assert "Cửa hàng OCOP Gia Bình" in section


def test_choosing_my_store_is_remembered_in_a_year_long_cookie(client, store_b, nem):
    product, _, _ = nem
    response = client.post(
        reverse("stores:choose", kwargs={"slug": store_b.slug}),
        {"next": product.get_absolute_url()},
    )
    assert response.url == product.get_absolute_url()
    cookie = response.cookies[MY_STORE_COOKIE]
    assert cookie.value == store_b.slug and int(cookie["max-age"]) >= 365 * 24 * 3600
    page = client.get(product.get_absolute_url())
    assert "3 left at Cửa hàng OCOP Gia Bình" in page.text or "Còn 3" in page.text


def test_choose_refuses_to_redirect_off_site(client, store_b):
    response = client.post(
        reverse("stores:choose", kwargs={"slug": store_b.slug}), {"next": "https://evil.example"}
    )
    assert response.url == store_b.get_absolute_url()


def test_strategy_sells_from_my_store_or_falls_back_to_the_best_stocked(nem, store_a, store_b):
    product, at_a, at_b = nem
    assert StoreStrategy(store_id=store_b.pk).fetch_for_product(product).stockrecord == at_b
    assert StoreStrategy().fetch_for_product(product).stockrecord == at_a
    at_b.allocate(3)  # my store runs out: delivery still possible from the other store
    info = StoreStrategy(store_id=store_b.pk).fetch_for_product(product)
    assert info.stockrecord == at_a and info.availability.is_available_to_buy
    assert "Gia Bình" in str(info.availability.message)
