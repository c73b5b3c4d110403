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


def test_experiences_need_no_shipping_or_stock_but_a_session_and_have_schedules():
    from storefront.experiences import calendar
    from storefront.experiences.models import Experience

    load()

    experience = ProductClass.objects.get(slug=steps.EXPERIENCE_CLASS)
    assert not experience.requires_shipping and not experience.track_stock
    assert sorted(option.code for option in experience.options.all()) == ["session", "ticket"]
    schedules = Experience.objects.select_related("product")
    assert schedules.count() >= 3
    for schedule in schedules:
        assert not schedule.product.stockrecords.exists()  # places, not shelf stock
        open_slots = [s for s in calendar.slots(schedule, days=61) if s.bookable]
        # Sessions over the next two months, every week of them.
        assert len({s.date.isocalendar()[1] for s in open_slots}) >= 8, schedule
