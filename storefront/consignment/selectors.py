"""Reads for the consignment pages: who may see which statements and terms."""

from django.db.models import Q, QuerySet

from catalogue.models import Producer
from storefront.consignment.models import RestockRequest, Statement, SupplyTerms
from storefront.partner import selectors as partner_selectors
from storefront.partner.models import Partner, StockRecord


def producers_of(user) -> QuerySet[Producer]:
    """The producers whose portal the user may use (their memberships)."""
    if not user.is_authenticated or not user.is_active:
        return Producer.objects.none()
    return Producer.objects.filter(memberships__user=user).order_by("name")


def visible_statements(user) -> QuerySet[Statement]:
    """Statements a user may read (printable page, PDF, CSV, XLSX): staff all; a store's
    managers their store's; a producer's members their producer's once sent (a draft is
    still the store's, as in the portal)."""
    statements = Statement.objects.select_related("store", "producer")
    if not user.is_authenticated or not user.is_active:
        return statements.none()
    if user.is_staff:
        return statements
    ids = Statement.objects.filter(
        Q(store__managers=user)
        | (Q(producer__memberships__user=user) & ~Q(status=Statement.Status.DRAFT))
    ).values("pk")
    return statements.filter(pk__in=ids)


def store_statements(store: Partner) -> QuerySet[Statement]:
    return Statement.objects.filter(store=store).select_related("producer")


def producer_statements(producer: Producer) -> QuerySet[Statement]:
    return Statement.objects.filter(producer=producer).select_related("store")


def store_terms(store: Partner) -> QuerySet[SupplyTerms]:
    """Every terms row of the store, current first within each product (history kept)."""
    return (
        SupplyTerms.objects.filter(store=store)
        .select_related("product", "product__producer", "created_by")
        .order_by("product__title", "product_id", "-starts_on")
    )


def producer_terms(producer: Producer) -> QuerySet[SupplyTerms]:
    return (
        SupplyTerms.objects.filter(product__producer=producer)
        .select_related("product", "store")
        .order_by("store__name", "product__title", "product_id", "-starts_on")
    )


def settleable_records(store: Partner) -> QuerySet[StockRecord]:
    """The store's stock of products that have a producer to settle with."""
    return (
        StockRecord.objects.filter(partner=store, product__producer__isnull=False)
        .select_related("product", "product__producer")
        .order_by("product__title", "product_id")
    )


def store_producers(store: Partner) -> QuerySet[Producer]:
    held = StockRecord.objects.filter(partner=store).values("product__producer")
    return Producer.objects.filter(pk__in=held).order_by("name")


def earlier_closed_statements(statement: Statement) -> QuerySet[Statement]:
    return Statement.objects.filter(
        store=statement.store_id,
        producer=statement.producer_id,
        period_start__lt=statement.period_start,
        status__in=(Statement.Status.CONFIRMED, Statement.Status.PAID),
    ).order_by("-period_start")


def store_restock_requests(store: Partner) -> QuerySet[RestockRequest]:
    return RestockRequest.objects.filter(store=store).select_related("producer")


def producer_restock_requests(producer: Producer) -> QuerySet[RestockRequest]:
    return RestockRequest.objects.filter(producer=producer).select_related("store")


def restock_candidates(store: Partner) -> list[StockRecord]:
    """The store's low-stock records with a producer, each with `suggested` units to ask for.

    Suggested: enough to stand at twice the threshold again (at least one).
    """
    records = list(
        partner_selectors.low_stock(store)
        .filter(product__producer__isnull=False)
        .select_related("product__producer")
        .order_by("product__producer__name", "product__title", "pk")
    )
    for record in records:
        record.suggested = max(2 * record.low_stock_threshold - record.free, 1)
    return records
