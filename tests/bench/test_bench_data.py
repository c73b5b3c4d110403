"""`bench_data` builds every kind of data the benchmark loads, idempotently; `bench_pages` finds
every page in it and counts its queries."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from oscar.core.loading import get_model
from PIL import Image

from catalogue.models import (
    CraftVillage,
    OcopCertificate,
    Producer,
    Product,
    ProductCategory,
    ProductImage,
    default_expiry,
)
from cms.models import CraftVillageIndexPage, CraftVillagePage, NewsIndexPage, NewsPage
from storefront.demo import scale, steps
from storefront.partner.models import StockMovement

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

COUNTED = [
    Producer,
    CraftVillage,
    Product,
    ProductCategory,
    ProductImage,
    OcopCertificate,
    StockRecord,
    StockMovement,
    CraftVillagePage,
    NewsPage,
    Partner,
]


@pytest.fixture
def small_pages(monkeypatch):
    """Fewer pages than the real 50 and 200 (treebeard inserts are the slow part)."""
    monkeypatch.setattr(scale, "VILLAGE_PAGES", 10)
    monkeypatch.setattr(scale, "NEWS_PAGES", 12)


@pytest.fixture
def quick_pictures(monkeypatch):
    """The demo's 800×800 drawings take most of a build; any real JPEG will do here."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (180, 90, 40)).save(buffer, "JPEG")
    monkeypatch.setattr(steps, "render_product_image", lambda **kwargs: buffer.getvalue())


def bench_data(products: int) -> str:
    out = io.StringIO()
    call_command("bench_data", "--products", str(products), stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in COUNTED}


def test_builds_every_kind_of_data_every_page_answers_and_a_second_run_adds_nothing(
    small_pages, quick_pictures
):
    bench_data(30)

    synthetic = Product.objects.filter(upc__startswith=scale.UPC_PREFIX)
    assert synthetic.count() == 30
    # Producers: across groups and provinces, verified but for the odd suspended one.
    producers = Producer.objects.filter(slug__startswith="bench-producer-")
    assert producers.count() == 6
    assert len(set(producers.values_list("province", flat=True))) == 6
    groups = set(ProductCategory.objects.filter(product__in=synthetic).values_list(
        "category__code", flat=True))  # fmt: skip
    assert groups == {f"ocop-group-{n}" for n in range(1, 7)}
    assert set(Product.objects.public().filter(pk__in=synthetic)) == set(synthetic)
    # Every product has a picture whose file exists, and a category.
    for product in synthetic.prefetch_related("images", "categories"):
        [image] = product.images.all()
        assert image.original.storage.exists(image.original.name), product.upc
        assert len(product.categories.all()) == 1
    # Certificates for most, in their star band, valid for the usual 36 months.
    certificates = OcopCertificate.objects.filter(product__in=synthetic)
    assert 20 <= certificates.count() <= 30
    for certificate in certificates:
        certificate.full_clean()
        assert certificate.expiry_date == default_expiry(certificate.issue_date)
    # Stock at the eight stores: every product at Kinh Bắc, most elsewhere too, and
    # every unit arrived as an opening movement (the stock services' rule).
    assert Partner.objects.count() == 8
    records = StockRecord.objects.filter(product__in=synthetic)
    assert records.filter(partner__code=scale.MANAGER_STORE).count() == 30
    assert records.count() > 30 * 8 * 0.6
    for record in records.filter(num_in_stock__gt=0):
        [movement] = record.movements.all()
        assert (movement.reason, movement.in_stock_before, movement.in_stock_after) == (
            "opening",
            0,
            record.num_in_stock,
        )
    # Pages: craft villages (each about a village record) and news, live.
    village_index = CraftVillageIndexPage.objects.get(locale__language_code="vi")
    news_index = NewsIndexPage.objects.get(locale__language_code="vi")
    assert CraftVillagePage.objects.child_of(village_index).live().count() == 10
    assert NewsPage.objects.child_of(news_index).live().count() == 12
    assert CraftVillage.objects.count() == 10
    # The store manager the benchmark signs in as.
    manager = get_user_model().objects.get(email=scale.MANAGER_EMAIL)
    assert manager.check_password(scale.MANAGER_PASSWORD)
    assert manager.managed_stores.filter(code=scale.MANAGER_STORE).exists()

    # Every page of the plan answers, and its queries are counted.
    Order = get_model("order", "Order")
    earlier = set(Order.objects.values_list("pk", flat=True))  # the demo month's orders
    out = io.StringIO()
    call_command("bench_pages", stdout=out)
    plan = json.loads(out.getvalue())

    keys = [page["key"] for page in plan["pages"]]
    assert keys == [
        "home_vi",
        "home_en",
        "listing_p1",
        "listing_deep",
        "listing_filtered",
        "category",
        "product",
        "search_common",
        "search_no_accent",
        "search_typo",
        "village",
        "store_content",
        "store_directory",
        "add_to_basket",
        "checkout",
        "stock",
    ]
    for page in plan["pages"]:
        # Every page answered (the counter raises otherwise) and cost some queries.
        assert isinstance(page["queries"], int) and page["queries"] > 0, page
        assert page["paths"], page
    assert plan["products"] == Product.objects.count()
    # The checkout journey really placed pickup orders, paid at the store.
    orders = Order.objects.exclude(pk__in=earlier)
    assert orders.count() == 2
    assert {order.fulfilment_store.code for order in orders} == {scale.MANAGER_STORE}

    # The stock import through the manager's page: a receipt and its correction,
    # every row a movement, the stock as it was; more rows than products is refused.
    levels = dict(StockRecord.objects.values_list("pk", "num_in_stock"))
    movements = StockMovement.objects.count()
    out = io.StringIO()
    call_command("bench_import", "--rows", "25", stdout=out)
    assert "stock import of 25 rows: " in out.getvalue()
    assert StockMovement.objects.count() == movements + 50
    assert dict(StockRecord.objects.values_list("pk", "num_in_stock")) == levels
    with pytest.raises(CommandError, match="fewer than 500"):
        call_command("bench_import", "--rows", "500", stdout=io.StringIO())
    with pytest.raises(CommandError, match="over the 0 s target"):
        call_command("bench_import", "--rows", "2", "--target-s", "0", stdout=io.StringIO())

    before = counts()
    output = bench_data(30)
    assert counts() == before
    assert "new " not in output, output

    # A larger size tops up; a smaller one is refused rather than mixed.
    bench_data(40)
    assert Product.objects.filter(upc__startswith=scale.UPC_PREFIX).count() == 40
    with pytest.raises(CommandError, match="more than 35"):
        bench_data(35)
