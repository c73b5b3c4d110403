"""Consignment pages: supply terms and statements for store managers, producers and staff.

Store managers' pages live under /shop/my-store/<store>/ and resolve the store
among the user's own (partner's StoreMixin); the producer's under
/shop/portal/<producer>/ among the user's memberships; the printable page and
CSV under /shop/statements/<pk>/ among `selectors.visible_statements`. Anything
else is a 404 and changes nothing.
"""

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import generic

from catalogue.dashboard_views import StaffOnly
from catalogue.models import Producer, ProductGroup
from storefront import charts
from storefront.consignment import exports, figures, restock, selectors, services
from storefront.consignment.forms import (
    AdjustmentForm,
    DisputeForm,
    PaidForm,
    StatementCreateForm,
    TermsForm,
)
from storefront.consignment.models import Statement
from storefront.partner.manager_views import StoreMixin
from storefront.partner.models import Partner, StockRecord
from storefront.partner.selectors import SHOP_ZONE
from storefront.partner.stock_csv import write_rows

PAGE_SIZE = 25


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


# --- store managers ---------------------------------------------------------------


class TermsView(StoreMixin, generic.TemplateView):
    """The store's supply terms, history included; new terms from a date."""

    template_name = "consignment/manager/terms.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        terms = selectors.store_terms(self.store)
        ctx["page_obj"] = Paginator(terms, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return ctx

    def form(self, data=None):
        return TermsForm(
            data,
            records=selectors.settleable_records(self.store),
            initial={"starts_on": services.today()},
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.set_terms(
                    store=self.store,
                    product=data["record"].product,
                    kind=data["kind"],
                    producer_price=data["producer_price"],
                    commission_percent=data["commission_percent"],
                    damage_borne_by=data["damage_borne_by"],
                    starts_on=data["starts_on"],
                    user=request.user,
                )
            except services.SettlementError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Supply terms saved."))
                return redirect("mystore:terms", store=self.store.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StatementListView(StoreMixin, generic.TemplateView):
    template_name = "consignment/manager/statement_list.html"

    def form(self, data=None):
        start, end = services.previous_month()
        return StatementCreateForm(
            data,
            producers=selectors.store_producers(self.store),
            initial={"period_start": start, "period_end": end},
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        statements = selectors.store_statements(self.store)
        ctx["page_obj"] = Paginator(statements, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                statement = services.create_statement(
                    store=self.store, user=request.user, **form.cleaned_data
                )
            except services.SettlementError as error:
                form.add_error(None, str(error))
            else:
                return redirect("mystore:statement", store=self.store.slug, pk=statement.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StatementDetailView(StoreMixin, generic.TemplateView):
    """One statement at the store: refresh, adjust, send, record the payment."""

    template_name = "consignment/manager/statement_detail.html"

    def get_statement(self) -> Statement:
        return get_object_or_404(
            Statement.objects.select_related("store", "producer"),
            pk=self.kwargs["pk"],
            store=self.store,
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        statement = kwargs.get("statement") or self.get_statement()
        ctx.update(statement_context(statement))
        ctx.setdefault(
            "adjustment_form",
            AdjustmentForm(earlier=selectors.earlier_closed_statements(statement)),
        )
        ctx.setdefault("paid_form", PaidForm(initial={"paid_on": services.today()}))
        return ctx

    def post(self, request, *args, **kwargs):
        statement = self.get_statement()
        action = request.POST.get("action")
        extra = {}
        try:
            if action == "refresh":
                services.refresh_statement(statement=statement, user=request.user)
                messages.success(request, _("Statement computed again from the movements."))
            elif action == "send":
                services.send_statement(statement=statement, user=request.user)
                messages.success(request, _("Statement sent to the producer."))
            elif action == "adjust":
                form = AdjustmentForm(
                    request.POST, earlier=selectors.earlier_closed_statements(statement)
                )
                extra["adjustment_form"] = form
                if not form.is_valid():
                    raise _Invalid
                services.add_adjustment(statement=statement, user=request.user, **form.cleaned_data)
                messages.success(request, _("Adjustment added."))
            elif action == "paid":
                form = PaidForm(request.POST)
                extra["paid_form"] = form
                if not form.is_valid():
                    raise _Invalid
                services.mark_paid(
                    statement=statement,
                    user=request.user,
                    paid_on=form.cleaned_data["paid_on"],
                    reference=form.cleaned_data["reference"],
                )
                messages.success(request, _("Payment recorded."))
            else:
                return HttpResponse(status=400)
        except services.SettlementError as error:
            messages.error(request, str(error))
            statement.refresh_from_db()
            return self.render_to_response(
                self.get_context_data(statement=statement, **extra), status=400
            )
        except _Invalid:
            return self.render_to_response(
                self.get_context_data(statement=statement, **extra), status=400
            )
        return redirect("mystore:statement", store=self.store.slug, pk=statement.pk)


class _Invalid(Exception):
    pass


# --- printable page and CSV, for every side -----------------------------------------


class StatementPrintView(LoginRequiredMixin, generic.DetailView):
    """The statement to print or save as PDF (Vietnamese by default), or `?format=csv|xlsx`."""

    template_name = "consignment/statement_print.html"
    context_object_name = "statement"

    def get_queryset(self):
        return selectors.visible_statements(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        ctx = statement_context(self.object)
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


# --- producers (portal) -----------------------------------------------------------


def _my_producer(request, slug):
    return get_object_or_404(selectors.producers_of(request.user), slug=slug)


@login_required
def portal_terms(request, slug):
    producer = _my_producer(request, slug)
    terms = selectors.producer_terms(producer)
    return render(
        request,
        "consignment/portal/terms.html",
        {
            "producer": producer,
            "page_obj": Paginator(terms, 50).get_page(request.GET.get("page")),
        },
    )


@login_required
def portal_statements(request, slug):
    producer = _my_producer(request, slug)
    statements = selectors.producer_statements(producer).exclude(status=Statement.Status.DRAFT)
    return render(
        request,
        "consignment/portal/statement_list.html",
        {
            "producer": producer,
            "page_obj": Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@login_required
def portal_statement(request, slug, pk):
    """A statement sent to the producer: confirm it, or dispute it with a note."""
    producer = _my_producer(request, slug)
    statement = get_object_or_404(
        Statement.objects.select_related("store", "producer").exclude(
            status=Statement.Status.DRAFT
        ),
        pk=pk,
        producer=producer,
    )
    dispute_form = DisputeForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                services.confirm_statement(statement=statement, user=request.user)
                messages.success(request, _("Statement confirmed."))
                return redirect("settle:portal-statement", slug=slug, pk=pk)
            if action == "dispute":
                dispute_form = DisputeForm(request.POST)
                if dispute_form.is_valid():
                    services.dispute_statement(
                        statement=statement,
                        user=request.user,
                        note=dispute_form.cleaned_data["note"],
                    )
                    messages.success(request, _("Dispute sent to the store."))
                    return redirect("settle:portal-statement", slug=slug, pk=pk)
                status = 400
            else:
                return HttpResponse(status=400)
        except services.SettlementError as error:
            messages.error(request, str(error))
            statement.refresh_from_db()
            status = 400
    ctx = statement_context(statement)
    ctx.update({"producer": producer, "dispute_form": dispute_form})
    return render(request, "consignment/portal/statement_detail.html", ctx, status=status)


# --- producers' sales (portal) ------------------------------------------------------

PERIODS = (3, 6, 12, 24)


def _months_param(request) -> int:
    try:
        months = int(request.GET.get("months", 12))
    except ValueError:
        return 12
    return months if months in PERIODS else 12


def _month_chart(rows, months, *, title, description_total):
    by_month = {row["month"].astimezone(SHOP_ZONE).date(): row for row in rows}
    labels = [date_format(m, "m/Y") for m in months]
    online = [by_month.get(m, {}).get("online", 0) for m in months]
    in_store = [by_month.get(m, {}).get("in_store", 0) for m in months]
    return charts.column_chart(
        title=title,
        description=description_total
        % {"online": sum(online), "in_store": sum(in_store), "months": len(months)},
        categories=labels,
        category_label=_("Month"),
        series=[
            charts.Series(_("Sold online"), online),
            charts.Series(_("Sold in store"), in_store),
        ],
    )


@login_required
def portal_sales(request, slug):
    """The producer's own sales by month, store and product, current stock at every store."""
    producer = _my_producer(request, slug)
    months = figures.months_back(services.today(), _months_param(request))
    sales = figures.sales_movements(
        product__producer=producer, created_at__gte=figures.since(months[0])
    )
    by_month = figures.totals(sales, "month")
    by_month_map = {row["month"].astimezone(SHOP_ZONE).date(): row for row in by_month}
    chart = _month_chart(
        by_month,
        months,
        title=_("Units sold by month"),
        description_total=_(
            "Units of your products sold online (orders handed over) and in store, less "
            "customers' returns, in each of the last %(months)d months: %(online)d online and "
            "%(in_store)d in store."
        ),
    )
    stock = (
        StockRecord.objects.filter(product__producer=producer)
        .select_related("partner", "product")
        .order_by("product__title", "product_id", "partner__name")
    )
    return render(
        request,
        "consignment/portal/sales.html",
        {
            "producer": producer,
            "months": _months_param(request),
            "periods": PERIODS,
            "chart": chart,
            "month_rows": [
                (m, by_month_map.get(m, {"units": 0, "online": 0, "in_store": 0, "total": 0}))
                for m in reversed(months)
            ],
            "store_rows": sorted(
                figures.totals(sales, "store__name"), key=lambda r: (-r["total"], r["store__name"])
            ),
            "product_rows": sorted(
                figures.totals(sales, "product__title"),
                key=lambda r: (-r["total"], r["product__title"]),
            ),
            "stock": stock,
            "statements": selectors.producer_statements(producer).exclude(
                status=Statement.Status.DRAFT
            )[:6],
        },
    )


# --- programme staff: OCOP sales figures ------------------------------------------


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
        self.months = figures.months_back(services.today(), _months_param(request))
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


# --- restock requests -------------------------------------------------------------


def _ints(post, prefix: str) -> dict[int, int] | None:
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


class RestockListView(StoreMixin, generic.TemplateView):
    template_name = "consignment/manager/restock_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        requests = selectors.store_restock_requests(self.store)
        ctx["page_obj"] = Paginator(requests, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return ctx


class RestockCreateView(StoreMixin, generic.TemplateView):
    """Ask producers for the products running low, in one step: one request per producer."""

    template_name = "consignment/manager/restock_new.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["records"] = selectors.restock_candidates(self.store)
        ctx.setdefault("wanted_by", services.today() + dt.timedelta(days=7))
        ctx.setdefault("posted", {})
        return ctx

    def post(self, request, *args, **kwargs):
        quantities = _ints(request.POST, "qty-")
        error = None
        try:
            wanted_by = dt.date.fromisoformat(request.POST.get("wanted_by", ""))
        except ValueError:
            wanted_by, error = None, _("Give the date you want the goods by.")
        if quantities is None:
            error = _("Enter each quantity as a whole number of units (0 or more).")
        if error is None:
            try:
                made = restock.create_requests(
                    store=self.store,
                    quantities=quantities,
                    wanted_by=wanted_by,
                    user=request.user,
                    note=request.POST.get("note", ""),
                )
            except restock.RestockError as refused:
                error = str(refused)
            else:
                messages.success(
                    request,
                    _("Restock requests sent to %(producers)s.")
                    % {"producers": ", ".join(r.producer.name for r in made)},
                )
                return redirect("mystore:restock-list", store=self.store.slug)
        messages.error(request, error)
        return self.render_to_response(
            self.get_context_data(posted=request.POST, wanted_by=wanted_by), status=400
        )


class RestockDetailView(StoreMixin, generic.TemplateView):
    """One request at the store: receive the delivery (good, damaged, short) or cancel it."""

    template_name = "consignment/manager/restock_detail.html"

    def get_request(self):
        return get_object_or_404(selectors.store_restock_requests(self.store), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        restock_request = kwargs.get("restock") or self.get_request()
        ctx["restock"] = restock_request
        ctx["lines"] = list(restock_request.lines.select_related("product", "movement"))
        ctx.setdefault("posted", {})
        return ctx

    def post(self, request, *args, **kwargs):
        restock_request = self.get_request()
        action = request.POST.get("action")
        try:
            if action == "cancel":
                restock.cancel(request=restock_request, user=request.user)
                messages.success(request, _("Restock request cancelled."))
            elif action == "receive":
                good, damaged = _ints(request.POST, "good-"), _ints(request.POST, "damaged-")
                if good is None or damaged is None:
                    raise restock.RestockError(
                        _("Enter each quantity as a whole number of units (0 or more).")
                    )
                ids = set(good) | set(damaged)
                restock.receive(
                    request=restock_request,
                    user=request.user,
                    received={pk: (good.get(pk, 0), damaged.get(pk, 0)) for pk in ids},
                )
                messages.success(request, _("Delivery received into stock."))
            else:
                return HttpResponse(status=400)
        except restock.RestockError as error:
            messages.error(request, str(error))
            return self.render_to_response(
                self.get_context_data(restock=restock_request, posted=request.POST), status=400
            )
        return redirect("mystore:restock", store=self.store.slug, pk=restock_request.pk)


@login_required
def portal_restock_list(request, slug):
    producer = _my_producer(request, slug)
    requests = selectors.producer_restock_requests(producer)
    return render(
        request,
        "consignment/portal/restock_list.html",
        {
            "producer": producer,
            "page_obj": Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@login_required
def portal_restock(request, slug, pk):
    """A store's request to the producer: confirm (change quantities), mark sent."""
    producer = _my_producer(request, slug)
    restock_request = get_object_or_404(selectors.producer_restock_requests(producer), pk=pk)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                quantities = _ints(request.POST, "confirmed-")
                if quantities is None:
                    raise restock.RestockError(
                        _("Enter each quantity as a whole number of units (0 or more).")
                    )
                restock.confirm_request(
                    request=restock_request,
                    user=request.user,
                    quantities=quantities,
                    note=request.POST.get("producer_note", ""),
                )
                messages.success(request, _("Quantities confirmed to the store."))
            elif action == "sent":
                restock.mark_sent(request=restock_request, user=request.user)
                messages.success(request, _("The store has been told the goods are on their way."))
            else:
                return HttpResponse(status=400)
        except restock.RestockError as error:
            messages.error(request, str(error))
            status = 400
        else:
            return redirect("settle:portal-restock", slug=slug, pk=pk)
    return render(
        request,
        "consignment/portal/restock_detail.html",
        {
            "producer": producer,
            "restock": restock_request,
            "lines": list(restock_request.lines.select_related("product")),
        },
        status=status,
    )


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
