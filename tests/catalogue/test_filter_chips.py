"""The filters that apply show as chips above the products; each chip is a link
that takes that one filter off and keeps the rest (server-rendered, no script)."""

from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from tests.catalogue.conftest import make_certificate
from tests.factories import create_product

pytestmark = pytest.mark.django_db


def _chips(response) -> dict[str, tuple[str, str]]:
    """{filter key: (chip text, link)} from the rendered page."""
    html = response.content.decode()
    chips = {}
    for piece in html.split('data-testid="filter-chip" data-filter="')[1:]:
        key, rest = piece.split('"', 1)
        href = html[: html.index(piece)].rsplit('href="', 1)[1].split('"', 1)[0]
        text = rest.split("</span>", 1)[1].split("<span", 1)[0]
        chips[key] = (unescape(text), unescape(href))
    return chips


@pytest.fixture
def four_star(product):
    make_certificate(product, stars=4)
    return product


def test_each_chip_takes_off_only_its_own_filter(client, four_star):
    url = reverse("catalogue:index")
    response = client.get(
        url,
        {"min_stars": "4", "price_max": "200000", "producer": "", "sort": "price-asc", "page": "1"},
    )
    chips = _chips(response)
    assert chips == {
        "min_stars": ("Từ 4★ trở lên", f"{url}?price_max=200000&sort=price-asc"),
        "price_max": ("Tối đa 200.000\xa0₫", f"{url}?min_stars=4&sort=price-asc"),
    }
    # Following a chip's link leaves the other filter applied.
    after = client.get(chips["min_stars"][1])
    assert _chips(after) == {"price_max": ("Tối đa 200.000\xa0₫", f"{url}?sort=price-asc")}
    assert [p.title for p in after.context["products"]] == ["Bánh đa nem Thổ Hà"]


def test_chips_keep_the_search_words_and_read_in_english(client, four_star):
    url = "/en" + reverse("catalogue:index")
    response = client.get(url, {"q": "banh", "min_stars": "4", "price_min": "50000"})
    chips = _chips(response)
    assert chips["min_stars"] == ("4★ and above", f"{url}?q=banh&price_min=50000")
    assert chips["price_min"] == ("From ₫50,000", f"{url}?q=banh&min_stars=4")


def test_chips_name_the_producer_and_the_filter_button_counts_them(client, four_star):
    producer = four_star.producer
    response = client.get(reverse("catalogue:index"), {"producer": producer.slug})
    assert _chips(response) == {"producer": (producer.name, reverse("catalogue:index"))}
    assert '<span class="count" aria-hidden="true">1</span>' in response.content.decode()


def test_no_chip_for_an_ignored_value_or_an_unfiltered_listing(client, product):
    plain = client.get(reverse("catalogue:index"))
    assert _chips(plain) == {}
    assert 'data-testid="filter-chips"' not in plain.content.decode()
    ignored = client.get(reverse("catalogue:index"), {"min_stars": "9", "price_max": "-5"})
    assert _chips(ignored) == {}


def test_category_page_chips_stay_on_the_category(client, four_star):
    category = four_star.categories.get()
    response = client.get(category.get_absolute_url(), {"min_stars": "4"})
    assert _chips(response) == {"min_stars": ("Từ 4★ trở lên", category.get_absolute_url())}


def test_site_search_facets_show_as_chips(client, four_star):
    create_product(title="Bánh phu thê", price=Decimal("60000"), num_in_stock=3)
    url = reverse("site-search")
    response = client.get(url, {"q": "banh", "stars": "4", "price": "100000-300000"})
    assert _chips(response) == {
        "stars": ("Từ 4★ trở lên", f"{url}?q=banh&price=100000-300000"),
        "price": ("Từ 100.000\xa0₫ đến 300.000\xa0₫", f"{url}?q=banh&stars=4"),
    }
    assert _chips(client.get(url, {"q": "banh"})) == {}
