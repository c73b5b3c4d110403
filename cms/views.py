"""sitemap.xml and robots.txt: what crawlers may index, and where to find it."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms.sitemaps import sitemaps_for

# Private or per-visitor pages: nothing to index, and crawling them creates baskets.
DISALLOWED = [
    "/shop/basket/",
    "/shop/checkout/",
    "/shop/accounts/",
    "/shop/dashboard/",
    "/en/shop/basket/",
    "/en/shop/checkout/",
    "/en/shop/accounts/",
    "/en/shop/dashboard/",
]


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    disallowed = DISALLOWED + [
        f"/{settings.WAGTAIL_ADMIN_PREFIX}",
        f"/{settings.DJANGO_ADMIN_PREFIX}",
    ]
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def sitemap(request):
    """Content pages in every language, then products in every language."""
    return sitemap_views.sitemap(request, sitemaps_for(request))
