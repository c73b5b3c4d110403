"""The steps of `manage.py load_demo_data`.

Rule: every step creates what is missing, matched on a stable key (category
code, product class slug, partner code, product UPC, page type and locale,
username or email), and leaves what exists as it is. A second run therefore
writes nothing, and edits made in the dashboard or the CMS survive a re-run;
to see changed demo content, start from an empty database.

One repair is made: a product image whose file has gone from MEDIA_ROOT (a
wiped `var/media`) is drawn again, because a missing file breaks the page.

Each step returns what it did as a Counter ("new products": 44), in order.
"""

from collections import Counter
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django.core.files.base import ContentFile
from django.db.models import Prefetch, Q
from oscar.core.loading import get_model
from wagtail.models import Locale, Page
from wagtail.models import Site as WagtailSite

from catalogue.models import Category, Product, ProductCategory, ProductClass, ProductImage
from cms.models import HomePage
from storefront.demo.images import render_product_image
from storefront.demo.pages import HOME, SECTIONS, SITE_NAME, HomeContent, SectionContent
from storefront.demo.products import GROUPS, PRODUCTS, DemoProduct
from storefront.text import slugify

Changes = Counter[str]

# Through Oscar's loader, so the shop's fork of `partner` is used once it exists.
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

PARTNER_CODE = "ocop-bac-ninh"
PARTNER_NAME = "Cửa hàng OCOP Bắc Ninh"
GOODS_CLASS = "san-pham-ocop"
EXPERIENCE_CLASS = "trai-nghiem-du-lich"
EXPERIENCE_GROUP = 6
PRODUCT_CLASSES = {
    GOODS_CLASS: {
        "name": "Sản phẩm OCOP",
        "requires_shipping": True,
        "track_stock": True,
    },
    # Tours are sold as tickets: nothing to ship, but places are limited.
    EXPERIENCE_CLASS: {
        "name": "Trải nghiệm du lịch",
        "requires_shipping": False,
        "track_stock": True,
    },
}

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@ocop.local"
# Development only: the command refuses to run with DEBUG off.
ADMIN_PASSWORD = "ocop-admin-dev"  # noqa: S105

DJANGO_SITE_DOMAIN = "127.0.0.1:8000"
WAGTAIL_SITE_HOSTNAME = "localhost"


# --- catalogue --------------------------------------------------------------


def load_categories() -> Changes:
    """The six OCOP product groups, as top-level categories in group order."""
    changes = Counter()
    existing = set(
        Category.objects.filter(code__in=[g.code for g in GROUPS]).values_list("code", flat=True)
    )
    for group in GROUPS:
        if group.code in existing:
            continue
        Category.add_root(
            code=group.code,
            name_vi=group.name_vi,
            name_en=group.name_en,
            description_vi=f"<p>{group.description_vi}</p>",
            description_en=f"<p>{group.description_en}</p>",
            slug=slugify(group.name_vi),
            is_public=True,
        )
        changes["new categories"] += 1
    return changes


def load_product_classes_and_partner() -> Changes:
    """Goods and experiences as product classes; the province's OCOP store as partner."""
    changes = Counter()
    for slug, fields in PRODUCT_CLASSES.items():
        _, created = ProductClass.objects.get_or_create(slug=slug, defaults=fields)
        changes["new product classes"] += created
    _, created = Partner.objects.get_or_create(code=PARTNER_CODE, defaults={"name": PARTNER_NAME})
    changes["new partners"] += created
    return changes


def load_products() -> Changes:
    """Products with their category, a stock record at the OCOP store and a picture."""
    changes = Counter()
    categories = {c.code: c for c in Category.objects.filter(code__in=[g.code for g in GROUPS])}
    group_codes = {g.number: g.code for g in GROUPS}
    classes = {pc.slug: pc for pc in ProductClass.objects.filter(slug__in=PRODUCT_CLASSES)}
    partner = Partner.objects.get(code=PARTNER_CODE)
    existing = Product.objects.filter(upc__in=[item.upc for item in PRODUCTS]).prefetch_related(
        "categories",
        "images",
        Prefetch("stockrecords", queryset=StockRecord.objects.filter(partner=partner)),
    )
    by_upc = {product.upc: product for product in existing}
    for item in PRODUCTS:
        product = by_upc.get(item.upc)
        if product is None:
            class_slug = EXPERIENCE_CLASS if item.group == EXPERIENCE_GROUP else GOODS_CLASS
            product = _create_product(item, product_class=classes[class_slug])
            changes["new products"] += 1
            has_category = has_stock = has_image = False
        else:
            has_category = bool(product.categories.all())
            has_stock = bool(product.stockrecords.all())
            has_image = bool(product.images.all())
        if not has_category:
            ProductCategory.objects.create(
                product=product, category=categories[group_codes[item.group]]
            )
            changes["new category links"] += 1
        if not has_stock:
            StockRecord.objects.create(
                product=product,
                partner=partner,
                partner_sku=item.upc,
                price=Decimal(item.price),
                price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                num_in_stock=item.stock,
            )
            changes["new stock records"] += 1
        if not has_image:
            ProductImage.objects.create(
                product=product,
                original=ContentFile(_picture(item), name=f"{product.slug}.jpg"),
                caption=item.title_vi,
                display_order=0,
            )
            changes["new images"] += 1
        else:
            image = product.images.all()[0]
            if not image.original.storage.exists(image.original.name):
                image.original.save(f"{product.slug}.jpg", ContentFile(_picture(item)), save=True)
                changes["redrawn images"] += 1
    return changes


def _create_product(item: DemoProduct, *, product_class: ProductClass) -> Product:
    product = Product(
        upc=item.upc,
        structure=Product.STANDALONE,
        product_class=product_class,
        title_vi=item.title_vi,
        title_en=item.title_en,
        description_vi=f"<p>{item.description_vi}</p>",
        description_en=f"<p>{item.description_en}</p>",
        slug=slugify(item.title_vi),
        is_public=True,
    )
    product.clean()  # NFC normalisation and Oscar's structure rules
    product.save()
    return product


def _picture(item: DemoProduct) -> bytes:
    return render_product_image(seed=item.upc, group=item.group, motif=item.motif)


# --- Wagtail pages and sites ------------------------------------------------


def load_home_page() -> Changes:
    """Locales, the Vietnamese home page as the default site's root, and the sites.

    The page Wagtail's migrations create ("Welcome to your new Wagtail site!",
    slug "home") is replaced: the default site is pointed at our home page,
    then the welcome page is deleted, unless someone has put pages under it.
    """
    changes = Counter()
    locales = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], created = Locale.objects.get_or_create(language_code=code)
        changes["new locales"] += created
    vi = locales[settings.LANGUAGE_CODE]

    root = Page.get_first_root_node()
    if root is None:
        # Wagtail's migrations make the root, but a flushed database (`manage.py
        # flush`, transactional tests) has none.
        root = Page.add_root(instance=Page(title="Root", locale=vi))
        changes["new pages"] += 1
    welcome = (
        root.get_children()
        .filter(content_type=ContentType.objects.get_for_model(Page), slug=HOME["vi"].slug)
        .first()
    )
    home = HomePage.objects.child_of(root).filter(locale=vi).first()
    created_home = home is None
    if created_home:
        home = HomePage(locale=vi)
        _fill_home(home, HOME["vi"])
        if welcome is not None:
            home.slug += "-ocop"  # the welcome page holds the slug until it is deleted below
        root.add_child(instance=home)
        changes["new pages"] += 1

    site = WagtailSite.objects.filter(is_default_site=True).first()
    if site is None:
        WagtailSite.objects.create(
            hostname=WAGTAIL_SITE_HOSTNAME,
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=SITE_NAME,
        )
        changes["new Wagtail sites"] += 1
    elif site.root_page.specific_class is not HomePage:  # still Wagtail's welcome page
        site.root_page = home
        site.site_name = site.site_name or SITE_NAME
        site.save()
        changes["Wagtail site root set"] += 1

    if (
        welcome is not None
        and welcome.numchild == 0
        and not WagtailSite.objects.filter(root_page=welcome).exists()
    ):
        welcome.delete()
        welcome = None
        changes["Wagtail welcome page removed"] += 1
    if created_home:
        if welcome is None:
            home.slug = HOME["vi"].slug
        home.save_revision().publish()

    django_site, created = DjangoSite.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": DJANGO_SITE_DOMAIN, "name": SITE_NAME}
    )
    if created:
        changes["new Django sites"] += 1
    elif django_site.domain == "example.com":  # Django's placeholder, not someone's edit
        django_site.domain, django_site.name = DJANGO_SITE_DOMAIN, SITE_NAME
        django_site.save()
        changes["Django site renamed"] += 1
    return changes


def load_section_pages() -> Changes:
    """The four section indexes under the Vietnamese home page."""
    changes = Counter()
    home = _vietnamese_home()
    for model_name, content in SECTIONS.items():
        model = apps.get_model("cms", model_name)
        if model.objects.child_of(home).exists():
            continue
        page = model(locale=home.locale)
        _fill_section(page, content["vi"])
        home.add_child(instance=page)
        page.save_revision().publish()
        changes["new pages"] += 1
    return changes


def load_translations() -> Changes:
    """English translations of the home page and the section indexes.

    Made with Wagtail's own translation copy, so the pages share a translation
    key with their Vietnamese source and the language switch finds them.
    """
    changes = Counter()
    en = Locale.objects.get(language_code="en")
    home = _vietnamese_home()
    sources = [(home, _fill_home, HOME["en"])]
    for model_name, content in SECTIONS.items():
        page = apps.get_model("cms", model_name).objects.child_of(home).first()
        if page is not None:
            sources.append((page, _fill_section, content["en"]))
    # The home page comes first: its translation is the others' parent.
    for source, fill, content in sources:
        if source.get_translation_or_none(en) is not None:
            continue
        if source.depth > 2:
            # The copy takes its slug from the source object. Giving the unsaved
            # source the English slug avoids renaming the copy afterwards, which
            # would make wagtail.contrib.redirects add a redirect from a path that
            # was never public. (The home page's copy gets "-en" appended.)
            source.slug = content.slug
        page = source.copy_for_translation(en, copy_parents=True)
        fill(page, content)
        page.save_revision().publish()
        changes["new translated pages"] += 1
    return changes


def _vietnamese_home() -> HomePage:
    return HomePage.objects.get(depth=2, locale__language_code=settings.LANGUAGE_CODE)


def _fill_home(page: HomePage, content: HomeContent) -> None:
    page.title = content.title
    page.slug = content.slug
    page.hero_title = content.hero_title
    page.hero_text = content.hero_text
    page.body = content.body


def _fill_section(page: Page, content: SectionContent) -> None:
    page.title = content.title
    page.slug = content.slug
    page.intro = content.intro


# --- accounts ---------------------------------------------------------------


def load_superuser() -> Changes:
    """A development superuser, created only if neither its username nor email exists.

    An existing account is never touched, so a changed password stays changed.
    """
    user_model = get_user_model()
    if user_model.objects.filter(
        Q(username=ADMIN_USERNAME) | Q(email__iexact=ADMIN_EMAIL)
    ).exists():
        return Counter()
    user_model.objects.create_superuser(
        username=ADMIN_USERNAME, email=ADMIN_EMAIL, password=ADMIN_PASSWORD
    )
    return Counter({"new superusers": 1})
