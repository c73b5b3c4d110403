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
from datetime import date
from decimal import Decimal
from email.utils import parseaddr
from io import BytesIO

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db.models import Q
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.models import Site as WagtailSite

from catalogue.models import (
    Category,
    CraftVillage,
    Producer,
    Product,
    ProductCategory,
    ProductClass,
    ProductImage,
)
from cms.models import (
    CraftVillageIndexPage,
    CraftVillagePage,
    FormField,
    FormPage,
    HomePage,
    NewsPage,
    SiteLinks,
    StandardPage,
    StorePage,
    TourismPage,
)
from storefront.demo import stores as demo_stores
from storefront.demo.images import render_product_image
from storefront.demo.pages import (
    FORMS,
    HOME,
    MODERATORS_GROUP,
    NEWS,
    SECTIONS,
    SITE_NAME,
    STAFF_EMAIL,
    STANDARD_PAGES,
    STORE_INTRO,
    TOURS,
    VILLAGES,
    WORKFLOW_NAME,
    DemoForm,
    HomeContent,
    PageText,
    SectionContent,
    Tour,
    Village,
)
from storefront.demo.products import GROUPS, PRODUCTS, DemoProduct
from storefront.experiences.services import BOOKING_OPTIONS, booking_options
from storefront.text import slugify

Changes = Counter[str]

# Through Oscar's loader, so the shop's fork of `partner` is used once it exists.
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
WagtailImage = get_image_model()

GOODS_CLASS = "san-pham-ocop"
EXPERIENCE_CLASS = "trai-nghiem-du-lich"
EXPERIENCE_GROUP = 6
PRODUCT_CLASSES = {
    GOODS_CLASS: {
        "name": "Sản phẩm OCOP",
        "requires_shipping": True,
        "track_stock": True,
    },
    # Tours are sold by the place in a session (storefront.experiences):
    # nothing to ship and no shelf to count.
    EXPERIENCE_CLASS: {
        "name": "Trải nghiệm du lịch",
        "requires_shipping": False,
        "track_stock": False,
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
    """Goods and experiences as product classes; the OCOP stores with their managers."""
    changes = Counter()
    for slug, fields in PRODUCT_CLASSES.items():
        _, created = ProductClass.objects.get_or_create(slug=slug, defaults=fields)
        changes["new product classes"] += created
    changes.update(demo_stores.load_stores())
    return changes


def load_products() -> Changes:
    """Products with their category, stock at the stores that carry them, and a picture."""
    changes = Counter()
    categories = {c.code: c for c in Category.objects.filter(code__in=[g.code for g in GROUPS])}
    group_codes = {g.number: g.code for g in GROUPS}
    classes = {pc.slug: pc for pc in ProductClass.objects.filter(slug__in=PRODUCT_CLASSES)}
    existing = Product.objects.filter(upc__in=[item.upc for item in PRODUCTS]).prefetch_related(
        "categories", "images"
    )
    to_stock = []
    by_upc = {product.upc: product for product in existing}
    for item in PRODUCTS:
        product = by_upc.get(item.upc)
        if product is None:
            class_slug = EXPERIENCE_CLASS if item.group == EXPERIENCE_GROUP else GOODS_CLASS
            product = _create_product(item, product_class=classes[class_slug])
            changes["new products"] += 1
            has_category = has_image = False
        else:
            has_category = bool(product.categories.all())
            has_image = bool(product.images.all())
        if not has_category:
            ProductCategory.objects.create(
                product=product, category=categories[group_codes[item.group]]
            )
            changes["new category links"] += 1
        if item.group != EXPERIENCE_GROUP:  # experiences sell places, not stock
            to_stock.append((product, Decimal(item.price)))
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
    changes.update(demo_stores.stock_products(to_stock))
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


# --- content: craft villages, tourism, stores, news, standard pages, forms ---
# Matched on: craft village slug, producer tax code, option code, image title,
# page type + slug under its parent, workflow name.


def load_experience_options() -> Changes:
    """The experience class needs no shipping and carries the session and ticket options.

    Experiences (OCOP group 6) are booked by the place in a session
    (storefront.experiences): checkout asks for no delivery address, and the
    basket line names the session and the ticket (adult or child).
    """
    changes = Counter()
    experience = ProductClass.objects.filter(slug=EXPERIENCE_CLASS).first()
    if experience is None:
        return changes
    if experience.requires_shipping or experience.track_stock:
        experience.requires_shipping = experience.track_stock = False
        experience.save(update_fields=["requires_shipping", "track_stock"])
        changes["experience class set to no shipping or stock"] += 1
    existing = set(experience.options.values_list("code", flat=True))
    for code, option in booking_options().items():
        if code not in existing:
            experience.options.add(option)
            changes["new product class options"] += 1
    # The free-text date and people of earlier demo data: the session replaces them.
    stale = experience.options.exclude(code__in=list(BOOKING_OPTIONS))
    changes["old booking options removed"] += stale.count()
    experience.options.remove(*stale)
    return changes


def load_craft_villages() -> Changes:
    """The craft village records, a verified demo producer per village, and their products.

    A village that already has producers (made by the catalogue's own demo
    data or by staff) gets no demo producer, and a product that already has a
    producer keeps it.
    """
    changes = Counter()
    villages = {v.slug: v for v in CraftVillage.objects.filter(slug__in=[d.key for d in VILLAGES])}
    for demo in VILLAGES:
        village = villages.get(demo.key)
        if village is None:
            village = CraftVillage.objects.create(
                slug=demo.key,
                name_vi=demo.name_vi,
                name_en=demo.name_en,
                crafts_vi=demo.crafts_vi,
                crafts_en=demo.crafts_en,
                commune=demo.commune,
            )
            changes["new craft villages"] += 1
        producer = village.producers.first()
        if producer is None:
            producer = Producer.objects.filter(tax_code=demo.producer.tax_code).first()
        if producer is None:
            producer = Producer.objects.create(
                name=demo.producer.name,
                slug=slugify(demo.producer.name),
                legal_form=demo.producer.legal_form,
                tax_code=demo.producer.tax_code,
                commune=demo.commune,
                address=demo.producer.address,
                contact_person="Demo",
                phone="0222 000 0000",
                craft_village=village,
                status=Producer.Status.VERIFIED,
            )
            changes["new demo producers"] += 1
        changes["products linked to a producer"] += Product.objects.filter(
            upc__in=demo.product_codes, producer__isnull=True
        ).update(producer=producer)
    return changes


def load_content_images() -> Changes:
    """Generated pictures for the content pages, with alt text, as Wagtail images."""
    changes = Counter()
    existing = set(
        WagtailImage.objects.filter(title__startswith=_IMAGE_PREFIX).values_list("title", flat=True)
    )
    collection = Collection.get_first_root_node()
    if collection is None:  # made by Wagtail's migrations; absent after a flush
        collection = Collection.add_root(name="Root")
    for title, (seed, group, motif, alt) in _content_images().items():
        if title in existing:
            continue
        picture = render_product_image(seed=seed, group=group, motif=motif)
        WagtailImage.objects.create(
            title=title,
            description=alt,
            collection=collection,
            file=ImageFile(BytesIO(picture), name=f"{slugify(title)}.jpg"),
        )
        changes["new images"] += 1
    return changes


_IMAGE_PREFIX = "Demo · "
_VILLAGE_MOTIFS = {
    "dong-ho": (4, ["frame", "paper", "frame"]),
    "phu-lang": (4, ["vase", "bowl-sauce", "vase"]),
    "dong-ky": (4, ["box", "table", "box"]),
    "dai-bai": (4, ["drum", "tray", "drum"]),
    "xuan-lai": (4, ["basket", "hat", "basket"]),
    "phong-khe": (4, ["paper", "frame", "paper"]),
    "dinh-bang": (1, ["parcel", "roof", "parcel"]),
}


def _content_images() -> dict[str, tuple[str, int, str, str]]:
    """Title → (seed, OCOP group palette, motif, alt text)."""
    images = {}
    for village in VILLAGES:
        group, motifs = _VILLAGE_MOTIFS.get(village.key, (4, ["roof", "roof", "roof"]))
        for index, motif in enumerate(motifs):
            images[f"{_IMAGE_PREFIX}{village.name_vi} {index + 1}"] = (
                f"{village.key}-{index}",
                group,
                motif,
                f"{village.crafts_vi} – {village.name_vi} (minh họa)",
            )
    for index, tour in enumerate(TOURS):
        images[f"{_IMAGE_PREFIX}{tour.vi.title}"] = (
            f"tour-{index}",
            6,
            ["roof", "vase", "frame"][index % 3],
            f"{tour.vi.title} (minh họa)",
        )
    for index, news in enumerate(NEWS):
        images[f"{_IMAGE_PREFIX}{news.vi.title}"] = (
            f"news-{index}",
            (index % 6) + 1,
            ["roof", "flower", "box", "hat", "paper"][index % 5],
            f"{news.vi.title} (minh họa)",
        )
    return images


def _image(title: str):
    return WagtailImage.objects.filter(title=f"{_IMAGE_PREFIX}{title}").first()


def load_content_pages() -> Changes:
    """Vietnamese detail pages: villages, tourism, a page per store, news, standard, forms."""
    changes = Counter()
    home = _vietnamese_home()
    sections = {
        name: apps.get_model("cms", name).objects.child_of(home).first() for name in SECTIONS
    }
    villages = {v.slug: v for v in CraftVillage.objects.filter(slug__in=[d.key for d in VILLAGES])}
    products = dict(Product.objects.values_list("upc", "pk"))

    village_index = sections["CraftVillageIndexPage"]
    for demo in VILLAGES:
        if village_index is None or demo.key not in villages:
            continue
        images = [_image(f"{demo.name_vi} {n}") for n in (1, 2, 3)]
        page = CraftVillagePage(
            craft_village=villages[demo.key],
            image=images[0],
            address=demo.commune + ", Bắc Ninh",
            latitude=demo.latitude,
            longitude=demo.longitude,
            gallery=_gallery([i for i in images[1:] if i is not None], demo, "vi"),
        )
        _fill_village(page, demo.vi)
        changes["new pages"] += _add_page(village_index, page)

    tourism_index = sections["TourismIndexPage"]
    for tour in TOURS:
        if tourism_index is None:
            continue
        page = TourismPage(
            image=_image(tour.vi.title),
            craft_village=villages.get(tour.village_key),
            address=tour.address,
            latitude=tour.latitude,
            longitude=tour.longitude,
            experiences=[
                {"type": "product", "value": products[code]}
                for code in tour.experience_codes
                if code in products
            ],
        )
        _fill_tour(page, tour, "vi")
        changes["new pages"] += _add_page(tourism_index, page)

    store_index = sections["StoreIndexPage"]
    if store_index is not None:
        with_page = set(StorePage.objects.values_list("store_id", flat=True))
        for partner in Partner.objects.exclude(pk__in=with_page).order_by("pk"):
            page = StorePage(store=partner, title=partner.name, slug=slugify(partner.name))
            page.intro = STORE_INTRO["vi"]
            changes["new pages"] += _add_page(store_index, page)

    news_index = sections["NewsIndexPage"]
    for news in NEWS:
        if news_index is None:
            continue
        page = NewsPage(date=date.fromisoformat(news.date), image=_image(news.vi.title))
        _fill_news(page, news.vi)
        changes["new pages"] += _add_page(news_index, page)

    for vi, _en in STANDARD_PAGES:
        page = StandardPage()
        _fill_standard(page, vi)
        changes["new pages"] += _add_page(home, page)

    for form in FORMS:
        # The form's sender must be a bare address; the setting has a display name.
        page = FormPage(
            to_address=STAFF_EMAIL, from_address=parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        )
        _fill_form(page, form, "vi")
        page.form_fields = [
            FormField(
                sort_order=n,
                label=label_vi,
                field_type=kind,
                required=required,
                choices=choices,
            )
            for n, (label_vi, _label_en, kind, required, choices) in enumerate(form.fields)
        ]
        changes["new pages"] += _add_page(home, page)
    return changes


def _add_page(parent: Page, page: Page) -> int:
    """Add and publish `page` under `parent` unless a child already has its slug."""
    if parent.get_children().filter(slug=page.slug).exists():
        return 0
    page.locale = parent.locale
    parent.add_child(instance=page)
    page.save_revision().publish()
    return 1


def load_content_translations() -> Changes:
    """English translations of every content page made by load_content_pages.

    Pages added by editors are left alone: translating them is their job
    (Wagtail admin → Translate).
    """
    changes = Counter()
    en = Locale.objects.get(language_code="en")
    home = _vietnamese_home()
    jobs = []
    by_slug = {p.slug: p for p in home.get_descendants().specific()}
    for demo in VILLAGES:
        jobs.append((demo.vi.slug, demo.en.slug, lambda page, d=demo: _fill_village_en(page, d)))
    for tour in TOURS:
        jobs.append((tour.vi.slug, tour.en.slug, lambda page, t=tour: _fill_tour(page, t, "en")))
    for news in NEWS:
        jobs.append((news.vi.slug, news.en.slug, lambda page, n=news: _fill_news(page, n.en)))
    for vi, en_text in STANDARD_PAGES:
        jobs.append((vi.slug, en_text.slug, lambda page, t=en_text: _fill_standard(page, t)))
    for form in FORMS:
        jobs.append((form.vi.slug, form.en.slug, lambda page, f=form: _fill_form(page, f, "en")))
    for page in StorePage.objects.descendant_of(home).specific():
        jobs.append((page.slug, page.slug, _fill_store_en))
    for slug, en_slug, fill in jobs:
        source = by_slug.get(slug)
        if source is None or source.get_translation_or_none(en) is not None:
            continue
        if source.get_parent().get_translation_or_none(en) is None:
            continue  # load_translations makes the English sections first
        # As in load_translations: the copy takes the (unsaved) source's slug, so
        # it is never renamed and no redirect from a never-public path is made.
        source.slug = en_slug
        page = source.copy_for_translation(en)
        fill(page)
        page.save_revision().publish()
        changes["new translated pages"] += 1
    return changes


# The footer's pages (cms.models.SiteLinks field → Vietnamese slug in STANDARD_PAGES/FORMS).
SITE_LINK_SLUGS = {
    "about_page": "gioi-thieu-ocop",
    "star_ratings_page": "cach-xep-hang-sao",
    "terms_page": "dieu-khoan",
    "privacy_page": "chinh-sach-bao-mat",
    "contact_page": "lien-he",
    "join_page": "dang-ky-chu-the-ocop",
}


def load_site_links() -> Changes:
    """The footer's links (Settings → Site links): each empty choice set to its demo page."""
    changes = Counter()
    links = SiteLinks.objects.first() or SiteLinks()
    home = _vietnamese_home()
    pages = dict(home.get_children().values_list("slug", "pk"))
    for field, slug in SITE_LINK_SLUGS.items():
        if getattr(links, f"{field}_id") is None and slug in pages:
            setattr(links, f"{field}_id", pages[slug])
            changes["footer links set"] += 1
    if changes:
        links.save()
    return changes


def load_workflow() -> Changes:
    """The "producer story review" workflow on the craft village sections (both languages).

    Wagtail's built-in moderation: an editor submits a craft village page (a
    producer's story), a member of the Moderators group approves or rejects
    it, and only then can it be published.
    """
    changes = Counter()
    moderators, created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    changes["new groups"] += created
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        task = GroupApprovalTask.objects.create(name="Duyệt bởi ban quản lý / Staff review")
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changes["new workflows"] += 1
    for index in CraftVillageIndexPage.objects.all():
        _, created = WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
        changes["new workflow assignments"] += created
    return changes


def _fill_village(page: CraftVillagePage, text: PageText) -> None:
    page.title, page.slug, page.intro = text.title, text.slug, text.intro
    page.search_description = text.intro
    page.history, page.how_to_visit = text.body, text.extra


def _fill_village_en(page: CraftVillagePage, village: Village) -> None:
    _fill_village(page, village.en)
    page.gallery = _gallery([block.value for block in page.gallery], village, "en")


def _gallery(images: list, village: Village, language: str) -> list[dict]:
    """A village page's gallery, each picture described in the page's language."""
    if language == "vi":
        alt = "{crafts} – {name}, ảnh minh họa {number}/{count}"
        crafts, name = village.crafts_vi, village.name_vi
    else:
        alt = "{crafts} – {name}, illustration {number} of {count}"
        crafts, name = village.crafts_en, village.name_en
    return [
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "decorative": False,
                "alt_text": alt.format(crafts=crafts, name=name, number=number, count=len(images)),
            },
        }
        for number, image in enumerate(images, start=1)
    ]


def _fill_tour(page: TourismPage, tour: Tour, language: str) -> None:
    text = getattr(tour, language)
    steps = tour.itinerary_vi if language == "vi" else tour.itinerary_en
    page.title, page.slug, page.intro = text.title, text.slug, text.intro
    page.search_description = text.intro
    page.body = [{"type": "paragraph", "value": text.body}]
    page.itinerary = [
        {"type": "step", "value": {"time": time, "title": title, "text": ""}}
        for time, title in steps
    ]


def _fill_news(page: NewsPage, text: PageText) -> None:
    page.title, page.slug, page.intro = text.title, text.slug, text.intro
    page.search_description = text.intro
    page.body = [{"type": "paragraph", "value": text.body}]


def _fill_standard(page: StandardPage, text: PageText) -> None:
    page.title, page.slug, page.intro = text.title, text.slug, text.intro
    page.search_description = text.intro
    page.body = [{"type": "paragraph", "value": text.body}]


def _fill_form(page: FormPage, form: DemoForm, language: str) -> None:
    text = getattr(form, language)
    page.title, page.slug, page.search_description = text.title, text.slug, text.intro
    page.intro = text.body
    page.thank_you_text = form.thanks_vi if language == "vi" else form.thanks_en
    page.subject = text.title
    if language == "en":
        # The copy's fields are the Vietnamese ones: relabel them, same order.
        # Their clean names (the submission keys) stay, so submissions in both
        # languages line up in one table.
        fields = list(page.form_fields.all())
        for field, (_vi, label_en, *_rest) in zip(fields, form.fields, strict=False):
            field.label = label_en
        page.form_fields = fields


def _fill_store_en(page: StorePage) -> None:
    page.intro = STORE_INTRO["en"]


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
