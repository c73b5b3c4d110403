"""The runner's options and its verdict."""

from bench import run


def test_quick_mode_is_a_small_short_run():
    quick = run.arguments(["--quick"])
    assert (quick.products, quick.seconds, quick.checkouts, quick.connections) == (300, 3.0, 5, 8)
    assert quick.import_rows == 200
    full = run.arguments(["--products", "50000"])
    assert (full.products, full.seconds, full.checkouts, full.connections) == (50000, 15.0, 30, 8)
    assert full.import_rows == 5000
    assert run.arguments(["--output", "var/bench50"]).output.is_absolute()


def test_any_failed_run_fails_the_benchmark(capsys):
    assert run.exit_status([]) == 0
    assert run.exit_status(["listing p1: 12 answers were not 2xx/3xx"]) == 1
    assert "listing p1: 12 answers were not 2xx/3xx" in capsys.readouterr().err


def test_stock_oscar_is_reindexed_whenever_its_build_added_products():
    from bench import peer

    assert peer.needs_index("stock Oscar: 40000 new products, 50044 in all", index_exists=True)
    assert peer.needs_index("stock Oscar: 10044 new products, 10044 in all", index_exists=True)
    assert not peer.needs_index("stock Oscar: 0 new products, 10044 in all", index_exists=True)
    assert peer.needs_index("stock Oscar: 0 new products, 10044 in all", index_exists=False)


def test_written_files_are_named_inside_or_outside_the_project(tmp_path):
    """--output outside the project once crashed the runner after it had written the files."""
    assert run._shown(run.ROOT / "bench" / "results.json") == "bench/results.json"
    assert run._shown(tmp_path / "results.json") == str(tmp_path / "results.json")


def test_weight_only_is_a_partial_run_that_fails_on_an_overweight_page():
    assert run.arguments(["--weight-only"]).weight_only
    assert not run.arguments([]).weight_only
    light = {"page": "home `/` (vi)", "kib": 180.2, "requests": 17, "by_type": {}}
    heavy = {"page": "craft village page", "kib": 351.0, "requests": 30, "by_type": {}}

    assert run.overweight([light]) == []
    assert run.overweight([light, heavy]) == [
        "craft village page: 351 KiB on a cold visit (target < 350 KiB)"
    ]


def test_the_weight_table_is_the_same_alone_as_in_the_full_results():
    from bench import results

    rows = [
        {
            "page": "product page",
            "kib": 150.5,
            "requests": 14,
            "by_type": {"font": 60.0, "stylesheet": 12.4, "document": 5.1},
        }
    ]
    table = results.weight_table(rows)
    assert "| product page | 150.5 | 14 | 60.0 | 0.0 | 0.0 | 12.4 | 5.1 |" in table
    assert table.startswith("Page weight, a 390 px phone's cold first visit")
