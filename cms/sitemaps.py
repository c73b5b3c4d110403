"""sitemap.xml: content pages in every language, and the shop's products.

Wagtail's own sitemap lists only the default site's tree, which is the
Vietnamese one; ours walks every locale's home page. Products are listed once
per language (`i18n`), since each has a Vietnamese and an /en/ address.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page
from wagtail.models import Site as WagtailSite

from catalogue import selectors as catalogue_selectors


class PageSitemap(WagtailSitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()


class ProductSitemap(DjangoSitemap):
    """Product pages, at the same host as the content pages (the Wagtail site's)."""

    i18n = True
    alternates = True
    changefreq = "weekly"
    limit = 5000

    def __init__(self, request=None):
        self.request = request

    def _wagtail_root(self):
        site = WagtailSite.find_for_request(self.request) if self.request else None
        return urlsplit(site.root_url) if site is not None else None

    def get_domain(self, site=None):
        root = self._wagtail_root()
        return root.netloc if root else super().get_domain(site)

    def get_protocol(self, protocol=None):
        root = self._wagtail_root()
        return root.scheme if root else super().get_protocol(protocol)

    def items(self):
        return (
            catalogue_selectors.public_products()
            .select_related(None)  # only the address is needed, not the producer
            .only("pk", "slug", "date_updated")
            .order_by("pk")
        )

    def location(self, product):
        return product.get_absolute_url()

    def lastmod(self, product):
        return product.date_updated


def sitemaps_for(request) -> dict:
    return {"pages": PageSitemap(request), "products": ProductSitemap(request)}
