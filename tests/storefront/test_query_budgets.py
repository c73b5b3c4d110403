"""Query budgets: every page of the benchmark costs the same number of queries whatever
the size of the catalogue (3 or 30 products) and of the page (12 or 48 cards).

Each test counts a page at two sizes, asserts the counts are equal, and holds the
count to a budget with `django_assert_max_num_queries`; a query added per card or
per product makes both fail. docs/architecture.md "Query budgets" says why each page
costs what it does.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import CraftVillage
from catalogue.views import CatalogueView
from cms.models import CraftVillageIndexPage, CraftVillagePage, StoreIndexPage, StorePage
from storefront.partner.models import Partner
from storefront.partner.services import create_stock_record
from tests.catalogue.conftest import make_certificate, make_producer
from tests.factories import create_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(site_tree, food_category):
    """A store, a craft village with a producer and their pages; `grow(n)` adds products.

    Products are "Bánh đa nem <n>", in the food group, stocked at the store and rated
    3★, 4★ or 5★ in turn, so every list (newest, 5★ picks, in stock here, 4★+ filter,
    search) has cards to show at both sizes.
    """
    store = Partner.objects.create(name="Cửa hàng OCOP Từ Sơn", code="ocop-tu-son")
    village = CraftVillage.objects.create(name="Thổ Hà", slug="tho-ha", commune="Vân Hà")
    producer = make_producer(craft_village=village)
    village_page = CraftVillagePage(title="Làng Thổ Hà", slug="lang-tho-ha", craft_village=village)
    CraftVillageIndexPage.objects.child_of(site_tree["home"]).get().add_child(instance=village_page)
    village_page.save_revision().publish()
    # The village page lists experiences apart from goods: one, so both lists load.
    ticket = create_product(
        title="Trải nghiệm làm bánh đa",
        upc="BUDGET-EXP",
        price=None,
        product_class="Trải nghiệm du lịch",
        producer=producer,
    )
    create_stock_record(store=store, product=ticket, price=Decimal("150000"), quantity=20)
    store_page = StorePage(title=store.name, slug="cua-hang-tu-son", store=store)
    StoreIndexPage.objects.child_of(site_tree["home"]).get().add_child(instance=store_page)
    store_page.save_revision().publish()
    made = []

    def grow(count: int) -> list:
        for n in range(len(made), count):
            product = create_product(title=f"Bánh đa nem {n}", upc=f"BUDGET-{n:03d}", price=None)
            product.producer = producer
            product.save()
            product.categories.add(food_category)
            create_stock_record(store=store, product=product, price=Decimal("50000"), quantity=5)
            make_certificate(product, stars=3 + n % 3)
            made.append(product)
        return made

    return {
        "grow": grow,
        "store": store,
        "village_page": village_page,
        "store_page": store_page,
        "category": food_category,
        "producer": producer,
    }


def count(client: Client, url: str, **params) -> int:
    """Queries of one request, after a first one has warmed the caches a visitor would find warm."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def assert_constant(shop, django_assert_max_num_queries, url, budget, smallest=3, **params):
    """Same count at 3 (or `smallest`) and 30 products, and within the budget."""
    shop["grow"](smallest)
    few = count(Client(), url, **params)
    shop["grow"](30)
    many = count(Client(), url, **params)
    assert many == few, f"{url}: {few} queries with {smallest} products, {many} with 30"
    client = Client()
    client.get(url, params)
    with django_assert_max_num_queries(budget):
        client.get(url, params)


# --- content pages -------------------------------------------------------------


@pytest.mark.parametrize(("url", "budget"), [("/", 28), ("/en/", 29)], ids=["vi", "en"])
def test_home_page(shop, django_assert_max_num_queries, url, budget):
    assert_constant(shop, django_assert_max_num_queries, url, budget)


def test_craft_village_page(shop, django_assert_max_num_queries):
    assert_constant(shop, django_assert_max_num_queries, shop["village_page"].url, 26)


def test_store_content_page(shop, django_assert_max_num_queries):
    assert_constant(shop, django_assert_max_num_queries, shop["store_page"].url, 27)


# --- listing, category, search -------------------------------------------------


@pytest.mark.parametrize("page_size", [12, 48])
def test_listing_first_page(shop, django_assert_max_num_queries, monkeypatch, page_size):
    monkeypatch.setattr(CatalogueView, "paginate_by", page_size)
    assert_constant(shop, django_assert_max_num_queries, reverse("catalogue:index"), 10)


def test_listing_deep_page(shop, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(CatalogueView, "paginate_by", 2)
    assert_constant(shop, django_assert_max_num_queries, reverse("catalogue:index"), 10, page=2)


def test_filtered_listing(shop, django_assert_max_num_queries):
    url = reverse("catalogue:index")
    group = shop["category"].pk
    assert_constant(shop, django_assert_max_num_queries, url, 11, min_stars=4, group=group)


def test_category_page(shop, django_assert_max_num_queries):
    assert_constant(shop, django_assert_max_num_queries, shop["category"].get_absolute_url(), 10)


@pytest.mark.parametrize(
    ("query", "budget"),
    [("nem", 7), ("banh da nem", 7), ("banh da nen", 10)],
    ids=["common", "no-accents", "typo"],
)
def test_search(shop, django_assert_max_num_queries, query, budget):
    """From 6 products: with fewer than 5 exact matches search also looks for typos
    (docs/architecture.md "Search"), a fixed second step, not a cost per product."""
    url = reverse("site-search")
    assert_constant(shop, django_assert_max_num_queries, url, budget, smallest=6, q=query)


# --- product page ----------------------------------------------------------------


def test_product_page(shop, django_assert_max_num_queries):
    products = shop["grow"](3)
    assert_constant(shop, django_assert_max_num_queries, products[0].get_absolute_url(), 19)


def test_product_page_with_six_recently_viewed(shop, django_assert_max_num_queries):
    products = shop["grow"](8)
    url = products[0].get_absolute_url()
    counts = {}
    for viewed in (1, 6):
        client = Client()
        for product in products[1 : 1 + viewed]:
            client.get(product.get_absolute_url())
        counts[viewed] = count(client, url)
        assert client.get(url).content.decode().count('class="product_pod"') >= viewed
    assert counts[6] == counts[1], counts
    with django_assert_max_num_queries(22):
        client.get(url)


# --- stores ------------------------------------------------------------------------


def test_store_directory(shop, django_assert_max_num_queries):
    index = StoreIndexPage.objects.child_of(shop["store_page"].get_parent().get_parent()).get()
    assert_constant(shop, django_assert_max_num_queries, index.url, 22)


def redirect_count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return len(queries)


def test_shop_store_addresses_redirect_cheaply(shop):
    """The shop's directory and store addresses now answer with a redirect to the pages."""
    shop["grow"](3)
    assert redirect_count(Client(), "/shop/stores/") == 0
    assert redirect_count(Client(), f"/shop/stores/{shop['store'].slug}/") == 1


def test_store_managers_stock_page(shop, django_assert_max_num_queries, django_user_model):
    manager = django_user_model.objects.create_user(
        username="quanly", email="quanly@ocop.local", password="pw-123456789"
    )
    shop["store"].managers.add(manager)
    url = f"/shop/my-store/{shop['store'].slug}/"
    shop["grow"](3)
    client = Client()
    client.force_login(manager)
    few = count(client, url)
    shop["grow"](30)
    many = count(client, url)
    assert many == few
    # 18: one aggregate query draws both weekly charts (partner/selectors.weekly_stock).
    with django_assert_max_num_queries(18):
        client.get(url)


# --- basket and checkout -----------------------------------------------------------


def test_add_to_basket(shop, django_assert_max_num_queries):
    products = shop["grow"](30)
    counts = []
    for product in (products[0], products[1]):
        client = Client()
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}
            )
        assert response.status_code == 302
        counts.append(len(queries))
    assert counts[0] == counts[1]
    client = Client()
    with django_assert_max_num_queries(25):
        client.post(reverse("basket:add", kwargs={"pk": products[2].pk}), {"quantity": 1})


class RowsLoaded:
    """Counts the model instances Django builds, of any model, while it is open.

    A constant query count does not show a query that reads a whole table:
    placing an order once loaded every stock record of the pickup store
    (50,054 rows, 1.3 s at 50,000 products) in one query.
    """

    def __init__(self):
        self.count = 0

    def __enter__(self):
        post_init.connect(self._loaded, weak=False)
        return self

    def __exit__(self, *exc):
        post_init.disconnect(self._loaded)

    def _loaded(self, **kwargs):
        self.count += 1


def _pickup_checkout(client, products, store, rows=None) -> dict[str, int]:
    """Each step of a pickup checkout paid in cash at the store, with its query count
    (and, given a dict `rows`, the model instances it loaded)."""
    steps = {}

    def step(name, method, url, data=None, expect=(200, 302)):
        with CaptureQueriesContext(connection) as queries, RowsLoaded() as loaded:
            response = getattr(client, method)(url, data or {})
        assert response.status_code in expect, (name, response.status_code)
        steps[name] = len(queries)
        if rows is not None:
            rows[name] = loaded.count
        return response

    for product in products:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    step("basket", "get", reverse("basket:summary"))
    step("fulfilment", "get", reverse("checkout-fulfilment"))
    step(
        "choose pickup", "post", reverse("checkout-fulfilment"), {"choice": f"pickup:{store.slug}"}
    )
    method = step("payment method", "get", reverse("checkout:payment-method"))
    code = method.context["form"].fields["method"].choices[0][0]
    step("choose cash", "post", reverse("checkout:payment-method"), {"method": code})
    step("preview", "get", reverse("checkout:preview"))
    step("place order", "post", reverse("checkout:preview"), {"action": "place_order"}, (302,))
    step("thank you", "get", reverse("checkout:thank-you"))
    return steps


# Per step, with one line in the basket. The checkout pages carry the site's
# header and footer and a step bar read from the basket (#14). Every page reads
# the same number of queries whatever the number of lines (Basket.all_lines and
# the confirmation load what each line shows in one go); placing the order
# writes each line (order line, its price, the stock reservation under its row
# lock and its movement, and Oscar's purchase statistics, which a product's
# first sale creates): at most PLACE_ORDER_PER_LINE more per line.
CHECKOUT_BUDGETS = {
    "basket": 30,
    "fulfilment": 28,
    "choose pickup": 19,
    "payment method": 29,
    "choose cash": 25,
    "preview": 28,
    # +1 (67 → 68): the order email looks up the order's experience bookings (#15).
    "place order": 68,
    "thank you": 28,
}
PLACE_ORDER_PER_LINE = 15


def test_each_step_of_a_pickup_checkout_with_cash(shop, django_user_model):
    counts, rows = [], []
    for n, size in enumerate((3, 3, 30)):  # the first run warms the caches
        products = shop["grow"](size)
        user = django_user_model.objects.create_user(
            username=f"khach{n}", email=f"khach{n}@example.vn", password="pw-123456789"
        )
        client = Client()
        client.force_login(user)
        rows.append({})
        counts.append(_pickup_checkout(client, products[n : n + 1], shop["store"], rows[-1]))
    assert counts[1] == counts[2]
    # Nor does any step read more rows when the store holds ten times the products.
    assert rows[1] == rows[2]
    over = {step: n for step, n in counts[2].items() if n > CHECKOUT_BUDGETS[step]}
    assert not over, f"over budget: {over} (budgets {CHECKOUT_BUDGETS})"


def test_checkout_pages_read_the_same_queries_for_one_line_or_four(shop, django_user_model):
    products = shop["grow"](12)
    counts = []
    for n, lines in enumerate((1, 1, 4)):  # the first run warms the caches
        user = django_user_model.objects.create_user(
            username=f"nhieu{n}", email=f"nhieu{n}@example.vn", password="pw-123456789"
        )
        client = Client()
        client.force_login(user)
        counts.append(_pickup_checkout(client, products[n * 4 : n * 4 + lines], shop["store"]))
    one, four = counts[1], counts[2]
    assert {step: four[step] for step in one if step != "place order"} == {
        step: n for step, n in one.items() if step != "place order"
    }
    assert four["place order"] <= one["place order"] + 3 * PLACE_ORDER_PER_LINE


def test_recently_viewed_products_come_most_recent_first_in_constant_queries(shop):
    """catalogue.selectors.recently_viewed_products: what the product page's per-visitor
    block shows, read from Oscar's history cookie with the cards' data."""
    from django.test import RequestFactory

    from catalogue.selectors import recently_viewed_products

    products = shop["grow"](9)
    counts = []
    for viewed in (products[:2], products[:9]):
        request = RequestFactory().get("/")
        request.COOKIES["oscar_history"] = "[" + ",".join(str(p.pk) for p in viewed) + "]"
        with CaptureQueriesContext(connection) as queries:
            shown = recently_viewed_products(request, exclude=viewed[-1])
        counts.append(len(queries))
    assert [p.pk for p in shown] == [p.pk for p in reversed(products[2:8])]
    assert counts[0] == counts[1] == 3  # the products, their pictures, their stock
