"""One rule for what is sellable: no page, list or form shows or sells what it forbids.

A suspended producer's product and a product without a producer sit next to a
verified producer's product in the same category, range, offer, store, craft
village, wish list and search. Every URL pattern of the site is then walked as
a visitor (with every product-related value its parameters can take), in both
languages, together with every live Wagtail page: the verified product must
show up on the product pages, the others nowhere. (Here among the content
tests for their fixtures: a craft village, its producer, a store, their pages.)
"""

import itertools
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from oscar.core.loading import get_model
from oscar.test.factories import (
    BasketFactory,
    ConditionalOfferFactory,
    RangeFactory,
    UserFactory,
)
from wagtail.models import Page

from catalogue.models import Producer
from storefront.partner.services import create_stock_record
from tests.factories import create_product

Partner = get_model("partner", "Partner")
WishList = get_model("wishlists", "WishList")

pytestmark = pytest.mark.django_db

SELLABLE, SUSPENDED, ORPHAN = "xyzverified", "xyzsuspended", "xyzorphan"
# Staff-only areas answer a visitor with a redirect to sign in; not walked.
SKIP_PREFIXES = ("django-admin/", "cms-admin/", "shop/dashboard/", "payments/")


@pytest.fixture
def catalogue_world(site_tree, village, producer, store, store_page, village_page, food_category):
    suspended = Producer.objects.create(
        name="HTX Đình chỉ",
        slug="htx-dinh-chi",
        legal_form="cooperative",
        tax_code="9999000777",
        commune="Phù Lãng",
        address="Thôn 2",
        contact_person="Test",
        phone="0222000001",
        craft_village=village,
        status=Producer.Status.VERIFIED,
    )
    products = {}
    for marker, maker in ((SELLABLE, producer), (SUSPENDED, suspended), (ORPHAN, None)):
        item = create_product(
            title=f"Gốm {marker}", upc=f"OCOP-{marker.upper()}", price=None, producer=maker
        )
        if maker is None:
            item.producer = None
            item.save()
        item.categories.add(food_category)
        create_stock_record(store=store, product=item, price=Decimal("150000"), quantity=5)
        products[marker] = item
    product_range = RangeFactory(name="Quà Tết", slug="qua-tet", is_public=True)
    for item in products.values():
        product_range.add_product(item)
    offer = ConditionalOfferFactory(name="Giảm giá Tết", slug="giam-gia-tet")
    offer.condition.range = product_range
    offer.condition.save()
    owner = UserFactory()
    wishlist = WishList.objects.create(owner=owner, name="Quà", visibility=WishList.PUBLIC)
    for item in products.values():
        wishlist.add(item)
    # Published while verified, then suspended: what staff suspension does.
    suspended.status = Producer.Status.SUSPENDED
    suspended.save()
    return {
        "products": products,
        "range": product_range,
        "offer": offer,
        "wishlist": wishlist,
        "store": store,
        "producers": [producer, suspended],
        "category": food_category,
    }


def _patterns(resolvers, prefix="", namespace=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), namespace + entry.name


def _candidates(world) -> dict[str, list]:
    products = list(world["products"].values())
    category = world["category"]
    return {
        "pk": [p.pk for p in products] + [category.pk],
        "product_pk": [p.pk for p in products],
        "product_slug": [p.slug for p in products],
        "category_slug": [category.full_slug],
        "slug": [world["range"].slug, world["offer"].slug, world["store"].slug]
        + [p.slug for p in world["producers"]],
        "code": [p.upc for p in products],
        "key": [world["wishlist"].key],
        "store": [world["store"].slug],
    }


def _urls(world):
    """Every URL a visitor can ask for, with each product-related value its parameters take."""
    candidates = _candidates(world)
    seen = set()
    for route, name in _patterns(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES) or route.startswith("en/" + SKIP_PREFIXES[0]):
            continue
        params = _route_params(route)
        if any(param not in candidates for param in params):
            continue
        for values in itertools.product(*(candidates[param] for param in params)):
            for language in ("vi", "en"):
                with translation.override(language):
                    try:
                        url = reverse(name, kwargs=dict(zip(params, values, strict=True)))
                    except NoReverseMatch:
                        continue
                if url not in seen:
                    seen.add(url)
                    yield name, url


def _route_params(route: str) -> list[str]:
    import re

    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    return list(dict.fromkeys(names))


def _without_own_address(body: str, url: str) -> str:
    """The page less its own address, which the language switch and canonical link repeat."""
    path = url.lower()
    for variant in {path, path.removeprefix("/en"), "/en" + path}:
        body = body.replace(variant, "")
    return body


def _pages():
    for page in Page.objects.live().specific():
        url = page.get_url()
        if url:
            yield f"page:{page.slug}", url


def test_no_url_shows_a_product_that_is_not_sellable(client, catalogue_world):
    shown_by = {SELLABLE: set(), SUSPENDED: set(), ORPHAN: set()}
    walked = 0
    for name, url in itertools.chain(_urls(catalogue_world), _pages()):
        for query in ("", "?q=gom"):  # every marked title starts "Gốm"
            response = client.get(url + query)
            walked += 1
            assert response.status_code < 500, (url, response.status_code)
            body = _without_own_address(response.content.decode(errors="replace").lower(), url)
            for marker in shown_by:
                if marker in body:
                    shown_by[marker].add(name)
    assert walked > 100  # the walk reached the site, not a handful of pages
    # The pages that list or show products did show the sellable one…
    assert {
        "catalogue:index",
        "catalogue:detail",
        "catalogue:category",
        "catalogue:range",
        "offer:detail",
        "catalogue:reviews-list",
        "site-search",
        "ocop:producer-detail",
        # The store's one public page (the shop's stores:detail redirects to it).
        "page:cua-hang-tu-son",
        "wishlists:detail",
        "ocop:verify",
        "sitemap",
    } <= shown_by[SELLABLE], sorted(shown_by[SELLABLE])
    assert any(name.startswith("page:") for name in shown_by[SELLABLE])
    # …and none showed the others.
    assert shown_by[SUSPENDED] == set()
    assert shown_by[ORPHAN] == set()


def test_a_product_that_is_not_sellable_cannot_be_added_to_the_basket(client, catalogue_world):
    for marker in (SUSPENDED, ORPHAN):
        product = catalogue_world["products"][marker]
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert basket.num_items == 0


def test_a_basket_line_whose_producer_is_suspended_cannot_be_checked_out(catalogue_world):
    from storefront.partner.strategy import StoreStrategy

    sellable = catalogue_world["products"][SELLABLE]
    basket = BasketFactory()
    basket.strategy = StoreStrategy()
    basket.add_product(sellable, 1)
    maker = sellable.producer
    maker.status = Producer.Status.SUSPENDED
    maker.save()
    basket = type(basket).objects.get(pk=basket.pk)
    basket.strategy = StoreStrategy()
    [line] = basket.all_lines()
    available, _message = line.purchase_info.availability.is_purchase_permitted(1)
    assert not available


def test_a_variant_carries_its_parents_producer_so_one_rule_holds_for_it(catalogue_world):
    from catalogue.models import Product

    parent = catalogue_world["products"][SELLABLE]
    parent.structure = Product.PARENT
    parent.save()
    variant = Product.objects.create(
        parent=parent, structure=Product.CHILD, title="Gốm xyzverified cỡ nhỏ", upc="OCOP-VAR-1"
    )
    assert variant.producer_id == parent.producer_id
    assert variant.is_sellable
    assert Product.objects.public().filter(pk=variant.pk).exists()
