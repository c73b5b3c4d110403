"""Restock requests: a store asks a producer for goods and receives them into stock.

requested → confirmed (the producer may change quantities) → sent → received,
or cancelled by the store before receiving. Each step locks the request row
and checks its state under the lock. Receiving puts the good units on the
shelf through `storefront.partner.services.change_stock` (reason "received
delivery", a movement per line, noted with the request), in stock-record
order; units short or damaged on arrival are recorded on the lines and never
enter the stock.
"""

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from storefront.consignment import emails
from storefront.consignment.models import RestockLine, RestockRequest
from storefront.partner import services as stock
from storefront.partner.models import Partner, StockMovement, StockRecord
from storefront.partner.selectors import SHOP_ZONE

Status = RestockRequest.Status


class RestockError(Exception):
    """A change the rules refuse; the message is shown to the user."""


def _quantity(value: int) -> int:
    if value < 0 or value > stock.MAX_QUANTITY:
        raise RestockError(
            _("Quantities must be between 0 and %(max)d.") % {"max": stock.MAX_QUANTITY}
        )
    return value


def create_requests(
    *,
    store: Partner,
    quantities: Mapping[int, int],
    wanted_by: dt.date,
    user,
    note: str = "",
) -> list[RestockRequest]:
    """One request per producer for the store's stock records and quantities given.

    `quantities` maps stock record ids of this store to units wanted; zero
    means "not this time". Records of another store, or of products without a
    producer, are refused.
    """
    wanted = {pk: _quantity(qty) for pk, qty in quantities.items() if qty}
    if not wanted:
        raise RestockError(_("Ask for at least one unit of one product."))
    if wanted_by < timezone.now().astimezone(SHOP_ZONE).date():
        raise RestockError(_("The date wanted is in the past."))
    records = list(
        StockRecord.objects.filter(partner=store, pk__in=wanted, product__producer__isnull=False)
        .select_related("product")
        .order_by("product__producer_id", "pk")
    )
    if len(records) != len(wanted):
        raise RestockError(_("Some products are not held by this store or have no producer."))
    by_producer: dict[int, list[StockRecord]] = {}
    for record in records:
        by_producer.setdefault(record.product.producer_id, []).append(record)
    made = []
    with transaction.atomic():
        for producer_id, producer_records in by_producer.items():
            request = RestockRequest.objects.create(
                store=store,
                producer_id=producer_id,
                wanted_by=wanted_by,
                note=note.strip()[:255],
                created_by=user if user.is_authenticated else None,
            )
            RestockLine.objects.bulk_create(
                RestockLine(
                    request=request,
                    stockrecord=record,
                    product=record.product,
                    quantity_requested=wanted[record.pk],
                )
                for record in producer_records
            )
            emails.notify(event="restock_requested", obj=request, stamp="")
            made.append(request)
    return made


def _locked(request: RestockRequest, *allowed: str) -> RestockRequest:
    locked = RestockRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status not in allowed:
        raise RestockError(
            _("This request is “%(status)s” and cannot be changed that way.")
            % {"status": locked.get_status_display()}
        )
    return locked


def confirm_request(
    *, request: RestockRequest, user, quantities: Mapping[int, int], note: str = ""
) -> RestockRequest:
    """The producer confirms what they will send: per line (by id), any quantity from 0."""
    with transaction.atomic():
        locked = _locked(request, Status.REQUESTED, Status.CONFIRMED)
        lines = list(locked.lines.select_for_update())
        if set(quantities) - {line.pk for line in lines}:
            raise RestockError(_("Some lines are not part of this request."))
        for line in lines:
            line.quantity_confirmed = _quantity(quantities.get(line.pk, line.expected))
        RestockLine.objects.bulk_update(lines, ["quantity_confirmed"])
        locked.status = Status.CONFIRMED
        locked.confirmed_at = timezone.now()
        locked.producer_note = note.strip()[:255]
        locked.save(update_fields=["status", "confirmed_at", "producer_note"])
        emails.notify(event="restock_confirmed", obj=locked, stamp=locked.confirmed_at.isoformat())
    return locked


def mark_sent(*, request: RestockRequest, user) -> RestockRequest:
    """The producer has sent the goods (as confirmed, or as requested if not confirmed)."""
    with transaction.atomic():
        locked = _locked(request, Status.REQUESTED, Status.CONFIRMED)
        if locked.status == Status.REQUESTED:
            locked.lines.filter(quantity_confirmed__isnull=True).update(
                quantity_confirmed=F("quantity_requested")
            )
        locked.status = Status.SENT
        locked.sent_at = timezone.now()
        locked.save(update_fields=["status", "sent_at"])
        emails.notify(event="restock_sent", obj=locked, stamp="")
    return locked


def receive(
    *, request: RestockRequest, user, received: Mapping[int, tuple[int, int]]
) -> list[StockMovement]:
    """Receive the delivery: per line id, (good units, damaged units); the rest is short.

    Good units go on the shelf as one "received delivery" movement per line;
    damaged units are recorded on the line and stay with the producer.
    Allowed once the request was made (a producer may deliver without
    marking it sent), never twice.
    """
    with transaction.atomic():
        locked = _locked(request, Status.REQUESTED, Status.CONFIRMED, Status.SENT)
        lines = list(locked.lines.select_for_update().order_by("stockrecord_id"))
        if set(received) - {line.pk for line in lines}:
            raise RestockError(_("Some lines are not part of this request."))
        movements = []
        for line in lines:
            good, damaged = received.get(line.pk, (0, 0))
            line.quantity_received, line.quantity_damaged = _quantity(good), _quantity(damaged)
            if good:
                try:
                    line.movement = stock.change_stock(
                        stockrecord=line.stockrecord,
                        reason=StockMovement.Reason.RECEIVED,
                        delta=good,
                        user=user,
                        note=_restock_note(locked, line),
                    )
                except stock.StockError as error:
                    raise RestockError(str(error)) from error
                movements.append(line.movement)
        RestockLine.objects.bulk_update(
            lines, ["quantity_received", "quantity_damaged", "movement"]
        )
        locked.status = Status.RECEIVED
        locked.received_at = timezone.now()
        locked.save(update_fields=["status", "received_at"])
    return movements


def _restock_note(request: RestockRequest, line: RestockLine) -> str:
    parts = [_("Restock request #%(id)d") % {"id": request.pk}]
    if line.quantity_damaged:
        parts.append(_("%(n)d damaged on arrival") % {"n": line.quantity_damaged})
    short = max(line.expected - line.quantity_received - line.quantity_damaged, 0)
    if short:
        parts.append(_("%(n)d short") % {"n": short})
    return "; ".join(parts)


def cancel(*, request: RestockRequest, user) -> RestockRequest:
    with transaction.atomic():
        # Once sent, the goods are on their way: receive them (short if need be).
        locked = _locked(request, Status.REQUESTED, Status.CONFIRMED)
        locked.status = Status.CANCELLED
        locked.save(update_fields=["status"])
    return locked
