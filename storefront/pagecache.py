"""Whole public pages from the cache, with each visitor's own bits filled in on every response.

What is cached: the GET responses of the views in CACHEABLE_VIEWS (catalogue
listing, categories, product pages, site search, stores, producers, the
verification page and every Wagtail page), for visitors with no session (so
anonymous: signed-in visitors, and the rare anonymous session, are served by
the views) and no messages waiting, when the response is a 200 text/html page
that sets no cookie, writes nothing to the session, sets no Cache-Control or
Vary of its own and asked for no CSRF token outside the template tag. Everything else
(signed-in visitors, dashboards, portals, account, basket, checkout, POSTs,
Wagtail's admin and previews) never reaches the cache.

How a page stays the same for everyone: it is rendered as a neutral visitor.
While the view runs, the request keeps only the cookies that are part of the
key (language, "my store") or that outer middleware has already read (CSRF),
loses its Referer, and every per-visitor value is a hole:

- the header's basket count (`{% pagehole "basket_count" %}` in
  templates/includes/site_header.html), filled with one small query on the
  visitor's basket cookie;
- Oscar's "recently viewed" block (`{% pagehole "recently_viewed" %}`), filled
  from the visitor's history cookie, which keeps being updated on cache hits;
- the CSRF token (the `pagecache_holes` context processor gives templates a
  placeholder instead), filled with `get_token(request)`;
- the CSP nonce (`request.csp_nonce` is a placeholder during the render),
  filled with this response's nonce, so the header and the page agree.

The same fill runs on a miss and on a hit, so both answers are alike.

The key: scheme, host, language, the `ocop_store` cookie and the full path with
its query string. Invalidation: one generation number in the cache, which any
committed change to what public pages show replaces (`expire_on_commit`,
connected to every model's saves and deletes except PRIVATE_MODELS, to
Wagtail's publish/unpublish/move signals, and called by the stock services);
an entry of another generation is never served. Time: an entry also ends at
the next instant a page may change by the clock alone (local midnight, when
certificates expire and closures begin; a store opening or closing; an
offer starting or ending), or after PAGE_CACHE_SECONDS, whichever is first.
"""

import datetime as dt
import hashlib
import logging
import time
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.core.signing import BadSignature, Signer
from django.db import transaction
from django.db.models import Min, Sum
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

from storefront.partner.strategy import MY_STORE_COOKIE

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
GENERATION_KEY = "pagecache:generation"

# Opted in by URL name: pages that show the same thing to every anonymous visitor.
CACHEABLE_VIEWS = frozenset(
    {
        "catalogue:index",
        "catalogue:category",
        "catalogue:detail",
        "site-search",
        "stores:list",
        "stores:detail",
        "ocop:producer-list",
        "ocop:producer-detail",
        "ocop:verify",
        "wagtail_serve",
    }
)

# Writes to these never change what a cached page shows, and several happen
# while pages are served (analytics counters, thumbnails, renditions, embeds,
# sessions, baskets): they must not expire every page. Stock counters change
# only through storefront.partner.services, which expires pages itself
# (a StockMovement row alone is not shown). Anything not listed expires pages.
PRIVATE_MODELS = frozenset(
    {
        "admin.LogEntry",
        "sessions.Session",
        "auth.Group",
        "auth.Permission",
        "address.UserAddress",
        "analytics.ProductRecord",
        "analytics.UserProductView",
        "analytics.UserRecord",
        "analytics.UserSearch",
        "axes.AccessAttempt",
        "axes.AccessAttemptExpiration",
        "axes.AccessFailureLog",
        "axes.AccessLog",
        "basket.Basket",
        "basket.Line",
        "basket.LineAttribute",
        "catalogue.ProducerMembership",
        "catalogue.ProductSubmission",
        "catalogue.ProgrammeTargets",
        "catalogue.RenewalEvidence",
        "catalogue.SearchWord",
        "communication.CommunicationEventType",
        "communication.Email",
        "communication.Notification",
        "customer.ProductAlert",
        "order.BillingAddress",
        "order.CommunicationEvent",
        "order.Line",
        "order.LineAttribute",
        "order.LinePrice",
        "order.Order",
        "order.OrderDiscount",
        "order.OrderLineDiscount",
        "order.OrderNote",
        "order.OrderStatusChange",
        "order.PaymentEvent",
        "order.PaymentEventQuantity",
        "order.PaymentEventType",
        "order.ShippingAddress",
        "order.ShippingEvent",
        "order.ShippingEventQuantity",
        "order.ShippingEventType",
        "order.Surcharge",
        "partner.StockAlert",
        "partner.StockMovement",
        "payment.Bankcard",
        "payment.OrderPayment",
        "payment.PaymentRefund",
        "payment.Source",
        "payment.SourceType",
        "payment.StripeEvent",
        "payment.Transaction",
        "storefront.AccountPreference",
        "thumbnail.KVStore",
        "voucher.Voucher",
        "voucher.VoucherApplication",
        "voucher.VoucherSet",
        "wagtailadmin.Admin",
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
        "wagtailcore.APIToken",
        "wagtailcore.Comment",
        "wagtailcore.CommentReply",
        "wagtailcore.ModelLogEntry",
        "wagtailcore.PageLogEntry",
        "wagtailcore.PageSubscription",
        "wagtailcore.ReferenceIndex",
        "wagtailcore.Revision",
        "wagtailcore.TaskState",
        "wagtailcore.UploadedFile",
        "wagtailcore.WorkflowState",
        "wagtailembeds.Embed",
        "wagtailforms.FormSubmission",
        "wagtailimages.Rendition",
        "wagtailsearch.IndexEntry",
        "wagtailusers.UserProfile",
        "wishlists.Line",
        "wishlists.WishList",
        "wishlists.WishListSharedEmail",
    }
)

# Cookies the neutral render keeps: read before the view by outer middleware
# (session, CSRF, language) or part of the key ("my store").
_KEPT_COOKIES = frozenset(
    {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        MY_STORE_COOKIE,
    }
)

# Tag holes are filled before the CSRF token and nonce: what they render may hold either.
TAG_HOLES = ("recently_viewed", "basket_count")
_CACHE_ERRORS = (RedisError, OSError)


class _Markers:
    """The placeholders written into cached copies, secret so no content can forge one."""

    def __init__(self):
        self._values = None

    def __getitem__(self, name: str) -> str:
        if self._values is None:
            secret = salted_hmac("storefront.pagecache", "holes").hexdigest()[:20]
            self._values = {
                "csrf": f"pagehole{secret}csrf",
                "nonce": f"pagehole{secret}nonce",
                **{hole: f"<!--pagehole{secret}{hole}-->" for hole in TAG_HOLES},
            }
        return self._values[name]


MARKERS = _Markers()
_HOLE_ORDER = (*TAG_HOLES, "csrf", "nonce")


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


# --- invalidation -----------------------------------------------------------


def expire_pages() -> None:
    """Give the cache a new generation: every page cached so far stops being served."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            # Never set, or evicted: a value no earlier generation can have had.
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    except _CACHE_ERRORS:
        logger.exception("Could not expire the page cache")


_MISSING = object()


def remember(name: str, compute):
    """`compute()`, kept until the next change that expires cached pages.

    For signed-in pages the page cache never serves that read the same slow
    aggregates, such as the store manager's stock page (its weekly charts,
    low-stock count and producer filter cost 60 ms of SQL and 50 ms of Python
    at 50,000 products). The value is stored under the current generation, so
    every committed change that expires public pages (the stock services call
    `expire_on_commit`) retires it too; `name` must hold everything else the
    value depends on (store, language, date). The generation is read before
    computing: a change committed meanwhile moves to a generation this value
    is never served under. Computed every time when the page cache is off or
    the cache is down.
    """
    if not enabled():
        return compute()
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            expire_pages()
            generation = cache.get(GENERATION_KEY)
        key = f"pagecache:value:{name}:{generation}"
        value = cache.get(key, _MISSING)
    except _CACHE_ERRORS:
        logger.exception("Could not read the cache for %s", name)
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(key, value, timeout=settings.PAGE_CACHE_SECONDS)
        except _CACHE_ERRORS:
            logger.exception("Could not store %s in the cache", name)
    return value


class _PendingExpiry:
    """The expiry one transaction owes: its first callback to run does it, the others not."""

    done = False


def expire_on_commit() -> None:
    """Expire cached pages once the current transaction commits (at once outside one).

    Not before the commit: a page rendered in between would read the old rows
    under the new generation and be served as current. A transaction that
    saves thousands of rows registers as many callbacks but expires pages
    once; a callback dropped with a rolled-back savepoint never runs, so one
    that does run is always there for what was committed.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        expire_pages()
        return
    pending = getattr(connection, "_page_cache_expiry", None)
    if pending is None or pending.done:
        pending = connection._page_cache_expiry = _PendingExpiry()

    def expire_once():
        if not pending.done:
            pending.done = True
            expire_pages()

    transaction.on_commit(expire_once, robust=True)


def _model_changed(sender, **kwargs):
    if sender._meta.label in PRIVATE_MODELS:
        return
    fields = kwargs.get("update_fields")
    if sender._meta.label == "auth.User" and fields and set(fields) <= {"last_login"}:
        return  # every sign-in; a user's name (shown on reviews) changes elsewhere
    expire_on_commit()


def _relation_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _model_changed(sender, **kwargs)


def _pages_changed(**kwargs):
    expire_on_commit()


def _remember_viewed_product(sender, product, request, **kwargs):
    render = getattr(request, "_page_cache", None)
    if render is not None:
        render.viewed_product = product.pk


def connect_signals() -> None:
    """Called from storefront.apps: every model's writes, Wagtail's page events, product views."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from oscar.apps.catalogue.signals import product_viewed
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    for signal in (post_save, post_delete):
        signal.connect(_model_changed, dispatch_uid=f"pagecache-{id(signal)}")
    m2m_changed.connect(_relation_changed, dispatch_uid="pagecache-m2m")
    # Moves and slug changes rewrite descendants' paths with UPDATEs (no post_save).
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_pages_changed, dispatch_uid=f"pagecache-{id(signal)}")
    product_viewed.connect(_remember_viewed_product, dispatch_uid="pagecache-viewed")


# --- time ---------------------------------------------------------------------


def next_scheduled_change(now: dt.datetime) -> dt.datetime:
    """The next instant a public page may change with no write: the clock alone.

    Local midnight (certificates stop counting on their expiry date, store
    closures and "days left" follow the date), the next opening or closing
    minute of any store today or tomorrow ("open now"), and the next start or
    end of an offer.
    """
    from oscar.apps.offer.models import ConditionalOffer

    from storefront.partner.models import StoreOpeningHours

    local = timezone.localtime(now)
    zone = local.tzinfo
    tomorrow = local.date() + dt.timedelta(days=1)
    candidates = [dt.datetime.combine(tomorrow, dt.time(), tzinfo=zone)]
    days = {day.weekday(): day for day in (local.date(), tomorrow)}
    for weekday, opens, closes in StoreOpeningHours.objects.filter(
        weekday__in=list(days)
    ).values_list("weekday", "opens", "closes"):
        for moment in (opens, closes):
            at = dt.datetime.combine(days[weekday], moment, tzinfo=zone)
            if at > now:
                candidates.append(at)
    offers = ConditionalOffer.objects.aggregate(
        start=Min("start_datetime", filter=_after("start_datetime", now)),
        end=Min("end_datetime", filter=_after("end_datetime", now)),
    )
    candidates += [moment for moment in offers.values() if moment is not None]
    return min(candidates)


def _after(field: str, now):
    from django.db.models import Q

    return Q(**{f"{field}__gt": now})


def _expires_at(generation: int, now: dt.datetime) -> float:
    """When an entry rendered now must stop being served (a Unix time)."""
    key = f"pagecache:next-change:{generation}"
    change = cache.get(key)
    if change is None or change <= now.timestamp():
        change = next_scheduled_change(now).timestamp()
        cache.set(key, change, timeout=max(1, int(change - now.timestamp())))
    return min(now.timestamp() + settings.PAGE_CACHE_SECONDS, change)


# --- holes ------------------------------------------------------------------------


def is_rendering(request) -> bool:
    """Whether this request's page is being rendered for the cache (holes, not values)."""
    render = getattr(request, "_page_cache", None)
    return render is not None and render.active


def hole_marker(name: str) -> str:
    return MARKERS[name]


def csrf_hole(request: HttpRequest) -> dict:
    """Context processor: while a page is rendered for the cache, forms get a placeholder token.

    Listed after Django's built-in csrf processor, so this value wins.
    """
    if is_rendering(request):
        return {"csrf_token": MARKERS["csrf"]}
    return {}


def basket_count(request: HttpRequest) -> int:
    """Items in the anonymous visitor's open basket, from its signed cookie: one query."""
    from storefront.basket.models import Basket, Line

    value = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if not value:
        return 0
    try:
        basket_id = Signer().unsign(value)
    except BadSignature:
        return 0
    lines = Line.objects.filter(
        basket_id=basket_id, basket__owner__isnull=True, basket__status=Basket.OPEN
    )
    return lines.aggregate(items=Sum("quantity"))["items"] or 0


def _recently_viewed(request: HttpRequest, viewed_product: int | None) -> str:
    if settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME not in request.COOKIES:
        return ""  # what the block renders for an empty history, without a query
    from catalogue.models import Product
    from storefront.basket.models import Basket
    from storefront.partner.strategy import Selector

    if not hasattr(request, "strategy"):
        # A hit never reaches Oscar's basket middleware, and product cards price
        # through its strategy and build their form on its basket: the block
        # shows neither, so an empty one does (no query).
        request.strategy = Selector().strategy(request=request, user=request.user)
        request.basket = Basket()
        request.basket.strategy = request.strategy
    current = Product(pk=viewed_product) if viewed_product else None
    return render_to_string(
        "pagecache/recently_viewed.html", {"current_product": current}, request=request
    )


def _fill(request, content: bytes, holes, viewed_product) -> bytes:
    for name in holes:
        if name == "basket_count":
            value = str(basket_count(request))
        elif name == "recently_viewed":
            value = _recently_viewed(request, viewed_product)
        elif name == "csrf":
            value = get_token(request)
        else:
            value = str(request.csp_nonce)
        content = content.replace(MARKERS[name].encode(), value.encode())
    return content


def _update_history(request, response, viewed_product) -> None:
    from oscar.core.loading import get_class

    history = get_class("customer.history", "CustomerHistoryManager")
    response.cookies.pop(history.cookie_name, None)
    history.update(SimpleNamespace(id=viewed_product), request, response)


# --- the middleware ------------------------------------------------------------


def _key(request) -> str:
    parts = (
        request.scheme,
        request.get_host(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        request.COOKIES.get(MY_STORE_COOKIE, ""),
        request.get_full_path(),
    )
    return "pagecache:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


class _Render:
    """A page rendered for the cache: what the neutral render changed, and what it saw."""

    def __init__(self, key: str, generation):
        self.key, self.generation = key, generation
        # Before the view reads anything: the entry ends at the first scheduled change after it.
        self.started = timezone.now()
        self.active = self.begun = False
        self.viewed_product = None

    def begin(self, request) -> None:
        self.active = self.begun = True
        self.cookies = request.COOKIES
        request.COOKIES = {k: v for k, v in self.cookies.items() if k in _KEPT_COOKIES}
        self.referer = request.META.pop("HTTP_REFERER", None)
        self.nonce = request.__dict__.get("csp_nonce")
        request.csp_nonce = MARKERS["nonce"]
        self.csrf_update = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False

    def end(self, request) -> None:
        """Give the request back its own cookies, Referer and nonce; note what the view read."""
        self.active = False
        request.COOKIES = self.cookies
        if self.referer is not None:
            request.META["HTTP_REFERER"] = self.referer
        if self.nonce is None:
            del request.csp_nonce
        else:
            request.csp_nonce = self.nonce
        session = getattr(request, "session", None)
        self.wrote_session = session is not None and session.modified
        self.asked_csrf_token = request.META["CSRF_COOKIE_NEEDS_UPDATE"]
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = self.asked_csrf_token or self.csrf_update


def _visitor_without_state(request) -> bool:
    """No session and no messages waiting: the page is the same for every such visitor.

    A session is per-visitor state that pages read: the signed-in user, and
    for anonymous visitors Oscar's add-to-basket form with the errors of a
    failed add, or a Wagtail page password already given. Visitors with one
    are served by the views (as are their messages, shown once).
    """
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    # len() reads the messages without marking them seen.
    messages = getattr(request, "_messages", None)
    return not (messages is not None and len(messages))


def _lookup(key: str):
    """(generation, entry or None) in one round trip; the entry only if current."""
    values = cache.get_many([GENERATION_KEY, key])
    generation, entry = values.get(GENERATION_KEY), values.get(key)
    if (
        entry is not None
        and generation is not None
        and entry[0] == generation
        and entry[1] > timezone.now().timestamp()
    ):
        return generation, entry
    return generation, None


def _is_cacheable_view(request) -> bool:
    match = request.resolver_match
    return match is not None and match.view_name in CACHEABLE_VIEWS


def _refusal(request, response, render: _Render) -> str:
    """Why this neutral render may not be stored ("" when it may)."""
    if request.method != "GET":
        return "method"
    if response.status_code != 200 or response.streaming:
        return "status"
    if not response.get("Content-Type", "").startswith("text/html"):
        return "type"
    history = settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME
    if any(name != history for name in response.cookies):
        return "cookies"
    if response.has_header("Cache-Control") or response.has_header("Vary"):
        return "view's own caching headers"
    if render.wrote_session:
        return "session written"
    if render.asked_csrf_token:
        return "CSRF token outside the template tag"
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return "messages"
    return ""


class PageCacheMiddleware:
    """Serve and store whole anonymous pages (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not _visitor_without_state(request):
            response = self.get_response(request)
            if _is_cacheable_view(request):
                _mark(response, "bypass")
            return response

        key = _key(request)
        try:
            generation, entry = _lookup(key)
        except _CACHE_ERRORS:
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if entry is not None:
            return self._serve(request, entry)

        render = request._page_cache = _Render(key, generation)
        response = self.get_response(request)
        del request._page_cache
        if not render.begun:
            return response  # not a cacheable view: process_view left it alone
        render.end(request)
        refusal = _refusal(request, response, render)
        content = response.content if not response.streaming else b""
        holes = tuple(name for name in _HOLE_ORDER if MARKERS[name].encode() in content)
        if not refusal:
            self._store(request, response, render, content, holes)
        if not response.streaming and holes:
            response.content = _fill(request, content, holes, render.viewed_product)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        if render.viewed_product:
            # Oscar's receiver saw the neutral (empty) history: write the visitor's.
            _update_history(request, response, render.viewed_product)
        _mark(response, "bypass" if refusal else "miss")
        if refusal:
            logger.debug("Page not cached (%s): %s", refusal, request.path)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        render = getattr(request, "_page_cache", None)
        if render is not None and _is_cacheable_view(request):
            render.begin(request)
        return None

    def _store(self, request, response, render: _Render, content: bytes, holes) -> None:
        try:
            generation = render.generation
            if generation is None:
                # The cache was empty (first request, or evicted): start a generation;
                # pages are stored from the next request on.
                cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
                return
            expires_at = _expires_at(generation, render.started)
            seconds = int(expires_at - timezone.now().timestamp())
            if seconds < 1:
                return
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("content-length", HEADER.lower())
            ]
            entry = (generation, expires_at, headers, content, holes, render.viewed_product)
            cache.set(render.key, entry, timeout=seconds)
        except _CACHE_ERRORS:
            logger.exception("Could not store a page in the cache")

    def _serve(self, request, entry) -> HttpResponse:
        _generation, _expires, headers, content, holes, viewed_product = entry
        response = HttpResponse(status=200)
        for name, value in headers:
            response[name] = value
        response.content = _fill(request, content, holes, viewed_product)
        if viewed_product:
            _update_history(request, response, viewed_product)
        _mark(response, "hit")
        return response


def _mark(response, outcome: str) -> None:
    """Say what happened; browsers keep the page private and ask again each time.

    private: the page carries this visitor's basket count, CSRF token and
    nonce, so no shared cache (proxy, CDN) may keep it. no-cache rather than
    max-age: a browser must not show yesterday's price, stock or basket count
    from its own cache; not no-store, so back/forward navigation still works.
    """
    response[HEADER] = outcome
    patch_cache_control(response, private=True, no_cache=True)
