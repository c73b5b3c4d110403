"""Findable and shareable: meta, Open Graph, JSON-LD, sitemap.xml and robots.txt."""

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from oscar.apps.partner.strategy import Default

from .conftest import make_products

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def jsonld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_sitemap_lists_pages_in_both_languages_and_products(client, site_tree, product):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200

    tree = ET.fromstring(response.content)  # noqa: S314 (our own response)
    urls = [loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)]
    assert any(url.endswith("/lang-nghe/") for url in urls)
    assert any(url.endswith("/en/craft-villages/") for url in urls)
    assert any(url.endswith(product.get_absolute_url()) for url in urls)
    assert any("/en/shop/" in url and product.slug in url for url in urls)


def test_sitemap_leaves_out_unpublished_products(client, site_tree, product):
    product.is_public = False
    product.save()

    assert product.slug not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_checkout(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /shop/checkout/" in text
    assert "Disallow: /cms-admin/" in text


def test_home_page_has_organization_jsonld_and_open_graph(client, site_tree):
    html = client.get("/").content.decode()

    (organization,) = jsonld(html)
    assert organization["@type"] == "Organization"
    assert organization["name"] == "OCOP Bắc Ninh"
    assert '<meta property="og:title"' in html
    assert '<meta property="og:description"' in html
    assert '<meta property="og:image"' in html
    assert 'hreflang="en"' in html


def test_craft_village_page_is_a_place_with_coordinates(client, village_page):
    html = client.get(village_page.url).content.decode()

    (place,) = jsonld(html)
    assert place["@type"] == "Place"
    assert place["name"] == village_page.title
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 21.1604, "longitude": 106.2409}
    assert f'content="{village_page.intro}"' in html  # meta and og:description


def test_store_page_is_a_store_with_its_address(client, store_page, store):
    html = client.get(store_page.url).content.decode()

    (data,) = jsonld(html)
    assert data["@type"] == "Store"
    assert data["name"] == store.name


def test_product_jsonld_has_offer_and_ocop_rating(rf, producer):
    from datetime import timedelta

    from django.utils import timezone

    from catalogue.models import OcopCertificate

    (product,) = make_products(producer, 1)
    today = timezone.localdate()
    OcopCertificate.objects.create(
        product=product,
        stars=4,
        score=75,
        product_group=4,
        decision_number="123/QĐ-UBND",
        decision_date=today - timedelta(days=10),
        issuing_authority="province",
        issue_date=today - timedelta(days=10),
    )
    request = RequestFactory().get("/")
    request.strategy = Default()

    html = Template("{% load cms_tags %}{% product_jsonld product %}").render(
        Context({"product": product, "request": request})
    )

    (data,) = jsonld(html)
    assert data["@type"] == "Product"
    assert data["sku"] == product.upc
    assert data["offers"]["price"] == str(int(Decimal("250000")))
    assert data["offers"]["priceCurrency"] == "VND"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["hasCertification"]["certificationRating"]["ratingValue"] == 4
    assert data["brand"]["name"] == producer.name


def test_jsonld_cannot_close_its_script_element(rf, village_page):
    village_page.title = "</script><script>alert(1)</script>"
    village_page.save_revision().publish()

    html = Template("{% load cms_tags %}{% page_jsonld page %}").render(
        Context({"page": village_page, "request": RequestFactory().get("/")})
    )
    assert html.count("</script>") == 1
    assert jsonld(html)[0]["name"] == village_page.title
