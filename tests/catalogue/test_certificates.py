"""OCOP certificates: validation per field, default expiry, state by date, current rating."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalogue import selectors, services
from catalogue.forms import CertificateForm
from catalogue.models import OcopCertificate, default_expiry
from tests.catalogue.conftest import make_certificate
from tests.catalogue.pdfs import pdf_bytes

pytestmark = pytest.mark.django_db


def _form_data(product, **overrides):
    data = {
        "product": product.pk,
        "stars": 4,
        "score": 75,
        "product_group": 1,
        "sub_group": "Thực phẩm chế biến",
        "decision_number": "1234/QĐ-UBND",
        "decision_date": "2025-03-01",
        "issuing_authority": "province",
        "issue_date": "2025-03-01",
        "expiry_date": "",
    }
    data.update(overrides)
    return data


def test_valid_certificate_defaults_to_36_months(ocop_product):
    form = CertificateForm(_form_data(ocop_product))
    assert form.is_valid(), form.errors
    certificate = services.record_certificate(certificate=form.instance)
    assert certificate.expiry_date == date(2028, 3, 1)
    assert certificate.valid_until == date(2028, 2, 29)


def test_default_expiry_of_29_february_falls_on_28_february():
    assert default_expiry(date(2024, 2, 29)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"stars": 4, "score": 69}, "score"),
        ({"stars": 3, "score": 70}, "score"),
        ({"stars": 1, "score": 30, "issuing_authority": "province"}, "score"),
        ({"stars": 5, "score": 89, "issuing_authority": "national"}, "score"),
        ({"score": 101}, "score"),
        ({"expiry_date": "2025-02-28"}, "expiry_date"),
        ({"expiry_date": "2025-03-01"}, "expiry_date"),
        ({"stars": 5, "score": 95, "issuing_authority": "province"}, "issuing_authority"),
        ({"stars": 3, "score": 55, "issuing_authority": "national"}, "issuing_authority"),
        ({"decision_date": "2025-03-02"}, "decision_date"),
    ],
    ids=[
        "4-star-score-below-band",
        "3-star-score-above-band",
        "1-star-score-30",
        "5-star-score-89",
        "score-over-100",
        "expiry-before-issue",
        "expiry-on-issue-day",
        "5-star-by-province",
        "3-star-national",
        "decision-after-issue",
    ],
)
def test_bad_input_is_a_field_error_and_nothing_is_saved(ocop_product, overrides, field):
    before = OcopCertificate.objects.count()
    form = CertificateForm(_form_data(ocop_product, **overrides))
    assert not form.is_valid()
    assert field in form.errors, form.errors
    assert OcopCertificate.objects.count() == before


def test_band_edges_are_accepted(ocop_product):
    for n, (stars, score, authority) in enumerate(
        [(1, 0, "province"), (2, 30, "province"), (3, 69, "province"), (5, 90, "national")]
    ):
        form = CertificateForm(
            _form_data(
                ocop_product,
                stars=stars,
                score=score,
                issuing_authority=authority,
                decision_number=f"{n}/QĐ",
            )
        )
        assert form.is_valid(), (stars, score, form.errors)


def test_duplicate_decision_number_for_same_product_is_refused(ocop_product):
    form = CertificateForm(_form_data(ocop_product, decision_number="101/qđ-ubnd"))
    assert not form.is_valid()
    assert "decision_number" in form.errors
    assert ocop_product.certificates.count() == 1


def test_same_decision_number_on_another_product_is_fine(ocop_product, other_product):
    # One provincial decision recognises many products at once.
    form = CertificateForm(_form_data(other_product, decision_number="101/QĐ-UBND"))
    assert form.is_valid(), form.errors


def _upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("upload", "ok"),
    [
        (("scan.pdf", pdf_bytes(), "application/pdf"), True),
        (("scan.png", _png(), "image/png"), True),
        (("scan.exe", b"MZ\x90\x00 not a pdf", "application/pdf"), False),
        (("scan.txt", b"hello", "text/plain"), False),
    ],
    ids=["pdf", "png", "fake-pdf", "text"],
)
def test_evidence_must_be_pdf_or_image(ocop_product, upload, ok):
    form = CertificateForm(_form_data(ocop_product), {"evidence": _upload(*upload)})
    assert form.is_valid() is ok, form.errors
    if not ok:
        assert "evidence" in form.errors


def test_evidence_over_10_mb_is_refused(ocop_product):
    big = _upload("scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")
    form = CertificateForm(_form_data(ocop_product), {"evidence": big})
    assert not form.is_valid()
    assert "evidence" in form.errors


@pytest.mark.parametrize(
    ("days_to_expiry", "state"),
    [(31, "valid"), (30, "expiring"), (1, "expiring"), (0, "expired"), (-1, "expired")],
)
def test_state_is_computed_from_the_date(ocop_product, today, days_to_expiry, state):
    certificate = ocop_product.certificates.get()
    certificate.expiry_date = today + timedelta(days=days_to_expiry)
    assert certificate.state_on(today) == state


def test_revoked_beats_everything(ocop_product, today):
    certificate = ocop_product.certificates.get()
    services.revoke_certificate(certificate=certificate)
    assert certificate.state_on(today) == "revoked"


def _listing_badge(client, product):
    from django.urls import reverse

    response = client.get(reverse("catalogue:index"))
    listed = {p.pk: p for p in response.context["products"]}
    return listed[product.pk].ocop_badge_stars


def test_badge_shows_on_last_valid_day_and_disappears_on_expiry_day(client, ocop_product, today):
    certificate = ocop_product.certificates.get()
    OcopCertificate.objects.filter(pk=certificate.pk).update(expiry_date=today + timedelta(days=1))
    assert _listing_badge(client, ocop_product) == 4
    page = client.get(ocop_product.get_absolute_url()).content.decode()
    assert 'data-testid="ocop-badge"' in page

    OcopCertificate.objects.filter(pk=certificate.pk).update(expiry_date=today)
    assert _listing_badge(client, ocop_product) is None
    page = client.get("/en" + ocop_product.get_absolute_url()).content.decode()
    assert 'data-testid="ocop-badge"' not in page
    assert 'data-testid="certificate-warning"' in page
    assert "expired after" in page


def test_revocation_removes_the_badge_at_once(client, ocop_product):
    services.revoke_certificate(certificate=ocop_product.certificates.get())
    assert _listing_badge(client, ocop_product) is None


def test_below_3_stars_is_rated_but_not_ocop(client, product, producer):
    product.producer = producer
    product.save()
    make_certificate(product, stars=2)
    assert _listing_badge(client, product) is None


def test_current_rating_is_latest_certificate_in_force(ocop_product, today):
    # Re-rated to 5★ last month; the history keeps the 4★ certificate.
    make_certificate(ocop_product, stars=5, issue_date=today - timedelta(days=30))
    info = selectors.product_with_certificates(ocop_product)
    assert info["current"].stars == 5
    assert [c.stars for c in info["history"]] == [5, 4]
    annotated = selectors.browsable_products().get(pk=ocop_product.pk)
    assert annotated.ocop_stars == 5


def test_a_revoked_re_rating_falls_back_to_the_older_certificate(ocop_product, today):
    newer = make_certificate(ocop_product, stars=5, issue_date=today - timedelta(days=30))
    services.revoke_certificate(certificate=newer)
    assert selectors.browsable_products().get(pk=ocop_product.pk).ocop_stars == 4
