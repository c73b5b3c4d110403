"""A store manager's 5,000-row stock CSV import, timed through the page (part of `make bench`).

Uploads the file to the import page as the benchmark store's manager, with
Django's test client in-process under the production settings, so the time is
the server's: reading and validating every row, then locking and applying them
all in one transaction. The first file receives one unit of each of 5,000
products, the second takes it back as a stock-take correction, so a run leaves
the stock as it found it. Fails when an import is refused, writes the wrong
number of movements, or takes longer than the target.
"""

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from storefront.demo import scale
from storefront.partner.models import Partner, StockMovement, StockRecord
from storefront.partner.stock_csv import MAX_ROWS, write_rows


class Command(BaseCommand):
    help = "Time a 5,000-row stock CSV import through the store manager's page."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=MAX_ROWS)
        parser.add_argument("--target-s", type=float, default=10.0)

    def handle(self, *args, rows, target_s, **options):
        store = Partner.objects.filter(managers__email=scale.MANAGER_EMAIL).first()
        if store is None:
            raise CommandError("No benchmark store: build the data with `manage.py bench_data`.")
        codes = list(
            StockRecord.objects.filter(partner=store, num_in_stock__gt=0)
            .order_by("pk")
            .values_list("product__upc", flat=True)[:rows]
        )
        if len(codes) < rows:
            raise CommandError(f"The store stocks {len(codes)} products, fewer than {rows}.")
        client = Client()
        client.force_login(store.managers.get(email=scale.MANAGER_EMAIL))
        url = reverse("mystore:import", kwargs={"store": store.slug})
        timings = []
        for adjustment, reason in (("+1", "received"), ("-1", "stock_take")):
            content = write_rows(
                ([code, adjustment, reason] for code in codes),
                ["product_code", "adjustment", "reason"],
            ).encode()
            upload = SimpleUploadedFile("stock.csv", content, content_type="text/csv")
            before = StockMovement.objects.filter(store=store).count()
            started = time.perf_counter()
            response = client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="vi")
            timings.append(time.perf_counter() - started)
            written = StockMovement.objects.filter(store=store).count() - before
            if response.status_code != 200 or written != rows:
                raise CommandError(
                    f"The {reason} import answered {response.status_code} and wrote "
                    f"{written} movements, not {rows}."
                )
        slowest = max(timings)
        self.stdout.write(
            f"stock import of {rows} rows: {timings[0]:.2f} s and {timings[1]:.2f} s "
            f"(target < {target_s:.0f} s)"
        )
        if slowest >= target_s:
            raise CommandError(f"{slowest:.2f} s is over the {target_s:.0f} s target")
