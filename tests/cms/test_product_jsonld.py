"""schema.org JSON-LD on product pages, read back out of the page HTML as a crawler would
(issue #15): Product with its offer and OCOP certification; TouristTrip for experiences."""

import json
import re
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from oscar.apps.partner.strategy import Default
from PIL import Image

from catalogue.models import ProductImage
from cms import schema
from tests.catalogue.conftest import make_certificate
from tests.factories import create_product

from .conftest import make_experience

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page_jsonld(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [json.loads(block) for block in SCRIPT.findall(response.content.decode())]


def only(items: list[dict], kind: str) -> dict:
    (found,) = [item for item in items if item["@type"] == kind]
    return found


@pytest.fixture
def rated(product):
    product.description_vi = "<p>Bánh đa nem <strong>làm tay</strong> ở Thổ Hà.</p>"
    product.description_en = "<p>Hand-made rice paper from Thổ Hà.</p>"
    product.save()
    picture = BytesIO()
    Image.new("RGB", (40, 40), "orange").save(picture, "JPEG")
    ProductImage.objects.create(
        product=product,
        original=SimpleUploadedFile("banh-da.jpg", picture.getvalue(), "image/jpeg"),
        display_order=0,
    )
    certificate = make_certificate(product, stars=4, decision_number="1234/QĐ-UBND")
    return {"product": product, "certificate": certificate}


@pytest.mark.parametrize(
    ("prefix", "name", "description", "issuer"),
    [
        ("", "Bánh đa nem Thổ Hà", "Bánh đa nem làm tay ở Thổ Hà.", "UBND tỉnh"),
        ("/en", "Tho Ha rice paper", "Hand-made rice paper from Thổ Hà.", "Provincial People"),
    ],
    ids=["vi", "en"],
)
def test_product_page_carries_product_offer_and_ocop_certification(
    client, rated, product_producer, prefix, name, description, issuer
):
    product, certificate = rated["product"], rated["certificate"]
    url = f"{prefix}{product.get_absolute_url()}"

    data = only(page_jsonld(client, url), "Product")

    assert data["@context"] == "https://schema.org"
    assert data["name"] == name
    assert data["description"] == description
    assert data["url"] == f"http://testserver{url}"
    assert re.fullmatch(r"http://testserver/media/.+\.jpg", data["image"])
    assert data["sku"] == "OCOP-0001"
    assert data["brand"] == {"@type": "Brand", "name": product_producer.name}
    assert data["manufacturer"] == {"@type": "Organization", "name": product_producer.name}
    assert data["offers"] == {
        "@type": "Offer",
        "price": "125000",
        "priceCurrency": "VND",
        "availability": "https://schema.org/InStock",
        "url": f"http://testserver{url}",
        "seller": {"@type": "Organization", "name": "OCOP Bắc Ninh"},
    }
    ocop = data["hasCertification"]
    assert ocop["@type"] == "Certification"
    assert ocop["certificationIdentification"] == "1234/QĐ-UBND"
    assert ocop["certificationRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert ocop["validFrom"] == certificate.issue_date.isoformat()
    assert ocop["expires"] == certificate.expiry_date.isoformat()
    assert ocop["issuedBy"]["name"].startswith(issuer)
    assert data["award"] == "OCOP 4★"


def test_sold_out_product_is_out_of_stock_as_the_page_says(client):
    product = create_product(
        title="Nem Ninh Xá", upc="NEM-1", price=Decimal("125000"), num_in_stock=0
    )

    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    # The page itself offers nothing to buy: the JSON-LD says the same.
    assert 'id="add_to_basket_form"' not in html
    data = only([json.loads(block) for block in SCRIPT.findall(html)], "Product")
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert data["offers"]["price"] == "125000"


def test_price_is_whole_dong(client, product):
    product.stockrecords.update(price=Decimal("99000.00"))

    data = only(page_jsonld(client, product.get_absolute_url()), "Product")
    assert data["offers"]["price"] == "99000"


def test_a_rating_below_three_stars_or_expired_is_no_ocop_certification(client, product):
    make_certificate(product, stars=2)
    make_certificate(
        product,
        stars=5,
        issue_date=timezone.localdate() - timedelta(days=4 * 365),
        expiry_date=timezone.localdate() - timedelta(days=1),
    )

    data = only(page_jsonld(client, product.get_absolute_url()), "Product")
    assert "hasCertification" not in data
    assert "award" not in data


def test_a_title_cannot_close_the_script_element(client, product):
    title = '</script><script>alert("x")</script><!--'
    product.title_vi = title
    product.save()

    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(" not in html
    assert only(page_jsonld(client, product.get_absolute_url()), "Product")["name"] == title


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
def test_experience_page_is_a_tourist_trip_hosted_by_its_producer(client, product_producer, prefix):
    workshop = make_experience(product_producer, "Trải nghiệm làm gốm Phù Lãng", upc="EXP-9")
    make_certificate(workshop, stars=3, product_group=6, decision_number="88/QĐ-UBND")
    url = f"{prefix}{workshop.get_absolute_url()}"

    items = page_jsonld(client, url)
    assert not [item for item in items if item["@type"] == "Product"]
    trip = only(items, "TouristTrip")
    assert trip["name"] == "Trải nghiệm làm gốm Phù Lãng"
    assert trip["provider"] == {"@type": "Organization", "name": product_producer.name}
    assert trip["offers"]["price"] == "150000"
    assert trip["offers"]["priceCurrency"] == "VND"
    assert trip["offers"]["availability"] == "https://schema.org/InStock"
    # schema.org has no hasCertification on trips: the certificate is about the trip.
    assert trip["subjectOf"]["@type"] == "Certification"
    assert trip["subjectOf"]["certificationIdentification"] == "88/QĐ-UBND"
    assert "sku" not in trip and "brand" not in trip


def test_the_include_takes_offers_per_session_instead_of_the_strategys(product_producer):
    workshop = make_experience(product_producer, "Trải nghiệm làm gốm", upc="EXP-10")
    request = RequestFactory().get("/")
    request.strategy = Default()
    sessions = [
        schema.offer(
            price=150000,
            currency="VND",
            available=places > 0,
            url="http://testserver/x/",
            availabilityStarts=f"2026-12-15T{hour}:00+07:00",
            inventoryLevel={"@type": "QuantitativeValue", "value": places},
        )
        for hour, places in (("08", 6), ("14", 0))
    ]

    with translation.override("vi"):
        html = Template('{% include "cms/includes/product_jsonld.html" %}').render(
            Context({"product": workshop, "request": request, "offers": sessions})
        )

    (trip,) = [json.loads(block) for block in SCRIPT.findall(html)]
    assert trip["@type"] == "TouristTrip"
    assert [o["availability"] for o in trip["offers"]] == [
        "https://schema.org/InStock",
        "https://schema.org/OutOfStock",
    ]
    assert trip["offers"][0]["inventoryLevel"]["value"] == 6
    assert trip["offers"][1]["availabilityStarts"] == "2026-12-15T14:00+07:00"


def test_a_product_of_another_class_is_not_a_trip(client):
    jar = create_product(title="Bình gốm", upc="JAR-1", price=Decimal("250000"), num_in_stock=1)

    assert only(page_jsonld(client, jar.get_absolute_url()), "Product")["name"] == "Bình gốm"
