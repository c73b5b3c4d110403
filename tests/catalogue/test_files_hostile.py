"""Hostile files: fake PDFs, mismatched extensions, EXIF GPS and pixel bombs.

Through the pages that take uploads: the producer portal (renewal evidence,
product pictures), the OCOP dashboard approval, Wagtail's image and document
admin, and Oscar's dashboard product image form.
"""

import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class
from oscar.test.factories import UserFactory
from PIL import Image, ImageFile
from pypdf import PdfWriter
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from catalogue.models import ProductImage, ProductSubmission, RenewalEvidence
from tests.catalogue.pdfs import pdf_bytes

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(size=(40, 30), orientation: int | None = None) -> bytes:
    """A JPEG carrying a GPS position (Bắc Ninh) and a camera make in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif[GPS_IFD] = {1: "N", 2: (21.0, 11.0, 13.0), 3: "E", 4: (106.0, 3.0, 50.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    out = BytesIO()
    Image.new("RGB", size, "green").save(out, "JPEG", exif=exif.tobytes())
    data = out.getvalue()
    with Image.open(BytesIO(data)) as check:  # the fixture itself must carry GPS
        assert check.getexif().get_ifd(GPS_IFD)
    return data


def assert_no_location(data: bytes) -> None:
    assert b"SecretCam" not in data
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert GPS_IFD not in exif


def png_of(width: int, height: int) -> bytes:
    """A valid, tiny-on-disk RGB PNG of any size, written without Pillow decoding it."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (3 * width)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def bomb_100mp() -> bytes:
    return png_of(10_000, 10_000)


@pytest.fixture(scope="module")
def bomb_30mp() -> bytes:
    return png_of(6_000, 5_000)


@pytest.fixture
def no_decoding(monkeypatch):
    """Fails the test if any image's pixels are decoded (Pillow's load)."""
    calls = []
    original = ImageFile.ImageFile.load

    def spy(self, *args, **kwargs):
        calls.append(self.size)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return calls


# --- renewal evidence through the portal ------------------------------------------


def _renewal(client, member, product, name, data, content_type="application/pdf"):
    client.force_login(member)
    url = reverse(
        "ocop:portal-renewal",
        kwargs={"slug": product.producer.slug, "pk": product.certificates.get().pk},
    )
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type=content_type)})


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _no_pages_pdf() -> bytes:
    out = BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, "PNG")
    return out.getvalue()


HTML_AS_PDF = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", HTML_AS_PDF, "Không đọc được tệp PDF"),
        ("scan.pdf", pdf_bytes()[:200], "Không đọc được tệp PDF"),
        ("scan.pdf", _encrypted_pdf(), "Không đọc được tệp PDF"),
        ("scan.pdf", _no_pages_pdf(), "Không đọc được tệp PDF"),
        ("scan.jpg", pdf_bytes(), "đuôi “.jpg” nhưng nội dung tệp là PDF"),
        ("scan.pdf", _png(), "đuôi “.pdf” nhưng nội dung tệp là PNG"),
        ("scan.html", pdf_bytes(), "đuôi “.html” nhưng nội dung tệp là PDF"),
        ("scan", pdf_bytes(), "nhưng nội dung tệp là PDF"),
    ],
    ids=[
        "html-starting-with-pdf",
        "truncated-pdf",
        "password-protected",
        "no-pages",
        "pdf-named-jpg",
        "png-named-pdf",
        "pdf-named-html",
        "no-extension",
    ],
)
def test_hostile_evidence_is_refused_with_a_clear_message(
    client, member, ocop_product, name, data, message
):
    response = _renewal(client, member, ocop_product, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RenewalEvidence.objects.exists()
    assert not [p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()]


def test_refusal_is_translated_under_en(client, member, ocop_product):
    client.force_login(member)
    kwargs = {"slug": "htx-gom-phu-lang", "pk": ocop_product.certificates.get().pk}
    upload = SimpleUploadedFile("scan.pdf", HTML_AS_PDF, content_type="application/pdf")
    vietnamese = client.post(reverse("ocop:portal-renewal", kwargs=kwargs), {"file": upload})
    assert "Không đọc được tệp PDF" in vietnamese.content.decode()
    upload.seek(0)
    with translation.override("en"):
        english_url = reverse("ocop:portal-renewal", kwargs=kwargs)
    english = client.post(english_url, {"file": upload}).content.decode()
    assert "The PDF could not be read" in english


def test_evidence_jpeg_loses_gps_but_keeps_orientation(client, member, ocop_product):
    data = jpeg_with_gps(size=(40, 30), orientation=6)  # "rotate 90° clockwise to view"
    response = _renewal(client, member, ocop_product, "photo.JPG", data, "image/jpeg")
    assert response.status_code == 302
    with RenewalEvidence.objects.get().file.open("rb") as stored:
        kept = stored.read()
    assert_no_location(kept)
    with Image.open(BytesIO(kept)) as image:
        assert image.size == (30, 40)  # the rotation is applied to the pixels
        assert ORIENTATION not in image.getexif()


def test_evidence_pixel_bomb_is_refused_before_decoding(
    client, member, ocop_product, bomb_100mp, no_decoding
):
    response = _renewal(client, member, ocop_product, "scan.png", bomb_100mp, "image/png")
    assert "25 megapixel" in response.content.decode()
    assert not RenewalEvidence.objects.exists()
    assert no_decoding == []


# --- product pictures: portal, approval, Oscar's dashboard form --------------------


def test_portal_picture_loses_gps_in_private_copy_and_in_published_image(
    client, member, staff, ocop_product
):
    client.force_login(member)
    edit = reverse(
        "ocop:portal-product-edit", kwargs={"slug": "htx-gom-phu-lang", "pk": ocop_product.pk}
    )
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post(edit, {"title_vi": "Bánh đa nem", "image": upload})
    submission = ProductSubmission.objects.get()
    with submission.image.open("rb") as stored:
        assert_no_location(stored.read())
    client.force_login(staff)
    client.post(
        reverse("ocop:dash:submission-review", kwargs={"pk": submission.pk}),
        {"decision": "approve"},
    )
    image = ocop_product.images.get(display_order=0)
    with image.original.open("rb") as published:
        assert_no_location(published.read())


def test_portal_picture_pixel_bomb_is_refused_before_decoding(
    client, member, ocop_product, bomb_30mp, no_decoding
):
    client.force_login(member)
    edit = reverse(
        "ocop:portal-product-edit", kwargs={"slug": "htx-gom-phu-lang", "pk": ocop_product.pk}
    )
    upload = SimpleUploadedFile("big.png", bomb_30mp, content_type="image/png")
    page = client.post(edit, {"title_vi": "Bánh đa nem", "image": upload}).content.decode()
    assert "30 megapixel" in page
    assert not ProductSubmission.objects.exists()
    assert no_decoding == []


ProductImageForm = get_class("dashboard.catalogue.forms", "ProductImageForm")


def test_oscar_dashboard_product_image_loses_gps(ocop_product):
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_gps(), content_type="image/jpeg")
    form = ProductImageForm(
        data={"images-0-product": ocop_product.pk, "images-0-display_order": 0},
        files={"images-0-original": upload},
        prefix="images-0",
    )
    assert form.is_valid(), form.errors
    image = form.save()
    with image.original.open("rb") as stored:
        assert_no_location(stored.read())


@pytest.mark.parametrize(("bomb", "message"), [("bomb_30mp", "30 megapixel"), ("bomb_100mp", "")])
def test_oscar_dashboard_product_image_pixel_bomb_is_refused(
    ocop_product, bomb, message, request, no_decoding
):
    upload = SimpleUploadedFile("big.png", request.getfixturevalue(bomb), "image/png")
    form = ProductImageForm(
        data={"images-0-product": ocop_product.pk, "images-0-display_order": 0},
        files={"images-0-original": upload},
        prefix="images-0",
    )
    assert not form.is_valid()
    assert message in str(form.errors["original"])
    assert not ProductImage.objects.exists()
    assert no_decoding == []


# --- Wagtail images and documents, through the admin pages -------------------------


@pytest.fixture
def editor(client, db):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _root_collection() -> Collection:
    # Wagtail's migration makes it, but a browser test's flush may have removed it.
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _collection():
    return _root_collection().pk


def test_wagtail_image_original_and_rendition_lose_gps(client, editor):
    upload = SimpleUploadedFile("lang-nghe.jpg", jpeg_with_gps(orientation=6), "image/jpeg")
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Làng nghề",
            "description": "Nghệ nhân",
            "file": upload,
            "collection": _collection(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Làng nghề")
    with image.file.open("rb") as original:
        data = original.read()
    assert_no_location(data)
    assert (image.width, image.height) == (30, 40)  # orientation kept
    assert image.file_size == len(data)  # Wagtail's metadata describes the stored bytes
    rendition = image.get_rendition("fill-20x20")
    with rendition.file.open("rb") as thumb:
        assert_no_location(thumb.read())


def test_wagtail_multiple_upload_loses_gps(client, editor):
    """Alt text is required, so the upload waits as an UploadedFile until the
    editor fills it in; neither the waiting file nor the image keeps GPS."""
    upload = SimpleUploadedFile("cho-que.jpg", jpeg_with_gps(), "image/jpeg")
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload, "collection": _collection()},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200 and response.json()["success"], response.json()
    waiting = UploadedFile.objects.get()
    with waiting.file.open("rb") as stored:
        assert_no_location(stored.read())
    prefix = f"uploaded-image-{waiting.pk}"
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[waiting.pk]),
        {
            f"{prefix}-title": "Chợ quê",
            f"{prefix}-description": "Chợ quê Bắc Ninh",
            f"{prefix}-collection": _collection(),
            f"{prefix}-tags": "",
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"], response.json()
    image = get_image_model().objects.get()
    with image.file.open("rb") as original:
        assert_no_location(original.read())


@pytest.mark.parametrize("bomb", ["bomb_30mp", "bomb_100mp"])
def test_wagtail_image_pixel_bomb_is_refused_before_decoding(
    client, editor, bomb, request, no_decoding
):
    upload = SimpleUploadedFile("bomb.png", request.getfixturevalue(bomb), "image/png")
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Bom", "description": "x", "file": upload, "collection": _collection()},
    )
    assert response.status_code == 200
    assert "megapixel" in response.content.decode()
    assert not get_image_model().objects.exists()
    assert no_decoding == []


def test_wagtail_image_pixel_check_costs_no_memory(bomb_100mp, tmp_path):
    """Peak memory of refusing a 100-megapixel PNG, measured in a fresh process.

    Wagtail's own field decoded it (Willow's `load()`): ~380 MB here before
    the change; the header check refuses it for almost nothing. (That the
    admin form uses this field is shown by the page tests above.)
    """
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb_100mp)
    script = f"""
import resource, django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from cms.forms import HeaderCheckedImageField
field = HeaderCheckedImageField()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data = open({str(path)!r}, "rb").read()
try:
    field.clean(SimpleUploadedFile("bomb.png", data, "image/png"))
    print("accepted")
except ValidationError:
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) // 1024)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={
            "DJANGO_SETTINGS_MODULE": "storefront.settings.test",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    grown_mb = int(result.stdout.strip().splitlines()[-1])
    assert grown_mb < 30


def test_wagtail_document_checks_size_and_content(client, editor):
    add = reverse("wagtaildocs:add")

    def post(name, data):
        upload = SimpleUploadedFile(name, data, "application/pdf")
        return client.post(add, {"title": name, "file": upload, "collection": _collection()})

    assert "Không đọc được tệp PDF" in post("trang.pdf", HTML_AS_PDF).content.decode()
    big = pdf_bytes() + b"%" + b"0" * (10 * 1024 * 1024)
    assert "10 MB" in post("lon.pdf", big).content.decode()
    assert "nội dung tệp là PDF" in post("anh.png", pdf_bytes()).content.decode()
    assert not get_document_model().objects.exists()
    assert post("quy-che.pdf", pdf_bytes()).status_code == 302
    document = get_document_model().objects.get()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Type"] == "application/pdf"


def test_producer_logo_loses_gps(client, staff, producer):
    client.force_login(staff)
    url = reverse("ocop:dash:producer-update", kwargs={"pk": producer.pk})
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "logo"}
    data["craft_village"] = ""
    data["logo"] = SimpleUploadedFile("logo.jpg", jpeg_with_gps(), "image/jpeg")
    assert client.post(url, data).status_code == 302
    producer.refresh_from_db()
    with producer.logo.open("rb") as stored:
        assert_no_location(stored.read())


def test_pillow_refuses_a_bomb_process_wide():
    """Code we do not control (sorl-thumbnail, Willow) opens images too."""
    assert Image.MAX_IMAGE_PIXELS == settings.OCOP_MAX_IMAGE_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(BytesIO(png_of(8_000, 8_000)))


class _FormFields(HTMLParser):
    """The fields a browser would send for the form with `form_id`."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.data: dict[str, object] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_form = self._done = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id and not self._done:
            self._in_form = True
        if not self._in_form or not attrs.get("name"):
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("file", "submit", "button"):
                self.data[name] = attrs.get("value") or ""
        elif tag == "select":
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


class _Options(_FormFields):
    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        if tag == "option" and self._select and "selected" in dict(attrs):
            self.data[self._select] = dict(attrs).get("value", "")


def _post_dashboard_product(client, staff, product, upload):
    """The real dashboard page: every field as the page renders it, plus a picture."""
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    parser = _Options("create_update_product_form")
    parser.feed(client.get(url).content.decode())
    return client.post(url, {**parser.data, "images-0-original": upload})


def test_oscar_dashboard_product_page_upload_loses_gps(client, staff, ocop_product):
    upload = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), "image/jpeg")
    response = _post_dashboard_product(client, staff, ocop_product, upload)
    assert response.status_code == 302, response.context["form"].errors
    image = ProductImage.objects.get(product=ocop_product)
    with image.original.open("rb") as stored:
        assert_no_location(stored.read())


def test_oscar_dashboard_product_page_refuses_a_pixel_bomb(
    client, staff, ocop_product, bomb_30mp, no_decoding
):
    upload = SimpleUploadedFile("lon.png", bomb_30mp, "image/png")
    response = _post_dashboard_product(client, staff, ocop_product, upload)
    assert response.status_code == 200
    assert "30 megapixel" in response.content.decode()
    assert not ProductImage.objects.exists()
    assert no_decoding == []


def test_command_strips_pictures_stored_before(ocop_product, member):
    """Files written before the hooks existed (here: straight into storage)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages
    from django.core.management import call_command

    public = storages["default"]
    name = public.save("images/products/2025/old.jpg", ContentFile(jpeg_with_gps()))
    image = ProductImage(product=ocop_product, display_order=5)
    image.original.name = name
    image.save()
    wagtail = get_image_model()(title="Cũ", width=40, height=30, collection=_root_collection())
    wagtail.file.name = public.save("original_images/cu.jpg", ContentFile(jpeg_with_gps()))
    wagtail.save()
    wagtail.get_rendition("fill-20x20")

    out = StringIO()
    call_command("strip_image_metadata", stdout=out)

    assert "2 pictures cleaned" in out.getvalue()
    image.refresh_from_db()
    wagtail.refresh_from_db()
    for stored in (image.original, wagtail.file):
        with stored.open("rb") as f:
            assert_no_location(f.read())
    assert not public.exists(name)
    with wagtail.get_rendition("fill-20x20").file.open("rb") as f:
        assert_no_location(f.read())
    call_command("strip_image_metadata", stdout=(again := StringIO()))
    assert "0 pictures cleaned" in again.getvalue()
