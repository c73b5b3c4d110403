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
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
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
