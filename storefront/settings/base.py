"""Settings shared by every environment.

Environment-specific modules (dev, test, production) import this and change
only what differs. Every variable read here is listed in `.env.example` and in
the README's configuration table.
"""

from datetime import timedelta

from celery.schedules import crontab
from csp.constants import NONCE as CSP_NONCE
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings must exist before we change them)

from catalogue.access import staff_only

from .env import BASE_DIR, database, env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# SQLite is the embedded default so a first run needs no server. IMMEDIATE
# transactions and a busy timeout stop concurrent requests failing with
# "database is locked" (measured: 60% of concurrent add-to-basket requests
# failed without them).
DATABASES = {
    "default": database(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))

# Oscar's migrations read this at run time; set before the first migration.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "storefront.cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="ocop"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

INSTALLED_APPS = [
    # modeltranslation patches model fields, so it must load before the admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Trigram lookups for search on PostgreSQL (unused, and harmless, on SQLite).
    "django.contrib.postgres",
    # The project itself (templates tags, management commands, healthz).
    "storefront",
    # Oscar, with our forks in place of the apps we change.
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "storefront.checkout.apps.CheckoutConfig",
    "storefront.address.apps.AddressConfig",
    "storefront.shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    # Fork: emails that carry a secret link are sent but never stored (storefront/communication).
    "storefront.communication.apps.CommunicationConfig",
    "storefront.partner.apps.PartnerConfig",
    "storefront.basket.apps.BasketConfig",
    "storefront.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "storefront.order.apps.OrderConfig",
    "storefront.consignment.apps.ConsignmentConfig",
    "storefront.experiences.apps.ExperiencesConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "storefront.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "storefront.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    # Wagtail: content pages under "/".
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    # Login throttling (storefront/ratelimits.py holds its handler and pages).
    "axes",
    "django_ratelimit",
    "csp",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed for browsers that ask (a listing: 97 KB → about 15 KB), with
    # Django's random length masking against BREACH; static files come already
    # compressed from whitenoise and are left alone.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy (nonces, per-path policies) and Permissions-Policy
    # on every response, the 429 and lockout pages included (storefront/headers.py).
    "storefront.headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before any view reads the query string: PostgreSQL refuses NUL characters.
    "storefront.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Whole anonymous pages from the cache (storefront/pagecache.py). Inside the
    # middleware it relies on: CSP (a cached page gets this response's nonce),
    # sessions and authentication (signed-in visitors bypass it), locale (part
    # of the key), CSRF (its response phase sets the cookie of the token
    # filled in) and messages (pending messages bypass it); their response
    # phases (headers, cookies) run on cache hits too. Before the basket
    # (a hit builds no strategy and loads no basket: the count is one small
    # query), rate limits (a hit costs no search) and the rest.
    "storefront.pagecache.PageCacheMiddleware",
    # Oscar's basket reads request.user, so it comes after authentication.
    "oscar.apps.basket.middleware.BasketMiddleware",
    # Emails go out in the language an account last used (storefront/accounts.py).
    "storefront.accounts.RememberLanguageMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The table of request limits (storefront/ratelimits.py): 429 before the view runs.
    "storefront.ratelimits.RateLimitMiddleware",
    # Last, as django-axes requires: turns a login lockout into our 429 page.
    "axes.middleware.AxesMiddleware",
]

# Seconds an anonymous page may be served from the cache at most (0: off).
# Any change to what public pages show expires them at once; see
# docs/architecture.md "Page cache".
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

ROOT_URLCONF = "storefront.urls"
WSGI_APPLICATION = "storefront.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                # Not Oscar's notifications processor: it counts unread notifications
                # (a query on every signed-in page) for a header we replaced.
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                # Last: a page rendered for the page cache gets a placeholder CSRF token.
                "storefront.pagecache.csrf_hole",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out (account, address) is refused before any password is hashed.
    "axes.backends.AxesStandaloneBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Vietnamese common passwords and the shop's own words (storefront/passwords.py).
    {"NAME": "storefront.passwords.LocalWordsPasswordValidator"},
]

# --- Login throttling (django-axes; storefront/ratelimits.py) -----------------
# An (account, address) pair is locked after AXES_FAILURE_LIMIT failures, so
# the owner signing in from elsewhere is not; one address alone is locked
# after OCOP_LOGIN_ADDRESS_FAILURE_LIMIT failures over any accounts (spraying).
# Failures count for AXES_COOLOFF_TIME after the last one.
AXES_FAILURE_LIMIT = env.int("OCOP_LOGIN_FAILURE_LIMIT", default=5)
OCOP_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("OCOP_LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("OCOP_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "storefront.ratelimits.AccountAndAddressHandler"
AXES_LOCKOUT_CALLABLE = "storefront.ratelimits.login_locked_out"
AXES_USERNAME_CALLABLE = "storefront.ratelimits.login_username"
AXES_CLIENT_IP_CALLABLE = "storefront.ratelimits.client_address"
# Axes keeps the POST data of failed attempts: never the passwords typed into
# Oscar's prefixed forms (login-password…), nor the CSRF token.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "login-password",
    "password1",
    "password2",
    "registration-password1",
    "registration-password2",
    "csrfmiddlewaretoken",
]
# Behind a TLS proxy every request comes from the proxy: the number of proxies
# in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
OCOP_TRUSTED_PROXY_COUNT = env.int("OCOP_TRUSTED_PROXY_COUNT", default=0)

# --- Request rate limits (django-ratelimit; the table is storefront/ratelimits.py) ---
# Counters live in the default cache: Redis when REDIS_URL is set.
RATELIMIT_USE_CACHE = "default"
SILENCED_SYSTEM_CHECKS = [
    # Django's own Redis backend increments atomically (INCR) but is not on
    # django-ratelimit's list of backends it names.
    "django_ratelimit.W001",
]
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Without REDIS_URL (first run, SQLite) counters are per process: limits
    # still hold for `runserver`; a deployment with several processes must set
    # REDIS_URL (docs/security.md).
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Language: Vietnamese first, English second. Vietnamese URLs carry no prefix;
# English ones start with /en/ so every page has one shareable URL per language.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# locale/ holds our strings (`make messages`); locale/oscar/ the Oscar strings
# our pages show that Oscar's own Vietnamese catalogue lacks.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "oscar"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi", "en")
# Dates as 28/11/2026 in Vietnamese (storefront/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["storefront.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# The app server serves MEDIA_ROOT under MEDIA_URL when this is on (or DEBUG is);
# production turns it on unless media is in object storage (storefront/media.py).
MEDIA_SERVE = env.bool("MEDIA_SERVE", default=False)

# Renewal evidence, certificate scans and pictures awaiting approval: outside
# MEDIA_ROOT, no URL, handed out only by a permission-checked view
# (catalogue/file_views.py). "private" may become a private S3 bucket.
PRIVATE_MEDIA_ROOT = env.path(
    "DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private-media"
)
PRIVATE_STORAGE = {"BACKEND": "catalogue.uploads.PrivateStorage"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
# Pixel cap of every uploaded image, read from the header before decoding;
# also Pillow's process-wide cap (catalogue.apps), so code that opens an image
# we did not check refuses a bomb (Pillow raises above twice this value).
OCOP_MAX_IMAGE_PIXELS = 25_000_000

# Upload limits apply to the whole request body; image rules come later on top.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="OCOP Bắc Ninh <shop@ocop.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The statement PDF (storefront/consignment/pdf.py): a line per rendering
        # step and per font file at INFO; warnings and refused fetches still show.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Oscar ---------------------------------------------------------------
SITE_NAME = _("OCOP Bắc Ninh")
OSCAR_SHOP_NAME = "OCOP Bắc Ninh"
OSCAR_SHOP_TAGLINE = _("One Commune One Product")
# Lazy, so the breadcrumb "Home" follows the language prefix ("/" or "/en/").
OSCAR_HOMEPAGE = reverse_lazy("wagtail_serve", args=[""])
OSCAR_DEFAULT_CURRENCY = "VND"
# VND has no minor unit; Babel already formats it with no decimals
# ("125.000 ₫" in vi, "₫125,000" in en). Whole-đồng entry is enforced separately.
OSCAR_CURRENCY_FORMAT = {"VND": {"currency_digits": True, "format_type": "standard"}}
# Offers round their discounts down to the whole đồng (storefront/money.py).
OSCAR_OFFER_ROUNDING_FUNCTION = "storefront.money.round_discount"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
# Vietnamese addresses: full name, street, commune/ward, province; no postcode
# (see storefront/address/forms.py for how Oscar's fields are used).
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "state", "country")
PHONENUMBER_DEFAULT_REGION = "VN"
PHONENUMBER_DB_FORMAT = "E164"
OSCAR_SLUG_FUNCTION = "storefront.text.slugify"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_IMAGE_FOLDER = "images/products/%Y/%m/"
OSCAR_EAGER_ALERTS = False
# OCOP pages for programme officers (catalogue.dashboard_views), in Oscar's dashboard menu.
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,
    {
        "label": _("OCOP programme"),
        "icon": "fas fa-star",
        "access_fn": staff_only,
        "children": [
            {"label": label, "url_name": f"ocop:dash:{name}", "access_fn": staff_only}
            for label, name in [
                (_("Overview"), "overview"),
                (_("Producers"), "producer-list"),
                (_("Certificates"), "certificate-list"),
                (_("Producer submissions"), "submission-list"),
            ]
        ]
        + [
            # Sales figures are read from the stores' movements (storefront.consignment).
            {
                "label": _("OCOP sales figures"),
                "url_name": "settle:programme-sales",
                "access_fn": staff_only,
            },
            {
                "label": _("Settlement statements"),
                "url_name": "settle:staff-statements",
                "access_fn": staff_only,
            },
            {
                "label": _("Experience bookings"),
                "url_name": "hosting:staff-bookings",
                "access_fn": staff_only,
            },
        ],
    },
    {
        "label": _("Bank transfers"),
        "icon": "fas fa-university",
        "url_name": "bank-transfers:list",
        "access_fn": staff_only,
    },
]
LOGIN_URL = "customer:login"

# --- Stores, stock and order states (storefront.partner, storefront.order) ---
# Orders start Pending. Pickup orders: Ready for pickup (the customer is
# emailed) → Collected, or Not collected once OCOP_PICKUP_HOLD_DAYS have passed
# (`release_stock` job; reserved stock goes back on sale). Delivery orders:
# Being processed → Shipped → Delivered. Payment statuses join this map.
OSCAR_INITIAL_ORDER_STATUS = "Pending"
OSCAR_INITIAL_LINE_STATUS = "Pending"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending": ("Being processed", "Ready for pickup", "Cancelled"),
    "Being processed": ("Shipped", "Cancelled"),
    "Shipped": ("Delivered",),
    "Delivered": (),
    "Ready for pickup": ("Collected", "Not collected", "Cancelled"),
    "Collected": (),
    "Not collected": (),
    "Cancelled": (),
    # Card orders wait here until Stripe's webhook says paid (→ Pending), or
    # are cancelled when not paid within PAYMENT_DEADLINE_MINUTES (storefront.payment).
    "Awaiting payment": ("Pending", "Cancelled"),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = {status: status for status in OSCAR_ORDER_STATUS_PIPELINE}
OCOP_PICKUP_HOLD_DAYS = env.int("OCOP_PICKUP_HOLD_DAYS", default=7)
LOGIN_REDIRECT_URL = "customer:summary"

# Oscar's search app is installed (Oscar's URLs need it) but browsing runs on
# the database through catalogue.views; haystack only needs a connection.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# --- Payments (storefront.payment; README "Payments") -----------------------
# Without both keys the shop takes no cards and does not mention them.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
# Signing secret of the webhook endpoint /payments/stripe/webhook/ (whsec_…).
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Empty: Stripe itself. Tests point it at localstripe (http://127.0.0.1:<port>).
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
# Smallest card charge in đồng: Stripe's minimum in the account's settlement
# currency (USD 0.50), converted with a margin; check it for your account.
PAYMENT_STRIPE_MIN_AMOUNT = env.int("PAYMENT_STRIPE_MIN_AMOUNT", default=15000)
# Unpaid card orders are cancelled and their stock released after this long
# (`release_unpaid_card_orders`, run every 5 minutes).
PAYMENT_DEADLINE_MINUTES = env.int("PAYMENT_DEADLINE_MINUTES", default=30)
# Bank transfer by VietQR (storefront.payment.bank_transfers). Offered only
# when the account is set: the bank's 6-digit NAPAS BIN (e.g. 970436
# Vietcombank), the account number and the holder's name as the bank shows it.
VIETQR_BANK_BIN = env.str("VIETQR_BANK_BIN", default="")
VIETQR_ACCOUNT_NUMBER = env.str("VIETQR_ACCOUNT_NUMBER", default="")
VIETQR_ACCOUNT_NAME = env.str("VIETQR_ACCOUNT_NAME", default="")
# Shown to the shopper; empty: the name known for the BIN (bank_transfers.BANK_NAMES).
VIETQR_BANK_NAME = env.str("VIETQR_BANK_NAME", default="")
# Unpaid transfer orders are cancelled and released after this long (the same
# `release_unpaid_card_orders` job as cards).
VIETQR_DEADLINE_HOURS = env.int("VIETQR_DEADLINE_HOURS", default=24)
# HMAC-SHA256 key of the bank-transaction webhook /payments/bank/webhook/<source>/;
# empty: every delivery is refused.
BANK_WEBHOOK_SECRET = env.str("BANK_WEBHOOK_SECRET", default="")

# --- Wagtail -------------------------------------------------------------
WAGTAIL_SITE_NAME = "OCOP Bắc Ninh"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Page slugs are ASCII: Vietnamese titles are transliterated, not percent-encoded.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Search --------------------------------------------------------------------
# Products are matched in the database: LIKE and pg_trgm on their folded text
# (storefront/search.py). When the catalogue outgrows that, SEARCH_URL moves
# product matching to OpenSearch (or Elasticsearch: set SEARCH_BACKEND to
# wagtail.search.backends.elasticsearch8 and install its client) through
# Wagtail's search framework; `manage.py update_index` fills the index and
# product saves keep it current. Ranking, facets and typo corrections stay ours.
SEARCH_URL = env.str("SEARCH_URL", default="")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS["products"] = {
        "BACKEND": env.str("SEARCH_BACKEND", default="wagtail.search.backends.opensearch2"),
        "URLS": [SEARCH_URL],
        # Indexes are named <prefix><app>_<model>: ocop_catalogue_product.
        "INDEX_PREFIX": env.str("SEARCH_INDEX_PREFIX", default="ocop_"),
    }
# The alias in WAGTAILSEARCH_BACKENDS that matches products; empty: the database.
OCOP_PRODUCT_SEARCH_BACKEND = "products" if SEARCH_URL else ""
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = OCOP_MAX_IMAGE_PIXELS
# The formats catalogue.uploads can re-encode without their metadata.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Alt text required, pixels checked before decoding: see cms/forms.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "webp"]
# Size and content checks (a PDF must parse): see cms/forms.py.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.DocumentForm"
# Documents through Wagtail's view (nosniff, CSP "default-src 'none'"),
# inline only for PDFs and pictures, as attachments otherwise.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp"]

# --- Paths of the admin sites (kept off anything Wagtail pages could use) ---
# The benchmark only (bench/run.py): /bench/hello/, a view that does nothing,
# gives the ceiling of this stack (middleware, gunicorn) that pages are
# measured against. Off unless the environment turns it on.
BENCH_HELLO = env.bool("DJANGO_BENCH_HELLO", default=False)

WAGTAIL_ADMIN_PREFIX = "cms-admin/"
DJANGO_ADMIN_PREFIX = "django-admin/"

# --- Content-Security-Policy and Permissions-Policy (storefront/headers.py) ----
# Pages run only our own scripts, and inline scripts only with this request's
# nonce ({{ request.csp_nonce }}). Styles allow inline attributes: Oscar's and
# our templates use style="…", and CSP is kept for what runs code. Map tiles
# come from exactly the tile server static/js/map.js uses. Stripe's origins are
# added on the checkout pages when cards are on, and the admin sites get the
# looser policy their inline scripts need (storefront/headers.py).
OCOP_MAP_TILE_ORIGIN = "https://tile.openstreetmap.org"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", CSP_NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", OCOP_MAP_TILE_ORIGIN],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin would otherwise load avatars from gravatar.com and ask
# releases.wagtail.org for updates: outside calls the policy refuses (and the
# shop must work without outside network).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Features no page uses are off for the page and any frame in it; payment is
# allowed to us and to Stripe's frames (cards, wallets).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": ["self", "https://js.stripe.com"],
    "publickey-credentials-get": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# --- Task queue (Celery on Redis; storefront/celery.py, docs/operations.md) ----
# Emails, Stripe follow-ups, thumbnails and the scheduled jobs run on a worker
# (`make worker`). Without a broker (first run on SQLite, no REDIS_URL) every
# task runs inline in the process that queues it, after the commit that
# queued it, so `make run` needs no worker.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="").strip() or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Inline tasks in development log their errors instead of failing the page
# that queued them (the change they follow is already committed).
CELERY_TASK_EAGER_PROPAGATES = False
# Nobody reads task results: no result backend to run or fill.
CELERY_TASK_IGNORE_RESULT = True
# Tasks that are safe to run twice set acks_late themselves; a worker takes
# one message at a time so a long task never holds back others it prefetched.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged message (worker killed mid-task) to another
# worker after this long; longer than any retry's countdown, so a task
# waiting for its retry is not delivered twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Keep Django's LOGGING (the console handler above) in the worker.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Schedules are in the shop's time zone: "06:15" is 06:15 in Bắc Ninh.
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
# Where embedded beat remembers when each job last ran (across restarts).
CELERY_BEAT_SCHEDULE_FILENAME = str(
    env.path("CELERY_BEAT_SCHEDULE_FILENAME", default=BASE_DIR / "var" / "celerybeat-schedule")
)
# Retries of transient failures (mail server, Stripe unreachable) wait
# factor × 2^n seconds, with jitter, up to 10 minutes, at most 8 times.
OCOP_TASK_RETRY_BACKOFF_SECONDS = env.int("OCOP_TASK_RETRY_BACKOFF_SECONDS", default=30)
OCOP_TASK_MAX_RETRIES = 8

# The schedule, run by the worker's embedded beat (`make worker`; exactly one
# beat per deployment). Times in TIME_ZONE. Jobs every few minutes expire if
# not started in time, so a worker back from an outage runs one, not a backlog.
# docs/operations.md "Background jobs" has the table; the management commands
# run the same service functions by hand.
CELERY_BEAT_SCHEDULE = {
    "release-unpaid-card-orders": {
        "task": "storefront.payment.tasks.release_unpaid_card_orders",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 4 * 60},
    },
    "send-due-refunds": {
        "task": "storefront.payment.tasks.send_due_refunds",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 4 * 60},
    },
    "requeue-pending-emails": {
        "task": "storefront.tasks.requeue_pending_emails",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 9 * 60},
    },
    "release-stock": {
        "task": "storefront.order.tasks.release_stock",
        "schedule": crontab(minute=15),
        "options": {"expires": 50 * 60},
    },
    "notify-expiring-certificates": {
        "task": "catalogue.tasks.notify_expiring_certificates",
        "schedule": crontab(hour=6, minute=15),
    },
    "reconcile-bank-transfers": {
        "task": "storefront.payment.tasks.reconcile_bank_transfers",
        "schedule": crontab(hour=6, minute=20),
    },
    "reconcile-payments": {
        "task": "storefront.payment.tasks.reconcile_payments",
        "schedule": crontab(hour=6, minute=15),
        "kwargs": {"days": 2},
    },
    "report-leaked-allocations": {
        "task": "storefront.order.tasks.report_leaked_allocations",
        "schedule": crontab(hour=6, minute=30),
    },
    "send-low-stock-emails": {
        "task": "storefront.partner.tasks.send_low_stock_emails",
        "schedule": crontab(hour=7, minute=0),
    },
}
