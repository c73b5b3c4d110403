"""Content-Security-Policy and Permissions-Policy on the pages people open."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def inline_scripts(page: str) -> list[str]:
    """The attributes of every <script> that runs inline code (not src=, not JSON data)."""
    return [
        attrs
        for attrs in SCRIPT_TAG.findall(page)
        if "src=" not in attrs and "application/ld+json" not in attrs
    ]


@pytest.fixture
def shop_pages(site_tree, product):
    return [
        "/",
        "/en/",
        product.get_absolute_url(),
        "/shop/basket/",
        "/shop/search/?q=banh",
        "/shop/accounts/login/",
        "/shop/catalogue/",
        "/khong-co-trang-nay/",
    ]


def test_shop_pages_run_only_our_scripts_and_nonced_inline_ones(client, shop_pages):
    for path in shop_pages:
        response = client.get(path)
        directives = policy(response)
        nonces = [s for s in directives["script-src"] if s.startswith("'nonce-")]
        assert directives["script-src"][0] == "'self'", path
        assert len(nonces) == 1, path
        assert "'unsafe-inline'" not in directives["script-src"], path
        nonce = nonces[0][len("'nonce-") : -1]
        scripts = inline_scripts(response.content.decode())
        assert scripts, f"{path}: the page has its onload script"
        assert all(f'nonce="{nonce}"' in attrs for attrs in scripts), path


def test_each_response_gets_a_new_nonce(client, site_tree):
    first, second = (policy(client.get("/"))["script-src"] for _ in range(2))
    assert first != second


def test_the_policy_blocks_plugins_framing_foreign_bases_and_form_targets(client, site_tree):
    directives = policy(client.get("/"))
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]


def test_map_tiles_are_allowed_from_exactly_the_server_map_js_uses(client, site_tree):
    map_js = (Path(settings.BASE_DIR) / "static" / "js" / "map.js").read_text()
    tile_origins = set(re.findall(r'tileLayer\("(https://[^/]+)/', map_js))
    assert tile_origins == {settings.OCOP_MAP_TILE_ORIGIN}
    img = policy(client.get("/"))["img-src"]
    assert settings.OCOP_MAP_TILE_ORIGIN in img
    assert not [source for source in img if source in ("*", "https:", "http:")]


@pytest.fixture
def cards_on(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_headers"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_headers"
    settings.STRIPE_JS_URL = "http://127.0.0.1:8420/js.stripe.com/v3/"
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"


def test_stripe_is_allowed_on_checkout_pages_when_cards_are_on(client, site_tree, cards_on):
    for path in ("/shop/checkout/", "/en/shop/checkout/thank-you/"):
        directives = policy(client.get(path))
        assert "http://127.0.0.1:8420" in directives["script-src"], path
        assert directives["frame-src"] == ["http://127.0.0.1:8420"], path
        assert "http://127.0.0.1:8420" in directives["connect-src"], path
    assert "http://127.0.0.1:8420" not in " ".join(policy(client.get("/"))["script-src"])


def test_real_stripe_origins_when_cards_are_on_with_stripe_itself(client, site_tree, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_live_x", "pk_live_x"
    settings.STRIPE_JS_URL, settings.STRIPE_API_BASE = "https://js.stripe.com/v3/", ""
    directives = policy(client.get("/shop/checkout/"))
    assert "https://js.stripe.com" in directives["script-src"]
    assert directives["frame-src"] == ["https://js.stripe.com", "https://hooks.stripe.com"]
    assert "https://api.stripe.com" in directives["connect-src"]


def test_no_stripe_anywhere_when_cards_are_off(client, site_tree, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    header = client.get("/shop/checkout/")["Content-Security-Policy"]
    assert "stripe" not in header and "8420" not in header


@pytest.mark.parametrize("path", ["/cms-admin/login/", "/django-admin/login/", "/shop/dashboard/"])
def test_staff_sites_get_the_policy_their_inline_scripts_need(client, site_tree, path):
    directives = policy(client.get(path))
    assert "'unsafe-inline'" in directives["script-src"]
    assert not [s for s in directives["script-src"] if s.startswith("'nonce-")]
    assert directives["frame-ancestors"] == ["'self'"]  # Wagtail's preview frames the page
    assert directives["object-src"] == ["'none'"]


def test_a_lookalike_path_gets_the_shop_policy(client, site_tree):
    directives = policy(client.get("/cms-admin-fake/"))
    assert "'unsafe-inline'" not in directives["script-src"]


@pytest.mark.parametrize(
    "path", ["/", "/en/shop/basket/", "/healthz", "/khong-co-trang-nay/", "/cms-admin/login/"]
)
def test_every_page_has_a_permissions_policy(site_tree, path):
    header = Client().get(path)["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "usb", "serial"):
        assert features[feature] == "()", feature
    assert features["payment"] == '(self "https://js.stripe.com")'


def test_no_script_asks_for_geolocation():
    # The policy turns geolocation off; no "stores near me" script may need it.
    scripts = (Path(settings.BASE_DIR) / "static" / "js").rglob("*.js")
    assert not [p for p in scripts if "geolocation" in p.read_text(encoding="utf-8")]
