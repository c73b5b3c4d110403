"""Physical OCOP stores (Oscar's Partner), their stock and every change to it.

A store is a fulfilment partner: one stock record per product per store.
Quantities change only through `storefront.partner.services`, which locks the
stock record row and writes a `StockMovement`; the database refuses an
allocation above the stock or below zero, whatever the code does.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord
from oscar.models.fields import AutoSlugField


class Partner(AbstractPartner):
    """An OCOP store (display-and-sale point) that sells and hands over products.

    `managers` run the store's stock and pickups in the store pages
    (/shop/my-store/). Oscar's own `users` field is left for Oscar's dashboard,
    whose partner users may edit product content; store managers must not, so
    they are kept apart.
    """

    slug = AutoSlugField(_("slug"), max_length=128, unique=True, populate_from="name")
    province = models.CharField(_("province"), max_length=64, default="Bắc Ninh")
    commune = models.CharField(_("commune or ward"), max_length=128, blank=True)
    street = models.CharField(_("house number and street"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    pickup_instructions = models.TextField(_("pickup instructions"), blank=True)
    is_pickup_point = models.BooleanField(
        _("offers click and collect"),
        default=True,
        help_text=_("Shoppers may choose this store to collect their order."),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="managed_stores",
        blank=True,
        verbose_name=_("store managers"),
    )

    class Meta(AbstractPartner.Meta):
        verbose_name = _("OCOP store")
        verbose_name_plural = _("OCOP stores")

    @property
    def address_line(self) -> str:
        return ", ".join(part for part in (self.street, self.commune, self.province) if part)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("stores:detail", kwargs={"slug": self.slug})


class StoreOpeningHours(models.Model):
    """One opening interval per weekday; a weekday without a row is a closed day."""

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]
    store = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("store")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ("store", "weekday")
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["store", "weekday"], name="one_interval_per_weekday"),
            models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="opens_before_closes"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class StoreClosure(models.Model):
    """A day the store is closed although its weekday hours say open (Tết, stock-take)."""

    store = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="closures", verbose_name=_("store")
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=128, blank=True)

    class Meta:
        ordering = ("store", "date")
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.UniqueConstraint(fields=["store", "date"], name="one_closure_per_day"),
        ]

    def __str__(self):
        return f"{self.store} {self.date:%Y-%m-%d}"


COUNTERS = ("num_in_stock", "num_allocated")
_counters_writable = contextvars.ContextVar("stock_counters_writable", default=False)


class StockWriteRefused(Exception):
    """A stock counter was about to change outside storefront.partner.services."""


@contextmanager
def counters_writable():
    """Let the stock services write `num_in_stock`/`num_allocated` in this block.

    Only storefront.partner.services enters it, inside its transaction with the
    row locked. On PostgreSQL it also raises the transaction-local flag that the
    database trigger `stockrecord_counters_guard` (partner migration 0010) looks
    for, so even raw SQL cannot change a counter without it; the flag is lowered
    again on the way out, so the rest of a longer transaction is guarded too.
    """
    token = _counters_writable.set(True)
    postgres = connection.vendor == "postgresql"
    try:
        # A savepoint of its own: if the block fails, rolling it back also
        # undoes the flag (set_config is transaction-local).
        with transaction.atomic():
            if postgres:
                _set_database_flag("on")
            yield
            if postgres:
                _set_database_flag("off")
    finally:
        _counters_writable.reset(token)


def _set_database_flag(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('ocop.stock_write', %s, true)", [value])


def _refuse_counter_write(fields) -> None:
    written = sorted(set(fields) & set(COUNTERS))
    if written and not _counters_writable.get():
        raise StockWriteRefused(
            f"{', '.join(written)} may only change through storefront.partner.services "
            "(row lock and a StockMovement for every change)."
        )


class StockRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # bulk_update() ends here too, so both are covered.
        _refuse_counter_write(kwargs)
        return super().update(**kwargs)

    update.alters_data = True


class StockRecord(AbstractStockRecord):
    """Oscar's stock record, one per product per store, guarded by the database.

    The allocation methods Oscar calls (order placement, shipping events,
    cancellations) are routed through the locked service functions so they
    refuse overselling and leave a movement like every other change.

    The counters are written only inside `counters_writable()`, which only the
    services enter: `save()` of a changed counter and `update()`/`bulk_update()`
    of one raise `StockWriteRefused`, and on PostgreSQL a trigger refuses any
    other UPDATE. A save that does not change them (a price edited in Oscar's
    dashboard) writes every other column but never the counters, so a form
    loaded before a reservation cannot put the old count back. A new record is
    created empty; stock arrives through the services as a movement — or, when
    created with stock (Oscar's factories, fixtures), the opening quantity is
    recorded as a movement in the same transaction.
    """

    # Not NULL: Oscar reads NULL as "not tracked", yet a NULL record counted as
    # stocking the product in listings and routing.
    num_in_stock = models.PositiveIntegerField(_("Number in stock"), default=0)
    num_allocated = models.IntegerField(_("Number allocated"), default=0)

    objects = StockRecordQuerySet.as_manager()

    class Meta(AbstractStockRecord.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "product"], name="one_stock_record_per_store_and_product"
            ),
            models.CheckConstraint(
                condition=Q(num_allocated__isnull=True) | Q(num_allocated__gte=0),
                name="stock_allocated_not_negative",
            ),
            # NULL stock means "not tracked": the comparison is then unknown,
            # which a CHECK constraint lets through.
            models.CheckConstraint(
                condition=Q(num_allocated__isnull=True) | Q(num_allocated__lte=F("num_in_stock")),
                name="stock_allocated_within_stock",
            ),
        ]

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        record._loaded_counters = {
            name: getattr(record, name) for name in COUNTERS if name in field_names
        }
        return record

    def save(self, *args, **kwargs):
        if _counters_writable.get():
            super().save(*args, **kwargs)
            self._loaded_counters = {name: getattr(self, name) for name in COUNTERS}
            return
        if self._state.adding:
            self._insert_with_opening_movement(*args, **kwargs)
            return
        loaded = getattr(self, "_loaded_counters", {})
        changed = [n for n in COUNTERS if n in loaded and getattr(self, n) != loaded[n]]
        _refuse_counter_write(changed)
        fields = kwargs.pop("update_fields", None)
        if fields is None:
            fields = [f.attname for f in self._meta.concrete_fields if not f.primary_key]
        kwargs["update_fields"] = [name for name in fields if name not in COUNTERS]
        super().save(*args, **kwargs)

    save.alters_data = True

    def _insert_with_opening_movement(self, *args, **kwargs):
        from storefront.partner import services

        if self.num_allocated:
            _refuse_counter_write(["num_allocated"])
        quantity, self.num_in_stock = self.num_in_stock or 0, 0
        with transaction.atomic():
            with counters_writable():
                super().save(*args, **kwargs)
            self._loaded_counters = {name: getattr(self, name) for name in COUNTERS}
            if quantity:
                services.record_opening_stock(stockrecord=self, quantity=quantity)

    def allocate(self, quantity):
        from storefront.partner import services

        services.allocate_stock(stockrecord=self, quantity=quantity)

    allocate.alters_data = True

    def consume_allocation(self, quantity):
        from storefront.partner import services

        services.consume_allocation(stockrecord=self, quantity=quantity)

    consume_allocation.alters_data = True

    def cancel_allocation(self, quantity):
        from storefront.partner import services

        services.release_allocation(stockrecord=self, quantity=quantity)

    cancel_allocation.alters_data = True


class StockMovement(models.Model):
    """One change to a store's stock: who, when, what, before → after, and why.

    Written only by `storefront.partner.services`, in the same transaction as
    the change. Product and store are copied from the stock record so history
    can be filtered without joins and reads the same after a product is renamed.
    """

    class Reason(models.TextChoices):
        OPENING = "opening", _("Opening stock")
        RECEIVED = "received", _("Received delivery")
        SOLD_IN_STORE = "sold_in_store", _("Sold in store")
        DAMAGED = "damaged", _("Damaged")
        STOCK_TAKE = "stock_take", _("Stock-take correction")
        RETURNED = "returned", _("Returned")
        # Goods the store sends back to their producer (consignment): they leave
        # the shelf, unlike RETURNED (a customer's return, back on the shelf).
        RETURNED_TO_PRODUCER = "returned_to_producer", _("Returned to producer")
        ALLOCATED = "allocated", _("Reserved for an order")
        RELEASED = "released", _("Reservation released")
        HANDED_OVER = "handed_over", _("Order handed over")

    # What a store manager may pick; the others are written by order processing.
    MANAGER_REASONS = (
        Reason.RECEIVED,
        Reason.SOLD_IN_STORE,
        Reason.DAMAGED,
        Reason.STOCK_TAKE,
        Reason.RETURNED,
        Reason.RETURNED_TO_PRODUCER,
    )

    stockrecord = models.ForeignKey(
        StockRecord, on_delete=models.PROTECT, related_name="movements", verbose_name=_("stock")
    )
    store = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="stock_movements", verbose_name=_("store")
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        related_name="stock_movements",
        verbose_name=_("product"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stock_movements",
        verbose_name=pgettext_lazy("stock movement", "by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices)
    in_stock_before = models.IntegerField(_("in stock before"))
    in_stock_after = models.IntegerField(_("in stock after"))
    allocated_before = models.IntegerField(_("reserved before"))
    allocated_after = models.IntegerField(_("reserved after"))
    order_number = models.CharField(_("order number"), max_length=128, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # The store's sale price at the time, so a settlement at a commission on
    # the sale price values a past sale at what it sold for, not today's price.
    unit_price = models.DecimalField(
        _("unit price"), max_digits=12, decimal_places=0, null=True, blank=True
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        indexes = [models.Index(fields=["store", "-created_at"], name="movement_store_recent")]

    def __str__(self):
        return (
            f"{self.store} {self.product_id}: {self.in_stock_before}→{self.in_stock_after} "
            f"({self.reason})"
        )

    @property
    def in_stock_change(self) -> int:
        return self.in_stock_after - self.in_stock_before


from oscar.apps.partner.models import *  # noqa: E402, F403  (Oscar's models we do not override)
