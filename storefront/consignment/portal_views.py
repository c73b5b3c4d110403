"""The producer portal's consignment pages: sales, statements, restock requests, terms.

Every lookup is scoped to the signed-in user's producer memberships, so
another producer's statement or request is a 404, never a page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from storefront import charts
from storefront.consignment import figures, restock, selectors, services
from storefront.consignment.forms import (
    DisputeForm,
)
from storefront.consignment.models import Statement
from storefront.consignment.views import (
    PAGE_SIZE,
    PERIODS,
    months_param,
    quantities_from,
    statement_context,
)
from storefront.partner.models import StockRecord
from storefront.partner.selectors import SHOP_ZONE


def _my_producer(request, slug):
    return get_object_or_404(selectors.producers_of(request.user), slug=slug)


@login_required
def portal_sales(request, slug):
    """The producer's own sales by month, store and product, current stock at every store."""
    producer = _my_producer(request, slug)
    months = figures.months_back(services.today(), months_param(request))
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
            "months": months_param(request),
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
                quantities = quantities_from(request.POST, "confirmed-")
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
