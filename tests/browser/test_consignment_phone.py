"""The monthly consignment journey on a 390 px phone, in Chromium.

A store manager asks a producer to restock from the low-stock list, the
producer confirms and sends, the manager receives (one damaged); after the
month, the manager sends the statement, the producer confirms it, the manager
records the payment. Every page fits the phone without sideways scrolling.
Screenshots go to $SCREENSHOTS_DIR (a directory) when set.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from catalogue.models import ProducerMembership
from storefront.consignment import services as settle
from storefront.consignment.models import RestockRequest, Statement, SupplyTerms
from storefront.partner import services
from storefront.partner.models import Partner, StockMovement, StockRecord
from storefront.partner.selectors import SHOP_ZONE

# The store-manager phone (touch enabled), not the shopper phone of conftest.
from tests.browser.test_store_manager_phone import LONG_TITLE, fits, phone, sign_in  # noqa: F401
from tests.catalogue.conftest import make_producer
from tests.partner.conftest import stocked_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def consignment(site_tree):
    store = Partner.objects.create(
        name="Cửa hàng OCOP Từ Sơn",
        code="ocop-tu-son",
        commune="Phường Từ Sơn",
        street="88 Minh Khai",
    )
    users = get_user_model().objects
    manager = users.create_user(username="quanly.tuson", email="a@ocop.local", password="pw-A-1234")
    store.managers.add(manager)
    producer = make_producer(name="Hợp tác xã đồ gỗ mỹ nghệ Đồng Kỵ", slug="htx-do-go-dong-ky")
    member = users.create_user(username="htx.dongky", email="p@ocop.local", password="pw-P-1234")
    ProducerMembership.objects.create(producer=producer, user=member)
    product, (record,) = stocked_product(LONG_TITLE, "OCOP-BN-002-DONGKY-HUONG", (store, 4))
    product.producer = producer
    product.save()
    services.set_low_stock_threshold(stockrecord=record, threshold=5)
    # Last month: terms from its first day, the opening stock before it, 2 sold at the counter.
    first = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    StockMovement.objects.filter(stockrecord=record).update(
        created_at=dt.datetime.combine(first - dt.timedelta(days=2), dt.time(9), tzinfo=SHOP_ZONE)
    )
    settle.set_terms(
        store=store,
        product=product,
        kind=SupplyTerms.Kind.CONSIGNMENT,
        producer_price=Decimal(1_850_000),
        starts_on=first,
        user=manager,
    )
    sale = services.change_stock(stockrecord=record, reason="sold_in_store", delta=2, user=manager)
    StockMovement.objects.filter(pk=sale.pk).update(
        created_at=dt.datetime.combine(first + dt.timedelta(days=9), dt.time(15), tzinfo=SHOP_ZONE)
    )
    return {
        "store": store,
        "manager": manager,
        "producer": producer,
        "member": member,
        "record": record,
    }


def test_restock_and_monthly_statement_on_a_phone(live_server, browser, phone, consignment, shots):  # noqa: F811
    page, base = phone, live_server.url
    store, producer, record = consignment["store"], consignment["producer"], consignment["record"]

    def mystore(name, **kw):
        return base + reverse(f"mystore:{name}", kwargs={"store": store.slug, **kw})

    def portal(name, **kw):
        return base + reverse(f"settle:portal-{name}", kwargs={"slug": producer.slug, **kw})

    # The manager: from the low-stock list to a request.
    sign_in(page, base, consignment["manager"])
    page.goto(mystore("stock") + "?low=1")
    page.get_by_test_id("restock-from-low").tap()
    fits(page, shots, "restock-new-390")
    page.locator(f"input[name=qty-{record.pk}]").fill("6")
    page.get_by_role("button", name="Gửi yêu cầu nhập hàng").tap()
    expect(page.locator("[data-testid=restock-list]")).to_contain_text(producer.name)
    request = RestockRequest.objects.get()
    fits(page, shots, "restock-list-390")

    # The producer, on another phone: confirm 5, mark sent.
    other = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    producer_page = other.new_page()
    sign_in(producer_page, base, consignment["member"])
    producer_page.goto(portal("restock", pk=request.pk))
    fits(producer_page, shots, "portal-restock-390")
    line = request.lines.get()
    producer_page.locator(f"input[name=confirmed-{line.pk}]").fill("5")
    producer_page.get_by_role("button", name="Xác nhận số lượng").tap()
    expect(producer_page.locator("[data-testid=restock-status]")).to_contain_text(
        "Chủ thể đã xác nhận"
    )
    producer_page.get_by_role("button", name="Đánh dấu đã gửi hàng").tap()
    expect(producer_page.locator("[data-testid=restock-status]")).to_contain_text(
        "Chủ thể đã gửi hàng"
    )

    # The manager receives 4 good and 1 damaged.
    page.goto(mystore("restock", pk=request.pk))
    fits(page, shots, "restock-receive-390")
    page.locator(f"input[name=good-{line.pk}]").fill("4")
    page.locator(f"input[name=damaged-{line.pk}]").fill("1")
    receive = page.get_by_role("button", name="Nhập vào kho")
    assert receive.bounding_box()["height"] >= 44
    receive.tap()
    expect(page.locator("[data-testid=restock-status]")).to_contain_text("Đã nhận")
    assert StockRecord.objects.get(pk=record.pk).num_in_stock == 2 + 4

    # After the month: the statement, sent.
    page.goto(mystore("statements"))
    fits(page, shots, "statements-390")
    page.select_option("#id_producer", label=producer.name)
    page.get_by_role("button", name="Lập bảng kê").tap()
    expect(page.get_by_test_id("statement-total")).to_contain_text("3.700.000")
    fits(page, shots, "statement-draft-390")
    page.get_by_role("button", name="Gửi chủ thể").tap()
    expect(page.get_by_test_id("statement-status")).to_contain_text("Đã gửi chủ thể")
    statement = Statement.objects.get()

    # The producer checks the sales page and confirms.
    producer_page.goto(portal("sales"))
    fits(producer_page, shots, "portal-sales-390")
    expect(producer_page.get_by_test_id("sales-chart").locator("svg[role=img]")).to_have_count(1)
    producer_page.goto(portal("statement", pk=statement.pk))
    fits(producer_page, shots, "portal-statement-390")
    producer_page.get_by_role("button", name="Xác nhận bảng kê").tap()
    expect(producer_page.get_by_test_id("statement-status")).to_contain_text("Đã xác nhận")
    producer_page.goto(base + reverse("settle:print", kwargs={"pk": statement.pk}))
    fits(producer_page, shots, "statement-print-390")
    other.close()

    # The manager records the payment.
    page.goto(mystore("statement", pk=statement.pk))
    page.fill("#id_reference", "UNC 000123")
    page.get_by_role("button", name="Đánh dấu đã thanh toán").tap()
    expect(page.get_by_test_id("statement-status")).to_contain_text("UNC 000123")
    fits(page, shots, "statement-paid-390")
    statement.refresh_from_db()
    assert (statement.status, statement.total) == (Statement.Status.PAID, Decimal(3_700_000))
