"""The rules of taking, recording and returning money, and their bookkeeping.

The order is created and its stock reserved first (checkout), then paid:

- card: one Stripe PaymentIntent per order, created with an idempotency key
  derived from the order number; the order becomes paid only when Stripe's
  signed `payment_intent.succeeded` webhook arrives (`handle_webhook`), never
  from the shopper's return page;
- bank transfer (VietQR): the order becomes paid when the bank's
  transaction feed shows the transfer (`storefront.payment.bank_transfers`);
- cash on delivery / pay at pickup / on the day: staff mark the order paid
  when the money is handed over (`mark_cash_paid`).

Every write locks the `OrderPayment` row (`SELECT … FOR UPDATE` on
PostgreSQL; SQLite serialises writers with IMMEDIATE transactions) and status
only moves up `OrderPayment.RANK`, so duplicate, concurrent or out-of-order
webhooks have the effect of one in-order delivery. Emails and Stripe
follow-ups (a refund due, cancelling a duplicate PaymentIntent) go to the
task queue after commit (storefront/payment/tasks.py).

Stripe is reached only through `storefront.payment.gateway`, and never from
inside a transaction: reserve (lock, write what is about to be asked, with
its idempotency key; commit) → call (no transaction) → record (lock again,
write the answer unless a retry or a concurrent duplicate already did). The
catch-up jobs (unpaid orders, refunds still due, comparing with Stripe) are
in `storefront.payment.reconciliation`.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.apps.shipping.methods import NoShippingRequired
from oscar.core.loading import get_model

from storefront import jobs
from storefront.money import is_whole
from storefront.payment import emails, gateway, vietqr
from storefront.payment.models import OrderPayment, PaymentRefund, StripeEvent

logger = logging.getLogger("storefront.payment")

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

Method = OrderPayment.Method
Status = OrderPayment.Status
RefundStatus = PaymentRefund.Status

# Stripe amounts have at most eight digits; VND is zero-decimal, so this is
# 99.999.999 ₫. The minimum is the settlement currency's minimum converted to
# đồng (PAYMENT_STRIPE_MIN_AMOUNT, see settings).
STRIPE_MAX_AMOUNT = 99_999_999
WEBHOOK_TOLERANCE_SECONDS = 300
# Order pipeline (settings.OSCAR_ORDER_STATUS_PIPELINE): card and bank-transfer orders start
# "Awaiting payment" and join the stores' pipeline at "Pending" once paid.
ORDER_STATUS_AWAITING_PAYMENT = "Awaiting payment"
ORDER_STATUS_PAID = "Pending"
ORDER_STATUS_CANCELLED = "Cancelled"
UNFULFILLABLE_ORDER_STATUSES = ("Cancelled", "Not collected")


class PaymentError(Exception):
    """A payment rule refused the request; the message is shown to the user."""


class WebhookRejected(Exception):
    """The webhook is not provably from Stripe (signature, age, body): answer 400."""


def stripe_is_configured() -> bool:
    return gateway.is_configured()


def bank_transfer_is_configured() -> bool:
    """VietQR is offered only when the programme's bank account is set."""
    return bool(
        settings.VIETQR_BANK_BIN and settings.VIETQR_ACCOUNT_NUMBER and settings.VIETQR_ACCOUNT_NAME
    )


def _unreachable() -> str:
    return _(
        "Card payment is not reachable right now. Your order is saved; "
        "please try again in a few minutes."
    )


# --- amounts and methods -------------------------------------------------------


def to_stripe_amount(total: Decimal) -> int:
    """Stripe's `amount` for a VND total: the whole đồng, never ×100.

    A fraction of a đồng means a price or discount rule is broken somewhere;
    charging a rounded amount would hide it, so it stops the payment.
    """
    if not is_whole(Decimal(total)):
        raise PaymentError(
            _(
                "The order total %(total)s is not a whole number of đồng, so it cannot be "
                "charged. Please contact us; nothing has been charged."
            )
            % {"total": total}
        )
    return int(total)


@dataclass(frozen=True)
class MethodChoice:
    code: str
    label: str
    available: bool = True
    reason: str = ""


def card_unavailable_reason(*, total: Decimal) -> str:
    """Why a card cannot pay this total, or "" when it can."""
    amount = int(total)
    if amount < settings.PAYMENT_STRIPE_MIN_AMOUNT:
        return _(
            "Card payment needs an order of at least %(minimum)s ₫ (the card processor's minimum)."
        ) % {"minimum": f"{settings.PAYMENT_STRIPE_MIN_AMOUNT:,}".replace(",", ".")}
    if amount > STRIPE_MAX_AMOUNT:
        return _(
            "Card payment is limited to %(maximum)s ₫ per order; please choose another way to pay."
        ) % {"maximum": f"{STRIPE_MAX_AMOUNT:,}".replace(",", ".")}
    return ""


def available_payment_methods(
    *, total: Decimal, is_pickup: bool, needs_shipping: bool = True
) -> list[MethodChoice]:
    """The ways this order can be paid, in the order they are offered.

    Cash is first-class: cash on delivery for deliveries, pay at pickup for
    pickups, and on the day for what is neither (an experience ticket). Card
    is listed only when Stripe keys are configured (without them the shop
    simply does not mention cards); outside Stripe's limits it is listed as
    unavailable, with the reason. Bank transfer by VietQR is offered for
    every kind of basket when the bank account is configured.
    """
    choices = []
    if is_pickup:
        cash = Method.PAY_AT_PICKUP
    elif needs_shipping:
        cash = Method.CASH_ON_DELIVERY
    else:
        cash = Method.PAY_ON_THE_DAY
    choices.append(MethodChoice(cash, str(cash.label)))
    if bank_transfer_is_configured():
        transfer = Method.BANK_TRANSFER
        choices.append(MethodChoice(transfer, str(transfer.label)))
    if gateway.is_configured():
        reason = card_unavailable_reason(total=total) if is_whole(Decimal(total)) else ""
        choices.append(
            MethodChoice(Method.CARD, str(Method.CARD.label), available=not reason, reason=reason)
        )
    return choices


def check_method_allowed(
    *, method: str, total: Decimal, is_pickup: bool, needs_shipping: bool = True
) -> None:
    """Raise PaymentError unless `method` may pay this total (checked again at placement)."""
    to_stripe_amount(total)
    choices = available_payment_methods(
        total=total, is_pickup=is_pickup, needs_shipping=needs_shipping
    )
    for choice in choices:
        if choice.code == method:
            if not choice.available:
                raise PaymentError(choice.reason)
            return
    raise PaymentError(_("This payment method is not available for this order."))


def order_is_pickup(order) -> bool:
    """Whether the order is collected at a store.

    Reads the stores engineer's `Order.is_pickup`; falls back to Oscar's
    shipping method code for orders created before that field existed.
    """
    if hasattr(order, "is_pickup"):
        return bool(order.is_pickup)
    return (order.shipping_code or "").startswith("pickup")


# --- order placement -----------------------------------------------------------


def create_order_payment(*, order, method: str, language: str) -> OrderPayment:
    """Record how `order` will be paid, in the order's own transaction.

    Called right after the order and its stock reservation are written, before
    any money moves; a refused method rolls the whole order back.
    """
    check_method_allowed(
        method=method,
        total=order.total_incl_tax,
        is_pickup=order_is_pickup(order),
        needs_shipping=order.shipping_code != NoShippingRequired.code,
    )
    bank_transfer = method == Method.BANK_TRANSFER
    payment = OrderPayment.objects.create(
        order=order,
        method=method,
        amount=to_stripe_amount(order.total_incl_tax),
        currency=order.currency,
        language=language or settings.LANGUAGE_CODE,
        transfer_reference=vietqr.reference_for(order.number) if bank_transfer else None,
        payment_due_at=(
            timezone.now() + timedelta(hours=settings.VIETQR_DEADLINE_HOURS)
            if bank_transfer
            else None
        ),
    )
    source_type, _created = SourceType.objects.get_or_create(
        code=method, defaults={"name": str(Method(method).label)}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=order.currency,
        amount_allocated=order.total_incl_tax,
    )
    return payment


def _lock(payment_id: int) -> OrderPayment:
    return OrderPayment.objects.select_for_update().select_related("order").get(pk=payment_id)


# --- card payments ---------------------------------------------------------------


def prepare_card_payment(*, order_id: int) -> None:
    """Create a new card order's PaymentIntent, right after the order is committed.

    Called on commit of "Place order" (a POST), so the confirmation page
    finds it ready; if Stripe cannot be reached the card form's POST creates
    it later. Never raises: the order is placed either way.
    """
    payment = OrderPayment.objects.select_related("order").filter(order_id=order_id).first()
    if payment is None or not payment.is_card or not gateway.is_configured():
        return
    try:
        ensure_payment_intent(payment=payment)
    except PaymentError as error:
        logger.warning("Order %s: PaymentIntent not created yet: %s", payment.order.number, error)


def ensure_payment_intent(*, payment: OrderPayment) -> OrderPayment:
    """The order's one PaymentIntent, created on first use (reserve → call → record).

    The request is recorded (`intent_requested_at`) and committed before
    Stripe is asked, with an idempotency key derived from the order number,
    so a retry after a lost answer gets the same PaymentIntent. Two tabs
    asking at once both reach Stripe with that key; whichever records second
    finds the first's PaymentIntent and keeps it (and cancels its own, should
    the server not have honoured the key).
    """
    if not payment.is_card:
        raise PaymentError(_("This order is not paid by card."))
    if payment.payment_intent_id:
        return payment
    if not gateway.is_configured():
        raise PaymentError(_("Card payment is not available right now."))
    with transaction.atomic():
        locked = _lock(payment.pk)
        if not locked.payment_intent_id:
            if locked.status != Status.PENDING:
                raise PaymentError(_("This order can no longer be paid by card."))
            locked.intent_requested_at = timezone.now()
            locked.save(update_fields=["intent_requested_at", "updated_at"])
    if not locked.payment_intent_id:
        _create_intent(locked)
    # The caller's instance too: it goes on to use the PaymentIntent.
    payment.refresh_from_db()
    return payment


def _create_intent(locked: OrderPayment) -> None:
    try:
        intent = gateway.stripe_gateway().start_payment(
            amount=locked.amount,
            currency=locked.currency,
            reference=locked.order.number,
            idempotency_key=locked.idempotency_key,
        )
    except gateway.GatewayError as error:
        logger.warning("Order %s: PaymentIntent not created: %s", locked.order.number, error)
        raise PaymentError(_unreachable()) from error
    _record_intent(payment_id=locked.pk, intent=intent)


def _record_intent(*, payment_id: int, intent: gateway.Intent) -> None:
    with transaction.atomic():
        locked = _lock(payment_id)
        duplicate = ""
        if not locked.payment_intent_id:
            locked.payment_intent_id = intent.id
            locked.client_secret = intent.client_secret
            locked.intent_status = intent.status
            locked.save(
                update_fields=["payment_intent_id", "client_secret", "intent_status", "updated_at"]
            )
        elif locked.payment_intent_id != intent.id:
            duplicate = intent.id
    if duplicate:
        logger.warning("Order %s: cancelling duplicate PaymentIntent %s", locked.order, duplicate)
        from storefront.payment import tasks

        jobs.publish(tasks.cancel_payment_intent, intent_id=duplicate)


def cancel_duplicate_intent(*, intent_id: str) -> bool:
    """Cancel a PaymentIntent no order keeps; False when Stripe cannot be reached now.

    Safe to repeat: an intent already cancelled (or unknown) is refused, and
    that is the end of it.
    """
    try:
        gateway.stripe_gateway().cancel_payment(intent_id)
    except gateway.Unavailable as error:
        logger.warning("PaymentIntent %s not cancelled yet: %s", intent_id, error)
        return False
    except gateway.GatewayError as error:
        logger.warning("PaymentIntent %s not cancelled: %s", intent_id, error)
    return True


@dataclass(frozen=True)
class CardAttempt:
    """What the card form does next: done, authenticate (3-D Secure) or show an error."""

    status: str
    client_secret: str = ""
    error: str = ""


def confirm_card_payment(*, payment: OrderPayment, payment_method_id: str) -> CardAttempt:
    """Confirm the order's PaymentIntent with a card collected by Stripe.js.

    The card itself never reaches us, only Stripe's id for it. Nothing here
    marks the order paid: that waits for the signed webhook.
    """
    payment = ensure_payment_intent(payment=payment)
    if payment.is_paid or payment.status == Status.CANCELLED:
        return CardAttempt(status=payment.status)
    try:
        intent = gateway.stripe_gateway().confirm_card(payment.payment_intent_id, payment_method_id)
    except gateway.Declined as error:
        message = _decline_message(
            code=error.code, decline_code=error.decline_code, message=error.message
        )
        return _card_failed(payment, message)
    except gateway.Refused as error:
        # A second tab or click confirming an intent the first already paid:
        # that is not the shopper's card failing.
        status = refresh_card_payment(payment=payment)
        if status in ("succeeded", "processing"):
            return CardAttempt(status=status, client_secret=payment.client_secret)
        logger.warning("Order %s: card confirmation refused: %s", payment.order.number, error)
        return _card_failed(payment, _("The card could not be used. Please try another card."))
    except gateway.Unavailable as error:
        logger.warning("Order %s: card confirmation not sent: %s", payment.order.number, error)
        raise PaymentError(_unreachable()) from error
    _record_intent_status(payment, intent.status)
    if intent.status == "requires_payment_method":
        return _card_failed(payment, intent.error_message or _("Your card was declined."))
    return CardAttempt(status=intent.status, client_secret=payment.client_secret)


def refresh_card_payment(*, payment: OrderPayment) -> str:
    """Ask Stripe how the PaymentIntent stands (after 3-D Secure) and remember it.

    For the confirmation page, which only reads what is recorded; only the
    webhook marks the order paid. Returns the status, "" if Stripe is unreachable.
    """
    if not payment.is_card or not payment.payment_intent_id or not gateway.is_configured():
        return ""
    try:
        intent = gateway.stripe_gateway().get_payment(payment.payment_intent_id)
    except gateway.GatewayError as error:
        logger.warning("Order %s: could not read PaymentIntent: %s", payment.order.number, error)
        return ""
    _record_intent_status(payment, intent.status)
    return intent.status


def _record_intent_status(payment: OrderPayment, status: str) -> None:
    OrderPayment.objects.filter(pk=payment.pk).update(
        intent_status=status[:32], updated_at=timezone.now()
    )
    payment.intent_status = status


def _decline_message(*, code, decline_code, message) -> str:
    """Why the card was refused, in the active language for Stripe's generic decline.

    Stripe words its API errors in English; the generic decline is in our
    catalogue, specific reasons (insufficient funds, …) stay as Stripe says them.
    """
    if code == "card_declined" and decline_code in (None, "", "generic_decline"):
        return _("Your card was declined.")
    return message or _("Your card was declined.")


def _card_failed(payment: OrderPayment, message: str) -> CardAttempt:
    OrderPayment.objects.filter(pk=payment.pk, status=Status.PENDING).update(
        last_error=message[:255], intent_status="requires_payment_method", updated_at=timezone.now()
    )
    return CardAttempt(status="requires_payment_method", error=message)


# --- webhooks ------------------------------------------------------------------


def handle_webhook(*, payload: bytes, signature: str | None) -> str:
    """Verify and apply one Stripe webhook delivery; returns what happened.

    Raises WebhookRejected (→ HTTP 400, nothing changed) for an unsigned,
    forged, altered or older-than-300-seconds delivery. The event id is
    recorded in the same transaction as its effect, so a duplicate delivery,
    even a concurrent one, finds it and does nothing. Nothing here calls
    Stripe: a refund it decides on is recorded as due and sent after commit
    (or by `manage.py refund_due` if this process dies first).
    """
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise WebhookRejected("webhook secret not configured")
    try:
        event = gateway.verify_webhook(
            payload=payload, signature=signature or "", tolerance=WEBHOOK_TOLERANCE_SECONDS
        )
    except gateway.WebhookSignatureError as error:
        raise WebhookRejected(str(error)) from error

    obj = event.object
    intent_id = ""
    if event.type.startswith("payment_intent."):
        intent_id = obj.id
    elif event.type.startswith("charge."):
        intent_id = getattr(obj, "payment_intent", "") or ""
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(
                event_id=event.id,
                type=event.type,
                payment_intent_id=intent_id,
                stripe_created=datetime.fromtimestamp(event.created, tz=UTC),
            )
            outcome = _apply_event(event.type, obj, intent_id)
            record.outcome = outcome[:255]
            record.save(update_fields=["outcome"])
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event.id).exists():
            return "duplicate"
        raise
    return outcome


def _apply_event(event_type: str, obj, intent_id: str) -> str:
    if not intent_id:
        return "ignored"
    try:
        payment = (
            OrderPayment.objects.select_for_update()
            .select_related("order")
            .get(payment_intent_id=intent_id)
        )
    except OrderPayment.DoesNotExist:
        # Not ours (another integration on the account) or created by a
        # request that rolled back; reconciliation lists succeeded ones.
        logger.warning("Stripe %s for unknown PaymentIntent %s", event_type, intent_id)
        return "unknown payment intent"
    if event_type == "payment_intent.succeeded":
        return _on_succeeded(payment, obj)
    if event_type == "payment_intent.payment_failed":
        error = getattr(obj, "last_payment_error", None)
        with translation.override(payment.language or settings.LANGUAGE_CODE):
            message = _decline_message(
                code=getattr(error, "code", None),
                decline_code=getattr(error, "decline_code", None),
                message=getattr(error, "message", "") if error else "",
            )
        if _advance(payment, Status.FAILED):
            payment.last_error = message[:255]
            payment.save(update_fields=["status", "last_error", "updated_at"])
            return "failed"
        return "ignored: already " + payment.status
    if event_type == "charge.refunded":
        return _on_refunded(payment, int(obj.amount_refunded))
    return "ignored"


def _advance(payment: OrderPayment, status: str) -> bool:
    """Move to `status` if it does not go backwards; the caller saves."""
    if OrderPayment.RANK[status] < OrderPayment.RANK[payment.status]:
        return False
    if status == payment.status:
        return False
    payment.status = status
    return True


def _on_succeeded(payment: OrderPayment, intent) -> str:
    if payment.is_paid:
        return "ignored: already " + payment.status
    order = payment.order
    received = int(getattr(intent, "amount_received", None) or intent.amount)
    currency = (intent.currency or "").upper()
    if payment.status == Status.CANCELLED or order.status in UNFULFILLABLE_ORDER_STATUSES:
        # Cancelling at Stripe stops the card being charged, so this is an
        # order cancelled some other way (staff, stores' jobs): its stock may
        # be sold already. Record the money, return it, tell staff.
        _record_paid(payment, amount=received, reference=intent.id)
        refund = _reserve_refund(
            payment, amount=payment.refundable_amount, reason=PaymentRefund.Reason.UNFULFILLABLE
        )
        _flag(
            payment,
            _(
                "Payment arrived after the order was cancelled and the stock is no longer "
                "available; the full amount is being refunded automatically."
            ),
        )
        _queue_refund(refund)
        return "refund due: order cannot be fulfilled"
    _record_paid(payment, amount=received, reference=intent.id)
    if order.status == ORDER_STATUS_AWAITING_PAYMENT:
        set_order_status(order, ORDER_STATUS_PAID)
    if received != payment.amount or currency != payment.currency:
        _flag(
            payment,
            _("Stripe received %(received)s %(currency)s but the order total is %(total)s ₫.")
            % {"received": received, "currency": currency, "total": payment.amount},
        )
    emails.send_payment_received(order_id=order.pk)
    return "paid"


def _record_paid(payment: OrderPayment, *, amount: int, reference: str, user=None) -> None:
    payment.status = Status.PAID
    payment.amount_received = amount
    payment.paid_at = timezone.now()
    payment.paid_by = user
    payment.last_error = ""
    payment.save()
    source = payment.order.sources.filter(source_type__code=payment.method).first()
    if source:
        source.debit(Decimal(amount), reference=reference)
    _payment_event(payment.order, "Paid", amount, reference)


def _payment_event(order, name: str, amount: int, reference: str) -> None:
    event_type, _created = PaymentEventType.objects.get_or_create(
        code=name.lower(), defaults={"name": name}
    )
    PaymentEvent.objects.create(
        order=order, event_type=event_type, amount=Decimal(amount), reference=reference
    )


def _on_refunded(payment: OrderPayment, refunded_total: int) -> str:
    """Stripe's running refunded total; it only grows, so a late event changes nothing.

    Refunds of ours still due count as known: their webhook may overtake the
    answer to our own request, which records them.
    """
    known = payment.amount_refunded + _due_amount(payment)
    if refunded_total <= known:
        return "ignored: refund already recorded"
    _record_refund(payment, refunded_total - known, reference="webhook")
    return "refund recorded"


def _record_refund(payment: OrderPayment, amount: int, *, reference: str) -> None:
    payment.amount_refunded += amount
    target = (
        Status.REFUNDED
        if payment.amount_refunded >= payment.amount_received
        else Status.PARTIALLY_REFUNDED
    )
    _advance(payment, target)
    payment.save()
    source = payment.order.sources.filter(source_type__code=payment.method).first()
    if source:
        source.refund(Decimal(amount), reference=reference)
    _payment_event(payment.order, "Refunded", amount, reference)


def _flag(payment: OrderPayment, reason: str) -> None:
    """Put the order in front of staff: flag, order note, error log."""
    payment.needs_attention = True
    payment.attention_reason = "\n".join(filter(None, [payment.attention_reason, reason]))
    payment.save(update_fields=["needs_attention", "attention_reason", "updated_at"])
    OrderNote.objects.create(order=payment.order, note_type="System", message=reason)
    logger.error("Order %s needs attention: %s", payment.order.number, reason)


# --- refunds: reserve → call → record ------------------------------------------------


def _due_amount(payment: OrderPayment) -> int:
    return (
        payment.refunds.filter(status=RefundStatus.DUE).aggregate(total=Sum("amount"))["total"] or 0
    )


def _queue_refund(refund: PaymentRefund) -> None:
    """Send a refund recorded as due from the worker, once this transaction commits.

    If the queue is down, `refund_due` (every 5 minutes) sends it.
    """
    from storefront.payment import tasks

    jobs.enqueue_on_commit(tasks.send_refund, refund_id=refund.pk)


def _reserve_refund(payment: OrderPayment, *, amount: int, reason: str, user=None) -> PaymentRefund:
    """Record a refund as due; the caller holds the payment's row lock."""
    last = payment.refunds.aggregate(last=Max("sequence"))["last"] or 0
    return PaymentRefund.objects.create(
        payment=payment, sequence=last + 1, amount=amount, reason=reason, requested_by=user
    )


def refund_card_payment(*, order, user, amount: int | None = None) -> PaymentRefund:
    """Refund all (amount=None) or part of a card payment through Stripe.

    Reserved under the payment's lock (refunds still due count as spent, so
    two clicks cannot refund more than was paid), committed, then sent. The
    refund's sequence number is in its idempotency key: a retried request
    sends one refund, a second partial refund is a new one. Returns the
    refund: SUCCEEDED, FAILED (Stripe refused; staff are told why) or still
    DUE (Stripe unreachable; `refund_due` sends it later).
    """
    with transaction.atomic():
        payment = OrderPayment.objects.select_for_update().select_related("order").get(order=order)
        if not payment.is_card or not payment.payment_intent_id:
            raise PaymentError(_("Only card payments can be refunded here."))
        if not payment.is_paid:
            raise PaymentError(_("This order has not been paid."))
        available = payment.refundable_amount - _due_amount(payment)
        amount = available if amount is None else int(amount)
        if amount <= 0 or amount > available:
            raise PaymentError(
                _("You can refund between 1 and %(max)s ₫.") % {"max": max(available, 0)}
            )
        refund = _reserve_refund(
            payment, amount=amount, reason=PaymentRefund.Reason.STAFF, user=user
        )
    return send_refund(refund_id=refund.pk)


def refund_cancelled_part(
    *, payment: OrderPayment, amount: int, reason: str, note: str, user=None
) -> str:
    """Give back what was paid for part of an order that was cancelled.

    The caller holds the payment's row lock. A card payment gets a refund
    reserved now and sent after commit by the queue ("refund"); money that
    came another way is put in front of staff with `note` ("attention").
    """
    available = payment.refundable_amount - _due_amount(payment)
    if payment.is_card and payment.payment_intent_id and available > 0:
        refund = _reserve_refund(payment, amount=min(amount, available), reason=reason, user=user)
        _queue_refund(refund)
        return "refund"
    _flag(payment, note)
    return "attention"


def send_refund(*, refund_id: int) -> PaymentRefund:
    """Ask Stripe for a refund recorded as due, then record its answer.

    Outside any transaction. Safe to run again, or twice at once (webhook's
    after-commit step and the `refund_due` job): the idempotency key makes
    Stripe refund once, and recording is skipped by whoever finds it done.
    Stripe unreachable: the refund stays due. Stripe refused: FAILED, and
    the order is flagged for staff.
    """
    refund = PaymentRefund.objects.select_related("payment__order").get(pk=refund_id)
    if refund.status != RefundStatus.DUE:
        return refund
    payment = refund.payment
    try:
        result = gateway.stripe_gateway().refund(
            payment_id=payment.payment_intent_id,
            amount=refund.amount,
            idempotency_key=refund.idempotency_key,
            metadata={
                "order_number": payment.order.number,
                "refund": str(refund.sequence),
                "reason": refund.reason,
            },
        )
    except gateway.Unavailable as error:
        PaymentRefund.objects.filter(pk=refund.pk, status=RefundStatus.DUE).update(
            attempts=refund.attempts + 1, last_error=str(error)[:255]
        )
        logger.warning(
            "Order %s: refund %s not sent, Stripe unreachable (%s); refund_due will retry",
            payment.order.number,
            refund.sequence,
            error,
        )
        refund.refresh_from_db()
        return refund
    except gateway.GatewayError as error:
        return _record_refund_answer(refund, error=str(error))
    return _record_refund_answer(refund, stripe_refund_id=result.id)


def _record_refund_answer(
    refund: PaymentRefund, *, stripe_refund_id: str = "", error: str = ""
) -> PaymentRefund:
    with transaction.atomic():
        # The payment first, like every other write, then the refund.
        payment = _lock(refund.payment_id)
        refund = PaymentRefund.objects.select_for_update().get(pk=refund.pk)
        if refund.status != RefundStatus.DUE:
            return refund
        refund.attempts += 1
        refund.completed_at = timezone.now()
        if error:
            refund.status, refund.last_error = RefundStatus.FAILED, error[:255]
            refund.save()
            _flag(
                payment,
                _("Stripe refused the refund of %(amount)s ₫: %(error)s")
                % {"amount": refund.amount, "error": error},
            )
            return refund
        refund.status, refund.stripe_refund_id = RefundStatus.SUCCEEDED, stripe_refund_id
        refund.save()
        _record_refund(payment, refund.amount, reference=stripe_refund_id)
        OrderNote.objects.create(
            order=payment.order,
            user=refund.requested_by,
            note_type="System",
            message=_("Refunded %(amount)s ₫ through Stripe (%(refund)s).")
            % {"amount": refund.amount, "refund": stripe_refund_id},
        )
    return refund


def set_order_status(order, status: str) -> None:
    """Follow the order pipeline when it allows `status`; otherwise leave a note."""
    try:
        order.set_status(status)
    except InvalidOrderStatus:
        logger.info("Order %s: pipeline does not allow %r", order.number, status)


# --- staff ---------------------------------------------------------------------


def mark_cash_paid(*, order, user) -> OrderPayment:
    """Staff confirm cash was received on delivery or at the pickup counter."""
    with transaction.atomic():
        payment = OrderPayment.objects.select_for_update().select_related("order").get(order=order)
        if payment.is_card:
            raise PaymentError(_("Card orders are paid through Stripe, not marked by hand."))
        if payment.is_bank_transfer:
            raise PaymentError(
                _(
                    "Bank transfers are matched from the bank's transactions: assign the "
                    "transfer to this order under Bank transfers instead."
                )
            )
        if payment.is_paid:
            raise PaymentError(_("This order is already paid."))
        _record_paid(payment, amount=payment.amount, reference=f"cash:{user.pk}", user=user)
        emails.send_payment_received(order_id=order.pk)
    return payment
