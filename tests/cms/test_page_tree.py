"""Page-tree rules: each page type lives only where it makes sense."""

import pytest
from wagtail.models import Page

from cms.models import (
    CraftVillageIndexPage,
    CraftVillagePage,
    FormPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
    StoreIndexPage,
    StorePage,
    TourismIndexPage,
    TourismPage,
)

pytestmark = pytest.mark.django_db


def test_home_allows_sections_standard_pages_and_forms_only():
    assert set(HomePage.allowed_subpage_models()) == {
        CraftVillageIndexPage,
        TourismIndexPage,
        StoreIndexPage,
        NewsIndexPage,
        StandardPage,
        FormPage,
    }


@pytest.mark.parametrize(
    ("index", "detail"),
    [
        (CraftVillageIndexPage, CraftVillagePage),
        (TourismIndexPage, TourismPage),
        (StoreIndexPage, StorePage),
        (NewsIndexPage, NewsPage),
    ],
)
def test_each_section_takes_only_its_own_detail_pages(index, detail):
    assert index.allowed_subpage_models() == [detail]
    assert detail.allowed_parent_page_models() == [index]
    assert detail.allowed_subpage_models() == []


def test_craft_village_page_cannot_be_created_under_the_news_section(site_tree):
    news = NewsIndexPage.objects.child_of(site_tree["home"]).get()
    villages = CraftVillageIndexPage.objects.child_of(site_tree["home"]).get()

    assert not CraftVillagePage.can_create_at(news)
    assert CraftVillagePage.can_create_at(villages)


def test_a_section_exists_once_per_home_page(site_tree):
    assert not NewsIndexPage.can_create_at(site_tree["home"])


def test_standard_pages_nest_and_hold_forms(site_tree):
    assert StandardPage.can_create_at(site_tree["home"])
    assert set(StandardPage.allowed_subpage_models()) == {StandardPage, FormPage}
    assert FormPage.allowed_subpage_models() == []


def test_home_page_sits_only_under_the_root():
    assert HomePage.allowed_parent_page_models() == [Page]
