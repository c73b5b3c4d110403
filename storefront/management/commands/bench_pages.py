"""`manage.py bench_pages`: the benchmark's pages, and the SQL queries each one costs.

Picks the URLs bench/run.py loads from the database `bench_data` built (a
product in stock at the pickup store, a deep listing page, the craft village
with the most producers…), then requests each one in-process through Django's
test client with the settings it runs under (bench/run.py passes the
production settings and the server's database and Redis) and counts its
queries with CaptureQueriesContext on the second request, when caches are as
warm as under load. Prints the plan as JSON for bench/run.py.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from bench import flows
from catalogue import selectors
from catalogue.models import Category, CraftVillage, Product
from cms.models import CraftVillagePage, StorePage
from storefront.demo import scale
from storefront.demo.products import GROUPS
from storefront.partner.models import Partner, StockRecord

SEARCH_COMMON = "banh"
SEARCH_NO_ACCENT = "banh da nem"
SEARCH_TYPO = "banh da nen"
DEEP_PAGE = 50
PRODUCT_PATHS = 100
CHECKOUT_PRODUCTS = 60


class TestClientAdapter:
    """flows.Client over Django's test client (cookies kept, redirects not followed)."""

    def __init__(self):
        self.client = Client()

    def _wrap(self, response) -> flows.Response:
        return flows.Response(
            response.status_code, response.get("Location", ""), response.content.decode()
        )

    def get(self, path: str) -> flows.Response:
        return self._wrap(self.client.get(path))

    def post(self, path: str, data: dict[str, str]) -> flows.Response:
        return self._wrap(self.client.post(path, data))


class Command(BaseCommand):
    help = "Print the benchmark's page plan with the SQL queries of each page (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--no-queries", action="store_true", help="plan only, count nothing")

    def handle(self, *args, no_queries: bool = False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            plan = self.plan()
        if not no_queries:
            for page in plan["pages"]:
                page["queries"] = self.count(page, plan)
        self.stdout.write(json.dumps(plan, ensure_ascii=False, indent=1))

    # --- which URLs ------------------------------------------------------------------

    def plan(self) -> dict:
        store = Partner.objects.filter(code=scale.MANAGER_STORE).first()
        if store is None:
            raise CommandError("No benchmark data: run `manage.py bench_data` first.")
        food = Category.objects.get(code=GROUPS[0].code)
        # In stock at the pickup store, sellable, and a plain good (an
        # experience asks for a booking date before it goes in the basket).
        stocked = (
            selectors.browsable_products()
            .filter(
                product_class__requires_shipping=True,
                pk__in=StockRecord.objects.filter(partner=store, num_in_stock__gte=20).values(
                    "product_id"
                ),
            )
            .order_by("-pk")
        )
        synthetic = stocked.filter(upc__startswith=scale.UPC_PREFIX)
        if synthetic.exists():
            stocked = synthetic
        paths = [p.get_absolute_url() for p in stocked[: PRODUCT_PATHS + CHECKOUT_PRODUCTS]]
        if len(paths) < 2:
            raise CommandError("Too few products in stock at the pickup store.")
        product_paths = paths[: max(1, len(paths) - CHECKOUT_PRODUCTS)]
        checkout_paths = paths[len(product_paths) :] or product_paths
        pages_total = -(-selectors.browsable_products().count() // 24)
        deep = min(DEEP_PAGE, pages_total)
        village = (
            CraftVillage.objects.filter(pages__live=True)
            .annotate(n=Count("producers", filter=Q(producers__status="verified")))
            .order_by("-n", "slug")
            .first()
        )
        village_page = CraftVillagePage.objects.live().filter(craft_village=village).first()
        store_page = StorePage.objects.live().filter(store=store, locale__language_code="vi")
        manager = {"email": scale.MANAGER_EMAIL, "password": scale.MANAGER_PASSWORD}

        def get(key, label, *paths, auth="", oscar=""):
            return {
                "key": key,
                "page": label,
                "method": "GET",
                "paths": list(paths),
                "auth": auth,
                "oscar": oscar,
            }

        search = "/shop/search/?q="
        pages = [
            get("home_vi", "home `/` (vi)", "/"),
            get("home_en", "home `/en/`", "/en/"),
            get("listing_p1", "listing p1", "/shop/catalogue/", oscar="listing_p1"),
            get(
                "listing_deep",
                f"listing p{deep}",
                f"/shop/catalogue/?page={deep}",
                oscar="listing_deep",
            ),
            get(
                "listing_filtered",
                "listing 4★+, one group",
                f"/shop/catalogue/?min_stars=4&group={food.pk}",
            ),
            get("category", "category p1", food.get_absolute_url(), oscar="category"),
            get("product", "product page", *product_paths, oscar="product"),
            get(
                "search_common",
                f'search "{SEARCH_COMMON}"',
                search + SEARCH_COMMON,
                oscar="search_common",
            ),
            get(
                "search_no_accent",
                f'search "{SEARCH_NO_ACCENT}"',
                search + SEARCH_NO_ACCENT.replace(" ", "+"),
                oscar="search_no_accent",
            ),
            get(
                "search_typo",
                f'search "{SEARCH_TYPO}" (typo)',
                search + SEARCH_TYPO.replace(" ", "+"),
                oscar="search_typo",
            ),
            get("village", "craft village page", village_page.get_url()),
            # The shop's /shop/stores/ addresses redirect to these pages (one page per store).
            get("store_content", "store page (content)", store_page.first().get_url()),
            get("store_directory", "store directory", store_page.first().get_parent().get_url()),
            {
                "key": "add_to_basket",
                "page": "add to basket (POST)",
                "method": "POST",
                "paths": [product_paths[0]],
                "auth": "",
                "oscar": "",
            },
            {
                "key": "checkout",
                "page": "pickup checkout, cash (whole flow)",
                "method": "FLOW",
                "paths": checkout_paths,
                "auth": "",
                "oscar": "",
            },
            get(
                "stock",
                "store manager's stock page",
                f"/shop/my-store/{store.slug}/",
                auth="manager",
            ),
        ]
        return {
            "products": Product.objects.count(),
            "store": store.slug,
            "manager": manager,
            "pages": pages,
        }

    # --- how many queries --------------------------------------------------------------

    def count(self, page: dict, plan: dict) -> int:
        """Queries of the page's second request (or second journey), as under load."""
        path = page["paths"][0]
        if page["method"] == "FLOW":
            return self._count_twice(
                lambda: flows.pickup_checkout(
                    TestClientAdapter(),
                    product_path=page["paths"].pop(),
                    store_slug=plan["store"],
                    email="bench.queries@example.vn",
                )
            )
        if page["method"] == "POST":
            counts = []
            for _ in range(2):
                # A new visitor each time, as every wrk request is; only the POST counts.
                client = TestClientAdapter()
                action, token = flows.add_form(client, path)
                with CaptureQueriesContext(connection) as queries:
                    flows.expect(
                        client.post(action, {"csrfmiddlewaretoken": token, "quantity": "1"}),
                        302,
                        "add to basket",
                    )
                counts.append(len(queries.captured_queries))
            return counts[-1]
        client = Client()
        if page["auth"] == "manager":
            client.force_login(
                Partner.objects.get(slug=plan["store"]).managers.get(email=plan["manager"]["email"])
            )

        def get():
            response = client.get(path)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")

        return self._count_twice(get)

    def _count_twice(self, action) -> int:
        action()
        with CaptureQueriesContext(connection) as queries:
            action()
        return len(queries.captured_queries)
