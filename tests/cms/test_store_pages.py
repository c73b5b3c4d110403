"""A store page shows what the store record says, and nothing copied."""

import pytest

pytestmark = pytest.mark.django_db


def test_store_page_shows_the_store_record(client, store_page, store):
    html = client.get(store_page.url).content.decode()

    assert store.name in html
    if hasattr(store, "address_line"):
        assert store.address_line in html
        assert store.phone in html


def test_editing_the_store_record_changes_the_page(client, store_page, store):
    store.name = "Cửa hàng OCOP Đình Bảng"
    if hasattr(store, "street"):
        store.street = "99 Đường Mới"
    store.save()

    html = client.get(store_page.url).content.decode()
    assert "Cửa hàng OCOP Đình Bảng" in html
    if hasattr(store, "street"):
        assert "99 Đường Mới" in html


def test_store_page_lists_products_in_stock_there(client, store_page, store, producer):
    from oscar.core.loading import get_model

    from tests.factories import create_product

    stock_record = get_model("partner", "StockRecord")
    here = create_product(title="Ấm chén Phù Lãng", upc="HERE-1")
    stock_record.objects.create(
        product=here, partner=store, partner_sku="HERE-1", price=100000, num_in_stock=4
    )
    elsewhere = create_product(title="Khay đồng Đại Bái", upc="ELSE-1", num_in_stock=4)

    html = client.get(store_page.url).content.decode()
    assert here.title in html
    assert elsewhere.title not in html


def test_store_map_falls_back_to_the_address(client, store_page, store):
    html = client.get(store_page.url).content.decode()
    assert 'data-testid="map"' in html
    if getattr(store, "latitude", None) is not None:
        assert "openstreetmap.org/?mlat=21.110500" in html
