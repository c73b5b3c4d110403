"""A store manager and a programme officer on a 390 px phone, in Chromium.

The stock list, a product's stock page, the movements and the staff
certificates page fit the screen without sideways scrolling; a quick sale is
two taps. Screenshots go to $SCREENSHOTS_DIR (a directory) when set.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from catalogue.models import ProgrammeTargets
from storefront.partner import services
from storefront.partner.models import Partner, StockMovement, StockRecord
from tests.browser.conftest import PHONE
from tests.catalogue.conftest import make_certificate
from tests.partner.conftest import stocked_product

pytestmark = pytest.mark.django_db(transaction=True)

LONG_TITLE = "Hộp gỗ hương chạm sen Đồng Kỵ sơn son thếp vàng cỡ lớn dành cho quà biếu"


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, device_scale_factor=1, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def counter(site_tree):
    store = Partner.objects.create(
        name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son", commune="Phường Từ Sơn"
    )
    manager = get_user_model().objects.create_user(
        username="quanly.tuson.dai.ten@ocop.local", email="a@ocop.local", password="pw-A-123456"
    )
    store.managers.add(manager)
    _, (nem_at,) = stocked_product("Nem Ninh Xá", "OCOP-BN-001", (store, 10))
    _, (hop_at,) = stocked_product(LONG_TITLE, "OCOP-BN-002-DONGKY-HUONG", (store, 4))
    for n in range(3, 9):
        stocked_product(f"Sản phẩm OCOP Bắc Ninh số {n}", f"OCOP-BN-{n:03d}", (store, n))
    # Movements with long notes and order numbers: the widest rows of the table.
    services.change_stock(
        stockrecord=hop_at,
        user=manager,
        reason="received",
        delta=2,
        note="Giao hàng từ hợp tác xã đồ gỗ mỹ nghệ Đồng Kỵ, phường Đồng Kỵ, Bắc Ninh",
    )
    services.allocate_stock(stockrecord=nem_at, quantity=1, order_number="OCOP-2026-000123456")
    return {"store": store, "manager": manager, "nem_at": nem_at, "hop_at": hop_at}


def sign_in(page, base, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


def fits(page, shots, name):
    page.screenshot(path=shots / f"{name}.png", full_page=True)
    # Measured against the viewport we set: innerWidth grows with overflow (PITFALLS.md).
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide"


def test_store_pages_fit_a_phone_and_a_sale_is_two_taps(live_server, phone, counter, shots):
    page, base, store = phone, live_server.url, counter["store"]
    sign_in(page, base, counter["manager"])

    stock_url = f"{base}{reverse('mystore:stock', kwargs={'store': store.slug})}"
    page.goto(stock_url)
    fits(page, shots, "manager-stock-390")
    expect(page.locator("#weekly svg[role=img]")).to_have_count(2)
    # A card is not a column of one-word lines: the long title takes a few lines at most.
    title = page.locator("td.stock-title", has_text="Hộp gỗ hương")
    assert title.bounding_box()["height"] < 100

    # Quick sale: type 3 in the Nem card, tap Sell.
    row = page.locator(f"#stock-{counter['nem_at'].pk}")
    row.locator("input[name=quantity]").fill("3")
    sell = row.get_by_role("button", name="Bán")
    assert sell.bounding_box()["height"] >= 44  # a thumb's target
    sell.tap()
    expect(row.locator(".quick-done")).to_contain_text("10 → 7")
    assert StockRecord.objects.get(pk=counter["nem_at"].pk).num_in_stock == 7
    last = StockMovement.objects.filter(stockrecord=counter["nem_at"]).latest("pk")
    assert (last.reason, last.user_id) == ("sold_in_store", counter["manager"].pk)
    fits(page, shots, "manager-stock-after-sale-390")

    # Selling more than is left says why in the card and changes nothing.
    row.locator("input[name=quantity]").fill("50")
    row.get_by_role("button", name="Bán").tap()
    expect(row.locator(".quick-error")).to_be_visible()
    assert StockRecord.objects.get(pk=counter["nem_at"].pk).num_in_stock == 7
    fits(page, shots, "manager-stock-refused-390")

    # The code field opens the product's own page.
    page.fill("#id_code", "ocop-bn-002-dongky-huong")
    page.keyboard.press("Enter")
    change_path = reverse(
        "mystore:stock-change", kwargs={"store": store.slug, "pk": counter["hop_at"].pk}
    )
    expect(page).to_have_url(f"{base}{change_path}")
    fits(page, shots, "manager-stock-change-390")

    page.goto(f"{base}{reverse('mystore:movements', kwargs={'store': store.slug})}")
    expect(page.locator("table.movement-table tbody tr").first).to_be_visible()
    fits(page, shots, "manager-movements-390")


def test_staff_certificates_and_overview_fit_a_phone(live_server, phone, shots, site_tree):
    page, base = phone, live_server.url
    staff = get_user_model().objects.create_user(
        username="canbo.ocop", email="canbo@ocop.local", password="pw-S-123456", is_staff=True
    )
    ProgrammeTargets.current()
    for n, stars in enumerate((3, 4, 5, 4)):
        product, _ = stocked_product(f"{LONG_TITLE} {n}", f"OCOP-BN-1{n:02d}")
        make_certificate(product, stars=stars, decision_number=f"{n}123/QĐ-UBND-NNPTNT-2025")
    sign_in(page, base, staff)
    page.goto(f"{base}{reverse('ocop:dash:certificate-list')}")
    expect(page.locator("[data-testid=dashboard-certificates] tbody tr")).to_have_count(4)
    fits(page, shots, "staff-certificates-390")

    page.goto(f"{base}{reverse('ocop:dash:overview')}")
    # The programme's three charts and experience visitors per craft village.
    expect(page.locator("[data-testid=ocop-charts] svg[role=img]")).to_have_count(4)
    fits(page, shots, "staff-overview-390")
    # The figures can be read as a table too.
    page.locator("[data-testid=ocop-charts] details summary").first.tap()
    expect(page.locator("[data-testid=ocop-charts] details table").first).to_be_visible()
