"""Producer portal and staff OCOP dashboard: the permission matrix and the approval flow.

Roles: producer A (member), producer B (other_member), store manager (a
partner user with dashboard access), staff (programme officer), anonymous.
"""

from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.test.factories import PartnerFactory, UserFactory
from PIL import Image

from catalogue.models import OcopCertificate, Producer, ProductSubmission, RenewalEvidence
from tests.catalogue.pdfs import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def store_manager(db):
    user = UserFactory(email="store@example.vn")
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    PartnerFactory().users.add(user)
    return user


def _edit_url(product):
    return reverse(
        "ocop:portal-product-edit", kwargs={"slug": product.producer.slug, "pk": product.pk}
    )


EDIT = {"title_vi": "Bánh đa nem mới", "title_en": "New rice paper", "description_vi": "Mô tả"}


def test_producer_edit_goes_to_staff_and_live_product_is_unchanged(client, member, ocop_product):
    client.force_login(member)
    response = client.post(_edit_url(ocop_product), EDIT)
    assert response.status_code == 302
    submission = ProductSubmission.objects.get()
    assert submission.state == "pending" and submission.product == ocop_product
    ocop_product.refresh_from_db()
    assert ocop_product.title_vi == "Bánh đa nem Thổ Hà"
    home = client.get(reverse("ocop:portal-producer", kwargs={"slug": "htx-gom-phu-lang"}))
    assert "Bánh đa nem mới" in home.content.decode()  # the producer sees the submission state


def test_staff_approval_publishes_the_change(client, member, staff, ocop_product):
    client.force_login(member)
    client.post(_edit_url(ocop_product), EDIT)
    submission = ProductSubmission.objects.get()
    client.force_login(staff)
    response = client.post(
        reverse("ocop:dash:submission-review", kwargs={"pk": submission.pk}),
        {"decision": "approve"},
    )
    assert response.status_code == 302
    ocop_product.refresh_from_db()
    assert (ocop_product.title_vi, ocop_product.title_en) == ("Bánh đa nem mới", "New rice paper")
    submission.refresh_from_db()
    assert submission.state == "approved"
    client.logout()
    assert "Bánh đa nem mới" in client.get(ocop_product.get_absolute_url()).content.decode()


def test_rejection_keeps_product_and_tells_producer(client, member, staff, ocop_product):
    client.force_login(member)
    client.post(_edit_url(ocop_product), EDIT)
    submission = ProductSubmission.objects.get()
    client.force_login(staff)
    client.post(
        reverse("ocop:dash:submission-review", kwargs={"pk": submission.pk}),
        {"decision": "reject", "note": "Thiếu ảnh"},
    )
    ocop_product.refresh_from_db()
    assert ocop_product.title_vi == "Bánh đa nem Thổ Hà"
    client.force_login(member)
    page = client.get(reverse("ocop:portal-producer", kwargs={"slug": "htx-gom-phu-lang"}))
    assert "Thiếu ảnh" in page.content.decode()


def test_new_product_proposal_is_created_on_approval(client, member, staff, producer):
    client.force_login(member)
    client.post(reverse("ocop:portal-product-create", kwargs={"slug": producer.slug}), EDIT)
    client.force_login(staff)
    submission = ProductSubmission.objects.get()
    client.post(
        reverse("ocop:dash:submission-review", kwargs={"pk": submission.pk}),
        {"decision": "approve"},
    )
    assert producer.products.get().title_vi == "Bánh đa nem mới"


def test_producer_cannot_touch_another_producers_product(
    client, member, ocop_product, other_product
):
    client.force_login(member)
    # Through A's own portal URL with B's product id, and through B's portal URL.
    forged = reverse(
        "ocop:portal-product-edit", kwargs={"slug": "htx-gom-phu-lang", "pk": other_product.pk}
    )
    assert client.get(forged).status_code == 404
    assert client.post(forged, EDIT).status_code == 404
    assert client.get(_edit_url(other_product)).status_code == 404
    assert client.post(_edit_url(other_product), EDIT).status_code == 404
    assert (
        client.get(
            reverse("ocop:portal-producer", kwargs={"slug": "cong-ty-dong-dai-bai"})
        ).status_code
        == 404
    )
    assert not ProductSubmission.objects.exists()
    other_product.refresh_from_db()
    assert other_product.title == "Trống đồng Đại Bái"


def test_producer_cannot_upload_renewal_for_another_producers_certificate(
    client, member, other_product
):
    from tests.catalogue.conftest import make_certificate

    certificate = make_certificate(other_product)
    client.force_login(member)
    url = reverse("ocop:portal-renewal", kwargs={"slug": "htx-gom-phu-lang", "pk": certificate.pk})
    pdf = SimpleUploadedFile("r.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url, {"file": pdf}).status_code == 404
    assert not RenewalEvidence.objects.exists()


def test_producer_uploads_renewal_evidence(client, member, ocop_product):
    certificate = ocop_product.certificates.get()
    client.force_login(member)
    url = reverse("ocop:portal-renewal", kwargs={"slug": "htx-gom-phu-lang", "pk": certificate.pk})
    pdf = SimpleUploadedFile("r.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url, {"file": pdf, "note": "Hồ sơ đánh giá lại"}).status_code == 302
    assert RenewalEvidence.objects.get().certificate == certificate


def test_portal_form_has_no_price_stock_or_certificate_fields(client, member, ocop_product):
    client.force_login(member)
    page = client.get(_edit_url(ocop_product)).content.decode()
    for name in ("price", "num_in_stock", "stars", "expiry_date", "is_public", "producer"):
        assert f'name="{name}"' not in page
    # Extra POST fields are ignored, not applied.
    client.post(_edit_url(ocop_product), {**EDIT, "price": "1", "stars": "5"})
    assert ocop_product.stockrecords.get().price == 125000
    assert OcopCertificate.objects.get().stars == 4


def test_portal_refusals_for_other_roles(client, ocop_product, store_manager, staff):
    url = _edit_url(ocop_product)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    for user in (store_manager, staff, UserFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(reverse("ocop:portal")).status_code == 403
        assert client.post(url, EDIT).status_code == 404
    assert not ProductSubmission.objects.exists()


def _png_upload(size=(30, 20), exif=True, fmt="JPEG", name="photo.jpg"):
    image = Image.new("RGB", size, "green")
    out = BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        image.save(out, fmt, exif=data.tobytes())
    else:
        image.save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def test_uploaded_picture_is_re_encoded_without_exif(client, member, ocop_product):
    client.force_login(member)
    client.post(_edit_url(ocop_product), {**EDIT, "image": _png_upload()})
    submission = ProductSubmission.objects.get()
    with submission.image.open("rb") as stored:
        data = stored.read()
    assert b"SecretCam" not in data
    with Image.open(BytesIO(data)) as image:
        assert not image.getexif()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("x.gif", b"GIF89a....", content_type="image/gif"), "JPEG"),
        (lambda: _png_upload(size=(5001, 5001), exif=False, fmt="PNG", name="big.png"), "25"),
        (
            lambda: SimpleUploadedFile(
                "huge.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024), content_type="image/jpeg"
            ),
            "10 MB",
        ),
    ],
    ids=["gif", "over-25-megapixels", "over-10-mb"],
)
def test_bad_pictures_are_refused_with_a_clear_message(
    client, member, ocop_product, upload, message
):
    client.force_login(member)
    response = client.post(_edit_url(ocop_product), {**EDIT, "image": upload()})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["image"])
    assert not ProductSubmission.objects.exists()


def test_staff_dashboard_refuses_everyone_else(client, ocop_product, member, store_manager):
    urls = [
        reverse("ocop:dash:overview"),
        reverse("ocop:dash:producer-list"),
        reverse("ocop:dash:certificate-create"),
        reverse("ocop:dash:submission-list"),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous → sign in
    for user in (member, store_manager):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        status = reverse("ocop:dash:producer-status", kwargs={"pk": ocop_product.producer.pk})
        assert client.post(status, {"status": "suspended"}).status_code == 403
    assert Producer.objects.get(pk=ocop_product.producer.pk).status == "verified"


def test_staff_verify_producer_and_record_certificate(client, staff, producer, product):
    producer.status = "pending"
    producer.save()
    client.force_login(staff)
    for url in ("ocop:dash:overview", "ocop:dash:producer-list", "ocop:dash:certificate-list"):
        assert client.get(reverse(url)).status_code == 200
    client.post(
        reverse("ocop:dash:producer-status", kwargs={"pk": producer.pk}), {"status": "verified"}
    )
    producer.refresh_from_db()
    assert producer.status == "verified"
    product.producer = producer
    product.save()
    data = {
        "product": product.pk,
        "stars": 3,
        "score": 72,
        "product_group": 1,
        "decision_number": "55/QĐ-UBND",
        "decision_date": "2025-01-02",
        "issuing_authority": "province",
        "issue_date": "2025-01-02",
    }
    refused = client.post(reverse("ocop:dash:certificate-create"), data)
    assert refused.status_code == 200 and "score" in refused.context["form"].errors
    assert not OcopCertificate.objects.exists()
    data["score"] = 65
    assert client.post(reverse("ocop:dash:certificate-create"), data).status_code == 302
    assert OcopCertificate.objects.get().expiry_date.isoformat() == "2028-01-02"


def test_dashboard_menu_links_ocop_pages_for_staff(client, staff):
    client.force_login(staff)
    page = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("ocop:dash:certificate-list") in page


def test_producer_proposes_attribute_values_that_apply_on_approval(client, member, ocop_product):
    from catalogue.models import ProductAttribute
    from catalogue.services import approve_submission

    product_class = ocop_product.get_product_class()
    ProductAttribute.objects.create(
        product_class=product_class, name="Khối lượng (g)", code="weight_g", type="integer"
    )
    ProductAttribute.objects.create(
        product_class=product_class, name="Chứng nhận", code="certificate_file", type="file"
    )
    client.force_login(member)
    page = client.get(_edit_url(ocop_product)).content.decode()
    assert 'name="attr_weight_g"' in page
    assert 'name="attr_certificate_file"' not in page  # files stay with staff

    bad = client.post(_edit_url(ocop_product), {**EDIT, "attr_weight_g": "nặng"})
    assert bad.status_code == 200 and "attr_weight_g" in bad.context["form"].errors
    assert not ProductSubmission.objects.exists()

    client.post(_edit_url(ocop_product), {**EDIT, "attr_weight_g": "500"})
    submission = ProductSubmission.objects.get()
    assert submission.attributes == {"weight_g": 500}
    ocop_product.refresh_from_db()
    assert getattr(ocop_product.attr, "weight_g", None) is None  # live product unchanged

    approve_submission(submission=submission, by=UserFactory(is_staff=True))
    ocop_product.refresh_from_db()
    ocop_product.attr.initialize()
    assert ocop_product.attr.weight_g == 500
