"""One site, not two: Oscar and Wagtail pages share the header, footer and language switch."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _assert_site_chrome(html: str) -> None:
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert 'data-testid="basket-count"' in html
    assert 'data-language="vi"' in html and 'data-language="en"' in html
    assert "css/ocop.css" in html
    # No third-party CDN: the shop must render without outside network.
    assert "googleapis.com" not in html and "googletagmanager" not in html


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_wagtail_home_page_uses_the_shop_layout(client, site_tree, product, path):
    response = client.get(path)
    assert response.status_code == 200
    _assert_site_chrome(response.content.decode())


@pytest.mark.parametrize("url_name", ["catalogue:index", "basket:summary", "customer:login"])
def test_oscar_pages_use_the_same_layout(client, site_tree, product, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    _assert_site_chrome(response.content.decode())


def test_product_page_uses_the_same_layout(client, site_tree, product):
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    _assert_site_chrome(response.content.decode())


def test_header_links_to_the_shop_in_the_active_language(client, site_tree):
    vi = client.get("/").content.decode()
    assert ">Sản phẩm</a>" in vi
    assert 'href="/shop/catalogue/"' in vi
    en = client.get("/en/").content.decode()
    assert ">Products</a>" in en
    assert 'href="/en/shop/catalogue/"' in en


def test_language_switch_on_a_shop_page_points_at_the_same_page(client, site_tree, product):
    html = client.get(reverse("basket:summary")).content.decode()
    assert 'href="/en/shop/basket/"' in html


def test_language_switch_on_a_wagtail_page_points_at_its_translation(client, site_tree):
    html = client.get("/").content.decode()
    assert f'href="{site_tree["home_en"].url}"' in html


def test_basket_count_in_header_follows_the_basket(client, site_tree, product):
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    html = client.get(reverse("basket:summary")).content.decode()
    assert 'data-testid="basket-count">2<' in html


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/khong-co-trang-nay/", "Chúng tôi không tìm thấy trang này"),
        ("/en/no-such-page/", "We could not find that page"),
    ],
)
def test_unknown_page_shows_our_404_in_the_users_language(client, site_tree, path, text):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert 'class="site-header"' in html


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("prefix", "text"),
    [("", "Hệ thống của chúng tôi đang gặp sự cố"), ("/en", "Something went wrong on our side")],
)
def test_server_error_shows_our_500_in_the_users_language(
    client, site_tree, product, monkeypatch, prefix, text
):
    from catalogue import views

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.CatalogueView, "get_queryset", explode)
    client.raise_request_exception = False
    response = client.get(f"{prefix}/shop/catalogue/")
    assert response.status_code == 500
    assert text in response.content.decode()
