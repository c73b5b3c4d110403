"""Which Content-Security-Policy a response gets.

The policy in settings (CONTENT_SECURITY_POLICY) is the shop's: our scripts
and nonced inline ones only. Two kinds of pages differ, decided here by path
so no view needs a decorator:

- the card form (on the checkout pages, when cards are on) also loads
  Stripe.js, which frames Stripe's pages and calls Stripe's API;
- the three staff sites (Wagtail admin, Django admin, Oscar's dashboard) are
  built from their packages' templates, which carry inline scripts and
  handlers we do not control: they get 'unsafe-inline' for scripts (and so no
  nonce, which would switch 'unsafe-inline' off) and may frame themselves
  (Wagtail's preview). Only staff reach them, after signing in.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings

STAFF_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", settings.OCOP_MAP_TILE_ORIGIN],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def stripe_sources() -> dict[str, list[str]]:
    """What Stripe.js needs: its script, its frames, its API (localstripe in tests)."""
    script = _origin(settings.STRIPE_JS_URL)
    api = (
        _origin(settings.STRIPE_API_BASE) if settings.STRIPE_API_BASE else "https://api.stripe.com"
    )
    frames = [script] if settings.STRIPE_API_BASE else [script, "https://hooks.stripe.com"]
    return {"script-src": [script], "frame-src": frames, "connect-src": [api]}


def _unprefixed(path: str) -> str:
    """The path without its language prefix: /en/shop/checkout/ → /shop/checkout/."""
    first, _, rest = path.lstrip("/").partition("/")
    prefixed = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    return "/" + rest if first in prefixed else path


def is_staff_site(path: str) -> bool:
    staff_prefixes = (
        "/" + settings.WAGTAIL_ADMIN_PREFIX,
        "/" + settings.DJANGO_ADMIN_PREFIX,
        "/shop/dashboard/",
    )
    return path.startswith(staff_prefixes) or _unprefixed(path).startswith(staff_prefixes)


def is_card_page(path: str) -> bool:
    # Imported here: the payment package (and the Stripe client) loads after the middleware.
    from storefront.payment.services import stripe_is_configured

    return _unprefixed(path).startswith("/shop/checkout/") and stripe_is_configured()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        path = request.path_info
        if is_staff_site(path):
            parts.replace = {**STAFF_POLICY, **(parts.replace or {})}
        elif is_card_page(path):
            update = dict(parts.update or {})
            for directive, sources in stripe_sources().items():
                update[directive] = [*update.get(directive, []), *sources]
            # 'none' must stand alone: replace it rather than add to it.
            parts.replace = {**(parts.replace or {}), "frame-src": update.pop("frame-src")}
            parts.update = update
        return parts
