"""The production settings as deployed: collectstatic, then gunicorn as a separate process.

`collected_static` runs `collectstatic` once per test session into a temporary
STATIC_ROOT. `production_server` starts gunicorn with
`storefront.settings.production` on a free 127.0.0.1 port against the test
database pytest-django created (the test must be transactional so that what it
writes is committed and visible to the server), and always stops it.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from oscar.test.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
# The variables this module sets itself; anything else is inherited (PATH…).
OWN_VARIABLES = ("DJANGO_", "DATABASE_", "REDIS_URL", "MEDIA_", "CACHE_KEY_PREFIX", "STRIPE_")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url() -> str:
    """The test run's Redis, or the local default; skip only when none is configured or up."""
    url = os.environ.get("REDIS_URL", "")
    if url:
        return url
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("production needs Redis: set REDIS_URL or start redis-server on 6379")
    return DEFAULT_REDIS_URL


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}
    env.update(
        DJANGO_SETTINGS_MODULE="storefront.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL=redis_url(),
        # Nothing cached by the test process or an earlier run is seen by the server.
        CACHE_KEY_PREFIX=f"ocop-smoke-{uuid.uuid4().hex[:8]}",
    )
    env.update(extra)
    return env


def database_url_of_this_run() -> str:
    """DATABASE_URL of the database pytest-django created for this run."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    quote = urllib.parse.quote
    return (
        f"postgres://{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"
    )


@dataclass
class CollectedStatic:
    root: Path
    manifest: dict


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> CollectedStatic:
    root = tmp_path_factory.mktemp("staticfiles")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "1"],
        cwd=ROOT,
        # collectstatic touches no database; production still wants one named.
        env=production_env(
            DJANGO_STATIC_ROOT=str(root),
            DATABASE_URL="postgres://unused:unused@127.0.0.1:5432/unused",
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = root / "staticfiles.json"
    assert manifest.is_file(), result.stdout[-2000:]
    return CollectedStatic(root=root, manifest=json.loads(manifest.read_text()))


class Browser:
    """urllib with a cookie jar that, like a browser behind TLS, sends Secure cookies.

    The server is plain HTTP on 127.0.0.1 but believes it is behind an HTTPS
    proxy (`X-Forwarded-Proto: https`), so it sets Secure cookies and checks the
    Referer of POSTs as it does in production.
    """

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, *, data: dict | None = None, headers: dict | None = None):
        url = path if path.startswith("http") else f"{self.base_url}{path}"
        host = urllib.parse.urlsplit(self.base_url).netloc
        all_headers = {"X-Forwarded-Proto": "https", "Accept-Language": "vi", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            all_headers["Referer"] = f"https://{host}{path}"
        request = urllib.request.Request(url, data=body, headers=all_headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Page(response.status, response.headers, content)

    def get(self, path: str, **kwargs):
        return self.request(path, **kwargs)

    def post(self, path: str, data: dict, **kwargs):
        return self.request(path, data=data, **kwargs)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Page:
    status: int
    headers: object
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


@contextmanager
def gunicorn(env: dict[str, str], log: Path):
    """gunicorn with the production settings on a free port; killed whatever happens."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "storefront.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                pass  # not listening yet: the loop waits and tries again
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start on port {port}:\n{log.read_text()[-4000:]}")
            time.sleep(0.25)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture
def production_server(collected_static, tmp_path):
    """Start gunicorn when called (after the test has committed its data).

    Keyword arguments are further environment variables (S3 buckets…).
    """

    @contextmanager
    def start(**extra: str):
        env = production_env(
            DATABASE_URL=database_url_of_this_run(),
            DJANGO_STATIC_ROOT=str(collected_static.root),
            DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT),
            **extra,
        )
        log = tmp_path / "gunicorn.log"
        with gunicorn(env, log) as base_url:
            yield base_url, log

    return start


# --- object storage: moto's S3 server on 127.0.0.1 -----------------------------

S3_KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "test-key", "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret"}


@dataclass
class S3Server:
    endpoint: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=S3_KEYS["MEDIA_S3_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["MEDIA_S3_SECRET_ACCESS_KEY"],
        )

    def buckets(self) -> dict[str, str]:
        """A fresh public bucket (anyone may GET its objects) and a private one.

        Returns the production settings' variables for them, as an operator sets them.
        """
        suffix = uuid.uuid4().hex[:10]
        public, private = f"ocop-media-{suffix}", f"ocop-private-{suffix}"
        client = self.client()
        client.create_bucket(Bucket=public)
        client.create_bucket(Bucket=private)
        # docs/deployment.md: public GetObject by bucket policy, never listing.
        client.put_bucket_policy(
            Bucket=public,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": "s3:GetObject",
                            "Resource": f"arn:aws:s3:::{public}/*",
                        }
                    ],
                }
            ),
        )
        return {
            "MEDIA_S3_BUCKET": public,
            "PRIVATE_MEDIA_S3_BUCKET": private,
            "MEDIA_S3_ENDPOINT_URL": self.endpoint,
            "MEDIA_S3_REGION": "us-east-1",
            **S3_KEYS,
        }


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> S3Server:
    """moto's S3 server (a real HTTP server speaking the S3 protocol) on a free port."""
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto_server did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.1)
        yield S3Server(endpoint)
    finally:
        process.terminate()
        process.wait(timeout=15)


def production_settings(names: list[str], **extra: str) -> dict:
    """The values the production settings compute from an environment (a separate process)."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(DATABASE_URL="postgres://unused:unused@127.0.0.1:5432/unused", **extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_in_production(code: str, **extra: str) -> str:
    """Run Python in `manage.py shell` with the production settings against this run's database."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=production_env(DATABASE_URL=database_url_of_this_run(), **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


# --- accounts the production server can sign in ---------------------------------------

PASSWORD = "gom-phu-lang-2026"


def user(email: str, **fields):
    """A user whose password the production server can check (tests hash with MD5)."""
    hasher = PBKDF2PasswordHasher()
    account = UserFactory(email=email, **fields)
    account.password = hasher.encode(PASSWORD, hasher.salt())
    account.save(update_fields=["password"])
    return account


def sign_in(browser: Browser, email: str) -> None:
    page = browser.get("/shop/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = browser.post(
        "/shop/accounts/login/",
        {
            "csrfmiddlewaretoken": token,
            "login-username": email,
            "login-password": PASSWORD,
            "login_submit": "1",
        },
    )
    assert answer.status == 302, answer.text[-2000:]
