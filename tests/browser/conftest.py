"""Real Chromium (Debian's package) driven by Playwright, against Django's live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # No outside network in tests: keep Chromium from phoning home.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    """A tab the size of a common phone (390 × 844 CSS pixels), in Vietnamese."""
    context = browser.new_context(locale="vi-VN", viewport=PHONE, device_scale_factor=1)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where browser tests save their screenshots: $SCREENSHOTS_DIR when set (to look
    at them, or to refresh docs/screenshots/), else the test's own temporary directory."""
    directory = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    return directory
