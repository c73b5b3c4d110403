"""`manage.py send_pending_emails`: send the outbox's waiting emails from here, now.

For when the worker or the queue is down (docs/operations.md "Background
jobs"), and in development without a worker after the mail server refused
something. The same `deliver` as the worker: an email already sent, or being
sent by a worker, is not sent again. `--failed` gives failed ones another
try. Exit status 1 when any is still not sent.
"""

from django.core.management.base import BaseCommand, CommandError

from storefront import mail
from storefront.models import OutgoingEmail

Status = OutgoingEmail.Status


class Command(BaseCommand):
    help = "Send the emails still waiting in the outbox (when the worker cannot)."

    def add_arguments(self, parser):
        parser.add_argument("--failed", action="store_true", help="Try failed emails again too.")

    def handle(self, *args, failed: bool = False, **options):
        if failed:
            OutgoingEmail.objects.filter(status=Status.FAILED).update(
                status=Status.QUEUED, retry_after=None
            )
        counts: dict[str, int] = {}
        waiting = OutgoingEmail.objects.filter(status=Status.QUEUED).order_by("pk")
        for pk, key in list(waiting.values_list("pk", "key")):
            try:
                status = mail.deliver(pk, retry_in=0)
            except mail.TransientMailError as error:
                status = Status.QUEUED
                self.stdout.write(f"NOT SENT {key}: {error}")
            counts[status] = counts.get(status, 0) + 1
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        self.stdout.write(summary or "none waiting")
        not_sent = counts.get(Status.QUEUED, 0) + counts.get(Status.FAILED, 0)
        if not_sent:
            raise CommandError(f"{not_sent} email(s) not sent")
