"""Consignment pages: supply terms and statements for store managers, producers and staff.

Store managers' pages live under /shop/my-store/<store>/ and resolve the store
among the user's own (partner's StoreMixin); the producer's under
/shop/portal/<producer>/ among the user's memberships; the printable page and
CSV under /shop/statements/<pk>/ among `selectors.visible_statements`. Anything
else is a 404 and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from storefront.consignment import exports, selectors, services
from storefront.consignment.forms import (
    AdjustmentForm,
    DisputeForm,
    PaidForm,
    StatementCreateForm,
    TermsForm,
)
from storefront.consignment.models import Statement
from storefront.partner.manager_views import StoreMixin

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
            initial={"starts_on": services._today()},
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
        ctx.setdefault("paid_form", PaidForm(initial={"paid_on": services._today()}))
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
    """The statement to print or save as PDF (Vietnamese by default), or `?format=csv`."""

    template_name = "consignment/statement_print.html"
    context_object_name = "statement"

    def get_queryset(self):
        return selectors.visible_statements(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        ctx = statement_context(self.object)
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
