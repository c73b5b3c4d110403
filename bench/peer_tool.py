"""Stock Oscar's side of the benchmark, run inside its own venv (bench/peer.py calls it).

    python bench/peer_tool.py build --products N   # catalogue with Oscar's own models
    python bench/peer_tool.py plan --deep D        # the pages to load, with their queries

`build` is idempotent like the shop's `bench_data`: it creates only the
products that are missing (matched on their codes), with the same titles as
the shop's (storefront.demo.synthetic), one of the six groups as category, a
price and stock at one partner. `plan` counts each page's SQL queries on its
second request through Django's test client, as `manage.py bench_pages` does.
"""

import argparse
import json
import os
import sys
import types
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
# The shop's package starts its Celery app on import, and the peer's venv has
# no Celery: the plain-Python demo data modules are reached without that
# __init__, through a bare package object pointing at the same folder.
_shop_package = types.ModuleType("storefront")
_shop_package.__path__ = [str(ROOT / "storefront")]
sys.modules.setdefault("storefront", _shop_package)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oscar_peer.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from oscar.apps.catalogue.models import (  # noqa: E402
    Category,
    Product,
    ProductCategory,
    ProductClass,
)
from oscar.apps.partner.models import Partner, StockRecord  # noqa: E402

from storefront.demo import synthetic  # noqa: E402
from storefront.demo.products import GROUPS, PRODUCTS  # noqa: E402

BATCH = 2000
SEARCHES = {
    "search_common": "banh",
    "search_no_accent": "banh+da+nem",
    "search_typo": "banh+da+nen",
}


def build(products: int) -> int:
    """Demo products plus `products` synthetic ones; returns how many were created."""
    product_class, _ = ProductClass.objects.get_or_create(
        slug="goods", defaults={"name": "Goods", "requires_shipping": True, "track_stock": True}
    )
    categories = {}
    for group in GROUPS:
        category = Category.objects.filter(slug=group.code).first()
        if category is None:
            category = Category.add_root(name=group.name_en, slug=group.code, is_public=True)
        categories[group.number] = category
    partner, _ = Partner.objects.get_or_create(code="store", defaults={"name": "Store"})
    wanted = [(item.upc, item.group, item.title_vi) for item in PRODUCTS]
    producers = synthetic.producer_count(products)
    for number in range(products):
        group = number % producers % len(GROUPS) + 1
        wanted.append((f"BENCH-{number:06d}", group, synthetic.titles(number, group)[0]))
    existing = set(Product.objects.values_list("upc", flat=True))
    missing = [row for row in wanted if row[0] not in existing]
    for start in range(0, len(missing), BATCH):
        rows = missing[start : start + BATCH]
        with transaction.atomic():
            created = Product.objects.bulk_create(
                Product(
                    upc=code,
                    title=title,
                    slug=f"product-{code.lower()}",
                    product_class=product_class,
                    structure=Product.STANDALONE,
                    is_public=True,
                )
                for code, _group, title in rows
            )
            ProductCategory.objects.bulk_create(
                ProductCategory(product=product, category=categories[group])
                for product, (_code, group, _title) in zip(created, rows, strict=True)
            )
            StockRecord.objects.bulk_create(
                StockRecord(
                    partner=partner,
                    product=product,
                    partner_sku=product.upc,
                    price=Decimal(20_000 + (number * 7919) % 199 * 5_000),
                    num_in_stock=50,
                )
                for number, product in enumerate(created, start=start)
            )
    return len(missing)


def plan(deep: int) -> dict:
    category = Category.objects.get(slug=GROUPS[0].code)
    products = Product.objects.filter(upc__startswith="BENCH-").order_by("-pk")[:100]
    product_paths = [p.get_absolute_url() for p in products] or [
        Product.objects.first().get_absolute_url()
    ]
    pages = [
        {"kind": "listing_p1", "paths": ["/catalogue/"]},
        {"kind": "listing_deep", "paths": [f"/catalogue/?page={deep}"]},
        {"kind": "category", "paths": [category.get_absolute_url()]},
        {"kind": "product", "paths": product_paths},
    ]
    pages += [{"kind": kind, "paths": [f"/search/?q={q}"]} for kind, q in SEARCHES.items()]
    client = Client()
    for page in pages:
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page["paths"][0])
            if response.status_code != 200:
                raise SystemExit(f"{page['paths'][0]} answered {response.status_code}")
            counts.append(len(queries.captured_queries))
        page["queries"] = counts[-1]
    return {"products": Product.objects.count(), "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build").add_argument("--products", type=int, required=True)
    commands.add_parser("plan").add_argument("--deep", type=int, required=True)
    args = parser.parse_args()
    if args.command == "build":
        created = build(args.products)
        print(f"stock Oscar: {created} new products, {Product.objects.count()} in all")
    else:
        print(json.dumps(plan(args.deep)))


if __name__ == "__main__":
    main()
