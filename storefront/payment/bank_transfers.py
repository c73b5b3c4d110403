"""Bank transfer by VietQR: what the shopper is asked to send, and matching what arrived.

The order is placed and its stock reserved as for a card, in "Awaiting
payment", with a transfer reference ("OCOP" + order number) and a deadline
(storefront.payment.services.create_order_payment). The shopper scans the
VietQR code (`transfer_details`) and pays in their banking app. The money is
learnt of from the bank's transaction feed: a signed webhook from a
bank-transaction notification service, or staff uploading a statement
(storefront.payment.bank_feeds parses both into `IncomingTransfer`s).

`record_transfer` is the one entry for every incoming transaction, whatever
its source:

- stored once: (source, transaction id) is unique, so a replay, a
  concurrent duplicate or an overlapping statement inserts nothing and
  changes nothing;
- matched by the reference found in the memo however the bank mangled it
  (storefront.payment.vietqr.reference_candidates), under the payment's row
  lock, in the transaction that stores it;
- exact amount → paid, the order joins the stores' pipeline, one email;
  less → part paid, flagged, the order stays reserved; more → paid and the
  overpayment flagged for refund; a cancelled or already-paid order →
  flagged for refund, never silently accepted; no or an unknown reference
  → left unmatched for staff to `assign_transfer` by hand (audited).

Refunds of transfers are made by staff from the bank account (there is no
API to send money back); the flag and the transaction's outcome stay open
until someone `resolve_transfer`s them, and the daily report
(storefront.payment.reconciliation.bank_transfer_report) lists them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from storefront.payment import emails, services, vietqr
from storefront.payment.models import BankTransaction, OrderPayment

logger = logging.getLogger("storefront.payment")

OrderNote = get_model("order", "OrderNote")
Order = get_model("order", "Order")

Outcome = BankTransaction.Outcome
Status = OrderPayment.Status
Method = OrderPayment.Method

# Names shown next to the account for the banks most shops use; any other
# bank is named by VIETQR_BANK_NAME. BINs as NAPAS assigns them.
BANK_NAMES = {
    "970436": "Vietcombank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970405": "Agribank",
    "970422": "MB Bank",
    "970407": "Techcombank",
    "970416": "ACB",
    "970432": "VPBank",
    "970423": "TPBank",
    "970403": "Sacombank",
}


class TransferError(Exception):
    """A staff action on a transfer was refused; the message says why."""


# --- what the shopper sends ------------------------------------------------------


def bank_name() -> str:
    return settings.VIETQR_BANK_NAME or BANK_NAMES.get(settings.VIETQR_BANK_BIN, "")


def transfer_for(payment: OrderPayment) -> vietqr.Transfer:
    """The transfer that pays what is still owed on this order."""
    return vietqr.Transfer(
        bank_bin=settings.VIETQR_BANK_BIN,
        account_number=settings.VIETQR_ACCOUNT_NUMBER,
        amount=payment.amount_outstanding or payment.amount,
        memo=payment.transfer_reference,
    )


@dataclass(frozen=True)
class TransferDetails:
    """Everything the confirmation page, the email and the order page show."""

    payload: str
    bank_name: str
    bank_bin: str
    account_number: str
    account_name: str
    amount: int
    reference: str
    due_at: datetime | None

    @property
    def qr_svg(self) -> str:
        return vietqr.qr_svg(self.payload)


def transfer_details(payment: OrderPayment) -> TransferDetails | None:
    """The code and text details of an unpaid transfer order, None otherwise.

    None also when the account is no longer configured (the order is still
    matched if money arrives; the page then says to contact the shop).
    """
    if not payment.is_bank_transfer or not payment.transfer_reference:
        return None
    if not services.bank_transfer_is_configured():
        return None
    transfer = transfer_for(payment)
    return TransferDetails(
        payload=vietqr.payload(transfer),
        bank_name=bank_name(),
        bank_bin=transfer.bank_bin,
        account_number=transfer.account_number,
        account_name=settings.VIETQR_ACCOUNT_NAME,
        amount=transfer.amount,
        reference=transfer.memo,
        due_at=payment.payment_due_at,
    )


# --- what arrived ----------------------------------------------------------------------


@dataclass(frozen=True)
class IncomingTransfer:
    """One transaction as a feed reports it, before it is stored."""

    transaction_id: str
    amount: int
    memo: str
    occurred_at: datetime | None = None
    account_number: str = ""


@dataclass
class RecordResult:
    transaction: BankTransaction
    created: bool


def record_transfer(*, source: str, transfer: IncomingTransfer) -> RecordResult:
    """Store one incoming transaction once and match it; see the module docstring.

    A duplicate (same source and transaction id), even one delivered at the
    same moment from another process, waits for the first to commit, then
    finds it and changes nothing (`created` False).
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = BankTransaction.objects.create(
                    source=source,
                    transaction_id=transfer.transaction_id,
                    account_number=transfer.account_number,
                    amount=transfer.amount,
                    occurred_at=transfer.occurred_at,
                    memo=transfer.memo,
                    outcome=Outcome.UNMATCHED,
                )
        except IntegrityError:
            existing = BankTransaction.objects.get(
                source=source, transaction_id=transfer.transaction_id
            )
            return RecordResult(existing, created=False)
        _match(record)
    return RecordResult(record, created=True)


def _match(record: BankTransaction) -> None:
    if record.amount <= 0:
        _set_outcome(record, Outcome.IGNORED)
        return
    if record.account_number and _digits(record.account_number) != _digits(
        settings.VIETQR_ACCOUNT_NUMBER
    ):
        # The notification service may watch several accounts.
        _set_outcome(record, Outcome.IGNORED)
        return
    twin = _same_transfer_from_another_source(record)
    if twin is not None:
        record.resolution = _("The same transfer as %(source)s:%(transaction)s.") % {
            "source": twin.source,
            "transaction": twin.transaction_id,
        }
        record.save(update_fields=["resolution"])
        _set_outcome(record, Outcome.IGNORED)
        return
    payment_id = find_payment_id(record.memo)
    if payment_id is None:
        logger.warning(
            "Bank transaction %s:%s (%s VND) matches no order: %r",
            record.source,
            record.transaction_id,
            record.amount,
            record.memo,
        )
        _set_outcome(record, Outcome.UNMATCHED)
        return
    _apply(record, payment_id)


def _same_transfer_from_another_source(record: BankTransaction) -> BankTransaction | None:
    """The webhook's record of a transfer a statement now lists again (or the other way round).

    Each source has its own transaction ids, so the unique key cannot see
    it: the same amount, the same memo (as squashed for matching) and the
    same day at the bank, already received from another source, is taken
    for the same transfer. Without a time at the bank nothing is assumed.
    """
    if record.occurred_at is None:
        return None
    day = timezone.localtime(record.occurred_at).date()
    squashed = vietqr.squash(record.memo)
    others = BankTransaction.objects.filter(amount=record.amount).exclude(source=record.source)
    for other in others.exclude(occurred_at__isnull=True).exclude(outcome=Outcome.IGNORED):
        same_day = timezone.localtime(other.occurred_at).date() == day
        if same_day and vietqr.squash(other.memo) == squashed:
            return other
    return None


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum()).upper()


def _set_outcome(record: BankTransaction, outcome: str) -> None:
    record.outcome = outcome
    record.save(update_fields=["outcome", "payment"])


def find_payment_id(memo: str) -> int | None:
    """The bank-transfer payment whose reference the memo carries, or None.

    The longest known reference the digits after "OCOP" start with wins
    (digits the bank ran on after it are not part of it). A memo cut inside
    the reference matches only when exactly one unpaid order's reference
    starts with what is left.
    """
    transfers = OrderPayment.objects.filter(method=Method.BANK_TRANSFER)
    for candidate in vietqr.reference_candidates(memo):
        prefixes = candidate.prefixes()
        known = dict(
            transfers.filter(transfer_reference__in=prefixes).values_list(
                "transfer_reference", "pk"
            )
        )
        for reference in prefixes:
            if reference in known:
                return known[reference]
        if candidate.at_end:
            cut = list(
                transfers.filter(
                    transfer_reference__startswith=vietqr.REFERENCE_PREFIX + candidate.digits,
                    status__in=[Status.PENDING, Status.PART_PAID],
                ).values_list("pk", flat=True)[:2]
            )
            if len(cut) == 1:
                return cut[0]
    return None


def _apply(record: BankTransaction, payment_id: int, *, user=None) -> None:
    """Apply a transfer to its order under the payment's row lock."""
    payment = services._lock(payment_id)
    order = payment.order
    record.payment = payment
    amount = record.amount
    reference = f"bank:{record.source}:{record.transaction_id}"
    money = {"amount": amount, "transaction": record.transaction_id}
    if payment.status == Status.CANCELLED or order.status in services.UNFULFILLABLE_ORDER_STATUSES:
        payment.amount_received += amount
        payment.save(update_fields=["amount_received", "updated_at"])
        services._payment_event(order, "Received after cancellation", amount, reference)
        services._flag(
            payment,
            _(
                "A transfer of %(amount)s ₫ (bank transaction %(transaction)s) arrived for this "
                "cancelled order: refund it to the sender from the bank account."
            )
            % money,
        )
        _set_outcome(record, Outcome.REFUND_DUE)
        return
    if payment.is_paid:
        payment.amount_received += amount
        payment.save(update_fields=["amount_received", "updated_at"])
        services._payment_event(order, "Received again", amount, reference)
        services._flag(
            payment,
            _(
                "A further transfer of %(amount)s ₫ (bank transaction %(transaction)s) arrived "
                "for this order, which was already paid: refund it to the sender."
            )
            % money,
        )
        _set_outcome(record, Outcome.REFUND_DUE)
        return
    received = payment.amount_received + amount
    if received < payment.amount:
        payment.amount_received = received
        payment.status = Status.PART_PAID
        payment.save(update_fields=["amount_received", "status", "updated_at"])
        services._payment_event(order, "Part paid", amount, reference)
        services._flag(
            payment,
            _(
                "Part paid: %(received)s ₫ of %(total)s ₫ received (bank transaction "
                "%(transaction)s); %(outstanding)s ₫ outstanding. The order stays reserved."
            )
            % {
                "received": received,
                "total": payment.amount,
                "transaction": record.transaction_id,
                "outstanding": payment.amount - received,
            },
        )
        _set_outcome(record, Outcome.PART_PAID)
        return
    services._record_paid(payment, amount=received, reference=reference, user=user)
    if order.status == services.ORDER_STATUS_AWAITING_PAYMENT:
        services.set_order_status(order, services.ORDER_STATUS_PAID)
    # Earlier part payments are settled by this one.
    payment.bank_transactions.filter(outcome=Outcome.PART_PAID, resolved_at__isnull=True).update(
        resolved_at=timezone.now(),
        resolution=_("Settled by bank transaction %(transaction)s.") % money,
    )
    if received > payment.amount:
        services._flag(
            payment,
            _(
                "Overpaid by %(over)s ₫ (received %(received)s ₫ for %(total)s ₫): refund the "
                "difference to the sender."
            )
            % {"over": received - payment.amount, "received": received, "total": payment.amount},
        )
        _set_outcome(record, Outcome.OVERPAID)
    else:
        _set_outcome(record, Outcome.PAID)
    emails.send_payment_received(order_id=order.pk)


# --- staff -----------------------------------------------------------------------------


def assign_transfer(*, transaction_id: int, order_number: str, user) -> BankTransaction:
    """Staff match an unmatched transaction to a bank-transfer order by hand.

    The same rules as matching by reference then apply (paid, part paid,
    overpaid, refund due). Recorded: who and when on the transaction, and a
    note on the order.
    """
    with transaction.atomic():
        record = BankTransaction.objects.select_for_update().get(pk=transaction_id)
        if record.outcome != Outcome.UNMATCHED or record.payment_id:
            raise TransferError(_("This transaction is already matched to an order."))
        order_number = (order_number or "").strip()
        payment = (
            OrderPayment.objects.filter(order__number=order_number).select_related("order").first()
        )
        if payment is None:
            raise TransferError(_("There is no order %(number)s.") % {"number": order_number})
        if not payment.is_bank_transfer:
            raise TransferError(
                _("Order %(number)s is not paid by bank transfer.") % {"number": order_number}
            )
        record.assigned_by = user
        record.assigned_at = timezone.now()
        record.save(update_fields=["assigned_by", "assigned_at"])
        _apply(record, payment.pk, user=user)
        OrderNote.objects.create(
            order=payment.order,
            user=user,
            note_type="System",
            message=_(
                "Bank transaction %(transaction)s (%(amount)s ₫, memo “%(memo)s”) assigned to "
                "this order by hand."
            )
            % {"transaction": record.transaction_id, "amount": record.amount, "memo": record.memo},
        )
        logger.info(
            "Bank transaction %s assigned to order %s by user %s",
            record.pk,
            order_number,
            user.pk,
        )
    return record


def resolve_transfer(*, transaction_id: int, user, note: str) -> BankTransaction:
    """Staff close a transaction that needed a person (refunded, accepted, not ours), with why."""
    note = (note or "").strip()
    if not note:
        raise TransferError(_("Say what was done, e.g. “refunded 50.000 ₫ on 2 Dec”."))
    with transaction.atomic():
        record = BankTransaction.objects.select_for_update().get(pk=transaction_id)
        if not record.needs_person:
            raise TransferError(_("This transaction needs nothing more."))
        record.resolved_by = user
        record.resolved_at = timezone.now()
        record.resolution = note
        record.save(update_fields=["resolved_by", "resolved_at", "resolution"])
        if record.payment_id:
            OrderNote.objects.create(
                order=record.payment.order,
                user=user,
                note_type="System",
                message=_("Bank transaction %(transaction)s resolved: %(note)s")
                % {"transaction": record.transaction_id, "note": note},
            )
    return record


@dataclass
class ImportReport:
    created: list[BankTransaction] = field(default_factory=list)
    duplicates: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for record in self.created if record.outcome == outcome)


def import_transfers(*, source: str, transfers: list[IncomingTransfer]) -> ImportReport:
    """Record a statement's rows; rows already known (an overlapping period) are skipped."""
    report = ImportReport()
    for transfer in transfers:
        result = record_transfer(source=source, transfer=transfer)
        if result.created:
            report.created.append(result.transaction)
        else:
            report.duplicates += 1
    return report
