"""Restock requests: from the low-stock list to goods on the shelf, through the pages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from storefront.consignment import restock
from storefront.consignment.models import RestockRequest
from storefront.partner import services as stock
from storefront.partner.models import StockMovement, StockRecord
from tests.partner.conftest import url

Status = RestockRequest.Status


@pytest.fixture
def low(gom_products, dong_product, manager_a):
    """At store A: vases (10) under a threshold of 12, drums (2) under 3; bowls fine."""
    stock.set_low_stock_threshold(stockrecord=gom_products["vase_a"], threshold=12)
    stock.set_low_stock_threshold(stockrecord=dong_product[1], threshold=3)
    return gom_products["vase_a"], dong_product[1]


def portal(name, producer, **kwargs):
    return reverse(f"settle:portal-{name}", kwargs={"slug": producer.slug, **kwargs})


def wanted_by():
    return (dt.date.today() + dt.timedelta(days=5)).isoformat()


def test_from_the_low_stock_list_one_request_per_producer(client, low, store_a, manager_a):
    vase_a, drum_a = low
    client.force_login(manager_a)
    stock_page = client.get(url("stock", store_a) + "?low=1").content.decode()
    assert url("restock-new", store_a) in stock_page
    page = client.get(url("restock-new", store_a))
    suggested = {r.pk: r.suggested for r in page.context["records"]}
    assert suggested == {vase_a.pk: 14, drum_a.pk: 4}  # up to twice the threshold
    response = client.post(
        url("restock-new", store_a),
        {f"qty-{vase_a.pk}": "14", f"qty-{drum_a.pk}": "0", "wanted_by": wanted_by()},
    )
    assert response.status_code == 302
    [request] = RestockRequest.objects.all()  # the drum's producer was asked for nothing
    assert request.producer == vase_a.product.producer
    assert [(line.stockrecord_id, line.quantity_requested) for line in request.lines.all()] == [
        (vase_a.pk, 14)
    ]


def test_bad_quantities_or_another_stores_record_change_nothing(
    client, low, store_a, store_b, manager_a, gom_products
):
    vase_a, _ = low
    client.force_login(manager_a)
    for data in (
        {f"qty-{vase_a.pk}": "-3", "wanted_by": wanted_by()},
        {f"qty-{vase_a.pk}": "2.5", "wanted_by": wanted_by()},
        {f"qty-{vase_a.pk}": "3", "wanted_by": "2001-01-01"},
        {f"qty-{vase_a.pk}": "3", "wanted_by": ""},
        {f"qty-{gom_products['vase_b'].pk}": "3", "wanted_by": wanted_by()},
    ):
        assert client.post(url("restock-new", store_a), data).status_code == 400, data
    assert not RestockRequest.objects.exists()


def test_producer_confirms_changes_and_sends_manager_receives_short_and_damaged(
    client, low, store_a, manager_a, gom, gom_member
):
    vase_a, _ = low
    [request] = restock.create_requests(
        store=store_a, quantities={vase_a.pk: 14}, wanted_by=dt.date.today(), user=manager_a
    )
    [line] = request.lines.all()
    client.force_login(gom_member)
    assert client.get(portal("restock-list", gom)).status_code == 200
    page = portal("restock", gom, pk=request.pk)
    assert (
        client.post(
            page, {"action": "confirm", f"confirmed-{line.pk}": "12", "producer_note": "Còn 12"}
        ).status_code
        == 302
    )
    assert client.post(page, {"action": "sent"}).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.SENT and request.producer_note == "Còn 12"

    client.force_login(manager_a)
    detail = url("restock", store_a, pk=request.pk)
    # 12 confirmed: 9 good, 2 broken, 1 missing.
    response = client.post(
        detail, {"action": "receive", f"good-{line.pk}": "9", f"damaged-{line.pk}": "2"}
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.quantity_received, line.quantity_damaged, line.short) == (9, 2, 1)
    movement = line.movement
    assert movement.reason == StockMovement.Reason.RECEIVED
    assert (movement.in_stock_before, movement.in_stock_after) == (10, 19)
    assert f"#{request.pk}" in movement.note and "2" in movement.note
    assert StockRecord.objects.get(pk=vase_a.pk).num_in_stock == 19
    # Never twice.
    assert client.post(detail, {"action": "receive", f"good-{line.pk}": "9"}).status_code == 400
    assert StockRecord.objects.get(pk=vase_a.pk).num_in_stock == 19
    assert "1" in client.get(detail).content.decode()


def test_restock_pages_refuse_other_stores_producers_and_anonymous(
    client, low, store_a, manager_a, manager_b, gom, dong, gom_member, dong_member
):
    vase_a, _ = low
    [request] = restock.create_requests(
        store=store_a, quantities={vase_a.pk: 5}, wanted_by=dt.date.today(), user=manager_a
    )
    line = request.lines.get()
    store_pages = [
        url("restock-list", store_a),
        url("restock-new", store_a),
        url("restock", store_a, pk=request.pk),
    ]
    portal_pages = [portal("restock-list", gom), portal("restock", gom, pk=request.pk)]
    for page in store_pages + portal_pages:
        assert client.get(page).status_code == 302
    for user in (manager_b, gom_member, dong_member):
        client.force_login(user)
        for page in store_pages:
            assert client.get(page).status_code == 404
        assert (
            client.post(store_pages[2], {"action": "receive", f"good-{line.pk}": "5"}).status_code
            == 404
        )
    for user in (manager_a, manager_b, dong_member):
        client.force_login(user)
        for page in portal_pages:
            assert client.get(page).status_code == 404
        assert client.post(portal_pages[1], {"action": "sent"}).status_code == 404
    client.force_login(dong_member)
    assert client.get(portal("restock", dong, pk=request.pk)).status_code == 404
    request.refresh_from_db()
    assert request.status == Status.REQUESTED
    assert StockRecord.objects.get(pk=vase_a.pk).num_in_stock == 10


def test_cancelled_before_sending_only(low, store_a, manager_a, gom_member):
    vase_a, _ = low
    [request] = restock.create_requests(
        store=store_a, quantities={vase_a.pk: 5}, wanted_by=dt.date.today(), user=manager_a
    )
    restock.mark_sent(request=request, user=gom_member)
    with pytest.raises(restock.RestockError):
        restock.cancel(request=request, user=manager_a)
    assert request.lines.get().quantity_confirmed == 5


def _count(client, page) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    return len(queries)


def test_restock_pages_cost_the_same_whatever_the_lines(
    client, low, store_a, manager_a, gom, gom_member
):
    from tests.partner.conftest import stocked_product

    vase_a, _ = low
    [small] = restock.create_requests(
        store=store_a, quantities={vase_a.pk: 5}, wanted_by=dt.date.today(), user=manager_a
    )
    records = [vase_a]
    for n in range(6):
        product, (record,) = stocked_product(f"Gốm {n}", f"OCOP-G{n}", (store_a, 1))
        product.producer = gom
        product.save()
        stock.set_low_stock_threshold(stockrecord=record, threshold=5)
        records.append(record)
    [large] = restock.create_requests(
        store=store_a,
        quantities={r.pk: 3 for r in records},
        wanted_by=dt.date.today(),
        user=manager_a,
    )
    client.force_login(manager_a)
    client.get(url("restock-list", store_a))
    pairs = [
        (url("restock", store_a, pk=small.pk), url("restock", store_a, pk=large.pk)),
        (url("restock-new", store_a), url("restock-new", store_a)),
    ]
    for a, b in pairs:
        assert _count(client, a) <= 24 and _count(client, b) <= 24
    assert _count(client, pairs[0][0]) == _count(client, pairs[0][1])
    client.force_login(gom_member)
    client.get(portal("restock-list", gom))
    assert (
        _count(client, portal("restock", gom, pk=small.pk))
        == _count(client, portal("restock", gom, pk=large.pk))
        <= 20
    )
