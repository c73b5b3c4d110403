"""Accounts: each account's language, and registration that tells no one who has an account."""

import uuid
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from storefront.mail import queue_email
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


# --- Registration that does not tell who has an account ------------------------
#
# Registering with an address that already has an account must look, to the
# visitor, exactly like registering with a new one; otherwise the form answers
# "does this email shop here?" for anyone. So registration never signs anyone
# in: a new address gets an inactive account and a link to confirm it; an
# address with an account gets an email saying someone tried to register with
# it. Both visitors see the same "check your email" page. The confirmation page
# asks for the password chosen at registration, so a stranger who registered
# someone else's address first cannot have the owner activate an account whose
# password the stranger knows.


class AccountConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """One-use links: the hash covers is_active and the password, which confirming changes."""

    key_salt = "storefront.accounts.AccountConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


confirmation_tokens = AccountConfirmationTokenGenerator()


def is_unconfirmed(user) -> bool:
    """Registered but never confirmed (staff-deactivated accounts have signed in before)."""
    return not user.is_active and user.last_login is None


ACCOUNT_EMAILS = ("confirm", "already_registered")


def _queue_account_email(*, request, user, template: str) -> None:
    """Record the email in the outbox; the worker writes and sends it after commit.

    Only the user's id, the site's address and the language travel through
    the queue and the outbox: the confirmation link, which acts for the
    account, is made by the worker as it sends (storefront/communication
    keeps such links out of the database for the same reason).
    """
    queue_email(
        key=f"account:{template}:{user.pk}:{uuid.uuid4().hex}",
        kind="account",
        template=template,
        user_id=user.pk,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


def build_account_email(*, template: str, user_id: int, base_url: str, language: str):
    """The outbox's builder: `emails/accounts/<template>_*` in `language`.

    None when there is nothing to send any more: the account is gone, or
    was confirmed before its confirmation email left.
    """
    if template not in ACCOUNT_EMAILS:
        raise ValueError(template)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return None
    with translation.override(language):
        if template == "confirm":
            if not is_unconfirmed(user):
                return None
            path = reverse(
                "account-confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": confirmation_tokens.make_token(user),
                },
            )
            context = {"link": base_url + path, "user": user}
        else:
            context = {
                "user": user,
                "login_link": base_url + reverse("customer:login"),
                "reset_link": base_url + reverse("password-reset"),
            }
        subject = " ".join(
            render_to_string(f"emails/accounts/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"emails/accounts/{template}_body.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def _lock_email(email: str) -> None:
    """Serialise registrations of one address until the transaction ends.

    Locking the account rows finds nothing to lock while the address is new,
    so two registrations at once would both create an account. PostgreSQL:
    an advisory lock on the address; SQLite's IMMEDIATE transactions already
    run one writer at a time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [email.casefold()])


def register_account(*, request, email: str, password: str) -> None:
    """Register `email`, or tell its owner someone tried; the caller cannot tell which.

    - no account: create it inactive and email a confirmation link;
    - an unconfirmed account: the new password replaces the old one and a new
      link is sent (older links stop working, as the token covers the password);
    - a confirmed account: nothing changes; its owner is emailed that someone
      tried to register, with the sign-in and password-reset links.

    Every path hashes the password once, so the answer takes as long either way.
    Emails go out after the transaction commits.
    """
    from oscar.apps.customer.forms import generate_username
    from oscar.apps.customer.utils import normalise_email

    User = get_user_model()
    email = normalise_email(email)
    with transaction.atomic():
        _lock_email(email)
        existing = list(User.objects.select_for_update().filter(email__iexact=email))
        if not existing:
            user = User(email=email, username=generate_username(), is_active=False)
            user.set_password(password)
            user.save()
            _queue_account_email(request=request, user=user, template="confirm")
            return
        unconfirmed = [user for user in existing if is_unconfirmed(user)]
        if len(unconfirmed) == len(existing) == 1:
            user = unconfirmed[0]
            user.set_password(password)
            user.save(update_fields=["password"])
            _queue_account_email(request=request, user=user, template="confirm")
            return
        make_password(password)  # the same cost as the paths above
        owner = next((user for user in existing if not is_unconfirmed(user)), existing[0])
        with in_language_of(owner):
            _queue_account_email(request=request, user=owner, template="already_registered")


def confirm_account(*, user, token: str, password: str) -> bool:
    """Activate an unconfirmed account when the link and the password are right.

    False (and nothing changes) when the link is wrong, used or expired, or
    the password is not the one chosen at registration.
    """
    if not (
        is_unconfirmed(user)
        and confirmation_tokens.check_token(user, token)
        and user.check_password(password)
    ):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True
