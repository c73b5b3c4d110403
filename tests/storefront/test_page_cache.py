"""The page cache (storefront/pagecache.py), through the pages.

Each test turns the cache on (the test settings leave it off) on a fresh
generation, so nothing cached by another test is served. A test's writes are
never committed, so the changes that must expire pages run inside
`django_capture_on_commit_callbacks(execute=True)`, which runs what a commit runs.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Producer
from catalogue.services import set_producer_status
from storefront import pagecache
from storefront.partner.models import Partner, StockMovement
from storefront.partner.services import change_stock, create_stock_record
from storefront.partner.strategy import MY_STORE_COOKIE
from tests.catalogue.conftest import make_certificate
from tests.factories import create_product

HANOI = timezone.get_fixed_timezone(7 * 60)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.expire_pages()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a commit of the changes made inside would run (the page cache's expiry)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def stores(db):
    return (
        Partner.objects.create(name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son"),
        Partner.objects.create(name="Cửa hàng OCOP Gia Bình", code="ocop-gia-binh"),
    )


@pytest.fixture
def nem(stores, food_category):
    """Nem Ninh Xá: 10 at Từ Sơn, 3 at Gia Bình, 90.000 ₫."""
    product = create_product(title="Nem Ninh Xá", upc="OCOP-NEM", price=None)
    product.categories.add(food_category)
    records = [
        create_stock_record(store=store, product=product, price=Decimal("90000"), quantity=qty)
        for store, qty in zip(stores, (10, 3), strict=True)
    ]
    return product, records


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return response


def cached(url, expected="hit", **kwargs):
    """A page as a new visitor sees it, after another visitor has put it in the cache."""
    get(Client(), url, **kwargs)
    response = get(Client(), url, **kwargs)
    assert response["X-Page-Cache"] == expected
    return response


def basket_count(response) -> str:
    return re.search(r'data-testid="basket-count">(\d+)<', response.text).group(1)


def test_a_second_anonymous_visitor_gets_the_page_from_the_cache(product):
    first = get(Client(), product.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    second = get(Client(), product.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert "Bánh đa nem Thổ Hà" in second.text
    # Shared caches must not keep it, browsers must ask again.
    assert "private" in second["Cache-Control"] and "no-cache" in second["Cache-Control"]


def test_visitors_with_different_baskets_each_see_their_own_count(product, food_category):
    url = product.get_absolute_url()
    visitors = {}
    for quantity in (2, 3):
        visitor = Client()
        visitor.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
        get(visitor, reverse("basket:summary"))  # where the "added" message is shown
        visitors[quantity] = visitor
    first, second = (get(visitors[q], url) for q in (2, 3))
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert (basket_count(first), basket_count(second)) == ("2", "3")
    assert basket_count(get(Client(), url)) == "0"
    # The same on a listing rendered for the second visitor first.
    listing = reverse("catalogue:index")
    assert basket_count(get(visitors[3], listing)) == "3"
    assert basket_count(get(visitors[2], listing)) == "2"


def test_a_signed_in_visitor_bypasses_the_cache_both_ways(product):
    url = product.get_absolute_url()
    user = get_user_model().objects.create_user(
        username="lan", email="lan@example.vn", password="pw-Lan-123456", first_name="Lan"
    )
    member = Client()
    member.force_login(user)
    signed_in = get(member, url)
    assert signed_in["X-Page-Cache"] == "bypass"
    assert 'data-testid="logout-button"' in signed_in.text
    anonymous = cached(url)
    assert 'data-testid="logout-button"' not in anonymous.text
    assert "lan@example.vn" not in anonymous.text
    again = get(member, url)
    assert again["X-Page-Cache"] == "bypass" and 'data-testid="logout-button"' in again.text


def test_a_price_change_shows_on_the_next_request(nem, commit):
    product, (record, _) = nem
    assert "90.000" in cached(product.get_absolute_url()).text
    with commit():
        record.price = Decimal("95000")
        record.save()
    page = get(Client(), product.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "95.000" in page.text and "90.000" not in page.text


def test_a_sale_through_the_stock_services_shows_on_the_next_request(nem, stores, commit):
    product, (at_tu_son, _) = nem
    cookies = {MY_STORE_COOKIE: stores[0].slug}
    assert (
        "Còn 10 tại Cửa hàng OCOP Từ Sơn" in cached(product.get_absolute_url(), **_c(cookies)).text
    )
    with commit():
        change_stock(
            stockrecord=at_tu_son, reason=StockMovement.Reason.SOLD_IN_STORE, user=None, delta=4
        )
    page = get(Client(), product.get_absolute_url(), **_c(cookies))
    assert "Còn 6 tại Cửa hàng OCOP Từ Sơn" in page.text


def _c(cookies: dict) -> dict:
    return {"headers": {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}}


def test_switching_my_store_changes_the_stock_shown(nem, stores):
    product, _ = nem
    url = product.get_absolute_url()
    tu_son = cached(url, **_c({MY_STORE_COOKIE: stores[0].slug}))
    gia_binh = cached(url, **_c({MY_STORE_COOKIE: stores[1].slug}))
    assert "Còn 10 tại Cửa hàng OCOP Từ Sơn" in tu_son.text
    assert "Còn 3 tại Cửa hàng OCOP Gia Bình" in gia_binh.text


def test_a_suspended_producers_product_leaves_the_cached_pages(product, commit):
    listing = reverse("catalogue:index")
    assert "Bánh đa nem Thổ Hà" in cached(listing).text
    cached(product.get_absolute_url())
    with commit():
        set_producer_status(producer=product.producer, status=Producer.Status.SUSPENDED)
    assert "Bánh đa nem Thổ Hà" not in get(Client(), listing).text
    assert Client().get(product.get_absolute_url()).status_code == 404


def test_an_unpublished_product_leaves_the_cached_pages(product, commit):
    cached(product.get_absolute_url())
    with commit():
        product.is_public = False
        product.save()
    assert Client().get(product.get_absolute_url()).status_code == 404


def test_a_certificate_expiring_at_midnight_takes_its_badge_with_it(product, monkeypatch):
    evening = dt.datetime(2027, 3, 1, 23, 59, 30, tzinfo=HANOI)
    monkeypatch.setattr(timezone, "now", lambda: evening)
    make_certificate(
        product, stars=4, issue_date=dt.date(2024, 3, 2), expiry_date=dt.date(2027, 3, 2)
    )
    url = product.get_absolute_url()
    assert 'data-testid="ocop-badge"' in cached(url).text
    # No write at all: only the clock moves past the expiry date.
    monkeypatch.setattr(timezone, "now", lambda: evening + dt.timedelta(seconds=31))
    page = get(Client(), url)
    assert page["X-Page-Cache"] == "miss"
    assert 'data-testid="ocop-badge"' not in page.text


def test_an_unpublished_wagtail_page_is_gone_on_the_next_request(site_tree, commit):
    news = site_tree["home"].get_children().live().specific().last()
    cached(news.url)
    with commit():
        news.unpublish()
    assert Client().get(news.url).status_code == 404


def test_the_csrf_token_of_a_cached_form_is_the_visitors_own_and_works(product):
    url = product.get_absolute_url()
    get(Client(), url)
    visitor = Client(enforce_csrf_checks=True)
    page = get(visitor, url)
    assert page["X-Page-Cache"] == "hit"
    form = page.text[page.text.index('id="add_to_basket_form"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    secret = visitor.cookies["csrftoken"].value
    assert _unmask_cipher_token(token) == secret
    added = visitor.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"csrfmiddlewaretoken": token, "quantity": 1},
    )
    assert added.status_code == 302
    assert basket_count(get(visitor, url)) == "1"


def test_the_csp_nonce_of_a_cached_page_is_this_responses(product):
    url = product.get_absolute_url()
    get(Client(), url)
    nonces = []
    for _ in range(2):
        page = get(Client(), url)
        assert page["X-Page-Cache"] == "hit"
        (nonce,) = set(re.findall(r'<script nonce="([^"]+)"', page.text))
        assert f"'nonce-{nonce}'" in page["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_pending_messages_are_shown_not_a_cached_page(product):
    url = product.get_absolute_url()
    get(Client(), url)
    visitor = Client()
    visitor.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    with_message = get(visitor, url)
    assert with_message["X-Page-Cache"] == "bypass"
    assert "Bánh đa nem Thổ Hà" in with_message.text and "alert" in with_message.text
    assert get(visitor, url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("name", ["basket:summary", "checkout:index", "customer:login"])
def test_basket_checkout_and_account_pages_are_never_cached(product, name):
    for _ in range(2):
        response = Client().get(reverse(name))
        assert "X-Page-Cache" not in response


def test_dashboards_are_never_cached(product, admin_client):
    for _ in range(2):
        response = admin_client.get(reverse("dashboard:index"))
        assert response.status_code == 200 and "X-Page-Cache" not in response


def test_english_and_vietnamese_are_cached_apart(product):
    vietnamese = cached("/shop/catalogue/")
    english = cached("/en/shop/catalogue/")
    assert '<html lang="vi"' in vietnamese.text and '<html lang="en"' in english.text


def test_a_hit_for_a_visitor_without_cookies_makes_no_query(product, django_assert_num_queries):
    url = product.get_absolute_url()
    get(Client(), url)
    with django_assert_num_queries(0):
        assert get(Client(), url)["X-Page-Cache"] == "hit"


def test_recently_viewed_products_are_each_visitors_own(nem, product):
    other, _ = nem
    first = Client()
    get(first, other.get_absolute_url())
    page = get(first, product.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    recent = page.text[page.text.index("Những sản phẩm bạn đã xem gần đây") :]
    assert "Nem Ninh Xá" in recent
    second = Client()
    fresh = get(second, product.get_absolute_url())
    assert fresh["X-Page-Cache"] == "hit" and "Những sản phẩm bạn đã xem gần đây" not in fresh.text
    # Its history still grows on hits: the other product, cached too, lists this one.
    back = get(second, other.get_absolute_url())
    assert back["X-Page-Cache"] == "hit"
    assert "Bánh đa nem Thổ Hà" in back.text[back.text.index("Những sản phẩm bạn đã xem gần đây") :]


def test_a_page_password_given_in_one_session_never_opens_the_cached_page(site_tree, commit):
    from wagtail.models import PageViewRestriction

    news = site_tree["home"].get_children().live().specific().last()
    with commit():
        restriction = PageViewRestriction.objects.create(
            page=news, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )
    # Wagtail marks its password form uncacheable: the cache leaves it alone.
    locked = cached(news.url, expected="bypass")
    assert 'name="password"' in locked.text
    insider = Client()
    insider.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, news.pk]),
        {"password": "mat-khau", "return_url": news.url},
    )
    opened = get(insider, news.url)
    assert opened["X-Page-Cache"] == "bypass" and 'name="password"' not in opened.text
    assert 'name="password"' in get(Client(), news.url).text


def test_a_store_closing_time_ends_its_cached_open_badge(stores, monkeypatch):
    from storefront.partner.models import StoreOpeningHours

    store = stores[0]
    closing = dt.datetime(2027, 3, 1, 18, 0, tzinfo=HANOI)  # a Monday
    StoreOpeningHours.objects.create(store=store, weekday=0, opens=dt.time(8), closes=dt.time(18))
    monkeypatch.setattr(timezone, "now", lambda: closing - dt.timedelta(seconds=20))
    url = reverse("stores:detail", kwargs={"slug": store.slug})
    assert "Đang mở cửa" in cached(url).text
    monkeypatch.setattr(timezone, "now", lambda: closing + dt.timedelta(seconds=1))
    page = get(Client(), url)
    assert page["X-Page-Cache"] == "miss" and "Đang đóng cửa" in page.text


def test_an_offer_starting_or_ending_bounds_how_long_pages_are_kept(db):
    from oscar.test.factories import ConditionalOfferFactory

    now = dt.datetime(2027, 3, 1, 9, 0, tzinfo=HANOI)
    ConditionalOfferFactory(
        start_datetime=now + dt.timedelta(minutes=3), end_datetime=now + dt.timedelta(hours=2)
    )
    assert pagecache.next_scheduled_change(now) == now + dt.timedelta(minutes=3)
    later = now + dt.timedelta(minutes=4)
    assert pagecache.next_scheduled_change(later) == now + dt.timedelta(hours=2)
