"""Who hears about a statement or a restock request, in their language, through the outbox.

`notify(event, obj)` is called by the services inside their transaction: it
records one email per language of the people to tell (storefront.mail,
sent by the worker after commit, never twice for one key). The builder reads
the statement or request as it is when sending.

- a statement sent, a restock request made: the producer's portal users;
- a statement confirmed or disputed, a request confirmed or sent: the store's managers.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from storefront.accounts import language_for
from storefront.mail import queue_email

TO_PRODUCER = {"statement_sent", "restock_requested"}
STATEMENT_EVENTS = {"statement_sent", "statement_confirmed", "statement_disputed"}


def _people(event: str, obj) -> list:
    if event in TO_PRODUCER:
        users = [m.user for m in obj.producer.memberships.select_related("user")]
    else:
        users = list(obj.store.managers.all())
    return [u for u in users if u.is_active and u.email]


def notify(*, event: str, obj, stamp: str) -> None:
    """Queue the email for `event` about `obj`; `stamp` tells a second sending apart."""
    languages = {language_for(user) for user in _people(event, obj)}
    for language in sorted(languages):
        queue_email(
            key=f"consignment:{event}:{obj.pk}:{stamp}:{language}",
            kind="consignment",
            event=event,
            object_id=obj.pk,
            language=language,
        )


def build_consignment_email(*, event: str, object_id: int, language: str) -> EmailMessage | None:
    """The outbox's builder for every consignment event."""
    from storefront.consignment.models import RestockRequest, Statement

    model = Statement if event in STATEMENT_EVENTS else RestockRequest
    obj = model.objects.select_related("store", "producer").filter(pk=object_id).first()
    if obj is None:
        return None
    recipients = [u.email for u in _people(event, obj) if language_for(u) == language]
    if not recipients:
        return None
    with translation.override(language):
        subject, text, url = _content(event, obj)
        body = render_to_string(
            "consignment/emails/notice.txt", {"text": text, "url": url, "obj": obj}
        )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _content(event: str, obj) -> tuple[str, str, str]:
    names = {"store": obj.store.display_name, "producer": obj.producer.name}
    if event in STATEMENT_EVENTS:
        names.update(
            ref=obj.reference,
            start=date_format(obj.period_start, "SHORT_DATE_FORMAT"),
            end=date_format(obj.period_end, "SHORT_DATE_FORMAT"),
        )
        portal = reverse(
            "settle:portal-statement", kwargs={"slug": obj.producer.slug, "pk": obj.pk}
        )
        store_page = reverse("mystore:statement", kwargs={"store": obj.store.slug, "pk": obj.pk})
        if event == "statement_sent":
            return (
                _("Statement %(ref)s from %(store)s to confirm") % names,
                _(
                    "%(store)s sent you its consignment statement %(ref)s for %(start)s–%(end)s. "
                    "Please check it and confirm it, or dispute it with a note."
                )
                % names,
                portal,
            )
        if event == "statement_confirmed":
            return (
                _("Statement %(ref)s confirmed by %(producer)s") % names,
                _("%(producer)s confirmed statement %(ref)s (%(start)s–%(end)s): it can be paid.")
                % names,
                store_page,
            )
        return (
            _("Statement %(ref)s disputed by %(producer)s") % names,
            _("%(producer)s disputed statement %(ref)s (%(start)s–%(end)s): “%(note)s”")
            % {**names, "note": obj.dispute_note},
            store_page,
        )
    names["id"] = obj.pk
    if event == "restock_requested":
        return (
            _("Restock request #%(id)d from %(store)s") % names,
            _("%(store)s asks you for goods by %(day)s. Confirm the quantities and mark them sent.")
            % {**names, "day": date_format(obj.wanted_by, "SHORT_DATE_FORMAT")},
            reverse("settle:portal-restock", kwargs={"slug": obj.producer.slug, "pk": obj.pk}),
        )
    store_page = reverse("mystore:restock", kwargs={"store": obj.store.slug, "pk": obj.pk})
    if event == "restock_confirmed":
        return (
            _("Restock request #%(id)d confirmed by %(producer)s") % names,
            _("%(producer)s confirmed the quantities of restock request #%(id)d.") % names,
            store_page,
        )
    return (
        _("Restock request #%(id)d sent by %(producer)s") % names,
        _("%(producer)s has sent the goods of restock request #%(id)d: receive them on arrival.")
        % names,
        store_page,
    )
