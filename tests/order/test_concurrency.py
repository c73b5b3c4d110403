"""Real concurrency on PostgreSQL: row locks keep stock exact under many buyers at once."""

import itertools
import threading

import pytest
from django.db import connection, connections
from oscar.apps.order.exceptions import UnableToPlaceOrder

from storefront.order.models import Order
from storefront.partner import services
from storefront.partner.models import StockMovement, StockRecord
from storefront.shipping.methods import PickupAtStore
from tests.order.conftest import place, stocked_product

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(jobs):
    """Start every job at the same moment, each on its own database connection."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            results[index] = ("ok", job())
        except UnableToPlaceOrder as error:
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
    return results


def test_50_buyers_for_the_last_5_units_make_exactly_5_orders(make_basket, store_a):
    assert connection.vendor == "postgresql"
    product, (record,) = stocked_product("Nón lá Làng Chuông", "OCOP-NON", (store_a, 5))
    baskets = [make_basket((product, 1)) for _ in range(50)]
    results = run_together([lambda b=b: place(b, PickupAtStore(store_a)) for b in baskets])

    outcomes = [kind for kind, _ in results]
    assert outcomes.count("error") == 0, [r for r in results if r[0] == "error"]
    assert outcomes.count("ok") == 5 and outcomes.count("refused") == 45
    assert all(
        "hết hàng" in message for kind, message in results if kind == "refused"
    )  # "out of stock"
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (5, 5)
    assert Order.objects.count() == 5
    assert StockMovement.objects.filter(stockrecord=record, reason="allocated").count() == 5


def test_manager_changes_during_checkouts_lose_no_update(make_basket, store_a, manager_a):
    product, (record,) = stocked_product("Tỏi An Thịnh", "OCOP-TOI", (store_a, 20))
    baskets = [make_basket((product, 1)) for _ in range(10)]
    buys = [lambda b=b: place(b, PickupAtStore(store_a)) for b in baskets]
    receipts = [
        lambda: services.change_stock(
            stockrecord=StockRecord.objects.get(pk=record.pk),
            reason="received",
            user=manager_a,
            delta=2,
        )
        for _ in range(10)
    ]
    sales = [
        lambda: services.change_stock(
            stockrecord=StockRecord.objects.get(pk=record.pk),
            reason="sold_in_store",
            user=manager_a,
            delta=1,
        )
        for _ in range(5)
    ]
    results = run_together(buys + receipts + sales)

    assert [kind for kind, _ in results].count("ok") == 25, results
    record.refresh_from_db()
    assert record.num_in_stock == 20 + 10 * 2 - 5
    assert record.num_allocated == 10
    # The movements chain: each one starts where the previous one ended.
    chain = list(StockMovement.objects.filter(stockrecord=record).order_by("pk"))
    for before, after in itertools.pairwise(chain):
        assert after.in_stock_before == before.in_stock_after
        assert after.allocated_before == before.allocated_after
