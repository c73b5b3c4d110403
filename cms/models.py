# Pages inherit __str__ (the title) from wagtail Page; ruff cannot see it through the mixins.
# ruff: noqa: DJ008
"""Wagtail page types: the content around the shop.

The tree, per language (Vietnamese is the source, English a translation):

    HomePage
    ├── CraftVillageIndexPage → CraftVillagePage (→ catalogue.CraftVillage)
    ├── TourismIndexPage      → TourismPage
    ├── StoreIndexPage        → StorePage        (→ partner.Partner, the store record)
    ├── NewsIndexPage         → NewsPage
    ├── StandardPage          → StandardPage, FormPage
    └── FormPage

Pages that describe something the shop also knows (a village, a store)
point at the shop's record and read it through cms.selectors on every
request; they never copy addresses, hours or product lists.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.url_routing import RouteResult

from catalogue import selectors as catalogue_selectors
from catalogue.models import ProductGroup
from cms import blocks, schema, selectors, slugs

HOME_PRODUCTS = 8
HOME_FIVE_STAR = 4
HOME_VILLAGES = 6
HOME_NEWS = 3
NEWS_PER_PAGE = 12


class SeoMixin(models.Model):
    """The picture link previews show (Open Graph), beside Wagtail's SEO title and description,
    and the page's address: a slug left empty is the title transliterated to ASCII
    (cms.slugs), in the admin's browser and on the server alike."""

    base_form_class = slugs.PageForm

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a link to this page is shared; the main image is used if empty."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image or getattr(self, "image", None)

    # Wagtail fills an empty slug in these two (saving live, saving a draft)
    # with Django's slugify, which drops "đ"; ours runs first.
    def full_clean(self, *args, **kwargs):
        slugs.fill_slug_from_title(self)
        return super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        slugs.fill_slug_from_title(self)
        return super().minimal_clean()

    def get_schema_org(self, request) -> list[dict]:
        """schema.org objects for the page's JSON-LD; pages add their own."""
        return []


def _image_field(verbose_name=None):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name or _("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class HomePage(SeoMixin, Page):
    hero_title = models.CharField(_("hero title"), max_length=160, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = _image_field(_("hero image"))
    body = RichTextField(_("body"), blank=True)
    featured_rule = models.CharField(
        _("fill featured products with"),
        max_length=16,
        choices=[
            (selectors.RULE_NEWEST, _("the newest products")),
            (selectors.RULE_STARS, _("the best rated products")),
            (selectors.RULE_GROUP, _("products of one OCOP group")),
            (selectors.RULE_EDITOR, _("nothing: only the products chosen above")),
        ],
        default=selectors.RULE_NEWEST,
        help_text=_("Chosen products come first; the rule fills the remaining places."),
    )
    featured_group = models.PositiveSmallIntegerField(
        _("OCOP group for the rule"),
        choices=ProductGroup.choices,
        null=True,
        blank=True,
    )
    featured_products = StreamField(
        [("product", blocks.ProductChooserBlock())],
        verbose_name=_("featured products"),
        blank=True,
    )
    five_star_picks = StreamField(
        [("product", blocks.ProductChooserBlock())],
        verbose_name=_("5★ picks"),
        blank=True,
        help_text=_("Leave empty to show the 5★ products automatically."),
    )
    featured_villages = StreamField(
        [("village", wagtail_blocks.PageChooserBlock(page_type="cms.CraftVillagePage"))],
        verbose_name=_("featured craft villages"),
        blank=True,
        help_text=_("Leave empty to show the first craft villages of the list."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_products"),
                FieldRowPanel([FieldPanel("featured_rule"), FieldPanel("featured_group")]),
                FieldPanel("five_star_picks"),
            ],
            heading=_("Products"),
        ),
        FieldPanel("featured_villages"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.CraftVillageIndexPage",
        "cms.TourismIndexPage",
        "cms.StoreIndexPage",
        "cms.NewsIndexPage",
        "cms.StandardPage",
        "cms.FormPage",
    ]
    # No max_count_per_parent: each language's home page sits under the root.

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        if self.featured_rule == selectors.RULE_GROUP and not self.featured_group:
            raise ValidationError({"featured_group": _("Choose the OCOP group for this rule.")})

    def get_social_image(self):
        return self.social_image or self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = self.featured()
        picks = _block_ids(self.five_star_picks)
        context["five_star_products"] = (
            selectors.chosen_products(picks)[:HOME_FIVE_STAR]
            if picks
            else selectors.five_star_products(limit=HOME_FIVE_STAR)
        )
        context["categories"] = catalogue_selectors.product_groups()
        context["store_pages"] = selectors.pages_in_locale(StorePage)
        villages = self.villages()
        latest_news = selectors.pages_in_locale(
            NewsPage, limit=HOME_NEWS, order=("-date", "-first_published_at"), related=["image"]
        )
        # Untranslated cards link into this language's sections, as on the indexes:
        # one look-up for both lists.
        listed = selectors.with_listed_urls([*villages, *latest_news], request)
        context["villages"] = listed[: len(villages)]
        context["latest_news"] = listed[len(villages) :]
        return context

    def featured(self):
        rule = {"rule": self.featured_rule}
        if self.featured_rule == selectors.RULE_GROUP:
            rule = {
                "rule": selectors.RULE_NEWEST,
                "group": catalogue_selectors.group_category(self.featured_group),
            }
        return selectors.picks_then_rule(
            product_ids=_block_ids(self.featured_products), limit=HOME_PRODUCTS, **rule
        )

    def villages(self):
        chosen = [block.value for block in self.featured_villages if block.value]
        if chosen:
            ids = [page.pk for page in chosen]
            live = (
                CraftVillagePage.objects.live()
                .public()
                .select_related("image", "craft_village", "locale")
                .in_bulk(ids)
            )
            return [live[pk] for pk in ids if pk in live][:HOME_VILLAGES]
        return selectors.pages_in_locale(
            CraftVillagePage, limit=HOME_VILLAGES, related=["image", "craft_village"]
        )

    def get_schema_org(self, request):
        return [schema.organization(request)]


def _block_ids(stream) -> list[int]:
    """Primary keys stored by chooser blocks, without loading the objects."""
    return [
        value for value in (block.block.get_prep_value(block.value) for block in stream) if value
    ]


class SectionIndexPage(SeoMixin, Page):
    """Common shape of the section indexes: a title, an introduction, children.

    Every index lists its children through `listed_children`, which in a
    language other than Vietnamese adds the Vietnamese pages not yet
    translated (cms.selectors.children_with_fallback), and `route` serves
    those under the index's own address (`/en/news/<slug>/`), so a reader
    stays in their language's site while reading a Vietnamese-only page.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1

    # The children's page type and the foreign keys their cards show, read
    # in the listing's query; None: any page type, loaded by type afterwards.
    child_model = None
    child_related: tuple[str, ...] = ()
    child_order: tuple[str, ...] = ("path",)

    class Meta:
        abstract = True

    def listed_children(self) -> models.QuerySet:
        """Live, public children in this page's language, then the Vietnamese ones not
        translated into it; ordered by `child_order`."""
        model = self._meta.apps.get_model("cms", self.child_model) if self.child_model else None
        children = selectors.children_with_fallback(self, model=model)
        children = children.select_related("locale", *self.child_related)
        children = children.order_by(*self.child_order)
        return children if model else children.specific()

    def listing(self, request) -> dict:
        """What the index lists: every child, each with the address its card links to."""
        return {"children": selectors.with_listed_urls(self.listed_children(), request)}

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1:
                raise
            child = selectors.untranslated_child(self, path_components[0])
            if child is None:
                raise
            # Read by the breadcrumbs and the language switch: this index, not
            # the page's Vietnamese parent, is where the reader is.
            child.served_under = self
            return RouteResult(child)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request))
        return context


class CraftVillageIndexPage(SectionIndexPage):
    subpage_types = ["cms.CraftVillagePage"]
    child_model = "CraftVillagePage"
    child_related = ("image", "craft_village")

    class Meta:
        verbose_name = _("craft village index")


class TourismIndexPage(SectionIndexPage):
    subpage_types = ["cms.TourismPage"]
    child_model = "TourismPage"
    child_related = ("image", "craft_village")

    class Meta:
        verbose_name = _("tourism index")


class StoreIndexPage(SectionIndexPage):
    subpage_types = ["cms.StorePage"]
    child_model = "StorePage"
    child_related = ("store", "image")

    class Meta:
        verbose_name = _("store index")

    def listing(self, request) -> dict:
        listing = super().listing(request)
        pages = listing["children"]
        prefetch_related_objects(pages, "store__opening_hours", "store__closures")
        listing["stores"] = [
            (page, selectors.store_details(page.store), selectors.upcoming_closures(page.store))
            for page in pages
        ]
        # The directory offers "make this my store" on every card (the shop's
        # /shop/stores/ redirects here).
        listing["my_store_id"] = selectors.my_store_id(request)
        return listing


class NewsIndexPage(SectionIndexPage):
    subpage_types = ["cms.NewsPage"]
    child_model = "NewsPage"
    child_related = ("image",)
    child_order = ("-date", "-pk")

    class Meta:
        verbose_name = _("news index")

    def listing(self, request) -> dict:
        """One page of the children, newest first."""
        news = Paginator(self.listed_children(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
        news.object_list = selectors.with_listed_urls(news.object_list, request)
        return {"news": news}


class PlaceMixin(models.Model):
    """A position on the map and a written address, which shows even when the map can't."""

    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    place_panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Enter both latitude and longitude, or neither."))


class CraftVillagePage(PlaceMixin, SeoMixin, Page):
    """A craft village's story, tied to its record in the catalogue.

    Producers and products are not listed on the page: they are read from the
    catalogue through the village record, so a new producer appears here as
    soon as it is verified, and a product page links back through
    `cms.selectors.village_page_for`.
    """

    craft_village = models.ForeignKey(
        "catalogue.CraftVillage",
        verbose_name=_("craft village record"),
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("The village in the shop's catalogue: its producers and products show here."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    image = _image_field()
    history = RichTextField(_("history"), blank=True)
    how_to_visit = RichTextField(_("how to visit"), blank=True)
    # Each language's page has its own gallery, so each picture's alt text is
    # written in that page's language (see gallery_pictures).
    gallery = StreamField([("image", blocks.ImageBlock())], verbose_name=_("gallery"), blank=True)
    body = StreamField(blocks.content_blocks(), verbose_name=_("more content"), blank=True)

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("craft_village"),
            FieldPanel("intro"),
            FieldPanel("image"),
            FieldPanel("history"),
            FieldPanel("gallery"),
            FieldPanel("how_to_visit"),
        ]
        + PlaceMixin.place_panels
        + [FieldPanel("body")]
    )

    parent_page_types = ["cms.CraftVillageIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("craft village page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producers"] = selectors.village_producers(self.craft_village)
        context.update(selectors.village_offer(self.craft_village))
        return context

    def get_schema_org(self, request):
        return [schema.place(self, request)]

    def gallery_pictures(self) -> list[tuple[object, str, bool]]:
        """(image, alt text, decorative) for each gallery picture, described in the page's language.

        A picture's description is the alt text its block has on this page. Images
        are shared by every language and described once, in Vietnamese, when
        uploaded; a translation starts as a copy of the Vietnamese page, alt texts
        included. So on a translation an alt text that is empty, the image's own
        description or the one the Vietnamese page gives is untranslated: the
        picture is then named after the page's (translated) title and its place
        in the gallery, never read out in another language. On a Vietnamese page
        an empty alt text falls back to the image's own description.
        """
        pictures = [block.value for block in self.gallery]
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return [
                (image, image.contextual_alt_text or image.default_alt_text, image.decorative)
                for image in pictures
            ]
        source = self.get_translation_or_none(Locale.get_default())
        untranslated = (
            {block.value.contextual_alt_text for block in source.gallery} if source else set()
        )
        described = []
        for number, image in enumerate(pictures, start=1):
            alt = image.contextual_alt_text
            if not alt or alt in untranslated or alt == image.default_alt_text:
                alt = pgettext(
                    "picture in a gallery", "%(page)s – picture %(number)d of %(count)d"
                ) % {"page": self.title, "number": number, "count": len(pictures)}
            described.append((image, alt, image.decorative))
        return described


class TourismPage(PlaceMixin, SeoMixin, Page):
    """A cultural tourism place or experience; experiences are sold as shop products."""

    intro = models.TextField(_("introduction"), blank=True)
    image = _image_field()
    craft_village = models.ForeignKey(
        "catalogue.CraftVillage",
        verbose_name=_("craft village"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tourism_pages",
    )
    body = StreamField(blocks.content_blocks(), verbose_name=_("body"), blank=True)
    itinerary = StreamField(
        [("step", blocks.ItineraryStepBlock())], verbose_name=_("itinerary"), blank=True
    )
    experiences = StreamField(
        [("product", blocks.ProductChooserBlock())],
        verbose_name=_("experiences to book"),
        blank=True,
        help_text=_("OCOP group 6 products (tickets): booked with a date and a number of people."),
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("image"),
            FieldPanel("craft_village"),
            FieldPanel("body"),
            FieldPanel("itinerary"),
            FieldPanel("experiences"),
        ]
        + PlaceMixin.place_panels
    )

    parent_page_types = ["cms.TourismIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tourism page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["experiences"] = selectors.chosen_products(_block_ids(self.experiences))
        context["village_page"] = selectors.village_page_for(self.craft_village)
        return context

    def get_schema_org(self, request):
        return [schema.tourist_attraction(self, request)]


class StorePage(SeoMixin, Page):
    """The page of one physical OCOP store, read from the store's record in the shop."""

    store = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("store record"),
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("Address, opening hours, map and stock come from this record."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    image = _image_field()
    body = StreamField(blocks.content_blocks(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("store"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.StoreIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("store page")

    def get_context(self, request, *args, **kwargs):
        """Everything about the store on its one public page (the shop's /shop/stores/<slug>/
        redirects here): details, closures, pickup, "make this my store", what is in stock."""
        context = super().get_context(request, *args, **kwargs)
        context["store"] = self.shop_store
        context["store_details"] = self.store_details
        context.update(selectors.store_products(self.shop_store, limit=8))
        context.update(selectors.store_shopping(self.shop_store, request))
        return context

    def get_schema_org(self, request):
        return [schema.store(self, self.store_details, request)]

    @cached_property
    def shop_store(self):
        """The store record with its hours and closures, read once per request."""
        return selectors.store_with_hours(self.store_id)

    @cached_property
    def store_details(self) -> selectors.StoreDetails:
        """Read once per request: the body and the JSON-LD both show it."""
        return selectors.store_details(self.shop_store)


class NewsPage(SeoMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), blank=True)
    image = _image_field()
    body = StreamField(blocks.content_blocks(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news page")

    def get_schema_org(self, request):
        return [schema.news_article(self, request)]


class StandardPage(SeoMixin, Page):
    """About OCOP, how star ratings work, terms, privacy: text with blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(blocks.content_blocks(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage", "cms.FormPage"]

    class Meta:
        verbose_name = _("standard page")


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(SeoMixin, AbstractEmailForm):
    """Contact and "join as a producer" forms: staff get an email, submissions stay in the admin.

    Submissions are listed under Forms in the Wagtail admin (wagtail.contrib.forms);
    the email goes to the addresses in "to address" (comma-separated).
    """

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    base_form_class = slugs.FormPageForm

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email to staff"),
        ),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("form page")


def _link_field(verbose_name):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="link")
class SiteLinks(BaseGenericSetting):
    """The pages the footer links to, chosen in the page tree (Settings → Site links).

    Chosen pages, not typed URLs, so moving or renaming a page keeps its link
    right; each language shows the page's translation (or the Vietnamese page
    when there is none), and a page that is unpublished or deleted is left out.
    Read through storefront_tags.site_links, cached with the header's sections.
    """

    about_page = _link_field(_("about OCOP"))
    star_ratings_page = _link_field(_("how star ratings work"))
    terms_page = _link_field(_("terms of use"))
    privacy_page = _link_field(_("privacy policy"))
    contact_page = _link_field(_("contact"))
    join_page = _link_field(_("sell with us (producers)"))

    # Footer order; the keys the footer template uses.
    LINKS = (
        ("about", "about_page"),
        ("star_ratings", "star_ratings_page"),
        ("terms", "terms_page"),
        ("privacy", "privacy_page"),
        ("contact", "contact_page"),
        ("join", "join_page"),
    )

    panels = [FieldPanel(field) for _key, field in LINKS]

    class Meta:
        verbose_name = _("site links")
