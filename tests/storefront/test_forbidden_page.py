"""A refusal is a page of the shop in the visitor's language, with a way on."""

import pytest

from storefront.partner.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def store_manager(django_user_model):
    manager = django_user_model.objects.create_user(
        "quanly", "quanly@example.vn", "mat-khau-rat-dai-2026"
    )
    store = Partner.objects.create(name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son")
    store.managers.add(manager)
    return manager


def test_a_store_manager_opening_the_dashboard_gets_the_shops_403_page(
    client, site_tree, store_manager
):
    client.force_login(store_manager)
    response = client.get("/shop/dashboard/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "Trang này không dành cho tài khoản của bạn" in text
    assert "/shop/my-store/" in text  # the way to their own pages
    assert 'id="main"' in text  # the site's layout, not a bare "403 Forbidden"


def test_the_403_page_speaks_english_under_en(client, site_tree, store_manager):
    client.force_login(store_manager)
    response = client.get("/en/shop/dashboard/")
    assert response.status_code == 403
    assert "This page is not open to your account" in response.content.decode()
