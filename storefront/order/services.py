"""Orders through the states that move stock, and releasing stock orders no longer need.

Pickup: Pending → Ready for pickup (email to the customer) → Collected
(reserved units leave the shelf), or → Not collected after
OCOP_PICKUP_HOLD_DAYS (reserved units go back on sale). Delivery: Pending →
Being processed → Shipped (reserved units leave the shelf) → Delivered.
Units leaving the shelf are "order handed over" movements naming the order:
what the consignment statements count as sold online. Every state change
locks the order row, so two clicks at the counter cannot collect or ship twice.
Oscar's dashboard reaches these through storefront.order.processing.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storefront.experiences import services as experiences
from storefront.mail import queue_email
from storefront.order.models import Line, Order
from storefront.partner import services as stock

logger = logging.getLogger(__name__)

PENDING = "Pending"
BEING_PROCESSED = "Being processed"
SHIPPED = "Shipped"
DELIVERED = "Delivered"
READY = "Ready for pickup"
COLLECTED = "Collected"
NOT_COLLECTED = "Not collected"
CANCELLED = "Cancelled"

# Order statuses stay English in the database (Oscar's pipeline keys); these
# are what people read.
STATUS_LABELS = {
    PENDING: gettext_lazy("Pending"),
    BEING_PROCESSED: gettext_lazy("Being processed"),
    SHIPPED: gettext_lazy("Shipped"),
    DELIVERED: gettext_lazy("Delivered"),
    READY: gettext_lazy("Ready for pickup"),
    COLLECTED: gettext_lazy("Collected"),
    NOT_COLLECTED: gettext_lazy("Not collected"),
    CANCELLED: gettext_lazy("Cancelled"),
}
# Orders in these states hold no stock any more.
CLOSED_STATUSES = (COLLECTED, NOT_COLLECTED, CANCELLED, SHIPPED, DELIVERED)
# Orders in these states hold no places in experience sessions either; the
# others closed above were handed over and keep their bookings.
ENDED_STATUSES = (NOT_COLLECTED, CANCELLED)


class OrderStateError(Exception):
    """A change the order's state does not allow; the message is shown to the user."""


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def _require_pickup(order: Order, *allowed: str) -> None:
    if not order.is_pickup:
        raise OrderStateError(
            _("Order %(number)s is not a pickup order.") % {"number": order.number}
        )
    if order.status not in allowed:
        raise OrderStateError(
            _("Order %(number)s is “%(status)s” and cannot be changed that way.")
            % {"number": order.number, "status": STATUS_LABELS.get(order.status, order.status)}
        )


def _require_delivery(order: Order, *allowed: str) -> None:
    if order.is_pickup:
        raise OrderStateError(
            _("Order %(number)s is collected at the store, not delivered.")
            % {"number": order.number}
        )
    if order.status not in allowed:
        raise OrderStateError(
            _("Order %(number)s is “%(status)s” and cannot be changed that way.")
            % {"number": order.number, "status": STATUS_LABELS.get(order.status, order.status)}
        )


def _hand_over(order: Order, user) -> None:
    """Every unit the order still reserves leaves its store's shelf, line by line."""
    for line in _allocated_lines(order):
        stock.consume_allocation(
            stockrecord=line.stockrecord,
            quantity=line.num_allocated,
            order_number=order.number,
            user=user,
        )
        Line.objects.filter(pk=line.pk).update(num_allocated=0)


def start_processing(*, order: Order, user) -> Order:
    """A delivery order is being packed at its store; its units stay reserved."""
    with transaction.atomic():
        locked = _locked(order)
        _require_delivery(locked, PENDING)
        locked.set_status(BEING_PROCESSED)
    return locked


def mark_shipped(*, order: Order, user) -> Order:
    """A delivery order leaves the store: its reserved units leave the shelf.

    A delivery split over several stores hands over each line at its own
    store. Until this existed, a status set to Shipped left the units
    reserved, and the hourly release job then put them back on sale.
    """
    with transaction.atomic():
        locked = _locked(order)
        _require_delivery(locked, BEING_PROCESSED)
        _hand_over(locked, user)
        locked.set_status(SHIPPED)
    return locked


def mark_delivered(*, order: Order, user) -> Order:
    with transaction.atomic():
        locked = _locked(order)
        _require_delivery(locked, SHIPPED)
        locked.set_status(DELIVERED)
    return locked


def mark_ready_for_pickup(*, order: Order, user) -> Order:
    with transaction.atomic():
        locked = _locked(order)
        _require_pickup(locked, PENDING)
        locked.set_status(READY)
        locked.ready_for_pickup_at = timezone.now()
        locked.save(update_fields=["ready_for_pickup_at"])
        # Recorded with the state change, sent by the worker after commit.
        queue_email(
            key=f"order:{locked.pk}:ready_for_pickup", kind="ready_for_pickup", order_id=locked.pk
        )
    return locked


def mark_collected(*, order: Order, user) -> Order:
    with transaction.atomic():
        locked = _locked(order)
        _require_pickup(locked, READY)
        _hand_over(locked, user)
        locked.set_status(COLLECTED)
        locked.collected_at = timezone.now()
        locked.save(update_fields=["collected_at"])
    return locked


def mark_not_collected(*, order: Order, user=None) -> Order:
    with transaction.atomic():
        locked = _locked(order)
        _require_pickup(locked, PENDING, READY)
        release_order_stock(order=locked, user=user, note=_("Not collected"))
        locked.set_status(NOT_COLLECTED)
    return locked


def release_order_stock(*, order: Order, user=None, note: str = "", places: bool = True) -> int:
    """Give back every unit the order still reserves; returns units released.

    With `places`, the places it holds in experience sessions go back too:
    every path that ends an order (not collected, cancelled, unpaid in time)
    comes through here. An order whose goods were handed over keeps its
    bookings (`places=False`): the experience is still to come.
    """
    released = 0
    with transaction.atomic():
        if places:
            experiences.release_order_places(order=order)
        for line in _allocated_lines(order):
            stock.release_allocation(
                stockrecord=line.stockrecord,
                quantity=line.num_allocated,
                order_number=order.number,
                user=user,
                note=note,
            )
            released += line.num_allocated
            Line.objects.filter(pk=line.pk).update(num_allocated=0, allocation_cancelled=True)
    return released


def _allocated_lines(order: Order) -> list[Line]:
    # Stock-record order, like placement, so lock order is always the same.
    return list(
        order.lines.select_for_update(of=("self",))
        .filter(num_allocated__gt=0, allocation_cancelled=False, stockrecord__isnull=False)
        .select_related("stockrecord__product__product_class", "stockrecord__partner")
        .order_by("stockrecord_id")
    )


def ready_for_pickup_email(order: Order) -> EmailMessage | None:
    """The customer's "ready for pickup" email, in their language; None without an address."""
    if not order.email:
        return None
    from storefront.accounts import language_for_order

    with translation.override(language_for_order(order)):
        context = {
            "order": order,
            "store": order.fulfilment_store,
            "hold_days": settings.OCOP_PICKUP_HOLD_DAYS,
        }
        subject = _("Your order %(number)s is ready for pickup") % {"number": order.number}
        body = render_to_string("partner/emails/ready_for_pickup.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [order.email])


def build_ready_for_pickup_email(*, order_id: int) -> EmailMessage | None:
    """The outbox's builder (storefront.mail)."""
    return ready_for_pickup_email(Order.objects.select_related("fulfilment_store").get(pk=order_id))


# --- jobs ----------------------------------------------------------------------


def overdue_pickups(now: dt.datetime | None = None):
    days = settings.OCOP_PICKUP_HOLD_DAYS
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    return Order.objects.filter(
        fulfilment_type=Order.Fulfilment.PICKUP, status=READY, ready_for_pickup_at__lt=cutoff
    )


@dataclass
class ReleaseReport:
    not_collected: list[str] = field(default_factory=list)
    closed_released: list[str] = field(default_factory=list)
    # (order number, why): left as it was, tried again on the next run.
    failed: list[tuple[str, str]] = field(default_factory=list)


def release_held_stock(*, now: dt.datetime | None = None) -> ReleaseReport:
    """The hourly job: overdue pickups become Not collected; closed orders give stock back.

    Each order on its own, in its own transaction: one that fails is logged
    and reported, and the others go on.
    """
    report = ReleaseReport()
    for order in overdue_pickups(now):
        try:
            mark_not_collected(order=order)
            report.not_collected.append(order.number)
        except Exception as error:  # one order's fault never stops the others
            logger.exception("Order %s: marking not collected failed", order.number)
            report.failed.append((order.number, repr(error)))
    for order in closed_orders_still_reserving():
        try:
            release_order_stock(
                order=order, note="order closed", places=order.status in ENDED_STATUSES
            )
            report.closed_released.append(order.number)
        except Exception as error:  # one order's fault never stops the others
            logger.exception("Order %s: releasing stock failed", order.number)
            report.failed.append((order.number, repr(error)))
    return report


def closed_orders_still_reserving():
    from django.db.models import Q

    from storefront.experiences.models import Booking

    return Order.objects.filter(
        Q(
            status__in=CLOSED_STATUSES,
            lines__num_allocated__gt=0,
            lines__allocation_cancelled=False,
        )
        | Q(status__in=ENDED_STATUSES, bookings__status=Booking.Status.BOOKED)
    ).distinct()


def leaked_allocations():
    """Stock records whose reserved units differ from what open order lines reserve.

    Returns (stockrecord, reserved on the record, reserved by open orders).
    """
    from django.db.models import Q, Sum

    from storefront.partner.models import StockRecord

    records = StockRecord.objects.select_related("product", "partner").annotate(
        by_orders=Sum(
            "line__num_allocated",
            filter=Q(line__allocation_cancelled=False)
            & ~Q(line__order__status__in=CLOSED_STATUSES),
        )
    )
    leaks = []
    for record in records:
        by_orders = record.by_orders or 0
        if (record.num_allocated or 0) != by_orders:
            leaks.append((record, record.num_allocated or 0, by_orders))
    return leaks
