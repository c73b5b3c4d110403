"""The daily low-stock email: each store's managers hear what runs low, in their language.

`queue_low_stock_emails` decides who gets one today and records it in the
outbox (storefront.mail), one email per store and language, keyed by the
date: a retried or repeated run sends nothing twice on one day. The worker
builds each email when it sends it, from the stock as it is then.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from storefront.accounts import language_for
from storefront.mail import queue_email
from storefront.partner import selectors
from storefront.partner.models import Partner


@dataclass
class LowStockRun:
    # (store code, products low, managers) of each store told today.
    stores: list[tuple[str, int, int]] = field(default_factory=list)
    queued: int = 0
    already_sent_today: int = 0


def _managers_by_language(store: Partner) -> dict[str, list[str]]:
    by_language: dict[str, list[str]] = {}
    for manager in store.managers.all():
        if manager.email and manager.is_active:
            by_language.setdefault(language_for(manager), []).append(manager.email)
    return by_language


def queue_low_stock_emails(*, today: dt.date) -> LowStockRun:
    """Queue today's email for every store with products under their threshold.

    A store with nothing low, or without managers, gets none.
    """
    run = LowStockRun()
    for store in selectors.stores().prefetch_related("managers"):
        low = selectors.low_stock(store).count()
        by_language = _managers_by_language(store)
        if not low or not by_language:
            continue
        with transaction.atomic():
            for language in by_language:
                email = queue_email(
                    key=f"low-stock:{store.pk}:{today.isoformat()}:{language}",
                    kind="low_stock",
                    store_id=store.pk,
                    language=language,
                )
                if email is None:
                    run.already_sent_today += 1
                else:
                    run.queued += 1
        run.stores.append((store.code, low, sum(len(v) for v in by_language.values())))
    return run


def build_low_stock_email(*, store_id: int, language: str) -> EmailMessage | None:
    """The outbox's builder: the store's low products, to its managers who use `language`."""
    store = selectors.stores().prefetch_related("managers").get(pk=store_id)
    recipients = _managers_by_language(store).get(language)
    records = list(selectors.low_stock(store))
    if not recipients or not records:
        return None
    with translation.override(language):
        body = render_to_string(
            "partner/emails/low_stock.txt",
            {
                "store": store,
                "records": records,
                "stock_url": reverse("mystore:stock", kwargs={"store": store.slug}) + "?low=1",
            },
        )
        subject = _("Low stock at %(store)s: %(count)d products") % {
            "store": store.display_name,
            "count": len(records),
        }
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
