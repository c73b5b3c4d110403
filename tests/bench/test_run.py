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
