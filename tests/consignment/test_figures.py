"""Producers' sales in the portal and the programme's figures agree with the statements."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from storefront.consignment import figures, services
from storefront.partner.models import StockMovement
from tests.catalogue.conftest import make_certificate
from tests.consignment.conftest import at, change

Reason = StockMovement.Reason


def portal_sales(producer):
    return reverse("settle:portal-sales", kwargs={"slug": producer.slug})


STAFF_PAGE = reverse("settle:programme-sales")


@pytest.fixture
def drum_sold(dong_product, store_a, manager_a, month):
    drum, drum_a = dong_product
    change(
        drum_a, Reason.SOLD_IN_STORE, at(month[0] + dt.timedelta(days=9)), user=manager_a, delta=1
    )
    return drum


def test_portal_and_staff_figures_match_the_statement(
    month_of_activity, drum_sold, gom, store_a, manager_a, month
):
    statement = services.create_statement(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1], user=manager_a
    )
    rows = list(statement.products.all())
    sold = sum(r.sold_online + r.sold_in_store - r.customer_returns for r in rows)
    sales = figures.sales_movements(product__producer=gom, created_at__gte=figures.since(month[0]))
    [by_store] = figures.totals(sales, "store_id")
    # Vase: 3 at the counter + 2 collected − 1 returned, at 125.000 ₫; bowl: 2 at 333.333 ₫.
    assert (by_store["units"], by_store["total"]) == (sold, Decimal(4 * 125000 + 2 * 333333))
    assert (by_store["online"], by_store["in_store"]) == (3, 3)
    # The bowl's line (no damage on the store) has exactly the portal's value.
    bowl_line = statement.lines.get(product__title="Bát gốm men lam")
    [bowl] = figures.totals(sales.filter(product__title="Bát gốm men lam"), "product_id")
    assert bowl_line.sales_value == bowl["total"] == Decimal(666666)


def test_portal_sales_page_shows_own_sales_and_stock_everywhere(
    client, month_of_activity, drum_sold, gom, gom_member
):
    client.force_login(gom_member)
    page = client.get(portal_sales(gom) + "?months=3").content.decode()
    assert "Bình gốm Phù Lãng" in page and "Bát gốm men lam" in page
    assert "1.166.666" in page  # 4 × 125.000 + 2 × 333.333
    assert "Cửa hàng OCOP Gia Bình" in page  # stock at the other store, 5 vases
    assert "Trống đồng" not in page  # another producer's product, sold at the same store
    assert "<svg" in page and "<table" in page


def test_portal_sales_refuses_other_producers_managers_and_anonymous(
    client, month_of_activity, gom, dong, dong_member, manager_a
):
    assert client.get(portal_sales(gom)).status_code == 302
    for user in (dong_member, manager_a):
        client.force_login(user)
        assert client.get(portal_sales(gom)).status_code == 404
    client.force_login(dong_member)
    assert "Bình gốm" not in client.get(portal_sales(dong)).content.decode()


def test_staff_figures_by_producer_star_and_csv(
    client, month_of_activity, drum_sold, gom, dong, staff
):
    make_certificate(drum_sold, stars=5)
    client.force_login(staff)
    page = client.get(STAFF_PAGE + "?by=producer&months=3")
    assert page.status_code == 200
    text = page.content.decode()
    assert "HTX Gốm Phù Lãng" in text and "Công ty Đồng Đại Bái" in text
    assert "1.166.666" in text and "3.200.000" in text
    headline = page.context["headline"]
    assert headline["producers"] == 2
    assert headline["total"] == Decimal(1166666 + 3200000)
    assert headline["ocop_total"] == Decimal(3200000)  # only the drum is rated 3★+
    stars = client.get(STAFF_PAGE + "?by=stars&months=3").context["table"]
    assert [(row["label"], row["total"]) for row in stars] == [
        ("5★", Decimal(3200000)),
        ("chưa xếp hạng", Decimal(1166666)),
    ]
    response = client.get(STAFF_PAGE + "?by=store&months=3&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["name"], r["units"], r["sales_value"]) for r in rows] == [
        ("Cửa hàng OCOP Từ Sơn", "7", "4366666")
    ]


def test_staff_figures_refuse_managers_producers_and_anonymous(client, manager_a, gom_member):
    assert client.get(STAFF_PAGE).status_code == 302
    for user in (manager_a, gom_member):
        client.force_login(user)
        assert client.get(STAFF_PAGE).status_code == 403
        assert client.get(STAFF_PAGE + "?format=csv").status_code == 403


def _count(client, page) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    return len(queries)


def test_figures_pages_cost_the_same_whatever_the_sales(
    client, month_of_activity, gom, gom_member, staff, store_a, manager_a, month
):
    client.force_login(gom_member)
    client.get(portal_sales(gom))
    portal_before = _count(client, portal_sales(gom))
    client.force_login(staff)
    client.get(STAFF_PAGE)
    staff_before = _count(client, STAFF_PAGE)
    from tests.partner.conftest import stocked_product

    for n in range(5):
        product, (record,) = stocked_product(f"Gốm {n}", f"OCOP-G{n}", (store_a, 5))
        product.producer = gom
        product.save()
        change(
            record,
            Reason.SOLD_IN_STORE,
            at(month[0] + dt.timedelta(days=n)),
            user=manager_a,
            delta=1,
        )
    assert _count(client, STAFF_PAGE) == staff_before <= 20
    client.force_login(gom_member)
    client.get(portal_sales(gom))  # a new session's first page creates its basket
    assert _count(client, portal_sales(gom)) == portal_before <= 20
