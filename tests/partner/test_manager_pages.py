"""Store pages: a manager works on their own store only; everyone else gets 404 and no change."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogue.models import Producer
from storefront.partner import manager_views
from storefront.partner.models import StockMovement, StockRecord

from .conftest import stock_of, stocked_product, url


def test_manager_sees_their_store_stock_searches_and_filters_low(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    response = as_manager_a.get(url("stock", store_a), {"q": "nem ninh xa"})
    assert response.status_code == 200
    assert "Nem Ninh Xá" in response.text
    at_a.low_stock_threshold = 20
    StockRecord.objects.filter(pk=at_a.pk).update(low_stock_threshold=20)
    low = as_manager_a.get(url("stock", store_a), {"low": "1"})
    assert "Nem Ninh Xá" in low.text
    StockRecord.objects.filter(pk=at_a.pk).update(low_stock_threshold=2)
    assert "Nem Ninh Xá" not in as_manager_a.get(url("stock", store_a), {"low": "1"}).text


def test_manager_home_redirects_to_the_only_store(as_manager_a, store_a):
    response = as_manager_a.get(reverse("mystore:home"))
    assert response.url == url("stock", store_a)


def test_manager_receives_stock_with_a_reason(as_manager_a, store_a, nem, manager_a):
    _, at_a, _ = nem
    response = as_manager_a.post(
        url("stock-change", store_a, pk=at_a.pk),
        {"reason": "received", "quantity": "4", "note": "Giao hàng"},
    )
    assert response.status_code == 302
    assert stock_of(at_a) == 14
    assert StockMovement.objects.filter(
        stockrecord=at_a, user=manager_a, reason="received"
    ).exists()


@pytest.mark.parametrize(
    "name,extra",
    [
        ("stock", {}),
        ("movements", {}),
        ("import", {}),
        ("pickups", {}),
    ],
)
def test_manager_of_a_gets_404_for_every_page_of_store_b(as_manager_a, store_b, name, extra):
    assert as_manager_a.get(url(name, store_b, **extra)).status_code == 404


def test_manager_of_a_cannot_open_or_change_b_stock_by_url(as_manager_a, store_a, store_b, nem):
    _, _, at_b = nem
    for store in (store_a, store_b):  # B's record under A's URL, and B's URL
        change = url("stock-change", store, pk=at_b.pk)
        assert as_manager_a.get(change).status_code == 404
        post = as_manager_a.post(change, {"reason": "damaged", "quantity": "3"})
        assert post.status_code == 404
    assert stock_of(at_b) == 3


def test_tampered_reason_is_refused_and_nothing_changes(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    response = as_manager_a.post(
        url("stock-change", store_a, pk=at_a.pk), {"reason": "allocated", "quantity": "3"}
    )
    assert response.status_code == 400
    assert stock_of(at_a) == 10


def test_import_row_for_another_store_changes_nothing(as_manager_a, store_a, nem):
    _, at_a, at_b = nem
    body = (
        "product_code,adjustment,reason,store\n"
        "OCOP-NEM,5,received,\n"
        "OCOP-NEM,5,received,ocop-gia-binh\n"
    )
    response = as_manager_a.post(
        url("import", store_a), {"file": SimpleUploadedFile("s.csv", body.encode())}
    )
    assert response.status_code == 400
    assert "Dòng 3" in response.text  # the row number, in the manager's language
    assert (stock_of(at_a), stock_of(at_b)) == (10, 3)


def test_import_page_applies_a_good_file_and_shows_a_summary(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    body = "product_code,adjustment,reason\nOCOP-NEM,5,received\n"
    response = as_manager_a.post(
        url("import", store_a), {"file": SimpleUploadedFile("s.csv", body.encode())}
    )
    assert response.status_code == 200 and 'id="import_summary"' in response.text
    assert stock_of(at_a) == 15


def test_exports_are_csv_of_own_store_only(as_manager_a, store_a, nem):
    stock = as_manager_a.get(url("stock", store_a), {"format": "csv"})
    assert stock["Content-Type"].startswith("text/csv")
    text = stock.content.decode("utf-8-sig")
    assert "OCOP-NEM" in text and "ocop-tu-son" in text and "ocop-gia-binh" not in text
    movements = as_manager_a.get(url("movements", store_a), {"format": "csv"})
    assert "Tồn đầu kỳ" in movements.content.decode("utf-8-sig")


def test_anonymous_is_sent_to_sign_in(client, store_a):
    response = client.get(url("stock", store_a))
    assert response.status_code == 302 and "login" in response.url


def test_shoppers_and_producers_are_not_store_managers(client, store_a, nem):
    _, at_a, _ = nem
    shopper = get_user_model().objects.create_user(username="khach", password="pw-123456789")
    client.force_login(shopper)
    assert client.get(url("stock", store_a)).status_code == 404
    post = client.post(
        url("stock-change", store_a, pk=at_a.pk), {"reason": "damaged", "quantity": 1}
    )
    assert post.status_code == 404
    assert stock_of(at_a) == 10
    assert client.get(reverse("mystore:home")).status_code == 403


def test_store_managers_cannot_open_oscar_dashboard_to_edit_products(as_manager_a, nem):
    product, _, _ = nem
    response = as_manager_a.get(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    assert response.status_code in (302, 403)


def test_import_of_an_overflowing_quantity_is_refused_with_a_message(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    body = "product_code,quantity,reason\nOCOP-NEM,1000000000000,stock_take\n"
    response = as_manager_a.post(
        url("import", store_a), {"file": SimpleUploadedFile("s.csv", body.encode())}
    )
    assert response.status_code == 400
    assert "Dòng 2" in response.text and "1.000.000" in response.text
    assert stock_of(at_a) == 10
    assert StockMovement.objects.filter(stockrecord=at_a).count() == 1


def test_stock_change_form_refuses_more_than_a_million_units(as_manager_a, store_a, nem):
    _, at_a, _ = nem
    response = as_manager_a.post(
        url("stock-change", store_a, pk=at_a.pk),
        {"reason": "received", "quantity": "1000000000000", "note": ""},
    )
    assert response.status_code in (200, 400)
    assert stock_of(at_a) == 10


def test_producer_filter_lists_only_this_stores_producers_escaped(as_manager_a, store_a, store_b):
    verified = Producer.Status.VERIFIED
    ours = Producer.objects.create(
        name='HTX <b>Gốm</b> & "Sứ"', slug="htx-gom", tax_code="2300000001", status=verified
    )
    theirs = Producer.objects.create(
        name="HTX Chỉ ở Gia Bình", slug="htx-gia-binh", tax_code="2300000002", status=verified
    )
    product, _ = stocked_product("Bình gốm", "OCOP-GOM", (store_a, 2))
    product.producer = ours
    product.save()
    other, _ = stocked_product("Tương Gia Bình", "OCOP-TUONG", (store_b, 2))
    other.producer = theirs
    other.save()
    stocked_product("Nem Ninh Xá", "OCOP-NEM", (store_a, 2))

    page = as_manager_a.get(url("stock", store_a), {"producer": ours.pk}).text

    assert (
        f'<option value="{ours.pk}" selected>HTX &lt;b&gt;Gốm&lt;/b&gt; &amp; &quot;Sứ&quot;'
        in page
    )
    assert "HTX Chỉ ở Gia Bình" not in page
    assert "Bình gốm" in page
    assert "Nem Ninh Xá" not in page


def test_stock_pages_neither_repeat_nor_skip_products_of_the_same_name(
    as_manager_a, store_a, monkeypatch
):
    monkeypatch.setattr(manager_views, "PAGE_SIZE", 2)
    codes = [f"OCOP-MAT-{n}" for n in range(5)]
    for code in codes:
        stocked_product("Mật ong bạc hà", code, (store_a, 1))
    seen = []
    for page in (1, 2, 3):
        response = as_manager_a.get(url("stock", store_a), {"page": page})
        seen += [r.product.upc for r in response.context["page_obj"]]
    assert sorted(seen) == codes
