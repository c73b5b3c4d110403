"""Producer directory and page, verification page and QR downloads."""

from datetime import timedelta

import pytest
from django.urls import reverse
from oscar.test.factories import UserFactory

from catalogue import services
from catalogue.models import OcopCertificate
from tests.catalogue.conftest import make_certificate

pytestmark = pytest.mark.django_db


def test_directory_lists_verified_producers_only(client, ocop_product, other_product):
    other_product.producer.status = "pending"
    other_product.producer.save()
    response = client.get(reverse("ocop:producer-list"))
    assert [p.name for p in response.context["producers"]] == ["HTX Gốm Phù Lãng"]
    assert response.context["producers"][0].ocop_count == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"legal_form": "enterprise"}, ["Công ty Đồng Đại Bái"]),
        ({"commune": "đại lai"}, ["Công ty Đồng Đại Bái"]),
        ({"commune": "dai lai"}, ["Công ty Đồng Đại Bái"]),
        ({"village": "phu-lang"}, ["HTX Gốm Phù Lãng"]),
        ({"province": "Bắc Ninh"}, ["Công ty Đồng Đại Bái", "HTX Gốm Phù Lãng"]),
    ],
)
def test_directory_filters(client, ocop_product, other_product, village, params, expected):
    ocop_product.producer.craft_village = village
    ocop_product.producer.save()
    response = client.get(reverse("ocop:producer-list"), params)
    assert [p.name for p in response.context["producers"]] == expected


def test_directory_filters_by_product_group(client, ocop_product, other_product, food_category):
    response = client.get(reverse("ocop:producer-list"), {"group": food_category.pk})
    assert [p.name for p in response.context["producers"]] == ["HTX Gốm Phù Lãng"]


def test_producer_page_shows_story_certificates_and_products(client, ocop_product):
    producer = ocop_product.producer
    producer.description_vi = "Làng gốm bên sông Cầu."
    producer.save()
    page = client.get(producer.get_absolute_url()).content.decode()
    assert "Làng gốm bên sông Cầu." in page
    assert "101/QĐ-UBND" in page
    assert "Bánh đa nem Thổ Hà" in page


def test_suspended_producer_page_is_404(client, producer):
    producer.status = "suspended"
    producer.save()
    assert client.get(producer.get_absolute_url()).status_code == 404


def test_verification_page_at_short_url(client, ocop_product):
    url = reverse("ocop:verify", kwargs={"code": "ocop-0001"})
    assert url == "/v/ocop-0001/"
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="verify-status"' in page and "alert-success" in page
    assert "HTX Gốm Phù Lãng" in page
    assert 'data-testid="qr-downloads"' not in page  # anonymous visitors get no download
    assert "Dùｍϻϒ" not in page


def test_verification_page_says_plainly_when_expired(client, ocop_product, today):
    OcopCertificate.objects.filter(product=ocop_product).update(expiry_date=today)
    url = "/en" + reverse("ocop:verify", kwargs={"code": ocop_product.upc})
    page = client.get(url).content.decode()
    assert "alert-danger" in page
    assert "its certificate has expired" in page


def test_verification_page_says_plainly_when_revoked(client, ocop_product):
    services.revoke_certificate(certificate=ocop_product.certificates.get())
    page = client.get(
        "/en" + reverse("ocop:verify", kwargs={"code": ocop_product.upc})
    ).content.decode()
    assert "its certificate has been revoked" in page


def test_verification_of_unknown_code_is_404(client, db):
    assert client.get(reverse("ocop:verify", kwargs={"code": "NOPE"})).status_code == 404


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_qr_download_permission_matrix(client, ocop_product, member, other_member, staff, fmt):
    url = reverse(f"ocop:qr-{fmt}", kwargs={"code": ocop_product.upc})
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]

    client.force_login(other_member)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403

    for user in (member, staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == ("image/png" if fmt == "png" else "image/svg+xml")
        body = response.content
        assert body.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in body[:200]


def test_qr_encodes_the_vietnamese_verification_url(client, ocop_product, staff):

    client.force_login(staff)
    page = client.get("/en" + reverse("ocop:verify", kwargs={"code": ocop_product.upc}))
    assert 'data-testid="qr-downloads"' in page.content.decode()
    from catalogue.producer_views import verification_url

    request = page.wsgi_request
    assert verification_url(request, ocop_product) == "http://testserver/v/OCOP-0001/"


def test_expiring_certificate_shows_state(client, ocop_product, today):
    OcopCertificate.objects.filter(product=ocop_product).update(
        expiry_date=today + timedelta(days=10)
    )
    page = client.get(ocop_product.get_absolute_url()).content.decode()
    assert 'data-testid="ocop-badge"' in page
    assert "badge-warning" in page


def test_history_is_kept_on_re_rating(client, ocop_product, today):
    make_certificate(ocop_product, stars=5, issue_date=today - timedelta(days=5))
    response = client.get(reverse("ocop:verify", kwargs={"code": ocop_product.upc}))
    assert len(response.context["ocop"]["history"]) == 2
