"""axe-core (WCAG 2.2 AA) on the demo shop, at 390 px, in Vietnamese and English.

Shopper pages (home, listing, a product, an experience, search, a craft
village, a store page and the directory, the basket), the producer portal and
a store manager's stock and movements pages: no critical or serious
violation. The checkout steps of the delivery, pickup and experience journeys
are checked in test_checkout_on_a_phone.py. A purchase by keyboard alone
works (Tab to the button, Enter).
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Locale

from catalogue.models import Product
from cms.models import CraftVillagePage
from storefront.demo import producers as demo_producers
from storefront.demo import stores as demo_stores
from storefront.demo.steps import EXPERIENCE_CLASS
from storefront.partner.models import Partner
from tests.browser import axe
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    call_command("load_demo_data", "--force", stdout=io.StringIO())


def localized(page_obj, language):
    return page_obj.get_translation(Locale.objects.get(language_code=language))


def check(page, url) -> str:
    page.goto(url)
    found = axe.violations(page)
    return f"{url}\n{axe.describe(found)}" if found else ""


def sign_in(page, base, email, password):
    page.goto(f"{base}{reverse('customer:login')}")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.locator("button[name=login_submit]").click()
    expect(page.locator("#id_login-username")).to_have_count(0)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_shopper_pages_have_no_serious_accessibility_violation(live_server, phone, demo, language):
    base = live_server.url
    goods = Product.objects.public().exclude(product_class__slug=EXPERIENCE_CLASS).first()
    experience = Product.objects.public().filter(product_class__slug=EXPERIENCE_CLASS).first()
    village = localized(CraftVillagePage.objects.live().first(), language)
    store = Partner.objects.order_by("pk").first()
    with translation.override(language):
        paths = [
            "/" if language == "vi" else "/en/",
            reverse("catalogue:index"),
            reverse("catalogue:index") + "?page=2",
            goods.get_absolute_url(),
            experience.get_absolute_url(),
            reverse("search:search") + "?q=banh+da+nen",
            village.url,
            store.get_absolute_url(),
            reverse("stores:list"),
        ]
        basket = reverse("basket:summary")
    problems = [check(phone, f"{base}{path}") for path in paths]
    # The basket with a line in it, reached by keyboard alone: Tab to the
    # product page's button and press Enter.
    phone.goto(f"{base}{paths[3]}")
    button = phone.locator("#add_to_basket_form button[type=submit]")
    for _ in range(200):
        phone.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the add-to-basket button cannot be reached with Tab")
    phone.keyboard.press("Enter")
    expect(phone.get_by_test_id("basket-count")).to_have_text("1")
    problems.append(check(phone, f"{base}{basket}"))
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_producer_and_store_manager_pages_have_no_serious_accessibility_violation(
    live_server, browser, demo, language
):
    base = live_server.url
    producer_user = next(p.user for p in demo_producers.PRODUCERS if p.user)
    manager_email = f"{demo_stores.STORES[0].manager}@ocop.local"
    store = Partner.objects.get(managers__email=manager_email)
    prefix = "" if language == "vi" else "/en"
    problems = []
    for email, password, paths in (
        (producer_user, demo_producers.PRODUCER_PASSWORD, ["/shop/portal/"]),
        (
            manager_email,
            demo_stores.MANAGER_PASSWORD,
            [f"/shop/my-store/{store.slug}/", f"/shop/my-store/{store.slug}/movements/"],
        ),
    ):
        context = browser.new_context(locale="vi-VN", viewport=PHONE)
        page = context.new_page()
        sign_in(page, base, email, password)
        problems += [check(page, f"{base}{prefix}{path}") for path in paths]
        context.close()
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)
