"""The stock page at the counter: quick receive/sell, the product-code jump, weekly charts.

Quick changes go through the stock services (one movement each, the right
reason); bad input and other stores' managers change nothing.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from storefront import pagecache
from storefront.partner import selectors, services
from storefront.partner.models import StockMovement, StockRecord
from tests.catalogue.conftest import make_producer
from tests.partner.conftest import stock_of, stocked_product, url

SHOP_ZONE = selectors.SHOP_ZONE


# --- quick receive / sell ---------------------------------------------------------


def test_quick_sell_and_receive_from_the_list_leave_movements_and_come_back_to_the_row(
    as_manager_a, store_a, nem, manager_a
):
    _, at_a, _ = nem
    list_url = url("stock", store_a)
    sold = as_manager_a.post(
        f"{list_url}?q=nem", {"record": at_a.pk, "quantity": "2", "action": "sell"}
    )
    assert sold.status_code == 302
    movement = StockMovement.objects.filter(stockrecord=at_a).latest("pk")
    assert (movement.reason, movement.in_stock_before, movement.in_stock_after) == (
        StockMovement.Reason.SOLD_IN_STORE,
        10,
        8,
    )
    assert movement.user == manager_a
    # Back to the same filtered list, at the product's row, with the result in it.
    assert sold.url == f"{list_url}?q=nem&done={movement.pk}#stock-{at_a.pk}"
    page = as_manager_a.get(sold.url.split("#")[0])
    assert 'class="quick-done' in page.text and "10 → 8" in page.text

    received = as_manager_a.post(
        list_url, {"record": at_a.pk, "quantity": "5", "action": "receive"}
    )
    assert received.status_code == 302
    assert stock_of(at_a) == 13
    last = StockMovement.objects.filter(stockrecord=at_a).latest("pk")
    assert (last.reason, last.in_stock_before, last.in_stock_after) == ("received", 8, 13)


def test_quick_sell_on_the_product_page(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    change_url = url("stock-change", store_a, pk=at_a.pk)
    assert 'name="action" value="sell"' in as_manager_a.get(change_url).text
    response = as_manager_a.post(change_url, {"quantity": "3", "action": "sell"})
    assert response.status_code == 302 and response.url == change_url
    assert stock_of(at_a) == 7


@pytest.mark.parametrize(
    "data,message",
    [
        ({"quantity": "0", "action": "sell"}, "lớn hơn 0"),
        ({"quantity": "-4", "action": "receive"}, "lớn hơn 0"),
        ({"quantity": "hai", "action": "sell"}, "số nguyên"),
        ({"quantity": "", "action": "sell"}, "Nhập số đơn vị"),
        ({"quantity": "1000000000000", "action": "receive"}, "1000000"),
        ({"quantity": "2", "action": "damaged"}, "Chọn nhập hoặc bán"),
        ({"quantity": "2"}, "Chọn nhập hoặc bán"),
        ({"quantity": "11", "action": "sell"}, "dưới 0"),  # only 10 on the shelf
    ],
)
def test_bad_quick_changes_say_why_in_the_row_and_change_nothing(
    as_manager_a, store_a, nem, data, message
):
    _, at_a, _ = nem
    movements = StockMovement.objects.count()
    response = as_manager_a.post(url("stock", store_a), {"record": at_a.pk, **data})
    assert response.status_code == 400
    assert 'class="quick-error" role="alert"' in response.text
    assert message in response.text.replace(".", "")
    assert stock_of(at_a) == 10
    assert StockMovement.objects.count() == movements


def test_quick_sell_cannot_take_units_reserved_for_orders(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    services.allocate_stock(stockrecord=at_a, quantity=9, order_number="100001")
    response = as_manager_a.post(
        url("stock", store_a), {"record": at_a.pk, "quantity": "2", "action": "sell"}
    )
    assert response.status_code == 400 and "cho các đơn hàng" in response.text
    assert stock_of(at_a) == 10


def test_manager_of_another_store_cannot_quick_change_and_nothing_changes(
    client, manager_b, store_a, store_b, nem
):
    _, at_a, at_b = nem
    client.force_login(manager_b)
    movements = StockMovement.objects.count()
    # Store A's list, and store A's record posted to B's own list.
    assert (
        client.post(
            url("stock", store_a), {"record": at_a.pk, "quantity": "1", "action": "sell"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            url("stock", store_b), {"record": at_a.pk, "quantity": "1", "action": "sell"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            url("stock-change", store_a, pk=at_a.pk), {"quantity": "1", "action": "sell"}
        ).status_code
        == 404
    )
    assert (stock_of(at_a), stock_of(at_b)) == (10, 3)
    assert StockMovement.objects.count() == movements


def test_quick_change_of_a_record_that_is_not_a_number_is_404(as_manager_a, store_a, nem):
    response = as_manager_a.post(
        url("stock", store_a), {"record": "x", "quantity": "1", "action": "sell"}
    )
    assert response.status_code == 404


# --- product-code jump --------------------------------------------------------------


def test_a_code_matching_one_product_opens_its_stock_page(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    response = as_manager_a.get(url("stock", store_a), {"code": " ocop-nem "})
    assert response.status_code == 302
    assert response.url == url("stock-change", store_a, pk=at_a.pk)


def test_a_store_sku_opens_the_product_too(as_manager_a, store_a):
    _, (record,) = stocked_product("Gốm Phù Lãng", "OCOP-GOM", (store_a, 4))
    StockRecord.objects.filter(pk=record.pk).update(partner_sku="8934567000017")
    response = as_manager_a.get(url("stock", store_a), {"code": "8934567000017"})
    assert response.url == url("stock-change", store_a, pk=record.pk)


def test_a_code_of_another_stores_product_is_not_found_here(as_manager_a, store_a, store_b):
    stocked_product("Tranh Đông Hồ", "OCOP-TRANH", (store_b, 2))
    response = as_manager_a.get(url("stock", store_a), {"code": "OCOP-TRANH"})
    assert response.status_code == 200
    assert "Không có sản phẩm nào của cửa hàng" in response.text
    assert "Tranh Đông Hồ" not in response.text


def test_a_code_with_no_exact_match_lists_near_ones_with_a_message(as_manager_a, store_a, nem):
    response = as_manager_a.get(url("stock", store_a), {"code": "NEM"})
    assert response.status_code == 200
    assert 'id="code-result"' in response.text
    assert "“NEM”" in response.text
    assert "Nem Ninh Xá" in response.text  # its code contains NEM


def test_a_code_matching_two_products_lists_both(as_manager_a, store_a):
    _, (nem,) = stocked_product("Nem Ninh Xá", "OCOP-NEM", (store_a, 10))
    _, (gom,) = stocked_product("Gốm Phù Lãng", "OCOP-GOM", (store_a, 4))
    # The pottery's SKU at this store is the nem's product code (the nem has its own SKU).
    StockRecord.objects.filter(pk=nem.pk).update(partner_sku="TS-0001")
    StockRecord.objects.filter(pk=gom.pk).update(partner_sku="OCOP-NEM")
    response = as_manager_a.get(url("stock", store_a), {"code": "OCOP-NEM"})
    assert response.status_code == 200
    assert "Có nhiều sản phẩm mang mã “OCOP-NEM”" in response.text
    assert [r.pk for r in response.context["page_obj"]] == [gom.pk, nem.pk]


# --- weekly charts ------------------------------------------------------------------


def _at(record, when, **change):
    movement = services.change_stock(stockrecord=record, user=None, **change)
    StockMovement.objects.filter(pk=movement.pk).update(created_at=when)


def test_weekly_figures_add_up_known_movements(store_a, store_b, nem):
    _, at_a, at_b = nem  # opening stock: 10 at A (now), 3 at B
    today = dt.date(2026, 11, 25)  # a Wednesday
    monday = today - dt.timedelta(days=today.weekday())

    def local(day, hour=10):
        return dt.datetime.combine(day, dt.time(hour), tzinfo=SHOP_ZONE)

    # The opening stock is older than the window.
    long_ago = local(monday, 9) - dt.timedelta(weeks=20)
    StockMovement.objects.filter(stockrecord=at_a).update(created_at=long_ago)
    _at(at_a, local(monday - dt.timedelta(weeks=2)), reason="received", delta=6)
    _at(at_a, local(monday - dt.timedelta(weeks=2), 15), reason="sold_in_store", delta=1)
    # Sunday 23:30 local time belongs to that week, not the next (UTC would move it).
    sunday_night = local(monday - dt.timedelta(days=1), 23) + dt.timedelta(minutes=30)
    _at(at_a, sunday_night, reason="sold_in_store", delta=4)
    _at(at_a, local(monday), reason="damaged", delta=2)
    _at(at_b, local(monday), reason="received", delta=50)  # another store

    weeks = selectors.weekly_stock(store_a, today=today)
    assert len(weeks) == 12 and weeks[-1].monday == monday
    figures = [(w.received, w.sold, w.on_shelf) for w in weeks[-3:]]
    assert figures == [(6, 1, 15), (0, 4, 11), (0, 0, 9)]
    assert weeks[0].on_shelf == 10
    assert weeks[-1].on_shelf == stock_of(at_a)


def test_stock_page_draws_the_weekly_charts_with_their_tables(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    services.change_stock(stockrecord=at_a, user=None, reason="sold_in_store", delta=3)
    response = as_manager_a.get(url("stock", store_a))
    page = response.text
    sales, stock = response.context["charts"]
    assert [s.values[-1] for s in sales.series] == [0, 3]
    assert stock.series[0].values[-1] == 7
    assert page.count('<svg role="img"') == 2
    assert "<title id=" in page and "<desc id=" in page
    assert page.count('<details class="ocop-chart-data"') == 2  # each table under its chart
    # The table under the chart holds this week's figures: 0 received, 3 sold; 7 in stock.
    assert '<td class="text-right">3</td>' in page
    assert '<td class="text-right">7</td>' in page


# --- remembered figures -------------------------------------------------------------
# The weekly charts, the low-stock count and the producer filter read the whole
# shelf; the stock page remembers them under the page cache's generation
# (pagecache.remember) until a change that expires pages commits.


@pytest.fixture
def remembering(settings, django_capture_on_commit_callbacks):
    """The page cache on, and `commit()` to run what a commit of the changes inside runs."""
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.expire_pages()
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _figures(client, store):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("stock", store))
    sales, stock = response.context["charts"]
    return {
        "received": sales.series[0].values[-1],
        "sold": sales.series[1].values[-1],
        "in stock": stock.series[0].values[-1],
        "low": response.context["low_count"],
        "producers": response.context["producer_options"],
        # The drawn charts (remembered as HTML) show the same figure in their table.
        "table shows it": f'<td class="text-right">{stock.series[0].values[-1]}</td>'
        in response.text,
        "queries": len(queries),
    }


def test_the_stock_pages_remembered_figures_follow_every_change(
    as_manager_a, store_a, store_b, nem, remembering
):
    _, at_a, at_b = nem
    _figures(as_manager_a, store_a)
    again = _figures(as_manager_a, store_a)
    pagecache.expire_pages()
    anew = _figures(as_manager_a, store_a)
    assert again["queries"] == anew["queries"] - 4  # remembered, not read again
    assert {k: again[k] for k in ("received", "sold", "in stock", "low")} == {
        "received": 0,
        "sold": 0,
        "in stock": 10,
        "low": 0,
    }

    with remembering():  # a quick sale through the page
        as_manager_a.post(
            url("stock", store_a), {"record": at_a.pk, "quantity": "4", "action": "sell"}
        )
    after_sale = _figures(as_manager_a, store_a)
    assert (after_sale["sold"], after_sale["in stock"]) == (4, 6)
    assert after_sale["table shows it"] and again["table shows it"]

    with remembering():  # a threshold on the product's page
        as_manager_a.post(url("stock-change", store_a, pk=at_a.pk), {"low_stock_threshold": "8"})
    assert _figures(as_manager_a, store_a)["low"] == 1

    with remembering():  # a new producer's product arrives at the store
        producer = make_producer(name="HTX Gốm Phù Lãng")
        product, _ = stocked_product("Bình gốm Phù Lãng", "OCOP-GOM", (store_a, 2))
        product.producer = producer
        product.save()
    assert "HTX Gốm Phù Lãng" in _figures(as_manager_a, store_a)["producers"]

    with remembering():  # another store's change retires them too, and they read the same
        services.change_stock(stockrecord=at_b, user=None, reason="received", delta=5)
    final = _figures(as_manager_a, store_a)
    assert final["in stock"] == 8 and final["table shows it"]


def test_the_remembered_weekly_charts_move_on_with_the_calendar(
    as_manager_a, store_a, nem, remembering, monkeypatch
):
    before = as_manager_a.get(url("stock", store_a)).context["charts"][0].categories
    later = timezone.now() + dt.timedelta(days=7)
    monkeypatch.setattr(timezone, "now", lambda: later)
    after = as_manager_a.get(url("stock", store_a)).context["charts"][0].categories
    assert after[:-1] == before[1:] and after[-1] != before[-1]
