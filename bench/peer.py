"""The peer: stock django-oscar 4.2 (bench/oscar_peer) measured the same way as the shop.

Its own venv (var/oscar-peer-venv, installed with pip from the hash-locked
bench/oscar_peer/requirements.txt, reinstalled when that file changes), its own
PostgreSQL database (ocop_bench_oscar, or OSCAR_BENCH_DATABASE_URL) holding as
many products as the shop's, built with Oscar's own models
(bench/peer_tool.py), its Whoosh index built by haystack's `update_index`, then
gunicorn with 2 sync workers and the same wrk sequence against its own
hello-world view.
"""

import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from bench import load as runner

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "var" / "oscar-peer-venv"
PEER_VAR = ROOT / "var" / "oscar-peer"
REQUIREMENTS = ROOT / "bench" / "oscar_peer" / "requirements.txt"
DEFAULT_DATABASE_URL = "postgres://ocop:ocop@127.0.0.1:5432/ocop_bench_oscar"
LABELS = {
    "listing_p1": "listing p1",
    "listing_deep": "listing, deep page",
    "category": "category p1",
    "product": "product page",
    "search_common": "search, common word",
    "search_no_accent": "search, no-accent query",
    "search_typo": "search, typo",
}


def ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements-sha256"
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == digest:
        return python
    runner.log(f"installing stock Oscar into {VENV.relative_to(ROOT)} (pip, hash-locked)")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)  # noqa: S603
    subprocess.run(  # noqa: S603
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--require-hashes",
            "-r",
            str(REQUIREMENTS),
        ],
        check=True,
    )
    stamp.write_text(digest)
    return python


def peer_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "OCOP_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="oscar_peer.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        OSCAR_PEER_VAR=str(PEER_VAR),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
        PYTHONUNBUFFERED="1",
    )
    return env


def call(python: Path, env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603
        [str(python), *args], cwd=ROOT, env=env, capture_output=capture, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or "")[-3000:] if capture else ""
        raise runner.BenchFailed(f"stock Oscar: {' '.join(args)} failed.\n{detail}")
    return result.stdout if capture else ""


def needs_index(build_output: str, *, index_exists: bool) -> bool:
    """Whoosh must be (re)built unless the build added nothing to an existing index.

    The whole number is matched: "40000 new products" ends in "0 new products".
    """
    return not index_exists or not re.search(r"(?<!\d)0 new products", build_output)


def measure(args, *, products: int, sequence_factory) -> dict:
    """Build, index, serve and load stock Oscar; returns its rows and any failures."""
    python = ensure_venv()
    database_url = os.environ.get("OSCAR_BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    runner.ensure_database(database_url, fresh=args.fresh)
    env = peer_env(database_url)
    django = ["-m", "django"]
    call(python, env, *django, "migrate", "--no-input", "-v", "0")
    output = call(
        python, env, "bench/peer_tool.py", "build", "--products", str(args.products), capture=True
    )
    runner.log(output.strip())
    if needs_index(output, index_exists=(PEER_VAR / "whoosh_index").exists()):
        runner.log("indexing with haystack (Whoosh)")
        call(python, env, *django, "update_index", "--remove", "-v", "0")
    call(python, env, *django, "collectstatic", "--no-input", "-v", "0")
    deep = max(1, min(50, -(-products // 20)))  # Oscar shows 20 per page
    plan = json.loads(
        call(python, env, "bench/peer_tool.py", "plan", "--deep", str(deep), capture=True)
    )
    server = [str(VENV / "bin" / "gunicorn"), "django.core.wsgi:get_wsgi_application()"]
    rows = []
    with runner.gunicorn(
        server, env=env, cwd=ROOT, log_path=runner.VAR / "oscar-gunicorn.log"
    ) as url:
        sequence = sequence_factory(
            url, seconds=args.seconds, warmup=args.warmup, connections=args.connections
        )
        for page in plan["pages"]:
            label = f"stock Oscar: {LABELS[page['kind']]}"
            result, ratio = sequence.page(label, page["paths"])
            row = runner.page_result(label, result, ratio, page["queries"]).as_json()
            row["kind"] = page["kind"]
            rows.append(row)
    return {
        "products": plan["products"],
        "search_backend": "haystack + Whoosh",
        "pages": rows,
        "hello_rps": [round(x, 1) for x in sequence.hello],
        "failures": [f"stock Oscar: {f}" for f in sequence.failures],
    }
