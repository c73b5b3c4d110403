"""Read-side queries for products, shared by the shop views and Wagtail pages.

Every listing goes through `browsable_products()` so that the prefetches that
keep query counts flat (images, stock records and their stores) are in one place.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from catalogue.models import (
    OCOP_MIN_STARS,
    Category,
    OcopCertificate,
    Option,
    Producer,
    Product,
    ProductImage,
)
from storefront.partner.models import StockRecord
from storefront.text import fold


def certificates_in_force(day: date | None = None) -> QuerySet[OcopCertificate]:
    """Certificates valid on `day` (today by default): issued, not expired, not revoked.

    A certificate stops counting on its expiry date itself, so pages rendered
    that day no longer show its badge; nothing has to run at midnight.
    """
    day = day or timezone.localdate()
    return OcopCertificate.objects.filter(revoked=False, issue_date__lte=day, expiry_date__gt=day)


def with_current_rating(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """Annotate `ocop_stars`/`ocop_expiry` from each product's latest certificate in force.

    Two correlated subqueries instead of a prefetch, so listings can filter and
    sort on the rating and the query count does not grow with the page size.
    `ocop_stars` is set for any rating in force; the OCOP badge needs 3★+.
    """
    current = certificates_in_force().filter(product=OuterRef("pk")).order_by("-issue_date", "-id")
    return queryset.annotate(
        ocop_stars=Subquery(current.values("stars")[:1]),
        ocop_expiry=Subquery(current.values("expiry_date")[:1]),
    )


def rated_at(stars: int) -> QuerySet[OcopCertificate]:
    """Ids of products whose current rating (as `with_current_rating`) is `stars`, as a subquery.

    Driven from the certificates: one in force with these stars and no later
    one in force (by issue date, then id). A rare rating (5★) is then found
    from its few certificates instead of by rating every product, and the
    planner estimates it from the certificates' statistics.
    """
    return _current_certificates().filter(stars=stars).values("product_id")


def _current_certificates() -> QuerySet[OcopCertificate]:
    """Each product's latest certificate in force: in force, and none in force issued later."""
    in_force = certificates_in_force()
    later = in_force.filter(product=OuterRef("product")).filter(
        Q(issue_date__gt=OuterRef("issue_date"))
        | Q(issue_date=OuterRef("issue_date"), id__gt=OuterRef("id"))
    )
    return in_force.filter(~Exists(later))


def rated_at_least(stars: int) -> QuerySet[OcopCertificate]:
    """Ids of products whose current rating is `stars` or more, as a subquery (see `rated_at`)."""
    return _current_certificates().filter(stars__gte=stars).values("product_id")


def public_products() -> QuerySet[Product]:
    """Products the public may see: the sellable rule of `ProductQuerySet.browsable()`."""
    return Product.objects.browsable()


def browsable_products() -> QuerySet[Product]:
    """Public, browsable products with what a product card needs prefetched."""
    return (
        with_current_rating(public_products())
        # The experience, or its absence, comes with the product: the strategy
        # prices an experience per person from it (storefront.experiences).
        .select_related("product_class", "producer", "experience")
        # Oscar's add-to-basket form asks `has_options` of every card; these
        # annotations answer it without one query per product.
        .annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
            # One query for the stock records and their stores, not two.
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
        )
    )


def first_ids(arms: Sequence[QuerySet], *, limit: int) -> list[int]:
    """Primary keys of the first `limit` rows of `arms` read one after the other, in one query.

    Each arm is an ordered queryset; the result is arm 0's rows in its order,
    then arm 1's, until `limit`. This is how a list ordered on something no
    index can serve ("in stock first, then newest") stays cheap: each arm is
    a newest-first scan that stops after `limit` matches, and an arm is read
    only as far as the arms before it left room (`LIMIT n - rows so far`;
    PostgreSQL and SQLite skip an arm whose limit is 0 without scanning it).
    One query whatever the arms find, so pages keep a constant query count.
    """
    if not arms or limit <= 0:
        return []
    sql, params = first_ids_sql(arms, limit=limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()][:limit]


def first_ids_sql(arms: Sequence[QuerySet], *, limit: int) -> tuple[str, list]:
    """The SQL of `first_ids`: `WITH armN AS (<arm> LIMIT n - rows of the arms before) …`."""
    # Only arm numbers are formatted in; the arms' own SQL comes from Django
    # with its values as parameters.
    ctes, params, taken = [], [], []
    for n, arm in enumerate(arms):
        sql, arm_params = arm.values_list("pk", flat=True).query.sql_with_params()
        left = " - ".join(["%s", *(f"(SELECT COUNT(*) FROM arm{k})" for k in taken)])  # noqa: S608
        ctes.append(f"arm{n} AS ({sql} LIMIT {left})")
        params += [*arm_params, limit]
        taken.append(n)
    union = " UNION ALL ".join(f"SELECT * FROM arm{n}" for n in taken)  # noqa: S608
    return f"WITH {', '.join(ctes)} {union}", params


def in_order(queryset: QuerySet, ids: list[int]) -> list:
    """The rows of `queryset` with these primary keys, in the order of `ids`."""
    if not ids:
        return []
    by_id = {obj.pk: obj for obj in queryset.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def product_cards(product_ids: Sequence[int]) -> list[Product]:
    """Browsable products with what a card needs, in the order of `product_ids`.

    One query and the card prefetches, however many; ids no longer browsable
    are left out.
    """
    return in_order(browsable_products(), list(product_ids))


# As Oscar's partial, which shows six.
RECENTLY_VIEWED_SHOWN = 6


def recently_viewed_products(request, *, exclude: Product | None = None) -> list[Product]:
    """The visitor's recently viewed products as cards, most recent first (at most 6).

    Reads Oscar's history cookie as Oscar does (up to
    OSCAR_RECENTLY_VIEWED_PRODUCTS ids) and loads them in one query with the
    card prefetches, instead of Oscar's list plus a few queries per card.
    """
    from oscar.core.loading import get_class

    history = get_class("customer.history", "CustomerHistoryManager")
    ids = [
        pk
        for pk in reversed(history.extract(request))
        if isinstance(pk, int) and (exclude is None or pk != exclude.pk)
    ]
    return product_cards(ids)[:RECENTLY_VIEWED_SHOWN]


def search_products(queryset: QuerySet[Product], query: str) -> QuerySet[Product]:
    """Narrow `queryset` to products whose text contains every word of `query`.

    Matching is on the accent-folded text, so "banh da" finds "Bánh đa" and
    NFD input behaves like NFC.
    """
    for word in fold(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def featured_products(*, limit: int) -> list[Product]:
    """Newest browsable products, for the home page until editors pick them."""
    return list(browsable_products().order_by("-date_created")[:limit])


def product_groups() -> list[Category]:
    """Top-level categories: the six OCOP product groups, in display order."""
    return list(Category.get_root_nodes().filter(is_public=True))


def group_category(group_number) -> Category | None:
    """The top-level shop category of an OCOP group number.

    Group categories carry the code `ocop-group-<n>` (storefront.demo); a shop
    set up by hand without those codes falls back to the n-th top-level
    category, since the groups are listed in their official order.
    """
    if not group_number:
        return None
    category = Category.objects.filter(code=f"ocop-group-{int(group_number)}").first()
    if category is not None:
        return category
    groups = product_groups()
    index = int(group_number) - 1
    return groups[index] if 0 <= index < len(groups) else None


# OCOP group 6 (community tourism, eco-tourism, tourist-spot services) is sold
# as experiences: tickets of this product class (no shipping), filed under the
# group's category, coded like every group category (storefront.demo).
EXPERIENCE_PRODUCT_CLASS = "trai-nghiem-du-lich"
EXPERIENCE_GROUP_CODE = "ocop-group-6"


def experience_filter() -> Q:
    """Products that are experiences: of the experience product class, or in OCOP group 6.

    Either is enough, so a ticket filed under another group, or a group 6
    product an editor made with another class, still counts. Group 6 is the
    category coded `ocop-group-6` and every category below it (treebeard
    paths), found inside the same query.
    """
    group_path = Category.objects.filter(code=EXPERIENCE_GROUP_CODE).values("path")[:1]
    in_group = Product.categories.through.objects.filter(
        category__path__startswith=Subquery(group_path)
    ).values("product_id")
    return Q(product_class__slug=EXPERIENCE_PRODUCT_CLASS) | Q(pk__in=in_group)


def is_experience(product: Product) -> bool:
    """Whether one product is an experience (as `experience_filter`).

    The product class answers without a query for tickets; other products
    are checked against group 6 in one query.
    """
    product_class = product.get_product_class()
    if product_class is not None and product_class.slug == EXPERIENCE_PRODUCT_CLASS:
        return True
    return Product.objects.filter(pk=product.pk).filter(experience_filter()).exists()


SORT_RATING = "rating"


def lowest_price():
    """A product's lowest price: of its stock records, or an experience's price per person."""
    return Coalesce(Min("stockrecords__price"), Min("experience__price_per_person"))


def sort_products(queryset: QuerySet[Product], order: str) -> QuerySet[Product]:
    """Order products; price sorts use the lowest stock-record price, rating the stars in force."""
    if order == SORT_RATING:
        return queryset.order_by(F("ocop_stars").desc(nulls_last=True), "-date_created", "-id")
    if order.lstrip("-") == "price_sort":
        queryset = queryset.annotate(price_sort=lowest_price())
    return queryset.order_by(order, "-id")


def in_category(queryset: QuerySet[Product], category: Category) -> QuerySet[Product]:
    """Products in `category` or below it.

    Sub-queries rather than a join, so no duplicates and no DISTINCT (the
    subtree is treebeard's path query, a subquery too).
    """
    return queryset.filter(
        pk__in=Product.categories.through.objects.filter(
            category__in=category.get_descendants_and_self()
        ).values("product_id")
    )


@dataclass(frozen=True)
class ProductFilters:
    """Validated listing filters (see catalogue.forms.ProductFilterForm)."""

    min_stars: int | None = None
    group: Category | None = None
    producer: Producer | None = None
    province: str = ""
    craft_village_id: int | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None


def filter_products(queryset: QuerySet[Product], filters: ProductFilters) -> QuerySet[Product]:
    """Apply every filter that is set; they combine with AND.

    Expects `queryset` from `browsable_products()` (for `ocop_stars`). The
    price range applies to a product's lowest price, the one its card shows.
    """
    if filters.min_stars:
        queryset = queryset.filter(ocop_stars__gte=filters.min_stars)
    if filters.group is not None:
        queryset = in_category(queryset, filters.group)
    if filters.producer is not None:
        queryset = queryset.filter(producer=filters.producer)
    if filters.province:
        queryset = queryset.filter(producer__province=filters.province)
    if filters.craft_village_id:
        queryset = queryset.filter(producer__craft_village_id=filters.craft_village_id)
    if filters.price_min is not None or filters.price_max is not None:
        queryset = queryset.annotate(min_price=lowest_price())
        if filters.price_min is not None:
            queryset = queryset.filter(min_price__gte=filters.price_min)
        if filters.price_max is not None:
            queryset = queryset.filter(min_price__lte=filters.price_max)
    return queryset


def product_with_certificates(product: Product) -> dict:
    """What the product and verification pages show about a product's OCOP status.

    `current` is the latest certificate in force (any stars); `badge` is it
    when it makes the product OCOP (3★+); `history` is every certificate,
    newest first, revoked and expired included.
    """
    history = list(product.certificates.all().order_by("-issue_date", "-id"))
    in_force = [c for c in history if c.is_in_force]
    current = in_force[0] if in_force else None
    return {
        "current": current,
        "badge": current if current and current.stars >= OCOP_MIN_STARS else None,
        "latest": history[0] if history else None,
        "history": history,
    }


def verifiable_product(code: str) -> Product | None:
    """The product behind a verification code (its product code, case-insensitive).

    Shown even when the certificate lapsed or the product was withdrawn, so a
    QR label in a shop never leads to a dead end; hidden only if the product
    never belonged to a verified producer's public catalogue.
    """
    return (
        Product.objects.filter(upc__iexact=code)
        .select_related("producer", "producer__craft_village")
        .prefetch_related("stockrecords__partner", "categories")
        .first()
    )


def provinces() -> list[str]:
    return list(
        Producer.objects.filter(status=Producer.Status.VERIFIED)
        .order_by("province")
        .values_list("province", flat=True)
        .distinct()
    )


def listing_producers() -> QuerySet[Producer]:
    return Producer.objects.filter(status=Producer.Status.VERIFIED).only("id", "name", "slug")


@dataclass(frozen=True)
class ProducerFilters:
    province: str = ""
    commune: str = ""
    legal_form: str = ""
    craft_village_id: int | None = None
    group: Category | None = None


def producer_directory(filters: ProducerFilters) -> QuerySet[Producer]:
    """Verified producers, with how many public products and OCOP products each has."""
    queryset = Producer.objects.filter(status=Producer.Status.VERIFIED).select_related(
        "craft_village"
    )
    if filters.province:
        queryset = queryset.filter(province=filters.province)
    if filters.commune:
        # Matched on folded text in Python: SQLite's icontains folds ASCII only,
        # and "dai lai" should find "Đại Lai" anyway.
        wanted = fold(filters.commune.strip())
        communes = set(Producer.objects.values_list("commune", flat=True))
        queryset = queryset.filter(commune__in=[c for c in communes if wanted in fold(c)])
    if filters.legal_form:
        queryset = queryset.filter(legal_form=filters.legal_form)
    if filters.craft_village_id:
        queryset = queryset.filter(craft_village_id=filters.craft_village_id)
    if filters.group is not None:
        queryset = queryset.filter(
            pk__in=Product.objects.filter(
                categories__in=filters.group.get_descendants_and_self()
            ).values("producer_id")
        )
    today = timezone.localdate()
    return queryset.annotate(
        product_count=Count("products", filter=Q(products__is_public=True), distinct=True),
        ocop_count=Count(
            "products",
            filter=Q(
                products__is_public=True,
                products__certificates__revoked=False,
                products__certificates__stars__gte=OCOP_MIN_STARS,
                products__certificates__issue_date__lte=today,
                products__certificates__expiry_date__gt=today,
            ),
            distinct=True,
        ),
    ).order_by("name")


def public_producer(slug: str) -> Producer | None:
    return (
        Producer.objects.filter(slug=slug, status=Producer.Status.VERIFIED)
        .select_related("craft_village")
        .first()
    )


def producer_products(producer: Producer) -> QuerySet[Product]:
    return browsable_products().filter(producer=producer).order_by("-ocop_stars", "title")


def producer_certificates(producer: Producer) -> QuerySet[OcopCertificate]:
    return (
        OcopCertificate.objects.filter(product__producer=producer)
        .select_related("product")
        .order_by("expiry_date")
    )


def expiring_certificates(*, today: date, days: int = 30) -> QuerySet[OcopCertificate]:
    """Certificates in force that expire within `days` days of `today`, soonest first."""
    return (
        certificates_in_force(today)
        .filter(expiry_date__lte=today + timedelta(days=days))
        .select_related("product", "product__producer")
        .order_by("expiry_date", "id")
    )


def expiring_by_month(*, today: date, months: int = 12) -> list[tuple[date, int]]:
    """(first day of the month, certificates in force expiring in it), this month first.

    One aggregate query; months with none are listed with 0.
    """
    first = today.replace(day=1)
    firsts = [first]
    for _ in range(months):
        last = firsts[-1]
        firsts.append(last.replace(year=last.year + last.month // 12, month=last.month % 12 + 1))
    counts = {
        row["month"]: row["n"]
        for row in certificates_in_force(today)
        .filter(expiry_date__lt=firsts[-1])
        .annotate(month=TruncMonth("expiry_date"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [(month, counts.get(month, 0)) for month in firsts[:-1]]
