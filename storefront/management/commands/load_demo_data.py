"""`manage.py load_demo_data`: the demo catalogue, pages and a development superuser.

Idempotent: each step creates only what is missing (see storefront.demo.steps),
so a second run changes nothing. Refuses to run with DEBUG off unless --force
is given, because it creates a superuser whose password is published.
"""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from storefront.demo import DEMO_NOTICE, steps
from storefront.demo import consignment as demo_consignment
from storefront.demo import experiences as demo_experiences
from storefront.demo import producers as demo_producers

# Wagtail logs every page created, edited and published and its task runner
# every task, hundreds of lines that would bury the command's own summary.
CHATTY_LOGGERS = ("wagtail", "django_tasks", "modelsearch")


@contextmanager
def _quiet(*names: str):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


STEPS = [
    ("Categories: the six OCOP product groups", steps.load_categories),
    ("Product classes and the OCOP store", steps.load_product_classes_and_partner),
    ("Products, stock and pictures", steps.load_products),
    ("OCOP producers, producer users and certificates", demo_producers.load_producers),
    ("Locales, home page and sites", steps.load_home_page),
    ("Section pages", steps.load_section_pages),
    ("English translations", steps.load_translations),
    ("Experience booking options", steps.load_experience_options),
    ("Experience schedules: sessions and places", demo_experiences.load_experiences),
    ("Craft villages and their producers", steps.load_craft_villages),
    ("Content images", steps.load_content_images),
    ("Content pages", steps.load_content_pages),
    ("English content pages", steps.load_content_translations),
    ("Footer links", steps.load_site_links),
    ("Producer story review workflow", steps.load_workflow),
    (
        "Consignment: supply terms, last month at Từ Sơn, statements",
        demo_consignment.load_consignment,
    ),
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
        with (
            translation.override(settings.LANGUAGE_CODE),
            _quiet(*CHATTY_LOGGERS),
            transaction.atomic(),
        ):
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
