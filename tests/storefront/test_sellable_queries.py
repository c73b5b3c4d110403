"""The sellable rule costs no query per product: producers come with the products.

The strategy asks `Product.is_sellable`, which reads the producer, of every
basket line and every product card.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.catalogue.conftest import make_producer
from tests.factories import create_product

pytestmark = pytest.mark.django_db


def _product(name: str):
    return create_product(
        title=name, price=Decimal("10000"), num_in_stock=5, producer=make_producer()
    )


def _producer_queries(client: Client, url: str) -> int:
    """Queries that read producers on their own, not joined to the products."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(' FROM "catalogue_producer"' in query["sql"] for query in queries.captured_queries)


def _basket_with(lines: int) -> Client:
    client = Client()
    for n in range(lines):
        product = _product(f"Gốm {lines}-{n}")
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    return client


def test_the_basket_reads_producers_with_its_lines_not_once_per_line(site_tree):
    """storefront/basket/models.py: Basket.all_lines."""
    summary = reverse("basket:summary")
    assert _producer_queries(_basket_with(1), summary) == _producer_queries(
        _basket_with(4), summary
    )


def test_recently_viewed_products_bring_their_producers_along(site_tree):
    """catalogue.models.ProductQuerySet.browsable, which Oscar's history reads."""
    client = Client()
    products = [_product(f"Gốm {n}") for n in range(5)]
    first_visit = _producer_queries(client, products[0].get_absolute_url())
    for product in products[1:4]:
        client.get(product.get_absolute_url())
    assert _producer_queries(client, products[4].get_absolute_url()) == first_visit
