"""Production settings refuse to start half-configured, and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "shop.example.vn",
    "DATABASE_URL": "postgres://ocop:secret@127.0.0.1:5432/ocop",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}
# Settings read from the caller's environment that these tests set themselves.
OWN_VARIABLES = ("DJANGO_", "DATABASE_", "REDIS_URL", "MEDIA_")


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}
    clean["DJANGO_SETTINGS_MODULE"] = "storefront.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION))
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    # One line naming the variable, not a traceback.
    assert result.stderr.strip().splitlines() == [
        f"Configuration error: the environment variable {missing} is required "
        "in production (see .env.example)."
    ]


def test_production_passes_the_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("url", ["nonsense", "mysql2://db/shop", "postgres://"])
def test_a_wrong_database_url_is_named_in_one_line(url):
    result = manage("check", **{**PRODUCTION, "DATABASE_URL": url})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Configuration error: DATABASE_URL must be")


def test_search_url_hands_product_matching_to_an_opensearch_backend():
    # Builds the backend as a search would; OpenSearch's client connects lazily,
    # so no server is needed to see that the configuration is complete.
    script = (
        "from django.conf import settings;"
        "from wagtail.search.backends import get_search_backend;"
        "from catalogue.models import Product;"
        "backend = get_search_backend(settings.OCOP_PRODUCT_SEARCH_BACKEND);"
        "host = backend.hosts[0];"
        "print(type(backend).__name__, host['host'], host['port'],"
        " backend.get_index_for_model(Product).name,"
        " Product.search_auto_update)"
    )
    result = manage(
        "shell", "--no-imports", "-c", script, **PRODUCTION, SEARCH_URL="http://10.0.0.5:9200"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "OpenSearch2SearchBackend",
        "10.0.0.5",
        "9200",
        "ocop_catalogue_product",
        "True",
    ]


MEDIA_SCRIPT = (
    "from django.conf import settings;"
    "from django.core.files.storage import storages;"
    "default_storage = storages['default'];"
    "from django.urls import get_resolver;"
    "print(settings.MEDIA_SERVE, type(default_storage).__name__,"
    " default_storage.url('images/products/2026/11/nem.jpg'),"
    " 'public-media' in get_resolver().reverse_dict,"
    " settings.WAGTAILDOCS_SERVE_METHOD)"
)


def test_production_serves_public_media_from_the_app_server_by_default(tmp_path):
    result = manage(
        "shell", "--no-imports", "-c", MEDIA_SCRIPT, **PRODUCTION, DJANGO_MEDIA_ROOT=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "FileSystemStorage",
        "/media/images/products/2026/11/nem.jpg",
        "True",
        "serve_view",
    ]


def test_media_serve_false_leaves_media_to_the_reverse_proxy():
    result = manage("shell", "--no-imports", "-c", MEDIA_SCRIPT, **PRODUCTION, MEDIA_SERVE="false")
    assert result.returncode == 0, result.stderr
    # The route stays (the view answers 404); the proxy's alias answers first.
    assert result.stdout.split()[:2] == ["False", "FileSystemStorage"]


S3 = {
    "MEDIA_S3_BUCKET": "ocop-media",
    "MEDIA_S3_ENDPOINT_URL": "https://s3.hcm.example-cloud.vn",
    "MEDIA_S3_REGION": "hcm",
    "MEDIA_S3_ACCESS_KEY_ID": "AKIAOCOPTEST",
    "MEDIA_S3_SECRET_ACCESS_KEY": "secret-test-key",
}


def test_an_s3_bucket_takes_public_media_through_its_endpoint():
    script = MEDIA_SCRIPT + (
        ";print(default_storage.bucket_name, default_storage.endpoint_url,"
        " default_storage.region_name, default_storage.querystring_auth,"
        " default_storage.file_overwrite, settings.MEDIA_URL)"
    )
    result = manage("shell", "--no-imports", "-c", script, **PRODUCTION, **S3)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.strip().splitlines()
    # A bucket's URL, plain (no expiring signature); /media/ is not served here.
    assert first.split() == [
        "False",
        "S3Storage",
        "https://s3.hcm.example-cloud.vn/ocop-media/images/products/2026/11/nem.jpg",
        "False",
        "serve_view",
    ]
    assert second.split() == [
        "ocop-media",
        "https://s3.hcm.example-cloud.vn",
        "hcm",
        "False",
        "False",
        "https://s3.hcm.example-cloud.vn/ocop-media/",
    ]


def test_an_s3_bucket_behind_its_own_domain_links_pictures_there():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        MEDIA_SCRIPT,
        **PRODUCTION,
        **S3,
        MEDIA_S3_CUSTOM_DOMAIN="media.shop.example.vn",
        MEDIA_S3_LOCATION="public",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2] == (
        "https://media.shop.example.vn/public/images/products/2026/11/nem.jpg"
    )


def test_half_an_s3_key_pair_is_named_in_one_line():
    result = manage("check", **PRODUCTION, **{**S3, "MEDIA_S3_SECRET_ACCESS_KEY": ""})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY go together "
        "(or leave both empty to use the server's own credentials)."
    ]
