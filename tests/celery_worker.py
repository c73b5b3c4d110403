"""A real Celery worker process for the tests of the task queue.

`celery_worker` (a fixture) points this process's Celery app at Redis (DB 8
unless TEST_CELERY_BROKER_URL says otherwise) on a queue of its own, and
starts `celery -A storefront worker` as a separate process with the
production settings, against the database pytest-django created (the test
must be transactional so the worker sees what it commits). Emails go to
files in a temporary folder (Django's file-based backend), read back by
`worker.emails()`. The worker is always stopped, and the app put back to
running tasks inline.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BROKER = "redis://127.0.0.1:6379/8"
# Variables this module sets itself; anything else is inherited (PATH…).
OWN_VARIABLES = (
    "DJANGO_",
    "DATABASE_",
    "REDIS_URL",
    "CELERY_",
    "CACHE_KEY_PREFIX",
    "OCOP_",
    "TEST_",
)


def broker_url() -> str:
    url = os.environ.get("TEST_CELERY_BROKER_URL", DEFAULT_BROKER)
    host_port = url.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
    host, _, port = host_port.partition(":")
    try:
        socket.create_connection((host, int(port or 6379)), timeout=1).close()
    except OSError:
        pytest.skip(f"the worker tests need Redis at {url} (TEST_CELERY_BROKER_URL)")
    return url


def database_url_of_this_run() -> str:
    from tests.deploy.conftest import database_url_of_this_run as url

    return url()


class Worker:
    def __init__(self, *, queue: str, mail_dir: Path, log: Path):
        self.queue = queue
        self.mail_dir = mail_dir
        self.log = log

    def emails(self):
        """The emails the worker sent so far (parsed), oldest first."""
        files = sorted(self.mail_dir.glob("*.log"), key=lambda path: path.stat().st_mtime)
        messages = []
        for path in files:
            # The file-based backend writes each message followed by a line of dashes.
            for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if raw.strip():
                    messages.append(message_from_bytes(raw.strip(), policy=policy.default))
        return messages

    def wait_for_log(self, text: str, *, times: int = 1, timeout: float = 60) -> None:
        """Wait until the worker's log says `text` at least `times` times."""
        deadline = time.monotonic() + timeout
        while self.log.read_text().count(text) < times:
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} ×{times} not in the worker's log:\n{self.log.read_text()}")
            time.sleep(0.2)

    def wait_for_emails(self, count: int, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.emails()
            if len(found) >= count:
                return found
            time.sleep(0.2)
        pytest.fail(
            f"{count} email(s) expected from the worker, {len(self.emails())} arrived:\n"
            + self.log.read_text()[-4000:]
        )


@contextmanager
def _app_on(broker: str, queue: str):
    """This process's Celery app queues to `broker`/`queue` instead of running inline."""
    from storefront.celery import app

    keys = ("task_always_eager", "broker_url", "task_default_queue")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(task_always_eager=False, broker_url=broker, task_default_queue=queue)
    _forget_connections(app)
    try:
        yield app
    finally:
        _forget_connections(app)
        app.conf.update(saved)


def _forget_connections(app) -> None:
    # Celery keeps its connection pool and routing (with the default queue's
    # name) from first use; forget both so the settings above take effect.
    # (kombu keeps the pools themselves per broker URL, open for reuse.)
    app._pool = None
    app.__dict__.pop("amqp", None)


@pytest.fixture
def celery_worker(tmp_path):
    """Start with `with celery_worker(**env) as worker:` once the test data is committed."""
    broker = broker_url()

    @contextmanager
    def start(**extra_env: str):
        queue = f"test-{uuid.uuid4().hex[:12]}"
        mail_dir = tmp_path / f"mail-{queue}"
        mail_dir.mkdir()
        log = tmp_path / f"worker-{queue}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.worker_settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=database_url_of_this_run(),
            REDIS_URL=os.environ.get("REDIS_URL") or broker,
            CACHE_KEY_PREFIX=f"ocop-worker-{queue}",
            CELERY_BROKER_URL=broker,
            OCOP_TASK_RETRY_BACKOFF_SECONDS="1",
            TEST_CELERY_QUEUE=queue,
            TEST_EMAIL_FILE_PATH=str(mail_dir),
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        )
        env.update(extra_env)
        with _app_on(broker, queue), log.open("wb") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "storefront",
                    "worker",
                    "--queues",
                    queue,
                    "--concurrency",
                    "2",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--hostname",
                    f"{queue}@%h",
                ],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            try:
                deadline = time.monotonic() + 90
                while b" ready." not in log.read_bytes():
                    if process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"the worker did not start:\n{log.read_text()[-4000:]}")
                    time.sleep(0.2)
                yield Worker(queue=queue, mail_dir=mail_dir, log=log)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)

    return start
