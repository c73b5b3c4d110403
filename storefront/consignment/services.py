"""Every write of consignment: supply terms and the statement workflow.

Statements move draft → sent → confirmed → paid, or sent → disputed → (the
store refreshes it) draft → sent again. Each step locks the statement row and
checks its state under the lock, so two clicks never send or pay twice, and a
confirmed statement never changes again.
"""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalogue.models import Producer, Product
from storefront.consignment import emails, settlement
from storefront.consignment.models import (
    Statement,
    StatementAdjustment,
    StatementLine,
    StatementProduct,
    SupplyTerms,
)
from storefront.partner.models import Partner, StockRecord
from storefront.partner.selectors import SHOP_ZONE

Status = Statement.Status
Kind = SupplyTerms.Kind
# Far above any monthly settlement of one store with one producer; a typo of
# extra zeros is refused instead of overflowing the column.
MAX_AMOUNT = Decimal(10) ** 12


class SettlementError(Exception):
    """A change the rules refuse; the message is shown to the user."""


def today() -> dt.date:
    return timezone.now().astimezone(SHOP_ZONE).date()


def _whole(value, *, what: str) -> Decimal:
    value = Decimal(value)
    if value != value.to_integral_value():
        raise SettlementError(_("%(what)s must be in whole đồng.") % {"what": what})
    if abs(value) >= MAX_AMOUNT:
        raise SettlementError(_("%(what)s is too large.") % {"what": what})
    return value.quantize(Decimal(1))


def settled_until(*, store: Partner, producer: Producer) -> dt.date | None:
    """The last day of the latest period already sent to or confirmed by the producer."""
    latest = (
        Statement.objects.filter(store=store, producer=producer)
        .exclude(status=Status.DRAFT)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    return latest


# --- supply terms -----------------------------------------------------------------


def set_terms(
    *,
    store: Partner,
    product: Product,
    kind: str,
    starts_on: dt.date,
    user,
    producer_price: Decimal | None = None,
    commission_percent: Decimal | None = None,
    damage_borne_by: str = SupplyTerms.DamageBorneBy.PRODUCER,
) -> SupplyTerms:
    """New terms for a product at a store from `starts_on`; earlier terms stay as they were.

    Terms are never edited: a change is a new row from a later day. A start
    inside a period already sent to or settled with the producer is refused,
    since it would change what was agreed for that period.
    """
    if kind not in Kind.values:
        raise SettlementError(_("Choose the kind of terms."))
    if product.producer_id is None:
        raise SettlementError(_("This product has no producer to settle with."))
    if not StockRecord.objects.filter(partner=store, product=product).exists():
        raise SettlementError(_("This store does not hold that product."))
    if kind == Kind.CONSIGNMENT:
        if producer_price is None:
            raise SettlementError(_("Give the producer price in đồng."))
        producer_price = _whole(producer_price, what=_("The producer price"))
        if producer_price < 0:
            raise SettlementError(_("The producer price cannot be negative."))
        commission_percent = None
    elif kind == Kind.COMMISSION:
        if commission_percent is None or not (0 <= commission_percent <= 100):
            raise SettlementError(_("Give a commission between 0 and 100 %."))
        producer_price = None
    else:
        producer_price = commission_percent = None
    with transaction.atomic():
        # One writer per store at a time: the check below and the insert
        # must see the same statements.
        Partner.objects.select_for_update().filter(pk=store.pk).first()
        until = settled_until(store=store, producer=product.producer)
        if until is not None and starts_on <= until:
            raise SettlementError(
                _(
                    "The period up to %(until)s is already with the producer; new terms can "
                    "start on %(first)s at the earliest."
                )
                % {
                    "until": date_format(until, "SHORT_DATE_FORMAT"),
                    "first": date_format(until + dt.timedelta(days=1), "SHORT_DATE_FORMAT"),
                }
            )
        try:
            with transaction.atomic():
                return SupplyTerms.objects.create(
                    store=store,
                    product=product,
                    kind=kind,
                    producer_price=producer_price,
                    commission_percent=commission_percent,
                    damage_borne_by=damage_borne_by,
                    starts_on=starts_on,
                    created_by=user if user.is_authenticated else None,
                )
        except IntegrityError as error:
            raise SettlementError(
                _("Terms for this product already start on that day; choose a later day.")
            ) from error


# --- statements -------------------------------------------------------------------


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def previous_month(day: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The month before the one `day` (default today) falls in."""
    return month_of((day or today()).replace(day=1) - dt.timedelta(days=1))


def _write_figures(statement: Statement) -> settlement.Figures:
    figures = settlement.compute(
        store=statement.store,
        producer=statement.producer,
        period_start=statement.period_start,
        period_end=statement.period_end,
    )
    statement.products.all().delete()
    statement.lines.all().delete()
    StatementProduct.objects.bulk_create(
        StatementProduct(
            statement=statement,
            product_id=row.product_id,
            title=row.title[:255],
            code=row.code[:64],
            start=row.start,
            received=row.received,
            sold_online=row.sold_online,
            sold_in_store=row.sold_in_store,
            customer_returns=row.customer_returns,
            returned_to_producer=row.returned_to_producer,
            damaged=row.damaged,
            corrections=row.corrections,
            end=row.end,
        )
        for row in figures.rows
    )
    StatementLine.objects.bulk_create(
        StatementLine(
            statement=statement,
            product_id=line.product_id,
            title=line.title[:255],
            terms=line.terms,
            kind=line.terms.kind,
            units=line.units,
            producer_price=line.terms.producer_price,
            commission_percent=line.terms.commission_percent,
            sales_value=line.sales_value,
            amount=line.amount,
        )
        for line in figures.lines
    )
    adjustments = sum((a.amount for a in statement.adjustments.all()), Decimal(0))
    statement.total = figures.total + adjustments
    statement.problems = figures.problems
    statement.computed_at = timezone.now()
    statement.save(update_fields=["total", "problems", "computed_at", "status"])
    return figures


def create_statement(
    *, store: Partner, producer: Producer, period_start: dt.date, period_end: dt.date, user
) -> Statement:
    """A draft statement for a period that overlaps no other of this store and producer."""
    if period_end < period_start:
        raise SettlementError(_("The period ends before it starts."))
    if period_start > today():
        raise SettlementError(_("The period has not started yet."))
    with transaction.atomic():
        Partner.objects.select_for_update().filter(pk=store.pk).first()
        overlapping = (
            Statement.objects.filter(store=store, producer=producer)
            .filter(Q(period_start__lte=period_end) & Q(period_end__gte=period_start))
            .first()
        )
        if overlapping:
            raise SettlementError(
                _("A statement for %(start)s–%(end)s already covers part of this period.")
                % {
                    "start": date_format(overlapping.period_start, "SHORT_DATE_FORMAT"),
                    "end": date_format(overlapping.period_end, "SHORT_DATE_FORMAT"),
                }
            )
        statement = Statement.objects.create(
            store=store,
            producer=producer,
            period_start=period_start,
            period_end=period_end,
            created_by=user if user.is_authenticated else None,
        )
        _write_figures(statement)
    return statement


def _locked(statement: Statement, *allowed: str) -> Statement:
    locked = (
        Statement.objects.select_for_update(of=("self",))
        .select_related("store", "producer")
        .get(pk=statement.pk)
    )
    if locked.status not in allowed:
        raise SettlementError(
            _("This statement is “%(status)s” and cannot be changed that way.")
            % {"status": locked.get_status_display()}
        )
    return locked


def refresh_statement(*, statement: Statement, user) -> Statement:
    """Compute a draft (or disputed) statement again from the movements as they are now."""
    with transaction.atomic():
        locked = _locked(statement, Status.DRAFT, Status.DISPUTED)
        locked.status = Status.DRAFT
        _write_figures(locked)
    return locked


def add_adjustment(
    *, statement: Statement, amount, note: str, user, corrects: Statement | None = None
) -> StatementAdjustment:
    """A correction of an earlier period, carried by this draft; it changes the total."""
    amount = _whole(amount, what=_("The amount"))
    if not amount:
        raise SettlementError(_("An adjustment of 0 đồng changes nothing."))
    if not note.strip():
        raise SettlementError(_("Say what the adjustment corrects."))
    with transaction.atomic():
        locked = _locked(statement, Status.DRAFT)
        if corrects is not None and (
            corrects.store_id != locked.store_id
            or corrects.producer_id != locked.producer_id
            or corrects.period_start >= locked.period_start
        ):
            raise SettlementError(
                _("An adjustment corrects an earlier statement of the same store and producer.")
            )
        adjustment = StatementAdjustment.objects.create(
            statement=locked,
            amount=amount,
            note=note.strip()[:255],
            corrects=corrects,
            created_by=user if user.is_authenticated else None,
        )
        locked.total += amount
        locked.save(update_fields=["total"])
    return adjustment


def send_statement(*, statement: Statement, user) -> Statement:
    """Compute once more and send; refused while any product does not reconcile."""
    with transaction.atomic():
        locked = _locked(statement, Status.DRAFT)
        if locked.period_end >= today():
            raise SettlementError(
                _("The period ends on %(end)s; send the statement after that day.")
                % {"end": date_format(locked.period_end, "SHORT_DATE_FORMAT")}
            )
        figures = _write_figures(locked)
        if not figures.problems:
            locked.status = Status.SENT
            locked.sent_at = timezone.now()
            locked.dispute_note = ""
            locked.save(update_fields=["status", "sent_at", "dispute_note"])
            emails.notify(event="statement_sent", obj=locked, stamp=locked.sent_at.isoformat())
    # Raised after the commit: the draft keeps the figures that show what is off.
    if figures.problems:
        raise NotReconciled(locked, figures.problems)
    return locked


class NotReconciled(SettlementError):
    def __init__(self, statement, problems):
        self.statement, self.problems = statement, problems
        super().__init__(
            _("The statement does not reconcile and was not sent: %(problems)s")
            % {"problems": " ".join(problems)}
        )


def confirm_statement(*, statement: Statement, user) -> Statement:
    """The producer agrees; from now on the statement never changes."""
    with transaction.atomic():
        locked = _locked(statement, Status.SENT)
        locked.status = Status.CONFIRMED
        locked.confirmed_at = timezone.now()
        locked.confirmed_by = user
        locked.save(update_fields=["status", "confirmed_at", "confirmed_by"])
        emails.notify(event="statement_confirmed", obj=locked, stamp="")
    return locked


def dispute_statement(*, statement: Statement, user, note: str) -> Statement:
    if not note.strip():
        raise SettlementError(_("Say what is wrong so the store can check it."))
    with transaction.atomic():
        locked = _locked(statement, Status.SENT)
        locked.status = Status.DISPUTED
        locked.dispute_note = note.strip()
        locked.save(update_fields=["status", "dispute_note"])
        emails.notify(event="statement_disputed", obj=locked, stamp=locked.sent_at.isoformat())
    return locked


def mark_paid(*, statement: Statement, user, paid_on: dt.date, reference: str) -> Statement:
    if not reference.strip():
        raise SettlementError(_("Give the payment reference (bank transfer or receipt number)."))
    if paid_on > today():
        raise SettlementError(_("The payment date cannot be in the future."))
    with transaction.atomic():
        locked = _locked(statement, Status.CONFIRMED)
        if paid_on < locked.period_start:
            raise SettlementError(_("The payment date is before the period."))
        locked.status = Status.PAID
        locked.paid_on = paid_on
        locked.payment_reference = reference.strip()[:128]
        locked.save(update_fields=["status", "paid_on", "payment_reference"])
    return locked
