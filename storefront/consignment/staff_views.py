"""Programme staff's consignment pages in the OCOP dashboard: sales figures, every statement."""

from decimal import Decimal

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import generic

from catalogue.dashboard_views import StaffOnly
from catalogue.models import Producer, ProductGroup
from storefront import charts
from storefront.consignment import figures, services
from storefront.consignment.models import Statement
from storefront.consignment.views import (
    PAGE_SIZE,
    PERIODS,
    months_param,
)
from storefront.partner.models import Partner
from storefront.partner.selectors import SHOP_ZONE
from storefront.partner.stock_csv import write_rows


def _dimension_label(by: str, value) -> str:
    if value is None:
        return _("not rated") if by in ("stars", "group") else "—"
    if by == "stars":
        return f"{value}★"
    if by == "group":
        return str(ProductGroup(value).label) if value in ProductGroup.values else str(value)
    return str(value)


class ProgrammeSalesView(StaffOnly, generic.TemplateView):
    """OCOP sales over time by producer, product group, star level, store or province; CSV.

    Group and star level are the product's current rating (its latest
    certificate in force), as on the programme overview.
    """

    template_name = "consignment/dashboard/programme_sales.html"

    def get(self, request, *args, **kwargs):
        self.by = (
            request.GET.get("by") if request.GET.get("by") in figures.DIMENSIONS else "producer"
        )
        self.months = figures.months_back(services.today(), months_param(request))
        dimension = figures.DIMENSIONS[self.by]
        sales = figures.with_rating(
            figures.sales_movements(created_at__gte=figures.since(self.months[0]))
        )
        keys = (
            [dimension.key]
            if dimension.key == dimension.label_key
            else [dimension.key, dimension.label_key]
        )
        self.rows = figures.totals(sales, "month", *keys)
        self.headline = figures.programme_headline(sales)
        if request.GET.get("format") == "csv":
            return self._csv(dimension)
        return super().get(request, *args, **kwargs)

    def _table(self, dimension):
        """(label, [value per month], units, value) per dimension value, biggest first."""
        index = {m: i for i, m in enumerate(self.months)}
        table = {}
        for row in self.rows:
            key = row[dimension.key]
            entry = table.setdefault(
                key,
                {
                    "label": _dimension_label(self.by, row[dimension.label_key]),
                    "months": [Decimal(0)] * len(self.months),
                    "units": 0,
                    "total": Decimal(0),
                },
            )
            entry["months"][index[row["month"].astimezone(SHOP_ZONE).date()]] += row["total"]
            entry["units"] += row["units"]
            entry["total"] += row["total"]
        labels = [date_format(m, "m/Y") for m in self.months]
        for entry in table.values():
            entry["cells"] = list(zip(labels, entry["months"], strict=True))
        return sorted(table.values(), key=lambda e: (-e["total"], e["label"]))

    def _csv(self, dimension):
        rows = [
            [
                row["month"].astimezone(SHOP_ZONE).date().strftime("%Y-%m"),
                self.by,
                _dimension_label(self.by, row[dimension.label_key]),
                row["units"],
                row["online"],
                row["in_store"],
                row["total"],
            ]
            for row in self.rows
        ]
        response = HttpResponse(
            write_rows(rows, ["month", "by", "name", "units", "online", "in_store", "sales_value"]),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="ocop-sales-by-{self.by}.csv"'
        return response

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        table = self._table(figures.DIMENSIONS[self.by])
        dimensions = [
            ("producer", _("Producer")),
            ("group", _("Product group")),
            ("stars", _("Star level")),
            ("store", _("Store")),
            ("province", _("Province")),
        ]
        by_label = dict(dimensions)[self.by]
        top = table[:12]
        ctx.update(
            by=self.by,
            dimensions=dimensions,
            months=self.months,
            months_count=len(self.months),
            periods=PERIODS,
            table=table,
            headline=self.headline,
            chart=charts.bar_chart(
                title=_("Sales value by %(dimension)s, last %(months)d months")
                % {"dimension": by_label.lower(), "months": len(self.months)},
                description=_(
                    "Value of OCOP products sold (less customers' returns) by %(dimension)s, "
                    "the %(shown)d largest of %(count)d."
                )
                % {"dimension": by_label.lower(), "shown": len(top), "count": len(table)},
                categories=[e["label"] for e in top],
                category_label=by_label,
                series=[charts.Series(_("Sales value"), [int(e["total"]) for e in top])],
                unit=" ₫",
            ),
        )
        return ctx


class StaffStatementListView(StaffOnly, generic.TemplateView):
    """Every store's statements for programme staff, by store, producer and status."""

    template_name = "consignment/dashboard/statement_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET
        statements = Statement.objects.select_related("store", "producer").order_by(
            "-period_start", "store__name", "producer__name"
        )
        store = params.get("store", "")
        producer = params.get("producer", "")
        status = params.get("status", "")
        if store.isdigit():
            statements = statements.filter(store_id=int(store))
        if producer.isdigit():
            statements = statements.filter(producer_id=int(producer))
        if status in Statement.Status.values:
            statements = statements.filter(status=status)
        ctx.update(
            page_obj=Paginator(statements, PAGE_SIZE).get_page(params.get("page")),
            stores=Partner.objects.order_by("name").values_list("pk", "name"),
            producers=Producer.objects.filter(statements__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("pk", "name"),
            statuses=Statement.Status.choices,
            store_filter=store,
            producer_filter=producer,
            status_filter=status,
        )
        return ctx
