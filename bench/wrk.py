"""Running wrk (Debian's /usr/bin/wrk) with bench/wrk.lua, and reading what it prints."""

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).with_name("wrk.lua")
MARKER = "BENCH_RESULT "


class WrkMissing(SystemExit):
    """wrk is not installed: one line saying how to get it."""


class WrkOutputError(Exception):
    """wrk printed no result line (it failed, or the Lua script did not run)."""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors_status: int  # answers other than 2xx/3xx
    errors_socket: int  # connect, read, write errors and timeouts

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> str:
        """Why this run does not count ("" when it does)."""
        if self.requests == 0:
            return "no request completed"
        if self.errors_status:
            return f"{self.errors_status} answers were not 2xx/3xx"
        if self.errors_socket:
            return f"{self.errors_socket} connection errors or timeouts"
        return ""


def find_wrk() -> str:
    path = shutil.which("wrk") or ("/usr/bin/wrk" if os.access("/usr/bin/wrk", os.X_OK) else "")
    if not path:
        raise WrkMissing(
            "The benchmark needs wrk: install it with `apt-get install wrk` (Debian/Ubuntu)."
        )
    return path


def parse(output: str) -> WrkResult:
    """The figures of wrk.lua's result line in wrk's standard output."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            return WrkResult(
                requests=data["requests"],
                seconds=data["duration_us"] / 1e6,
                p50_ms=data["p50_us"] / 1000,
                p95_ms=data["p95_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                max_ms=data["max_us"] / 1000,
                errors_status=data["errors_status"],
                errors_socket=data["errors_connect"]
                + data["errors_read"]
                + data["errors_write"]
                + data["errors_timeout"],
            )
    raise WrkOutputError(f"no {MARKER.strip()} line in wrk's output:\n{output[-2000:]}")


def run(
    base_url: str,
    paths: list[str],
    *,
    seconds: float,
    connections: int = 8,
    threads: int = 2,
    method: str = "GET",
    body: str = "",
    cookie: str = "",
) -> WrkResult:
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    env = {
        **os.environ,
        "BENCH_PATHS": listing.name,
        "BENCH_METHOD": method,
        "BENCH_BODY": body,
        "BENCH_COOKIE": cookie,
    }
    try:
        result = subprocess.run(  # noqa: S603  (our own arguments)
            [
                find_wrk(),
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "-s",
                str(LUA),
                base_url + paths[0],
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,
        )
    finally:
        os.unlink(listing.name)
    return parse(result.stdout + "\n" + result.stderr)
