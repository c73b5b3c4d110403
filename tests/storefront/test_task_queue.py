"""The task queue's configuration, its schedule, and the outbox that sends each email once."""

import importlib
import smtplib
from datetime import timedelta
from io import StringIO
from itertools import pairwise

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from storefront import mail as outbox
from storefront.celery import app
from storefront.models import OutgoingEmail
from storefront.tasks import requeue_pending_emails
from tests.storefront.test_settings import PRODUCTION, manage

Status = OutgoingEmail.Status

# --- the schedule ------------------------------------------------------------------

# The jobs issue #13 and the README ask for, and how often each must run.
REQUIRED_JOBS = {
    "storefront.payment.tasks.release_unpaid_card_orders": timedelta(minutes=5),
    "storefront.payment.tasks.send_due_refunds": timedelta(minutes=5),
    "storefront.order.tasks.release_stock": timedelta(hours=1),
    "catalogue.tasks.notify_expiring_certificates": timedelta(days=1),
    "storefront.payment.tasks.reconcile_payments": timedelta(days=1),
    "storefront.payment.tasks.reconcile_bank_transfers": timedelta(days=1),
    "storefront.partner.tasks.send_low_stock_emails": timedelta(days=1),
}


def _runs_in_a_day(schedule: crontab) -> list[int]:
    """Minutes of the day the crontab fires at (every day of the week here)."""
    return sorted(h * 60 + m for h in schedule.hour for m in schedule.minute)


def _import(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_every_scheduled_job_is_an_existing_task_at_a_sensible_interval():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {entry["task"] for entry in schedule.values()} >= set(REQUIRED_JOBS)
    for name, entry in schedule.items():
        task = _import(entry["task"])
        assert task.name == entry["task"] and entry["task"] in app.tasks, name
        task.s(**entry.get("kwargs", {}))  # the arguments fit the task's signature
        cron = entry["schedule"]
        assert isinstance(cron, crontab) and len(cron.day_of_week) == 7, name
        runs = _runs_in_a_day(cron)
        gaps = [b - a for a, b in pairwise([*runs, runs[0] + 24 * 60])]
        assert len(set(gaps)) == 1, f"{name} runs at uneven intervals"
        interval = timedelta(minutes=gaps[0])
        assert timedelta(minutes=5) <= interval <= timedelta(days=1), name
        if entry["task"] in REQUIRED_JOBS:
            assert interval == REQUIRED_JOBS[entry["task"]], name
        # A run not started in time is dropped rather than piled up behind the next.
        expires = entry.get("options", {}).get("expires")
        assert expires is None or expires < interval.total_seconds(), name
    assert settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"


def test_the_scheduled_jobs_run_on_the_worker_and_report(db):
    schedule = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for dotted in REQUIRED_JOBS:
        result = _import(dotted).apply(kwargs=schedule[dotted].get("kwargs", {}))
        assert result.successful(), (dotted, result.traceback)


# --- configuration ------------------------------------------------------------------


def test_tests_and_first_runs_run_tasks_inline():
    assert app.conf.task_always_eager is True


def test_development_without_redis_runs_tasks_inline_and_with_redis_queues_them():
    script = (
        "from storefront.celery import app; print(app.conf.task_always_eager, app.conf.broker_url)"
    )
    dev = {"DJANGO_SETTINGS_MODULE": "storefront.settings.dev", "DATABASE_URL": "sqlite:///x"}
    first_run = manage("shell", "--no-imports", "-c", script, **dev)
    assert first_run.returncode == 0, first_run.stderr
    assert first_run.stdout.split()[0] == "True"
    with_redis = manage(
        "shell", "--no-imports", "-c", script, **dev, REDIS_URL="redis://127.0.0.1:6379/5"
    )
    assert with_redis.stdout.split() == ["False", "redis://127.0.0.1:6379/5"], with_redis.stderr


def test_production_queues_on_redis_url_or_its_own_broker():
    script = (
        "from storefront.celery import app;"
        "print(app.conf.task_always_eager, app.conf.broker_url, len(app.conf.beat_schedule))"
    )
    default = manage("shell", "--no-imports", "-c", script, **PRODUCTION)
    assert default.returncode == 0, default.stderr
    assert default.stdout.split() == [
        "False",
        "redis://127.0.0.1:6379/1",
        str(len(settings.CELERY_BEAT_SCHEDULE)),
    ]
    own = manage(
        "shell", "--no-imports", "-c", script, **PRODUCTION, CELERY_BROKER_URL="redis://q:6379/4"
    )
    assert own.stdout.split()[:2] == ["False", "redis://q:6379/4"], own.stderr


def test_production_refuses_a_broker_it_cannot_use_in_one_line():
    result = manage("check", **PRODUCTION, CELERY_BROKER_URL="memory://")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: CELERY_BROKER_URL must be a Redis URL "
        "(redis://127.0.0.1:6379/0), or empty to use REDIS_URL."
    ]


# --- the outbox ----------------------------------------------------------------------


@pytest.fixture
def account_email(db, django_user_model):
    """A recorded 'account' email (the builder needs only a user)."""
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "x", is_active=False)

    def queue(key="account:test:1"):
        return outbox.queue_email(
            key=key,
            kind="account",
            template="confirm",
            user_id=user.pk,
            base_url="https://shop.example.vn",
            language="vi",
        )

    return queue


def test_an_email_is_sent_after_commit_and_once_per_key(
    account_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = account_email()
        assert mail.outbox == []  # nothing leaves before the commit
        assert account_email() is None  # the same key again: not recorded twice
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    assert first.status == Status.SENT and first.attempts == 1
    # A duplicate delivery of the task finds it sent.
    assert outbox.deliver(first.pk, retry_in=1) == Status.SENT
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_records_and_sends_nothing(
    account_email, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        account_email()
        raise RuntimeError
    assert callbacks == [] and mail.outbox == [] and not OutgoingEmail.objects.exists()


def test_the_confirmation_link_is_never_stored(account_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = account_email()
    assert "/shop/accounts/confirm/" in mail.outbox[0].body
    email.refresh_from_db()
    assert "confirm/" not in str(email.params) and set(email.params) == {
        "template",
        "user_id",
        "base_url",
        "language",
    }


class RefusingBackend:
    """A mail server answering every message with `code`."""

    code = 550

    def __init__(self, **kwargs):
        """Takes the mail settings Django passes, and needs none of them."""

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(self.code, b"refused")


class BusyBackend(RefusingBackend):
    code = 421


@pytest.mark.parametrize(
    ("backend", "status"),
    [("BusyBackend", Status.QUEUED), ("RefusingBackend", Status.FAILED)],
)
def test_a_busy_mail_server_leaves_the_email_queued_a_refusal_fails_it(
    account_email, settings, django_capture_on_commit_callbacks, backend, status
):
    settings.EMAIL_BACKEND = f"tests.storefront.test_task_queue.{backend}"
    with django_capture_on_commit_callbacks(execute=True):
        email = account_email()
    email.refresh_from_db()
    assert email.status == status and "SMTPDataError" in email.last_error
    assert outbox.is_transient(smtplib.SMTPDataError(BusyBackend.code, b""))
    assert not outbox.is_transient(smtplib.SMTPDataError(RefusingBackend.code, b""))


def test_waiting_emails_are_swept_back_into_the_queue_and_sent_by_hand(
    account_email, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.storefront.test_task_queue.BusyBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = account_email()
    assert list(outbox.overdue_emails()) == []  # its retry is not due yet
    later = timezone.now() + outbox.OVERDUE + timedelta(minutes=30)
    assert list(outbox.overdue_emails(now=later)) == [email]

    # The sweep (every 10 minutes) queues it again once its retry is long overdue.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.filter(pk=email.pk).update(
        retry_after=timezone.now() - outbox.OVERDUE - timedelta(minutes=1)
    )
    assert requeue_pending_emails.apply().get() == 1
    email.refresh_from_db()
    assert email.status == Status.SENT and len(mail.outbox) == 1


def test_send_pending_emails_sends_what_waits_when_the_worker_is_down(
    account_email, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.storefront.test_task_queue.BusyBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = account_email()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("send_pending_emails", stdout=out)
    email.refresh_from_db()
    assert email.status == Status.SENT and len(mail.outbox) == 1 and "sent: 1" in out.getvalue()


def test_a_change_commits_when_the_queue_is_down_and_says_so(
    account_email, django_capture_on_commit_callbacks, caplog
):
    from tests.celery_worker import _app_on

    # Nothing listens on port 1: publishing fails as with Redis down.
    with (
        _app_on("redis://127.0.0.1:1/0", "test-nowhere"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        email = account_email()
    assert "Task queue unreachable: storefront.tasks.send_email" in caplog.text
    email.refresh_from_db()
    assert email.status == Status.QUEUED and mail.outbox == []


def test_staff_see_the_outbox_in_the_django_admin(account_email, admin_client):
    email = account_email()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=Status.FAILED, last_error="550 refused")
    page = admin_client.get(
        f"/{settings.DJANGO_ADMIN_PREFIX}storefront/outgoingemail/?status=failed"
    )
    assert page.status_code == 200
    assert email.key in page.text and "550 refused" in page.text
