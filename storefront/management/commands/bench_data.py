"""`manage.py bench_data --products 10000`: the benchmark's shop at scale.

The demo shop first (`load_demo_data`'s steps, without its development
superuser), then the scale data of `storefront.demo.scale`: producers across
the 34 provinces and six groups, `--products` synthetic products with
certificates, pictures and stock at the eight stores, 50 craft village pages
and 200 news pages. Idempotent: a second run with the same size writes
nothing; a larger size tops the data up. Run it against a database of its
own (`make bench` uses `ocop_bench`): it adds tens of thousands of rows.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from catalogue.models import Product
from storefront.demo import scale
from storefront.management.commands.load_demo_data import CHATTY_LOGGERS, STEPS, _quiet
from storefront.pagecache import expire_pages

# The demo's steps, but not its superuser with a published password.
DEMO_STEPS = [(label, step) for label, step in STEPS if "superuser" not in label]


class Command(BaseCommand):
    help = "Build the benchmark's scale data (demo shop + N synthetic products); idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--products",
            type=int,
            default=10_000,
            help="synthetic products on top of the demo catalogue (default 10,000)",
        )

    def handle(self, *args, products: int, **options):
        if products < 0:
            raise CommandError("--products cannot be negative.")
        have = Product.objects.filter(upc__startswith=scale.UPC_PREFIX).count()
        if have > products:
            raise CommandError(
                f"This database already holds {have} synthetic products, more than {products}: "
                "use a fresh database (bench/run.py --fresh) to measure a smaller catalogue."
            )
        steps = [
            *DEMO_STEPS,
            ("Craft village records", scale.load_villages),
            ("Producers", lambda: scale.load_producers(products)),
            ("Products, categories and pictures", lambda: scale.load_products(products)),
            ("OCOP certificates", scale.load_certificates),
            ("Stock at the eight stores", scale.load_stock),
            ("Craft village pages", scale.load_village_pages),
            ("News pages", scale.load_news_pages),
        ]
        started = time.monotonic()
        with translation.override(settings.LANGUAGE_CODE), _quiet(*CHATTY_LOGGERS):
            for number, (label, step) in enumerate(steps, start=1):
                step_started = time.monotonic()
                self.stdout.write(f"{number}/{len(steps) + 1} {label}… ", ending="")
                self.stdout.flush()
                # A step per transaction: an interrupted run keeps the finished
                # steps, and the next run does only what is missing.
                with transaction.atomic():
                    changes = {what: n for what, n in step().items() if n}
                self.stdout.write(
                    (", ".join(f"{what}: {n}" for what, n in changes.items()) or "nothing to do")
                    + f" ({time.monotonic() - step_started:.1f} s)"
                )
            self.stdout.write(
                f"{len(steps) + 1}/{len(steps) + 1} Search words, statistics… ", ending=""
            )
            words = scale.refresh_search_and_statistics()["search words"]
            self.stdout.write(f"{words} search words")
        # bulk_create sends no signals: cached pages would not know of the new rows.
        expire_pages()
        self.stdout.write(
            self.style.SUCCESS(
                f"Benchmark data ready: {Product.objects.count()} products "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
