"""Nothing but the stock services writes a quantity, so every change leaves a movement."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {
    ROOT / "storefront" / "partner" / "services.py",
    # Order-line counters (Line.num_allocated), written next to the stock service calls.
    ROOT / "storefront" / "order" / "services.py",
    # Synthetic products in the separate benchmark database (make bench), never a shop's.
    ROOT / "storefront" / "management" / "commands" / "bench_search.py",
}
# An assignment or update of a quantity field: `num_in_stock=…`, `.num_allocated = …`,
# `update(num_in_stock=…)`, `F("num_in_stock")` arithmetic in an update.
WRITE = re.compile(r"\b(num_in_stock|num_allocated)\s*(=(?!=)|\+=|-=)")


def test_only_the_stock_services_write_quantities():
    offenders = []
    for folder in ("storefront", "catalogue", "cms"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts or path in ALLOWED:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if WRITE.search(line) and not line.lstrip().startswith("#"):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "write stock through storefront.partner.services:\n" + "\n".join(
        offenders
    )
