"""The site search function alone, over the benchmark's catalogue (part of `make bench`).

Times the whole search (products, facets, craft villages, pages) in-process
for a fixed list of queries over whatever catalogue the database holds (build
it with `manage.py bench_data`) and prints p50/p95/max; fails when p95 reaches
the target. bench/run.py runs it after the load test and records the figures.
"""

import gc
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation

from catalogue.models import Product
from storefront import search

QUERIES = [
    "banh da nem",
    "bánh đa nem",
    "banh da nen",  # typo
    "tranh dong ho",
    "Tranh Đông Hồ",
    "gom phu lang",
    "mat ong",
    "nem",
    "dong ky",
    "go",
    "ruou",
    "mây tre đan",
    "toi an thinh",
    "xe may dien",  # no results: suggestions path
    "rice paper",
    "banh",
]
BATCH = 1000


class Command(BaseCommand):
    help = "Time the site search over a large synthetic catalogue (p50/p95)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=10)
        parser.add_argument("--target-ms", type=float, default=100.0)

    def handle(self, *args, repeat, target_ms, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark measures PostgreSQL: set DATABASE_URL to a PostgreSQL database."
            )
        if not Product.objects.exists():
            raise CommandError("No products: build the catalogue with `manage.py bench_data`.")
        # As storefront.wsgi does once the application is loaded.
        gc.collect()
        gc.freeze()
        samples = []
        with translation.override("vi"):
            for query in QUERIES:  # warm-up: plans and caches, as on a running site
                search.search_everything(query, language="vi", filters={})
            for _ in range(repeat):
                for query in QUERIES:
                    started = time.perf_counter()
                    results = search.search_everything(query, language="vi", filters={})
                    list(results.products)
                    samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p50 = statistics.median(samples)
        p95 = samples[int(len(samples) * 0.95) - 1]
        count = Product.objects.count()
        self.stdout.write(
            f"search over {count} products, {len(samples)} searches: "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {samples[-1]:.1f} ms "
            f"(target p95 < {target_ms:.0f} ms)"
        )
        if p95 >= target_ms:
            raise CommandError(f"p95 {p95:.1f} ms is over the {target_ms:.0f} ms target")
