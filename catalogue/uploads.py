"""Checks and clean-up for files uploaded by producers and staff.

Images are checked from their header before any pixel is decoded (Pillow only
warns below ~179 megapixels, so we enforce our own cap), then re-encoded,
which also drops EXIF (GPS position, camera serial numbers).
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _too_big(upload) -> bool:
    return upload.size is not None and upload.size > MAX_UPLOAD_BYTES


def _image_format(upload) -> str | None:
    """The Pillow format name read from the header only, or None if not an image."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is %(mp)s megapixels; the limit is 25 megapixels."),
            params={"mp": round(width * height / 1_000_000)},
            code="too_many_pixels",
        )
    return fmt


def validate_evidence_file(upload) -> None:
    """A scanned certificate: PDF, JPEG, PNG or WebP, at most 10 MB."""
    if _too_big(upload):
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return
    if _image_format(upload) not in IMAGE_FORMATS:
        raise ValidationError(
            _("Upload a PDF or an image (JPEG, PNG or WebP)."), code="invalid_type"
        )


def validate_product_image(upload) -> None:
    """A product picture: JPEG, PNG or WebP, at most 10 MB and 25 megapixels."""
    if _too_big(upload):
        raise ValidationError(_("The image is larger than 10 MB."), code="too_large")
    if _image_format(upload) not in IMAGE_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="invalid_type")


def reencode_image(upload, *, name: str) -> ContentFile:
    """Decode a validated image and encode it again without its metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        fmt = image.format
        image = ImageOps.exif_transpose(image)  # keep the orientation EXIF described
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.info.clear()  # no EXIF, XMP or ICC text carried over
        out = BytesIO()
        options = {"quality": 88, "exif": b""} if fmt != "PNG" else {}
        image.save(out, format=fmt, **options)
    return ContentFile(out.getvalue(), name=f"{name}.{IMAGE_FORMATS[fmt]}")
