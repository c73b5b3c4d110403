"""A small HTTP client for the benchmark's journeys (bench/flows.py) against gunicorn."""

import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

from bench.flows import Response


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class HttpClient:
    """urllib with a cookie jar; redirects are returned, not followed.

    Like every wrk request, it sends an X-Forwarded-For address (the server
    trusts one proxy), one per client, so rate limits see one visitor.
    """

    def __init__(self, base_url: str, *, address: str = "10.255.0.1"):
        self.base_url = base_url
        self.address = address
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, path: str, data: dict[str, str] | None = None) -> Response:
        headers = {"X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(
            response.status,
            response.headers.get("Location", ""),
            content.decode("utf-8", "replace"),
        )

    def get(self, path: str) -> Response:
        return self.request(path)

    def post(self, path: str, data: dict[str, str]) -> Response:
        return self.request(path, data)
