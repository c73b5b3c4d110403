"""Fixtures of the content tests: a page tree, a craft village with a producer, a store."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from wagtail.models import Locale

from catalogue.models import CraftVillage, Producer
from cms.models import CraftVillageIndexPage, CraftVillagePage, StoreIndexPage, StorePage
from tests.factories import create_product

Partner = get_model("partner", "Partner")


@pytest.fixture
def en_locale(site_tree):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def village(db):
    return CraftVillage.objects.create(
        slug="phu-lang",
        name_vi="Làng gốm Phù Lãng",
        name_en="Phù Lãng pottery village",
        crafts_vi="Gốm sành",
        crafts_en="Stoneware",
        commune="Phù Lãng",
    )


@pytest.fixture
def producer(village):
    return Producer.objects.create(
        name="Hợp tác xã gốm Phù Lãng",
        slug="htx-gom-phu-lang",
        legal_form="cooperative",
        tax_code="9999000102",
        commune="Phù Lãng",
        address="Thôn Phù Lãng",
        contact_person="Test",
        phone="0222000000",
        craft_village=village,
        status=Producer.Status.VERIFIED,
    )


def make_products(producer, count: int, *, start: int = 0, stock: int = 5):
    products = []
    for n in range(start, start + count):
        product = create_product(
            title=f"Bình gốm {n}", upc=f"TEST-{n:04d}", price=Decimal("250000"), num_in_stock=stock
        )
        product.producer = producer
        product.save()
        products.append(product)
    return products


@pytest.fixture
def village_page(site_tree, village):
    index = CraftVillageIndexPage.objects.child_of(site_tree["home"]).get()
    page = CraftVillagePage(
        title="Làng gốm Phù Lãng",
        slug="lang-gom-phu-lang",
        craft_village=village,
        intro="Gốm men da lươn bên sông Cầu.",
        address="Phù Lãng, Quế Võ, Bắc Ninh",
        latitude=21.1604,
        longitude=106.2409,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def store(db):
    store = Partner.objects.create(name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son")
    for name, value in {
        "street": "12 Lý Thái Tổ",
        "commune": "Đình Bảng",
        "phone": "0222 3 888 999",
        "latitude": Decimal("21.110500"),
        "longitude": Decimal("105.952600"),
    }.items():
        if hasattr(store, name):
            setattr(store, name, value)
    store.save()
    return store


@pytest.fixture
def store_page(site_tree, store):
    index = StoreIndexPage.objects.child_of(site_tree["home"]).get()
    page = StorePage(title=store.name, slug="cua-hang-tu-son", store=store, intro="Cửa hàng.")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def block_context() -> dict:
    """What a block template sees on a real page: a request with Oscar's strategy."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory
    from oscar.apps.partner.strategy import Default

    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    request.strategy = Default()
    request.basket = get_model("basket", "Basket")()
    return {"request": request}


def translate(page, locale, slug: str):
    """Publish an English translation of `page` under its own slug, as an editor would."""
    english = page.copy_for_translation(locale)
    english.slug = slug
    english.save_revision().publish()
    return type(page).objects.get(pk=english.pk)


def make_experience(producer, title: str, *, upc: str, price=Decimal("150000"), stock=20):
    """An OCOP group 6 experience (a ticket: the experience class, nothing to ship)."""
    ticket = create_product(
        title=title,
        upc=upc,
        price=price,
        num_in_stock=stock,
        product_class="Trải nghiệm du lịch",
        producer=producer,
    )
    ticket.product_class.requires_shipping = False
    ticket.product_class.save()
    assert ticket.product_class.slug == "trai-nghiem-du-lich"
    return ticket
