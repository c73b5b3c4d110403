"""Project-level views: health check, error pages and the site-wide search."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from storefront import search


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 when it does not.

    Load balancers poll this, so it must not touch sessions or templates.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bench_hello(request: HttpRequest) -> HttpResponse:
    """Hello world through the whole middleware stack: the benchmark's ceiling.

    Routed only when settings.BENCH_HELLO is on (bench/run.py sets it).
    """
    return HttpResponse("Hello, world", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    template = loader.get_template("404.html")
    return HttpResponse(template.render({"request_path": request.path}, request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Render 500.html without context processors.

    Whatever broke (often the database) may break them too; the template uses
    only translations and static files, in the language of the request.
    """
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


class SiteSearchView(TemplateView):
    """The header's search box: every kind of result on one page, grouped."""

    template_name = "search/results.html"
    filter_keys = ("group", "stars", "province", "price")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = {key: self.request.GET.get(key, "") for key in self.filter_keys}
        results = search.search_everything(
            self.request.GET.get("q", ""), language=get_language(), filters=filters
        )
        # The facets that apply, as removable chips, in the order the facets are shown.
        active_filters = [
            (key, facet.label)
            for key, facets in results.facets.items()
            for facet in facets
            if facet.selected
        ]
        context.update(
            results=results, query=results.query, filters=filters, active_filters=active_filters
        )
        return context
