"""Private files stay private: evidence, certificate scans and pending pictures.

They are stored outside MEDIA_ROOT under random names and leave only through
the permission-checked download view, as attachments that are never sniffed
or cached by a shared cache.
"""

import importlib
from io import BytesIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve
from oscar.test.factories import PartnerFactory, UserFactory
from PIL import Image

from catalogue.models import OcopCertificate, ProductSubmission, RenewalEvidence
from tests.catalogue.pdfs import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def store_manager(db):
    user = UserFactory(email="store@example.vn")
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    PartnerFactory().users.add(user)
    return user


def _files_under(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def _upload_evidence(client, member, certificate, name="giay-chung-nhan-ocop.pdf", data=None):
    client.force_login(member)
    url = reverse(
        "ocop:portal-renewal",
        kwargs={"slug": certificate.product.producer.slug, "pk": certificate.pk},
    )
    upload = SimpleUploadedFile(name, data or pdf_bytes(), content_type="application/pdf")
    return client.post(url, {"file": upload, "note": "Hồ sơ"})


@pytest.fixture
def evidence(client, member, ocop_product):
    response = _upload_evidence(client, member, ocop_product.certificates.get())
    assert response.status_code == 302
    client.logout()
    return RenewalEvidence.objects.get()


def _download(evidence):
    return reverse("ocop:private-file", kwargs={"kind": "renewal", "pk": evidence.pk})


def test_evidence_is_stored_outside_public_media_under_a_random_name(evidence):
    name = evidence.file.name
    assert "giay-chung-nhan" not in name
    assert name.startswith("renewals/") and name.endswith(".pdf")
    assert len(Path(name).stem) == 32  # a uuid4, not guessable
    assert _files_under(settings.MEDIA_ROOT) == []
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file()
    assert not str(Path(settings.PRIVATE_MEDIA_ROOT)).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        evidence.file.url  # noqa: B018 — a private file has no public address


def test_evidence_public_media_url_answers_404(evidence):
    """What a server of MEDIA_ROOT answers for the stored name, or the old name."""
    request = RequestFactory().get("/media/x")
    for guess in (evidence.file.name, "renewals/2026/giay-chung-nhan-ocop.pdf"):
        with pytest.raises(Http404):
            serve(request, guess, document_root=settings.MEDIA_ROOT)


def test_evidence_download_refuses_anonymous_and_other_producers(
    client, evidence, other_member, store_manager
):
    url = _download(evidence)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    for user in (other_member, store_manager, UserFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404
    inactive_staff = UserFactory(is_staff=True, is_active=False)
    client.force_login(inactive_staff)
    assert client.get(url).status_code in (302, 404)


def test_evidence_download_serves_owner_and_staff_as_attachment(client, evidence, member, staff):
    for user in (member, staff):
        client.force_login(user)
        response = client.get(_download(evidence))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_content_type_comes_from_the_content_not_the_uploaders_name(
    client, member, staff, ocop_product
):
    """A JPEG sent as "scan.jpeg" with text/html as its type is served as image/jpeg."""
    out = BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    client.force_login(member)
    url = reverse(
        "ocop:portal-renewal",
        kwargs={"slug": "htx-gom-phu-lang", "pk": ocop_product.certificates.get().pk},
    )
    upload = SimpleUploadedFile("scan.jpeg", out.getvalue(), content_type="text/html")
    assert client.post(url, {"file": upload}).status_code == 302
    evidence = RenewalEvidence.objects.get()
    client.force_login(staff)
    response = client.get(_download(evidence))
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")


def test_unknown_kind_or_missing_row_is_404(client, staff, evidence):
    client.force_login(staff)
    assert client.get(f"/vi/shop/files/passwords/{evidence.pk}/").status_code == 404
    missing = reverse("ocop:private-file", kwargs={"kind": "renewal", "pk": evidence.pk + 99})
    assert client.get(missing).status_code == 404


def _picture(name="anh-san-pham.jpg"):
    out = BytesIO()
    Image.new("RGB", (60, 40), "blue").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def test_pending_picture_is_private_until_approved_then_public_under_a_new_name(
    client, member, other_member, staff, ocop_product
):
    client.force_login(member)
    edit = reverse(
        "ocop:portal-product-edit", kwargs={"slug": "htx-gom-phu-lang", "pk": ocop_product.pk}
    )
    client.post(edit, {"title_vi": "Bánh đa nem", "description_vi": "", "image": _picture()})
    submission = ProductSubmission.objects.get()
    assert "anh-san-pham" not in submission.image.name
    assert _files_under(settings.MEDIA_ROOT) == []
    download = reverse("ocop:private-file", kwargs={"kind": "submission", "pk": submission.pk})
    client.force_login(other_member)
    assert client.get(download).status_code == 404
    client.force_login(staff)
    review = client.get(reverse("ocop:dash:submission-detail", kwargs={"pk": submission.pk}))
    assert download in review.content.decode()  # staff see it through the view
    assert client.get(download)["Content-Type"] == "image/jpeg"

    client.post(
        reverse("ocop:dash:submission-review", kwargs={"pk": submission.pk}),
        {"decision": "approve"},
    )
    image = ocop_product.images.get(display_order=0)
    public = _files_under(settings.MEDIA_ROOT)
    assert [p.name for p in public] == [Path(image.original.name).name]
    assert Path(image.original.name).stem != Path(submission.image.name).stem
    assert "anh-san-pham" not in image.original.name
    # The submission's own copy stays private.
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / submission.image.name).is_file()


def test_certificate_scan_recorded_in_the_dashboard_is_private(client, staff, member, ocop_product):
    client.force_login(staff)
    data = {
        "product": ocop_product.pk,
        "stars": 4,
        "score": 80,
        "product_group": 1,
        "decision_number": "202/QĐ-UBND",
        "decision_date": "2026-01-05",
        "issuing_authority": "province",
        "issue_date": "2026-01-05",
        "evidence": SimpleUploadedFile("quyet-dinh.pdf", pdf_bytes(), "application/pdf"),
    }
    response = client.post(reverse("ocop:dash:certificate-create"), data)
    assert response.status_code == 302
    certificate = OcopCertificate.objects.get(decision_number="202/QĐ-UBND")
    assert "quyet-dinh" not in certificate.evidence.name
    assert _files_under(settings.MEDIA_ROOT) == []
    download = reverse("ocop:private-file", kwargs={"kind": "certificate", "pk": certificate.pk})
    listing = client.get(reverse("ocop:dash:certificate-list")).content.decode()
    assert download in listing
    client.force_login(member)
    assert client.get(download).status_code == 200
    client.logout()
    assert client.get(download).status_code == 302


def test_migration_moves_existing_public_files_into_private_storage(ocop_product, member):
    """Rows written before the change point at public files under their original names."""
    public = storages["default"]
    old_name = public.save("renewals/2025/giay-chung-nhan.pdf", ContentFile(pdf_bytes()))
    evidence = RenewalEvidence.objects.create(
        certificate=ocop_product.certificates.get(), file=ContentFile(b"", name="x.pdf")
    )
    RenewalEvidence.objects.filter(pk=evidence.pk).update(file=old_name)
    migration = importlib.import_module("catalogue.migrations.0039_private_files")

    migration.to_private(apps, None)

    evidence.refresh_from_db()
    assert not public.exists(old_name)
    assert "giay-chung-nhan" not in evidence.file.name
    assert storages["private"].exists(evidence.file.name)
    with evidence.file.open("rb") as moved:
        assert moved.read().startswith(b"%PDF-")


def test_a_private_root_inside_media_root_stops_the_site(settings, tmp_path):
    from catalogue.uploads import check_private_root

    settings.MEDIA_ROOT = str(tmp_path)
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    assert [error.id for error in check_private_root()] == ["catalogue.E001"]
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path.parent / "elsewhere")
    assert check_private_root() == []
