"""`manage.py release_stock`: give back stock that orders no longer need.

Hourly, e.g. cron `15 * * * * python manage.py release_stock`:

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
        counts = {"not collected": 0, "closed released": 0}
        for order in services.overdue_pickups():
            services.mark_not_collected(order=order)
            counts["not collected"] += 1
        for order in services.closed_orders_still_reserving():
            services.release_order_stock(order=order, note="order closed")
            counts["closed released"] += 1
        self.stdout.write(", ".join(f"{what}: {count}" for what, count in counts.items()))
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
