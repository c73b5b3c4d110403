"""StreamField blocks of the content pages.

Blocks that show shop data (products, stores) store only a reference and read
the record when the page is rendered, through cms.selectors, so the page
never shows a stale price or a withdrawn product.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from catalogue import selectors as catalogue_selectors
from catalogue.models import ProductGroup
from cms import selectors
from cms.viewsets import (
    craft_village_chooser_viewset,
    producer_chooser_viewset,
    product_chooser_viewset,
    store_chooser_viewset,
)

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)
ProducerChooserBlock = producer_chooser_viewset.get_block_class(
    name="ProducerChooserBlock", module_path="cms.blocks"
)
CraftVillageChooserBlock = craft_village_chooser_viewset.get_block_class(
    name="CraftVillageChooserBlock", module_path="cms.blocks"
)
StoreChooserBlock = store_chooser_viewset.get_block_class(
    name="StoreChooserBlock", module_path="cms.blocks"
)

# Bắc Ninh city centre: where a new map starts before an editor moves it.
DEFAULT_LATITUDE = 21.1861
DEFAULT_LONGITUDE = 106.0763


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=160)
    images = blocks.ListBlock(ImageBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "cms/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "cms/blocks/quote.html"


class ProductsBlock(blocks.StructBlock):
    """Products an editor picks, shown as shop cards in the editor's order."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=160)
    products = blocks.ListBlock(ProductChooserBlock(), label=_("products"), min_num=1)

    class Meta:
        icon = "tag"
        label = _("Chosen products")
        template = "cms/blocks/products.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        ids = [product.pk for product in value["products"] if product is not None]
        context["products"] = selectors.chosen_products(ids)
        return context


class ProductListBlock(blocks.StructBlock):
    """Products chosen by filter (group, stars, producer, village), read when shown."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=160)
    group = blocks.ChoiceBlock(
        label=_("OCOP product group"), choices=ProductGroup.choices, required=False
    )
    min_stars = blocks.ChoiceBlock(
        label=_("at least"),
        choices=[(n, f"{n}★") for n in range(3, 6)],
        required=False,
    )
    producer = ProducerChooserBlock(label=_("producer"), required=False)
    craft_village = CraftVillageChooserBlock(label=_("craft village"), required=False)
    order = blocks.ChoiceBlock(
        label=_("order"),
        choices=[
            (selectors.RULE_STARS, _("Best rated first")),
            (selectors.RULE_NEWEST, _("Newest first")),
        ],
        default=selectors.RULE_STARS,
    )
    limit = blocks.IntegerBlock(label=_("how many"), default=8, min_value=1, max_value=24)

    class Meta:
        icon = "list-ul"
        label = _("Product list by filter")
        template = "cms/blocks/products.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["products"] = selectors.products_by_rule(
            rule=value["order"],
            limit=value["limit"],
            group=catalogue_selectors.group_category(value["group"]),
            min_stars=int(value["min_stars"]) if value["min_stars"] else None,
            producer=value["producer"],
            craft_village=value["craft_village"],
        )
        return context


class StoreBlock(blocks.StructBlock):
    store = StoreChooserBlock(label=_("store"))

    class Meta:
        icon = "site"
        label = _("Store")
        template = "cms/blocks/store.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        store = value["store"]
        if store is not None:
            context["store"] = selectors.store_details(store)
            context["store_page"] = selectors.store_page_for(store)
        return context


class MapBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("place name"), max_length=160)
    address = blocks.CharBlock(label=_("address"), required=False, max_length=255)
    latitude = blocks.FloatBlock(
        label=_("latitude"), default=DEFAULT_LATITUDE, min_value=-90, max_value=90
    )
    longitude = blocks.FloatBlock(
        label=_("longitude"), default=DEFAULT_LONGITUDE, min_value=-180, max_value=180
    )
    zoom = blocks.IntegerBlock(label=_("zoom"), default=14, min_value=3, max_value=18)

    class Meta:
        icon = "site"
        label = _("Map")
        template = "cms/blocks/map.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=160)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_text = blocks.CharBlock(label=_("button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("or a link"),
        required=False,
        max_length=255,
        help_text=_("A shop address such as /shop/catalogue/, or a full URL."),
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cms/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or enter a link (one of the two)."))
                }
            )
        return value


def content_blocks() -> list[tuple[str, blocks.Block]]:
    """The blocks of every page body: text, media, shop data, maps and calls to action."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", blocks.RichTextBlock(label=_("Text"), template="cms/blocks/paragraph.html")),
        ("image", ImageBlock(label=_("Image"), template="cms/blocks/image.html")),
        ("gallery", GalleryBlock()),
        ("quote", QuoteBlock()),
        ("products", ProductsBlock()),
        ("product_list", ProductListBlock()),
        ("store", StoreBlock()),
        ("map", MapBlock()),
        ("call_to_action", CallToActionBlock()),
    ]


class ItineraryStepBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("time"), max_length=40, help_text=_("e.g. 8:00 or Day 1"))
    title = blocks.CharBlock(label=_("what"), max_length=160)
    text = blocks.TextBlock(label=_("details"), required=False)

    class Meta:
        icon = "time"
        label = _("Itinerary step")
