"""`manage.py send_low_stock_emails`: tell each store's managers what runs low.

Daily at 07:00 on the worker's schedule (storefront.partner.tasks); this
command runs the same service for a manual run. A store with nothing under
its thresholds, or without managers, gets no email; a store already told
today is not told again.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from storefront.partner.low_stock import queue_low_stock_emails


class Command(BaseCommand):
    help = "Email each store's managers the products under their low-stock threshold."

    def handle(self, *args, **options):
        run = queue_low_stock_emails(today=timezone.localdate())
        for code, low, managers in run.stores:
            self.stdout.write(f"{code}: {low} low, sent to {managers}")
        if run.already_sent_today:
            self.stdout.write(f"Already sent today: {run.already_sent_today}")
        self.stdout.write(self.style.SUCCESS(f"Low-stock emails queued: {run.queued}"))
