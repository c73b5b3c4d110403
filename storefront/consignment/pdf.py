"""The settlement statement as a PDF: the printable statement page, rendered by WeasyPrint.

One document, two ways out: the same template the browser prints
(templates/consignment/statement_print.html) is laid out on A4 by WeasyPrint,
which draws text with the system's Pango. The PDF stylesheet
(static/css/statement_pdf.css) brings the project's own Be Vietnam Pro, so
every Vietnamese letter has its glyph whatever fonts the server has.

Rendering never reaches the network. WeasyPrint fetches what the page links
to (stylesheets, fonts, pictures) through `LocalFilesFetcher`, which reads
the project's static files and media kept on this server's disk, and refuses
every other address: a link elsewhere is left out of the PDF (and logged by
WeasyPrint), never fetched.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The page's relative links ("/static/…") are resolved against this address,
# which is never requested: the fetcher maps it to files. ".invalid" is reserved
# (RFC 2606) so that, should anything ever try, no host answers.
BASE_URL = "https://statement.invalid/"


class NotLocal(ValueError):
    """An address the PDF does not fetch (anything but local static files and media)."""


def _static_file(name: str) -> Path | None:
    """A static file by its URL name: collected (hashed names in production) or in the source."""
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except (NotImplementedError, SuspiciousFileOperation):
        pass  # not collected on this disk: the source directories below may have it
    try:
        found = finders.find(name)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


def _media_file(name: str) -> Path | None:
    """A media file on this server's disk; None when media lives in object storage."""
    try:
        path = Path(default_storage.path(name))
    except (NotImplementedError, SuspiciousFileOperation):
        return None  # S3 and the like: reading it would be a network call
    return path if path.is_file() else None


def local_file(url: str) -> Path | None:
    """The file behind a static or media URL of this site, or None."""
    address = urlsplit(url)._replace(query="", fragment="").geturl()
    for prefix, find in (
        (settings.STATIC_URL, _static_file),
        (settings.MEDIA_URL, _media_file),
    ):
        base = urljoin(BASE_URL, prefix)
        if address.startswith(base):
            name = unquote(address[len(base) :])
            return find(name) if name else None
    return None


class LocalFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher that only reads local static files and media (and data: URLs)."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)  # inline data, nothing to fetch
        path = local_file(url)
        if path is None:
            raise NotLocal(f"Not fetched for a PDF (local static files and media only): {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def layout(html: str) -> Document:
    """The page laid out on paper, from an HTML page linking this site's static and media URLs."""
    fonts = FontConfiguration()
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFilesFetcher()).render(
        font_config=fonts
    )


def render_pdf(html: str) -> bytes:
    return layout(html).write_pdf()
