"""Page weight: what a phone downloads on a cold first visit, as production serves it.

Debian's Chromium (Playwright) opens each page at 390 × 844 with an empty
cache against the production settings under gunicorn (pages gzipped, static
files pre-compressed by whitenoise), waits until the network is idle (lazy
pictures below the fold are not loaded until a reader scrolls), and adds up
the bytes each response took on the wire (headers and compressed body).
`make bench` records it per page; the target is under 350 KiB.
"""

import os
import shutil

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
TARGET_KIB = 350


def measure(base_url: str, pages: list[tuple[str, str]], browser=None) -> list[dict]:
    """[{"page", "path", "kib", "requests", "by_type": {type: kib}}] for each (label, path).

    In a Chromium of its own, or in `browser` (a Playwright browser already running).
    """
    if browser is not None:
        return [_weigh(browser, base_url, label, path) for label, path in pages]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            return [_weigh(browser, base_url, label, path) for label, path in pages]
        finally:
            browser.close()


def _weigh(browser, base_url: str, label: str, path: str) -> dict:
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    sizes: list[tuple[str, int]] = []

    def finished(request):
        size = request.sizes()
        sizes.append(
            (request.resource_type, size["responseHeadersSize"] + max(size["responseBodySize"], 0))
        )

    try:
        page = context.new_page()
        page.on("requestfinished", finished)
        response = page.goto(f"{base_url}{path}", wait_until="networkidle")
        page.remove_listener("requestfinished", finished)
    finally:
        context.close()
    if response is None or response.status != 200:
        # An error page weighs nothing worth knowing.
        raise RuntimeError(f"{label}: {path} answered {response.status if response else 'nothing'}")
    by_type: dict[str, float] = {}
    for kind, size in sizes:
        by_type[kind] = by_type.get(kind, 0) + size / 1024
    return {
        "page": label,
        "path": path,
        "kib": round(sum(size for _, size in sizes) / 1024, 1),
        "requests": len(sizes),
        "by_type": {k: round(v, 1) for k, v in sorted(by_type.items())},
    }
