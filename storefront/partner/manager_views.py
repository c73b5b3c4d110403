"""Store pages for store managers (/shop/my-store/): stock, movements, CSV, pickups.

Every view resolves the store from the URL among the user's own stores
(selectors.managed_stores), and every object from within that store, so a
manager of store A who asks for anything of store B, by URL, form field or
file row, gets 404 and nothing changes. The pages never edit product content;
producers and shoppers are not managers and get 404 too.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic

from catalogue.models import Category
from storefront import charts, pagecache
from storefront.order import services as order_services
from storefront.order.models import Order
from storefront.partner import selectors, services, stock_csv
from storefront.partner.manager_forms import (
    QuickStockForm,
    StockChangeForm,
    StockImportForm,
    ThresholdForm,
)
from storefront.partner.models import StockRecord
from storefront.partner.templatetags.store_tags import options_html

# Rows a page on the stock list and the movements. Each stock row is a card
# with its own receive/sell form on a phone; 25 is a few thumb-scrolls, and
# the search box and code field find the rest.
PAGE_SIZE = 25


class StoreMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.store = get_object_or_404(
                selectors.managed_stores(request.user), slug=kwargs["store"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["store"] = self.store
        ctx["managed_stores"] = selectors.managed_stores(self.request.user)
        return ctx


def _csv_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _int_or_none(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


class ManagerHomeView(LoginRequiredMixin, generic.TemplateView):
    template_name = "stores/manager/home.html"

    def get(self, request, *args, **kwargs):
        stores = list(selectors.managed_stores(request.user))
        if len(stores) == 1:
            return redirect("mystore:stock", store=stores[0].slug)
        return self.render_to_response({"stores": stores}, status=200 if stores else 403)


class StockListView(StoreMixin, generic.TemplateView):
    """The stock list, with a product-code jump, a quick receive/sell per row and weekly charts.

    `?code=` (a scanner types into the code field and presses Enter) opens the
    one product whose UPC or store SKU is exactly that code; with several or
    none the list shows what there is and says why. A quick change posts to
    this same address (the filters stay in the query string) and comes back
    to the product's row with the result next to it.
    """

    template_name = "stores/manager/stock_list.html"
    status = 200
    quick_failed = None

    def get(self, request, *args, **kwargs):
        params = request.GET
        self.filters = {
            "query": params.get("q", "").strip(),
            "low_only": params.get("low") == "1",
            "category_id": _int_or_none(params.get("group")),
            "producer_id": _int_or_none(params.get("producer")),
        }
        self.code = params.get("code", "").strip()[:128]
        self.code_matches = None
        if self.code:
            records = selectors.stock_by_code(self.store, self.code)
            matches = list(records[:2])
            if len(matches) == 1:
                return redirect("mystore:stock-change", store=self.store.slug, pk=matches[0].pk)
            self.code_matches = len(matches)
            if not matches:
                records = selectors.store_stock(self.store, query=self.code)
        else:
            records = selectors.store_stock(self.store, **self.filters)
        if params.get("format") == "csv":
            return _csv_response(
                stock_csv.export_stock(self.store, records), f"stock-{self.store.code}.csv"
            )
        paginator = Paginator(records, PAGE_SIZE)
        if not self.code and not any(self.filters.values()):
            # The whole shelf's count, remembered like the charts (a new stock
            # record is a model save, which expires it).
            paginator.count = pagecache.remember(f"mystore:{self.store.pk}:count", records.count)
        self.page = paginator.get_page(params.get("page"))
        return self.render_to_response(self.get_context_data(**kwargs), status=self.status)

    def post(self, request, *args, **kwargs):
        record = get_object_or_404(
            StockRecord.objects.select_related("product"),
            pk=_int_or_none(request.POST.get("record")),
            partner=self.store,
        )
        movement, form = _quick_change(request, record)
        if movement:
            query = request.GET.copy()
            query["done"] = movement.pk
            return redirect(f"{request.path}?{query.urlencode()}#stock-{record.pk}")
        self.quick_failed, self.status = (record.pk, form), 400
        return self.get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.filters)
        ctx["code"] = self.code
        ctx["code_matches"] = self.code_matches
        ctx["page_obj"] = self.page
        ctx["groups"] = Category.get_root_nodes()
        # The aggregates over the whole shelf are remembered until stock or the
        # catalogue changes (pagecache.remember), not read on every view.
        store, language = self.store.pk, get_language()
        ctx["low_count"] = pagecache.remember(
            f"mystore:{store}:low", lambda: selectors.low_stock(self.store).count()
        )
        ctx["producer_options"] = pagecache.remember(
            f"mystore:{store}:producer-options:{language}",
            lambda: options_html(selectors.store_producers(self.store)),
        )
        # Only the row just changed (or refused) carries its result.
        failed = self.quick_failed
        ctx["quick_failed_pk"], ctx["quick_failed_form"] = failed or (None, None)
        done = _int_or_none(self.request.GET.get("done"))
        ctx["quick_done"] = (
            selectors.movements(self.store).filter(pk=done).first() if done and not failed else None
        )
        ctx["quick_form"] = QuickStockForm()
        today = timezone.now().astimezone(selectors.SHOP_ZONE).date()
        ctx["charts"] = charts_ = _weekly_charts(self.store, today)
        # Two SVG charts with their tables are a thousand template variables:
        # drawn once per change, like the figures they show.
        ctx["charts_html"] = mark_safe(  # noqa: S308  (our template's own output)
            pagecache.remember(
                f"mystore:{store}:charts-html:{language}:{today.isoformat()}",
                lambda: render_to_string("charts/charts.html", {"charts": charts_}),
            )
        )
        ctx["list_query"] = self._query_without("done")
        return ctx

    def _query_without(self, *names) -> str:
        query = self.request.GET.copy()
        for name in names:
            query.pop(name, None)
        return query.urlencode()


def _quick_change(request, record: StockRecord):
    """(movement, form): a quick receive/sell through the stock services; no movement on error."""
    form = QuickStockForm(request.POST)
    if not form.is_valid():
        return None, form
    try:
        movement = services.change_stock(
            stockrecord=record, user=request.user, **form.service_arguments()
        )
    except services.StockError as error:
        form.add_error(None, str(error))
        return None, form
    return movement, form


def _weekly_charts(store, today) -> list[charts.Chart]:
    weeks = pagecache.remember(
        f"mystore:{store.pk}:weeks:{today.isoformat()}",
        lambda: selectors.weekly_stock(store, today=today),
    )
    labels = [date_format(week.monday, "d/m") for week in weeks]
    received = sum(w.received for w in weeks)
    sold = sum(w.sold for w in weeks)
    return [
        charts.column_chart(
            title=_("Received and sold by week, last %(n)d weeks") % {"n": len(weeks)},
            description=_(
                "Units received and units sold (at the counter and orders handed over) in each "
                "week starting on the Monday shown: %(received)d received and %(sold)d sold in all."
            )
            % {"received": received, "sold": sold},
            categories=labels,
            category_label=_("Week from"),
            series=[
                charts.Series(_("Units received"), [w.received for w in weeks]),
                charts.Series(_("Units sold"), [w.sold for w in weeks]),
            ],
        ),
        charts.column_chart(
            title=_("Units in stock at the end of each week"),
            description=_(
                "Units on the shelf at this store at the end of each week starting on the Monday "
                "shown (for this week, now): %(first)d then, %(last)d now."
            )
            % {"first": weeks[0].on_shelf, "last": weeks[-1].on_shelf},
            categories=labels,
            category_label=_("Week from"),
            series=[charts.Series(_("In stock"), [w.on_shelf for w in weeks])],
        ),
    ]


class StockChangeView(StoreMixin, generic.TemplateView):
    """One product's stock at the store: change it for a reason, set its threshold.

    The product-code jump lands here, so the quick receive/sell is here too.
    """

    template_name = "stores/manager/stock_change.html"

    def get_record(self) -> StockRecord:
        return get_object_or_404(
            StockRecord.objects.select_related("product"), pk=self.kwargs["pk"], partner=self.store
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        record = kwargs.get("record") or self.get_record()
        ctx["record"] = record
        ctx["form"] = kwargs.get("form") or StockChangeForm()
        ctx["quick_form"] = kwargs.get("quick_form") or QuickStockForm()
        ctx["threshold_form"] = kwargs.get("threshold_form") or ThresholdForm(
            initial={"low_stock_threshold": record.low_stock_threshold}
        )
        ctx["recent"] = record.movements.select_related("user")[:20]
        return ctx

    def post(self, request, *args, **kwargs):
        record = self.get_record()
        if "action" in request.POST:
            movement, quick_form = _quick_change(request, record)
            if movement:
                self._say_changed(record, movement)
                return redirect(request.path)
            return self.render_to_response(
                self.get_context_data(record=record, quick_form=quick_form), status=400
            )
        if "low_stock_threshold" in request.POST:
            threshold_form = ThresholdForm(request.POST)
            if threshold_form.is_valid():
                services.set_low_stock_threshold(
                    stockrecord=record,
                    threshold=threshold_form.cleaned_data["low_stock_threshold"],
                )
                messages.success(request, _("Low-stock threshold saved."))
                return redirect(request.path)
            return self.render_to_response(
                self.get_context_data(record=record, threshold_form=threshold_form), status=400
            )
        form = StockChangeForm(request.POST)
        if form.is_valid():
            try:
                movement = services.change_stock(
                    stockrecord=record, user=request.user, **form.service_arguments()
                )
            except services.StockError as error:
                form.add_error(None, str(error))
            else:
                self._say_changed(record, movement)
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(record=record, form=form), status=400)

    def _say_changed(self, record, movement):
        messages.success(
            self.request,
            _("%(product)s: %(before)d → %(after)d.")
            % {
                "product": record.product.get_title(),
                "before": movement.in_stock_before,
                "after": movement.in_stock_after,
            },
        )


class MovementListView(StoreMixin, generic.TemplateView):
    template_name = "stores/manager/movement_list.html"

    def get(self, request, *args, **kwargs):
        movements = selectors.movements(self.store)
        product = _int_or_none(request.GET.get("product"))
        if product:
            movements = movements.filter(product_id=product)
        if request.GET.get("format") == "csv":
            return _csv_response(
                stock_csv.export_movements(movements), f"movements-{self.store.code}.csv"
            )
        self.page = Paginator(movements, PAGE_SIZE).get_page(request.GET.get("page"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["page_obj"] = self.page
        return ctx


class StockImportView(StoreMixin, generic.FormView):
    """Upload, validate every row, apply all or nothing, then show a summary."""

    template_name = "stores/manager/stock_import.html"
    form_class = StockImportForm

    def form_valid(self, form):
        result = stock_csv.read_stock_file(self.store, form.cleaned_data["file"])
        if result.ok:
            try:
                applied = services.apply_stock_changes(
                    store=self.store, changes=result.changes, user=self.request.user
                )
            except services.StockError as error:
                result.errors.append(stock_csv.RowError(0, "", str(error)))
            else:
                return self.render_to_response(
                    self.get_context_data(form=StockImportForm(), result=result, applied=applied)
                )
        return self.render_to_response(self.get_context_data(form=form, result=result), status=400)


class PickupOrdersView(StoreMixin, generic.TemplateView):
    template_name = "stores/manager/pickup_orders.html"
    ACTIONS = {
        "ready": order_services.mark_ready_for_pickup,
        "collected": order_services.mark_collected,
        "not-collected": order_services.mark_not_collected,
    }

    def orders(self):
        return Order.objects.filter(
            fulfilment_store=self.store, fulfilment_type=Order.Fulfilment.PICKUP
        ).order_by("-date_placed")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "open")
        orders = self.orders().prefetch_related("lines")
        if status == "open":
            orders = orders.filter(status__in=[order_services.PENDING, order_services.READY])
        ctx["page_obj"] = Paginator(orders, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx["status_filter"] = status
        ctx["status_labels"] = order_services.STATUS_LABELS
        ctx["now"] = timezone.now()
        return ctx

    def post(self, request, *args, **kwargs):
        order = get_object_or_404(self.orders(), number=request.POST.get("number", ""))
        action = self.ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            return HttpResponse(status=400)
        try:
            action(order=order, user=request.user)
        except order_services.OrderStateError as error:
            messages.error(request, str(error))
        else:
            order.refresh_from_db()
            messages.success(
                request,
                _("Order %(number)s: %(status)s.")
                % {
                    "number": order.number,
                    "status": order_services.STATUS_LABELS.get(order.status, order.status),
                },
            )
        return redirect("mystore:pickups", store=self.store.slug)
