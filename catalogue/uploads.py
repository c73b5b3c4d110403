"""Checks, clean-up and storage for files uploaded by producers and staff.

Every upload is judged by its content, never by the name or type the
uploader's browser gave: the extension must agree with what the bytes are.

- Images are checked from their header before any pixel is decoded (Pillow
  only warns below twice its own cap, so we enforce ours), then re-encoded,
  which drops EXIF (GPS position, camera serial numbers) while the
  orientation EXIF described is applied to the pixels.
- A PDF must parse with pypdf and have at least one readable page; an HTML
  file that merely starts with ``%PDF-`` is refused.

Private files (renewal evidence, certificate scans, pictures waiting for
approval) live in the "private" storage (settings.STORAGES), which has no
URL: they are handed out only by catalogue.file_views after a permission
check. Their names are random, so even a listing of that storage says nothing.
"""

import uuid
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Pillow format name → the one extension we store it under.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# The stored extension (always one we chose) → the content type we serve.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
# Extensions an uploader may give, by the stored extension they mean.
EXTENSIONS = {"pdf": {"pdf"}, "jpg": {"jpg", "jpeg"}, "png": {"png"}, "webp": {"webp"}}


def max_image_pixels() -> int:
    return settings.OCOP_MAX_IMAGE_PIXELS


def _too_big(upload) -> bool:
    return upload.size is not None and upload.size > MAX_UPLOAD_BYTES


def _pixel_error(pixels: int | None) -> ValidationError:
    limit = round(max_image_pixels() / 1_000_000)
    if pixels is None:
        return ValidationError(
            _("The image has more than %(limit)s megapixels."),
            params={"limit": limit},
            code="too_many_pixels",
        )
    return ValidationError(
        _("The image is %(mp)s megapixels; the limit is %(limit)s megapixels."),
        params={"mp": round(pixels / 1_000_000), "limit": limit},
        code="too_many_pixels",
    )


def image_format(upload) -> str | None:
    """The Pillow format name read from the header only, or None if not an image.

    Raises ValidationError when the header announces more pixels than allowed;
    nothing is decoded, so a small file that would expand to gigabytes costs
    only its header.
    """
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt, (width, height) = image.format, image.size
            # Animated PNG/WebP count every frame; reading the count of other
            # formats (GIF) can mean decoding them, and we refuse them anyway.
            frames = getattr(image, "n_frames", 1) if fmt in ("PNG", "WEBP") else 1
    except Image.DecompressionBombError:
        # Pillow's own backstop (PIL.Image.MAX_IMAGE_PIXELS, set from settings).
        raise _pixel_error(None) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        upload.seek(0)
    if width * height * frames > max_image_pixels():
        raise _pixel_error(width * height * frames)
    return fmt


def _is_pdf(upload) -> bool:
    """A PDF that pypdf can read: its page tree parses and has a page."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        return False
    try:
        reader = PdfReader(BytesIO(upload.read()))
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        pages = len(reader.pages)
        if pages:
            reader.pages[0].mediabox  # noqa: B018 — the first page must be readable too
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, OSError, RecursionError):
        # pypdf reports a malformed file through several exception types.
        return False
    finally:
        upload.seek(0)
    return pages >= 1


def _given_extension(upload) -> str:
    return PurePath(getattr(upload, "name", "") or "").suffix.lower().lstrip(".")


def _refuse_mismatch(upload, stored_ext: str) -> None:
    if _given_extension(upload) not in EXTENSIONS[stored_ext]:
        raise ValidationError(
            _("The file name ends in “.%(given)s” but the file is a %(kind)s."),
            params={"given": _given_extension(upload) or "", "kind": stored_ext.upper()},
            code="extension_mismatch",
        )


def evidence_type(upload) -> str:
    """Validate a scanned certificate or renewal evidence; return its stored extension.

    PDF, JPEG, PNG or WebP, at most 10 MB, with an extension that says what
    the file is.
    """
    if _too_big(upload):
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
    if _is_pdf(upload):
        stored = "pdf"
    else:
        fmt = image_format(upload)
        if fmt not in IMAGE_FORMATS:
            upload.seek(0)
            if upload.read(5) == b"%PDF-":
                upload.seek(0)
                raise ValidationError(
                    _("The PDF could not be read. Save it again as PDF and upload the new file."),
                    code="invalid_pdf",
                )
            upload.seek(0)
            raise ValidationError(
                _("Upload a PDF or an image (JPEG, PNG or WebP)."), code="invalid_type"
            )
        stored = IMAGE_FORMATS[fmt]
    _refuse_mismatch(upload, stored)
    return stored


def _already_stored(upload) -> bool:
    # A model's full_clean passes the FieldFile of a file saved long ago: it
    # was judged when it came in, and reading it back from storage is waste.
    return getattr(upload, "_committed", False)


def validate_evidence_file(upload) -> None:
    """Model and form validator for evidence files (see `evidence_type`)."""
    if not _already_stored(upload):
        evidence_type(upload)


def product_image_type(upload) -> str:
    """Validate a product picture: JPEG, PNG or WebP, at most 10 MB and 25 megapixels."""
    if _too_big(upload):
        raise ValidationError(_("The image is larger than 10 MB."), code="too_large")
    fmt = image_format(upload)
    if fmt not in IMAGE_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="invalid_type")
    _refuse_mismatch(upload, IMAGE_FORMATS[fmt])
    return IMAGE_FORMATS[fmt]


def validate_product_image(upload) -> None:
    """Model and form validator for pictures (see `product_image_type`)."""
    if not _already_stored(upload):
        product_image_type(upload)


def reencode_image(upload, *, name: str) -> ContentFile:
    """Decode a validated image and encode it again without its metadata.

    The pixel limit is checked from the header first, whoever calls this.
    """
    fmt = image_format(upload)
    if fmt not in IMAGE_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="invalid_type")
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)  # keep the orientation EXIF described
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.info.clear()  # no EXIF, XMP or ICC text carried over
        out = BytesIO()
        options = {"quality": 88, "exif": b""} if fmt != "PNG" else {}
        image.save(out, format=fmt, **options)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=f"{name}.{IMAGE_FORMATS[fmt]}")


def clean_evidence(upload) -> ContentFile:
    """The bytes to store for an evidence upload: a PDF as sent, an image re-encoded."""
    stored = evidence_type(upload)
    if stored == "pdf":
        upload.seek(0)
        return ContentFile(upload.read(), name="evidence.pdf")
    return reencode_image(upload, name="evidence")


# --- storage --------------------------------------------------------------------


class PrivateStorage(FileSystemStorage):
    """Files on disk under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, with no URL.

    `url()` raises: a template that tries to link a private file fails loudly
    instead of printing a public address.
    """

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, **kwargs)
        setting_changed.connect(self._forget_root)

    def _forget_root(self, *, setting, **kwargs):
        if setting == "PRIVATE_MEDIA_ROOT":
            for name in ("base_location", "location"):
                self.__dict__.pop(name, None)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None


def check_private_root(app_configs=None, **kwargs):
    """System check: private files must not sit where the public media server looks."""
    from django.core.checks import Error

    private = PurePath(settings.PRIVATE_MEDIA_ROOT)
    public = PurePath(settings.MEDIA_ROOT)
    if private == public or public in private.parents:
        return [
            Error(
                "PRIVATE_MEDIA_ROOT is inside MEDIA_ROOT: private files would be public.",
                hint="Set DJANGO_PRIVATE_MEDIA_ROOT to a directory outside DJANGO_MEDIA_ROOT.",
                id="catalogue.E001",
            )
        ]
    return []


def private_storage():
    """The "private" storage of settings.STORAGES (a callable, so migrations name it)."""
    return storages["private"]


@deconstructible
class RandomName:
    """upload_to: `<folder>/<year>/<random>.<ext>`; the uploader's name is never kept.

    The extension is one we chose after validation (see `clean_evidence`);
    anything else is stored as `.bin`, which nothing serves as a page.
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        ext = PurePath(filename).suffix.lower().lstrip(".")
        ext = {"jpeg": "jpg"}.get(ext, ext)
        ext = ext if ext in CONTENT_TYPES else "bin"
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def random_image_name() -> str:
    return uuid.uuid4().hex


def content_type_of(name: str) -> str:
    """The content type of a stored file, from the extension we gave it."""
    return CONTENT_TYPES.get(PurePath(name).suffix.lower().lstrip("."), "application/octet-stream")


# --- one hook for every stored picture ----------------------------------------

# The picture field of each model the hook is connected to, by name.
IMAGE_FIELD_NAMES = ("original", "logo", "file")


def strip_image_metadata(sender, instance, **kwargs) -> None:
    """pre_save: re-encode a newly assigned picture so no metadata is stored.

    Connected (catalogue.apps) for Wagtail images, Oscar product images and
    producer logos, whatever wrote them: the admin forms, the dashboard, demo
    data, the shell. Only a file not yet in storage is touched, so saving
    other fields costs nothing. The pixel limit is checked from the header
    before decoding.
    """
    field_name = next(name for name in IMAGE_FIELD_NAMES if hasattr(instance, name))
    fieldfile = getattr(instance, field_name)
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return
    stem = slugify(PurePath(fieldfile.name or "").stem)[:60] or random_image_name()
    setattr(instance, field_name, reencode_image(fieldfile.file, name=stem))
    if hasattr(instance, "_set_image_file_metadata"):
        # Wagtail's size and duplicate-detection hash must describe the stored bytes.
        instance._set_image_file_metadata()


def strip_uploaded_image_metadata(sender, instance, **kwargs) -> None:
    """pre_save of Wagtail's UploadedFile (multiple upload, waiting for its alt text).

    Wagtail later copies that file into the image with `FieldFile.save`, which
    no image pre_save sees, so the metadata goes here. Documents pass as sent.
    """
    if instance.file and not instance.file._committed and image_format(instance.file.file):
        strip_image_metadata(sender, instance, **kwargs)


def has_metadata(data: bytes) -> bool:
    """Whether a stored picture still carries EXIF (GPS, camera) or text chunks."""
    try:
        with Image.open(BytesIO(data)) as image:
            return bool(image.getexif()) or any(
                key in image.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment")
            )
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False


def strip_stored_image(fieldfile) -> bool:
    """Re-encode one stored picture that still carries metadata; True if it did.

    For files stored before uploads were cleaned (see the
    `strip_image_metadata` command). The clean copy replaces the file under a
    new name in the same storage and the old file is deleted; the caller saves
    the row.
    """
    if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        return False
    with fieldfile.storage.open(fieldfile.name, "rb") as stored:
        data = stored.read()
    if not has_metadata(data):
        return False
    old_name = fieldfile.name
    stem = slugify(PurePath(old_name).stem)[:60] or random_image_name()
    cleaned = reencode_image(BytesIO(data), name=stem)
    fieldfile.save(cleaned.name, cleaned, save=False)
    fieldfile.storage.delete(old_name)
    return True
