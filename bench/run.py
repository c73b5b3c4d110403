"""`make bench` / `python bench/run.py`: whole pages under load, against a hello-world ceiling.

1. Builds the scale data (`manage.py bench_data`) in its own PostgreSQL
   database and lists the pages with their SQL queries, counted in-process
   (`manage.py bench_pages`), with the production settings.
2. Runs `collectstatic` into var/ and serves the production settings under
   gunicorn (2 sync workers) on PostgreSQL and Redis, with /bench/hello/ on.
3. For each page: a warm-up, then wrk (8 connections) on the page, with a
   hello-world run before and after it in the same sequence; the page's share
   of the ceiling is its requests/s over the mean of those two runs. The
   add-to-basket POST carries a CSRF token and cookie, the stock page a
   signed-in store manager's session; the pickup checkout is timed whole,
   over HTTP, N times in a row.
4. The same for stock django-oscar 4.2 (bench/oscar_peer, its own venv and
   database): listing, category, product page and search.
5. Weighs each anonymous page as a phone's cold first visit in Chromium
   (bench/weight.py: bytes on the wire, under 350 KiB).
6. Times the site search function alone (`manage.py bench_search`), a
   5,000-row stock CSV import through the store manager's page
   (`manage.py bench_import`, under 10 s) and `load_demo_data` on a new
   migrated database (under 60 s).
7. Writes bench/results.json and bench/results.md and prints the table.

Exits non-zero when any page answered something other than 2xx/3xx under
load, completed no request, a journey failed or a timed step missed its
target: a benchmark that measured an error page measured nothing.
"""

import argparse
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/run.py` puts bench/ on the path, not the root
    sys.path.insert(0, str(ROOT))

from bench import flows, peer, results, weight, wrk  # noqa: E402
from bench.client import HttpClient  # noqa: E402
from bench.load import (  # noqa: E402
    VAR,
    BenchFailed,
    Sequence,
    ensure_database,
    flush_redis,
    gunicorn,
    log,
    page_result,
    percentile,
)

PYTHON = ROOT / ".venv" / "bin" / "python"
DEFAULT_DATABASE_URL = "postgres://ocop:ocop@127.0.0.1:5432/ocop_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"


# --- environment, database, server ---------------------------------------------------


def server_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The production settings as the runner serves them (plain HTTP on 127.0.0.1)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "OCOP_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="storefront.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        # testserver: the in-process query count (bench_pages) uses Django's test client.
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX="ocop-bench",
        DJANGO_BENCH_HELLO="1",
        # wrk gives every request its own visitor address, as behind the TLS proxy.
        OCOP_TRUSTED_PROXY_COUNT="1",
        # Order emails are rendered and handed to a backend that sends nothing.
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603  (our own arguments)
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=capture,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or "")[-3000:] if capture else ""
        raise BenchFailed(f"manage.py {' '.join(args)} failed ({result.returncode}).\n{detail}")
    return result.stdout if capture else ""


# --- measuring ------------------------------------------------------------------------


def measure_ours(base_url: str, plan: dict, args, sequence: Sequence) -> list[results.PageResult]:
    pages = []
    for page in plan["pages"]:
        label, paths = page["page"], page["paths"]
        if page["method"] == "GET":
            cookie = ""
            if page["auth"] == "manager":
                client = HttpClient(base_url)
                flows.sign_in(client, **plan["manager"])
                cookie = client.cookie_header()
            result, ratio = sequence.page(label, paths, cookie=cookie)
        elif page["method"] == "POST":
            # Once through the real form: the token and cookie wrk will reuse do add a line.
            flows.add_to_basket(HttpClient(base_url, address="10.254.0.1"), paths[0])
            client = HttpClient(base_url)
            action, token = flows.add_form(client, paths[0])
            result, ratio = sequence.page(
                label,
                [action],
                method="POST",
                body=urllib.parse.urlencode({"csrfmiddlewaretoken": token, "quantity": "1"}),
                cookie=client.cookie_header(),
            )
        else:
            pages.append(measure_checkout(base_url, page, plan, args, sequence))
            continue
        pages.append(page_result(label, result, ratio, page.get("queries")))
    return pages


def measure_checkout(base_url, page, plan, args, sequence: Sequence) -> results.PageResult:
    """The whole pickup checkout, one guest after another, timed end to end over HTTP."""
    products = list(page["paths"])
    times, failure = [], ""
    for number in range(args.checkouts + 1):  # the first one warms up
        client = HttpClient(base_url, address=f"10.253.{number // 256}.{number % 256}")
        started = time.perf_counter()
        try:
            flows.pickup_checkout(
                client,
                product_path=products[number % len(products)],
                store_slug=plan["store"],
                email=f"bench.{number}@example.vn",
            )
        except flows.FlowError as error:
            failure = f"checkout {number}: {error}"
            sequence.failures.append(f"{page['page']}: {failure}")
            break
        if number:
            times.append((time.perf_counter() - started) * 1000)
    total = sum(times) / 1000
    log(
        f"  {page['page']}: {len(times)} checkouts, median "
        f"{statistics.median(times) if times else 0:,.0f} ms"
    )
    return results.PageResult(
        page=page["page"],
        rps=len(times) / total if total else 0.0,
        p50_ms=percentile(times, 0.5) if times else 0.0,
        p95_ms=percentile(times, 0.95) if times else 0.0,
        p99_ms=percentile(times, 0.99) if times else 0.0,
        queries=page.get("queries"),
        # One client in sequence, not 8 connections: no share of the ceiling.
        ceiling_ratio=None,
        requests=len(times),
        failure=failure or ("" if times else "no checkout completed"),
    )


def shopper_pages(plan: dict) -> list[tuple[str, str]]:
    """(label, path) of each anonymous page of the plan, for the weight."""
    return [
        (page["page"], page["paths"][0])
        for page in plan["pages"]
        if page["method"] == "GET" and not page["auth"]
    ]


def overweight(weights: list[dict]) -> list[str]:
    """The pages at or over the weight target, each saying by how much."""
    return [
        f"{row['page']}: {row['kib']:,.0f} KiB on a cold visit (target < {weight.TARGET_KIB} KiB)"
        for row in weights
        if row["kib"] >= weight.TARGET_KIB
    ]


def run_command(env: dict[str, str], *args: str) -> tuple[str, str]:
    """A manage.py command's output, and why it failed ("" when it exited 0)."""
    result = subprocess.run(  # noqa: S603  (our own arguments)
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    failure = ""
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines() or ["failed"]
        failure = f"{args[0]}: {lines[-1]}"
    return result.stdout + result.stderr, failure


def search_function(env: dict[str, str], repeat: int) -> tuple[dict, str]:
    """bench_search's timing, and why it failed ("" when its p95 met the target)."""
    output, failure = run_command(env, "bench_search", "--repeat", str(repeat))
    match = re.search(r"(\d+) searches: p50 ([\d.]+) ms, p95 ([\d.]+) ms, max ([\d.]+) ms", output)
    if not match:
        raise BenchFailed(f"bench_search printed no timing:\n{output[-2000:]}")
    searches, p50, p95, high = match.groups()
    timing = {
        "searches": int(searches),
        "p50_ms": float(p50),
        "p95_ms": float(p95),
        "max_ms": float(high),
    }
    return timing, failure


def stock_import(env: dict[str, str], rows: int) -> tuple[dict, str]:
    """bench_import: a receipt and its correction of `rows` rows each, through the page."""
    output, failure = run_command(env, "bench_import", "--rows", str(rows))
    match = re.search(r"stock import of (\d+) rows: ([\d.]+) s and ([\d.]+) s", output)
    if not match:
        raise BenchFailed(f"bench_import printed no timing:\n{output[-2000:]}")
    count, first, second = match.groups()
    return {"rows": int(count), "seconds": [float(first), float(second)]}, failure


def demo_data(env: dict[str, str], database_url: str, target_s: float = 60.0):
    """`load_demo_data` on a new, migrated database, timed as `make run` would run it."""
    ensure_database(database_url, fresh=True)
    demo_env = {**env, "DATABASE_URL": database_url, "CACHE_KEY_PREFIX": "ocop-bench-demo"}
    started = time.perf_counter()
    manage(demo_env, "migrate", "--no-input", "-v", "0")
    migrate_s = time.perf_counter() - started
    started = time.perf_counter()
    _output, failure = run_command(demo_env, "load_demo_data", "--force")
    seconds = time.perf_counter() - started
    if not failure and seconds >= target_s:
        failure = f"load_demo_data: {seconds:.1f} s is over the {target_s:.0f} s target"
    return {"migrate_s": round(migrate_s, 1), "seconds": round(seconds, 1)}, failure


# --- main -------------------------------------------------------------------------------


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=None, help="default 10000 (quick: 300)")
    parser.add_argument("--quick", action="store_true", help="a smoke test: 300 products, 3 s runs")
    parser.add_argument("--seconds", type=float, default=None, help="per wrk run (default 15)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--checkouts", type=int, default=None, help="default 30 (quick: 5)")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the databases")
    parser.add_argument("--no-oscar", action="store_true", help="skip the stock Oscar peer")
    parser.add_argument(
        "--weight-only",
        action="store_true",
        help="only weigh the pages (no load, peer or timings; writes no results files)",
    )
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument(
        "--import-rows", type=int, default=None, help="stock CSV rows (default 5000; quick: 200)"
    )
    args = parser.parse_args(argv)
    if args.products is None:
        args.products = 300 if args.quick else 10_000
    if args.seconds is None:
        args.seconds = 3.0 if args.quick else 15.0
    if args.checkouts is None:
        args.checkouts = 5 if args.quick else 30
    if args.import_rows is None:
        args.import_rows = 200 if args.quick else 5_000
    # Absolute: the runner names the written files relative to the project.
    args.output = args.output.resolve()
    args.warmup = min(3.0, args.seconds)
    return args


def main(argv=None) -> int:
    args = arguments(argv)
    if not args.weight_only:
        wrk.find_wrk()
    machine = results.machine()
    date = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    database_url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    redis_url = os.environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS_URL
    env = server_env(database_url, redis_url)

    log(f"== data: {args.products:,} products ({database_url.rsplit('/', 1)[1]})")
    ensure_database(database_url, fresh=args.fresh)
    flush_redis(redis_url)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "bench_data", "--products", str(args.products))
    manage(env, "collectstatic", "--no-input", "-v", "0")
    log("== queries per page (in-process, production settings)")
    plan = json.loads(manage(env, "bench_pages", capture=True))

    server = [str(ROOT / ".venv" / "bin" / "gunicorn"), "storefront.wsgi"]
    if args.weight_only:
        # A partial run: printed, never written over the full run's results files.
        log("== page weight: a phone's cold first visit, Chromium (bench/weight.py)")
        with gunicorn(server, env=env, cwd=ROOT, log_path=VAR / "gunicorn.log") as base_url:
            weights = weight.measure(base_url, shopper_pages(plan))
        print()
        print(results.weight_table(weights))
        return exit_status(overweight(weights))
    log(f"== load: wrk, {args.connections} connections, {args.seconds:.0f} s per run")
    with gunicorn(server, env=env, cwd=ROOT, log_path=VAR / "gunicorn.log") as base_url:
        sequence = Sequence(
            base_url, seconds=args.seconds, warmup=args.warmup, connections=args.connections
        )
        pages = measure_ours(base_url, plan, args, sequence)
        log("== page weight: a phone's cold first visit, Chromium (bench/weight.py)")
        weights = weight.measure(base_url, shopper_pages(plan))
    failures = list(sequence.failures) + overweight(weights)
    hello = list(sequence.hello)

    oscar = {}
    if not args.no_oscar:
        log("== stock django-oscar 4.2 (bench/oscar_peer)")
        oscar = peer.measure(args, products=plan["products"], sequence_factory=Sequence)
        failures += oscar.pop("failures")
        by_kind = {row["kind"]: row for row in oscar["pages"]}
        for row, page in zip(pages, plan["pages"], strict=True):
            theirs = by_kind.get(page["oscar"])
            if theirs and theirs["rps"]:
                row.oscar_ratio = row.rps / theirs["rps"]

    log("== site search function alone (bench_search)")
    search, failure = search_function(env, repeat=2 if args.quick else 10)
    log(f"== stock CSV import, {args.import_rows:,} rows through the page (bench_import)")
    imports, import_failure = stock_import(env, args.import_rows)
    log("== demo data on a new database (migrate, then load_demo_data)")
    demo, demo_failure = demo_data(env, database_url + "_demo")
    failures += [f for f in (failure, import_failure, demo_failure) if f]

    data = results.document(
        machine_info=machine,
        date=date,
        products=plan["products"],
        pages=pages,
        hello_rps=[round(x, 1) for x in hello],
        search_function=search,
        weight=weights,
        stock_import=imports,
        demo_data=demo,
        oscar=oscar or None,
        settings={
            "connections": args.connections,
            "seconds_per_run": args.seconds,
            "gunicorn": "2 sync workers",
            "quick": args.quick,
        },
        note=("Quick mode (a smoke test of the tooling, not a measurement)." if args.quick else ""),
    )
    json_path, md_path = results.write(data, args.output)
    print()
    print(results.table(data))
    print(f"\nWritten {_shown(json_path)} and {_shown(md_path)}.")
    return exit_status(failures)


def _shown(path: Path) -> str:
    """`path` relative to the project when inside it (--output may point anywhere)."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def exit_status(failures: list[str]) -> int:
    """1, saying which, when any run failed: figures of error pages are not figures."""
    if not failures:
        return 0
    print("\nFAILED — these runs do not count:", file=sys.stderr)
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
