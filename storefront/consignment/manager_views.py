"""Store managers' consignment pages: supply terms, statements, restock requests.

Every view resolves the store among the user's own (partner's StoreMixin) and
every object within that store: another store's is a 404.
"""

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import generic

from storefront.consignment import restock, selectors, services
from storefront.consignment.forms import (
    AdjustmentForm,
    PaidForm,
    StatementCreateForm,
    TermsForm,
)
from storefront.consignment.models import Statement
from storefront.consignment.views import (
    PAGE_SIZE,
    quantities_from,
    statement_context,
)
from storefront.partner.manager_views import StoreMixin


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
    """A statement action's form did not validate: the page is shown again with its errors."""


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
        quantities = quantities_from(request.POST, "qty-")
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
                good, damaged = (
                    quantities_from(request.POST, "good-"),
                    quantities_from(request.POST, "damaged-"),
                )
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
