"""Cancel card orders not paid within PAYMENT_DEADLINE_MINUTES and release their stock.

Run every 5 minutes (docs/architecture.md, "Payments"):
`*/5 * * * * manage.py release_unpaid_card_orders`. Each order is handled on
its own; exit status 1 when any could not be released this run (they are
tried again on the next), so a scheduler can alert on it.
"""

from django.core.management.base import BaseCommand, CommandError

from storefront.payment import reconciliation


class Command(BaseCommand):
    help = "Cancel unpaid card orders past the payment deadline and release their stock."

    def handle(self, *args, **options):
        report = reconciliation.release_abandoned_payments()
        for number in report.released:
            self.stdout.write(f"released order {number}")
        for number in report.left_for_webhook:
            self.stdout.write(f"left order {number}: paid or being paid at Stripe")
        for number, reason in report.failed:
            self.stdout.write(f"FAILED order {number}: {reason}")
        self.stdout.write(
            f"{len(report.released)} unpaid card order(s) released, "
            f"{len(report.left_for_webhook)} left for their webhook, "
            f"{len(report.failed)} failed"
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} order(s) could not be released")
