"""Craft village ↔ producer ↔ product: one link in the catalogue, read both ways."""

import pytest
from django.template import Context, Template
from django.utils import translation

from cms import selectors
from cms.models import CraftVillagePage

from .conftest import make_products, translate

pytestmark = pytest.mark.django_db


def test_village_page_lists_its_producers_and_their_products_live(client, village_page, producer):
    response = client.get(village_page.url)
    assert response.status_code == 200
    assert producer.name in response.content.decode()

    # A product added in the shop appears with no edit to the page.
    (product,) = make_products(producer, 1)
    html = client.get(village_page.url).content.decode()
    assert product.title in html
    assert product.get_absolute_url() in html


def test_village_page_hides_products_that_are_not_public(client, village_page, producer):
    (product,) = make_products(producer, 1)
    product.is_public = False
    product.save()

    assert product.title not in client.get(village_page.url).content.decode()


def test_in_stock_products_come_before_sold_out_ones(village_page, producer):
    sold_out = make_products(producer, 1, start=0, stock=0)[0]
    in_stock = make_products(producer, 1, start=1, stock=3)[0]

    listed = selectors.products_by_rule(
        rule=selectors.RULE_STARS, limit=10, craft_village=producer.craft_village
    )
    assert listed.index(in_stock) < listed.index(sold_out)


def test_product_links_back_to_its_village_page_in_the_active_language(
    village_page, producer, en_locale
):
    (product,) = make_products(producer, 1)
    english = translate(village_page, en_locale, "phu-lang-pottery-village")

    template = Template(
        "{% load cms_tags wagtailcore_tags %}"
        "{% village_page_for product.producer.craft_village as page %}{% pageurl page %}"
    )
    assert template.render(Context({"product": product})) == village_page.url
    with translation.override("en"):
        assert template.render(Context({"product": product})) == english.url


def test_village_without_english_page_falls_back_to_vietnamese(village_page, village):
    with translation.override("en"):
        assert selectors.village_page_for(village) == village_page


def test_village_with_no_page_gives_none(village):
    assert selectors.village_page_for(village) is None
    assert not CraftVillagePage.objects.exists()
