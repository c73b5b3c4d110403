"""`load_demo_data` leaves a month of consignment that reconciles to the đồng (PostgreSQL).

The demo month at Cửa hàng OCOP Từ Sơn has deliveries, counter sales, a
customer's return, a damaged unit, goods returned to a producer and online
orders (a pickup collected, two deliveries shipped from the store) made
through the shop's own services. Its statements are read from the store's
statement pages and checked against the movements, the orders, the shelf,
the producer portal's figures and the programme staff's figures, each read
from its page; then the pottery's statement goes through the pages to paid.
"""

import datetime as dt
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils.formats import date_format

from storefront.consignment import services, settlement
from storefront.consignment.models import Statement, SupplyTerms
from storefront.order.models import Line, Order
from storefront.partner.models import StockMovement, StockRecord
from tests.partner.conftest import url

pytestmark = pytest.mark.django_db

Reason = StockMovement.Reason
User = get_user_model()


class _Tables(HTMLParser):
    """Rows of cell texts of each table with a data-testid, header and footer rows included."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("data-testid"):
            self._table = self.tables.setdefault(attrs["data-testid"], [])
        elif self._table is not None and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(response) -> dict[str, list[list[str]]]:
    assert response.status_code == 200
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def number(text: str) -> int:
    """ "5.950.000 ₫" → 5950000; "12" → 12; "-3" → -3."""
    digits = re.sub(r"[^\d-]", "", text)
    return int(digits)


def statement_page_figures(client, statement):
    """(stock rows, line amounts with sales values, total) as the store's statement page shows."""
    found = tables(client.get(url("statement", statement.store, pk=statement.pk)))
    stock = [
        dict(
            zip(
                (
                    "start",
                    "received",
                    "online",
                    "in_store",
                    "customer_returns",
                    "returned",
                    "damaged",
                    "corrections",
                    "end",
                ),
                (number(cell.split()[0]) for cell in row[1:]),
                strict=True,
            ),
            product=row[0],
        )
        for row in found["statement-stock"][1:]
    ]
    lines = [
        {
            "product": row[0],
            "units": number(row[2]),
            "sales": number(row[3]),
            "amount": number(row[4]),
        }
        for row in found["statement-lines"][1:-1]
    ]
    [*_, total_row] = found["statement-lines"]
    return stock, lines, number(total_row[-1])


def test_demo_month_reconciles_matches_portal_and_staff_and_is_settled_through_the_pages(
    client,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = str(tmp_path)
    out = io.StringIO()
    call_command("load_demo_data", "--force", stdout=out)
    output = out.getvalue()
    assert "new statements: 3" in output
    assert "pickup orders last month: 1" in output and "delivery orders last month: 2" in output
    statements = list(Statement.objects.select_related("store", "producer").order_by("pk"))
    assert len(statements) == 3 and SupplyTerms.objects.count() == 3
    store = statements[0].store
    first, last = statements[0].period_start, statements[0].period_end
    assert (first, last) == services.previous_month()

    # Online orders, made through placement and fulfilment: collected or delivered from the store.
    orders = Order.objects.filter(fulfilment_store=store)
    assert sorted(orders.values_list("fulfilment_type", "status")) == [
        ("delivery", "Delivered"),
        ("delivery", "Delivered"),
        ("pickup", "Collected"),
    ]
    assert all(first <= o.date_placed.date() <= last for o in orders)
    assert not Line.objects.filter(order__in=orders, num_allocated__gt=0).exists()

    manager = User.objects.get(username="quanly.tuson")
    staff = User.objects.get(username="admin")
    client.force_login(manager)
    page_figures = {}
    for statement in statements:
        assert statement.problems == [], statement.problems
        stock, lines, total = statement_page_figures(client, statement)
        page_figures[statement.producer.slug] = (stock, lines, total)
        assert stock and lines and total == statement.total > 0
        for row in stock:
            # start + received − sold − returned − damaged ± corrections = end, per product.
            assert (
                row["start"]
                + row["received"]
                - row["online"]
                - row["in_store"]
                + row["customer_returns"]
                - row["returned"]
                - row["damaged"]
                + row["corrections"]
                == row["end"]
            ), row
        # The amount owed is the sum of the lines, to the đồng.
        assert sum(line["amount"] for line in lines) == total
        # Every producer sold online this month, and the orders say how many units.
        ordered = sum(
            Line.objects.filter(order__in=orders, product__producer=statement.producer).values_list(
                "quantity", flat=True
            )
        )
        assert sum(row["online"] for row in stock) == ordered > 0
        # The month ends where the shelf is now (nothing moved since).
        for row, record in zip(
            stock,
            StockRecord.objects.filter(partner=store, product__producer=statement.producer)
            .filter(product__in=statement.products.values("product"))
            .order_by("product__title"),
            strict=True,
        ):
            assert row["end"] == record.num_in_stock and row["product"].startswith(
                record.product.get_title()
            )
        # Recomputed from the movements now, it is what was stored and shown.
        figures = settlement.compute(
            store=store, producer=statement.producer, period_start=first, period_end=last
        )
        assert figures.problems == [] and figures.total == total
        # Each line: consignment units × producer price; commission: sales less the %.
        for line in statement.lines.all():
            if line.kind == SupplyTerms.Kind.CONSIGNMENT:
                assert line.amount == line.units * line.producer_price
            else:
                share = (100 - line.commission_percent) / 100
                assert line.amount == (line.sales_value * share).quantize(Decimal(1))

    pottery, bronze, prints = (
        page_figures["htx-gom-phu-lang"],
        page_figures["htx-duc-dong-dai-bai"],
        page_figures["xuong-tranh-dong-ho"],
    )
    # The pottery's month: 12 received, 2 collected online, 8 sold over the counter,
    # 1 damaged (borne by the producer: not paid), 2 returned to the producer.
    [pottery_row] = pottery[0]
    assert (
        pottery_row["received"],
        pottery_row["online"],
        pottery_row["in_store"],
        pottery_row["damaged"],
        pottery_row["returned"],
    ) == (12, 2, 8, 1, 2)
    assert [line["units"] for line in pottery[1]] == [10]
    [prints_row] = prints[0]
    assert (prints_row["online"], prints_row["customer_returns"]) == (3, 1)
    assert bronze[0][0]["online"] == 1

    # The producer portal's month and the staff figures, read from their pages, match.
    month_label = date_format(first, "m/Y")
    for slug, (stock, lines, _total) in page_figures.items():
        statement = next(s for s in statements if s.producer.slug == slug)
        member = statement.producer.memberships.get().user
        client.force_login(member)
        portal = tables(
            client.get(reverse("settle:portal-sales", kwargs={"slug": slug}) + "?months=3")
        )
        [month_row] = [row for row in portal["sales-by-month"] if row[0] == month_label]
        assert number(month_row[1]) == sum(row["online"] for row in stock)
        assert number(month_row[2]) == sum(
            row["in_store"] - row["customer_returns"] for row in stock
        )
        assert number(month_row[3]) == sum(line["sales"] for line in lines)
    client.force_login(staff)
    for by, label, expected in [
        *[
            (
                "producer",
                s.producer.name,
                sum(line["sales"] for line in page_figures[s.producer.slug][1]),
            )
            for s in statements
        ],
        (
            "store",
            store.name,
            sum(line["sales"] for _, lines, _ in page_figures.values() for line in lines),
        ),
    ]:
        found = tables(client.get(reverse("settle:programme-sales") + f"?by={by}&months=3"))
        header = found["sales-table"][0]
        [row] = [r for r in found["sales-table"][1:] if r[0] == label]
        assert number(row[header.index(month_label)]) == expected, (by, label)

    # The pottery's statement, sent by the demo: confirmed by the producer and paid, on the pages.
    sent = next(s for s in statements if s.producer.slug == "htx-gom-phu-lang")
    assert sent.status == Statement.Status.SENT
    client.force_login(sent.producer.memberships.get().user)
    portal_page = reverse(
        "settle:portal-statement", kwargs={"slug": sent.producer.slug, "pk": sent.pk}
    )
    assert client.post(portal_page, {"action": "confirm"}).status_code == 302
    pdf = client.get(reverse("settle:print", kwargs={"pk": sent.pk}) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
        .replace("\xa0", " ")
        .split()
    )
    page_total = f"{pottery[2]:,}".replace(",", ".") + " ₫"  # as the page shows it
    assert page_total == "5.950.000 ₫"  # 10 units × 595.000 ₫
    assert "HTX Gốm Phù Lãng" in text and f"Tổng số tiền phải trả chủ thể {page_total}" in text
    assert store.display_name in text and " ".join(store.address_line.split()) in text
    client.force_login(manager)
    paid = client.post(
        url("statement", store, pk=sent.pk),
        {"action": "paid", "paid_on": dt.date.today().isoformat(), "reference": "UNC-DEMO-1"},
    )
    assert paid.status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.payment_reference) == (Statement.Status.PAID, "UNC-DEMO-1")

    # A second run adds nothing.
    counts = (Statement.objects.count(), Order.objects.count(), StockMovement.objects.count())
    again = io.StringIO()
    call_command("load_demo_data", "--force", stdout=again)
    assert "Consignment" in again.getvalue() and "no changes" in again.getvalue()
    assert (
        Statement.objects.count(),
        Order.objects.count(),
        StockMovement.objects.count(),
    ) == counts
