"""Staff pages for bank transfers: what needs a person, statement upload, assign, resolve.

Thin: each write calls storefront.payment.bank_transfers; the statement is
read by storefront.payment.bank_feeds.
"""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, View

from catalogue.access import staff_only
from storefront.payment import bank_feeds, bank_transfers
from storefront.payment.forms import (
    AssignTransferForm,
    ResolveTransferForm,
    StatementUploadForm,
)
from storefront.payment.models import BankTransaction

STATEMENT_SOURCE = "statement"


class StaffOnly(UserPassesTestMixin):
    def test_func(self):
        return staff_only(self.request.user)


class BankTransferListView(StaffOnly, ListView):
    """Transactions waiting for a person first (unmatched, part paid, overpaid, refund), or all."""

    template_name = "payment/dashboard/bank_transfers.html"
    context_object_name = "transactions"
    paginate_by = 50

    def show_all(self) -> bool:
        return self.request.GET.get("show") == "all"

    def get_queryset(self):
        records = BankTransaction.objects.select_related(
            "payment__order", "assigned_by", "resolved_by"
        )
        if not self.show_all():
            records = records.filter(
                outcome__in=BankTransaction.NEEDS_PERSON, resolved_at__isnull=True
            )
        return records.order_by("-received_at", "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            show_all=self.show_all(),
            upload_form=kwargs.get("upload_form") or StatementUploadForm(),
            assign_form=AssignTransferForm(),
            resolve_form=ResolveTransferForm(),
        )
        return ctx


class StatementUploadView(StaffOnly, View):
    def post(self, request):
        form = StatementUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("bank-transfers:list")
        upload = form.cleaned_data["statement"]
        try:
            transfers = bank_feeds.parse_statement(name=upload.name, content=upload.read())
        except bank_feeds.FeedError as error:
            messages.error(
                request,
                _("The statement was not imported: %(error)s") % {"error": error},
            )
            return redirect("bank-transfers:list")
        report = bank_transfers.import_transfers(source=STATEMENT_SOURCE, transfers=transfers)
        Outcome = BankTransaction.Outcome
        messages.success(
            request,
            _(
                "Statement imported: %(new)d new transaction(s), %(known)d already known. "
                "Paid: %(paid)d, part paid: %(part)d, overpaid: %(over)d, refund due: %(refund)d, "
                "unmatched: %(unmatched)d."
            )
            % {
                "new": len(report.created),
                "known": report.duplicates,
                "paid": report.count(Outcome.PAID),
                "part": report.count(Outcome.PART_PAID),
                "over": report.count(Outcome.OVERPAID),
                "refund": report.count(Outcome.REFUND_DUE),
                "unmatched": report.count(Outcome.UNMATCHED),
            },
        )
        return redirect("bank-transfers:list")


class AssignTransferView(StaffOnly, View):
    def post(self, request, pk):
        record = get_object_or_404(BankTransaction, pk=pk)
        form = AssignTransferForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter the order number."))
            return redirect("bank-transfers:list")
        try:
            record = bank_transfers.assign_transfer(
                transaction_id=record.pk,
                order_number=form.cleaned_data["order_number"],
                user=request.user,
            )
        except bank_transfers.TransferError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Transaction %(transaction)s assigned to order %(number)s: %(outcome)s.")
                % {
                    "transaction": record.transaction_id,
                    "number": record.payment.order.number,
                    "outcome": record.get_outcome_display(),
                },
            )
        return redirect("bank-transfers:list")


class ResolveTransferView(StaffOnly, View):
    def post(self, request, pk):
        record = get_object_or_404(BankTransaction, pk=pk)
        form = ResolveTransferForm(request.POST)
        try:
            if not form.is_valid():
                raise bank_transfers.TransferError(_("Say what was done."))
            bank_transfers.resolve_transfer(
                transaction_id=record.pk, user=request.user, note=form.cleaned_data["note"]
            )
        except bank_transfers.TransferError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Transaction %(transaction)s resolved.") % {"transaction": record.transaction_id},
            )
        return redirect("bank-transfers:list")
