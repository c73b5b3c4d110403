"""Catalogue work on the worker: certificate reminders and product thumbnails."""

from celery import shared_task
from django.utils import timezone

from catalogue import services, thumbnails


@shared_task(name="catalogue.tasks.notify_expiring_certificates", acks_late=True)
def notify_expiring_certificates() -> int:
    """Daily: producers told once at 30 days, staff the list (catalogue.services)."""
    return len(services.send_expiry_notices(today=timezone.localdate()).expiring)


@shared_task(name="catalogue.tasks.generate_thumbnails", acks_late=True)
def generate_thumbnails(*, image_id: int) -> int:
    """Make the sizes the templates show of a product image, before anyone asks for them."""
    return thumbnails.pregenerate(image_id=image_id)
