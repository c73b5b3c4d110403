"""URL map.

Order matters: non-localised endpoints (health, admin sites, media), then the
localised shop under /shop/ (Vietnamese unprefixed, English under /en/), and
Wagtail's catch-all last so it never shadows the shop.
"""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from storefront import account_views, media, views
from storefront.checkout import fulfilment_views
from storefront.partner import urls as partner_urls

handler404 = "storefront.views.page_not_found"
handler500 = "storefront.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.DJANGO_ADMIN_PREFIX, admin.site.urls),
    path(settings.WAGTAIL_ADMIN_PREFIX, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", cms_views.sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots-txt"),
    # Stripe webhook, card confirmation, staff payment actions (storefront/payment/urls.py).
    path("payments/", include("storefront.payment.urls")),
]

if settings.BENCH_HELLO:
    # The benchmark's ceiling (bench/run.py); absent unless DJANGO_BENCH_HELLO=1.
    urlpatterns.insert(0, path("bench/hello/", views.bench_hello, name="bench-hello"))

# Public media from MEDIA_ROOT when this server serves it (storefront/media.py).
urlpatterns += media.urlpatterns()

urlpatterns += i18n_patterns(
    # Before Oscar's URLs: replaces Oscar's haystack search at the same address.
    path("shop/search/", views.SiteSearchView.as_view(), name="site-search"),
    # Physical OCOP stores: directory, store managers' pages, delivery-or-pickup step.
    # Ahead of Oscar's pages at the same addresses: registration that does not
    # reveal who has an account, a confirmation link, sign-out by POST only.
    path(
        "shop/accounts/login/", account_views.LoginRegistrationView.as_view(), name="account-login"
    ),
    path(
        "shop/accounts/register/", account_views.RegistrationView.as_view(), name="account-register"
    ),
    path(
        "shop/accounts/register/check-email/",
        account_views.CheckEmailView.as_view(),
        name="account-check-email",
    ),
    path(
        "shop/accounts/confirm/<str:uidb64>/<str:token>/",
        account_views.ConfirmAccountView.as_view(),
        name="account-confirm",
    ),
    path("shop/accounts/logout/", account_views.LogoutView.as_view(), name="account-logout"),
    path("shop/stores/", include(partner_urls.directory_patterns)),
    path("shop/my-store/", include(partner_urls.manager_patterns)),
    path(
        "shop/checkout/fulfilment/",
        fulfilment_views.FulfilmentView.as_view(),
        name="checkout-fulfilment",
    ),
    # Experiences: add the chosen places to the basket, cancel a booking.
    path("", include("storefront.experiences.booking_urls")),
    # Staff: bank transfers waiting for a person, statement upload (storefront.payment).
    path("shop/dashboard/bank-transfers/", include("storefront.payment.dashboard_urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    # Consignment: producers' statements and terms, the printable statement.
    path("", include("storefront.consignment.urls")),
    # Experience hosts in the producer portal; staff's list of every booking.
    path("", include("storefront.experiences.host_urls")),
    # OCOP producers, certificates, verification (/v/<code>/), portal, staff pages.
    path("", include("catalogue.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
