"""`manage.py send_low_stock_emails`: tell each store's managers what runs low.

Daily, e.g. cron `0 7 * * * python manage.py send_low_stock_emails`. A store
with nothing under its thresholds, or without managers, gets no email.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from storefront.accounts import language_for
from storefront.partner import selectors


class Command(BaseCommand):
    help = "Email each store's managers the products under their low-stock threshold."

    def handle(self, *args, **options):
        sent = 0
        for store in selectors.stores().prefetch_related("managers"):
            records = list(selectors.low_stock(store))
            managers = [m for m in store.managers.all() if m.email and m.is_active]
            if not records or not managers:
                continue
            # One email per language, each manager in the language they use the site in.
            by_language: dict[str, list[str]] = {}
            for manager in managers:
                by_language.setdefault(language_for(manager), []).append(manager.email)
            for language, recipients in by_language.items():
                with translation.override(language):
                    body = render_to_string(
                        "partner/emails/low_stock.txt",
                        {
                            "store": store,
                            "records": records,
                            "stock_url": reverse("mystore:stock", kwargs={"store": store.slug})
                            + "?low=1",
                        },
                    )
                    subject = _("Low stock at %(store)s: %(count)d products") % {
                        "store": store.display_name,
                        "count": len(records),
                    }
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
                sent += 1
            self.stdout.write(f"{store.code}: {len(records)} low, sent to {len(managers)}")
        self.stdout.write(self.style.SUCCESS(f"Low-stock emails sent: {sent}"))
