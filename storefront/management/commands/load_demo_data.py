"""`manage.py load_demo_data`: the demo catalogue, pages and a development superuser.

Idempotent: each step creates only what is missing (see storefront.demo.steps),
so a second run changes nothing. Refuses to run with DEBUG off unless --force
is given, because it creates a superuser whose password is published.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from storefront.demo import DEMO_NOTICE, steps

STEPS = [
    ("Categories: the six OCOP product groups", steps.load_categories),
    ("Product classes and the OCOP store", steps.load_product_classes_and_partner),
    ("Products, stock and pictures", steps.load_products),
    ("Locales, home page and sites", steps.load_home_page),
    ("Section pages", steps.load_section_pages),
    ("English translations", steps.load_translations),
    ("Development superuser", steps.load_superuser),
]


class Command(BaseCommand):
    help = (
        "Load the demo catalogue, Wagtail pages and a development superuser. "
        "Safe to run again: only what is missing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Never on a production database: "
            f"it creates the superuser {steps.ADMIN_EMAIL} with a published password.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: it creates a superuser "
                f"({steps.ADMIN_EMAIL}) whose password is published in the README. Use "
                "development settings (DJANGO_SETTINGS_MODULE=storefront.settings.dev), or "
                "pass --force if this database is certainly not production."
            )
        started = time.monotonic()
        total = 0
        # One transaction: an interrupted run leaves nothing half-made. Content is
        # written with the default language active, whatever the caller's is.
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            for number, (label, step) in enumerate(STEPS, start=1):
                self.stdout.write(f"{number}/{len(STEPS)} {label}… ", ending="")
                self.stdout.flush()
                changes = {what: count for what, count in step().items() if count}
                total += sum(changes.values())
                self.stdout.write(
                    ", ".join(f"{what}: {count}" for what, count in changes.items())
                    or "nothing to do"
                )
        elapsed = time.monotonic() - started
        if total:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {elapsed:.1f} s."))
            self.stdout.write(
                f"Sign in as {steps.ADMIN_EMAIL} / {steps.ADMIN_PASSWORD} "
                "(created only if missing; development only)."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo data already loaded: no changes ({elapsed:.1f} s).")
            )
        self.stdout.write(DEMO_NOTICE)
