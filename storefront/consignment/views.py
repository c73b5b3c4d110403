"""What every side's consignment pages share, and the printable statement.

The store managers' pages are in `manager_views.py` (under /shop/my-store/<store>/,
the store resolved among the user's own by partner's StoreMixin), the
producer's in `portal_views.py` (under /shop/portal/<producer>/, among the
user's memberships), the programme staff's in `staff_views.py`. The printable
statement and its CSV/XLSX (/shop/statements/<pk>/) are here, among
`selectors.visible_statements`. Anything else is a 404 and changes nothing.
"""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views import generic

from storefront.consignment import exports, pdf, selectors
from storefront.consignment.models import Statement

PAGE_SIZE = 25

PERIODS = (3, 6, 12, 24)


def statement_context(statement: Statement) -> dict:
    """What the statement's pages show, three queries."""
    lines = list(statement.lines.select_related("product", "terms"))
    adjustments = list(statement.adjustments.select_related("corrects"))
    return {
        "statement": statement,
        "stock_rows": list(statement.products.all()),
        "lines": lines,
        "adjustments": adjustments,
        "lines_total": sum(line.amount for line in lines),
    }


def quantities_from(post, prefix: str) -> dict[int, int] | None:
    """{id: n} from fields named `<prefix><id>`; None if any is not a whole number ≥ 0."""
    values = {}
    for name, raw in post.items():
        if not name.startswith(prefix):
            continue
        key, raw = name[len(prefix) :], raw.strip()
        if not key.isdigit():
            return None
        if raw == "":
            continue
        if not raw.isdigit():
            return None
        values[int(key)] = int(raw)
    return values


def months_param(request) -> int:
    try:
        months = int(request.GET.get("months", 12))
    except ValueError:
        return 12
    return months if months in PERIODS else 12


class StatementPrintView(LoginRequiredMixin, generic.DetailView):
    """The statement to print (Vietnamese by default), or `?format=pdf|csv|xlsx`.

    The PDF is always in Vietnamese, even asked for from the English pages: it
    is the document the store and the producer sign and keep.
    """

    template_name = "consignment/statement_print.html"
    context_object_name = "statement"

    def get_queryset(self):
        return selectors.visible_statements(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        ctx = statement_context(self.object)
        if request.GET.get("format") == "pdf":
            with translation.override(settings.LANGUAGE_CODE):
                html = render_to_string(self.template_name, {**ctx, "pdf": True}, request=request)
            response = HttpResponse(pdf.render_pdf(html), content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="statement-{self.object.reference}.pdf"'
            )
            return response
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                exports.statement_xlsx(self.object, ctx["lines"], ctx["adjustments"]),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="statement-{self.object.reference}.xlsx"'
            )
            return response
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                exports.statement_csv(self.object, ctx["lines"], ctx["adjustments"]),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="statement-{self.object.reference}.csv"'
            )
            return response
        return self.render_to_response(ctx)
