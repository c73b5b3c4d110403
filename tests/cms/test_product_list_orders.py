"""The product lists of content pages keep their order when read as arms
(cms.selectors.products_by_rule, store_products through catalogue.selectors.first_ids)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue import selectors as catalogue_selectors
from cms import selectors
from storefront.partner.services import create_stock_record
from tests.catalogue.conftest import make_certificate
from tests.factories import create_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_catalogue(store, food_category):
    """24 products: ratings 5★ to none, some re-rated lower, some out of stock, some bought."""
    from oscar.apps.analytics.models import ProductRecord

    today = timezone.localdate()
    products = []
    for n in range(24):
        product = create_product(title=f"Sản phẩm {n}", upc=f"ORDER-{n:02d}", price=None)
        create_stock_record(
            store=store, product=product, price=Decimal("10000"), quantity=0 if n % 4 == 0 else 3
        )
        if n % 6:
            make_certificate(product, stars=1 + n % 5)
        if n % 7 == 0:  # re-rated: the later certificate in force decides
            make_certificate(product, stars=5, issue_date=today - dt.timedelta(days=700))
        if n % 3 == 0:
            product.categories.add(food_category)
        if n % 5 == 0:
            ProductRecord.objects.create(product=product, num_purchases=n % 4)
        products.append(product)
    return products


def _reference(rule: str, *, min_stars=None, group=None):
    """The orders as one ORDER BY over every product (what the pages did before)."""
    queryset = catalogue_selectors.filter_products(
        selectors.listed_products(),
        catalogue_selectors.ProductFilters(min_stars=min_stars, group=group),
    )
    if rule == selectors.RULE_NEWEST:
        queryset = queryset.order_by(F("in_stock").desc(), "-date_created", "-id")
    elif rule == selectors.RULE_STARS:
        queryset = queryset.order_by(
            F("ocop_stars").desc(nulls_last=True), F("in_stock").desc(), "-date_created", "-id"
        )
    return [p.pk for p in queryset]


@pytest.mark.parametrize(
    "rule", [selectors.RULE_NEWEST, selectors.RULE_STARS, selectors.RULE_GROUP]
)
@pytest.mark.parametrize("min_stars", [None, 2, 4, 5])
@pytest.mark.parametrize("limit", [1, 5, 30])
def test_rule_lists_match_one_full_sort(mixed_catalogue, food_category, rule, min_stars, limit):
    for group in (None, food_category):
        expected = _reference(rule, min_stars=min_stars, group=group)[:limit]
        listed = selectors.products_by_rule(
            rule=rule, limit=limit, min_stars=min_stars, group=group
        )
        assert [p.pk for p in listed] == expected, (rule, min_stars, group, limit)


def test_store_lists_match_one_full_sort(mixed_catalogue, store):
    here = selectors.listed_products().filter(
        stockrecords__partner=store, stockrecords__num_in_stock__gt=0
    )
    in_stock = [p.pk for p in here[:8]]
    popular = [
        (p.pk)
        for p in here.order_by(
            F("stats__num_purchases").desc(nulls_last=True),
            F("ocop_stars").desc(nulls_last=True),
            "-date_created",
            "-id",
        )[:4]
    ]
    lists = selectors.store_products(store, limit=8)
    assert [p.pk for p in lists["in_stock"]] == in_stock
    assert [p.pk for p in lists["popular"]] == popular


def test_one_query_for_the_ids_whatever_the_arms_find(mixed_catalogue):
    for limit in (1, 30):
        with CaptureQueriesContext(connection) as queries:
            selectors.products_by_rule(rule=selectors.RULE_STARS, limit=limit)
        assert len(queries) == 4  # ids, cards, pictures, stock records


@pytest.mark.postgres
def test_an_arm_after_a_full_one_is_not_scanned(mixed_catalogue):
    products = catalogue_selectors.browsable_products()
    arms = [products.order_by("-date_created"), products.order_by("date_created")]
    sql, params = catalogue_selectors.first_ids_sql(arms, limit=3)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The second arm (inlined as a subquery, or a CTE) is planned but never run.
    second = plan[plan.index("arm1") :]
    scans = [
        line for line in second.split("\n") if "Scan" in line and " on catalogue_product" in line
    ]
    assert scans and all("never executed" in line for line in scans), plan


@pytest.mark.postgres
def test_postgresql_never_compiles_queries(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_category_pages_count_without_distinct(client, product, food_category):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(food_category.get_absolute_url()).status_code == 200
    products = [
        q["sql"] for q in queries.captured_queries if 'FROM "catalogue_product"' in q["sql"]
    ]
    assert products and not [sql for sql in products if "DISTINCT" in sql]
