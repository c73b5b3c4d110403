"""One search box: products, producers, craft villages, stores and pages.

Products are matched on `Product.search_text`, the accent-folded titles and
codes (see catalogue.models), so the query is folded the same way and "banh
da", "bánh đa" and NFD input all match: in the database by default, or on a
search server through Wagtail's search framework (settings.SEARCH_URL). A
query word may also be a small typo of a known word ("banh da nen"): it is
compared in Python with the cached vocabulary of product words
(catalogue.SearchWord), the same way on SQLite and PostgreSQL, and the close
words found are matched like any word. A title holding the query as typed
ranks first. The other kinds are small sets (tens to hundreds of rows),
folded once, cached, and matched in Python.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, StrIndex
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency
from rapidfuzz import process
from rapidfuzz.distance import OSA
from wagtail.models import Locale, Page

from catalogue import selectors
from catalogue.models import (
    Category,
    CraftVillage,
    Producer,
    Product,
    ProductCategory,
    SearchWord,
)
from storefront.partner.models import Partner, StockRecord
from storefront.text import fold, nfc

# Edits (a letter added, dropped, changed, or two swapped) from which a known
# word no longer counts as a typo of a query word: one for words of up to five
# letters ("nen" → "nem", "trnah" → "tranh"), two for longer ones. Most
# Vietnamese syllables are that short and one edit apart from another real
# word, hence also the rule that the first letter is kept (`typo_corrections`).
TYPO_EDITS_SHORT = 1
TYPO_EDITS_LONG = 2
TYPO_LONG_FROM = 6
# The site search looks for typos only when exact matching finds fewer
# products than this: "banh" need not also list every "bang".
TYPO_FALLBACK_BELOW = 5
# Known words tried in place of one mistyped word, closest first.
MAX_CORRECTIONS = 8
# Matches taken from a search server (Elasticsearch's default result window).
SEARCH_SERVER_MAX_HITS = 10_000
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


def typo_corrections(
    words: Iterable[str], *, vocabulary: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """Known words within a small typo of each query word of 3+ letters, closest first.

    "nen" → ["nem", "nep", "net"], "trnah" → ["tranh"]; "kem" is no typo of
    "nem" or "banh". A known word is close when it starts with the same
    letter and is at most TYPO_EDITS_* edits away (rapidfuzz's optimal string
    alignment distance: insert, delete, substitute, swap two neighbours).
    Keeping the first letter is what tells most short Vietnamese words apart
    (kem/nem, banh/canh/xanh), and people seldom mistype it.

    Worked out in Python over the cached vocabulary (SearchWord.vocabulary),
    a few thousand words at most, so SQLite and PostgreSQL (and a search
    server) correct the same way by construction, at no query once cached.
    Words containing the query word are left out: matching the query word
    itself already finds them. `vocabulary` (grouped by first letter) is for
    tests; by default the known words.
    """
    if vocabulary is None:
        vocabulary = SearchWord.vocabulary()
    corrections = {}
    for word in dict.fromkeys(word for word in words if len(word) >= 3):
        edits = TYPO_EDITS_LONG if len(word) >= TYPO_LONG_FROM else TYPO_EDITS_SHORT
        close = process.extract(
            word,
            vocabulary.get(word[0], ()),
            scorer=OSA.distance,
            score_cutoff=edits,
            limit=None,
        )
        ranked = sorted((distance, known) for known, distance, _index in close if word not in known)
        corrections[word] = [known for _distance, known in ranked[:MAX_CORRECTIONS]]
    return corrections


def _word_matches(word: str, corrections: dict[str, list[str]]) -> Q:
    """The word, or one of its corrections, occurs in the folded text.

    Each is a LIKE '%word%' served by the trigram GIN index on search_text;
    a word under three letters must be a whole word.
    """
    if len(word) < 3:
        # Only a query of short words gets here (`_indexed`): "go" is gỗ (wood),
        # not every "gom" (gốm, pottery) and "goi", which are most of a large
        # catalogue. As a whole word the trigram index serves it too (pg_trgm
        # reads the spaces as word bounds).
        return (
            Q(search_text=word)
            | Q(search_text__startswith=f"{word} ")
            | Q(search_text__endswith=f" {word}")
            | Q(search_text__contains=f" {word} ")
        )
    condition = Q(search_text__contains=word)
    for known in corrections.get(word, ()):
        condition |= Q(search_text__contains=known)
    return condition


def _indexed(words: list[str]) -> list[str]:
    # Words under three letters cannot use the trigram index, and "da" occurs
    # in most texts: they are checked on the fetched text instead, unless the
    # query has nothing longer.
    return [word for word in words if len(word) >= 3] or words


def suggest_products(query: str, *, limit: int = 4) -> list[Product]:
    """Nearest products when nothing matched: those with the most query words (or typos of them).

    Scored in Python over the newest SUGGESTION_POOL candidates: a word that
    occurs counts two, a correction of it one.
    """
    words = _indexed(fold(query).split())
    if not words:
        return []
    corrections = typo_corrections(words)
    any_word = Q()
    for word in words:
        any_word |= _word_matches(word, corrections)
    pool = (
        selectors.public_products()
        .filter(any_word)
        .order_by("-id")
        .values_list("id", "search_text")[:SUGGESTION_POOL]
    )

    def score(row: tuple) -> int:
        text = row[1] or ""
        return sum(
            2 if word in text else 1 if any(k in text for k in corrections.get(word, ())) else 0
            for word in words
        )

    ids = [pk for pk, _text in sorted(pool, key=lambda row: (-score(row), -row[0]))[:limit]]
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
    # The query as typo-corrected when only corrections matched ("banh da nem").
    corrected_query: str = ""

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


def _has_phrase(text: str, phrase: str) -> bool:
    """`phrase` occurs in `text` as whole words: "đông hồ" in "tranh đông hồ", not "đông hồng"."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _rank(text: str, titles: tuple, query: str, folded: str, words: list[str]) -> tuple:
    """Sort key, best first: how closely a product's text holds the query.

    A title holding the query as a phrase with its accents ("Đông Hồ" in
    "Tranh Đông Hồ…"), then the folded text holding it as a phrase ("dong ho"),
    then every word somewhere ("Hộp gỗ hương… Đồng Kỵ" has "dong" and "ho"
    only inside "hop"), then some words only (the others as typo corrections).
    Within each, a text that starts with the query first. Titles are compared
    case-insensitively, both languages, in NFC like the query.
    """
    if any(title and _has_phrase(nfc(title).casefold(), query) for title in titles):
        tier = 4
    elif _has_phrase(text, folded):
        tier = 3
    elif all(word in text for word in words):
        tier = 2
    else:
        tier = 1
    return (-tier, not text.startswith(folded))


def _corrected_query(query: str, words: list[str], row: tuple, corrections: dict) -> str:
    """The query with each word the best match lacks replaced by the correction it has.

    "banh da nen" and a match "Bánh đa nem Thổ Hà" → "banh da nem": shown as
    "Did you mean …", so it names words the results really have. A corrected
    word takes its accents from the match's title ("cuoon" → "cuốn") when a
    title has it; words the match has are left as typed.
    """
    text, titles = row[1] or "", row[5:]
    spelled = {}
    for title in reversed(titles):  # Vietnamese title last: its accents win
        for title_word in re.findall(r"\w+", nfc(title or "").casefold()):
            spelled[fold(title_word)] = title_word
    corrected = []
    for typed, word in zip(query.split(), words, strict=False):
        if word in text:
            corrected.append(typed)
            continue
        known = next((k for k in corrections.get(word, ()) if k in text), word)
        corrected.append(spelled.get(known, known))
    return " ".join(corrected)


def _matching(words: list[str], corrections: dict[str, list[str]]) -> QuerySet[Product]:
    """Public products whose text has every query word (or a correction of it).

    In the database every word of 3+ letters is a LIKE on the trigram index
    (shorter ones are checked on the fetched rows, see `_hit_rows`); with a
    search server configured the same words and corrections are asked of it.
    """
    if settings.OCOP_PRODUCT_SEARCH_BACKEND:
        return selectors.public_products().filter(
            pk__in=_ids_from_search_server(words, corrections)
        )
    matched = selectors.public_products()
    indexed = _indexed(words)
    for word in indexed:
        matched = matched.filter(_word_matches(word, corrections))
    for n, word in enumerate(word for word in words if word not in indexed):
        # strpos, not LIKE: the planner must not try the trigram index for a
        # word it cannot serve; it filters the rows the long words found
        # ("ky" of "dong ky": 239 rows sent instead of 4,590 to sift here).
        matched = matched.alias(**{f"short_{n}": StrIndex("search_text", Value(word))}).filter(
            **{f"short_{n}__gt": 0}
        )
    return matched


def _ids_from_search_server(words: list[str], corrections: dict[str, list[str]]) -> list[int]:
    """Ids of the products whose indexed folded text has every word, or a correction of it.

    Through Wagtail's search framework, so the server is whichever backend
    settings name (OpenSearch, Elasticsearch, or the database backend). The
    server matches whole words; which products are public is still decided
    by the database (`_matching`), and the ranking by `_product_hits`.
    """
    from wagtail.search.backends import get_search_backend
    from wagtail.search.query import And, Or, PlainText

    query = And(
        [Or([PlainText(word) for word in [word, *corrections.get(word, ())]]) for word in words]
    )
    backend = get_search_backend(settings.OCOP_PRODUCT_SEARCH_BACKEND)
    # Product.search_fields holds search_text only, so no `fields=` (which
    # Wagtail's SQLite backend cannot apply to its full-text table).
    found = backend.search(query, Product.objects.only("id").order_by(), order_by_relevance=False)
    return [product.pk for product in found[:SEARCH_SERVER_MAX_HITS]]


def _hit_rows(matched: QuerySet[Product]) -> list[tuple]:
    """(id, text, lowest price, province, stars, titles) of the matches."""
    # The lowest price per row by the stock records' product index, not a join
    # and GROUP BY over every stock record: "go" matches 6,550 of 50,000
    # products, whose join read all 283,751 stock records (134 -> 32 ms).
    lowest = (
        StockRecord.objects.filter(product=OuterRef("pk"))
        .order_by()
        .values("product")
        .annotate(low=Min("price"))
        .values("low")
    )
    rows = (
        selectors.with_current_rating(matched)
        .annotate(min_price=Coalesce(Subquery(lowest), F("experience__price_per_person")))
        .order_by()  # ranked in Python below; the model's date order would cost a sort
        .values_list(
            "id",
            "search_text",
            "min_price",
            "producer__province",
            "ocop_stars",
            "title_vi",
            "title_en",
        )
    )
    return list(rows)


def _product_hits(query: str, groups: list[Category]) -> tuple[list[_Hit], str]:
    """Every matching product's id, lowest price, rating, province and groups, best first.

    With the query as corrected when only typo corrections matched, else "".

    Two queries whatever the number of matches (ranked rows with price and
    rating, then category memberships, selected by the same match as a
    subquery: a list of hundreds of ids costs more to send than to match
    again); facets, filters and the count are then worked out from these
    rows, and only the page shown is loaded as full products.
    """
    words = fold(query).split()
    folded = " ".join(words)
    phrase = " ".join(nfc(query).casefold().split())
    matched = _matching(words, {})
    rows = _hit_rows(matched)
    exact_found, corrections = bool(rows), {}
    if len(rows) < TYPO_FALLBACK_BELOW:
        # Few exact matches: admit typos too. Exact matches still rank first.
        corrections = typo_corrections(words)
        if any(corrections.values()):
            matched = _matching(words, corrections)
            rows = _hit_rows(matched)
    if not rows:
        return [], ""
    # Ranked here rather than in SQL (see `_rank`), newest first within a
    # rank, without a similarity computed for every row.
    ranked = sorted(
        rows, key=lambda row: (*_rank(row[1] or "", row[5:], phrase, folded, words), -row[0])
    )
    corrected = "" if exact_found else _corrected_query(query, words, ranked[0], corrections)
    hits = [_Hit(pk, price, stars, province) for pk, _text, price, province, stars, *_ in ranked]
    by_id = {hit.product_id: hit for hit in hits}
    paths = {group.path: group.pk for group in groups}
    memberships = (
        ProductCategory.objects.filter(product__in=matched.values("id"))
        .order_by()  # not the model's order, which joins every product for its date
        .values_list("product_id", "category__path")
    )
    for product_id, path in memberships:
        group_id = paths.get(path[: Category.steplen])
        if group_id is not None and product_id in by_id:
            by_id[product_id].groups.add(group_id)
    return hits, corrected


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


# --- Producers, stores, craft villages and pages --------------------------
# A few hundred rows at most, changing rarely. Their folded texts are built
# once and kept in the cache (Redis in production) as (id, text) pairs under a
# version that every save or delete of one of them replaces (storefront.apps
# wires the signals), so a search reads the cache instead of running a query
# per kind and folding every row again; only the rows that match are loaded.
DIRECTORY_VERSION_KEY = "search:directory:version"
DIRECTORY_SECONDS = 24 * 60 * 60


def directory_changed() -> None:
    """Forget the cached directories: now, and again once the change is committed.

    The second time covers a search that ran between the two and cached the
    rows as they were before the transaction committed.
    """
    forget_directories()
    transaction.on_commit(forget_directories)


def forget_directories() -> None:
    """Give the directories a new version: later searches build and cache them afresh."""
    cache.set(DIRECTORY_VERSION_KEY, uuid.uuid4().hex, None)


def _directory_version() -> str:
    version = cache.get(DIRECTORY_VERSION_KEY)
    if version is None:
        # add, not set: another process may have just chosen one.
        cache.add(DIRECTORY_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(DIRECTORY_VERSION_KEY)
    return version


def _folded(*texts: str | None) -> str:
    return " ".join(fold(text or "") for text in texts)


def _village_texts() -> list[tuple[int, str]]:
    return [
        (v.pk, _folded(v.name_vi, v.name_en, v.crafts_vi, v.crafts_en, v.commune))
        for v in CraftVillage.objects.order_by("name")
    ]


def _producer_texts() -> list[tuple[int, str]]:
    producers = (
        Producer.objects.filter(status=Producer.Status.VERIFIED)
        .select_related("craft_village")
        .order_by("name")
    )
    return [
        (
            p.pk,
            _folded(
                p.name,
                p.commune,
                p.province,
                p.old_district,
                p.craft_village.name_vi if p.craft_village else "",
            ),
        )
        for p in producers
    ]


def _store_texts() -> list[tuple[int, str]]:
    stores = Partner.objects.only("id", "name", "street", "commune", "province").order_by("name")
    return [(s.pk, _folded(s.name, s.street, s.commune, s.province)) for s in stores]


def _page_texts(language: str) -> list[tuple[int, str]]:
    pages = Page.objects.live().public().filter(depth__gt=1)
    if Locale.objects.filter(language_code=language).exists():
        pages = pages.filter(locale__language_code=language)
    pages = pages.only("id", "title", "seo_title", "search_description").order_by("path")
    return [(p.pk, _folded(p.title, p.seo_title, p.search_description)) for p in pages]


def _directories(language: str) -> dict[str, list[tuple[int, str]]]:
    """The four folded directories, from the cache or built and cached now."""
    version = _directory_version()
    builders = {
        "villages": _village_texts,
        "producers": _producer_texts,
        "stores": _store_texts,
        "pages": lambda: _page_texts(language),
    }
    keys = {kind: f"search:directory:{version}:{language}:{kind}" for kind in builders}
    cached = cache.get_many(keys.values())
    directories, missing = {}, {}
    for kind, key in keys.items():
        if key in cached:
            directories[kind] = cached[key]
        else:
            directories[kind] = missing[key] = builders[kind]()
    if missing:
        cache.set_many(missing, DIRECTORY_SECONDS)
    return directories


def _matching_ids(entries: list[tuple[int, str]], query: str, limit: int | None) -> list[int]:
    words = fold(query).split()
    ids = [pk for pk, text in entries if words and all(word in text for word in words)]
    return ids[:limit]


def _in_order(queryset: QuerySet, ids: list[int]) -> list:
    if not ids:
        return []
    loaded = queryset.in_bulk(ids)
    return [loaded[pk] for pk in ids if pk in loaded]


def search_villages(query: str, directory: list[tuple[int, str]]) -> list[CraftVillage]:
    return _in_order(CraftVillage.objects.all(), _matching_ids(directory, query, None))


def search_producers(
    query: str, directory: list[tuple[int, str]], *, limit: int = 10
) -> list[Producer]:
    # Verified again here: the directory may be a moment older than a suspension.
    verified = Producer.objects.filter(status=Producer.Status.VERIFIED)
    return _in_order(verified, _matching_ids(directory, query, limit))


def search_stores(query: str, directory: list[tuple[int, str]], *, limit: int = 10) -> list:
    stores = Partner.objects.only("id", "name", "slug", "street", "commune", "province")
    return _in_order(stores, _matching_ids(directory, query, limit))


def search_pages(query: str, directory: list[tuple[int, str]], *, limit: int = 10) -> list[Page]:
    # Live and public when the directory was built; any change since gave it a new version.
    pages = Page.objects.live()
    pages = pages.only("id", "title", "seo_title", "search_description", "url_path", "locale")
    return _in_order(pages, _matching_ids(directory, query, limit))


def search_everything(
    raw_query: str, *, language: str, filters: dict[str, str], product_limit: int = 24
) -> SearchResults:
    query = normalise_query(raw_query)
    results = SearchResults(query=query)
    if not fold(query).strip():
        return results
    groups = selectors.product_groups()
    hits, results.corrected_query = _product_hits(query, groups)
    results.facets = _facets(hits, filters, groups)
    shown = _filtered(hits, filters)
    results.product_count = len(shown)
    page_ids = [hit.product_id for hit in shown[:product_limit]]
    loaded = selectors.browsable_products().in_bulk(page_ids)
    results.products = [loaded[pk] for pk in page_ids if pk in loaded]
    directories = _directories(language)
    results.villages = search_villages(query, directories["villages"])
    results.producers = search_producers(query, directories["producers"])
    results.stores = search_stores(query, directories["stores"])
    results.pages = search_pages(query, directories["pages"])
    if not results.total:
        results.suggestions = suggest_products(query)
        results.categories = groups
    return results
