"""Product listing on the database: search folding, sorting, categories, query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.catalogue.conftest import make_certificate, make_producer
from tests.factories import create_product

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [p.title for p in response.context["products"]]


@pytest.mark.parametrize(
    "query",
    ["banh da", "bánh đa", "BANH DA NEM", "ba\u0301nh đa", "tho ha"],
    ids=["no-accents", "accents", "upper", "nfd-input", "second-word"],
)
def test_search_matches_with_or_without_diacritics(client, product, query):
    create_product(title="Gốm Phù Lãng", price=Decimal("350000"), num_in_stock=3)
    response = client.get(reverse("catalogue:index"), {"q": query})
    assert _titles(response) == ["Bánh đa nem Thổ Hà"]


def test_search_with_no_match_says_so(client, product):
    response = client.get(reverse("catalogue:index"), {"q": "xyz khong co"})
    assert response.status_code == 200
    assert _titles(response) == []
    assert "Không tìm thấy sản phẩm nào." in response.content.decode()


def test_sort_by_price(client, product):
    create_product(title="Tranh Đông Hồ", price=Decimal("90000"), num_in_stock=3)
    create_product(title="Đồng Đại Bái", price=Decimal("1500000"), num_in_stock=1)
    asc = _titles(client.get(reverse("catalogue:index"), {"sort": "price-asc"}))
    desc = _titles(client.get(reverse("catalogue:index"), {"sort": "price-desc"}))
    assert asc == ["Tranh Đông Hồ", "Bánh đa nem Thổ Hà", "Đồng Đại Bái"]
    assert desc == list(reversed(asc))


def test_unknown_sort_falls_back_to_newest(client, product):
    response = client.get(reverse("catalogue:index"), {"sort": "'; drop table"})
    assert response.status_code == 200
    assert response.context["sort"] == "newest"


def test_category_page_lists_only_its_products(client, product):
    create_product(title="Gốm Phù Lãng", price=Decimal("350000"), num_in_stock=3)
    category = product.categories.get()
    response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    assert _titles(response) == ["Bánh đa nem Thổ Hà"]


def test_invalid_page_number_redirects_with_a_message(client, product):
    response = client.get(reverse("catalogue:index"), {"page": 99}, follow=True)
    assert response.status_code == 200
    assert "Số trang không hợp lệ." in response.content.decode()


def test_prices_are_whole_dong_in_each_locale(client, product):
    vi = client.get(reverse("catalogue:index")).content.decode()
    assert "125.000\xa0₫" in vi
    en = client.get("/en" + reverse("catalogue:index")).content.decode()
    assert "₫125,000" in en


def test_listing_query_count_does_not_grow_with_products(client, ocop_product, village):
    """Query count is held flat: 1 product and 12 products cost the same, with
    each card's producer and OCOP rating (and a filter applied)."""
    url = reverse("catalogue:index")
    client.get(url)  # warm caches (site, sections) as a real visitor would have
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(11):
        producer = make_producer(craft_village=village)
        item = create_product(title=f"Sản phẩm {i}", price=Decimal("50000"), num_in_stock=2)
        item.producer = producer
        item.save()
        make_certificate(item, stars=3 + i % 3)
    with CaptureQueriesContext(connection) as twelve:
        response = client.get(url)
    assert len(twelve) == len(one), [q["sql"] for q in twelve.captured_queries]
    assert len(twelve) <= 22
    page = response.content.decode()
    assert page.count('data-testid="card-producer"') == 12
    assert page.count('data-testid="ocop-badge"') == 12

    with CaptureQueriesContext(connection) as filtered:
        response = client.get(url, {"min_stars": 4, "village": "phu-lang", "sort": "rating"})
    assert len(response.context["products"]) == 7
    assert len(filtered) <= len(twelve) + 1, [q["sql"] for q in filtered.captured_queries]


@pytest.fixture
def catalogue_of_three(ocop_product, other_product, village, food_category):
    """4★ food by Phù Lãng (village) 125.000 ₫; 5★ bronze 3.200.000 ₫; 3★ food 60.000 ₫."""
    make_certificate(other_product, stars=5)
    other_product.producer.province = "Bắc Giang cũ"
    other_product.producer.save()
    ocop_product.producer.craft_village = village
    ocop_product.producer.save()
    third = create_product(title="Tương nếp", price=Decimal("60000"), num_in_stock=5)
    third.producer = make_producer()
    third.save()
    third.categories.add(food_category)
    make_certificate(third, stars=3)
    return ocop_product, other_product, third


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"min_stars": "4"}, {"Bánh đa nem Thổ Hà", "Trống đồng Đại Bái"}),
        ({"min_stars": "5"}, {"Trống đồng Đại Bái"}),
        ({"producer": "htx-gom-phu-lang"}, {"Bánh đa nem Thổ Hà"}),
        ({"province": "Bắc Giang cũ"}, {"Trống đồng Đại Bái"}),
        ({"village": "phu-lang"}, {"Bánh đa nem Thổ Hà"}),
        ({"price_min": "100000", "price_max": "200000"}, {"Bánh đa nem Thổ Hà"}),
        ({"price_max": "130000"}, {"Bánh đa nem Thổ Hà", "Tương nếp"}),
        ({"min_stars": "4", "price_max": "1000000"}, {"Bánh đa nem Thổ Hà"}),
        (
            {"min_stars": "9", "price_min": "abc"},
            {"Bánh đa nem Thổ Hà", "Trống đồng Đại Bái", "Tương nếp"},
        ),
    ],
    ids=[
        "4-and-up",
        "5-only",
        "producer",
        "province",
        "village",
        "price-range",
        "price-max",
        "stars-and-price",
        "junk-ignored",
    ],
)
def test_filters_combine(client, catalogue_of_three, params, expected):
    response = client.get(reverse("catalogue:index"), params)
    assert response.status_code == 200
    assert set(_titles(response)) == expected


def test_group_filter_and_category_page_accept_filters(client, catalogue_of_three, food_category):
    listing = client.get(reverse("catalogue:index"), {"group": food_category.pk})
    assert set(_titles(listing)) == {"Bánh đa nem Thổ Hà", "Tương nếp"}
    category = client.get(food_category.get_absolute_url(), {"min_stars": "4"})
    assert _titles(category) == ["Bánh đa nem Thổ Hà"]


def test_sort_by_rating_puts_unrated_last(client, catalogue_of_three):
    create_product(title="Chưa xếp hạng", price=Decimal("1000"), num_in_stock=1)
    titles = _titles(client.get(reverse("catalogue:index"), {"sort": "rating"}))
    assert titles == ["Trống đồng Đại Bái", "Bánh đa nem Thổ Hà", "Tương nếp", "Chưa xếp hạng"]


def test_filters_are_kept_in_the_url_and_the_form(client, catalogue_of_three):
    response = client.get(reverse("catalogue:index"), {"min_stars": "4", "sort": "price-asc"})
    page = response.content.decode()
    assert '<option value="4" selected>' in page
    assert response.context["filter_query"] == "min_stars=4&sort=price-asc"


def test_card_shows_producer_and_badge_but_not_the_certificates_expiry(client, ocop_product):
    """The expiry date belongs to the product page, not to every card (issue #14)."""
    page = client.get(reverse("catalogue:index")).content.decode()
    assert "HTX Gốm Phù Lãng" in page
    assert 'data-testid="ocop-badge"' in page
    valid_until = ocop_product.certificates.get().valid_until.strftime("%d/%m/%Y")
    assert valid_until not in page
    assert valid_until in client.get(ocop_product.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", ["pending", "suspended"])
def test_unverified_producers_products_are_hidden(client, ocop_product, status):
    ocop_product.producer.status = status
    ocop_product.producer.save()
    assert _titles(client.get(reverse("catalogue:index"))) == []
    assert client.get(ocop_product.get_absolute_url()).status_code == 404


def test_staff_can_still_preview_a_suspended_producers_product(client, ocop_product, staff):
    ocop_product.producer.status = "suspended"
    ocop_product.producer.save()
    client.force_login(staff)
    assert client.get(ocop_product.get_absolute_url()).status_code == 200


def test_product_page_shows_certificate_producer_origin_and_reviews(client, ocop_product):
    ocop_product.producer.old_district = "Quế Võ"
    ocop_product.producer.save()
    response = client.get(ocop_product.get_absolute_url())
    page = response.content.decode()
    assert 'data-testid="certificate-block"' in page
    assert "101/QĐ-UBND" in page
    assert 'data-testid="producer-card"' in page
    assert "Phù Lãng, Bắc Ninh" in page and "Quế Võ" in page
    assert 'id="reviews"' in page


def test_publishing_needs_a_verified_producer(product, producer):
    from django.core.exceptions import ValidationError

    producer.status = "pending"
    producer.save()
    product.producer = producer
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert "is_public" in error.value.message_dict
