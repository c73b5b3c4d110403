"""A shopper types "banh da nem" without accents in the header search, in both languages."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("prefix", "title", "button"),
    [("", "Bánh đa nem Thổ Hà", "Tìm kiếm"), ("/en", "Tho Ha rice paper", "Search")],
)
def test_header_search_without_accents_finds_the_product(
    live_server, page, site_tree, product, prefix, title, button
):
    page.goto(f"{live_server.url}{prefix}/")
    page.locator("#site-search-q").fill("banh da nem")
    page.get_by_role("button", name=button, exact=True).click()

    results = page.get_by_test_id("results-products")
    expect(results).to_contain_text(title)
    results.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_nothing_found_offers_suggestions(live_server, page, site_tree, product):
    page.goto(f"{live_server.url}/shop/search/?q=banh+kem")
    expect(page.get_by_test_id("no-results")).to_contain_text("Không có kết quả nào")
    expect(page.get_by_test_id("suggestions")).to_contain_text("Bánh đa nem Thổ Hà")


@pytest.mark.parametrize(
    ("prefix", "title", "button", "did_you_mean"),
    [
        ("", "Bánh đa nem Thổ Hà", "Tìm kiếm", "Có phải bạn muốn tìm banh da nem?"),
        ("/en", "Tho Ha rice paper", "Search", "Did you mean banh da nem?"),
    ],
)
def test_a_typo_finds_the_product_and_names_the_corrected_words(
    live_server, page, site_tree, product, prefix, title, button, did_you_mean
):
    """ "banh da nen" on whichever database the suite runs on (SQLite with `make run`)."""
    page.goto(f"{live_server.url}{prefix}/")
    page.locator("#site-search-q").fill("banh da nen")
    page.get_by_role("button", name=button, exact=True).click()

    expect(page.get_by_test_id("results-products")).to_contain_text(title)
    correction = page.get_by_test_id("did-you-mean")
    expect(correction).to_have_text(did_you_mean)
    correction.get_by_role("link", name="banh da nem").click()
    expect(page.get_by_test_id("did-you-mean")).to_have_count(0)
    expect(page.get_by_test_id("results-products")).to_contain_text(title)
