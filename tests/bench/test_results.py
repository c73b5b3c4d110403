"""bench/results.py writes the documented JSON shape and the Markdown table."""

import json

from bench import results

SAMPLE = [
    results.PageResult("home `/` (vi)", 412.34, 17.2, 25.9, 41.0, 9, 0.1034, None),
    results.PageResult("product page", 30.2, 200.0, 300.0, 346.0, 20, 0.0085, 0.52),
    results.PageResult("listing p1", 251.0, 28.0, 40.0, 61.5, 12, 0.0629, 61.8),
    results.PageResult("pickup checkout, cash (whole flow)", 2.5, 380.0, 410.0, 455.0, 311, None),
]


def fake_proc(tmp_path):
    (tmp_path / "cpuinfo").write_text(
        "processor\t: 0\nmodel name\t: AMD EPYC 7B13\n\n"
        "processor\t: 1\nmodel name\t: AMD EPYC 7B13\n"
    )
    (tmp_path / "meminfo").write_text("MemTotal:       24573068 kB\nMemFree: 1 kB\n")
    (tmp_path / "loadavg").write_text("0.52 0.61 0.70 1/200 12345\n")
    return tmp_path


def test_machine_is_read_from_proc(tmp_path):
    assert results.machine(fake_proc(tmp_path)) == {
        "cpu": "AMD EPYC 7B13",
        "cores": 2,
        "ram_gb": 23.4,
        "load_average_at_start": [0.52, 0.61, 0.7],
    }


def test_writes_the_documented_json_and_a_table(tmp_path):
    data = results.document(
        machine_info=results.machine(fake_proc(tmp_path)),
        date="2026-12-01 09:00 +07",
        products=10044,
        pages=SAMPLE,
        hello_rps=[3900.0, 4100.0],
        stock_import={"rows": 5000, "seconds": [3.93, 2.43]},
        weight=[
            {
                "page": "home `/` (vi)",
                "path": "/",
                "kib": 316.4,
                "requests": 23,
                "by_type": {"document": 7.9, "font": 102.3, "image": 111.9, "script": 52.4},
            }
        ],
        demo_data={"migrate_s": 31.0, "seconds": 14.2},
    )
    json_path, md_path = results.write(data, tmp_path)

    written = json.loads(json_path.read_text())
    assert {"machine", "date", "products", "pages"} <= set(written)
    assert written["products"] == 10044
    assert [list(page) for page in written["pages"]] == [list(results.PAGE_KEYS)] * 4
    assert written["pages"][2] == {
        "page": "listing p1",
        "rps": 251.0,
        "p50_ms": 28.0,
        "p95_ms": 40.0,
        "p99_ms": 61.5,
        "queries": 12,
        "ceiling_ratio": 0.0629,
        "oscar_ratio": 61.8,
    }
    assert written["pages"][3]["ceiling_ratio"] is None

    table = md_path.read_text()
    assert "AMD EPYC 7B13, 2 cores, 23.4 GB RAM; load average at start 0.52, 0.61, 0.70" in table
    assert "| home `/` (vi) | 412.3 | 17.2 | 25.9 | 41.0 | 9 | 1/10 | — |" in table
    assert "| product page | 30.2 | 200.0 | 300.0 | 346.0 | 20 | 1/118 | 0.52× |" in table
    assert "| listing p1 | 251.0 | 28.0 | 40.0 | 61.5 | 12 | 1/16 | 62× |" in table
    assert "| pickup checkout, cash (whole flow) | 2.5 | 380.0 | 410.0 | 455.0 | 311 | — | — |" in (
        table
    )
    assert "Hello-world ceiling: 3,900–4,100 req/s" in table
    assert "| home `/` (vi) | 316.4 | 23 | 102.3 | 111.9 | 52.4 | 0.0 | 7.9 |" in table
    assert "5,000 rows, all applied in one transaction): receipt 3.93 s, correction 2.43 s" in table
    assert "`load_demo_data` on a new PostgreSQL database: 14.2 s (after `migrate`, 31.0 s)" in (
        table
    )
    assert results.table(written) in table
