"""A store manager's day in Chromium: stock, a received delivery, CSV in and out.

Only their own store: store B's pages answer 404.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from storefront.partner.models import Partner, StockMovement, StockRecord
from tests.partner.conftest import stocked_product

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "quanly.a@ocop.local"
PASSWORD = "pw-A-123456"


@pytest.fixture
def stores(site_tree):
    store_a = Partner.objects.create(
        name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son", commune="Phường Từ Sơn"
    )
    store_b = Partner.objects.create(
        name="Cửa hàng OCOP Gia Bình", code="ocop-gia-binh", commune="Xã Gia Bình"
    )
    manager = get_user_model().objects.create_user(
        username="quanly.a", email=EMAIL, password=PASSWORD
    )
    store_a.managers.add(manager)
    _, (nem_a, nem_b) = stocked_product("Nem Ninh Xá", "OCOP-NEM", (store_a, 10), (store_b, 3))
    _, (gom_a,) = stocked_product("Gốm Phù Lãng", "OCOP-GOM", (store_a, 4))
    return {"a": store_a, "b": store_b, "nem_a": nem_a, "nem_b": nem_b, "gom_a": gom_a}


def _label(choice):
    """The choice's label in Vietnamese or English (its translation may be missing)."""
    labels = []
    for language in ("vi", "en"):
        with translation.override(language):
            labels.append(re.escape(str(choice.label)))
    return re.compile("|".join(labels))


def _quantities(*records):
    return [StockRecord.objects.get(pk=r.pk).num_in_stock for r in records]


def _sign_in(page, base):
    page.goto(f"{base}{reverse('customer:login')}")
    page.fill("#id_login-username", EMAIL)
    page.fill("#id_login-password", PASSWORD)
    page.locator("button[name=login_submit]").click()
    expect(page.locator("#id_login-password")).to_have_count(0)


def _upload(page, content: str):
    page.locator("#id_file").set_input_files(
        {"name": "ton-kho.csv", "mimeType": "text/csv", "buffer": content.encode("utf-8")}
    )
    page.click("#import_submit")


def test_manager_receives_stock_imports_and_exports_csv(live_server, page, stores):
    base = live_server.url
    store, nem_a, gom_a = stores["a"], stores["nem_a"], stores["gom_a"]
    stock_url = reverse("mystore:stock", kwargs={"store": store.slug})
    _sign_in(page, base)

    # My store: the only store of this manager opens on its stock page.
    page.goto(f"{base}{reverse('mystore:home')}")
    expect(page).to_have_url(f"{base}{stock_url}")
    table = page.locator("table.stock-table tbody")
    expect(table.locator("tr")).to_have_count(2)

    # Search a product.
    page.fill("#id_q", "Nem")
    page.locator("form.stock-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"\?.*q=Nem"))
    expect(table.locator("tr")).to_have_count(1)
    row = table.locator("tr").first
    expect(row).to_contain_text("Nem Ninh Xá")
    expect(row.locator("td").nth(2)).to_have_text("10")

    # A received delivery of 6 units.
    change_url = reverse("mystore:stock-change", kwargs={"store": store.slug, "pk": nem_a.pk})
    row.locator(f"a[href='{change_url}']").click()
    expect(page).to_have_url(f"{base}{change_url}")
    page.select_option("#id_reason", "received")
    page.fill("#id_quantity", "6")
    page.fill("#id_note", "Giao hàng từ HTX Ninh Xá")
    page.locator("#stock_change_form button[type=submit]").click()

    expect(page).to_have_url(f"{base}{change_url}")
    expect(page.locator("#content_inner p strong").first).to_have_text("16")
    movement = page.locator("table.movement-table tbody tr").first
    expect(movement).to_contain_text(_label(StockMovement.Reason.RECEIVED))
    expect(movement).to_contain_text("10 → 16")
    expect(movement).to_contain_text("quanly.a")
    expect(movement).to_contain_text("Giao hàng từ HTX Ninh Xá")
    assert _quantities(nem_a) == [16]
    last = StockMovement.objects.filter(stockrecord=nem_a).latest("pk")
    assert (last.reason, last.in_stock_before, last.in_stock_after, last.user.username) == (
        "received",
        10,
        16,
        "quanly.a",
    )

    page.goto(f"{base}{stock_url}?q=Nem")
    expect(table.locator("tr").first.locator("td").nth(2)).to_have_text("16")

    # A CSV with one bad row: the error names row 3 and its column, nothing changes.
    page.locator(f"nav a[href='{reverse('mystore:import', kwargs={'store': store.slug})}']").click()
    movements_before = StockMovement.objects.count()
    bad = "product_code,quantity,reason\nOCOP-NEM,20,stock_take\nOCOP-GOM,bốn,stock_take\n"
    _upload(page, bad)
    errors = page.locator("#import_errors")
    expect(errors).to_be_visible()
    expect(errors.locator("li")).to_have_count(1)
    expect(errors.locator("li")).to_contain_text(re.compile(r"\b3\b.*“quantity”"))
    expect(page.locator("#import_summary")).to_have_count(0)
    assert _quantities(nem_a, gom_a) == [16, 4]
    assert StockMovement.objects.count() == movements_before

    # Fixed, the same file applies every row.
    _upload(page, bad.replace("bốn", "7"))
    expect(page.locator("#import_summary")).to_be_visible()
    expect(page.locator("#import_errors")).to_have_count(0)
    assert _quantities(nem_a, gom_a) == [20, 7]

    # Export: UTF-8 CSV with a header row and the Vietnamese names unchanged.
    page.goto(f"{base}{stock_url}")
    with page.expect_download() as download_info:
        page.locator("a[href*='format=csv']").click()
    download = download_info.value
    assert download.suggested_filename == f"stock-{store.code}.csv"
    with open(download.path(), encoding="utf-8-sig") as exported:
        lines = exported.read().splitlines()
    assert lines[0].startswith("product_code,product_title,store,quantity")
    assert "OCOP-NEM,Nem Ninh Xá,ocop-tu-son,20," in "\n".join(lines)
    assert "OCOP-GOM,Gốm Phù Lãng,ocop-tu-son,7," in "\n".join(lines)
    assert len(lines) == 3


def test_manager_of_store_a_gets_404_for_store_b(live_server, page, stores):
    base = live_server.url
    store_b, nem_b = stores["b"], stores["nem_b"]
    _sign_in(page, base)
    urls = [
        reverse("mystore:stock", kwargs={"store": store_b.slug}),
        reverse("mystore:stock", kwargs={"store": store_b.slug}) + "?format=csv",
        reverse("mystore:stock-change", kwargs={"store": store_b.slug, "pk": nem_b.pk}),
        reverse("mystore:movements", kwargs={"store": store_b.slug}),
        reverse("mystore:pickups", kwargs={"store": store_b.slug}),
        # Store B's stock record under store A's own address.
        reverse("mystore:stock-change", kwargs={"store": stores["a"].slug, "pk": nem_b.pk}),
    ]
    for url in urls:
        response = page.goto(f"{base}{url}")
        assert response.status == 404, url
        expect(page.locator(".error-page .code")).to_have_text("404")
        expect(page.locator("body")).not_to_contain_text("Nem Ninh Xá")
    assert _quantities(nem_b) == [3]
