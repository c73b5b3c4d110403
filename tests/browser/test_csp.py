"""Chromium enforces the Content-Security-Policy: no page a shopper or editor opens breaks it.

Every violation is collected from the page (securitypolicyviolation events,
registered before any page script runs) and from the console; one is a failure.
"""

# ruff: noqa: F811  (pytest fixtures imported from other test modules are parameters here)
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_checkout_payment import _checkout_to_payment
from tests.browser.test_content_journeys import village_with_product  # noqa: F401  (fixture)
from tests.payment.conftest import (  # noqa: F401  (fixtures)
    localstripe_url,
    priced_product,
    stripe_settings,
    vietnam,
)

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`
    );
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation it meets collected in `page.violations`."""
    page.violations = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and page.violations.append(f"console: {message.text}")
        ),
    )
    return page


def violations(page) -> list[str]:
    found = page.violations + page.evaluate("window.__cspViolations || []")
    return found


def visit(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    return violations(page)


def test_shop_and_content_pages_break_no_policy(live_server, watched, village_with_product):
    base = live_server.url
    data = village_with_product
    paths = [
        "/",
        "/en/",
        data["page"].url,  # a craft village page with its map
        data["product"].get_absolute_url(),
        "/shop/search/?q=banh+da",
        "/shop/catalogue/",
        "/shop/accounts/login/",
    ]
    for path in paths:
        assert visit(watched, base + path) == [], path

    # Oscar's scripts run under the policy: adding to the basket works.
    watched.goto(base + data["product"].get_absolute_url())
    watched.get_by_role("button", name="Thêm vào giỏ hàng").click()
    expect(watched.get_by_test_id("basket-count")).to_have_text("1")
    assert visit(watched, base + reverse("basket:summary")) == []

    # The listing's sort menu submits without its old inline handler.
    watched.goto(base + "/shop/catalogue/")
    watched.locator("select[name=sort]").select_option(index=1)
    expect(watched).to_have_url(re.compile(r"sort="))
    assert violations(watched) == []


def test_the_card_payment_step_breaks_no_policy(
    live_server, watched, priced_product, stripe_settings
):
    _checkout_to_payment(watched, live_server.url, priced_product)
    watched.locator("input[name=method][value=card]").check()
    watched.click("#choose-payment-method")
    watched.click("#place-order")

    # Stripe.js (localstripe's stand-in) loaded and drew the card fields.
    expect(watched.locator("#card-element input").first).to_be_visible()
    assert violations(watched) == []


def test_the_admin_sites_work_under_their_policy(live_server, watched, site_tree):
    get_user_model().objects.create_superuser("editor", "editor@ocop.local", "editor-pass-1")
    base = live_server.url

    watched.goto(f"{base}/cms-admin/login/")
    watched.fill("input[name=username]", "editor")
    watched.fill("input[name=password]", "editor-pass-1")
    watched.locator("form button[type=submit]").click()
    expect(watched.locator("#wagtail-sidebar, [data-side-panel]").first).to_be_attached()
    assert visit(watched, f"{base}/cms-admin/pages/") == []
    home = site_tree["home"]
    assert visit(watched, f"{base}/cms-admin/pages/{home.pk}/edit/") == []
    expect(watched.locator("#id_title")).to_be_visible()

    assert visit(watched, f"{base}/django-admin/") == []
    expect(watched.locator("#site-name")).to_be_visible()
    assert visit(watched, f"{base}{reverse('dashboard:index')}") == []
