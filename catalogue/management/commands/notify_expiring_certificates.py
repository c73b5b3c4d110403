"""`manage.py notify_expiring_certificates`: the daily certificate-expiry job.

Daily at 06:15 on the worker's schedule (catalogue.tasks); this command runs
the same service for a manual run or a missed day. Producers are emailed once
per certificate when 30 days or fewer are left; staff get the full list once
a day. Badges need no job: they are computed from the date on every request.
"""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from catalogue.services import send_expiry_notices


class Command(BaseCommand):
    help = "Email producers whose OCOP certificates expire within 30 days, and staff a list."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="Run as if today were this date (YYYY-MM-DD), e.g. to catch up.",
        )

    def handle(self, *args, today: date | None = None, **options):
        result = send_expiry_notices(today=today or timezone.localdate())
        for certificate in result.expiring:
            self.stdout.write(
                f"{certificate.expiry_date:%Y-%m-%d}  {certificate.stars}★  "
                f"{certificate.decision_number}  {certificate.product.title}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.expiring)} certificate(s) expire within 30 days; "
                f"{len(result.producers_emailed)} producer notice(s) queued."
            )
        )
