"""Store jobs on the worker's schedule (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from storefront.partner.low_stock import queue_low_stock_emails


@shared_task(name="storefront.partner.tasks.send_low_stock_emails", acks_late=True)
def send_low_stock_emails() -> int:
    """Queue today's low-stock emails (once per store, language and day)."""
    return queue_low_stock_emails(today=timezone.localdate()).queued
