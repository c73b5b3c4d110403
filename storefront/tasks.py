"""Tasks of the shop as a whole: sending the outbox's emails, and its sweep."""

import logging

from celery import shared_task

from storefront import jobs, mail

logger = logging.getLogger("storefront.mail")


# acks_late: a worker that dies mid-task leaves the message to be delivered
# again, which is safe because `deliver` sends an email at most once per key.
@shared_task(bind=True, name="storefront.tasks.send_email", acks_late=True)
def send_email(self, *, email_id: int) -> str:
    retry = jobs.can_retry(self)
    countdown = jobs.backoff(self.request.retries)
    # No retries left on the worker: a transient failure becomes final.
    retry_in = countdown if retry or self.request.is_eager else None
    try:
        return mail.deliver(email_id, retry_in=retry_in)
    except mail.TransientMailError as error:
        if not retry:
            # Inline (development, tests): left QUEUED for the sweep, or for
            # `manage.py send_pending_emails`.
            return mail.Status.QUEUED
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task(name="storefront.tasks.requeue_pending_emails", acks_late=True)
def requeue_pending_emails() -> int:
    """Queue again the emails whose message never ran (queue was down, message lost)."""
    ids = list(mail.overdue_emails().values_list("pk", flat=True)[:1000])
    for email_id in ids:
        jobs.publish(send_email, email_id=email_id)
    if ids:
        logger.warning("%d overdue email(s) queued again", len(ids))
    return len(ids)
