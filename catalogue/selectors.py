"""Read-side queries for products, shared by the shop views and Wagtail pages.

Every listing goes through `browsable_products()` so that the prefetches that
keep query counts flat (images, stock records, category) are in one place.
"""

from django.db.models import Exists, Min, OuterRef, Prefetch, QuerySet

from catalogue.models import Category, Option, Product, ProductImage
from storefront.text import fold


def browsable_products() -> QuerySet[Product]:
    """Public, browsable products with what a product card needs prefetched."""
    return (
        Product.objects.browsable()
        .select_related("product_class")
        # Oscar's add-to-basket form asks `has_options` of every card; these
        # annotations answer it without one query per product.
        .annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
            "stockrecords__partner",
            "categories",
        )
    )


def search_products(queryset: QuerySet[Product], query: str) -> QuerySet[Product]:
    """Narrow `queryset` to products whose text contains every word of `query`.

    Matching is on the accent-folded text, so "banh da" finds "Bánh đa" and
    NFD input behaves like NFC.
    """
    for word in fold(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def featured_products(*, limit: int) -> list[Product]:
    """Newest browsable products, for the home page until editors pick them."""
    return list(browsable_products().order_by("-date_created")[:limit])


def product_groups() -> list[Category]:
    """Top-level categories: the six OCOP product groups, in display order."""
    return list(Category.get_root_nodes().filter(is_public=True))


def sort_products(queryset: QuerySet[Product], order: str) -> QuerySet[Product]:
    """Order products; price sorts use the lowest stock-record price."""
    if order.lstrip("-") == "price_sort":
        queryset = queryset.annotate(price_sort=Min("stockrecords__price"))
    return queryset.order_by(order, "-id")
