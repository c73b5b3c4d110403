"""Public media (MEDIA_ROOT) served by the application server.

Production serves uploads this way when no object storage is configured
(`MEDIA_SERVE`, on by default there unless `MEDIA_S3_BUCKET` is set; see
docs/deployment.md); development does whenever DEBUG is on. A reverse proxy
alias for /media/ takes the load off the workers on a busy site.

The rule: a file is served only if it is a regular file whose real path (after
following symlinks) lies inside MEDIA_ROOT, outside PRIVATE_MEDIA_ROOT, and
not under a subtree with its own permission-checked view (Wagtail documents,
whose collections can be private, are served by /documents/). No directory
listings, no dot-files. Only raster images are shown inline; anything else is
a download, so an uploaded HTML or SVG file never runs in the shop's origin.
"""

import mimetypes
import os
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotModified
from django.urls import URLPattern, path
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})
# Served by their own views, which check permissions: never through /media/.
WITHHELD_SUBTREES = ("documents",)
# Uploaded files keep their name for life (storages add a suffix rather than
# overwrite), so a day in browser and proxy caches costs little and saves most
# repeat requests; not `immutable`, because an editor may delete and re-upload.
CACHE_SECONDS = 24 * 60 * 60
# Media is never a page: nothing in it may run scripts or load anything.
MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def _within(candidate: str, root: str) -> bool:
    return os.path.commonpath([candidate, root]) == root


def resolve_public_file(relative: str) -> Path | None:
    """The file under MEDIA_ROOT that `relative` names, or None if it may not be served."""
    parts = relative.split("/")
    if (
        not relative
        or relative.startswith("/")
        or "\\" in relative
        or "\x00" in relative
        or any(part in ("", ".", "..") or part.startswith(".") for part in parts)
        or parts[0] in WITHHELD_SUBTREES
    ):
        return None
    root = os.path.realpath(settings.MEDIA_ROOT)
    candidate = os.path.realpath(os.path.join(root, *parts))
    if not _within(candidate, root) or not os.path.isfile(candidate):
        return None
    private_root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private_root and _within(candidate, os.path.realpath(private_root)):
        return None
    return Path(candidate)


@require_safe
def serve_public_media(request: HttpRequest, path: str) -> FileResponse | HttpResponseNotModified:
    if not (settings.MEDIA_SERVE or settings.DEBUG):
        raise Http404
    file = resolve_public_file(path)
    if file is None:
        raise Http404
    stat = file.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        response = HttpResponseNotModified()
    else:
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        inline = content_type in INLINE_TYPES
        response = FileResponse(
            file.open("rb"),
            as_attachment=not inline,
            filename=file.name,
            content_type=content_type if inline else "application/octet-stream",
        )
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    return response


def urlpatterns() -> list[URLPattern]:
    """The /media/ route, when media lives on this server (not when MEDIA_URL is a bucket's)."""
    if not settings.MEDIA_URL.startswith("/"):
        return []
    prefix = settings.MEDIA_URL.strip("/")
    return [path(f"{prefix}/<path:path>", serve_public_media, name="public-media")]
