"""Remembering each account's language, and using it when writing to them."""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

from storefront.models import AccountPreference

SESSION_KEY = "ocop_remembered_language"


def remember_language(user, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        return
    AccountPreference.objects.update_or_create(user=user, defaults={"language": language})


def language_for(user) -> str:
    """The account's language, or the shop's default for guests and new accounts."""
    if user is not None and getattr(user, "pk", None):
        stored = (
            AccountPreference.objects.filter(user=user).values_list("language", flat=True).first()
        )
        if stored:
            return stored
    return settings.LANGUAGE_CODE


def language_for_order(order) -> str:
    """The language to write to an order's customer in.

    The account's remembered language when the customer has an account and
    one is stored; otherwise the language the order was placed in; otherwise
    the shop's default.
    """
    if getattr(order, "user_id", None):
        stored = (
            AccountPreference.objects.filter(user_id=order.user_id)
            .values_list("language", flat=True)
            .first()
        )
        if stored:
            return stored
    payment = getattr(order, "payment", None)
    return getattr(payment, "language", "") or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user, fallback: str | None = None):
    """Render emails for `user` in their language: `with in_language_of(order.user): ...`.

    Guests have no account; `fallback` (e.g. the language an order was placed
    in) is used for them.
    """
    language = language_for(user) if user is not None else (fallback or settings.LANGUAGE_CODE)
    with translation.override(language):
        yield language


class RememberLanguageMiddleware:
    """Store the language a signed-in user browses in, once per change.

    The session remembers what was stored last, so the database is written
    only when the user switches language, not on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        language = getattr(request, "LANGUAGE_CODE", None)
        if (
            user is not None
            and user.is_authenticated
            and language
            and request.session.get(SESSION_KEY) != language
            and 200 <= response.status_code < 400
        ):
            remember_language(user, language)
            request.session[SESSION_KEY] = language
        return response
