"""A shopper filters by 4★ and above and opens a certificate; a producer's edit
goes through staff approval to the public page."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.catalogue import conftest as catalogue_fixtures
from tests.catalogue.conftest import make_certificate, make_producer
from tests.factories import create_product

# The catalogue tests' fixtures, reused here (pytest finds fixtures by module attribute).
producer = catalogue_fixtures.producer
ocop_product = catalogue_fixtures.ocop_product
member = catalogue_fixtures.member
staff = catalogue_fixtures.staff

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "journey-pass-1"


def test_shopper_filters_4_stars_and_opens_the_certificate(
    live_server,
    page,
    site_tree,
    ocop_product,
):
    three = create_product(title="Tương nếp", price=Decimal("55000"), num_in_stock=4)
    three.producer = make_producer()
    three.save()
    make_certificate(three, stars=3)

    page.goto(f"{live_server.url}/en/shop/catalogue/")
    expect(page.get_by_test_id("result-count")).to_contain_text("2")
    page.get_by_test_id("listing-filters").get_by_label("OCOP rating").select_option("4")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"min_stars=4"))
    expect(page.get_by_test_id("result-count")).to_contain_text("1")
    expect(page.get_by_test_id("ocop-badge")).to_have_count(1)
    expect(page.get_by_test_id("card-producer")).to_have_text("HTX Gốm Phù Lãng")

    page.get_by_role("link", name="Tho Ha rice paper").first.click()
    expect(page.get_by_test_id("certificate-decision")).to_contain_text("101/QĐ-UBND")
    page.get_by_test_id("verify-link").click()
    expect(page).to_have_url(f"{live_server.url}/en/v/OCOP-0001/")
    expect(page.get_by_test_id("verify-status")).to_contain_text("4 stars")


def _sign_in(page, live_server, user):
    user.set_password(PASSWORD)
    user.save()
    page.goto(f"{live_server.url}/en/shop/accounts/login/")
    page.fill("#id_login-username", user.email)
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")


def test_producer_edit_is_approved_by_staff_then_public(
    live_server,
    browser,
    page,
    site_tree,
    ocop_product,
    member,
    staff,
):
    _sign_in(page, live_server, member)
    page.goto(f"{live_server.url}/en/shop/portal/")
    page.get_by_role("link", name="Edit listing").click()
    page.fill("#id_title_en", "Thổ Hà rice paper, sun-dried")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.get_by_test_id("submission-state")).to_have_text("Awaiting approval")
    page.goto(f"{live_server.url}/en{ocop_product.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tho Ha rice paper")

    officer = browser.new_context(locale="en-GB").new_page()
    _sign_in(officer, live_server, staff)
    officer.goto(f"{live_server.url}/en/shop/dashboard/ocop/submissions/")
    # Approval is on the review page, after the rendered text and the diff.
    officer.get_by_role("link", name="Review").click()
    expect(officer.get_by_test_id("raw-diff").nth(1)).to_contain_text(
        "+ Thổ Hà rice paper, sun-dried"
    )
    officer.get_by_role("button", name="Approve").click()
    expect(officer.get_by_test_id("dashboard-submissions")).to_contain_text("Approved")

    page.goto(f"{live_server.url}/en{ocop_product.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thổ Hà rice paper, sun-dried")
