"""Production: refuses to start without its secrets; HTTPS and hardened cookies.

docs/deployment.md explains every variable read here.
"""

from .base import *  # noqa: F403
from .env import BASE_DIR, MissingSetting, database, env, require

DEBUG = False
SECRET_KEY = require("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in require("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
DATABASES = {"default": database(require("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # As in base.py: without these, concurrent workers fail with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
# Login throttling, rate limits and search's directories count and cache per
# site, not per process: every worker and every app server must share one
# cache (base.py builds it from this).
REDIS_URL = require("REDIS_URL")
# Sessions: read from Redis, so no app server keeps one and a request costs no
# session query; written through to PostgreSQL too (cached_db, not cache),
# because a session holds a shopper's sign-in and Oscar's checkout progress
# (address, store, payment method): a Redis restart, or an eviction when Redis
# reaches its memory limit, must not sign everyone out or lose a checkout
# half-way. Expired rows stay in PostgreSQL until `manage.py clearsessions`.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}

# --- Uploads: object storage, or disk (public media served by the app server) ---
# Two app servers share nothing on disk: with buckets set, public media and
# private uploads live in S3-compatible object storage (AWS, or Viettel/VNPT/FPT
# object storage through their endpoint URL). One endpoint and key pair serve both.
_endpoint = env.str("MEDIA_S3_ENDPOINT_URL", default="").strip().rstrip("/")
_region = env.str("MEDIA_S3_REGION", default="").strip()
_key_id = env.str("MEDIA_S3_ACCESS_KEY_ID", default="").strip()
_secret = env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="").strip()
if bool(_key_id) != bool(_secret):
    raise MissingSetting(
        "Configuration error: MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY "
        "go together (or leave both empty to use the server's own credentials)."
    )
_s3_connection = {
    "endpoint_url": _endpoint or None,
    "region_name": _region or None,
    "access_key": _key_id or None,
    "secret_key": _secret or None,
    # As on disk: a second "anh.jpg" gets a new name, never replaces the first.
    "file_overwrite": False,
    # Most S3-compatible services want bucket names in the path, not the host.
    "addressing_style": "path" if _endpoint else None,
}

MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="").strip()
_location = env.str("MEDIA_S3_LOCATION", default="").strip().strip("/")
if MEDIA_S3_BUCKET:
    # Objects are public (bucket policy or ACL), so their URLs are plain and
    # cacheable, without expiring signatures.
    _domain = env.str("MEDIA_S3_CUSTOM_DOMAIN", default="").strip().strip("/")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_connection,
            "bucket_name": MEDIA_S3_BUCKET,
            "custom_domain": _domain or None,
            "location": _location,
            "querystring_auth": False,
            "default_acl": env.str("MEDIA_S3_DEFAULT_ACL", default="").strip() or None,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    if _domain:
        _media_base = f"https://{_domain}"
    elif _endpoint:
        _media_base = f"{_endpoint}/{MEDIA_S3_BUCKET}"
    else:
        _media_base = f"https://{MEDIA_S3_BUCKET}.s3.{_region or 'us-east-1'}.amazonaws.com"
    MEDIA_URL = f"{_media_base}/{_location}/" if _location else f"{_media_base}/"

# Private uploads (renewal evidence, certificate scans, pictures awaiting
# approval): a bucket nobody may read anonymously, or a folder of the public
# bucket that its public-read policy does not cover. The app reads them for
# catalogue.file_views after its permission check; they never get a URL.
PRIVATE_MEDIA_S3_BUCKET = env.str("PRIVATE_MEDIA_S3_BUCKET", default="").strip()
_private_location = env.str("PRIVATE_MEDIA_S3_LOCATION", default="").strip().strip("/")
if PRIVATE_MEDIA_S3_BUCKET:
    if PRIVATE_MEDIA_S3_BUCKET == MEDIA_S3_BUCKET and (
        not _private_location
        or not _location
        or _private_location == _location
        or _private_location.startswith(f"{_location}/")
        or _location.startswith(f"{_private_location}/")
    ):
        # The public bucket's policy covers MEDIA_S3_LOCATION/*; private files
        # in or around that folder would be readable by anyone.
        raise MissingSetting(
            "Configuration error: PRIVATE_MEDIA_S3_BUCKET is the public media bucket; "
            "then MEDIA_S3_LOCATION and PRIVATE_MEDIA_S3_LOCATION must both be set to "
            "folders outside each other (or use a bucket of its own)."
        )
    STORAGES["private"] = {
        "BACKEND": "catalogue.object_storage.PrivateS3Storage",
        "OPTIONS": {
            **_s3_connection,
            "bucket_name": PRIVATE_MEDIA_S3_BUCKET,
            "location": _private_location,
            # No ACL header: objects get the bucket's own (private) access, and
            # services with ACLs turned off accept the upload.
            "default_acl": None,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }

MEDIA_SERVE = env.bool("MEDIA_SERVE", default=not MEDIA_S3_BUCKET)
# Documents go through Wagtail's view, which checks a private collection's
# permissions, also when their files are in a bucket (Wagtail would redirect).
WAGTAILDOCS_SERVE_METHOD = "serve_view"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers and process supervisors probe the app server itself, over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)

# --- Task queue (docs/deployment.md "Worker and schedule") ---------------------
# Emails, Stripe follow-ups and the schedule run on a worker, never inline:
# production needs a broker. It defaults to REDIS_URL (required above).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="").strip() or REDIS_URL
if not CELERY_BROKER_URL.startswith(("redis://", "rediss://", "redis+socket://")):
    raise MissingSetting(
        "Configuration error: CELERY_BROKER_URL must be a Redis URL "
        "(redis://127.0.0.1:6379/0), or empty to use REDIS_URL."
    )
CELERY_TASK_ALWAYS_EAGER = False
# A mail server that stops answering must not hold a worker forever: the
# send fails after this many seconds and the task retries it later.
EMAIL_TIMEOUT = 30
