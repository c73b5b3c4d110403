"""Content journeys: a visitor goes village → producer → product → basket; an editor
builds a craft village page with the product chooser and publishes it."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from catalogue.models import CraftVillage, Producer
from cms.models import CraftVillageIndexPage, CraftVillagePage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def village_with_product(site_tree, product):
    village = CraftVillage.objects.create(
        slug="tho-ha", name_vi="Làng Thổ Hà", name_en="Thổ Hà village", crafts_vi="Bánh đa"
    )
    producer = Producer.objects.create(
        name="Hợp tác xã bánh đa Thổ Hà",
        slug="htx-banh-da-tho-ha",
        legal_form="cooperative",
        tax_code="9999000201",
        commune="Vân Hà",
        address="Thổ Hà",
        contact_person="Test",
        phone="0222000000",
        craft_village=village,
        status=Producer.Status.VERIFIED,
    )
    product.producer = producer
    product.save()
    index = CraftVillageIndexPage.objects.child_of(site_tree["home"]).get()
    page = CraftVillagePage(
        title="Làng Thổ Hà", slug="lang-tho-ha", craft_village=village, address="Vân Hà, Bắc Ninh"
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return {"page": page, "producer": producer, "product": product}


def test_visitor_goes_from_village_to_producer_to_product_to_basket(
    live_server, page, village_with_product
):
    data = village_with_product
    page.goto(f"{live_server.url}{data['page'].url}")
    # Offline: no tiles, so the address and the link show and no empty map box.
    expect(page.get_by_test_id("map")).to_contain_text("Vân Hà, Bắc Ninh")
    expect(page.locator(".map-canvas.is-ready")).to_have_count(0)

    page.get_by_test_id("village-producers").get_by_role("link", name=data["producer"].name).click()
    expect(page).to_have_url(re.compile(data["producer"].get_absolute_url()))

    page.get_by_role("link", name="Bánh đa nem Thổ Hà").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bánh đa nem Thổ Hà")

    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    expect(page.get_by_test_id("basket-count")).to_have_text("1")


def test_no_horizontal_scroll_on_content_pages_at_390px(live_server, page, village_with_product):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/lang-nghe/", village_with_product["page"].url, "/cua-hang/", "/tin-tuc/"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways: {width}px wide"


def test_editor_builds_a_village_page_with_the_product_chooser_and_publishes_it(
    live_server, page, village_with_product
):
    get_user_model().objects.create_superuser("editor", "editor@ocop.local", "editor-pass-1")
    index = CraftVillageIndexPage.objects.get(locale__language_code="vi")

    page.goto(f"{live_server.url}/cms-admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "editor-pass-1")
    page.locator("form button[type=submit]").click()
    page.goto(f"{live_server.url}/cms-admin/pages/add/cms/craftvillagepage/{index.pk}/")

    page.fill("#id_title", "Làng Thổ Hà mới")
    # The craft village record: chosen in a modal, searched by name without accents.
    page.locator("[data-field-wrapper]", has=page.locator("#id_craft_village")).get_by_role(
        "button", name=re.compile("craft village|làng nghề", re.I)
    ).click()
    modal = page.locator(".modal")
    modal.get_by_role("link", name="Làng Thổ Hà").click()
    expect(modal).to_be_hidden()

    # A "chosen products" block in the body, with the product chooser.
    # Panel ids follow the (translated) tab name, so find the body by its suffix.
    body = page.locator("[id$='-body-section']")
    body.get_by_role("button", name=re.compile("Insert a block", re.I)).first.click()
    page.get_by_role("option", name=re.compile("Chosen products|Sản phẩm được chọn", re.I)).click()
    body.get_by_role(
        "button", name=re.compile("Choose a product|Chọn sản phẩm", re.I)
    ).first.click()
    modal.locator("input[name=q]").fill("banh da")
    modal.get_by_role("link", name="Bánh đa nem Thổ Hà").click()
    expect(modal).to_be_hidden()

    page.get_by_role("tab", name="Promote").click()
    page.fill("#id_slug", "lang-tho-ha-moi")
    page.get_by_role("button", name=re.compile("More actions", re.I)).click()
    page.get_by_role("button", name=re.compile("^(Publish|Xuất bản)", re.I)).click()
    expect(page.locator(".messages")).to_be_visible()

    new_page = CraftVillagePage.objects.get(title="Làng Thổ Hà mới")
    assert new_page.live
    page.goto(f"{live_server.url}{new_page.url}")
    expect(page.locator("section.block-products")).to_contain_text("Bánh đa nem Thổ Hà")
