"""Wagtail page types.

The foundation defines the home page and the section index pages the header
links to; the detail page types (craft village, tourism, store, news) hang
below them as they are built.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from catalogue import selectors


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=160, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.CraftVillageIndexPage",
        "cms.TourismIndexPage",
        "cms.StoreIndexPage",
        "cms.NewsIndexPage",
    ]
    # No max_count_per_parent: each language's home page sits under the root.

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = selectors.featured_products(limit=8)
        context["categories"] = selectors.product_groups()
        return context


class SectionIndexPage(Page):
    """Common shape of the section indexes: a title, an introduction, children."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class CraftVillageIndexPage(SectionIndexPage):
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("craft village index")


class TourismIndexPage(SectionIndexPage):
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tourism index")


class StoreIndexPage(SectionIndexPage):
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("store index")


class NewsIndexPage(SectionIndexPage):
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news index")
