"""/bench/hello/ exists only when the benchmark turns it on (DJANGO_BENCH_HELLO)."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import clear_url_caches

import storefront.urls

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def reload_urls():
    yield lambda: (importlib.reload(storefront.urls), clear_url_caches())
    importlib.reload(storefront.urls)
    clear_url_caches()


def test_the_setting_is_off_unless_the_environment_turns_it_on():
    assert settings.BENCH_HELLO is False
    code = "from django.conf import settings; print(settings.BENCH_HELLO)"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_BENCH_HELLO"}
    for extra, expected in (({}, "False"), ({"DJANGO_BENCH_HELLO": "1"}, "True")):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env={**env, **extra, "DJANGO_SETTINGS_MODULE": "storefront.settings.test"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip().splitlines()[-1] == expected


@pytest.mark.django_db
def test_hello_is_absent_by_default(client):
    assert client.get("/bench/hello/").status_code == 404


@pytest.mark.django_db
def test_hello_answers_when_turned_on(client, settings, reload_urls):
    settings.BENCH_HELLO = True
    reload_urls()
    response = client.get("/bench/hello/")
    assert response.status_code == 200
    assert response.content == b"Hello, world"
