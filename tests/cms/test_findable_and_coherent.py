"""Findable and coherent (issue #14): the footer's pages, one public page per store,
"my store" said in a message and offered only where the product is, through the pages."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from cms.models import SiteLinks, StandardPage
from storefront.demo import steps
from storefront.partner.models import Partner, StoreClosure, StoreOpeningHours
from storefront.partner.services import create_stock_record
from storefront.partner.strategy import MY_STORE_COOKIE
from tests.cms.conftest import translate

pytestmark = pytest.mark.django_db

FOOTER_VI = {
    "Giới thiệu OCOP": "/gioi-thieu-ocop/",
    "Cách xếp hạng sao": "/cach-xep-hang-sao/",
    "Điều khoản sử dụng": "/dieu-khoan/",
    "Chính sách bảo mật": "/chinh-sach-bao-mat/",
    "Liên hệ": "/lien-he/",
    "Bán hàng cùng chúng tôi": "/dang-ky-chu-the-ocop/",
}
FOOTER_EN = {
    "About OCOP": "/en/about-ocop/",
    "How star ratings work": "/en/how-star-ratings-work/",
    "Terms of use": "/en/terms/",
    "Privacy policy": "/en/privacy/",
    "Contact": "/en/contact/",
    "Sell with us": "/en/join-as-a-producer/",
}


def footer(response) -> str:
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">') :]


def footer_links(response) -> dict[str, str]:
    block = footer(response)
    if 'data-testid="footer-links"' not in block:
        return {}
    block = block[block.index('data-testid="footer-links"') :]
    block = block[: block.index("</ul>")]
    return {text: href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)}


@pytest.fixture
def demo_pages(site_tree):
    """The demo data's standard and form pages in both languages, and its footer choice."""
    steps.load_content_pages()
    steps.load_content_translations()
    steps.load_site_links()
    return site_tree


# --- footer --------------------------------------------------------------------


@pytest.mark.parametrize(("url", "expected"), [("/", FOOTER_VI), ("/en/", FOOTER_EN)])
def test_footer_links_the_pages_people_look_for_in_the_page_language(
    client, demo_pages, url, expected
):
    response = client.get(url)
    assert footer_links(response) == expected
    for href in expected.values():
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize("url", ["/", "/en/", "/shop/catalogue/", "/en/shop/basket/"])
def test_header_and_footer_link_the_store_directory(client, demo_pages, url):
    html = client.get(url).content.decode()
    directory = "/en/stores/" if url.startswith("/en/") else "/cua-hang/"
    nav = html[html.index('class="main-nav"') :]
    assert f'href="{directory}"' in nav[: nav.index("</nav>")]
    assert f'href="{directory}"' in html[html.index('<footer class="site-footer">') :]


def test_a_moved_footer_page_is_linked_at_its_new_address(client, demo_pages):
    about = StandardPage.objects.get(slug="gioi-thieu-ocop")
    terms = StandardPage.objects.get(slug="dieu-khoan")
    about.move(terms, pos="last-child")
    assert footer_links(client.get("/"))["Giới thiệu OCOP"] == "/dieu-khoan/gioi-thieu-ocop/"
    assert client.get("/dieu-khoan/gioi-thieu-ocop/").status_code == 200


def test_an_unpublished_footer_page_leaves_the_footer(client, demo_pages):
    StandardPage.objects.get(slug="chinh-sach-bao-mat").unpublish()
    StandardPage.objects.get(slug="privacy").unpublish()
    assert "Chính sách bảo mật" not in footer_links(client.get("/"))
    assert "Privacy policy" not in footer_links(client.get("/en/"))
    assert "Giới thiệu OCOP" in footer_links(client.get("/"))


def test_a_deleted_footer_page_or_an_empty_choice_leaves_no_link(client, demo_pages):
    StandardPage.objects.get(slug="dieu-khoan").delete()
    links = footer_links(client.get("/"))
    assert "Điều khoản sử dụng" not in links and len(links) == 5
    links = SiteLinks.objects.get()  # as Settings → Site links saves it
    links.contact_page = None
    links.save()
    assert "Liên hệ" not in footer_links(client.get("/"))


def test_footer_links_cost_no_query_once_cached(client, demo_pages, django_assert_num_queries):
    from django.test.client import RequestFactory

    from cms.links import site_tree_links

    site_tree_links(RequestFactory().get("/"))
    with django_assert_num_queries(0):
        site_tree_links(RequestFactory().get("/"))


# --- one page per store ----------------------------------------------------------


@pytest.fixture
def full_store(store, store_page, product):
    """The store with hours, a closure ahead, pickup instructions and the product in stock."""
    store.pickup_instructions = "Mang mã đơn hàng đến quầy thu ngân."
    store.save()
    for day in range(7):
        StoreOpeningHours.objects.create(
            store=store, weekday=day, opens=dt.time(8), closes=dt.time(18)
        )
    StoreClosure.objects.create(
        store=store, date=timezone.localdate() + dt.timedelta(days=3), reason="Kiểm kê"
    )
    create_stock_record(store=store, product=product, price=Decimal("125000"), quantity=7)
    english = translate(store_page, Locale.objects.get(language_code="en"), store_page.slug)
    return {"store": store, "vi": store_page, "en": english, "product": product}


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("vi", ["Giờ mở cửa", "Nghỉ vào ngày", "Kiểm kê", "Nhận đơn", "Chọn làm cửa hàng của tôi"]),
        (
            "en",
            ["Opening hours", "Closed on", "Kiểm kê", "Collecting an order", "Make this my store"],
        ),
    ],
)
def test_the_store_page_has_everything_about_the_store(client, full_store, language, words):
    html = client.get(full_store[language].url).content.decode()
    for word in words:
        assert word in html, word
    assert "08:00–18:00" in html and "12 Lý Thái Tổ" in html
    assert "Mang mã đơn hàng đến quầy thu ngân." in html
    assert full_store["product"].get_absolute_url() in html
    assert 'data-testid="store-stock-list"' in html and "7" in html
    assert reverse("stores:choose", kwargs={"slug": full_store["store"].slug}) in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_shop_store_address_redirects_permanently_to_the_store_page(
    client, full_store, language
):
    prefix = "/en" if language == "en" else ""
    response = client.get(f"{prefix}/shop/stores/{full_store['store'].slug}/")
    assert response.status_code == 301
    assert response["Location"] == full_store[language].url
    directory = client.get(f"{prefix}/shop/stores/")
    assert directory.status_code == 301
    assert directory["Location"] == full_store[language].get_parent().url


def test_the_directory_offers_each_store_as_my_store(client, full_store):
    html = client.get(full_store["vi"].get_parent().url).content.decode()
    assert reverse("stores:choose", kwargs={"slug": full_store["store"].slug}) in html
    assert "Kiểm kê" in html
    client.cookies[MY_STORE_COOKIE] = full_store["store"].slug
    assert "Bỏ chọn cửa hàng này" in client.get(full_store["vi"].get_parent().url).content.decode()


def test_links_to_a_store_go_straight_to_its_page(client, full_store):
    product_page = client.get(full_store["product"].get_absolute_url()).content.decode()
    section = product_page[product_page.index('id="store_availability"') :]
    assert f'href="{full_store["vi"].url}"' in section
    old_address = f"/shop/stores/{full_store['store'].slug}/"
    assert f'href="{old_address}"' not in section
    search = client.get(reverse("site-search"), {"q": "tu son"}).content.decode()
    assert f'href="{full_store["vi"].url}"' in search


def test_a_store_without_a_page_keeps_the_shop_page(client, site_tree):
    store = Partner.objects.create(name="Cửa hàng OCOP Tiên Du", code="ocop-tien-du")
    response = client.get(f"/shop/stores/{store.slug}/")
    assert response.status_code == 200
    assert "Chọn làm cửa hàng của tôi" in response.content.decode()


def test_sitemap_lists_the_store_pages_not_the_shop_addresses(client, full_store):
    xml = client.get("/sitemap.xml").content.decode()
    assert full_store["vi"].url in xml and full_store["en"].url in xml
    assert "/shop/stores/" not in xml


# --- "my store" ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "chosen", "forgotten"),
    [
        ("", "giờ là cửa hàng của bạn", "không còn là cửa hàng của bạn"),
        ("/en", "is now your store", "is no longer your store"),
    ],
)
def test_choosing_my_store_says_so_in_the_page_language(
    client, full_store, prefix, chosen, forgotten
):
    language = "en" if prefix else "vi"
    page_url = full_store[language].url
    choose = f"{prefix}/shop/stores/{full_store['store'].slug}/choose/"
    response = client.post(choose, {"next": page_url}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(page_url, 302)]
    assert f"Cửa hàng OCOP Từ Sơn {chosen}" in html
    assert client.cookies[MY_STORE_COOKIE].value == full_store["store"].slug
    html = client.post(choose, {"next": page_url, "forget": "1"}, follow=True).content.decode()
    assert f"Cửa hàng OCOP Từ Sơn {forgotten}" in html


def test_a_store_with_none_of_the_product_is_not_offered_on_its_page(client, full_store):
    empty = Partner.objects.create(name="Cửa hàng OCOP Gia Bình", code="ocop-gia-binh")
    create_stock_record(
        store=empty, product=full_store["product"], price=Decimal("125000"), quantity=0
    )
    html = client.get(full_store["product"].get_absolute_url()).content.decode()
    section = html[html.index('id="store_availability"') :]
    assert "Cửa hàng OCOP Gia Bình" in section  # still shown, as out of stock
    assert reverse("stores:choose", kwargs={"slug": empty.slug}) not in section
    assert reverse("stores:choose", kwargs={"slug": full_store["store"].slug}) in section


def test_editors_choose_the_footer_pages_in_the_admin(client, demo_pages, django_user_model):
    admin = django_user_model.objects.create_superuser(
        username="editor", email="editor@ocop.local", password="pw-123456789"
    )
    client.force_login(admin)
    response = client.get(f"/cms-admin/settings/cms/sitelinks/{SiteLinks.objects.get().pk}/")
    assert response.status_code == 200
    assert "Giới thiệu OCOP" in response.content.decode()
