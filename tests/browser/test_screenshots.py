"""Pictures of the shop on the demo data, at 390 px (a phone) and 1366 px (a laptop),
in Vietnamese and English: home, listing, search, a product, the basket, the
delivery address step, the pickup checkout and its confirmation (a shopper paying
cash at the store), the shopper's account (orders, an order, profile, addresses),
a craft village, a store's page, the store directory, a store manager's stock page
and the producer portal.

Every page answers 200, is no wider than the screen, and shows one language
(tests/language_purity.py on what Chromium renders). The PNGs go to
$SCREENSHOTS_DIR when set, else to the test's temporary directory; the README's
pictures (docs/screenshots/) are chosen from them:

    SCREENSHOTS_DIR=var/screenshots pytest tests/browser/test_screenshots.py
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Locale

from catalogue.models import Product
from cms.models import CraftVillagePage
from storefront.demo import producers as demo_producers
from storefront.demo import stores as demo_stores
from storefront.demo.steps import EXPERIENCE_CLASS
from storefront.order.models import Order
from storefront.partner.models import Partner
from tests import language_purity

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {390: 844, 1366: 900}


@pytest.fixture
def demo(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    call_command("load_demo_data", "--force", stdout=io.StringIO())


class Camera:
    """Tabs at one width, signed in as whom they are asked for; checks and saves each page."""

    def __init__(self, browser, base, shots, language, width, data):
        self.browser, self.base, self.shots = browser, base, shots
        self.language, self.width, self.data = language, width, data
        self.contexts = []
        self.problems: list[str] = []

    def tab(self, user=None):
        context = self.browser.new_context(
            locale="vi-VN",
            viewport={"width": self.width, "height": WIDTHS[self.width]},
            device_scale_factor=1,
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": self.base}])
        return context.new_page()

    def visit(self, page, path, name=None):
        response = page.goto(f"{self.base}{path}")
        assert response.status == 200, (path, response.status)
        page.wait_for_load_state()
        if name:
            self.shoot(page, name)
        return page

    def shoot(self, page, name):
        label = f"{name}-{self.width}-{self.language}"
        # Measured against the width asked for (PITFALLS: innerWidth grows with overflow).
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > self.width:
            self.problems.append(f"{label}: the page is {width} px wide")
        text = page.evaluate("document.body.innerText + '\\n' + document.title")
        self.problems += [
            f"{label}: {leak}" for leak in language_purity.leaks(text, self.language, self.data)
        ]
        page.screenshot(path=self.shots / f"{label}.png", full_page=True)

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_screenshots_of_the_main_pages(live_server, browser, demo, shots, language):
    users = get_user_model().objects
    manager = users.get(email__iexact=f"{demo_stores.STORES[0].manager}@ocop.local")
    producer = users.get(email__iexact=next(p.user for p in demo_producers.PRODUCERS if p.user))
    store = Partner.objects.get(managers=manager)
    goods = (
        Product.objects.public()
        .exclude(product_class__slug=EXPERIENCE_CLASS)
        .filter(stockrecords__partner=store, stockrecords__num_in_stock__gt=2, images__isnull=False)
        .distinct()
        .first()
    )
    village = CraftVillagePage.objects.live().filter(locale__language_code="vi").first()
    village = village.get_translation(Locale.objects.get(language_code=language))
    with translation.override(language):
        paths = {
            "home": "/" if language == "vi" else "/en/",
            "listing": reverse("catalogue:index"),
            "search": f"{reverse('site-search')}?q=banh",
            "product": goods.get_absolute_url(),
            "basket": reverse("basket:summary"),
            "fulfilment": reverse("checkout-fulfilment"),
            "address": reverse("checkout:shipping-address"),
            "payment": reverse("checkout:payment-method"),
            "preview": reverse("checkout:preview"),
            "confirmation": reverse("checkout:thank-you"),
            "orders": reverse("customer:order-list"),
            "profile": reverse("customer:profile-view"),
            "addresses": reverse("customer:address-list"),
            "store": store.get_absolute_url(),
            "stores": reverse("stores:list"),
            "stock": reverse("mystore:stock", kwargs={"store": store.slug}),
            "portal": reverse("ocop:portal"),
        }
    data = language_purity.data_strings()
    problems = []
    for width in WIDTHS:
        camera = Camera(browser, live_server.url, shots, language, width, data)
        shopper = users.create_user(
            username=f"lan.{width}@example.vn",
            email=f"lan.{width}@example.vn",
            password="pw-123456-lan",
            first_name="Lan",
        )
        try:
            page = camera.tab(shopper)
            camera.visit(page, paths["home"], "home")
            camera.visit(page, paths["listing"], "listing")
            camera.visit(page, paths["search"], "search")
            camera.visit(page, paths["product"], "product")
            page.locator("#add_to_basket_form button[type=submit]").click()
            expect(page.get_by_test_id("basket-count")).to_have_text("1")
            camera.visit(page, paths["basket"], "basket")

            # The delivery address step, then back to pickup, paid in cash at the store.
            camera.visit(page, paths["fulfilment"])
            page.locator("#choice_delivery").check()
            page.click("#fulfilment_continue")
            expect(page).to_have_url(f"{live_server.url}{paths['address']}")
            camera.shoot(page, "checkout-address")
            camera.visit(page, paths["fulfilment"])
            page.locator(f"#choice_{store.slug}").check()
            camera.shoot(page, "checkout-pickup")
            page.click("#fulfilment_continue")
            expect(page).to_have_url(f"{live_server.url}{paths['payment']}")
            camera.visit(page, paths["payment"], "checkout-payment")
            page.locator("input[name=method][value=pickup]").check()
            page.click("#choose-payment-method")
            expect(page).to_have_url(f"{live_server.url}{paths['preview']}")
            camera.visit(page, paths["preview"], "checkout-review")
            page.click("#place-order")
            expect(page).to_have_url(f"{live_server.url}{paths['confirmation']}")
            camera.visit(page, paths["confirmation"], "confirmation")
            expect(page.get_by_test_id("pickup-code")).to_be_visible()

            camera.visit(page, paths["orders"], "account-orders")
            order = Order.objects.get(user=shopper)
            with translation.override(language):
                order_path = reverse("customer:order", kwargs={"order_number": order.number})
            camera.visit(page, order_path, "account-order")
            camera.visit(page, paths["profile"], "account-profile")
            camera.visit(page, paths["addresses"], "account-addresses")

            camera.visit(page, village.url, "craft-village")
            camera.visit(page, paths["store"], "store")
            camera.visit(page, paths["stores"], "stores")
            camera.visit(camera.tab(manager), paths["stock"], "stock")
            portal = camera.tab(producer)
            portal.goto(f"{live_server.url}{paths['portal']}")  # redirects to the producer's page
            camera.visit(portal, portal.url.removeprefix(live_server.url), "portal")
        finally:
            camera.close()
        problems += camera.problems
    assert not problems, "\n".join(problems)
