"""wrk's output is read from bench/wrk.lua's result line, and a failing page fails the run."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import load, wrk

OUTPUT = """Running 3s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.12ms    5.01ms  80.00ms   90.00%
  1200 requests in 3.00s, 12.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    400.00
Transfer/sec:      4.00MB
BENCH_RESULT {"requests": 1200, "duration_us": 3000000, "bytes": 12582912, "p50_us": 19500, \
"p95_us": 30250, "p99_us": 41000, "max_us": 80000, "errors_connect": 0, "errors_read": 1, \
"errors_write": 0, "errors_status": 3, "errors_timeout": 2}
"""


def test_parses_the_result_line():
    result = wrk.parse(OUTPUT)
    assert result.requests == 1200
    assert result.rps == 400.0
    assert (result.p50_ms, result.p95_ms, result.p99_ms, result.max_ms) == (19.5, 30.25, 41.0, 80.0)
    assert (result.errors_status, result.errors_socket) == (3, 3)
    assert result.failed == "3 answers were not 2xx/3xx"


def test_a_run_without_result_line_or_requests_does_not_count():
    with pytest.raises(wrk.WrkOutputError):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n")
    empty = OUTPUT.replace('"requests": 1200', '"requests": 0').replace(
        '"errors_status": 3', '"errors_status": 0'
    )
    assert wrk.parse(empty).failed == "no request completed"
    clean = OUTPUT.replace('"errors_status": 3', '"errors_status": 0')
    assert wrk.parse(clean).failed == "3 connection errors or timeouts"
    clean = clean.replace('"errors_read": 1', '"errors_read": 0').replace(
        '"errors_timeout": 2', '"errors_timeout": 0'
    )
    assert wrk.parse(clean).failed == ""


class Handler(BaseHTTPRequestHandler):
    """200 for hello and /ok/, 500 for /broken/; remembers the addresses and bodies it saw."""

    seen: list[tuple[str, str, str, bytes]] = []
    cookies: list[str] = []

    def _answer(self, body: bytes = b""):
        Handler.seen.append(
            (self.command, self.path, self.headers.get("X-Forwarded-For", ""), body)
        )
        Handler.cookies.append(self.headers.get("Cookie", ""))
        status = 500 if self.path.startswith("/broken/") else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self._answer(self.rfile.read(int(self.headers.get("Content-Length", 0))))

    def log_message(self, *args):
        """Quiet: wrk's requests would fill the test output."""


@pytest.fixture
def server():
    try:
        wrk.find_wrk()
    except wrk.WrkMissing:
        pytest.skip("wrk is not installed (apt-get install wrk)")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen, Handler.cookies = [], []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_real_wrk_run_alternates_with_hello_world_and_fails_a_broken_page(server):
    sequence = load.Sequence(server, seconds=1, warmup=1, connections=2)
    good, ratio = sequence.page("good", ["/ok/a/", "/ok/b/"])
    assert good.requests > 0 and not good.failed
    assert ratio > 0
    assert sequence.failures == []
    broken, _ = sequence.page("broken", ["/broken/"])
    assert broken.errors_status == broken.requests > 0
    assert sequence.failures == [f"broken: {broken.requests} answers were not 2xx/3xx"]
    assert len(sequence.hello) == 3
    # Every path of the list was loaded, each request with its own visitor address.
    paths = {path for _method, path, _address, _body in Handler.seen}
    assert {"/bench/hello/", "/ok/a/", "/ok/b/", "/broken/"} <= paths
    addresses = [address for _m, path, address, _b in Handler.seen if path == "/ok/a/"]
    assert len(addresses) > 1 and len(set(addresses)) > 0.9 * len(addresses)


def test_post_sends_body_and_cookie(server):
    result = wrk.run(
        server,
        ["/ok/add/"],
        seconds=1,
        connections=1,
        threads=1,
        method="POST",
        body="csrfmiddlewaretoken=abc&quantity=1",
        cookie="csrftoken=abc",
    )
    assert result.requests > 0 and not result.failed
    posts = [seen for seen in Handler.seen if seen[0] == "POST"]
    assert posts and {body for *_rest, body in posts} == {b"csrfmiddlewaretoken=abc&quantity=1"}
    assert set(Handler.cookies) == {"csrftoken=abc"}
