"""Consignment between OCOP stores and producers: supply terms, statements, restock requests.

Supply terms say on what basis a store holds a producer's product; they are
never edited, a change is a new row from a later date, so a past period is
always valued with the terms then in force. A statement is what a store owes
a producer for a period, computed from the stock movements and orders
(`storefront.consignment.settlement`) and frozen once the producer confirms it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import Producer, Product
from storefront.partner.models import Partner

MONEY = {"max_digits": 14, "decimal_places": 0}


class SupplyTerms(models.Model):
    """How a store holds one product of a producer, from `starts_on` until the next terms."""

    class Kind(models.TextChoices):
        CONSIGNMENT = "consignment", _("Consignment at a producer price")
        COMMISSION = "commission", _("Consignment for a commission")
        OUTRIGHT = "outright", _("Bought outright")

    class DamageBorneBy(models.TextChoices):
        STORE = "store", _("the store (paid to the producer like a sale)")
        PRODUCER = "producer", _("the producer (not paid)")

    store = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="supply_terms", verbose_name=_("store")
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="supply_terms", verbose_name=_("product")
    )
    kind = models.CharField(_("terms"), max_length=16, choices=Kind.choices)
    producer_price = models.DecimalField(_("producer price (đồng)"), null=True, blank=True, **MONEY)
    commission_percent = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    damage_borne_by = models.CharField(
        _("damaged goods are borne by"),
        max_length=16,
        choices=DamageBorneBy.choices,
        default=DamageBorneBy.PRODUCER,
    )
    starts_on = models.DateField(_("in force from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    created_at = models.DateTimeField(_("set on"), auto_now_add=True)

    class Meta:
        ordering = ("store", "product", "-starts_on")
        verbose_name = _("supply terms")
        verbose_name_plural = _("supply terms")
        constraints = [
            models.UniqueConstraint(
                fields=["store", "product", "starts_on"], name="one_terms_per_product_and_day"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="consignment", producer_price__gte=0, commission_percent__isnull=True)
                    | Q(
                        kind="commission",
                        producer_price__isnull=True,
                        commission_percent__gte=0,
                        commission_percent__lte=100,
                    )
                    | Q(
                        kind="outright",
                        producer_price__isnull=True,
                        commission_percent__isnull=True,
                    )
                ),
                name="terms_price_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.store} · {self.product_id} · {self.kind} · {self.starts_on}"


class Statement(models.Model):
    """What a store owes one producer for a period: draft → sent → confirmed → paid.

    A sent statement may be disputed (with a note); the store then refreshes it
    (back to draft) and sends it again. Confirmed and paid statements never
    change: a correction is an adjustment on a later statement.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent to the producer")
        DISPUTED = "disputed", _("Disputed")
        CONFIRMED = "confirmed", _("Confirmed")
        PAID = "paid", _("Paid")

    store = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="statements", verbose_name=_("store")
    )
    producer = models.ForeignKey(
        Producer, on_delete=models.PROTECT, related_name="statements", verbose_name=_("producer")
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to (inclusive)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    total = models.DecimalField(_("amount owed"), default=0, **MONEY)
    computed_at = models.DateTimeField(_("computed"), null=True)
    # Empty when the movements reconcile; otherwise what is off, for the page.
    problems = models.JSONField(default=list, blank=True)
    dispute_note = models.TextField(_("dispute note"), blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=128, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ("-period_start", "store", "producer")
        verbose_name = _("settlement statement")
        verbose_name_plural = _("settlement statements")
        constraints = [
            models.UniqueConstraint(
                fields=["store", "producer", "period_start"], name="one_statement_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name="period_not_reversed"
            ),
        ]

    def __str__(self):
        return f"{self.store} · {self.producer} · {self.period_start}–{self.period_end}"

    @property
    def reference(self) -> str:
        """Short enough to survive a bank memo: letters and digits only."""
        return f"QT{self.pk:06d}"

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.PAID)


class StatementProduct(models.Model):
    """One product's stock over the period: start + in − out ± corrections = end."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("product"), max_length=255)
    code = models.CharField(_("product code"), max_length=64, blank=True)
    start = models.IntegerField(_("at start"))
    received = models.IntegerField(_("received"))
    sold_online = models.IntegerField(_("sold online"))
    sold_in_store = models.IntegerField(_("sold in store"))
    customer_returns = models.IntegerField(_("returned by customers"))
    returned_to_producer = models.IntegerField(_("returned to producer"))
    damaged = models.IntegerField(_("damaged"))
    corrections = models.IntegerField(_("corrections"))
    end = models.IntegerField(_("at end"))

    class Meta:
        ordering = ("title", "product_id")

    def __str__(self):
        return f"{self.statement_id} · {self.title}: {self.start} → {self.end}"


class StatementLine(models.Model):
    """Money owed for one product under one set of terms; lines add up to the total.

    Each line's amount is rounded once, half up, to the whole đồng.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("product"), max_length=255)
    terms = models.ForeignKey(SupplyTerms, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("terms"), max_length=16, choices=SupplyTerms.Kind.choices)
    units = models.IntegerField(_("units to pay"))
    producer_price = models.DecimalField(_("producer price"), null=True, **MONEY)
    commission_percent = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, null=True
    )
    sales_value = models.DecimalField(_("sales value"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ("title", "product_id", "terms__starts_on")

    def __str__(self):
        return f"{self.statement_id} · {self.title}: {self.amount}"


class StatementAdjustment(models.Model):
    """A correction of an earlier, confirmed period, carried on a later statement."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="adjustments")
    amount = models.DecimalField(_("amount (đồng, negative to deduct)"), **MONEY)
    note = models.CharField(_("reason"), max_length=255)
    corrects = models.ForeignKey(
        Statement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects statement"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self):
        return f"{self.statement_id} · {self.note}: {self.amount}"


class RestockRequest(models.Model):
    """A store manager asks a producer for goods: requested → confirmed → sent → received.

    The producer confirms (possibly changing quantities) and marks the goods
    sent; the store receives against the request through the stock services,
    good units as "received delivery" movements, short and damaged units
    recorded on the lines. Cancelled by the store before anything was received.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed by the producer")
        SENT = "sent", _("Sent by the producer")
        RECEIVED = "received", _("Received")
        CANCELLED = "cancelled", _("Cancelled")

    store = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="restock_requests", verbose_name=_("store")
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.PROTECT,
        related_name="restock_requests",
        verbose_name=_("producer"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    wanted_by = models.DateField(_("wanted by"))
    note = models.CharField(_("note from the store"), max_length=255, blank=True)
    producer_note = models.CharField(_("note from the producer"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("restock request")
        verbose_name_plural = _("restock requests")

    def __str__(self):
        return f"#{self.pk} {self.store} ← {self.producer} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.CONFIRMED, self.Status.SENT)


class RestockLine(models.Model):
    request = models.ForeignKey(RestockRequest, on_delete=models.CASCADE, related_name="lines")
    stockrecord = models.ForeignKey(
        "partner.StockRecord", on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    quantity_requested = models.PositiveIntegerField(_("requested"))
    quantity_confirmed = models.PositiveIntegerField(_("confirmed"), null=True, blank=True)
    quantity_received = models.PositiveIntegerField(_("received"), default=0)
    quantity_damaged = models.PositiveIntegerField(_("damaged on arrival"), default=0)
    # The "received delivery" movement that put the good units on the shelf.
    movement = models.OneToOneField(
        "partner.StockMovement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="restock_line",
    )

    class Meta:
        ordering = ("product__title", "pk")
        constraints = [
            models.UniqueConstraint(fields=["request", "product"], name="one_line_per_product")
        ]

    def __str__(self):
        return f"#{self.request_id} {self.product_id} × {self.quantity_requested}"

    @property
    def expected(self) -> int:
        return (
            self.quantity_requested if self.quantity_confirmed is None else self.quantity_confirmed
        )

    @property
    def short(self) -> int:
        return max(self.expected - self.quantity_received - self.quantity_damaged, 0)
