"""The demo page tree: villages, tourism, stores, news, standard pages and forms, vi and en."""

import io

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model
from wagtail.models import Page, WorkflowPage

from catalogue.models import ProductClass
from cms.models import (
    CraftVillagePage,
    FormPage,
    NewsPage,
    StandardPage,
    StorePage,
    TourismPage,
)
from storefront.demo import steps

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo_data", "--force", stdout=io.StringIO())


def test_demo_tree_is_complete_in_both_languages_and_idempotent():
    load()

    for model, minimum in [
        (CraftVillagePage, 6),
        (TourismPage, 3),
        (NewsPage, 5),
        (StandardPage, 4),
        (FormPage, 2),
        (StorePage, get_model("partner", "Partner").objects.count()),
    ]:
        for language in ("vi", "en"):
            count = model.objects.live().filter(locale__language_code=language).count()
            assert count >= minimum, (model, language)
    # Every village page has live producers and products, through the catalogue.
    for page in CraftVillagePage.objects.filter(locale__language_code="vi"):
        assert page.craft_village.producers.exists()
    assert WorkflowPage.objects.filter(workflow__name=steps.WORKFLOW_NAME).count() == 2

    pages = Page.objects.count()
    load()
    assert Page.objects.count() == pages


def test_experiences_need_no_shipping_but_a_date_and_number_of_people():
    load()

    experience = ProductClass.objects.get(slug=steps.EXPERIENCE_CLASS)
    assert not experience.requires_shipping
    options = {option.code: option for option in experience.options.all()}
    assert options["booking-date"].type == "date"
    assert options["people"].type == "integer"
    assert all(option.required for option in options.values())
