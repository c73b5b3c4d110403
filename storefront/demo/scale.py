"""Scale data for the benchmark (`manage.py bench_data`, `make bench`).

On top of the demo shop (its six groups, eight stores with their managers,
home page and sections), adds synthetic producers across the 34 provinces and
the six product groups, products with category, picture, OCOP certificate and
stock at most of the eight stores, craft village records and pages, and news
pages, until there are `products` synthetic products, 50 craft village pages
and 200 news pages.

Rules, as in the demo steps: every step creates only what is missing, matched
on a stable key (the `BENCH-` product codes, `bench-` slugs and tax codes, the
page counts under their section), so a second run with the same size writes
nothing and a larger size tops the data up. Everything is deterministic (a
seeded generator, CRCs of the codes), so two machines build the same shop.

Speed: products, category links, pictures, certificates and producers are
inserted with `bulk_create` in batches; stock goes through
`storefront.partner.services.create_stock_records_in_bulk`, the only way in
(a model guard and a PostgreSQL trigger refuse other writes), which also
writes the opening movements. Wagtail pages cannot be bulk-inserted (treebeard
paths, multi-table inheritance); they are added with `add_child`, live, with
no revision, which is what makes 250 of them take seconds instead of minutes.
"""

import zlib
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from catalogue.models import (
    Category,
    CraftVillage,
    LegalForm,
    OcopCertificate,
    Producer,
    Product,
    ProductCategory,
    ProductClass,
    ProductImage,
    SearchWord,
    default_expiry,
)
from cms.models import CraftVillageIndexPage, CraftVillagePage, NewsIndexPage, NewsPage
from storefront.demo import stores as demo_stores
from storefront.demo import synthetic
from storefront.demo.products import GROUPS, PRODUCTS
from storefront.demo.steps import EXPERIENCE_CLASS, GOODS_CLASS, _vietnamese_home
from storefront.demo.synthetic import producer_count
from storefront.partner.models import Partner, StockRecord
from storefront.partner.services import create_stock_records_in_bulk
from storefront.text import fold, slugify
from storefront.vietnam import PROVINCES

Changes = Counter[str]

UPC_PREFIX = "BENCH-"
VILLAGE_PAGES = 50
NEWS_PAGES = 200
BATCH = 2000
# The store manager the benchmark signs in as: Kinh Bắc carries every product,
# so its stock page is the longest.
MANAGER_EMAIL = "quanly.kinhbac@ocop.local"
MANAGER_PASSWORD = demo_stores.MANAGER_PASSWORD
MANAGER_STORE = "ocop-kinh-bac"

_LEGAL_FORMS = list(LegalForm.values)
_EXPERIENCE_GROUP = 6


def upc(number: int) -> str:
    return f"{UPC_PREFIX}{number:06d}"


def _roll(key: str) -> int:
    """A stable pseudo-random number for `key`, the same on every run and machine."""
    return zlib.crc32(key.encode())


# --- steps ------------------------------------------------------------------------


def load_villages() -> Changes:
    """Craft village records, so there are VILLAGE_PAGES of them with the demo's."""
    changes = Counter()
    have = CraftVillage.objects.count()
    existing = set(
        CraftVillage.objects.filter(slug__startswith="bench-").values_list("slug", flat=True)
    )
    new = []
    number = 0
    while have + len(new) < VILLAGE_PAGES:
        number += 1
        slug = f"bench-village-{number:02d}"
        if slug in existing:
            continue
        province = PROVINCES[number % len(PROVINCES)][1]
        new.append(
            CraftVillage(
                slug=slug,
                name_vi=f"Làng nghề thử nghiệm {number}",
                name_en=f"Benchmark craft village {number}",
                crafts_vi="Thủ công truyền thống",
                crafts_en="Traditional crafts",
                commune=f"Xã {number}",
                province=province,
            )
        )
    CraftVillage.objects.bulk_create(new)
    changes["new craft villages"] += len(new)
    return changes


def load_producers(products: int) -> Changes:
    """Verified producers across the provinces, groups and legal forms; 1 in 50 suspended.

    Producer `n` makes products of group `n % 6 + 1`; every other producer
    belongs to a craft village, so village pages list producers and products.
    """
    changes = Counter()
    wanted = producer_count(products)
    existing = set(
        Producer.objects.filter(slug__startswith="bench-producer-").values_list("slug", flat=True)
    )
    villages = list(CraftVillage.objects.order_by("slug").values_list("pk", flat=True))
    new = []
    for number in range(wanted):
        slug = f"bench-producer-{number:05d}"
        if slug in existing:
            continue
        group = GROUPS[number % len(GROUPS)]
        code, province, _en = PROVINCES[number % len(PROVINCES)]
        new.append(
            Producer(
                slug=slug,
                name=f"{_LEGAL_PREFIX[_LEGAL_FORMS[number % 4]]} {group.name_vi} {number}",
                legal_form=_LEGAL_FORMS[number % 4],
                tax_code=f"BENCH{number:05d}",
                province=province,
                commune=f"Xã {code} {number % 17}",
                address=f"Thôn {number % 9 + 1}, {province}",
                contact_person="Người liên hệ (benchmark)",
                phone="+84222000000",
                description_vi=f"Chủ thể OCOP nhóm {group.name_vi} ở {province}.",
                description_en=f"An OCOP producer of {group.name_en} in {_en}.",
                craft_village_id=villages[number % len(villages)] if number % 2 else None,
                status=(
                    Producer.Status.SUSPENDED if number % 50 == 49 else Producer.Status.VERIFIED
                ),
            )
        )
    for start in range(0, len(new), BATCH):
        Producer.objects.bulk_create(new[start : start + BATCH])
    changes["new producers"] += len(new)
    return changes


_LEGAL_PREFIX = {
    LegalForm.ENTERPRISE: "Công ty TNHH",
    LegalForm.COOPERATIVE: "HTX",
    LegalForm.COOPERATIVE_GROUP: "Tổ hợp tác",
    LegalForm.HOUSEHOLD: "Hộ kinh doanh",
}


_DEMO_GROUP = {item.upc: item.group for item in PRODUCTS}


def _producer_group(slug: str) -> int:
    """OCOP group (1–6) of a synthetic producer: its number modulo six."""
    return int(slug.rsplit("-", 1)[1]) % len(GROUPS) + 1


def load_products(products: int) -> Changes:
    """`products` synthetic products, each with its group's category, a picture and a price.

    Product `n` is made by producer `n % producers` and belongs to that
    producer's group. Titles recombine the demo catalogue's words of the same
    group, so search, folding and trigrams see realistic Vietnamese text.
    Pictures share the demo products' files of the same group: the pages pay
    for a picture per card as they would, without rendering thousands of JPEGs.
    """
    changes = Counter()
    producers = list(
        Producer.objects.filter(slug__startswith="bench-producer-")
        .order_by("slug")
        .values_list("pk", "slug")
    )
    existing = set(Product.objects.filter(upc__startswith=UPC_PREFIX).values_list("upc", flat=True))
    missing = [n for n in range(products) if upc(n) not in existing]
    if not missing:
        return changes
    classes = {
        pc.slug: pc for pc in ProductClass.objects.filter(slug__in=[GOODS_CLASS, EXPERIENCE_CLASS])
    }
    categories = {c.code: c for c in Category.objects.filter(code__in=[g.code for g in GROUPS])}
    pictures: dict[int, list[str]] = {}
    demo_images = ProductImage.objects.filter(product__upc__in=_DEMO_GROUP).order_by("pk")
    for code, name in demo_images.values_list("product__upc", "original"):
        pictures.setdefault(_DEMO_GROUP[code], []).append(name)
    for start in range(0, len(missing), BATCH):
        batch, groups = [], []
        for number in missing[start : start + BATCH]:
            producer_pk, producer_slug = producers[number % len(producers)]
            group = _producer_group(producer_slug)
            title_vi, title_en = synthetic.titles(number, group)
            code = upc(number)
            product_class = EXPERIENCE_CLASS if group == _EXPERIENCE_GROUP else GOODS_CLASS
            batch.append(
                Product(
                    upc=code,
                    structure=Product.STANDALONE,
                    product_class=classes[product_class],
                    title=title_vi,
                    title_vi=title_vi,
                    title_en=title_en,
                    description_vi=f"<p>{title_vi}: sản phẩm tổng hợp để đo tải.</p>",
                    description_en=f"<p>{title_en}: a synthetic product for the benchmark.</p>",
                    slug=slugify(title_vi)[:200] or "san-pham",
                    producer_id=producer_pk,
                    is_public=True,
                    # bulk_create skips Product.save, which keeps this.
                    search_text=fold(f"{title_vi} {title_en} {code}"),
                )
            )
            groups.append(group)
        with transaction.atomic():
            created = Product.objects.bulk_create(batch)
            ProductCategory.objects.bulk_create(
                ProductCategory(product=product, category=categories[GROUPS[group - 1].code])
                for product, group in zip(created, groups, strict=True)
            )
            ProductImage.objects.bulk_create(
                ProductImage(
                    product=product,
                    original=_pick(pictures[group], product.upc),
                    caption=product.title_vi,
                    display_order=0,
                )
                for product, group in zip(created, groups, strict=True)
                if pictures.get(group)
            )
        changes["new products"] += len(created)
    return changes


def _pick(items: list[str], key: str) -> str:
    return items[_roll(key) % len(items)]


def load_certificates(today: date | None = None) -> Changes:
    """An OCOP certificate for about 85% of the synthetic products.

    Stars mostly 3–4, some 5; issue dates spread over the last three and a half
    years, so some have expired and a few expire within 30 days, as in a real
    programme.
    """
    changes = Counter()
    today = today or timezone.localdate()
    todo = (
        Product.objects.filter(upc__startswith=UPC_PREFIX, certificates__isnull=True)
        .order_by("pk")
        .values_list("pk", "upc", "producer__slug")
    )
    new = []
    for pk, code, producer_slug in todo.iterator(chunk_size=BATCH):
        roll = _roll(f"certificate:{code}")
        if roll % 100 >= 85:
            continue
        band = (roll >> 8) % 100
        stars = 5 if band < 8 else 4 if band < 45 else 3
        low, high = {3: (50, 69), 4: (70, 89), 5: (90, 100)}[stars]
        issue = today - timedelta(days=(roll >> 16) % 1280)
        national = stars == 5
        new.append(
            OcopCertificate(
                product_id=pk,
                stars=stars,
                score=low + (roll >> 4) % (high - low + 1),
                product_group=_producer_group(producer_slug),
                decision_number=f"{code}/QĐ-{'BNNMT' if national else 'UBND'}",
                decision_date=issue,
                issuing_authority=(
                    OcopCertificate.Authority.NATIONAL
                    if national
                    else OcopCertificate.Authority.PROVINCE
                ),
                issue_date=issue,
                # bulk_create skips save(), which fills in the usual 36 months.
                expiry_date=default_expiry(issue),
            )
        )
    for start in range(0, len(new), BATCH):
        OcopCertificate.objects.bulk_create(new[start : start + BATCH])
    changes["new certificates"] += len(new)
    return changes


def load_stock() -> Changes:
    """Stock at the eight demo stores: Kinh Bắc carries everything, the others about 2 in 3.

    Quantities as in the demo (`storefront.demo.stores.quantity_at`): one in
    eight carried products empty, one in eight low. One price per product.
    """
    changes = Counter()
    for item in demo_stores.STORES:
        store = Partner.objects.get(code=item.code)
        todo = (
            Product.objects.filter(upc__startswith=UPC_PREFIX)
            .exclude(pk__in=StockRecord.objects.filter(partner=store).values("product_id"))
            .order_by("pk")
        )
        rows = []
        for product in todo.iterator(chunk_size=BATCH):
            quantity = demo_stores.quantity_at(item.code, product.upc, item.carries_all)
            if quantity is None:
                continue
            price = Decimal(20_000 + (_roll(f"price:{product.upc}") % 199) * 5_000)
            rows.append((product, price, quantity))
        for start in range(0, len(rows), BATCH):
            changes["new stock records"] += create_stock_records_in_bulk(
                store=store, rows=rows[start : start + BATCH]
            )
    return changes


def load_village_pages() -> Changes:
    """A page per craft village record (in Vietnamese), up to VILLAGE_PAGES of them."""
    changes = Counter()
    home = _vietnamese_home()
    index = CraftVillageIndexPage.objects.child_of(home).first()
    have = CraftVillagePage.objects.child_of(index).count()
    villages = CraftVillage.objects.exclude(
        pk__in=CraftVillagePage.objects.values("craft_village_id")
    ).order_by("slug")
    for village in villages[: max(0, VILLAGE_PAGES - have)]:
        page = CraftVillagePage(
            craft_village=village,
            title=village.name_vi,
            slug=village.slug,
            intro=f"{village.name_vi}: {village.crafts_vi.lower()} ở {village.province}.",
            history=f"<p>{village.name_vi} giữ nghề {village.crafts_vi.lower()} qua nhiều đời.</p>",
            how_to_visit="<p>Mở cửa đón khách các ngày trong tuần.</p>",
            address=f"{village.commune}, {village.province}",
        )
        changes["new pages"] += _add_live(index, page)
    return changes


def load_news_pages() -> Changes:
    """Vietnamese news pages under the news section, up to NEWS_PAGES of them."""
    changes = Counter()
    home = _vietnamese_home()
    index = NewsIndexPage.objects.child_of(home).first()
    have = NewsPage.objects.child_of(index).count()
    start = date(2024, 1, 1)
    existing = set(index.get_children().values_list("slug", flat=True))
    number = 0
    while have < NEWS_PAGES:
        number += 1
        slug = f"tin-ocop-{number:03d}"
        if slug in existing:
            continue
        group = GROUPS[number % len(GROUPS)]
        page = NewsPage(
            title=f"Tin OCOP số {number}: {group.name_vi}",
            slug=slug,
            date=start + timedelta(days=3 * number),
            intro=f"Tin tức chương trình OCOP về nhóm {group.name_vi.lower()}.",
            body=[{"type": "paragraph", "value": f"<p>{group.description_vi}</p>"}],
        )
        have += _add_live(index, page)
        changes["new pages"] += 1
    return changes


def _add_live(parent, page) -> int:
    """Add `page` under `parent`, live, without a revision (speed; editors never see these)."""
    page.locale = parent.locale
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    return 1


def refresh_search_and_statistics() -> Changes:
    """What `Product.save` and autovacuum would have done after a bulk load.

    The vocabulary of typo correction is rebuilt from the products' text, and
    VACUUM ANALYZE moves the trigram GIN index's pending list into the index
    and refreshes the planner's statistics (without it the planner prices the
    trigram index as a full scan).
    """
    words = SearchWord.rebuild()
    # VACUUM cannot run in a transaction (the tests' own): skipped there.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for table in (
                "catalogue_product",
                "catalogue_productcategory",
                "catalogue_productimage",
                "catalogue_ocopcertificate",
                "catalogue_producer",
                "catalogue_searchword",
                "partner_stockrecord",
                "partner_stockmovement",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")
    return Counter({"search words": words})
