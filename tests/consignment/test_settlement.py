"""A month of consignment produces statements that reconcile to the đồng (PostgreSQL).

The month: deliveries, sales at the counter, a pickup order collected, a
delivery order handed over, a customer's return, goods sent back to the
producer, a damaged unit and a stock-take; terms change mid-month. Every
change goes through the stock services (a movement each); the statement is
computed from those movements and the orders only.
"""

import datetime as dt
from decimal import Decimal

import pytest

from storefront.consignment import services, settlement
from storefront.consignment.models import Statement, SupplyTerms
from storefront.partner.models import StockMovement, StockRecord
from tests.consignment.conftest import at, change

Reason = StockMovement.Reason
Kind = SupplyTerms.Kind


def test_a_month_reconciles_to_the_dong(month_of_activity, gom, store_a, month, terms):
    figures = settlement.compute(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1]
    )
    assert figures.problems == []
    rows = {row.title: row for row in figures.rows}
    vase = rows["Bình gốm Phù Lãng"]
    assert (
        vase.start,
        vase.received,
        vase.sold_online,
        vase.sold_in_store,
        vase.customer_returns,
        vase.returned_to_producer,
        vase.damaged,
        vase.corrections,
        vase.end,
    ) == (10, 20, 2, 3, 1, 2, 1, -1, 22)
    bowl = rows["Bát gốm men lam"]
    assert (bowl.start, bowl.sold_online, bowl.sold_in_store, bowl.end) == (4, 1, 1, 2)
    assert all(row.reconciles for row in figures.rows)
    # Ends where the shelves are now.
    assert StockRecord.objects.get(partner=store_a, product_id=vase.product_id).num_in_stock == 22

    vase_old, vase_new, bowl_terms = terms
    lines = {line.terms.pk: line for line in figures.lines}
    # 3 sold before the new price; after it: 2 collected + 1 damaged (store bears it)
    # − 1 returned.
    assert (lines[vase_old.pk].units, lines[vase_old.pk].amount) == (3, Decimal(270000))
    assert (lines[vase_new.pk].units, lines[vase_new.pk].amount) == (2, Decimal(190000))
    # 2 bowls at 333.333 ₫ less 12,5 %: 666.666 × 0,875 = 583.332,75 → 583.333 (once, on the line).
    assert lines[bowl_terms.pk].sales_value == Decimal(666666)
    assert lines[bowl_terms.pk].amount == Decimal(583333)
    assert figures.total == Decimal(270000 + 190000 + 583333)


def test_rounding_is_once_per_line_so_lines_add_up(gom_products, store_a, manager_a, month):
    services.set_terms(
        store=store_a,
        product=gom_products["bowl"],
        kind=Kind.COMMISSION,
        commission_percent=Decimal("12.5"),
        starts_on=month[0],
        user=manager_a,
    )
    change(gom_products["bowl_a"], Reason.SOLD_IN_STORE, at(month[0]), user=manager_a, delta=1)
    figures = settlement.compute(
        store=store_a,
        producer=gom_products["bowl"].producer,
        period_start=month[0],
        period_end=month[1],
    )
    [line] = figures.lines
    # 333.333 × 0,875 = 291.666,375 → 291.666
    assert line.amount == Decimal(291666) and figures.total == line.amount


def test_a_change_without_a_movement_names_the_product_and_blocks_sending(
    gom_products, terms, store_a, manager_a, gom, month
):
    vase_a = gom_products["vase_a"]
    change(
        vase_a, Reason.SOLD_IN_STORE, at(month[0] + dt.timedelta(days=3)), user=manager_a, delta=2
    )
    bad = change(
        vase_a, Reason.SOLD_IN_STORE, at(month[0] + dt.timedelta(days=4)), user=manager_a, delta=1
    )
    # A movement whose "before" does not meet the previous "after": a unit went missing.
    StockMovement.objects.filter(pk=bad.pk).update(in_stock_before=7, in_stock_after=6)
    statement = services.create_statement(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1], user=manager_a
    )
    with pytest.raises(services.NotReconciled) as refused:
        services.send_statement(statement=statement, user=manager_a)
    assert "Bình gốm Phù Lãng" in str(refused.value) and f"#{bad.pk}" in str(refused.value)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT
    assert any(f"#{bad.pk}" in problem for problem in statement.problems)


def test_a_sale_without_terms_cannot_be_valued(gom_products, store_a, manager_a, gom, month):
    change(gom_products["vase_a"], Reason.SOLD_IN_STORE, at(month[0]), user=manager_a, delta=1)
    figures = settlement.compute(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1]
    )
    assert figures.problems and "chưa có điều kiện cung ứng" in figures.problems[0]


def test_workflow_send_confirm_pay_and_frozen(
    month_of_activity, gom, store_a, manager_a, gom_member, month
):
    statement = services.create_statement(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1], user=manager_a
    )
    assert statement.total == Decimal(1043333) and statement.problems == []
    services.add_adjustment(
        statement=statement, amount=Decimal(-3333), note="Trừ phí vận chuyển", user=manager_a
    )
    statement.refresh_from_db()
    assert statement.total == Decimal(1040000)
    services.send_statement(statement=statement, user=manager_a)
    services.confirm_statement(statement=statement, user=gom_member)
    # Frozen: nothing changes it any more, not even new terms inside its period.
    for refused in (
        lambda: services.refresh_statement(statement=statement, user=manager_a),
        lambda: services.add_adjustment(statement=statement, amount=1, note="x", user=manager_a),
        lambda: services.send_statement(statement=statement, user=manager_a),
        lambda: services.set_terms(
            store=store_a,
            product=month_of_activity["pickup"].lines.first().product,
            kind=Kind.OUTRIGHT,
            starts_on=month[1],
            user=manager_a,
        ),
    ):
        with pytest.raises(services.SettlementError):
            refused()
    paid = services.mark_paid(
        statement=statement, user=manager_a, paid_on=dt.date.today(), reference="UNC 0042"
    )
    assert paid.status == Statement.Status.PAID and paid.total == Decimal(1040000)
    with pytest.raises(services.SettlementError):
        services.mark_paid(
            statement=statement, user=manager_a, paid_on=dt.date.today(), reference="again"
        )


def test_dispute_sends_it_back_to_the_store(
    month_of_activity, gom, store_a, manager_a, gom_member, month
):
    statement = services.create_statement(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1], user=manager_a
    )
    services.send_statement(statement=statement, user=manager_a)
    with pytest.raises(services.SettlementError):
        services.dispute_statement(statement=statement, user=gom_member, note="  ")
    services.dispute_statement(statement=statement, user=gom_member, note="Thiếu 1 bình")
    with pytest.raises(services.SettlementError):
        services.confirm_statement(statement=statement, user=gom_member)
    again = services.refresh_statement(statement=statement, user=manager_a)
    assert again.status == Statement.Status.DRAFT
    services.send_statement(statement=statement, user=manager_a)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.SENT and statement.dispute_note == ""


def test_periods_of_one_store_and_producer_never_overlap(
    gom_products, gom, store_a, manager_a, month
):
    services.create_statement(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1], user=manager_a
    )
    with pytest.raises(services.SettlementError, match="đã bao gồm"):
        services.create_statement(
            store=store_a,
            producer=gom,
            period_start=month[1],
            period_end=month[1] + dt.timedelta(days=5),
            user=manager_a,
        )


def test_a_statement_of_the_current_month_cannot_be_sent_yet(gom_products, gom, store_a, manager_a):
    first, last = services.month_of(dt.date.today())
    statement = services.create_statement(
        store=store_a, producer=gom, period_start=first, period_end=last, user=manager_a
    )
    with pytest.raises(services.SettlementError, match="sau ngày đó"):
        services.send_statement(statement=statement, user=manager_a)


def test_terms_history_is_never_rewritten(gom_products, store_a, manager_a, month):
    vase = gom_products["vase"]
    services.set_terms(
        store=store_a,
        product=vase,
        kind=Kind.CONSIGNMENT,
        producer_price=Decimal(1),
        starts_on=month[0],
        user=manager_a,
    )
    with pytest.raises(services.SettlementError, match="đã có điều kiện"):
        services.set_terms(
            store=store_a, product=vase, kind=Kind.OUTRIGHT, starts_on=month[0], user=manager_a
        )
    with pytest.raises(services.SettlementError, match="đồng nguyên"):
        services.set_terms(
            store=store_a,
            product=vase,
            kind=Kind.CONSIGNMENT,
            producer_price=Decimal("1.5"),
            starts_on=month[1],
            user=manager_a,
        )
    assert SupplyTerms.objects.filter(product=vase).count() == 1


def test_a_product_that_arrived_after_the_period_has_no_row(
    gom_products, store_a, manager_a, gom, month
):
    from tests.partner.conftest import stocked_product

    late, _ = stocked_product("Lọ hoa mới", "OCOP-MOI", (store_a, 6))  # opened today
    late.producer = gom
    late.save()
    figures = settlement.compute(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1]
    )
    assert figures.problems == []
    assert "Lọ hoa mới" not in {row.title for row in figures.rows}
    assert {row.title for row in figures.rows} == {"Bình gốm Phù Lãng", "Bát gốm men lam"}
