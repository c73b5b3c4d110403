"""bench/weight.py measures what a page really downloads: the page, its styles,
scripts, fonts and pictures, each counted once, by kind."""

import pytest

from bench import weight
from tests.factories import create_product

pytestmark = pytest.mark.django_db(transaction=True)


def test_weight_counts_every_response_of_a_cold_visit_by_kind(live_server, browser, site_tree):
    product = create_product(title="Bánh đa nem Thổ Hà", price=50000, num_in_stock=3)

    [row] = weight.measure(
        live_server.url, [("product page", product.get_absolute_url())], browser=browser
    )

    assert row["page"] == "product page"
    kinds = row["by_type"]
    assert {"document", "stylesheet", "script", "font"} <= set(kinds)
    assert all(size > 0 for size in kinds.values())
    assert row["kib"] == pytest.approx(sum(kinds.values()), abs=0.5)
    assert row["requests"] >= 5


def test_an_error_page_is_not_weighed(live_server, browser, site_tree):
    missing = [("missing", "/shop/catalogue/khong-co_999999/")]
    with pytest.raises(RuntimeError, match="answered 404"):
        weight.measure(live_server.url, missing, browser=browser)
