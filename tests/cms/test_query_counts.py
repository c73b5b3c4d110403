"""Query counts of the home and craft village pages do not grow with the products shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import make_products

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    client.get(url)  # warm caches (site root, locales, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_home_page_queries_do_not_grow_with_products(client, site_tree, producer):
    make_products(producer, 2)
    few = count_queries(client, "/")
    make_products(producer, 8, start=2)
    many = count_queries(client, "/")

    assert many <= few  # does not grow (a cache warmed by the first page may save some)
    assert many <= 40


def test_craft_village_page_queries_do_not_grow_with_products(client, village_page, producer):
    make_products(producer, 2)
    few = count_queries(client, village_page.url)
    make_products(producer, 8, start=2)
    many = count_queries(client, village_page.url)

    assert many <= few  # does not grow (a cache warmed by the first page may save some)
    assert many <= 40
