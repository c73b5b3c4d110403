"""bench/results.json and bench/results.md: the benchmark's figures and the machine they came from.

JSON shape (documented in the README, "Benchmark"):
    {"machine": {...}, "date": "YYYY-MM-DD HH:MM", "products": n,
     "pages": [{"page", "rps", "p50_ms", "p95_ms", "p99_ms", "queries",
                "ceiling_ratio", "oscar_ratio"}], ...}
`ceiling_ratio` is the page's requests/s over the mean of the hello-world runs
either side of it; `oscar_ratio` our requests/s over stock Oscar's for the same
kind of page, null where Oscar has no such page.
"""

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

PAGE_KEYS = ("page", "rps", "p50_ms", "p95_ms", "p99_ms", "queries", "ceiling_ratio", "oscar_ratio")


@dataclass
class PageResult:
    page: str
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    queries: int | None
    ceiling_ratio: float | None
    oscar_ratio: float | None = None
    # Not in the JSON's page entries: how the row was measured.
    requests: int = field(default=0, compare=False)
    failure: str = field(default="", compare=False)

    def as_json(self) -> dict:
        data = asdict(self)
        return {key: _round(data[key]) for key in PAGE_KEYS}


def _round(value):
    if isinstance(value, float):
        # Shares of the ceiling are small (1/500 = 0.002): keep 4 significant digits.
        return float(f"{value:.4g}") if value < 1 else round(value, 1)
    return value


def machine(proc: Path = Path("/proc")) -> dict:
    """CPU model, cores, RAM and load average, from /proc."""
    cpuinfo = (proc / "cpuinfo").read_text()
    models = [
        line.split(":", 1)[1].strip()
        for line in cpuinfo.splitlines()
        if line.lower().startswith("model name")
    ]
    meminfo = (proc / "meminfo").read_text()
    total_kb = next(
        int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")
    )
    load = (proc / "loadavg").read_text().split()[:3]
    return {
        "cpu": models[0] if models else "unknown",
        "cores": len(models) or os.cpu_count(),
        "ram_gb": round(total_kb / 1024 / 1024, 1),
        "load_average_at_start": [float(x) for x in load],
    }


def document(
    *, machine_info: dict, date: str, products: int, pages: list[PageResult], **extra
) -> dict:
    return {
        "machine": machine_info,
        "date": date,
        "products": products,
        "pages": [page.as_json() for page in pages],
        **extra,
    }


def _number(value, digits=1) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def _share(value) -> str:
    """A share of the ceiling, as the issue states it: 1/N."""
    if value is None:
        return "—"
    return f"1/{1 / value:,.0f}" if value > 0 else "0"


def _times(value) -> str:
    """How many times stock Oscar's requests/s."""
    if value is None:
        return "—"
    return f"{value:,.0f}×" if value >= 10 else f"{value:.2f}×"


def table(data: dict) -> str:
    """The pages as a Markdown table (the README shows it)."""
    rows = [
        "| page | req/s | p50 ms | p95 ms | p99 ms | queries | share of hello-world | "
        "vs stock Oscar |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in data["pages"]:
        rows.append(
            f"| {page['page']} | {_number(page['rps'])} | {_number(page['p50_ms'])} | "
            f"{_number(page['p95_ms'])} | {_number(page['p99_ms'])} | "
            f"{_number(page['queries'])} | {_share(page['ceiling_ratio'])} | "
            f"{_times(page['oscar_ratio'])} |"
        )
    return "\n".join(rows)


def markdown(data: dict) -> str:
    info = data["machine"]
    load = ", ".join(f"{x:.2f}" for x in info["load_average_at_start"])
    lines = [
        f"# Benchmark results ({data['date']})",
        "",
        f"{data['products']:,} products. Machine: {info['cpu']}, {info['cores']} cores, "
        f"{info['ram_gb']} GB RAM; load average at start {load}.",
    ]
    if data.get("note"):
        lines += ["", data["note"]]
    lines += ["", table(data)]
    hello = data.get("hello_rps")
    if hello:
        lines += [
            "",
            f"Hello-world ceiling: {min(hello):,.0f}–{max(hello):,.0f} req/s across the "
            f"{len(hello)} runs between pages.",
        ]
    search = data.get("search_function")
    if search:
        lines += [
            "",
            f"Site search function alone (`bench_search`, {search['searches']} searches): "
            f"p50 {search['p50_ms']} ms, p95 {search['p95_ms']} ms, max {search['max_ms']} ms.",
        ]
    weights = data.get("weight")
    if weights:
        lines += ["", weight_table(weights)]
    imports = data.get("stock_import")
    if imports:
        first, second = imports["seconds"]
        lines += [
            "",
            f"Stock CSV import through the store manager's page (`bench_import`, "
            f"{imports['rows']:,} rows, all applied in one transaction): receipt {first} s, "
            f"correction {second} s.",
        ]
    demo = data.get("demo_data")
    if demo:
        lines += [
            "",
            f"`load_demo_data` on a new PostgreSQL database: {demo['seconds']} s "
            f"(after `migrate`, {demo['migrate_s']} s).",
        ]
    return "\n".join(lines) + "\n"


def weight_table(weights: list[dict]) -> str:
    """The page weights (bench/weight.py) as a Markdown table with its heading."""
    lines = [
        "Page weight, a 390 px phone's cold first visit in Chromium (bytes on the wire, "
        "pages gzipped and static files pre-compressed; pictures below the fold not yet "
        "loaded):",
        "",
        "| page | KiB | requests | fonts | pictures | scripts | styles | page |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in weights:
        kinds = row["by_type"]
        lines.append(
            f"| {row['page']} | {row['kib']:,.1f} | {row['requests']} | "
            + " | ".join(
                f"{kinds.get(kind, 0):,.1f}"
                for kind in ("font", "image", "script", "stylesheet", "document")
            )
            + " |"
        )
    return "\n".join(lines)


def write(data: dict, directory: Path) -> tuple[Path, Path]:
    json_path, md_path = directory / "results.json", directory / "results.md"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    md_path.write_text(markdown(data))
    return json_path, md_path
