"""Read queries of the content pages: what a page shows from the shop.

Pages never copy shop data (addresses, hours, product lists): they point at
the shop's records and read them here on every request, so a page and the
checkout can never disagree. Product queries build on
`catalogue.selectors.browsable_products()`, which keeps the query count of a
product listing flat whatever its length.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from oscar.core.loading import get_model
from wagtail.models import Locale, Page

from catalogue import selectors as catalogue_selectors
from catalogue.models import CraftVillage, Producer, Product
from storefront.partner import selectors as store_selectors
from storefront.partner.strategy import my_store_id

StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

# Order of the rules an editor can pick for an automatic product list.
RULE_NEWEST = "newest"
RULE_STARS = "stars"
RULE_GROUP = "group"
RULE_EDITOR = "editor"


def in_stock_somewhere() -> Exists:
    """True when any store has a unit that is not already allocated to an order."""
    return Exists(
        StockRecord.objects.filter(
            product=OuterRef("pk"), num_in_stock__gt=Coalesce(F("num_allocated"), 0)
        )
    )


def listed_products() -> QuerySet[Product]:
    """Public products for content pages: in-stock-somewhere first, then best rated."""
    return (
        catalogue_selectors.browsable_products()
        .annotate(in_stock=in_stock_somewhere())
        .order_by(
            F("in_stock").desc(),
            F("ocop_stars").desc(nulls_last=True),
            "-date_created",
            "-id",
        )
    )


# OCOP ratings from best down, then the rest (below 3★ or unrated, rare and
# never shown as OCOP): the current rating is computed from the date, so no
# index sorts on it, but each rating can be scanned newest-first.
STAR_LEVELS = (5, 4, 3, None)
NEWEST = ("-date_created", "-id")


def _star_levels(min_stars: int | None) -> list[int | None]:
    """The levels that can hold products rated `min_stars` or more (None: the rest)."""
    if not min_stars or min_stars < STAR_LEVELS[-2]:
        return list(STAR_LEVELS)
    return [level for level in STAR_LEVELS if level is not None and level >= min_stars]


def _at_level(
    queryset: QuerySet[Product], level: int | None, *, min_stars: int | None = None
) -> QuerySet[Product]:
    """Products rated `level`, newest first; for None, the rest, best rated first."""
    if level is not None:
        return queryset.filter(pk__in=catalogue_selectors.rated_at(level)).order_by(*NEWEST)
    rest = queryset.exclude(pk__in=catalogue_selectors.rated_at_least(STAR_LEVELS[-2]))
    if min_stars:
        rest = rest.filter(ocop_stars__gte=min_stars)
    return rest.order_by(F("ocop_stars").desc(nulls_last=True), *NEWEST)


def _by_stock(queryset: QuerySet[Product]) -> list[QuerySet[Product]]:
    """In stock somewhere, then not: the two halves of an "in stock first" order."""
    return [queryset.filter(in_stock_somewhere()), queryset.filter(~in_stock_somewhere())]


def products_by_rule(
    *,
    rule: str,
    limit: int,
    group=None,
    min_stars: int | None = None,
    producer: Producer | None = None,
    craft_village: CraftVillage | None = None,
    experiences: bool | None = None,
) -> list[Product]:
    """A product list chosen by rule: newest, best rated, or filtered.

    Filters combine with AND (through `catalogue.selectors.filter_products`);
    `experiences` keeps only experiences (True), leaves them out (False) or
    ignores the difference (None; see `catalogue.selectors.experience_filter`).
    Products that cannot be bought anywhere sort last rather than vanish, so
    a village with only sold-out products still shows what it makes.

    Orders: newest — in stock first, then newest; best rated — stars (unrated
    last), then in stock first, then newest; otherwise as `listed_products`.
    Each order is read as a sequence of newest-first scans (one per stock
    state and star level) that stop once `limit` products are found
    (`catalogue.selectors.first_ids`): one query for the ids and one for the
    cards, whatever the size of the catalogue, instead of rating and sorting
    every product.
    """
    # `min_stars` is applied through the star levels read, not as a filter.
    queryset = catalogue_selectors.filter_products(
        catalogue_selectors.browsable_products(),
        catalogue_selectors.ProductFilters(
            group=group,
            producer=producer,
            craft_village_id=craft_village.pk if craft_village else None,
        ),
    )
    if experiences is not None:
        experience = catalogue_selectors.experience_filter()
        queryset = queryset.filter(experience) if experiences else queryset.exclude(experience)
    if producer is not None or craft_village is not None:
        # One producer's or village's products are few: one sorted query
        # reads them faster than planning a scan per star level.
        return list(_sorted_by_rule(queryset, rule=rule, min_stars=min_stars)[:limit])
    levels = _star_levels(min_stars)
    if rule == RULE_NEWEST:
        if min_stars:
            queryset = queryset.filter(ocop_stars__gte=min_stars)
        arms = [half.order_by(*NEWEST) for half in _by_stock(queryset)]
    elif rule == RULE_STARS:
        arms = [half for level in levels if level for half in _by_stock(_at_level(queryset, level))]
        if None in levels:
            # The rest mixes ratings, so stock cannot split it: one sort, rarely read.
            rest = _at_level(queryset, None, min_stars=min_stars)
            stars = F("ocop_stars").desc(nulls_last=True)
            rest = rest.annotate(in_stock=in_stock_somewhere())
            arms.append(rest.order_by(stars, F("in_stock").desc(), *NEWEST))
    else:
        arms = [
            _at_level(half, level, min_stars=min_stars)
            for half in _by_stock(queryset)
            for level in levels
        ]
    ids = catalogue_selectors.first_ids(arms, limit=limit)
    return catalogue_selectors.in_order(listed_products(), ids)


def _sorted_by_rule(queryset: QuerySet[Product], *, rule: str, min_stars: int | None):
    """The order of `products_by_rule` as one ORDER BY, for small sets of products."""
    queryset = queryset.annotate(in_stock=in_stock_somewhere())
    if min_stars:
        queryset = queryset.filter(ocop_stars__gte=min_stars)
    stars = F("ocop_stars").desc(nulls_last=True)
    if rule == RULE_NEWEST:
        return queryset.order_by(F("in_stock").desc(), *NEWEST)
    if rule == RULE_STARS:
        return queryset.order_by(stars, F("in_stock").desc(), *NEWEST)
    return queryset.order_by(F("in_stock").desc(), stars, *NEWEST)


def chosen_products(product_ids: list[int]) -> list[Product]:
    """Products an editor picked, in the editor's order, leaving out any no longer public."""
    if not product_ids:
        return []
    by_id = {p.pk: p for p in listed_products().filter(pk__in=product_ids)}
    return [by_id[pk] for pk in product_ids if pk in by_id]


def picks_then_rule(*, product_ids: list[int], limit: int, **rule) -> list[Product]:
    """Editor's picks first, then products by rule until `limit`, without duplicates."""
    picks = chosen_products(product_ids)[:limit]
    if len(picks) >= limit or rule.get("rule") == RULE_EDITOR:
        return picks
    seen = {p.pk for p in picks}
    extra = products_by_rule(limit=limit + len(picks), **rule)
    return picks + [p for p in extra if p.pk not in seen][: limit - len(picks)]


def five_star_products(*, limit: int) -> list[Product]:
    return products_by_rule(rule=RULE_STARS, limit=limit, min_stars=5)


# --- craft villages ---------------------------------------------------------


def village_producers(village: CraftVillage) -> list[Producer]:
    """Verified producers of a village, with how many public products each has."""
    return list(
        catalogue_selectors.producer_directory(
            catalogue_selectors.ProducerFilters(craft_village_id=village.pk)
        )
    )


VILLAGE_PRODUCTS = 12
VILLAGE_EXPERIENCES = 6


def village_offer(village: CraftVillage) -> dict[str, list[Product]]:
    """What a craft village page sells: its producers' goods and their experiences.

    `products`: goods, best rated first (sold-out last); `experiences`: OCOP
    group 6 products (tickets) of the village's producers, newest first; each
    product in one list only. Both are product cards, with prices and stock
    read through the shop like every listing.
    """
    return {
        "products": products_by_rule(
            rule=RULE_STARS, limit=VILLAGE_PRODUCTS, craft_village=village, experiences=False
        ),
        "experiences": products_by_rule(
            rule=RULE_NEWEST, limit=VILLAGE_EXPERIENCES, craft_village=village, experiences=True
        ),
    }


def village_page_for(village: CraftVillage | None, *, language: str | None = None) -> Page | None:
    """The live craft village page about `village` in the active language (or Vietnamese).

    This is the product → village half of the two-way link: the catalogue
    only knows a producer's village record, and this finds its page.
    """
    if not village:  # None, or "" from a template whose product has no producer
        return None
    from cms.models import CraftVillagePage  # models import this module

    language = language or translation.get_language() or settings.LANGUAGE_CODE
    pages = {
        page.locale.language_code: page
        for page in CraftVillagePage.objects.live()
        .public()
        .filter(craft_village=village)
        .select_related("locale")
    }
    return pages.get(language) or pages.get(settings.LANGUAGE_CODE)


# --- stores -----------------------------------------------------------------


@dataclass
class StoreDetails:
    """What a store page shows about a store, read from its shop record."""

    name: str
    address: str = ""
    phone: str = ""
    latitude: float | None = None
    longitude: float | None = None
    opening_hours: list[dict] = field(default_factory=list)
    is_open_now: bool = False

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def store_details(partner, *, now: datetime | None = None) -> StoreDetails:
    """Address, position, hours and "open now" of a store, from the shop's record.

    Reads the store fields of the shop's partner fork (`address_line`,
    `latitude`, `longitude`, `phone`, `opening_hours`) and falls back to
    Oscar's standard partner address; "open now" comes from the stores
    selector (`storefront.partner.selectors.is_open_now`) when it exists, so
    the store page says exactly what checkout uses. Prefetch
    `opening_hours` and `closures` when listing several stores.
    """
    details = StoreDetails(name=partner.name)
    details.address = partner.address_line
    if not details.address:
        address = partner.primary_address
        if address is not None:
            details.address = ", ".join(
                part for part in address.active_address_fields() if part and part != "Vietnam"
            )
    details.phone = partner.phone
    if partner.latitude is not None and partner.longitude is not None:
        details.latitude, details.longitude = float(partner.latitude), float(partner.longitude)
    details.opening_hours = _opening_hours(partner)
    details.is_open_now = _is_open_now(partner, now or timezone.now())
    return details


def _opening_hours(partner) -> list[dict]:
    """Monday to Sunday, closed days included, as the stores selector gives them."""
    return [
        {
            "weekday": day.weekday,
            "label": day.label,
            "opens": day.opens,
            "closes": day.closes,
            "closed": day.is_closed,
        }
        for day in store_selectors.weekly_hours(partner)
    ]


def _is_open_now(partner, now: datetime) -> bool:
    return store_selectors.is_open_now(partner, at=now)


def store_products(partner, *, limit: int) -> dict[str, list[Product]]:
    """ "In stock here" (best rated, then newest) and "popular here" (most bought) for one store.

    Read like `products_by_rule`: newest-first scans per star level that stop
    at `limit`, so a store holding 20,000 products costs what one holding 20 does.
    """
    here = StockRecord.objects.filter(
        partner=partner, product=OuterRef("pk"), num_in_stock__gt=Coalesce(F("num_allocated"), 0)
    )
    stocked = catalogue_selectors.browsable_products().filter(Exists(here))
    in_stock = catalogue_selectors.first_ids(
        [_at_level(stocked, level) for level in STAR_LEVELS], limit=limit
    )
    stars = F("ocop_stars").desc(nulls_last=True)
    bought = stocked.filter(stats__isnull=False).order_by(
        F("stats__num_purchases").desc(), stars, *NEWEST
    )
    # Read only when fewer than four products here were ever bought.
    never_bought = stocked.filter(stats__isnull=True).order_by(stars, *NEWEST)
    popular = catalogue_selectors.first_ids([bought, never_bought], limit=4)
    cards = catalogue_selectors.in_order(listed_products(), list(dict.fromkeys(in_stock + popular)))
    by_id = {product.pk: product for product in cards}
    return {
        "in_stock": [by_id[pk] for pk in in_stock if pk in by_id],
        "popular": [by_id[pk] for pk in popular if pk in by_id],
    }


def store_page_for(partner, *, language: str | None = None) -> Page | None:
    """The live store page of a store in the active language (or Vietnamese)."""
    if partner is None:
        return None
    from cms.models import StorePage

    language = language or translation.get_language() or settings.LANGUAGE_CODE
    pages = {
        page.locale.language_code: page
        for page in StorePage.objects.live().filter(store=partner).select_related("locale")
    }
    return pages.get(language) or pages.get(settings.LANGUAGE_CODE)


# --- pages ------------------------------------------------------------------


def pages_in_locale(model, *, limit: int | None = None, order=("path",), related=()) -> list[Page]:
    """Live, public pages of one type in the active language, with Vietnamese fallback.

    A page that has no translation in the active language still appears in
    its Vietnamese version, so a half-translated site shows no holes.
    `related`: foreign keys the cards show (picture, village record), read
    in the same query rather than once per card.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    pages = (
        model.objects.live()
        .public()
        .filter(Q(locale__language_code=language) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .select_related("locale", *related)
        .order_by(*order)
    )
    chosen: dict = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            chosen[page.translation_key] = page
    result = list(chosen.values())
    return result[:limit] if limit else result


def children_with_fallback(index: Page, *, model=None) -> QuerySet:
    """Live, public children of an index page, plus its Vietnamese source's children
    that have no live translation under it: the one listing query of every index page.

    On an English index a Vietnamese page nobody has translated yet is listed
    (in Vietnamese; the card says so) instead of silently missing, and
    `untranslated_child` serves it under the index's own address. `model`: the
    children's page type, to read its fields (picture, date) in the same query;
    the caller orders the result.
    """
    model = model or Page
    children = model.objects.child_of(index).live().public()
    source = _source_of(index)
    if source is None:
        return children
    translated = Page.objects.child_of(index).live().values("translation_key")
    untranslated = (
        model.objects.child_of(source).live().public().exclude(translation_key__in=translated)
    )
    return children | untranslated


def _source_of(index: Page) -> Page | None:
    """The Vietnamese page an index in another language translates, or None."""
    if index.locale.language_code == settings.LANGUAGE_CODE:
        return None
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    return index.get_translation_or_none(locale) if locale else None


def untranslated_child(index: Page, slug: str) -> Page | None:
    """The Vietnamese child, by its slug, that an index in another language lists in
    Vietnamese (see `children_with_fallback`), or None.

    None when the index is Vietnamese, when no live, public child of its source
    has this slug, or when that child has a live translation under the index
    (which has its own address).
    """
    source = _source_of(index)
    if source is None:
        return None
    child = source.get_children().live().public().filter(slug=slug).specific().first()
    if child is None:
        return None
    translated = Page.objects.child_of(index).live().filter(translation_key=child.translation_key)
    return None if translated.exists() else child


def fallback_urls(pages, *, language: str, request=None) -> dict[int, str]:
    """Where pages with no translation in `language` are read in it: {page id: URL}.

    A Vietnamese page whose section index has a live `language` translation is
    served under it (`/en/news/<its slug>/`, by `SectionIndexPage.route`), so
    the header, footer and language switch stay in the reader's language.
    Pages in `language` already, pages under no translated section index, and
    pages whose slug an existing child of that index already takes, are left
    out (they are read at their own address). Two queries, whatever the count.
    """
    from cms.models import SectionIndexPage  # models import this module

    waiting = [page for page in pages if page.locale.language_code != language]
    if not waiting:
        return {}
    steplen = Page.steplen
    parent_paths = {page.path[:-steplen] for page in waiting}
    source_path = Page.objects.filter(
        translation_key=OuterRef("translation_key"), path__in=parent_paths
    ).values("path")[:1]
    indexes = {
        index.source_path: index
        for index in Page.objects.live()
        .filter(
            locale__language_code=language,
            translation_key__in=Page.objects.filter(path__in=parent_paths).values(
                "translation_key"
            ),
        )
        .annotate(source_path=Subquery(source_path))
        if issubclass(index.specific_class or Page, SectionIndexPage)
    }
    placed = [
        (page, indexes[page.path[:-steplen]]) for page in waiting if page.path[:-steplen] in indexes
    ]
    if not placed:
        return {}
    taken_q = Q()
    for page, index in placed:
        taken_q |= Q(path__startswith=index.path, depth=index.depth + 1, slug=page.slug)
    taken = set(Page.objects.filter(taken_q).values_list("path", "slug"))
    taken = {(path[:-steplen], slug) for path, slug in taken}
    return {
        page.pk: f"{index.get_url(request)}{page.slug}/"
        for page, index in placed
        if (index.path, page.slug) not in taken
    }


def with_listed_urls(pages, request=None) -> list[Page]:
    """The pages, each given `listed_url`: where a card of the active language links to
    (`fallback_urls` for untranslated pages; empty, for the page's own URL, otherwise)."""
    pages = list(pages)
    language = translation.get_language() or settings.LANGUAGE_CODE
    urls = fallback_urls(pages, language=language, request=request)
    for page in pages:
        page.listed_url = urls.get(page.pk, "")
    return pages


def store_with_hours(store_id: int):
    """A store with its opening hours and closures prefetched (details, "open now", closures)."""
    return store_selectors.stores().get(pk=store_id)


def upcoming_closures(partner) -> list:
    return store_selectors.upcoming_closures(partner)


def store_shopping(partner, request) -> dict:
    """What a shopper needs beside the details: closures ahead, whether it is "my store",
    and every product in stock there (title and free units, up to 200)."""
    return {
        "closures": upcoming_closures(partner),
        "is_my_store": my_store_id(request) == partner.pk,
        "stock": store_selectors.stock_in_store(partner)[:200],
    }
