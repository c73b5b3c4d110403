"""Databases, gunicorn and the wrk sequence: shared by the shop's runner and the Oscar peer."""

import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench import results, wrk

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"


class BenchFailed(SystemExit):
    """A run whose figures cannot be trusted: the runner exits non-zero with the reason."""


def log(message: str) -> None:
    print(message, flush=True)


def ensure_database(url: str, *, fresh: bool) -> None:
    """Create the database of `url` if it is missing (drop it first with `fresh`)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            log(f"dropping database {name}")
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            log(f"creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def flush_redis(url: str) -> None:
    """The bench's own Redis database starts empty: no page cached from other data."""
    import redis

    redis.Redis.from_url(url).flushdb()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(command: list[str], *, env: dict[str, str], cwd: Path, log_path: Path):
    """gunicorn on a free port, 2 sync workers; waits for the first answer; always stopped."""
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603
            [
                *command,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--timeout",
                "120",
                "--graceful-timeout",
                "5",
                # Its default path is one per user: other servers on the machine share it.
                "--no-control-socket",
            ],
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/bench/hello/", timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                pass  # not listening yet
            if process.poll() is not None or time.monotonic() > deadline:
                raise BenchFailed(f"gunicorn did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def drain(base_url: str, connections: int) -> None:
    """Wait until the requests wrk left queued at the server are answered.

    wrk stops at the end of its time, but up to `connections` requests are
    still queued or running in gunicorn; the next run would wait behind them.
    As many hello-world requests at once return only after those (gunicorn
    takes connections in order).
    """

    def hello():
        try:
            with urllib.request.urlopen(f"{base_url}/bench/hello/", timeout=300) as answer:  # noqa: S310
                answer.read()
        except OSError:
            pass  # the next run reports a server that does not answer

    workers = [threading.Thread(target=hello) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


class Sequence:
    """Pages measured between hello-world runs: hello, page, hello, page, hello…"""

    def __init__(self, base_url: str, *, seconds: float, warmup: float, connections: int):
        self.base_url, self.seconds, self.warmup = base_url, seconds, warmup
        self.connections = connections
        self.hello: list[float] = []
        self.failures: list[str] = []
        self._hello()

    def _run(self, paths: list[str], seconds: float, **request) -> wrk.WrkResult:
        result = wrk.run(
            self.base_url, paths, seconds=seconds, connections=self.connections, **request
        )
        drain(self.base_url, self.connections)
        return result

    def _hello(self) -> float:
        result = self._run(["/bench/hello/"], self.seconds)
        if result.failed:
            self.failures.append(f"hello world: {result.failed}")
        self.hello.append(result.rps)
        return result.rps

    def page(self, label: str, paths: list[str], **request) -> tuple[wrk.WrkResult, float]:
        """Warm up, measure, then the next hello-world run; returns (result, ceiling ratio)."""
        self._run(paths, self.warmup, **request)
        result = self._run(paths, self.seconds, **request)
        before = self.hello[-1]
        after = self._hello()
        if result.failed:
            self.failures.append(f"{label}: {result.failed}")
        ceiling = (before + after) / 2
        log(
            f"  {label}: {result.rps:,.1f} req/s, p99 {result.p99_ms:,.0f} ms "
            f"({result.requests} requests; hello {before:,.0f} / {after:,.0f} req/s)"
        )
        return result, (result.rps / ceiling if ceiling else 0.0)


def page_result(label, result: wrk.WrkResult, ratio: float, queries) -> results.PageResult:
    return results.PageResult(
        page=label,
        rps=result.rps,
        p50_ms=result.p50_ms,
        p95_ms=result.p95_ms,
        p99_ms=result.p99_ms,
        queries=queries,
        ceiling_ratio=ratio,
        requests=result.requests,
        failure=result.failed,
    )


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]
