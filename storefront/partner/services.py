"""Every write to a store's stock.

Each function runs in one transaction, locks the stock record rows it changes
(`SELECT … FOR UPDATE`, several rows always in primary-key order so two
transactions never wait on each other crosswise), re-reads the quantities under
the lock, refuses a change that would oversell or go negative, and writes one
`StockMovement` per row changed. Nothing else can write `num_in_stock` or
`num_allocated`: the model refuses it outside `counters_writable()`, which only
this module enters, and on PostgreSQL a trigger refuses it too
(tests/partner/test_no_unrecorded_writes.py tries every other way).
"""

from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from catalogue.models import Product
from storefront.pagecache import expire_on_commit
from storefront.partner.models import Partner, StockMovement, StockRecord, counters_writable

Reason = StockMovement.Reason
# Larger than any shelf, well inside the database's integer columns: a typo of
# a few extra zeros is refused with a message instead of overflowing.
MAX_QUANTITY = 1_000_000


class StockError(Exception):
    """A stock change that the rules refuse; the message is shown to the user."""


class OutOfStock(StockError):
    def __init__(self, *, product_title: str, store_name: str, available: int, wanted: int):
        self.product_title, self.available, self.wanted = product_title, available, wanted
        if available <= 0:
            message = _("Sorry, “%(product)s” is out of stock at %(store)s.")
        else:
            message = _(
                "Sorry, only %(available)d of “%(product)s” left at %(store)s "
                "(you asked for %(wanted)d)."
            )
        super().__init__(
            message
            % {
                "product": product_title,
                "store": store_name,
                "available": available,
                "wanted": wanted,
            }
        )


@contextmanager
def _writing_counters():
    """`counters_writable()`, and cached pages expire when the transaction commits.

    Every change of a stock counter passes here, so no cached page
    (storefront/pagecache.py) shows stock older than the last committed change.
    """
    with counters_writable():
        yield
    expire_on_commit()


def _lock(pk: int) -> StockRecord:
    return (
        StockRecord.objects.select_for_update(of=("self",))
        .select_related("product", "partner")
        .get(pk=pk)
    )


def _record(
    *,
    locked: StockRecord,
    reason: str,
    in_stock_before: int,
    allocated_before: int,
    user=None,
    note: str = "",
    order_number: str = "",
) -> StockMovement:
    # update() rather than save(): only the two counters change, and
    # date_updated is kept current explicitly.
    with _writing_counters():
        StockRecord.objects.filter(pk=locked.pk).update(
            num_in_stock=locked.num_in_stock,
            num_allocated=locked.num_allocated,
            date_updated=timezone.now(),
        )
    return StockMovement.objects.create(
        stockrecord=locked,
        store_id=locked.partner_id,
        product_id=locked.product_id,
        user=user if user is not None and user.is_authenticated else None,
        reason=reason,
        in_stock_before=in_stock_before,
        in_stock_after=locked.num_in_stock or 0,
        allocated_before=allocated_before,
        allocated_after=locked.num_allocated or 0,
        note=note[:255],
        order_number=order_number,
        unit_price=_whole_dong(locked.price),
    )


def _whole_dong(price) -> Decimal | None:
    return None if price is None else Decimal(price).quantize(Decimal(1))


def _refresh(target: StockRecord, locked: StockRecord) -> None:
    """Give the caller's instance the counters written, as if loaded again."""
    target.num_in_stock, target.num_allocated = locked.num_in_stock, locked.num_allocated
    target._loaded_counters = {
        "num_in_stock": locked.num_in_stock,
        "num_allocated": locked.num_allocated,
    }


# --- store managers -------------------------------------------------------------


def change_stock(
    *,
    stockrecord: StockRecord,
    reason: str,
    user,
    delta: int | None = None,
    new_quantity: int | None = None,
    note: str = "",
) -> StockMovement:
    """Change the quantity on the shelf for one of a store manager's reasons.

    Received and returned goods add `delta`; sold in store, damaged and
    returned to the producer remove it; a stock-take sets `new_quantity`.
    The result may not go below zero nor below the units already reserved for
    orders (those are on the shelf, waiting to be handed over).
    """
    with transaction.atomic():
        locked = _lock(stockrecord.pk)
        before, allocated = locked.num_in_stock or 0, locked.num_allocated or 0
        after = compute_new_quantity(
            reason=reason, current=before, delta=delta, new_quantity=new_quantity
        )
        _check_quantity(after=after, allocated=allocated, title=locked.product.get_title())
        locked.num_in_stock = after
        movement = _record(
            locked=locked,
            reason=reason,
            in_stock_before=before,
            allocated_before=allocated,
            user=user,
            note=note,
        )
    _refresh(stockrecord, locked)
    return movement


def compute_new_quantity(
    *, reason: str, current: int, delta: int | None, new_quantity: int | None
) -> int:
    """The quantity after a manager's change; raises StockError for a malformed one."""
    if reason not in StockMovement.MANAGER_REASONS:
        raise StockError(_("Choose a reason for the change."))
    if new_quantity is not None:
        if delta is not None:
            raise StockError(_("Give either a new quantity or an adjustment, not both."))
        return new_quantity
    if delta is None:
        raise StockError(_("Give a new quantity or an adjustment."))
    if reason == Reason.STOCK_TAKE:
        return current + delta
    if delta <= 0:
        raise StockError(_("The number of units must be more than zero."))
    if reason in (Reason.SOLD_IN_STORE, Reason.DAMAGED, Reason.RETURNED_TO_PRODUCER):
        return current - delta
    return current + delta


def _check_quantity(*, after: int, allocated: int, title: str) -> None:
    if after > MAX_QUANTITY:
        raise StockError(
            _("“%(product)s” cannot go above %(max)s units.")
            % {"product": title, "max": number_format(MAX_QUANTITY, force_grouping=True)}
        )
    if after < 0:
        raise StockError(_("“%(product)s” cannot go below zero.") % {"product": title})
    if after < allocated:
        raise StockError(
            _(
                "“%(product)s” has %(allocated)d units reserved for orders; "
                "the quantity cannot go below that."
            )
            % {"product": title, "allocated": allocated}
        )


def set_low_stock_threshold(*, stockrecord: StockRecord, threshold: int | None) -> None:
    """The level under which the store is warned; not a quantity, so no movement."""
    if threshold is not None and threshold < 0:
        raise StockError(_("The threshold cannot be negative."))
    StockRecord.objects.filter(pk=stockrecord.pk).update(low_stock_threshold=threshold)
    stockrecord.low_stock_threshold = threshold
    # No public page shows it, but the stock page's low-stock count is
    # remembered under the page cache's generation (pagecache.remember).
    expire_on_commit()


@dataclass(frozen=True)
class StockChange:
    """One validated row of an import: a new count (`new_quantity`) or `delta` units."""

    stockrecord_id: int
    reason: str
    new_quantity: int | None = None
    delta: int | None = None
    note: str = ""
    row_number: int = 0


def apply_stock_changes(*, store: Partner, changes: Iterable[StockChange], user) -> int:
    """Apply validated changes all together or not at all; returns movements written.

    The file was validated against a read without locks. Here, under the lock,
    an adjustment is added to the quantity as it is now (a sale between the
    upload and this line is kept, not overwritten), and every result is checked
    again, so a concurrent sale that leaves too little makes the whole import
    fail instead of going negative.
    """
    changes = list(changes)
    ids = sorted({change.stockrecord_id for change in changes})
    with transaction.atomic():
        locked = {
            record.pk: record
            for record in StockRecord.objects.select_for_update(of=("self",))
            .select_related("product")
            .filter(pk__in=ids, partner=store)
            .order_by("pk")
        }
        if len(locked) != len(ids):
            raise StockError(_("Some rows refer to stock of another store."))
        movements = []
        for change in changes:
            record = locked[change.stockrecord_id]
            before, allocated = record.num_in_stock or 0, record.num_allocated or 0
            after = change.new_quantity if change.delta is None else before + change.delta
            try:
                _check_quantity(after=after, allocated=allocated, title=record.product.get_title())
            except StockError as error:
                raise StockError(
                    _("Row %(row)d: %(error)s") % {"row": change.row_number, "error": error}
                ) from error
            record.num_in_stock = after
            movements.append(
                StockMovement(
                    stockrecord=record,
                    store_id=store.pk,
                    product_id=record.product_id,
                    user=user if user is not None and user.is_authenticated else None,
                    reason=change.reason,
                    in_stock_before=before,
                    in_stock_after=after,
                    allocated_before=allocated,
                    allocated_after=allocated,
                    note=change.note[:255],
                    unit_price=_whole_dong(record.price),
                )
            )
        with _writing_counters():
            StockRecord.objects.bulk_update(locked.values(), ["num_in_stock"], batch_size=500)
        StockMovement.objects.bulk_create(movements, batch_size=500)
    return len(movements)


# --- opening stock (new stock records) -------------------------------------------


def create_stock_record(
    *,
    store: Partner,
    product: Product,
    price: Decimal,
    quantity: int,
    user=None,
    low_stock_threshold: int | None = None,
    sku: str = "",
) -> StockRecord:
    """A product's stock record at a store, with its opening quantity as a movement."""
    if quantity < 0:
        raise StockError(_("The quantity cannot be negative."))
    _check_quantity(after=quantity, allocated=0, title=product.get_title())
    with transaction.atomic():
        record = StockRecord.objects.create(
            partner=store,
            product=product,
            partner_sku=sku or product.upc or str(product.pk),
            price=price,
            price_currency=settings.OSCAR_DEFAULT_CURRENCY,
            num_in_stock=0,
            num_allocated=0,
            low_stock_threshold=low_stock_threshold,
        )
        if quantity:
            record_opening_stock(stockrecord=record, quantity=quantity, user=user)
    return record


def record_opening_stock(*, stockrecord: StockRecord, quantity: int, user=None) -> None:
    """Put the opening quantity on a record that was just created empty.

    StockRecord.save() calls this for records created with a quantity outside
    these services (Oscar's factories, fixtures), so that stock too arrives as
    a movement.
    """
    with transaction.atomic():
        locked = _lock(stockrecord.pk)
        before, allocated = locked.num_in_stock or 0, locked.num_allocated or 0
        locked.num_in_stock = before + quantity
        _check_quantity(
            after=locked.num_in_stock, allocated=allocated, title=locked.product.get_title()
        )
        _record(
            locked=locked,
            reason=Reason.OPENING,
            in_stock_before=before,
            allocated_before=allocated,
            user=user,
        )
    _refresh(stockrecord, locked)


def create_stock_records_in_bulk(
    *, store: Partner, rows: Iterable[tuple[Product, Decimal, int]], user=None
) -> int:
    """Stock records for many new products at once (bulk loads), each with its opening movement.

    `rows` are (product, price, quantity). Two bulk inserts instead of a round
    trip per product: the records are new, so nobody else can hold or change
    them, and they are inserted with their opening quantity (no update
    afterwards, which at 50,000 products cost as much as both inserts);
    returns the number of records.
    """
    rows = list(rows)
    for product, _price, quantity in rows:
        _check_quantity(after=quantity, allocated=0, title=product.get_title())
    with transaction.atomic():
        with _writing_counters():
            records = StockRecord.objects.bulk_create(
                StockRecord(
                    partner=store,
                    product=product,
                    partner_sku=product.upc or str(product.pk),
                    price=price,
                    price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                    num_in_stock=quantity,
                    num_allocated=0,
                )
                for product, price, quantity in rows
            )
        StockMovement.objects.bulk_create(
            (
                StockMovement(
                    stockrecord=record,
                    store_id=store.pk,
                    product_id=record.product_id,
                    user=user if user is not None and user.is_authenticated else None,
                    reason=Reason.OPENING,
                    in_stock_before=0,
                    in_stock_after=record.num_in_stock,
                    allocated_before=0,
                    allocated_after=0,
                )
                for record in records
                if record.num_in_stock
            ),
            batch_size=500,
        )
    return len(records)


# --- orders ----------------------------------------------------------------------


def allocate_stock(
    *, stockrecord: StockRecord, quantity: int, order_number: str = "", user=None
) -> None:
    """Reserve units for an order, refusing to reserve more than is free.

    Called by Oscar's order placement (through StockRecord.allocate) for each
    line in stock-record order, inside the order's transaction, so one refused
    line rolls the whole order back.
    """
    if not stockrecord.can_track_allocations:
        return
    with transaction.atomic():
        locked = _lock(stockrecord.pk)
        before, allocated = locked.num_in_stock or 0, locked.num_allocated or 0
        free = before - allocated
        if quantity > free:
            raise OutOfStock(
                product_title=locked.product.get_title(),
                store_name=locked.partner.display_name,
                available=free,
                wanted=quantity,
            )
        locked.num_allocated = allocated + quantity
        _record(
            locked=locked,
            reason=Reason.ALLOCATED,
            in_stock_before=before,
            allocated_before=allocated,
            user=user,
            order_number=order_number,
        )
    _refresh(stockrecord, locked)


def consume_allocation(
    *, stockrecord: StockRecord, quantity: int, order_number: str = "", user=None
) -> None:
    """Hand reserved units over to the customer: they leave the shelf."""
    if not stockrecord.can_track_allocations:
        return
    with transaction.atomic():
        locked = _lock(stockrecord.pk)
        before, allocated = locked.num_in_stock or 0, locked.num_allocated or 0
        if quantity > min(allocated, before):
            raise StockError(_("Invalid stock consumption request"))
        locked.num_allocated = allocated - quantity
        locked.num_in_stock = before - quantity
        _record(
            locked=locked,
            reason=Reason.HANDED_OVER,
            in_stock_before=before,
            allocated_before=allocated,
            user=user,
            order_number=order_number,
        )
    _refresh(stockrecord, locked)


def release_allocation(
    *, stockrecord: StockRecord, quantity: int, order_number: str = "", user=None, note=""
) -> None:
    """Free reserved units again (order cancelled, not collected, unpaid)."""
    if not stockrecord.can_track_allocations:
        return
    with transaction.atomic():
        locked = _lock(stockrecord.pk)
        before, allocated = locked.num_in_stock or 0, locked.num_allocated or 0
        released = min(allocated, quantity)
        if not released:
            return
        locked.num_allocated = allocated - released
        _record(
            locked=locked,
            reason=Reason.RELEASED,
            in_stock_before=before,
            allocated_before=allocated,
            user=user,
            order_number=order_number,
            note=note,
        )
    _refresh(stockrecord, locked)
