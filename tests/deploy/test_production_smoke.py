"""The shop starts and sells with the production settings: collectstatic, then gunicorn.

Runs on PostgreSQL and on SQLite, in the normal test command.
"""

import io
import re
from html import unescape
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalogue.models import ProductImage
from tests.deploy.conftest import Browser

ROOT = Path(__file__).resolve().parents[2]


def jpeg(width=640, height=480) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 90, 40)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def test_collectstatic_with_production_settings_hashes_every_static_file(collected_static):
    """Every file we ship (vendored ones included) went through the manifest's post-processing."""
    shipped = {
        path.relative_to(ROOT / "static").as_posix()
        for path in (ROOT / "static").rglob("*")
        if path.is_file()
    }
    paths = collected_static.manifest["paths"]
    assert shipped - set(paths) == set()
    assert "vendor/leaflet/leaflet.js" in paths and "vendor/leaflet/leaflet.js.map" in paths
    for name in shipped:
        assert (collected_static.root / paths[name]).is_file(), name
    # The source map reference was rewritten to the map's hashed name.
    leaflet = (collected_static.root / paths["vendor/leaflet/leaflet.js"]).read_text()
    map_name = Path(paths["vendor/leaflet/leaflet.js.map"]).name
    assert leaflet.rstrip().endswith(f"sourceMappingURL={map_name}")


def first(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found"
    return unescape(match.group(1))


@pytest.mark.django_db(transaction=True)
def test_gunicorn_with_production_settings_serves_the_shop_through_checkout(
    production_server, collected_static, site_tree, product
):
    ProductImage.objects.create(
        product=product,
        original=SimpleUploadedFile("banh-da-nem.jpg", jpeg(), content_type="image/jpeg"),
        caption="Bánh đa nem Thổ Hà",
        display_order=0,
    )

    with production_server() as (base_url, log):
        browser = Browser(base_url)

        # Plain HTTP is sent to HTTPS, as behind the TLS proxy.
        plain = Browser(base_url).get("/", headers={"X-Forwarded-Proto": "http"})
        assert plain.status == 301 and plain.headers["Location"].startswith("https://")

        home = browser.get("/")
        assert home.status == 200, log.read_text()[-3000:]
        assert "Bánh đa nem Thổ Hà" in home.text

        # A static asset by its hashed name from the manifest, as the page links it.
        css = "/static/" + collected_static.manifest["paths"]["css/ocop.css"]
        assert css in home.text
        asset = browser.get(css)
        assert asset.status == 200
        assert asset.headers["Content-Type"].startswith("text/css")
        assert "immutable" in asset.headers["Cache-Control"]

        listing = browser.get("/shop/catalogue/")
        assert listing.status == 200, log.read_text()[-3000:]
        assert product.get_absolute_url() in listing.text

        detail = browser.get(product.get_absolute_url())
        assert detail.status == 200, log.read_text()[-3000:]
        assert "Bánh đa nem Thổ Hà" in detail.text

        # The product's picture (the thumbnail the page shows) from /media/.
        picture_url = first(r'<img[^>]+src="(/media/[^"]+)"', detail.text)
        picture = browser.get(picture_url)
        assert picture.status == 200, picture_url
        assert picture.headers["Content-Type"] == "image/jpeg"
        assert picture.headers["X-Content-Type-Options"] == "nosniff"
        Image.open(io.BytesIO(picture.content)).verify()

        # Add to basket with the page's own form and CSRF token, then the checkout.
        form_action = first(r'<form[^>]+action="([^"]*/basket/add/\d+/)"', detail.text)
        token = first(r'name="csrfmiddlewaretoken" value="([^"]+)"', detail.text)
        added = browser.post(form_action, {"csrfmiddlewaretoken": token, "quantity": "1"})
        assert added.status == 302, added.text[-2000:]

        basket = browser.get("/shop/basket/")
        assert basket.status == 200
        assert "Bánh đa nem Thổ Hà" in basket.text

        checkout = browser.get("/shop/checkout/")
        assert checkout.status == 200, log.read_text()[-3000:]
        assert 'name="options"' in checkout.text  # the first step: account or guest

        assert "Internal Server Error" not in log.read_text()
