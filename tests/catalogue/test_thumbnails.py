"""Product image thumbnails are made when the image is saved, not by the first page view."""

import io
import re
from decimal import Decimal
from pathlib import Path

import oscar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from sorl.thumbnail import default as sorl

from catalogue.models import ProductImage
from catalogue.thumbnails import TEMPLATE_THUMBNAILS
from tests.factories import create_product

ROOT = Path(__file__).resolve().parents[2]
# Templates that shoppers' pages render: ours, and Oscar's outside the dashboard.
TEMPLATE_DIRS = [ROOT / "templates", Path(oscar.__file__).parent / "templates" / "oscar"]
TAG = re.compile(r"\{%\s*oscar_thumbnail\s+\S+\s+\"([^\"]+)\"(.*?)\s+as\s+\w+\s*%\}")
OPTION = re.compile(r'(\w+)=("?)([^"\s]+)\2')


def _asked_for() -> set[tuple[str, tuple]]:
    asked = set()
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            relative = path.relative_to(folder).as_posix()
            if relative.startswith(("dashboard/", "forms/widgets/")):
                continue
            for size, options in TAG.findall(path.read_text()):
                values = {
                    key: {"False": False, "True": True}.get(value, value)
                    for key, _quote, value in OPTION.findall(options)
                }
                asked.add((size, tuple(sorted(values.items()))))
    return asked


def test_every_size_the_templates_ask_for_is_made_in_advance():
    listed = {(size, tuple(sorted(options.items()))) for size, options in TEMPLATE_THUMBNAILS}
    asked = _asked_for()
    assert ("400x400", (("crop", "center"), ("upscale", False))) in asked  # the product card
    assert asked - listed == set()


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 700), (180, 90, 40)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@pytest.fixture
def thumbnails_made(monkeypatch):
    """Every thumbnail sorl actually resizes, by geometry."""
    made = []
    create = sorl.backend._create_thumbnail

    def record(source_image, geometry, options, thumbnail):
        made.append(geometry)
        return create(source_image, geometry, options, thumbnail)

    monkeypatch.setattr(sorl.backend, "_create_thumbnail", record)
    return made


@pytest.fixture
def pictured_product(db, food_category, product_producer, django_capture_on_commit_callbacks):
    product = create_product(
        title="Gốm Phù Lãng", price=Decimal("250000"), num_in_stock=5, producer=product_producer
    )
    product.categories.add(food_category)
    with django_capture_on_commit_callbacks(execute=True):
        ProductImage.objects.create(
            product=product,
            original=SimpleUploadedFile("gom.jpg", jpeg(), content_type="image/jpeg"),
            display_order=0,
        )
    return product


def test_saving_a_product_image_makes_its_thumbnails_so_pages_do_not(
    client, thumbnails_made, pictured_product
):
    assert sorted(thumbnails_made) == sorted(size for size, _options in TEMPLATE_THUMBNAILS)
    thumbnails_made.clear()

    listing = client.get(reverse("catalogue:index"))
    page = client.get(pictured_product.get_absolute_url())

    assert listing.status_code == page.status_code == 200
    assert "Gốm Phù Lãng" in listing.text
    assert re.search(r'<img src="[^"]*/cache/[^"]+"', listing.text)  # the card's thumbnail
    assert re.search(r'<img src="[^"]*/cache/[^"]+"', page.text)  # the gallery's
    assert thumbnails_made == []
