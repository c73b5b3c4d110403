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
from django.db.models import Case, Count, F, FloatField, IntegerField, Min, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency
from wagtail.models import Locale, Page

from catalogue import selectors
from catalogue.models import Category, CraftVillage, Product
from storefront.text import fold

# pg_trgm word similarity from which a query word that does not occur counts
# as a typo of one that does: "nen"/"nem" score 0.5, "banh"/"tranh" 0.4 and
# "kem"/"nem" 0.25, so one wrong letter in a short word passes and a
# different word does not.
TYPO_SIMILARITY = 0.5
SUGGESTION_SIMILARITY = 0.2
MAX_QUERY_LENGTH = 100
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


def match_products(queryset: QuerySet[Product], query: str) -> QuerySet[Product]:
    """Products matching `query`, best first.

    Every word of the query must occur in the folded text; on PostgreSQL a
    word may instead be similar enough to a word there to be a typo ("nen"
    for "nem"). Rank 3: the text starts with the query; 2: every word occurs;
    1: matched through a typo. Ties go to the higher similarity, then newest.
    """
    folded = fold(query)
    words = folded.split()
    if not words:
        return queryset.none()
    every_word = Q()
    for word in words:
        every_word &= Q(search_text__contains=word)
    rank = Case(
        When(search_text__startswith=folded, then=Value(3)),
        When(every_word, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    if uses_trigrams():
        from django.contrib.postgres.search import TrigramWordSimilarity

        similarities = {
            f"similarity_{i}": TrigramWordSimilarity(word, "search_text")
            for i, word in enumerate(words)
        }
        each_word_or_typo = Q()
        for i, word in enumerate(words):
            each_word_or_typo &= Q(search_text__contains=word) | Q(
                **{f"similarity_{i}__gte": TYPO_SIMILARITY}
            )
        queryset = (
            queryset.annotate(**similarities)
            .filter(each_word_or_typo)
            .annotate(similarity=sum(F(name) for name in similarities))
        )
    else:
        queryset = queryset.filter(every_word).annotate(
            similarity=Value(0.0, output_field=FloatField())
        )
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "-similarity", "-id")


def suggest_products(query: str, *, limit: int = 4) -> list[Product]:
    """Nearest products when nothing matched: any one word, or similar text."""
    words = fold(query).split()
    if not words:
        return []
    queryset = selectors.browsable_products()
    if uses_trigrams():
        from django.contrib.postgres.search import TrigramWordSimilarity

        queryset = (
            queryset.annotate(similarity=TrigramWordSimilarity(fold(query), "search_text"))
            .filter(similarity__gte=SUGGESTION_SIMILARITY)
            .order_by("-similarity", "-id")
        )
    else:
        any_word = Q()
        for word in words:
            any_word |= Q(search_text__contains=word)
        queryset = queryset.filter(any_word).order_by("-id")
    return list(queryset[:limit])


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
    pages: list[Page] = field(default_factory=list)
    others: dict[str, list] = field(default_factory=dict)
    suggestions: list[Product] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            self.product_count
            + len(self.villages)
            + len(self.pages)
            + sum(len(items) for items in self.others.values())
        )


def product_facets(queryset: QuerySet[Product], selected: dict[str, str]) -> dict[str, list[Facet]]:
    """Counts per OCOP product group and per price band, for the matched products."""
    groups = selectors.product_groups()
    group_counts = dict(
        queryset.order_by()
        .values("categories__path")
        .annotate(n=Count("id", distinct=True))
        .values_list("categories__path", "n")
    )
    group_facets = []
    for group in groups:
        count = sum(n for path, n in group_counts.items() if path and path.startswith(group.path))
        if count:
            key = str(group.pk)
            group_facets.append(Facet(key, group.name, count, selected.get("group") == key))
    priced = queryset.order_by().annotate(min_price=Min("stockrecords__price"))
    band_counts = priced.aggregate(
        **{
            f"band_{i}": Count(
                "id",
                filter=Q(min_price__gte=low) & (Q(min_price__lt=high) if high else Q()),
            )
            for i, (_key, low, high) in enumerate(PRICE_BANDS)
        }
    )
    price_facets = [
        Facet(
            key, price_band_label(low, high), band_counts[f"band_{i}"], selected.get("price") == key
        )
        for i, (key, low, high) in enumerate(PRICE_BANDS)
        if band_counts[f"band_{i}"]
    ]
    return {"group": group_facets, "price": price_facets}


def apply_product_filters(queryset: QuerySet[Product], selected: dict[str, str]) -> QuerySet:
    group_id = selected.get("group", "")
    if group_id.isdigit():
        group = Category.objects.filter(pk=int(group_id)).first()
        if group is not None:
            queryset = queryset.filter(categories__path__startswith=group.path).distinct()
    for key, low, high in PRICE_BANDS:
        if selected.get("price") == key:
            queryset = queryset.annotate(min_price=Min("stockrecords__price")).filter(
                min_price__gte=low
            )
            if high is not None:
                queryset = queryset.filter(min_price__lt=high)
    return queryset


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


def search_everything(
    raw_query: str, *, language: str, filters: dict[str, str], product_limit: int = 24
) -> SearchResults:
    query = normalise_query(raw_query)
    results = SearchResults(query=query)
    if not fold(query).strip():
        return results
    products = match_products(selectors.browsable_products(), query)
    results.facets = product_facets(products, filters)
    products = apply_product_filters(products, filters)
    results.product_count = products.count()
    results.products = list(products[:product_limit])
    results.villages = search_villages(query)
    results.pages = search_pages(query, language)
    if not results.total:
        results.suggestions = suggest_products(query)
        results.categories = selectors.product_groups()
    return results
