"""/media/ serves public uploads from MEDIA_ROOT and nothing else (storefront/media.py)."""

import os

import pytest
from django.utils.http import http_date

# Refusals render the shop's 404 page, which reads the database.
pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def media(settings, tmp_path):
    """MEDIA_ROOT with one picture, PRIVATE_MEDIA_ROOT and a secret beside it, served on."""
    root = tmp_path / "media"
    (root / "images" / "products").mkdir(parents=True)
    (root / "images" / "products" / "nem.png").write_bytes(PNG)
    private = tmp_path / "private-media"
    (private / "evidence").mkdir(parents=True)
    (private / "evidence" / "renewal.pdf").write_bytes(b"%PDF-1.4 private")
    (tmp_path / "secret.txt").write_text("not media")
    settings.MEDIA_ROOT = str(root)
    settings.PRIVATE_MEDIA_ROOT = str(private)
    settings.MEDIA_SERVE = True
    settings.DEBUG = False
    return root


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_public_picture_is_served_with_its_type_nosniff_and_cache_headers(client, media):
    response = client.get("/media/images/products/nem.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response) == PNG
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "attachment" not in response.get("Content-Disposition", "")
    assert response["Last-Modified"]


def test_an_unchanged_picture_answers_not_modified(client, media):
    mtime = (media / "images" / "products" / "nem.png").stat().st_mtime
    response = client.get(
        "/media/images/products/nem.png", HTTP_IF_MODIFIED_SINCE=http_date(mtime + 1)
    )
    assert response.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/media/../secret.txt",
        "/media/images/../../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/images/%2e%2e/%2e%2e/private-media/evidence/renewal.pdf",
        "/media/..%2fsecret.txt",
        "/media/..%5csecret.txt",
    ],
)
def test_a_path_climbing_out_of_media_root_is_not_found(client, media, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"not media" not in response.content and b"%PDF" not in response.content


def test_an_absolute_path_is_not_found(client, media):
    secret = media.parent / "secret.txt"
    assert client.get(f"/media/{secret}").status_code == 404
    assert client.get("/media//etc/passwd").status_code == 404
    assert client.get("/media/%2Fetc%2Fpasswd").status_code == 404


def test_a_symlink_out_of_media_root_is_not_followed(client, media):
    os.symlink(media.parent / "secret.txt", media / "images" / "link.txt")
    os.symlink(media.parent / "private-media", media / "private")
    assert client.get("/media/images/link.txt").status_code == 404
    assert client.get("/media/private/evidence/renewal.pdf").status_code == 404


def test_private_media_inside_media_root_is_still_never_served(client, media, settings):
    # A misconfiguration (PRIVATE_MEDIA_ROOT below MEDIA_ROOT) must not publish evidence.
    inside = media / "private"
    (inside / "evidence").mkdir(parents=True)
    (inside / "evidence" / "renewal.pdf").write_bytes(b"%PDF-1.4 private")
    settings.PRIVATE_MEDIA_ROOT = str(inside)
    assert client.get("/media/private/evidence/renewal.pdf").status_code == 404


def test_directories_and_dot_files_are_not_listed_or_served(client, media):
    (media / ".htpasswd").write_text("x")
    for path in ("/media/", "/media/images/", "/media/images", "/media/.htpasswd"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"nem.png" not in response.content


def test_wagtail_documents_are_only_served_by_their_own_view(client, media):
    (media / "documents").mkdir()
    (media / "documents" / "private-report.pdf").write_bytes(b"%PDF-1.4 report")
    assert client.get("/media/documents/private-report.pdf").status_code == 404


def test_an_uploaded_html_file_is_a_download_not_a_page(client, media):
    (media / "images" / "page.html").write_text("<script>alert(1)</script>")
    (media / "images" / "logo.svg").write_text("<svg onload='alert(1)'/>")
    for name in ("page.html", "logo.svg"):
        response = client.get(f"/media/images/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_writes_are_refused(client, media):
    assert client.post("/media/images/products/nem.png").status_code == 405
    assert client.head("/media/images/products/nem.png").status_code == 200


def test_nothing_is_served_when_media_serving_is_off(client, media, settings):
    settings.MEDIA_SERVE = False
    assert client.get("/media/images/products/nem.png").status_code == 404


def test_a_nul_byte_in_the_path_is_refused(client, media):
    """Refused before any view by storefront.middleware (400); the media view refuses it too."""
    assert client.get("/media/images/products/nem.png%00.txt").status_code == 400
    from storefront.media import resolve_public_file

    assert resolve_public_file("images/products/nem.png\x00.txt") is None
