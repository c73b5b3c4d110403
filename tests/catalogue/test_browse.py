"""Product listing on the database: search folding, sorting, categories, query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.test.factories import create_product

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


def test_listing_query_count_does_not_grow_with_products(client, product):
    """Query count is held flat: 1 product and 12 products cost the same."""
    url = reverse("catalogue:index")
    client.get(url)  # warm caches (site, sections) as a real visitor would have
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(11):
        create_product(title=f"Sản phẩm {i}", price=Decimal("50000"), num_in_stock=2)
    with CaptureQueriesContext(connection) as twelve:
        client.get(url)
    assert len(twelve) == len(one), [q["sql"] for q in twelve.captured_queries]
    assert len(twelve) <= 20
