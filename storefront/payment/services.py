"""Every rule about taking, recording and returning money.

The order is created and its stock reserved first (checkout), then paid:

- card: one Stripe PaymentIntent per order, created with an idempotency key
  derived from the order number; the order becomes paid only when Stripe's
  signed `payment_intent.succeeded` webhook arrives (`handle_webhook`), never
  from the shopper's return page;
- cash on delivery / pay at pickup: staff mark the order paid when the money
  is handed over (`mark_cash_paid`).

Every write locks the `OrderPayment` row (`SELECT … FOR UPDATE` on
PostgreSQL; SQLite serialises writers with IMMEDIATE transactions) and status
only moves up `OrderPayment.RANK`, so duplicate, concurrent or out-of-order
webhooks have the effect of one in-order delivery. Emails go out after commit.
"""

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.apps.shipping.methods import NoShippingRequired
from oscar.core.loading import get_model

from storefront.money import is_whole
from storefront.payment import emails
from storefront.payment.models import OrderPayment, StripeEvent

logger = logging.getLogger("storefront.payment")

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

Method = OrderPayment.Method
Status = OrderPayment.Status

# Stripe amounts have at most eight digits; VND is zero-decimal, so this is
# 99.999.999 ₫. The minimum is the settlement currency's minimum converted to
# đồng (PAYMENT_STRIPE_MIN_AMOUNT, see settings).
STRIPE_MAX_AMOUNT = 99_999_999
WEBHOOK_TOLERANCE_SECONDS = 300
# Order pipeline (settings.OSCAR_ORDER_STATUS_PIPELINE): card orders start
# "Awaiting payment" and join the stores' pipeline at "Pending" once paid.
ORDER_STATUS_AWAITING_PAYMENT = "Awaiting payment"
ORDER_STATUS_PAID = "Pending"
ORDER_STATUS_CANCELLED = "Cancelled"
UNFULFILLABLE_ORDER_STATUSES = ("Cancelled", "Not collected")


class PaymentError(Exception):
    """A payment rule refused the request; the message is shown to the user."""


class WebhookRejected(Exception):
    """The webhook is not provably from Stripe (signature, age, body): answer 400."""


# --- configuration -------------------------------------------------------------


def stripe_is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def stripe_client() -> stripe.StripeClient:
    """A client built from settings on each call, so tests and environments can differ.

    Stripe retries network errors itself, re-sending the same idempotency key.
    """
    options = {"max_network_retries": 2}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


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
    unavailable, with the reason.
    """
    choices = []
    if is_pickup:
        cash = Method.PAY_AT_PICKUP
    elif needs_shipping:
        cash = Method.CASH_ON_DELIVERY
    else:
        cash = Method.PAY_ON_THE_DAY
    choices.append(MethodChoice(cash, str(cash.label)))
    if stripe_is_configured():
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
    payment = OrderPayment.objects.create(
        order=order,
        method=method,
        amount=to_stripe_amount(order.total_incl_tax),
        currency=order.currency,
        language=language or settings.LANGUAGE_CODE,
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


def ensure_payment_intent(*, payment: OrderPayment) -> OrderPayment:
    """The order's one PaymentIntent, created on first use.

    The row lock makes a second tab wait and then reuse the first tab's
    PaymentIntent; the idempotency key makes a retried request (network
    failure after Stripe created it) return the same PaymentIntent.
    """
    if not payment.is_card:
        raise PaymentError(_("This order is not paid by card."))
    if payment.payment_intent_id:
        return payment
    if not stripe_is_configured():
        raise PaymentError(_("Card payment is not available right now."))
    with transaction.atomic():
        locked = _lock(payment.pk)
        if not locked.payment_intent_id:
            if locked.status != Status.PENDING:
                raise PaymentError(_("This order can no longer be paid by card."))
            intent = stripe_client().v1.payment_intents.create(
                params={
                    "amount": locked.amount,
                    "currency": locked.currency.lower(),
                    "payment_method_types": ["card"],
                    "metadata": {"order_number": locked.order.number},
                },
                options={"idempotency_key": locked.idempotency_key},
            )
            locked.payment_intent_id = intent.id
            locked.client_secret = intent.client_secret
            locked.save(update_fields=["payment_intent_id", "client_secret", "updated_at"])
    payment.refresh_from_db()
    return payment


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
    client = stripe_client().v1.payment_intents
    try:
        # Setting the payment method, then confirming, is what both Stripe and
        # localstripe accept (localstripe has no `payment_method` on confirm).
        client.update(payment.payment_intent_id, params={"payment_method": payment_method_id})
        intent = client.confirm(payment.payment_intent_id)
    except stripe.CardError as error:
        return _card_failed(payment, _card_error_message(error))
    except stripe.InvalidRequestError as error:
        logger.warning("Order %s: card confirmation refused: %s", payment.order.number, error)
        return _card_failed(payment, _("The card could not be used. Please try another card."))
    if intent.status == "requires_payment_method":
        message = (
            getattr(intent.last_payment_error, "message", "") if intent.last_payment_error else ""
        )
        return _card_failed(payment, message or _("Your card was declined."))
    return CardAttempt(status=intent.status, client_secret=payment.client_secret)


def _card_error_message(error: stripe.CardError) -> str:
    return _decline_message(
        code=error.code,
        decline_code=getattr(error.error, "decline_code", None) if error.error else None,
        message=error.user_message or str(error),
    )


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
        last_error=message[:255], updated_at=timezone.now()
    )
    return CardAttempt(status="requires_payment_method", error=message)


def payment_intent_status(*, payment: OrderPayment) -> str:
    """Stripe's current status of the order's PaymentIntent, for display only."""
    if not payment.payment_intent_id or not stripe_is_configured():
        return ""
    try:
        return stripe_client().v1.payment_intents.retrieve(payment.payment_intent_id).status
    except stripe.StripeError:
        logger.warning("Order %s: could not read PaymentIntent", payment.order.number)
        return ""


# --- webhooks ------------------------------------------------------------------


def handle_webhook(*, payload: bytes, signature: str | None) -> str:
    """Verify and apply one Stripe webhook delivery; returns what happened.

    Raises WebhookRejected (→ HTTP 400, nothing changed) for an unsigned,
    forged, altered or older-than-300-seconds delivery. The event id is
    recorded in the same transaction as its effect, so a duplicate delivery,
    even a concurrent one, finds it and does nothing.
    """
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise WebhookRejected("webhook secret not configured")
    try:
        event = stripe.Webhook.construct_event(
            payload, signature or "", settings.STRIPE_WEBHOOK_SECRET, WEBHOOK_TOLERANCE_SECONDS
        )
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise WebhookRejected(str(error)) from error

    obj = event.data.object
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
        _refund_unfulfillable(payment)
        return "refunded: order cannot be fulfilled"
    _record_paid(payment, amount=received, reference=intent.id)
    if order.status == ORDER_STATUS_AWAITING_PAYMENT:
        _set_order_status(order, ORDER_STATUS_PAID)
    if received != payment.amount or currency != payment.currency:
        _flag(
            payment,
            _("Stripe received %(received)s %(currency)s but the order total is %(total)s ₫.")
            % {"received": received, "currency": currency, "total": payment.amount},
        )
    transaction.on_commit(lambda: emails.send_payment_received(order_id=order.pk))
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
    """Stripe's running refunded total; it only grows, so a late event changes nothing."""
    if refunded_total <= payment.amount_refunded:
        return "ignored: refund already recorded"
    _record_refund(payment, refunded_total - payment.amount_refunded, reference="webhook")
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


def _refund_unfulfillable(payment: OrderPayment) -> None:
    """Money arrived for an order we cannot fulfil: give it all back, tell staff."""
    refund = stripe_client().v1.refunds.create(
        params={
            "payment_intent": payment.payment_intent_id,
            "metadata": {"order_number": payment.order.number, "reason": "unfulfillable"},
        },
        options={"idempotency_key": f"ocop-order-{payment.order.number}-refund-unfulfillable"},
    )
    _record_refund(payment, payment.refundable_amount, reference=refund.id)
    _flag(
        payment,
        _(
            "Payment arrived after the order was cancelled and the stock is no longer "
            "available; the full amount was refunded automatically (%(refund)s)."
        )
        % {"refund": refund.id},
    )


# --- abandoned payments ---------------------------------------------------------


def release_abandoned_payments(*, now: datetime | None = None) -> list[str]:
    """Cancel unpaid card orders older than PAYMENT_DEADLINE_MINUTES; give back their stock.

    The PaymentIntent is cancelled at Stripe first, so the card can no longer
    be charged; one that already succeeded or is processing is left for its
    webhook. Returns the numbers of the orders released.
    """
    from storefront.order.services import release_order_stock

    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.PAYMENT_DEADLINE_MINUTES)
    candidates = OrderPayment.objects.filter(
        method=Method.CARD,
        status__in=[Status.PENDING, Status.FAILED],
        stock_released_at__isnull=True,
        created_at__lt=cutoff,
    ).values_list("pk", flat=True)
    released = []
    for pk in list(candidates):
        payment = OrderPayment.objects.select_related("order").get(pk=pk)
        if payment.payment_intent_id and not _cancel_intent(payment):
            continue
        with transaction.atomic():
            locked = _lock(pk)
            if locked.status not in (Status.PENDING, Status.FAILED):
                continue
            locked.status = Status.CANCELLED
            locked.stock_released_at = now
            locked.save()
            release_order_stock(order=locked.order, note=_("Card payment not completed in time"))
            _set_order_status(locked.order, ORDER_STATUS_CANCELLED)
            OrderNote.objects.create(
                order=locked.order,
                note_type="System",
                message=_("Not paid within %(minutes)d minutes: cancelled, stock released.")
                % {"minutes": settings.PAYMENT_DEADLINE_MINUTES},
            )
        released.append(locked.order.number)
    return released


def _cancel_intent(payment: OrderPayment) -> bool:
    """Cancel the PaymentIntent at Stripe; False if it is paid or being paid."""
    client = stripe_client().v1.payment_intents
    try:
        client.cancel(payment.payment_intent_id)
        return True
    except stripe.InvalidRequestError:
        status = client.retrieve(payment.payment_intent_id).status
        return status == "canceled"


def _set_order_status(order, status: str) -> None:
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
        if payment.is_paid:
            raise PaymentError(_("This order is already paid."))
        _record_paid(payment, amount=payment.amount, reference=f"cash:{user.pk}", user=user)
    transaction.on_commit(lambda: emails.send_payment_received(order_id=order.pk))
    return payment


def refund_card_payment(*, order, user, amount: int | None = None) -> OrderPayment:
    """Refund all (amount=None) or part of a card payment through Stripe.

    The Stripe refund's idempotency key includes how much was refunded before,
    so a double click sends one refund while a second partial refund is a new one.
    """
    with transaction.atomic():
        payment = OrderPayment.objects.select_for_update().select_related("order").get(order=order)
        if not payment.is_card or not payment.payment_intent_id:
            raise PaymentError(_("Only card payments can be refunded here."))
        if not payment.is_paid:
            raise PaymentError(_("This order has not been paid."))
        amount = payment.refundable_amount if amount is None else int(amount)
        if amount <= 0 or amount > payment.refundable_amount:
            raise PaymentError(
                _("You can refund between 1 and %(max)s ₫.") % {"max": payment.refundable_amount}
            )
        try:
            refund = stripe_client().v1.refunds.create(
                params={
                    "payment_intent": payment.payment_intent_id,
                    "amount": amount,
                    "metadata": {"order_number": order.number, "by": str(user.pk)},
                },
                options={
                    "idempotency_key": (
                        f"ocop-order-{order.number}-refund-{payment.amount_refunded}-{amount}"
                    )
                },
            )
        except stripe.StripeError as error:
            raise PaymentError(
                _("Stripe refused the refund: %(error)s") % {"error": error.user_message or error}
            ) from error
        _record_refund(payment, amount, reference=refund.id)
        OrderNote.objects.create(
            order=order,
            user=user,
            note_type="System",
            message=_("Refunded %(amount)s ₫ through Stripe (%(refund)s).")
            % {"amount": amount, "refund": refund.id},
        )
    return payment


# --- reconciliation ---------------------------------------------------------------


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
    params: dict = {"limit": 100}
    if not settings.STRIPE_API_BASE:
        # localstripe refuses the `created` filter; Stripe uses it server side.
        params["created"] = {"gte": int(start.timestamp()), "lt": int(end.timestamp())}
    intents = {}
    for intent in stripe_client().v1.payment_intents.list(params=params).auto_paging_iter():
        if start.timestamp() <= intent.created < end.timestamp() and intent.status == "succeeded":
            intents[intent.id] = intent
    payments = {
        p.payment_intent_id: p
        for p in OrderPayment.objects.filter(payment_intent_id__in=intents).select_related("order")
    }
    for intent_id, intent in intents.items():
        payment = payments.get(intent_id)
        received = int(getattr(intent, "amount_received", None) or intent.amount)
        order_number = intent.metadata.to_dict().get("order_number", "") if intent.metadata else ""
        if payment is None or not payment.is_paid:
            report.unmatched_intents.append((intent_id, received, order_number))
        elif received != to_stripe_amount(payment.order.total_incl_tax):
            report.amount_mismatches.append(
                (payment.order.number, intent_id, int(payment.order.total_incl_tax), received)
            )
    return report
