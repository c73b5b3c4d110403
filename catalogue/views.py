"""Product browsing on the database instead of haystack.

Oscar's browse views run on haystack; with its simple backend they list no
products, and Whoosh is unmaintained and slow. These views keep Oscar's URLs,
templates and context names (`products`, `page_obj`, `category`) and query the
ORM through catalogue.selectors.
"""

from django.contrib import messages
from django.core.paginator import InvalidPage
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from catalogue import selectors
from catalogue.forms import ProductFilterForm
from catalogue.models import ProductImage
from storefront.experiences.booking_page import booking_panel
from storefront.partner.models import StockRecord

Category = get_model("catalogue", "Category")

SORTS = {
    "newest": ("-date_created", _("Newest")),
    "price-asc": ("price_sort", _("Price: low to high")),
    "price-desc": ("-price_sort", _("Price: high to low")),
    "rating": (selectors.SORT_RATING, _("OCOP rating")),
    "title": ("title", _("Name A–Z")),
}

# Query-string keys of the filter form; kept in pagination and sort links.
FILTER_KEYS = ("q", "sort", "min_stars", "group", "producer", "province", "village")
FILTER_KEYS += ("price_min", "price_max")


class CatalogueView(ListView):
    template_name = "oscar/catalogue/browse.html"
    context_object_name = "products"
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("The given page number was invalid."))
            return redirect(request.path)

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except InvalidPage as exc:
            raise Http404 from exc

    def base_queryset(self):
        return selectors.browsable_products()

    def get_queryset(self):
        queryset = self.base_queryset()
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = selectors.search_products(queryset, query)
        self.filter_form = ProductFilterForm(self.request.GET or None, groups=self.groups())
        queryset = selectors.filter_products(queryset, self.filter_form.filters())
        sort = self.current_sort()
        return selectors.sort_products(queryset, SORTS[sort][0])

    def groups(self):
        if not hasattr(self, "_groups"):
            self._groups = selectors.product_groups()
        return self._groups

    def current_sort(self) -> str:
        sort = self.request.GET.get("sort", "newest")
        return sort if sort in SORTS else "newest"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        context["query"] = self.request.GET.get("q", "").strip()
        context["sort"] = self.current_sort()
        context["sort_options"] = [(key, label) for key, (_order, label) in SORTS.items()]
        context["product_groups"] = self.groups()
        context["filter_form"] = self.filter_form
        params = self.request.GET.copy()
        params.pop("page", None)
        context["filter_query"] = params.urlencode()
        context["has_filters"] = any(
            self.request.GET.get(key) for key in FILTER_KEYS if key not in ("q", "sort")
        )
        return context


class ProductCategoryView(CatalogueView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if request.path != expected:
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        # A subquery on the category links, not a join: no duplicate rows, so
        # no DISTINCT over the page's wide rows and no count over a DISTINCT.
        return selectors.in_category(selectors.browsable_products(), self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page, plus the OCOP certificate block and producer card.

    A product that is not sellable (unpublished, or its producer not verified)
    is hidden from the public; staff still see it, as in Oscar, to check it.
    """

    def get_queryset(self):
        # The page asks Oscar's strategy for the product's stock several times
        # (price, availability, basket form, JSON-LD) and its pictures as often:
        # prefetched, each is read once.
        return (
            super()
            .get_queryset()
            .select_related("producer", "producer__craft_village", "product_class", "experience")
            .prefetch_related(
                Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
                Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            )
        )

    def is_viewable(self, product, request):
        return product.is_sellable or request.user.is_staff

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ocop"] = selectors.product_with_certificates(self.object)
        # An experience's calendar and booking form (None for goods).
        context["booking"] = booking_panel(self.object, self.request)
        return context
