"""Bringing our records and Stripe's back into agreement: the payment jobs.

- `release_abandoned_payments` (every 5 minutes): card orders not paid in
  PAYMENT_DEADLINE_MINUTES are cancelled at Stripe, then here, and bank
  transfer orders with nothing received by their deadline are cancelled here;
  their stock goes back on sale and the customer is told by email;
- `send_due_refunds` (every 5 minutes): refunds recorded as due whose answer
  from Stripe never arrived (Stripe down, process killed) are sent again with
  the same idempotency key;
- `reconcile` (daily): succeeded PaymentIntents at Stripe without a paid
  order here, and paid orders whose amount differs;
- `bank_transfer_report` (daily): bank transactions matched, part paid,
  overpaid, for refund and unmatched, and transfer orders past their deadline.

Each order or refund is handled on its own, Stripe called outside any
transaction, the result recorded in its own transaction: one that fails is
logged and reported, and the others go on.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from storefront.order.services import release_order_stock
from storefront.payment import emails, gateway, services
from storefront.payment.models import BankTransaction, OrderPayment, PaymentRefund

logger = logging.getLogger("storefront.payment")

OrderNote = get_model("order", "OrderNote")

Status = OrderPayment.Status


# --- unpaid card orders ---------------------------------------------------------


@dataclass
class ReleaseReport:
    released: list[str] = field(default_factory=list)
    # Paid or being paid at Stripe: their webhook decides.
    left_for_webhook: list[str] = field(default_factory=list)
    # (order number, why): left as they were, tried again on the next run.
    failed: list[tuple[str, str]] = field(default_factory=list)


class _NotReleased(Exception):
    """This run cannot release the order; the message says why."""


def release_abandoned_payments(*, now: datetime | None = None) -> ReleaseReport:
    """Cancel unpaid orders past their deadline; give back their stock; email the customer.

    Card orders: older than PAYMENT_DEADLINE_MINUTES. Bank transfer orders:
    past their `payment_due_at` with nothing received (a part-paid order stays
    reserved for staff to decide; a transfer arriving after this is flagged
    for refund by the matching).

    Per order: the PaymentIntent is cancelled at Stripe first, so the card can
    no longer be charged; one that succeeded or is processing is left for its
    webhook. A PaymentIntent Stripe does not know (e.g. left over from test
    mode) cannot have been paid: the order is released, with a warning. Stripe
    unreachable (network, 5xx): the order stays as it is, for the next run.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.PAYMENT_DEADLINE_MINUTES)
    card = Q(method=OrderPayment.Method.CARD, created_at__lt=cutoff)
    transfer = Q(method=OrderPayment.Method.BANK_TRANSFER, payment_due_at__lt=now)
    candidates = list(
        OrderPayment.objects.filter(
            card | transfer,
            status__in=[Status.PENDING, Status.FAILED],
            stock_released_at__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", "order__number")
    )
    report = ReleaseReport()
    for pk, number in candidates:
        try:
            if _release_one(pk, now=now):
                report.released.append(number)
            else:
                report.left_for_webhook.append(number)
        except _NotReleased as reason:
            logger.warning("Order %s not released this run: %s", number, reason)
            report.failed.append((number, str(reason)))
        except Exception as error:  # one order's fault never stops the others
            logger.exception("Order %s: releasing failed", number)
            report.failed.append((number, repr(error)))
    return report


def _release_one(pk: int, *, now: datetime) -> bool:
    """Release one unpaid order; False when its card's webhook must decide."""
    payment = OrderPayment.objects.select_related("order").get(pk=pk)
    if not payment.payment_intent_id and payment.intent_requested_at:
        # Asked of Stripe but never recorded: get it by its idempotency key
        # (or create it) so that it can be cancelled like any other.
        try:
            payment = services.ensure_payment_intent(payment=payment)
        except services.PaymentError as error:
            raise _NotReleased(str(error)) from error
    if payment.payment_intent_id and not _cancelled_at_stripe(payment):
        return False
    with transaction.atomic():
        locked = OrderPayment.objects.select_for_update().select_related("order").get(pk=pk)
        if locked.status not in (Status.PENDING, Status.FAILED):
            return False
        locked.status = Status.CANCELLED
        locked.stock_released_at = now
        locked.save()
        if locked.is_bank_transfer:
            why = _("Bank transfer not received in time")
            message = _("No transfer received by the deadline: cancelled, stock released.")
        else:
            why = _("Card payment not completed in time")
            message = _("Not paid within %(minutes)d minutes: cancelled, stock released.") % {
                "minutes": settings.PAYMENT_DEADLINE_MINUTES
            }
        release_order_stock(order=locked.order, note=why)
        services.set_order_status(locked.order, services.ORDER_STATUS_CANCELLED)
        OrderNote.objects.create(order=locked.order, note_type="System", message=message)
        emails.send_payment_cancelled(order_id=locked.order_id)
    return True


def _cancelled_at_stripe(payment: OrderPayment) -> bool:
    """Cancel the PaymentIntent; False if it is paid or being paid.

    Raises _NotReleased when Stripe cannot say (unreachable, 5xx).
    """
    stripe = gateway.stripe_gateway()
    intent_id = payment.payment_intent_id
    try:
        stripe.cancel_payment(intent_id)
        return True
    except gateway.Refused as error:
        if error.missing:
            logger.warning(
                "Order %s: Stripe does not know PaymentIntent %s (%s); it cannot have been "
                "paid through it, so the order is released",
                payment.order.number,
                intent_id,
                error,
            )
            return True
    except gateway.Unavailable as error:
        raise _NotReleased(f"Stripe unreachable: {error}") from error
    # Refused for another reason: already cancelled, succeeded or processing.
    try:
        return stripe.get_payment(intent_id).status == "canceled"
    except gateway.GatewayError as error:
        raise _NotReleased(f"PaymentIntent {intent_id} unreadable: {error}") from error


# --- refunds still due -------------------------------------------------------------


@dataclass
class RefundReport:
    sent: list[str] = field(default_factory=list)
    # (order number, why) for refunds Stripe refused (flagged for staff) or
    # could not be reached for (still due, tried again next run).
    failed: list[tuple[str, str]] = field(default_factory=list)


def send_due_refunds() -> RefundReport:
    """Send every refund still due (oldest first), each on its own."""
    report = RefundReport()
    due = PaymentRefund.objects.filter(status=PaymentRefund.Status.DUE).order_by("pk")
    for pk, number in list(due.values_list("pk", "payment__order__number")):
        try:
            refund = services.send_refund(refund_id=pk)
        except Exception as error:  # one refund's fault never stops the others
            logger.exception("Order %s: sending refund failed", number)
            report.failed.append((number, repr(error)))
            continue
        if refund.status == PaymentRefund.Status.SUCCEEDED:
            report.sent.append(number)
        else:
            report.failed.append((number, refund.last_error or refund.status))
    return report


# --- comparing with Stripe ------------------------------------------------------------


@dataclass
class Reconciliation:
    start: datetime
    end: datetime
    # Succeeded at Stripe, but no paid (or refunded) order here.
    unmatched_intents: list[tuple[str, int, str]] = field(default_factory=list)
    # Paid here, but Stripe's amount differs from the order's.
    amount_mismatches: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unmatched_intents and not self.amount_mismatches


def reconcile(*, start: datetime, end: datetime) -> Reconciliation:
    """Compare Stripe's succeeded PaymentIntents in [start, end) with our paid orders."""
    report = Reconciliation(start=start, end=end)
    intents = {
        intent.id: intent
        for intent in gateway.stripe_gateway().succeeded_intents(
            start=int(start.timestamp()), end=int(end.timestamp())
        )
    }
    payments = {
        p.payment_intent_id: p
        for p in OrderPayment.objects.filter(payment_intent_id__in=intents).select_related("order")
    }
    for intent_id, intent in intents.items():
        payment = payments.get(intent_id)
        received = intent.amount_received or intent.amount
        order_number = intent.metadata.get("order_number", "")
        if payment is None or not payment.is_paid:
            report.unmatched_intents.append((intent_id, received, order_number))
        elif received != services.to_stripe_amount(payment.order.total_incl_tax):
            report.amount_mismatches.append(
                (payment.order.number, intent_id, int(payment.order.total_incl_tax), received)
            )
    return report


# --- bank transfers ---------------------------------------------------------------


@dataclass
class BankTransferReport:
    start: datetime
    end: datetime
    # Bank transactions received in [start, end), by outcome.
    matched: list[BankTransaction] = field(default_factory=list)
    part_paid: list[BankTransaction] = field(default_factory=list)
    overpaid: list[BankTransaction] = field(default_factory=list)
    refund_due: list[BankTransaction] = field(default_factory=list)
    unmatched: list[BankTransaction] = field(default_factory=list)
    # Whatever the period: still open, waiting for a person.
    open_items: list[BankTransaction] = field(default_factory=list)
    # Transfer orders past their deadline and not released (the release job
    # is failing) or part paid (staff must decide).
    overdue: list[OrderPayment] = field(default_factory=list)

    @property
    def needs_person(self) -> bool:
        return bool(self.open_items or self.overdue)


def bank_transfer_report(
    *, start: datetime, end: datetime, now: datetime | None = None
) -> BankTransferReport:
    """The bank transactions of a period by outcome, and what waits for a person.

    "Needs a person": any transaction part paid, overpaid, for refund or
    unmatched that nobody has resolved (whenever it arrived), and transfer
    orders past their deadline that still hold stock.
    """
    now = now or timezone.now()
    report = BankTransferReport(start=start, end=end)
    outcomes = {
        BankTransaction.Outcome.PAID: report.matched,
        BankTransaction.Outcome.PART_PAID: report.part_paid,
        BankTransaction.Outcome.OVERPAID: report.overpaid,
        BankTransaction.Outcome.REFUND_DUE: report.refund_due,
        BankTransaction.Outcome.UNMATCHED: report.unmatched,
    }
    transactions = BankTransaction.objects.select_related("payment__order").order_by("pk")
    for record in transactions.filter(received_at__gte=start, received_at__lt=end):
        if record.outcome in outcomes:
            outcomes[record.outcome].append(record)
    report.open_items = list(
        transactions.filter(outcome__in=BankTransaction.NEEDS_PERSON, resolved_at__isnull=True)
    )
    report.overdue = list(
        OrderPayment.objects.filter(
            method=OrderPayment.Method.BANK_TRANSFER,
            status__in=[Status.PENDING, Status.PART_PAID],
            stock_released_at__isnull=True,
            payment_due_at__lt=now,
        )
        .select_related("order")
        .order_by("payment_due_at")
    )
    return report
