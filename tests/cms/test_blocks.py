"""StreamField blocks: shop data read when shown, and editor mistakes caught."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from cms import blocks

from .conftest import block_context, make_products

pytestmark = pytest.mark.django_db


def test_product_list_block_filters_by_village(producer, village):
    mine = make_products(producer, 2)
    from tests.factories import create_product

    other = create_product(title="Khay đồng", upc="OTHER-1", num_in_stock=2)
    block = blocks.ProductListBlock()
    value = block.to_python(
        {"title": "", "craft_village": village.pk, "order": "stars", "limit": 8}
    )

    html = block.render(value, context=block_context())
    for product in mine:
        assert product.title in html
    assert other.title not in html


def test_chosen_products_keep_the_editors_order_and_skip_withdrawn_ones(producer):
    first, second, withdrawn = make_products(producer, 3)
    withdrawn.is_public = False
    withdrawn.save()
    block = blocks.ProductsBlock()
    value = block.to_python({"title": "", "products": [second.pk, withdrawn.pk, first.pk]})

    html = block.render(value, context=block_context())
    assert html.index(second.title) < html.index(first.title)
    assert withdrawn.title not in html


def test_call_to_action_needs_a_page_or_a_link_but_not_both(site_tree):
    block = blocks.CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python({"title": "Mua", "button_text": "Mua", "page": None, "url": ""})
        )
    value = block.clean(
        block.to_python({"title": "Mua", "button_text": "Mua", "page": None, "url": "/shop/"})
    )
    assert 'href="/shop/"' in block.render(value, context=block_context())


def test_map_block_always_shows_the_address_and_a_link():
    block = blocks.MapBlock()
    value = block.to_python(
        {"label": "Đền Đô", "address": "Đình Bảng, Từ Sơn", "latitude": 21.11, "longitude": 105.95}
    )

    html = block.render(value, context=block_context())
    assert "Đình Bảng, Từ Sơn" in html
    assert "openstreetmap.org" in html
    assert "data-map" in html
