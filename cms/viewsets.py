"""Choosers for shop records in the Wagtail admin: products, producers, villages, stores.

Editors pick a product, producer, craft village or store from a searchable
modal instead of typing ids. Each chooser also becomes the default widget for
foreign keys to its model in Wagtail forms (`register_widget`), and gives a
StreamField block (`get_block_class`, used in cms.blocks).

Searching uses the shop's own accent-folded text where there is one, so an
editor typing "dong ho" finds "Đông Hồ".
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from catalogue.models import CraftVillage, Producer, Product
from storefront.text import fold

Partner = get_model("partner", "Partner")


class _SearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )
    # The fields to search, set per chooser; `fold_field` holds accent-folded text.
    search_fields: tuple[str, ...] = ()
    fold_field: str = ""

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q()
            for word in fold(query).split():
                if self.fold_field:
                    condition &= Q(**{f"{self.fold_field}__contains": word})
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": query})
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


def _search_form(fields: tuple[str, ...], fold_field: str = "") -> type[_SearchForm]:
    return type("SearchForm", (_SearchForm,), {"search_fields": fields, "fold_field": fold_field})


class _ProductMixin:
    filter_form_class = _search_form(("upc", "title_vi", "title_en"), fold_field="search_text")

    def get_object_list(self):
        # Editors may pick any public product; the page hides it again if it
        # stops being browsable, so a withdrawn product never shows.
        return Product.objects.filter(is_public=True).select_related("producer")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("upc", label=_("Product code")),
            Column("producer", label=_("Producer")),
        ]


class ProductChooseView(_ProductMixin, ChooseView):
    """The chooser modal: Wagtail's view with the product list, search and columns above."""


class ProductChooseResultsView(_ProductMixin, ChooseResultsView):
    """The results the modal reloads while the editor types: the same list, search and columns."""


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    # Products are created in the shop dashboard, with their stock and prices.
    creation_form_class = None
    form_fields = None


class _NameSearchMixin:
    search_fields: tuple[str, ...] = ("name",)

    def get_filter_form_class(self):
        return _search_form(self.search_fields)


class ProducerChooseView(_NameSearchMixin, ChooseView):
    def get_object_list(self):
        return Producer.objects.filter(status=Producer.Status.VERIFIED)


class ProducerChooseResultsView(_NameSearchMixin, ChooseResultsView):
    def get_object_list(self):
        return Producer.objects.filter(status=Producer.Status.VERIFIED)


class ProducerChooserViewSet(ChooserViewSet):
    model = Producer
    icon = "group"
    choose_one_text = _("Choose a producer")
    choose_another_text = _("Choose another producer")
    choose_view_class = ProducerChooseView
    choose_results_view_class = ProducerChooseResultsView


class VillageChooseView(_NameSearchMixin, ChooseView):
    search_fields = ("name_vi", "name_en", "crafts_vi", "crafts_en", "commune")


class VillageChooseResultsView(_NameSearchMixin, ChooseResultsView):
    search_fields = ("name_vi", "name_en", "crafts_vi", "crafts_en", "commune")


class CraftVillageChooserViewSet(ChooserViewSet):
    model = CraftVillage
    icon = "home"
    choose_one_text = _("Choose a craft village")
    choose_another_text = _("Choose another craft village")
    choose_view_class = VillageChooseView
    choose_results_view_class = VillageChooseResultsView


class StoreChooseView(_NameSearchMixin, ChooseView):
    search_fields = ("name", "code")


class StoreChooseResultsView(_NameSearchMixin, ChooseResultsView):
    search_fields = ("name", "code")


class StoreChooserViewSet(ChooserViewSet):
    model = Partner
    icon = "site"
    choose_one_text = _("Choose a store")
    choose_another_text = _("Choose another store")
    choose_view_class = StoreChooseView
    choose_results_view_class = StoreChooseResultsView


product_chooser_viewset = ProductChooserViewSet("product_chooser")
producer_chooser_viewset = ProducerChooserViewSet("producer_chooser")
craft_village_chooser_viewset = CraftVillageChooserViewSet("craft_village_chooser")
store_chooser_viewset = StoreChooserViewSet("store_chooser")
