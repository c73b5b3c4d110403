"""How each order is paid: card through Stripe, or cash on delivery, at pickup or on the day.

`OrderPayment` is the single source of truth for an order's payment. It is
written only by `storefront.payment.services`, always under a row lock, and its
status only moves forward (`Status.RANK`), so webhooks that arrive late, twice
or out of order cannot undo a payment. `StripeEvent` records every webhook
event id once (unique), which is what makes duplicate deliveries harmless.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderPayment(models.Model):
    class Method(models.TextChoices):
        CARD = "card", _("Card (Stripe)")
        CASH_ON_DELIVERY = "cod", _("Cash on delivery")
        PAY_AT_PICKUP = "pickup", _("Pay at pickup")
        # Baskets with nothing to deliver (community-tourism experiences, group 6).
        PAY_ON_THE_DAY = "day", _("Pay in cash on the day")
        # Scanned in the shopper's banking app; matched from the bank's feed
        # (storefront.payment.bank_transfers).
        BANK_TRANSFER = "vietqr", _("Bank transfer (VietQR)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        FAILED = "failed", _("Payment failed")
        # A bank transfer short of the total: the order stays reserved until
        # the rest arrives or staff decide.
        PART_PAID = "part_paid", _("Part paid")
        PAID = "paid", _("Paid")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partly refunded")
        REFUNDED = "refunded", _("Refunded")
        CANCELLED = "cancelled", _("Cancelled (not paid in time)")

    # A status may only be replaced by one of higher rank. FAILED ranks with
    # PENDING so a shopper can retry a declined card; CANCELLED sits below PAID
    # because money that arrives after the deadline must still be recorded (and
    # is then refunded if the order can no longer be fulfilled).
    RANK = {
        Status.PENDING: 0,
        Status.FAILED: 0,
        Status.CANCELLED: 1,
        Status.PART_PAID: 1,
        Status.PAID: 2,
        Status.PARTIALLY_REFUNDED: 3,
        Status.REFUNDED: 4,
    }

    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="payment", verbose_name=_("order")
    )
    method = models.CharField(_("payment method"), max_length=16, choices=Method.choices)
    status = models.CharField(
        _("payment status"), max_length=24, choices=Status.choices, default=Status.PENDING
    )
    # Whole đồng (VND has no minor unit); Stripe's `amount` is this number.
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    amount_received = models.PositiveBigIntegerField(_("amount received (đồng)"), default=0)
    amount_refunded = models.PositiveBigIntegerField(_("amount refunded (đồng)"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="VND")
    # The customer's language when ordering: later emails (payment received,
    # shipped) are sent from webhooks and staff pages, which have no shopper
    # request to take it from.
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)

    payment_intent_id = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, unique=True, null=True, blank=True
    )
    # Set (and committed) before the PaymentIntent is asked of Stripe, so a
    # creation that reached Stripe but was never recorded is known to exist
    # (storefront.payment.services.ensure_payment_intent).
    intent_requested_at = models.DateTimeField(
        _("PaymentIntent requested at"), null=True, blank=True
    )
    # What Stripe last said of the PaymentIntent in answer to one of our POSTs
    # (create, confirm, refresh): the confirmation page shows it without
    # asking Stripe. Only the signed webhook marks the order paid.
    intent_status = models.CharField(_("PaymentIntent status"), max_length=32, blank=True)
    # Not card data: Stripe.js needs it to confirm this one PaymentIntent.
    client_secret = models.CharField(max_length=255, blank=True)
    last_error = models.CharField(_("last payment error"), max_length=255, blank=True)

    # Bank transfer: the memo the shopper's bank app carries ("OCOP100123"),
    # found again in the bank's transaction feed; and when an unpaid order is
    # released (VIETQR_DEADLINE_HOURS after placing, fixed when placed).
    transfer_reference = models.CharField(
        _("transfer reference"), max_length=25, unique=True, null=True, blank=True
    )
    payment_due_at = models.DateTimeField(_("pay by"), null=True, blank=True, db_index=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    # Set when an unpaid card order's reservation was given back to the shelf.
    stock_released_at = models.DateTimeField(_("stock released at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked paid by"),
    )
    # Something a person must look at: e.g. money arrived for an order that
    # could not be fulfilled and was refunded automatically.
    needs_attention = models.BooleanField(_("needs staff attention"), default=False)
    attention_reason = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("order payment")
        verbose_name_plural = _("order payments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_refunded__lte=models.F("amount_received")),
                name="payment_refund_within_received",
            ),
        ]

    def __str__(self):
        return f"{self.order_id} {self.method} {self.status}"

    @property
    def is_paid(self) -> bool:
        return self.status in (
            self.Status.PAID,
            self.Status.PARTIALLY_REFUNDED,
            self.Status.REFUNDED,
        )

    @property
    def is_card(self) -> bool:
        return self.method == self.Method.CARD

    @property
    def is_bank_transfer(self) -> bool:
        return self.method == self.Method.BANK_TRANSFER

    @property
    def amount_outstanding(self) -> int:
        return max(self.amount - self.amount_received, 0)

    @property
    def refundable_amount(self) -> int:
        return self.amount_received - self.amount_refunded

    @property
    def idempotency_key(self) -> str:
        """Stripe idempotency key of this order's one PaymentIntent."""
        return f"ocop-order-{self.order.number}-payment-intent"


class PaymentRefund(models.Model):
    """One refund of a card payment: recorded as due before Stripe is asked.

    Reserve → call → record: the row is written (status DUE, with its
    sequence number, hence its idempotency key) and committed; Stripe is asked
    outside any transaction; the answer is recorded under the payment's row
    lock. A refund whose answer never came (network, crash) stays DUE and is
    sent again with the same key by `manage.py refund_due`.
    """

    class Reason(models.TextChoices):
        STAFF = "staff", _("Refunded by staff")
        UNFULFILLABLE = "unfulfillable", _("Paid after the order was cancelled")
        BOOKING = "booking", _("Experience booking cancelled")

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        SUCCEEDED = "succeeded", _("Refunded")
        FAILED = "failed", _("Refused by Stripe")

    payment = models.ForeignKey(
        OrderPayment, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("payment")
    )
    # 1, 2, … per payment: part of the idempotency key.
    sequence = models.PositiveIntegerField(_("number"))
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DUE
    )
    stripe_refund_id = models.CharField(_("Stripe refund"), max_length=255, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.UniqueConstraint(fields=["payment", "sequence"], name="refund_sequence_once"),
        ]

    def __str__(self):
        return f"{self.payment_id} #{self.sequence} {self.amount} {self.status}"

    @property
    def idempotency_key(self) -> str:
        return f"ocop-order-{self.payment.order.number}-refund-{self.sequence}"


class StripeEvent(models.Model):
    """One Stripe webhook event, recorded the first time it is delivered.

    The unique `event_id` is the dedupe: a second delivery (sequential or
    concurrent) fails to insert and does nothing else.
    """

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=64)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_created = models.DateTimeField(_("created at Stripe"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)

    class Meta:
        ordering = ("-received_at",)
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.event_id} {self.type}"


class BankTransaction(models.Model):
    """One incoming bank transaction, from the notification webhook or a statement.

    Stored once: (source, transaction id) is unique, so a replayed webhook or
    an overlapping statement inserts nothing and matches nothing again. The
    outcome says what matching did with it; the ones a person must act on
    (part paid, overpaid, refund due, unmatched) stay open until resolved or
    assigned by staff, who are recorded.
    """

    class Outcome(models.TextChoices):
        PAID = "paid", _("Matched: paid")
        PART_PAID = "part_paid", _("Matched: part paid")
        OVERPAID = "overpaid", _("Matched: overpaid, refund the difference")
        REFUND_DUE = "refund_due", _("Order cancelled or already paid: refund")
        UNMATCHED = "unmatched", _("Not matched to an order")
        IGNORED = "ignored", _("Not a payment to the shop")

    # Outcomes that wait for a person until resolved.
    NEEDS_PERSON = (Outcome.PART_PAID, Outcome.OVERPAID, Outcome.REFUND_DUE, Outcome.UNMATCHED)

    source = models.CharField(_("source"), max_length=32)
    transaction_id = models.CharField(_("bank transaction id"), max_length=128)
    account_number = models.CharField(_("account"), max_length=32, blank=True)
    # Whole đồng; an outgoing transaction is negative and ignored.
    amount = models.BigIntegerField(_("amount (đồng)"))
    occurred_at = models.DateTimeField(_("time at the bank"), null=True, blank=True)
    memo = models.TextField(_("memo"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    payment = models.ForeignKey(
        OrderPayment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bank_transactions",
        verbose_name=_("order payment"),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        ordering = ("-received_at", "-pk")
        verbose_name = _("bank transaction")
        verbose_name_plural = _("bank transactions")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "transaction_id"], name="bank_transaction_once"
            ),
        ]

    def __str__(self):
        return f"{self.source}:{self.transaction_id} {self.amount}"

    @property
    def needs_person(self) -> bool:
        return self.outcome in self.NEEDS_PERSON and self.resolved_at is None


from oscar.apps.payment.models import *  # noqa: E402, F403  (Oscar's models we do not override)
