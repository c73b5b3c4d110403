"""`load_demo_data`: a browsable shop and page tree from a fresh database, idempotently."""

import io
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from django.core.management.base import CommandError
from oscar.core.loading import get_model
from wagtail.models import Locale, Page, Revision, Site

from catalogue.models import Category, Product, ProductCategory, ProductClass, ProductImage
from cms.models import HomePage
from storefront.partner import services

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

# Every table the command writes to: a second run must add no row to any.
WRITTEN_MODELS = [
    Category,
    ProductClass,
    Partner,
    Product,
    ProductCategory,
    ProductImage,
    StockRecord,
    Locale,
    Page,
    Revision,
    Site,
    DjangoSite,
    get_user_model(),
]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def load_demo_data(*args: str) -> str:
    out = io.StringIO()
    # The test settings run with DEBUG off, where the command needs --force.
    call_command("load_demo_data", "--force", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in WRITTEN_MODELS}


def test_demo_products_are_bilingual_pictured_and_priced_in_whole_dong(media_root):
    load_demo_data()

    products = (
        Product.objects.filter(is_public=True)
        .select_related("experience")
        .prefetch_related("images", "stockrecords")
    )
    assert len(products) >= 42
    for product in products:
        assert product.title_vi and product.title_en, product.upc
        assert unicodedata.is_normalized("NFC", product.title_vi + product.description_vi)
        assert product.description_vi.startswith("<p>") and product.description_en
        [image] = product.images.all()
        assert image.original.storage.exists(image.original.name)
        assert (image.original.width, image.original.height) == (800, 800)
        records = product.stockrecords.all()
        experience = getattr(product, "experience", None)
        if experience is not None:
            # Sold by the place in a session: no shelf, a price per person.
            assert not records, product.upc
            price = experience.price_per_person
            assert price > 0 and price == price.to_integral_value()
            continue
        assert records, f"{product.upc} is stocked in no store"
        # One price per product, whatever the store, in whole đồng.
        assert len({record.price for record in records}) == 1
        for record in records:
            assert record.price_currency == "VND"
            assert record.price > 0 and record.price == record.price.to_integral_value()
    titles = [product.title_vi for product in products]
    assert any(title.startswith("Bánh đa nem") for title in titles)
    assert any(title.startswith("Tranh Đông Hồ") for title in titles)


def test_the_six_ocop_groups_are_root_categories_each_with_products(media_root):
    load_demo_data()

    groups = Category.get_root_nodes()
    assert [group.name_en for group in groups] == [
        "Food",
        "Beverages",
        "Medicinal herbs and herbal products",
        "Handicrafts and decor",
        "Ornamental plants and animals",
        "Community tourism and services",
    ]
    assert groups[3].slug == "thu-cong-my-nghe-trang-tri"
    for group in groups:
        assert group.name_vi and group.product_set.filter(is_public=True).exists()
    experiences = Product.objects.filter(categories=groups[5])
    assert {product.product_class.requires_shipping for product in experiences} == {False}


def test_vietnamese_home_page_is_the_site_root_and_has_an_english_translation(media_root):
    load_demo_data()

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert (home.locale.language_code, home.title, home.live) == ("vi", "OCOP Bắc Ninh", True)
    # The four sections of the header come first; standard and form pages follow.
    assert [p.slug for p in home.get_children().live()][:4] == [
        "lang-nghe",
        "du-lich",
        "cua-hang",
        "tin-tuc",
    ]
    home_en = home.get_translation(Locale.objects.get(language_code="en"))
    assert home_en.live
    assert [p.slug for p in home_en.get_children().live()][:4] == [
        "craft-villages",
        "tourism",
        "stores",
        "news",
    ]
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert DjangoSite.objects.get_current().name == "OCOP Bắc Ninh"


def test_second_run_creates_no_rows_and_says_so(media_root):
    load_demo_data()
    counts, files = row_counts(), sorted(media_root.rglob("*.jpg"))

    output = load_demo_data()

    assert row_counts() == counts
    assert sorted(media_root.rglob("*.jpg")) == files
    assert "no changes" in output


def test_second_run_keeps_edits_and_redraws_only_missing_pictures(media_root):
    load_demo_data()
    product = Product.objects.get(upc="OCOP-BN-001")
    for record in product.stockrecords.all():
        services.change_stock(stockrecord=record, reason="stock_take", user=None, new_quantity=7)
    image = product.images.get()
    image.original.storage.delete(image.original.name)

    output = load_demo_data()

    assert {record.num_in_stock for record in product.stockrecords.all()} == {7}
    assert product.images.get().original.storage.exists(product.images.get().original.name)
    assert "redrawn images: 1" in output


def test_existing_admin_keeps_its_password(media_root, django_user_model):
    admin = django_user_model.objects.create_user(
        username="admin", email="admin@ocop.local", password="changed-since"
    )

    load_demo_data()

    admin.refresh_from_db()
    assert admin.check_password("changed-since")
    assert django_user_model.objects.filter(email__iexact="admin@ocop.local").count() == 1


def test_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo_data", stdout=io.StringIO())

    assert not Product.objects.exists()
