"""Send the refunds recorded as due whose answer from Stripe never arrived.

A refund is recorded as due before Stripe is asked (storefront.payment.services);
if Stripe could not be reached, or the process died before the answer was
recorded, it is still due. Every 5 minutes: `*/5 * * * * manage.py refund_due`.
The same idempotency key is sent again, so Stripe refunds once. Exit status 1
when any refund failed (refused: flagged for staff; unreachable: still due).
"""

from django.core.management.base import BaseCommand, CommandError

from storefront.payment import reconciliation


class Command(BaseCommand):
    help = "Send refunds still due to Stripe."

    def handle(self, *args, **options):
        report = reconciliation.send_due_refunds()
        for number in report.sent:
            self.stdout.write(f"refunded order {number}")
        for number, reason in report.failed:
            self.stdout.write(f"FAILED refund for order {number}: {reason}")
        self.stdout.write(f"{len(report.sent)} refund(s) sent, {len(report.failed)} failed")
        if report.failed:
            raise CommandError(f"{len(report.failed)} refund(s) not sent")
