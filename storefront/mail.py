"""Emails through the task queue: recorded with the change that causes them, sent once.

`queue_email(key=…, kind=…, **params)` writes an `OutgoingEmail` row in the
caller's transaction and queues `storefront.tasks.send_email` after commit.
The worker claims the row (QUEUED → SENDING, one UPDATE, so of two deliveries
of the task only one wins), builds the message with the builder registered
for its kind, sends it and marks it SENT. A mail server that cannot take it
now (connection refused or dropped, timeout, a 4xx answer) puts it back to
QUEUED for a retry with backoff; a permanent refusal (5xx) or a bug marks it
FAILED and logs an error.

The one case that can send twice is a worker killed after the mail server
accepted the message and before SENT was written: the claim goes stale after
STALE_CLAIM and the sweep sends it again, preferring a rare duplicate to a
lost order confirmation.
"""

import logging
import smtplib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from storefront.models import OutgoingEmail

logger = logging.getLogger("storefront.mail")

Status = OutgoingEmail.Status

# kind → builder(**params): the message to send, or None when there is
# nothing to send any more (no address, the store has no managers…).
# Builders run in the worker, so they read the data as it is when sending.
BUILDERS = {
    "order": "storefront.payment.emails.build_order_email",
    "ready_for_pickup": "storefront.order.services.build_ready_for_pickup_email",
    "account": "storefront.accounts.build_account_email",
    "low_stock": "storefront.partner.low_stock.build_low_stock_email",
    "certificate_expiry": "catalogue.services.build_expiry_notice",
    "certificates_expiring": "catalogue.services.build_expiry_list",
    "consignment": "storefront.consignment.emails.build_consignment_email",
    "booking_closed": "storefront.experiences.hosting.build_session_closed_email",
    "booking": "storefront.experiences.booking_emails.build_booking_email",
}

# Longer than any send can take (EMAIL_TIMEOUT is 30 s): a SENDING row older
# than this belongs to a worker that died.
STALE_CLAIM = timedelta(minutes=15)
# A QUEUED row this late was never queued (broker down) or its message was lost.
OVERDUE = timedelta(minutes=10)


class TransientMailError(Exception):
    """The mail server could not take the message now; it is QUEUED again."""


def queue_email(*, key: str, kind: str, **params) -> OutgoingEmail | None:
    """Record an email and queue it once the current transaction commits.

    `key` names the event (``order:<id>:<template>``): an email with that key
    already recorded is not queued again (returns None). `params` must be
    JSON: ids and languages, never a secret.
    """
    if kind not in BUILDERS:
        raise ValueError(f"unknown email kind {kind!r}")
    try:
        # A savepoint: a duplicate key must not break the caller's transaction.
        with transaction.atomic():
            email = OutgoingEmail.objects.create(key=key, kind=kind, params=params)
    except IntegrityError:
        return None
    from storefront import jobs, tasks

    jobs.enqueue_on_commit(tasks.send_email, email_id=email.pk)
    return email


def is_transient(error: Exception) -> bool:
    """Whether trying again later may succeed: network trouble and SMTP 4xx answers."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPConnectError):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # SMTPServerDisconnected, refused connections and timeouts (all OSError).
    return isinstance(error, OSError)


def deliver(email_id: int, *, retry_in: float | None) -> str:
    """Send one recorded email unless it is sent or being sent; returns its status.

    Raises TransientMailError when it should be tried again in `retry_in`
    seconds (it is QUEUED again); with `retry_in=None` (no retries left) such a
    failure is final: FAILED.
    """
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    claimed = OutgoingEmail.objects.filter(claimable, pk=email_id).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    email = OutgoingEmail.objects.get(pk=email_id)
    if not claimed:
        return email.status
    try:
        message = import_string(BUILDERS[email.kind])(**email.params)
    except Exception as error:
        logger.exception("Email %s could not be built", email.key)
        return _finish(email, Status.FAILED, error=repr(error))
    if message is None:
        return _finish(email, Status.SKIPPED)
    try:
        message.send()
    except Exception as error:
        if is_transient(error) and retry_in is not None:
            logger.warning("Email %s not sent (%s); retrying in %.0f s", email.key, error, retry_in)
            OutgoingEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(
                status=Status.QUEUED,
                last_error=repr(error)[:255],
                retry_after=timezone.now() + timedelta(seconds=retry_in),
            )
            raise TransientMailError(str(error)) from error
        logger.error("Email %s not sent, giving up: %r", email.key, error)
        return _finish(email, Status.FAILED, error=repr(error))
    return _finish(email, Status.SENT)


def _finish(email: OutgoingEmail, status: str, *, error: str = "") -> str:
    # A sent email keeps the error of an earlier attempt: it shows it was retried.
    changes = {"status": status, "sent_at": timezone.now() if status == Status.SENT else None}
    if error:
        changes["last_error"] = error[:255]
    OutgoingEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(**changes)
    return status


def overdue_emails(*, now=None):
    """QUEUED emails whose message should have run long ago, and stale SENDING claims."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(
        Q(status=Status.QUEUED, retry_after__isnull=True, created_at__lt=now - OVERDUE)
        | Q(status=Status.QUEUED, retry_after__lt=now - OVERDUE)
        | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    ).order_by("pk")
