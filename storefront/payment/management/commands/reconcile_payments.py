"""Compare Stripe's succeeded PaymentIntents with our paid orders over a period.

Exit status 1 when anything needs a look, so a scheduler can alert on it.
Daily: `15 6 * * * manage.py reconcile_payments --days 2`.
"""

from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from storefront.payment import reconciliation


def _date(value: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(value))


class Command(BaseCommand):
    help = "Succeeded PaymentIntents without a paid order; paid orders with another amount."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=_date, help="start (YYYY-MM-DD[THH:MM]), local time")
        parser.add_argument("--until", type=_date, help="end, exclusive (default: now)")
        parser.add_argument("--days", type=int, default=1, help="period if no --since")

    def handle(self, *args, since=None, until=None, days=1, **options):
        end = until or timezone.now()
        start = since or end - timedelta(days=days)
        report = reconciliation.reconcile(start=start, end=end)
        self.stdout.write(f"Period {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}")
        for intent_id, amount, order_number in report.unmatched_intents:
            self.stdout.write(
                f"UNMATCHED {intent_id} {amount} VND order={order_number or '-'}: "
                "succeeded at Stripe, no paid order"
            )
        for order_number, intent_id, total, received in report.amount_mismatches:
            self.stdout.write(
                f"AMOUNT {order_number} {intent_id}: order total {total} VND, Stripe {received} VND"
            )
        if report.ok:
            self.stdout.write("OK: every succeeded PaymentIntent matches a paid order")
        else:
            raise CommandError(
                f"{len(report.unmatched_intents)} unmatched, "
                f"{len(report.amount_mismatches)} amount mismatch(es)"
            )
