"""Cancel card orders not paid within PAYMENT_DEADLINE_MINUTES and release their stock.

Run every 5 minutes (README, "Payments"): `*/5 * * * * manage.py release_unpaid_card_orders`.
"""

from django.core.management.base import BaseCommand

from storefront.payment import services


class Command(BaseCommand):
    help = "Cancel unpaid card orders past the payment deadline and release their stock."

    def handle(self, *args, **options):
        released = services.release_abandoned_payments()
        for number in released:
            self.stdout.write(f"released order {number}")
        self.stdout.write(f"{len(released)} unpaid card order(s) released")
