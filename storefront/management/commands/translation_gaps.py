"""List user-facing strings with no translation, to fill locale/<lang>/django.po."""

from django.core.management.base import BaseCommand

from storefront.i18n import missing_translations, oscar_sources, project_sources

# Strings that read the same in Vietnamese and English (names, codes).
SAME_IN_BOTH = {
    "OCOP Bắc Ninh",
    "OCOP",
    "Email",
    "email",
    "logo",
    "SKU",
    "UPC",
    "QR",
    "PNG",
    "SVG",
    "CSV",
    "Stripe PaymentIntent",
    "%(product)s: %(before)d → %(after)d.",
}


class Command(BaseCommand):
    help = "List our and Oscar's user-facing strings that have no translation."

    def add_arguments(self, parser):
        parser.add_argument("--language", default="vi")

    def handle(self, *args, language, **options):
        sources = [*project_sources(), *oscar_sources()]
        missing = missing_translations(sources, language, allowed=SAME_IN_BOTH)
        for message in missing:
            context = f" [{message.context}]" if message.context else ""
            self.stdout.write(f"{message.path}:{message.line}{context}: {message.msgid!r}")
        self.stdout.write(f"{len(missing)} string(s) without a {language} translation.")
