"""What lets several app servers serve one shop: sessions in Redis, static files pre-compressed.

Against gunicorn with the production settings (tests/deploy/conftest.py).
"""

import gzip
import uuid

import brotli
import pytest
import redis
from django.contrib.sessions.models import Session

from tests.deploy.conftest import Browser, redis_url, sign_in, user


@pytest.mark.django_db(transaction=True)
def test_a_session_is_read_from_redis_and_survives_losing_redis(production_server, site_tree):
    """cached_db: no app server keeps it, a request reads it from Redis, PostgreSQL keeps a copy."""
    user("lan@example.vn")
    prefix = f"ocop-session-{uuid.uuid4().hex[:8]}"
    cache = redis.Redis.from_url(redis_url())
    with production_server(CACHE_KEY_PREFIX=prefix) as (base_url, log):
        browser = Browser(base_url)
        assert browser.get("/shop/accounts/profile/").status == 302  # to the login page
        sign_in(browser, "lan@example.vn")
        session_key = browser.cookies["sessionid"]
        redis_key = f"{prefix}:1:django.contrib.sessions.cached_db{session_key}"
        assert cache.exists(redis_key)
        assert browser.get("/shop/accounts/profile/").status == 200

        # Redis restarted or evicted the key: the session is read back from PostgreSQL.
        cache.delete(redis_key)
        assert browser.get("/shop/accounts/profile/").status == 200
        assert cache.exists(redis_key)

        # With the row gone, Redis alone still answers: no session query per request.
        Session.objects.filter(session_key=session_key).delete()
        assert browser.get("/shop/accounts/profile/").status == 200

        cache.delete(redis_key)
        assert browser.get("/shop/accounts/profile/").status == 302  # gone from both: signed out
        assert "Internal Server Error" not in log.read_text()


@pytest.mark.parametrize("name", ["css/ocop.css", "vendor/leaflet/leaflet.js"])
def test_collectstatic_writes_gzip_and_brotli_copies(collected_static, name):
    hashed = collected_static.root / collected_static.manifest["paths"][name]
    original = hashed.read_bytes()
    assert gzip.decompress(hashed.with_name(hashed.name + ".gz").read_bytes()) == original
    assert brotli.decompress(hashed.with_name(hashed.name + ".br").read_bytes()) == original


@pytest.mark.django_db(transaction=True)
def test_static_files_are_served_compressed_and_cached_for_good(
    production_server, collected_static
):
    hashed = collected_static.manifest["paths"]["css/ocop.css"]
    original = (collected_static.root / hashed).read_bytes()
    with production_server() as (base_url, log):
        browser = Browser(base_url)
        answers = {
            encoding: browser.get(f"/static/{hashed}", headers={"Accept-Encoding": encoding})
            for encoding in ("br, gzip", "gzip", "identity")
        }
        log_text = log.read_text()
    for answer in answers.values():
        assert answer.status == 200
        assert answer.headers["Cache-Control"] == "max-age=315360000, public, immutable"
        assert "Accept-Encoding" in answer.headers["Vary"]
    assert answers["br, gzip"].headers["Content-Encoding"] == "br"
    assert brotli.decompress(answers["br, gzip"].content) == original
    assert answers["gzip"].headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(answers["gzip"].content) == original
    assert "Content-Encoding" not in answers["identity"].headers
    assert answers["identity"].content == original
    assert len(answers["br, gzip"].content) < len(answers["gzip"].content) < len(original)
    assert "Internal Server Error" not in log_text
