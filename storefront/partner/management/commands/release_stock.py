"""`manage.py release_stock`: give back stock that orders no longer need.

Hourly on the worker's schedule (storefront.order.tasks.release_stock, the
same service function); this command is for a manual run:

- pickup orders Ready for pickup longer than OCOP_PICKUP_HOLD_DAYS become
  Not collected, and their reserved units go back on sale;
- cancelled or otherwise closed orders that still reserve units are released.

Unpaid card orders are cancelled and released by the payments job
(storefront.payment.reconciliation.release_abandoned_payments).

`--report` then lists every stock record whose reserved count differs from
what open orders reserve (a leaked allocation); it exits with status 1 if any.
"""

from django.core.management.base import BaseCommand, CommandError

from storefront.order import services


class Command(BaseCommand):
    help = "Release stock reserved by uncollected or closed orders; report leaks."

    def add_arguments(self, parser):
        parser.add_argument("--report", action="store_true", help="List leaked allocations.")

    def handle(self, *args, report: bool = False, **options):
        result = services.release_held_stock()
        for number, reason in result.failed:
            self.stdout.write(f"FAILED order {number}: {reason}")
        self.stdout.write(
            f"not collected: {len(result.not_collected)}, "
            f"closed released: {len(result.closed_released)}"
        )
        if result.failed:
            raise CommandError(f"{len(result.failed)} order(s) could not be released")
        if report:
            leaks = services.leaked_allocations()
            for record, reserved, by_orders in leaks:
                self.stdout.write(
                    f"LEAK {record.partner.code} {record.product.upc}: reserved {reserved}, "
                    f"open orders {by_orders}"
                )
            if leaks:
                raise CommandError(f"{len(leaks)} leaked allocation(s)")
            self.stdout.write(self.style.SUCCESS("No leaked allocations."))
