"""How often a visitor may do what: the one table of request limits, and login lockout.

Request limits (django-ratelimit) are listed in LIMITS by URL name and method
and applied by RateLimitMiddleware before the view runs, so no view carries a
decorator and a limited request changes nothing: it gets 429 and a page in
the visitor's language (JSON for the Stripe webhook). Counters live in the
default cache (Redis when REDIS_URL is set, shared by every server process).

Login lockout (django-axes) counts failed sign-ins in the database. The
(account, address) pair is locked after AXES_FAILURE_LIMIT failures, so the
owner signing in from another address is not; the address alone after
OCOP_LOGIN_ADDRESS_FAILURE_LIMIT failures over any accounts, so one address
cannot try a few passwords on many accounts. Axes' backend is the first in
AUTHENTICATION_BACKENDS: a locked-out attempt is refused before any password
is hashed, which is what let a burst of guesses slow every shopper down.
"""

from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from storefront.text import fold


def client_address(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or the proxy's word for it.

    Behind OCOP_TRUSTED_PROXY_COUNT proxies that each append to
    X-Forwarded-For, the visitor's address is that many entries from the
    right; entries further left are whatever the client sent and not trusted.
    """
    proxies = settings.OCOP_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _by_address(group: str, request: HttpRequest) -> str:
    return client_address(request)


def _by_email(group: str, request: HttpRequest) -> str:
    return fold(request.POST.get("email", "").strip())


def _is_registration(request: HttpRequest) -> bool:
    # Oscar's sign-in page also holds the registration form.
    return "registration_submit" in request.POST


@dataclass(frozen=True)
class Limit:
    url_name: str
    method: str
    rate: str  # django-ratelimit's "count/period": 60/m, 5/15m, 10/h
    group: str
    key: object = _by_address
    only_if: object = None  # a further test of the request, e.g. which form was sent
    json: bool = False


LIMITS: tuple[Limit, ...] = (
    # Each sends an email: per address, and per address receiving it.
    Limit("password-reset", "POST", "5/15m", "password-reset"),
    Limit("password-reset", "POST", "5/h", "password-reset-email", key=_by_email),
    # Oscar's registration page and its sign-in page (which also registers),
    # as routed in storefront/urls.py.
    Limit("account-register", "POST", "10/h", "registration"),
    Limit("account-login", "POST", "10/h", "registration", only_if=_is_registration),
    Limit("account-confirm", "POST", "10/h", "account-confirm"),
    # Only Wagtail's form pages (contact, join as a producer) accept a POST.
    Limit("wagtail_serve", "POST", "5/10m", "content-form"),
    Limit("site-search", "GET", "60/m", "search"),
    # Stripe sends bursts on busy days and retries: generous, per address.
    Limit("payment:stripe-webhook", "POST", "300/m", "stripe-webhook", json=True),
)


def too_many_requests(
    request: HttpRequest, *, message: str, retry_after: int = 60, password_reset_url: str = ""
) -> HttpResponse:
    return TemplateResponse(
        request,
        "429.html",
        {"message": message, "password_reset_url": password_reset_url},
        status=429,
        headers={"Retry-After": str(retry_after)},
    ).render()


class RateLimitMiddleware:
    """Apply LIMITS to the matching URL name and method, before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.by_url_name: dict[str, list[Limit]] = {}
        for limit in LIMITS:
            self.by_url_name.setdefault(limit.url_name, []).append(limit)

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        limits = self.by_url_name.get(match.view_name if match else "", ())
        for limit in limits:
            if request.method != limit.method:
                continue
            if limit.only_if and not limit.only_if(request):
                continue
            if is_ratelimited(
                request,
                group=limit.group,
                key=limit.key,
                rate=limit.rate,
                method=limit.method,
                increment=True,
            ):
                if limit.json:
                    return JsonResponse(
                        {"error": "rate_limited", "retry_after": 60},
                        status=429,
                        headers={"Retry-After": "60"},
                    )
                return too_many_requests(
                    request,
                    message=_(
                        "You have sent this too many times in a short while. "
                        "Please wait a few minutes and try again."
                    ),
                )
        return None


# --- Login lockout (django-axes) -----------------------------------------------


def login_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The account a sign-in names, one spelling per account (emails are case-blind)."""
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username") or request.POST.get("login-username")
    return username.strip().lower() if username else None


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits instead of one.

    AXES_LOCKOUT_PARAMETERS is [[username, ip_address], ip_address]: Axes
    would compare the larger count with one limit. Here the pair is compared
    with AXES_FAILURE_LIMIT and the address with
    OCOP_LOGIN_ADDRESS_FAILURE_LIMIT; a locked address reports the pair limit,
    which is what Axes compares with.
    """

    def get_failures(self, request, credentials=None) -> int:
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if address >= settings.OCOP_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(pair, settings.AXES_FAILURE_LIMIT)
        return pair

    def user_logged_in(self, sender, request, user, **kwargs):
        """A success forgets this account's failures from this address, and only those.

        (Axes' AXES_RESET_ON_SUCCESS would also forget the address's failures
        on other accounts: a sprayer could clear them by signing into their own.)
        """
        super().user_logged_in(sender, request, user, **kwargs)
        names = {name.strip().lower() for name in (user.get_username(), user.email) if name}
        AccessAttempt.objects.filter(
            username__in=names,
            ip_address=getattr(request, "axes_ip_address", None) or client_address(request),
        ).delete()


def login_locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE): 429, translated."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return too_many_requests(
        request,
        message=_(
            "Too many unsuccessful sign-ins. Please try again in %(minutes)d minutes, "
            "or reset your password."
        )
        % {"minutes": minutes},
        retry_after=minutes * 60,
        password_reset_url=reverse("password-reset"),
    )
