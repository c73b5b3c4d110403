"""No English on a Vietnamese page of the shop's journeys, and no Vietnamese on an
English one (#14), on the demo data, through Django's test client.

The journeys: home, listing, a product, search, the basket, each step of a
pickup checkout paid in cash at the store, the confirmation, the order in the
shopper's account, a craft village, a store page, the producer portal, and a
store manager's stock and movements. Names, descriptions and addresses are
data, not interface, and are left out (tests/language_purity.py). On English
pages every picture's alt text is checked too (gallery pictures of a craft
village are described per language: CraftVillagePage.gallery_pictures).
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from catalogue.models import Product
from cms.models import CraftVillagePage
from storefront.demo import producers as demo_producers
from storefront.demo import stores as demo_stores
from storefront.demo.steps import EXPERIENCE_CLASS
from storefront.partner.models import Partner
from tests import language_purity

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    call_command("load_demo_data", "--force", stdout=io.StringIO())


def signed_in(email: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(email__iexact=email))
    return client


def journey_pages(language: str) -> list[tuple[str, str, str]]:
    """(name, path, HTML) for every page of the journeys, in `language`; the
    shopper's pickup checkout is walked on the way and its order placed."""
    shopper = get_user_model().objects.create_user(
        username=f"khach.{language}@example.vn",
        email=f"khach.{language}@example.vn",
        password="pw-123456-kh",
        first_name="Lan",
    )
    manager_email = f"{demo_stores.STORES[0].manager}@ocop.local"
    store = Partner.objects.get(managers__email=manager_email)
    goods = (
        Product.objects.public()
        .exclude(product_class__slug=EXPERIENCE_CLASS)
        .filter(stockrecords__partner=store, stockrecords__num_in_stock__gt=2)
        .first()
    )
    village = CraftVillagePage.objects.live().filter(locale__language_code="vi").first()
    village = village.get_translation(Locale.objects.get(language_code=language))
    client = Client()
    client.force_login(shopper)
    pages = []

    def visit(name, path, who=client, follow=False):
        response = who.get(path, follow=follow)
        path = response.request["PATH_INFO"]
        assert response.status_code == 200, (name, path, response.status_code)
        pages.append((name, path, response.content.decode()))

    with translation.override(language):
        visit("home", "/" if language == "vi" else "/en/")
        visit("listing", reverse("catalogue:index"))
        visit("product", goods.get_absolute_url())
        visit("search", reverse("site-search") + "?q=banh+da+nen")
        visit("craft village", village.url)
        # The shop's store URL leads to the store's one public page.
        visit("store page", store.get_absolute_url(), follow=True)
        response = client.post(reverse("basket:add", kwargs={"pk": goods.pk}), {"quantity": 1})
        assert response.status_code == 302
        visit("basket", reverse("basket:summary"))
        visit("checkout: pickup or delivery", reverse("checkout-fulfilment"))
        response = client.post(reverse("checkout-fulfilment"), {"choice": f"pickup:{store.slug}"})
        assert response.status_code == 302
        visit("checkout: payment", reverse("checkout:payment-method"))
        response = client.post(reverse("checkout:payment-method"), {"method": "pickup"})
        assert response.status_code == 302, response.content[:2000]
        visit("checkout: review", reverse("checkout:preview"))
        response = client.post(reverse("checkout:preview"), {"action": "place_order"})
        assert response.status_code == 302, response.content[:2000]
        visit("confirmation", reverse("checkout:thank-you"))
        order = shopper.orders.get()
        visit("account: order", reverse("customer:order", kwargs={"order_number": order.number}))

        producer = signed_in(next(p.user for p in demo_producers.PRODUCERS if p.user))
        visit("producer portal", reverse("ocop:portal"), producer, follow=True)
        manager = signed_in(manager_email)
        visit("stock", reverse("mystore:stock", kwargs={"store": store.slug}), manager)
        visit("movements", reverse("mystore:movements", kwargs={"store": store.slug}), manager)
    return pages


def test_every_journey_page_speaks_one_language(demo):
    data = language_purity.data_strings()
    problems = []
    for language in ("vi", "en"):
        for name, path, html in journey_pages(language):
            found = language_purity.leaks(language_purity.visible_text(html), language, data)
            if language == "en":
                found += language_purity.picture_leaks(html, data)
            problems += [f"{language} {name} ({path}): {leak}" for leak in found]
    assert not problems, "\n".join(problems)


def test_a_picture_described_in_vietnamese_on_an_english_page_is_a_leak():
    """What the journeys' check finds in alt texts: a Vietnamese description, not names."""
    html = (
        '<html lang="en"><body>'
        '<img alt="Tranh dân gian khắc gỗ – Làng tranh Đông Hồ (minh họa)">'
        '<img alt="Folk woodblock prints – Đông Hồ painting village, illustration 1 of 2">'
        '<img alt="Bánh đa nem Thổ Hà">'
        '<a lang="vi" href="/"><img alt="Tiếng Việt"></a>'
        "</body></html>"
    )

    found = language_purity.picture_leaks(html, data=["Bánh đa nem Thổ Hà"])

    assert len(found) == 1
    assert "dân, khắc, gỗ, họa" in found[0]
