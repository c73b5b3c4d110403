"""The URL map: Wagtail at /, Oscar under /shop/, admin sites on their own prefixes."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_shop_is_mounted_under_shop():
    assert reverse("catalogue:index") == "/shop/catalogue/"
    assert reverse("basket:summary") == "/shop/basket/"
    assert reverse("checkout:index") == "/shop/checkout/"
    assert reverse("dashboard:index") == "/shop/dashboard/"


def test_login_url_is_the_shop_login_page(client):
    response = client.get(reverse(settings.LOGIN_URL))
    assert response.status_code == 200
    assert reverse(settings.LOGIN_URL) == "/shop/accounts/login/"


@pytest.mark.parametrize(
    "protected", ["/shop/dashboard/", "/shop/accounts/", "/en/shop/accounts/orders/"]
)
def test_protected_pages_send_anonymous_users_to_a_login_page_that_exists(client, protected):
    response = client.get(protected, follow=True)
    assert response.redirect_chain, "expected a redirect to the login page"
    final_url = response.redirect_chain[-1][0]
    assert "/shop/accounts/login/" in final_url or "/shop/dashboard/login/" in final_url
    assert response.status_code == 200


def test_admin_sites_have_their_own_prefixes(client):
    assert client.get("/cms-admin/").status_code == 302
    assert client.get("/cms-admin/login/").status_code == 200
    assert client.get("/django-admin/login/").status_code == 200


def test_unknown_page_is_a_404_in_the_site_layout(client, site_tree):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


def test_sitemap_lists_the_content_pages(client, site_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"/lang-nghe/" in response.content
