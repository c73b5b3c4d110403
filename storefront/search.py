"""One search box: products, producers, craft villages, stores and pages.

Products are matched in the database on `Product.search_text`, the accent-
folded title and codes (see catalogue.models), so the query is folded the same
way and "banh da", "bánh đa" and NFD input all match. On PostgreSQL a trigram
word similarity also admits small typos ("banh da nen"); exact and prefix
matches rank first. The other kinds are small sets (tens to hundreds of rows),
folded and matched in Python so they need no extra columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Min, Q, Subquery
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency
from wagtail.models import Locale, Page

from catalogue import selectors
from catalogue.models import Category, CraftVillage, Producer, Product, ProductCategory
from storefront.partner.models import Partner
from storefront.text import fold

# pg_trgm word similarity from which a query word that does not occur counts
# as a typo of one that does: "nen"/"nem" score 0.5, "banh"/"tranh" 0.4 and
# "kem"/"nem" 0.25, so one wrong letter in a short word passes and a
# different word does not.
TYPO_SIMILARITY = 0.5
# The site search looks for typos only when exact matching finds fewer
# products than this: a typo search scores thousands of rows for a common
# word, and "banh" need not also list every "bang".
TYPO_FALLBACK_BELOW = 5
MAX_QUERY_LENGTH = 100
SUGGESTION_POOL = 200
PRICE_BANDS = (  # key, lowest price, price it stays under
    ("0-100000", Decimal(0), Decimal(100_000)),
    ("100000-300000", Decimal(100_000), Decimal(300_000)),
    ("300000-1000000", Decimal(300_000), Decimal(1_000_000)),
    ("1000000-", Decimal(1_000_000), None),
)


def price_band_label(low: Decimal, high: Decimal | None) -> str:
    """ "Dưới 100.000 ₫" / "Under ₫100,000": amounts formatted for the active language."""
    if not low:
        return _("Under %(price)s") % {"price": currency(high)}
    if high is None:
        return _("%(price)s and over") % {"price": currency(low)}
    return _("%(low)s to %(high)s") % {"low": currency(low), "high": currency(high)}


def normalise_query(raw: str) -> str:
    """The query as the user meant it: trimmed, one space between words, bounded."""
    return re.sub(r"\s+", " ", raw or "").strip()[:MAX_QUERY_LENGTH]


def uses_trigrams() -> bool:
    return connection.vendor == "postgresql"


def _word_matches(word: str) -> Q:
    """The word occurs, or (PostgreSQL, 3+ letters) a word within a typo of it does.

    Both sides are served by the trigram GIN index: LIKE '%word%' and the
    word-similarity operator (`search_text %> word`, threshold set per
    connection in storefront.apps), so PostgreSQL ORs two index scans.
    """
    condition = Q(search_text__contains=word)
    if uses_trigrams() and len(word) >= 3:
        condition |= Q(search_text__trigram_word_similar=word)
    return condition


def suggest_products(query: str, *, limit: int = 4) -> list[Product]:
    """Nearest products when nothing matched: those matching any one word (or its typo)."""
    words = fold(query).split()
    if not words:
        return []
    any_word = Q()
    for word in words:
        any_word |= _word_matches(word)
    matches = Product.objects.browsable().filter(any_word)
    if uses_trigrams():
        from django.contrib.postgres.search import TrigramWordSimilarity

        # Similarity is computed for at most SUGGESTION_POOL candidates (the
        # newest): a query with a common word would otherwise score thousands.
        pool = matches.order_by("-id").values("id")[:SUGGESTION_POOL]
        matches = (
            Product.objects.filter(id__in=Subquery(pool))
            .annotate(similarity=sum(TrigramWordSimilarity(word, "search_text") for word in words))
            .order_by("-similarity", "-id")
        )
    else:
        matches = matches.order_by("-id")
    # Rank on ids only, then load the few products shown: sorting whole
    # product rows of a broad match costs ten times more.
    ids = list(matches.values_list("id", flat=True)[:limit])
    loaded = selectors.browsable_products().in_bulk(ids)
    return [loaded[pk] for pk in ids if pk in loaded]


@dataclass
class Facet:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: str
    products: Sequence[Product] = ()
    product_count: int = 0
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    villages: list[CraftVillage] = field(default_factory=list)
    producers: list[Producer] = field(default_factory=list)
    stores: list = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    suggestions: list[Product] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            self.product_count
            + len(self.villages)
            + len(self.producers)
            + len(self.stores)
            + len(self.pages)
        )


@dataclass
class _Hit:
    product_id: int
    min_price: Decimal | None
    stars: int | None
    province: str | None
    groups: set[int] = field(default_factory=set)


def _price_band(price: Decimal | None) -> str | None:
    if price is None:
        return None
    for key, low, high in PRICE_BANDS:
        if price >= low and (high is None or price < high):
            return key
    return None


def _rank(text: str, folded: str, words: list[str]) -> int:
    if text.startswith(folded):
        return 3
    if all(word in text for word in words):
        return 2
    return 1


def _hit_rows(words: list[str], *, typos: bool) -> list[tuple]:
    # Words under three letters cannot use the trigram index, and "da" occurs
    # in most texts: they are checked on the fetched text instead, unless the
    # query has nothing longer.
    indexed = [word for word in words if len(word) >= 3] or words
    matched = selectors.public_products()
    for word in indexed:
        matched = matched.filter(_word_matches(word) if typos else Q(search_text__contains=word))
    rows = matched.annotate(min_price=Min("stockrecords__price")).values_list(
        "id", "search_text", "min_price", "producer__province"
    )
    short = [word for word in words if word not in indexed]
    return [row for row in rows if all(word in (row[1] or "") for word in short)]


def _product_hits(query: str, groups: list[Category]) -> list[_Hit]:
    """Every matching product's id, lowest price, rating, province and groups, best first.

    Three queries whatever the number of matches (ranked ids with prices,
    certificates in force, category memberships); facets, filters and the
    count are then worked out from these rows, and only the page shown is
    loaded as full products.
    """
    folded = fold(query)
    words = folded.split()
    rows = _hit_rows(words, typos=False)
    if len(rows) < TYPO_FALLBACK_BELOW and uses_trigrams():
        # Few exact matches: admit typos too. Exact matches still rank first.
        rows = _hit_rows(words, typos=True)
    # Ranked here rather than in SQL: prefix match, then every word, then typo,
    # newest first within each, without a similarity computed for every row.
    ranked = sorted(
        rows,
        key=lambda row: (-_rank(row[1] or "", folded, words), -row[0]),
    )
    hits = [_Hit(pk, price, None, province) for pk, _text, price, province in ranked]
    if not hits:
        return hits
    by_id = {hit.product_id: hit for hit in hits}
    ids = list(by_id)
    # The rating in force is the latest certificate in force: read them in
    # issue order and let the later one win.
    for product_id, stars in (
        selectors.certificates_in_force()
        .filter(product_id__in=ids)
        .order_by("issue_date", "id")
        .values_list("product_id", "stars")
    ):
        by_id[product_id].stars = stars
    paths = {group.path: group.pk for group in groups}
    memberships = ProductCategory.objects.filter(product_id__in=ids).values_list(
        "product_id", "category__path"
    )
    for product_id, path in memberships:
        group_id = paths.get(path[: Category.steplen])
        if group_id is not None:
            by_id[product_id].groups.add(group_id)
    return hits


def _facets(
    hits: list[_Hit], selected: dict[str, str], groups: list[Category]
) -> dict[str, list[Facet]]:
    group_facets = []
    for group in groups:
        count = sum(1 for hit in hits if group.pk in hit.groups)
        if count:
            key = str(group.pk)
            group_facets.append(Facet(key, group.name, count, selected.get("group") == key))
    price_facets = []
    for key, low, high in PRICE_BANDS:
        count = sum(1 for hit in hits if _price_band(hit.min_price) == key)
        if count:
            label = price_band_label(low, high)
            price_facets.append(Facet(key, label, count, selected.get("price") == key))
    star_facets = []
    for stars in (5, 4, 3):
        count = sum(1 for hit in hits if (hit.stars or 0) >= stars)
        if count:
            key = str(stars)
            label = _("%(stars)s★ and above") % {"stars": stars}
            star_facets.append(Facet(key, label, count, selected.get("stars") == key))
    provinces: dict[str, int] = {}
    for hit in hits:
        if hit.province:
            provinces[hit.province] = provinces.get(hit.province, 0) + 1
    province_facets = [
        Facet(name, name, count, selected.get("province") == name)
        for name, count in sorted(provinces.items(), key=lambda item: fold(item[0]))
    ]
    return {
        "group": group_facets,
        "stars": star_facets,
        "province": province_facets,
        "price": price_facets,
    }


def _filtered(hits: list[_Hit], selected: dict[str, str]) -> list[_Hit]:
    group = selected.get("group", "")
    if group.isdigit():
        hits = [hit for hit in hits if int(group) in hit.groups]
    stars = selected.get("stars", "")
    if stars in ("3", "4", "5"):
        hits = [hit for hit in hits if (hit.stars or 0) >= int(stars)]
    province = selected.get("province", "")
    if province:
        hits = [hit for hit in hits if hit.province == province]
    price = selected.get("price", "")
    if any(price == key for key, _low, _high in PRICE_BANDS):
        hits = [hit for hit in hits if _price_band(hit.min_price) == price]
    return hits


def fold_match(items: Iterable, texts: Callable[[object], Iterable[str]], query: str) -> list:
    """Items any of whose texts contain every word of `query`, accent-folded."""
    words = fold(query).split()
    matched = []
    for item in items:
        haystack = " ".join(fold(text or "") for text in texts(item))
        if words and all(word in haystack for word in words):
            matched.append(item)
    return matched


def search_pages(query: str, language: str, *, limit: int = 10) -> list[Page]:
    locale = Locale.objects.filter(language_code=language).first()
    pages = Page.objects.live().public().filter(depth__gt=1)
    if locale is not None:
        pages = pages.filter(locale=locale)
    pages = pages.only("id", "title", "seo_title", "search_description", "url_path", "locale")
    return fold_match(pages, lambda p: (p.title, p.seo_title, p.search_description), query)[:limit]


def search_villages(query: str) -> list[CraftVillage]:
    return fold_match(
        CraftVillage.objects.all(),
        lambda v: (v.name_vi, v.name_en, v.crafts_vi, v.crafts_en, v.commune),
        query,
    )


def search_producers(query: str, *, limit: int = 10) -> list[Producer]:
    producers = Producer.objects.filter(status=Producer.Status.VERIFIED).select_related(
        "craft_village"
    )
    return fold_match(
        producers,
        lambda p: (
            p.name,
            p.commune,
            p.province,
            p.old_district,
            p.craft_village.name_vi if p.craft_village else "",
        ),
        query,
    )[:limit]


def search_stores(query: str, *, limit: int = 10) -> list:
    stores = Partner.objects.only("id", "name", "slug", "street", "commune", "province")
    return fold_match(
        stores.order_by("name"),
        lambda s: (s.name, s.street, s.commune, s.province),
        query,
    )[:limit]


def search_everything(
    raw_query: str, *, language: str, filters: dict[str, str], product_limit: int = 24
) -> SearchResults:
    query = normalise_query(raw_query)
    results = SearchResults(query=query)
    if not fold(query).strip():
        return results
    groups = selectors.product_groups()
    hits = _product_hits(query, groups)
    results.facets = _facets(hits, filters, groups)
    shown = _filtered(hits, filters)
    results.product_count = len(shown)
    page_ids = [hit.product_id for hit in shown[:product_limit]]
    loaded = selectors.browsable_products().in_bulk(page_ids)
    results.products = [loaded[pk] for pk in page_ids if pk in loaded]
    results.villages = search_villages(query)
    results.producers = search_producers(query)
    results.stores = search_stores(query)
    results.pages = search_pages(query, language)
    if not results.total:
        results.suggestions = suggest_products(query)
        results.categories = groups
    return results
