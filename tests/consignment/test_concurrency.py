"""Two people at once (PostgreSQL, real threads): statements and restocks act exactly once."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from storefront.consignment import restock, services
from storefront.consignment.models import RestockRequest, Statement, SupplyTerms
from storefront.partner.models import StockMovement, StockRecord

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(jobs):
    """Start every job at the same moment, each on its own database connection."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            results[index] = ("ok", job())
        except (services.SettlementError, restock.RestockError) as error:
            results[index] = ("refused", str(error))
        except Exception as error:  # a server error: the test fails on it
            results[index] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [kind for kind, _ in results], results


def test_eight_clicks_make_one_statement_for_a_period(gom_products, gom, store_a, manager_a, month):
    assert connection.vendor == "postgresql"
    kinds, results = run_together(
        [
            lambda: services.create_statement(
                store=store_a,
                producer=gom,
                period_start=month[0],
                period_end=month[1],
                user=manager_a,
            )
            for _ in range(8)
        ]
    )
    assert kinds.count("error") == 0, results
    assert (kinds.count("ok"), kinds.count("refused")) == (1, 7)
    assert Statement.objects.count() == 1


def test_a_statement_is_paid_once_and_confirmed_once(
    gom_products, gom, store_a, manager_a, gom_member, month
):
    services.set_terms(
        store=store_a,
        product=gom_products["vase"],
        kind=SupplyTerms.Kind.OUTRIGHT,
        starts_on=month[0],
        user=manager_a,
    )
    statement = services.create_statement(
        store=store_a, producer=gom, period_start=month[0], period_end=month[1], user=manager_a
    )
    services.send_statement(statement=statement, user=manager_a)
    kinds, results = run_together(
        [lambda: services.confirm_statement(statement=statement, user=gom_member)] * 2
        + [lambda: services.dispute_statement(statement=statement, user=gom_member, note="Sai")] * 2
    )
    assert kinds.count("error") == 0, results
    assert kinds.count("ok") == 1
    statement.refresh_from_db()
    if statement.status == Statement.Status.DISPUTED:  # the dispute won: back, sent, confirmed
        services.refresh_statement(statement=statement, user=manager_a)
        services.send_statement(statement=statement, user=manager_a)
        services.confirm_statement(statement=statement, user=gom_member)
    kinds, results = run_together(
        [
            lambda n=n: services.mark_paid(
                statement=statement, user=manager_a, paid_on=dt.date.today(), reference=f"UNC {n}"
            )
            for n in range(6)
        ]
    )
    assert kinds.count("error") == 0, results
    assert (kinds.count("ok"), kinds.count("refused")) == (1, 5)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PAID


def test_a_delivery_received_twice_at_once_enters_stock_once(gom_products, store_a, manager_a):
    record = gom_products["vase_a"]
    [request] = restock.create_requests(
        store=store_a, quantities={record.pk: 6}, wanted_by=dt.date.today(), user=manager_a
    )
    line = request.lines.get()
    kinds, results = run_together(
        [lambda: restock.receive(request=request, user=manager_a, received={line.pk: (6, 0)})] * 5
    )
    assert kinds.count("error") == 0, results
    assert (kinds.count("ok"), kinds.count("refused")) == (1, 4)
    assert StockRecord.objects.get(pk=record.pk).num_in_stock == 10 + 6
    assert StockMovement.objects.filter(stockrecord=record, reason="received").count() == 1
    assert RestockRequest.objects.get().status == RestockRequest.Status.RECEIVED
