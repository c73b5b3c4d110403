"""Settings for pytest. Uses DATABASE_URL when set (CI: PostgreSQL), SQLite otherwise."""

import os
import uuid

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, DATABASES
from .env import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")
WAGTAILADMIN_BASE_URL = "http://testserver"

# DJANGO_TEST_DB_NAME lets several checkouts or engineers run the suite at once
# against one PostgreSQL server without dropping each other's test database.
_test_db_name = env.str("DJANGO_TEST_DB_NAME", default="")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so the live server thread of browser tests shares it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(BASE_DIR / "var" / f"{_test_db_name or 'test'}.sqlite3")
    }
elif _test_db_name:
    DATABASES["default"]["TEST"] = {"NAME": _test_db_name}

# Wagtail and its task runner log every page save at INFO; tests save many.
LOGGING["loggers"].update(
    {name: {"level": "WARNING"} for name in ("wagtail", "django_tasks", "modelsearch")}
)
# Whitenoise warns when STATIC_ROOT is missing; tests never collect static files.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Off unless a test turns it on (tests/storefront/test_page_cache.py): a test's
# writes are rolled back, never committed, so they would not expire cached pages.
PAGE_CACHE_SECONDS = 0

# Tests share one Redis with each other (xdist workers) and with earlier runs:
# a key prefix per run and worker keeps one test database's cached values
# (Wagtail site roots, Oscar's category tree…) out of another's.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["KEY_PREFIX"] = (
        f"ocop-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"
    )

# Tasks run inline, right after the commit that queued them, and their errors
# fail the test. Tests of the queue itself start a real worker on Redis
# (tests/storefront/test_worker.py) and switch this off for themselves; the
# in-memory broker keeps anything else from reaching a shared Redis.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
