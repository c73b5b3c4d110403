"""Terms and statements through the pages: the permission matrix, the workflow, the outputs."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from storefront.consignment import services
from storefront.consignment.models import Statement, SupplyTerms
from storefront.partner.models import StockMovement
from tests.consignment.conftest import at
from tests.partner.conftest import url

Kind = SupplyTerms.Kind


@pytest.fixture
def sold_last_month(gom_products, store_a, manager_a, month):
    services.set_terms(
        store=store_a,
        product=gom_products["vase"],
        kind=Kind.CONSIGNMENT,
        producer_price=Decimal(90000),
        starts_on=month[0],
        user=manager_a,
    )
    from storefront.partner import services as stock

    movement = stock.change_stock(
        stockrecord=gom_products["vase_a"],
        reason=StockMovement.Reason.SOLD_IN_STORE,
        delta=3,
        user=manager_a,
    )
    StockMovement.objects.filter(pk=movement.pk).update(
        created_at=at(month[0] + dt.timedelta(days=4))
    )
    return movement


@pytest.fixture
def statement(sold_last_month, gom, store_a, manager_a, month):
    return services.create_statement(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1], user=manager_a
    )


def portal(name, producer, **kwargs):
    return reverse(f"settle:portal-{name}", kwargs={"slug": producer.slug, **kwargs})


# --- the matrix ---------------------------------------------------------------------


def test_store_pages_refuse_other_managers_producers_and_anonymous(
    client, statement, store_a, manager_b, gom_member
):
    pages = [
        url("terms", store_a),
        url("statements", store_a),
        url("statement", store_a, pk=statement.pk),
    ]
    for page in pages:
        assert client.get(page).status_code == 302  # anonymous: to sign in
    for user in (manager_b, gom_member):
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == 404, (user, page)
        assert client.post(pages[2], {"action": "send"}).status_code == 404
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT


def test_portal_pages_refuse_other_producers_managers_and_anonymous(
    client, statement, gom, dong, manager_a, dong_member, gom_member
):
    services.send_statement(statement=statement, user=manager_a)
    pages = [
        portal("terms", gom),
        portal("statements", gom),
        portal("statement", gom, pk=statement.pk),
    ]
    for page in pages:
        assert client.get(page).status_code == 302
    for user in (dong_member, manager_a):
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == 404, (user, page)
        assert client.post(pages[2], {"action": "confirm"}).status_code == 404
    # The other producer's own URL with this statement's id.
    client.force_login(dong_member)
    assert client.get(portal("statement", dong, pk=statement.pk)).status_code == 404
    statement.refresh_from_db()
    assert statement.status == Statement.Status.SENT


def test_printable_statement_for_both_sides_and_staff_only(
    client, statement, manager_a, manager_b, gom_member, dong_member, staff
):
    page = reverse("settle:print", kwargs={"pk": statement.pk})
    assert client.get(page).status_code == 302
    for user in (manager_b, dong_member):
        client.force_login(user)
        assert client.get(page).status_code == 404
        assert client.get(page + "?format=csv").status_code == 404
    for user in (manager_a, staff):
        client.force_login(user)
        assert client.get(page).status_code == 200
    # The producer's members see it once it is sent, as in the portal; never a draft.
    client.force_login(gom_member)
    assert client.get(page).status_code == 404
    services.send_statement(statement=statement, user=manager_a)
    assert client.get(page).status_code == 200


def test_a_draft_is_not_shown_to_the_producer(client, statement, gom, gom_member):
    client.force_login(gom_member)
    assert client.get(portal("statement", gom, pk=statement.pk)).status_code == 404
    assert statement.reference not in client.get(portal("statements", gom)).content.decode()


# --- the workflow through the pages ---------------------------------------------------


def test_terms_are_set_by_the_manager_and_read_by_the_producer(
    client, gom_products, store_a, manager_a, gom, gom_member
):
    client.force_login(manager_a)
    record = gom_products["bowl_a"]
    refused = client.post(
        url("terms", store_a),
        {
            "record": record.pk,
            "kind": "consignment",
            "damage_borne_by": "producer",
            "starts_on": "2026-01-01",
        },
    )
    assert refused.status_code == 400
    assert (
        "Hãy nhập giá trả chủ thể" in refused.content.decode()
        or "producer price" in refused.content.decode()
    )
    assert not SupplyTerms.objects.exists()
    ok = client.post(
        url("terms", store_a),
        {
            "record": record.pk,
            "kind": "commission",
            "commission_percent": "15",
            "damage_borne_by": "producer",
            "starts_on": "2026-01-01",
        },
    )
    assert ok.status_code == 302
    client.force_login(gom_member)
    page = client.get(portal("terms", gom)).content.decode()
    assert "Bát gốm men lam" in page and "15" in page and "<form" not in page.split("terms-list")[1]


def test_manager_creates_sends_producer_confirms_manager_records_payment(
    client, sold_last_month, gom, store_a, manager_a, gom_member, month
):
    client.force_login(manager_a)
    created = client.post(
        url("statements", store_a),
        {
            "producer": gom.pk,
            "period_start": month[0].isoformat(),
            "period_end": month[1].isoformat(),
        },
    )
    statement = Statement.objects.get()
    assert created.status_code == 302 and created.url == url("statement", store_a, pk=statement.pk)
    page = client.get(created.url).content.decode()
    assert "270.000" in page  # 3 × 90.000 ₫
    assert client.post(created.url, {"action": "send"}).status_code == 302
    client.force_login(gom_member)
    listing = client.get(portal("statements", gom)).content.decode()
    assert statement.reference in listing
    assert (
        client.post(portal("statement", gom, pk=statement.pk), {"action": "confirm"}).status_code
        == 302
    )
    client.force_login(manager_a)
    paid = client.post(created.url, {"action": "paid", "paid_on": "", "reference": ""})
    assert paid.status_code == 400
    paid = client.post(
        created.url,
        {"action": "paid", "paid_on": dt.date.today().isoformat(), "reference": "UNC-7781"},
    )
    assert paid.status_code == 302
    statement.refresh_from_db()
    assert (statement.status, statement.payment_reference, statement.total) == (
        Statement.Status.PAID,
        "UNC-7781",
        Decimal(270000),
    )


def test_producer_disputes_with_a_note(client, statement, gom, manager_a, gom_member):
    services.send_statement(statement=statement, user=manager_a)
    client.force_login(gom_member)
    page = portal("statement", gom, pk=statement.pk)
    assert client.post(page, {"action": "dispute", "note": ""}).status_code == 400
    assert client.post(page, {"action": "dispute", "note": "Thiếu 1 bình"}).status_code == 302
    statement.refresh_from_db()
    assert (
        statement.status == Statement.Status.DISPUTED and statement.dispute_note == "Thiếu 1 bình"
    )
    client.force_login(manager_a)
    assert (
        "Thiếu 1 bình"
        in client.get(url("statement", statement.store, pk=statement.pk)).content.decode()
    )


def test_printable_page_has_both_parties_legal_details_in_vietnamese(
    client, statement, manager_a, gom
):
    client.force_login(manager_a)
    page = client.get(reverse("settle:print", kwargs={"pk": statement.pk})).content.decode()
    assert "Bảng kê thanh toán hàng ký gửi" in page or "BẢNG KÊ" in page.upper()
    assert gom.tax_code in page and gom.name in page and "88 Minh Khai" in page
    assert "270.000" in page


def test_csv_lines_add_up_to_the_total(client, statement, manager_a):
    services.add_adjustment(
        statement=statement, amount=Decimal(-5000), note="=HYPERLINK(x)", user=manager_a
    )
    client.force_login(manager_a)
    response = client.get(reverse("settle:print", kwargs={"pk": statement.pk}) + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    amounts = [Decimal(r["amount"]) for r in rows if r["line"] != "total"]
    [total] = [Decimal(r["amount"]) for r in rows if r["line"] == "total"]
    assert amounts == [Decimal(270000), Decimal(-5000)] and sum(amounts) == total == Decimal(265000)
    assert [r["product"] for r in rows if r["line"] == "adjustment"] == ["'=HYPERLINK(x)"]


def _count(client, page) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    return len(queries)


def test_pages_hold_their_query_counts_whatever_the_number_of_products(
    client, statement, store_a, manager_a, gom, gom_member, month
):
    """Each page costs the same with one line on the statement as with eight, within budget."""
    from storefront.partner import services as stock
    from tests.partner.conftest import stocked_product

    store_pages = [
        url("terms", store_a),
        url("statements", store_a),
        url("statement", store_a, pk=statement.pk),
    ]
    portal_pages = [
        portal("terms", gom),
        portal("statements", gom),
        portal("statement", gom, pk=statement.pk),
    ]
    services.send_statement(statement=statement, user=manager_a)

    def counts():
        client.force_login(manager_a)
        client.get(store_pages[0])  # the first page of a session creates its basket
        store = [_count(client, page) for page in store_pages]
        client.force_login(gom_member)
        client.get(portal_pages[0])
        return store + [_count(client, page) for page in portal_pages]

    before = counts()
    Statement.objects.filter(pk=statement.pk).update(status=Statement.Status.DRAFT)
    for n in range(7):
        product, (record,) = stocked_product(f"Gốm {n}", f"OCOP-G{n}", (store_a, 5))
        product.producer = gom
        product.save()
        services.set_terms(
            store=store_a,
            product=product,
            kind=Kind.CONSIGNMENT,
            producer_price=Decimal(1000),
            starts_on=month[0],
            user=manager_a,
        )
        StockMovement.objects.filter(stockrecord=record).update(
            created_at=at(month[0] - dt.timedelta(days=2))
        )
        sale = stock.change_stock(
            stockrecord=record, reason=StockMovement.Reason.SOLD_IN_STORE, delta=1, user=manager_a
        )
        StockMovement.objects.filter(pk=sale.pk).update(
            created_at=at(month[0] + dt.timedelta(days=n))
        )
    services.refresh_statement(statement=statement, user=manager_a)
    Statement.objects.filter(pk=statement.pk).update(status=Statement.Status.SENT)
    assert (statement.products.count(), statement.lines.count()) == (9, 8)
    assert counts() == before
    budget = 24
    assert max(before) <= budget, before


def test_xlsx_has_the_same_rows_and_no_formulas(client, statement, manager_a):
    from openpyxl import load_workbook

    services.add_adjustment(
        statement=statement, amount=Decimal(-5000), note="=HYPERLINK(x)", user=manager_a
    )
    client.force_login(manager_a)
    response = client.get(reverse("settle:print", kwargs={"pk": statement.pk}) + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "amount"
    assert [row[-1] for row in rows[1:]] == [270000, -5000, 265000]
    assert "'=HYPERLINK(x)" in [row[9] for row in rows]


def test_staff_see_every_statement_and_others_are_refused(
    client, statement, store_a, gom, staff, manager_a, gom_member
):
    page = reverse("settle:staff-statements")
    assert client.get(page).status_code == 302
    for user in (manager_a, gom_member):
        client.force_login(user)
        assert client.get(page).status_code == 403
    client.force_login(staff)
    listing = client.get(page + f"?store={store_a.pk}&status=draft").content.decode()
    assert statement.reference in listing and gom.name in listing
    assert statement.reference not in client.get(page + "?status=paid").content.decode()
    # Staff open the store's own statement page (every store is theirs to run).
    assert client.get(url("statement", store_a, pk=statement.pk)).status_code == 200


def test_terms_for_another_stores_record_are_refused(client, gom_products, store_a, manager_a):
    client.force_login(manager_a)
    response = client.post(
        url("terms", store_a),
        {
            "record": gom_products["vase_b"].pk,
            "kind": "outright",
            "damage_borne_by": "producer",
            "starts_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert not SupplyTerms.objects.exists()


def test_statement_page_in_english(client, statement, store_a, manager_a):
    client.force_login(manager_a)
    page = client.get("/en" + url("statement", store_a, pk=statement.pk))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Amount owed" in text and "Send to the producer" in text and "₫270,000" in text


def test_printable_statement_costs_the_same_whatever_the_lines(client, statement, manager_a):
    page = reverse("settle:print", kwargs={"pk": statement.pk})
    client.force_login(manager_a)
    client.get(page)
    with CaptureQueriesContext(connection) as small:
        client.get(page)
    for n in range(5):
        services.add_adjustment(
            statement=statement, amount=Decimal(1000 + n), note=f"Điều chỉnh {n}", user=manager_a
        )
    with CaptureQueriesContext(connection) as large:
        assert "Điều chỉnh 4" in client.get(page).content.decode()
    assert len(small) == len(large) <= 12
