"""The daily bank-transfer report: matched, part paid, overpaid, for refund, unmatched.

Lists the bank transactions received in the period by outcome, then every
one still waiting for a person (whenever it arrived) and the transfer orders
past their deadline that still hold stock. Exit status 1 when anything needs
a person, so a scheduler can alert on it. Daily (also scheduled in
CELERY_BEAT_SCHEDULE): `20 6 * * * manage.py reconcile_bank_transfers`.
"""

from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from storefront.payment import reconciliation


def _date(value: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(value))


def _line(record) -> str:
    order = record.payment.order.number if record.payment else "-"
    return (
        f"{record.source}:{record.transaction_id} {record.amount} VND order={order} "
        f"memo={record.memo!r}"
    )


class Command(BaseCommand):
    help = "Bank transactions by outcome; those needing a person; transfer orders overdue."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=_date, help="start (YYYY-MM-DD[THH:MM]), local time")
        parser.add_argument("--until", type=_date, help="end, exclusive (default: now)")
        parser.add_argument("--days", type=int, default=1, help="period if no --since")

    def handle(self, *args, since=None, until=None, days=1, **options):
        end = until or timezone.now()
        start = since or end - timedelta(days=days)
        report = reconciliation.bank_transfer_report(start=start, end=end)
        self.stdout.write(f"Period {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}")
        for title, records in (
            ("MATCHED", report.matched),
            ("PART PAID", report.part_paid),
            ("OVERPAID", report.overpaid),
            ("REFUND DUE", report.refund_due),
            ("UNMATCHED", report.unmatched),
        ):
            self.stdout.write(f"{title}: {len(records)}")
            for record in records:
                self.stdout.write(f"  {_line(record)}")
        for record in report.open_items:
            self.stdout.write(f"NEEDS A PERSON {record.outcome} {_line(record)}")
        for payment in report.overdue:
            self.stdout.write(
                f"OVERDUE order {payment.order.number} ({payment.status}) "
                f"due {timezone.localtime(payment.payment_due_at):%Y-%m-%d %H:%M}, "
                f"received {payment.amount_received} of {payment.amount} VND"
            )
        if not report.needs_person:
            self.stdout.write("OK: nothing needs a person")
            return
        raise CommandError(
            f"{len(report.open_items)} transaction(s) and {len(report.overdue)} overdue "
            "order(s) need a person"
        )
