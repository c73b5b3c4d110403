"""Site search: every kind of result, folded, ranked, with facets and suggestions."""

import unicodedata
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import CraftVillage, LegalForm, Producer
from storefront import search
from tests.factories import create_product

pytestmark = pytest.mark.django_db


def _titles(results) -> list[str]:
    return [p.title for p in results.products]


def _search(query: str, **filters) -> search.SearchResults:
    return search.search_everything(query, language="vi", filters=filters)


@pytest.fixture
def catalogue(product):
    """The fixture product plus neighbours that share words with it."""
    create_product(title="Bánh phu thê Đình Bảng", price=Decimal("60000"), num_in_stock=5)
    create_product(title="Nem Ninh Xá", price=Decimal("90000"), num_in_stock=5)
    create_product(title="Tranh Đông Hồ Đám cưới chuột", price=Decimal("150000"), num_in_stock=5)
    return product


@pytest.mark.parametrize(
    "query",
    [
        "banh da nem",
        "bánh đa nem",
        "BÁNH ĐA NEM",
        unicodedata.normalize("NFD", "bánh đa nem"),
        "  banh   da  ",
    ],
    ids=["plain", "accents", "upper", "nfd", "spaces"],
)
def test_products_match_with_or_without_diacritics(catalogue, query):
    assert _titles(_search(query))[0] == "Bánh đa nem Thổ Hà"


def test_dj_folds_to_d(catalogue):
    assert _titles(_search("dong ho")) == ["Tranh Đông Hồ Đám cưới chuột"]
    assert _titles(_search("ĐÔNG HỒ")) == ["Tranh Đông Hồ Đám cưới chuột"]


def test_prefix_match_ranks_before_a_match_inside_the_title(catalogue):
    # "nem" starts "Nem Ninh Xá" and sits inside "Bánh đa nem Thổ Hà".
    assert _titles(_search("nem"))[:2] == ["Nem Ninh Xá", "Bánh đa nem Thổ Hà"]


def test_a_query_of_short_words_matches_them_as_whole_words(client, catalogue, site_tree):
    """ "go" is gỗ (wood): not "gốm" (pottery), whose folded "gom" merely contains it."""
    create_product(title="Hộp gỗ Đồng Kỵ", price=Decimal("250000"), num_in_stock=5)
    create_product(title="Bình gốm Phù Lãng", price=Decimal("180000"), num_in_stock=5)
    create_product(title="Gỗ mít tạc tượng", price=Decimal("900000"), num_in_stock=5)
    assert sorted(_titles(_search("go"))) == ["Gỗ mít tạc tượng", "Hộp gỗ Đồng Kỵ"]
    page = client.get(reverse("site-search"), {"q": "gỗ"}).text
    assert "Hộp gỗ Đồng Kỵ" in page and "Bình gốm Phù Lãng" not in page


def test_short_words_beside_long_ones_narrow_the_match_in_the_database(catalogue):
    """ "ky" is looked for in the rows "dong" found, by the database, not after fetching them."""
    create_product(title="Hộp gỗ Đồng Kỵ", price=Decimal("250000"), num_in_stock=5)
    assert _titles(_search("dong ky")) == ["Hộp gỗ Đồng Kỵ"]  # not "Tranh Đông Hồ…"
    # The rows the database sends for ranking are already only those with "ky".
    assert list(search._matching(["dong", "ky"], {}).values_list("title", flat=True)) == [
        "Hộp gỗ Đồng Kỵ"
    ]


def test_a_small_typo_still_finds_the_product_on_any_database(catalogue):
    assert "Bánh đa nem Thổ Hà" in _titles(_search("banh da nen"))
    assert _titles(_search("banh da nem"))[0] == "Bánh đa nem Thổ Hà"  # exact still first


@pytest.mark.parametrize(
    ("query", "titles", "corrected"),
    [
        ("banh da nen", ["Bánh đa nem Thổ Hà"], "banh da nem"),
        ("tranhh dong ho", ["Tranh Đông Hồ Đám cưới chuột"], "tranh dong ho"),
        ("trnah", ["Tranh Đông Hồ Đám cưới chuột"], "tranh"),
        ("nen", ["Nem Ninh Xá", "Bánh đa nem Thổ Hà"], "nem"),
        ("kem", [], ""),  # not "banh", not "nem": another word, not a typo
    ],
)
def test_typos_give_the_same_results_through_the_search_page_on_any_database(
    client, catalogue, site_tree, query, titles, corrected
):
    """Run on PostgreSQL by the suite and on SQLite with DATABASE_URL unset: no branch differs."""
    for prefix in ("", "/en"):
        response = client.get(prefix + reverse("site-search"), {"q": query})
        results = response.context["results"]
        assert [p.title_vi for p in results.products] == titles
        assert results.corrected_query == corrected
        html = response.content.decode()
        if corrected:
            label = "Có phải bạn muốn tìm" if not prefix else "Did you mean"
            assert f"{label} <a href=" in html
            assert f"<strong>{corrected}</strong></a>?" in html
        else:
            assert 'data-testid="did-you-mean"' not in html


def test_a_corrected_word_takes_its_accents_from_the_title(catalogue):
    create_product(title="Bánh cuốn Thanh Trì", price=Decimal("30000"), num_in_stock=5)
    assert _search("banh cuoon").corrected_query == "banh cuốn"
    # Found with the words as typed: nothing to correct.
    assert _search("banh cuon").corrected_query == ""


def test_a_title_with_the_query_as_typed_ranks_first(client, catalogue, site_tree):
    """ "Đông Hồ": the prints before a clock ("Đồng hồ") before a box from Đồng Kỵ.

    Created oldest first, so newest-first alone would put the box first.
    """
    wedding = "Tranh Đông Hồ Đám cưới chuột"  # in `catalogue`, the oldest
    workshop = create_product(title="Trải nghiệm in tranh Đông Hồ", price=Decimal("250000"))
    clock = create_product(title="Đồng hồ treo tường gỗ mít", price=Decimal("450000"))
    box = create_product(title="Hộp gỗ hương chạm sen Đồng Kỵ", price=Decimal("1200000"))
    for product, english in [
        (workshop, "Đông Hồ woodblock printing workshop"),
        (clock, "Jackfruit wood wall clock"),
        (box, "Đồng Kỵ carved rosewood box with lotus"),
    ]:
        product.title_en = english
        product.save()

    def ranked(query: str) -> list[str]:
        response = client.get(reverse("site-search"), {"q": query})
        return [p.title_vi for p in response.context["results"].products]

    # The phrase with its accents (newest first), then folded, then every word somewhere.
    assert ranked("Đông Hồ") == [workshop.title, wedding, clock.title, box.title]
    assert ranked("đông hồ") == ranked("Đông Hồ")
    # Typed without accents, the clock holds the phrase as much as the prints.
    assert ranked("dong ho") == [clock.title, workshop.title, wedding, box.title]


def test_unrelated_words_find_nothing_and_suggest_groups(catalogue):
    results = _search("xe máy điện")
    assert results.total == 0
    assert [c.name for c in results.categories] == ["Thực phẩm"]


def test_no_results_suggest_the_nearest_products(catalogue):
    results = _search("banh kem")  # no "banh kem", but two "bánh" products
    assert results.total == 0
    assert {p.title for p in results.suggestions} >= {
        "Bánh đa nem Thổ Hà",
        "Bánh phu thê Đình Bảng",
    }


def test_facets_count_groups_and_price_bands_and_filter(catalogue, food_category):
    results = _search("banh")
    assert [(f.label, f.count) for f in results.facets["group"]] == [("Thực phẩm", 1)]
    assert {f.key: f.count for f in results.facets["price"]} == {
        "0-100000": 1,
        "100000-300000": 1,
    }
    cheap = _search("banh", price="0-100000")
    assert _titles(cheap) == ["Bánh phu thê Đình Bảng"]
    in_food = _search("banh", group=str(food_category.pk))
    assert _titles(in_food) == ["Bánh đa nem Thổ Hà"]


def test_craft_villages_and_pages_are_found_too(catalogue, site_tree):
    CraftVillage.objects.create(
        name_vi="Làng tranh Đông Hồ",
        name_en="Đông Hồ painting village",
        slug="dong-ho",
        crafts_vi="Tranh khắc gỗ dân gian",
        commune="Thuận Thành",
        province="Bắc Ninh",
    )
    results = _search("dong ho")
    assert [v.slug for v in results.villages] == ["dong-ho"]
    assert [p.title for p in _search("lang nghe").pages] == ["Làng nghề"]


def test_search_page_groups_results_by_kind(client, catalogue, site_tree):
    response = client.get(reverse("site-search"), {"q": "banh da nem"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="results-products"' in html
    assert "Bánh đa nem Thổ Hà" in html


def test_english_search_page_finds_the_english_title(client, catalogue, site_tree):
    response = client.get("/en" + reverse("site-search"), {"q": "rice paper"})
    assert "Tho Ha rice paper" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["", "   ", "%", "'; drop table catalogue_product; --", "x" * 5000]
)
def test_odd_queries_answer_calmly(client, catalogue, site_tree, query):
    response = client.get(reverse("site-search"), {"q": query})
    assert response.status_code == 200


def test_search_page_query_count_does_not_grow_with_results(client, catalogue, site_tree):
    url = reverse("site-search")
    client.get(url, {"q": "banh"})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "banh"})
    for i in range(10):
        create_product(title=f"Bánh cốm {i}", price=Decimal("40000"), num_in_stock=1)
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"q": "banh"})
    # Fewer is fine: with few exact matches a second, typo-tolerant query runs.
    assert len(many) <= len(few)


def test_producers_and_stores_are_found_by_folded_name_and_place(catalogue):
    from storefront.partner.models import Partner

    Producer.objects.create(
        name="Hợp tác xã Gốm Phù Lãng",
        slug="htx-gom-phu-lang",
        legal_form=LegalForm.COOPERATIVE,
        tax_code="2300000099",
        commune="Xã Phù Lãng",
        address="Thôn Phù Lãng",
        contact_person="Nguyễn Văn Gốm",
        phone="0912345678",
        status=Producer.Status.VERIFIED,
    )
    Producer.objects.create(
        name="Gốm chưa xác minh",
        slug="gom-chua-xac-minh",
        legal_form=LegalForm.HOUSEHOLD,
        tax_code="2300000098",
        commune="Xã Phù Lãng",
        address="Thôn Phù Lãng",
        contact_person="Trần Văn B",
        phone="0912345679",
        status=Producer.Status.PENDING,
    )
    Partner.objects.create(name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son", commune="Phường Từ Sơn")

    assert [p.slug for p in _search("gom phu lang").producers] == ["htx-gom-phu-lang"]
    assert [s.code for s in _search("tu son").stores] == ["ocop-tu-son"]


def test_star_and_province_facets_count_and_filter(catalogue):
    from datetime import timedelta

    from django.utils import timezone

    from catalogue.models import OcopCertificate

    issued = timezone.localdate() - timedelta(days=100)
    OcopCertificate.objects.create(
        product=catalogue,
        stars=4,
        score=80,
        product_group=1,
        decision_number="12/QĐ-UBND",
        decision_date=issued,
        issuing_authority="province",
        issue_date=issued,
    )
    results = _search("banh")
    assert {f.key: f.count for f in results.facets["stars"]} == {"4": 1, "3": 1}
    assert _titles(_search("banh", stars="4")) == ["Bánh đa nem Thổ Hà"]
    assert _titles(_search("banh", stars="5")) == []


# --- typo vocabulary -------------------------------------------------------------


def test_saving_a_product_adds_its_words_to_the_vocabulary_but_not_codes(catalogue):
    from catalogue.models import SearchWord

    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"banh", "nem", "tho", "rice", "paper"} <= words
    assert "da" not in words  # too short for trigrams to correct towards
    assert not any(any(ch.isdigit() for ch in word) for word in words)  # "ocop-0001"


def test_rebuilding_the_vocabulary_drops_words_no_product_uses(catalogue):
    from catalogue.models import Product, SearchWord

    SearchWord.add_words({"xoai"})
    Product.objects.filter(title="Nem Ninh Xá").update(search_text="")  # as a bulk load would
    size = SearchWord.rebuild()
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert size == len(words)
    assert "xoai" not in words
    assert "ninh" not in words
    assert "banh" in words


def test_a_mistyped_word_is_corrected_towards_known_words(catalogue):
    corrections = search.typo_corrections(["nen", "tranhh", "trnah", "banhs", "da", "kem"])
    assert corrections["nen"] == ["nem"]
    assert corrections["tranhh"] == ["tranh"]
    assert corrections["trnah"] == ["tranh"]  # two letters swapped
    assert corrections["banhs"] == ["banh"]  # a Telex tone key left in
    assert "da" not in corrections  # under three letters: never corrected
    # One letter from "nem", but the first: another word, not a typo; nor is "banh".
    assert corrections["kem"] == []


# The words of the demo catalogue that matter here, grouped as SearchWord.vocabulary() does.
DEMO_WORDS = ["banh", "bang", "binh", "canh", "dong", "don", "duong", "huong", "kem", "ket"]
DEMO_WORDS += ["nem", "nep", "net", "sen", "thong", "tranh", "tre", "trong", "xanh"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("nen", ["nem", "nep", "net"]),
        ("tranhh", ["tranh"]),
        ("kem", ["ket"]),  # not "nem" (first letter), nor "banh"
        ("kemm", ["kem"]),
        ("ganh", []),  # "banh", "canh", "xanh": the first letter differs
        ("tuong", ["thong", "trong"]),
        ("dongg", ["dong"]),  # "duong" is two edits away
        ("trahnn", ["tranh"]),  # six letters or more: two edits allowed (a swap is one)
        ("tranhhh", ["tranh"]),
    ],
)
def test_corrections_are_worked_out_in_python_the_same_for_every_database(word, expected):
    """No database here: the correction PostgreSQL and SQLite both use, on a given vocabulary."""
    vocabulary: dict[str, list[str]] = {}
    for known in sorted(DEMO_WORDS):
        vocabulary.setdefault(known[0], []).append(known)
    assert search.typo_corrections([word], vocabulary=vocabulary)[word] == expected


def test_the_vocabulary_is_read_once_then_cached_until_a_product_adds_words(catalogue):
    from django.core.cache import cache

    from catalogue.models import VOCABULARY_CACHE_KEY

    cache.delete(VOCABULARY_CACHE_KEY)
    with CaptureQueriesContext(connection) as first:
        search.typo_corrections(["nen"])
    with CaptureQueriesContext(connection) as second:
        search.typo_corrections(["nen"])
    assert len(first) == 1 and len(second) == 0
    assert search.typo_corrections(["kemm"])["kemm"] == []
    create_product(title="Kem xôi Tràng Tiền", price=Decimal("20000"), num_in_stock=5)
    assert search.typo_corrections(["kemm"])["kemm"] == ["kem"]


# --- cached directories: producers, stores, villages, pages ---------------------


def _verified_producer(**fields) -> Producer:
    defaults = {
        "name": "Hợp tác xã Mây tre đan Xuân Lai",
        "slug": "htx-xuan-lai",
        "legal_form": LegalForm.COOPERATIVE,
        "tax_code": "2300000077",
        "commune": "Xã Xuân Lai",
        "address": "Thôn Xuân Lai",
        "contact_person": "Lê Văn C",
        "phone": "0912345677",
        "status": Producer.Status.VERIFIED,
    }
    return Producer.objects.create(**{**defaults, **fields})


def test_a_search_sees_a_producer_suspended_or_verified_since_the_last_one(catalogue):
    from catalogue.services import set_producer_status

    producer = _verified_producer(status=Producer.Status.PENDING)
    assert _search("xuan lai").producers == []  # the directory is now cached without it
    set_producer_status(producer=producer, status=Producer.Status.VERIFIED)
    assert [p.slug for p in _search("xuan lai").producers] == ["htx-xuan-lai"]
    set_producer_status(producer=producer, status=Producer.Status.SUSPENDED)
    assert _search("xuan lai").producers == []


def test_a_search_sees_a_renamed_store_and_a_deleted_village(catalogue):
    from storefront.partner.models import Partner

    store = Partner.objects.create(name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son")
    village = CraftVillage.objects.create(name_vi="Làng gốm Phù Lãng", slug="phu-lang")
    assert [s.code for s in _search("tu son").stores] == ["ocop-tu-son"]
    assert [v.slug for v in _search("phu lang").villages] == ["phu-lang"]

    store.name = "Cửa hàng OCOP Đồng Kỵ"
    store.save()
    village.delete()
    assert _search("tu son").stores == []
    assert [s.code for s in _search("dong ky").stores] == ["ocop-tu-son"]
    assert _search("phu lang").villages == []


def test_a_search_sees_a_page_unpublished_since_the_last_one(catalogue, site_tree):
    assert [p.title for p in _search("lang nghe").pages] == ["Làng nghề"]
    page = next(p for p in site_tree["home"].get_children() if p.title == "Làng nghề")
    page.specific.unpublish()
    assert _search("lang nghe").pages == []


def test_directories_come_from_the_cache_after_the_first_search(catalogue, site_tree):
    _verified_producer()
    _search("xuan lai")
    with CaptureQueriesContext(connection) as repeat:
        results = _search("xuan lai")
    assert [p.slug for p in results.producers] == ["htx-xuan-lai"]
    sql = [query["sql"] for query in repeat.captured_queries]
    assert not any("wagtailcore_page" in q for q in sql)  # no page matched: none loaded
    assert not any("catalogue_craftvillage" in q for q in sql)
    # Only the matching producer is read; the directory itself came from the cache.
    assert sum('FROM "catalogue_producer"' in q for q in sql) == 1


def test_the_rebuild_command_reports_the_vocabulary_size(catalogue):
    from io import StringIO

    from django.core.management import call_command

    from catalogue.models import SearchWord

    out = StringIO()
    call_command("rebuild_search_words", stdout=out)
    assert out.getvalue().strip() == f"{SearchWord.objects.count()} words"


# --- products matched on a search server ------------------------------------------


def test_products_can_be_matched_by_a_search_server_through_wagtail_search(catalogue, settings):
    """OCOP_PRODUCT_SEARCH_BACKEND hands matching to a Wagtail search backend.

    Production would name OpenSearch; here Wagtail's database backend stands
    in for it, behind the same search API.
    """
    from wagtail.search.backends import get_search_backend

    from catalogue.models import Product

    settings.OCOP_PRODUCT_SEARCH_BACKEND = "default"
    backend = get_search_backend("default")
    for product in Product.objects.all():
        backend.add(product)
    # Saved after indexing and not sent to the server: the server is what answers.
    create_product(title="Bánh cốm Vòng", price=Decimal("50000"), num_in_stock=5)

    assert _titles(_search("bánh đa nem"))[0] == "Bánh đa nem Thổ Hà"
    assert _titles(_search("ĐÔNG HỒ")) == ["Tranh Đông Hồ Đám cưới chuột"]
    assert set(_titles(_search("banh"))) == {"Bánh đa nem Thổ Hà", "Bánh phu thê Đình Bảng"}
    assert _search("banh com").product_count == 0
    # Facets and filters are worked out as with the database search.
    assert _titles(_search("banh", price="0-100000")) == ["Bánh phu thê Đình Bảng"]
