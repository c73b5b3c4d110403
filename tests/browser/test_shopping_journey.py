"""Home → product page → add to basket → basket, as a shopper does it, in both languages."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

JOURNEYS = [
    # language prefix, product title shown, add-to-basket label, basket label
    ("", "Bánh đa nem Thổ Hà", "Thêm vào giỏ hàng", "Giỏ hàng"),
    ("/en", "Tho Ha rice paper", "Add to basket", "Basket"),
]


@pytest.mark.parametrize(("prefix", "title", "add_label", "basket_label"), JOURNEYS)
def test_shopper_adds_product_from_home_page_to_basket(
    live_server, page, site_tree, product, prefix, title, add_label, basket_label
):
    page.goto(f"{live_server.url}{prefix}/")
    expect(page.locator("html")).to_have_attribute("lang", "vi" if not prefix else "en")
    expect(page.get_by_test_id("basket-count")).to_have_text("0")

    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).to_have_url(re.compile(rf"{prefix}/shop/catalogue/"))

    page.get_by_role("button", name=add_label).click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")

    page.get_by_test_id("basket-link").click()
    expect(page).to_have_url(f"{live_server.url}{prefix}/shop/basket/")
    expect(page.locator("#content_inner")).to_contain_text(title)
    expect(page.get_by_test_id("basket-link")).to_contain_text(basket_label)


def test_language_switch_keeps_shopper_on_the_same_product(live_server, page, site_tree, product):
    page.goto(f"{live_server.url}{product.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bánh đa nem Thổ Hà")

    page.locator("[data-language=en]").click()
    expect(page).to_have_url(f"{live_server.url}/en{product.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tho Ha rice paper")

    page.locator("[data-language=vi]").click()
    expect(page).to_have_url(f"{live_server.url}{product.get_absolute_url()}")


def test_no_horizontal_scroll_on_a_390px_phone(live_server, page, site_tree, product):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/shop/catalogue/", product.get_absolute_url(), "/shop/basket/"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways: {width}px wide"
