"""The settlement statement as a PDF: who may download it, what it says, and how it is made."""

import io
import logging
import re
import socket
import unicodedata

import pypdf
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from storefront.consignment import pdf, services
from storefront.consignment.views import statement_context
from tests.consignment.test_pages import sold_last_month, statement  # noqa: F401  (fixtures)
from tests.deploy.conftest import collected_static  # noqa: F401  (a fixture)
from tests.partner.conftest import url


def pdf_url(statement, prefix=""):  # noqa: F811
    return prefix + reverse("settle:print", kwargs={"pk": statement.pk}) + "?format=pdf"


def flat(text: str) -> str:
    """Text as one line of single spaces, NFC, no-break spaces as spaces."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\xa0", " ").split())


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return flat(" ".join(page.extract_text() for page in reader.pages))


def pdf_fonts(content: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return {
        font.get_object()["/BaseFont"].split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_pdf_downloads_for_the_manager_the_producer_and_staff(
    client,
    statement,  # noqa: F811
    manager_a,
    gom_member,
    staff,
):
    services.send_statement(statement=statement, user=manager_a)
    for user in (manager_a, gom_member, staff):
        client.force_login(user)
        response = client.get(pdf_url(statement))
        assert response.status_code == 200, user
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="statement-{statement.reference}.pdf"'
        )
        assert response.content.startswith(b"%PDF-")


def test_pdf_is_refused_to_other_producers_other_stores_and_anonymous(
    client,
    statement,  # noqa: F811
    manager_a,
    manager_b,
    gom_member,
    dong_member,
):
    anonymous = client.get(pdf_url(statement))
    assert anonymous.status_code == 302 and "/login/" in anonymous.url
    for user in (manager_b, dong_member):
        client.force_login(user)
        assert client.get(pdf_url(statement)).status_code == 404
    # A draft is still the store's: not even its own producer gets the PDF yet.
    client.force_login(gom_member)
    assert client.get(pdf_url(statement)).status_code == 404
    services.send_statement(statement=statement, user=manager_a)
    for user in (manager_b, dong_member):
        client.force_login(user)
        assert client.get(pdf_url(statement)).status_code == 404


def test_pdf_text_has_both_parties_and_the_total_of_the_page(
    client,
    statement,  # noqa: F811
    manager_a,
    gom,
    store_a,
):
    client.force_login(manager_a)
    page = client.get(reverse("settle:print", kwargs={"pk": statement.pk})).content.decode()
    [total_cell] = re.findall(r'data-testid="statement-total"[^>]*>(.*?)</td>', page)
    page_total = flat(re.sub(r"<[^>]+>", "", total_cell))
    assert page_total == "270.000 ₫"  # 3 × 90.000 ₫, in đồng as the page shows it
    # Asked for from the English pages too: the PDF is the Vietnamese document.
    for prefix in ("", "/en"):
        text = pdf_text(client.get(pdf_url(statement, prefix)).content)
        assert "BẢNG KÊ THANH TOÁN HÀNG KÝ GỬI" in text
        assert f"Số {statement.reference}" in text
        assert gom.name == "HTX Gốm Phù Lãng" and gom.name in text
        assert f"Mã số thuế: {gom.tax_code}" in text and "Nguyễn Văn A" in text
        assert store_a.display_name in text and "88 Minh Khai" in text
        assert f"Mã cửa hàng: {store_a.code}" in text
        assert f"Tổng số tiền phải trả chủ thể {page_total}" in text
        assert "Bình gốm Phù Lãng" in text and "(ký, ghi rõ họ tên)" in text
        # The page's links for the browser are not printed.
        assert "CSV" not in text


def test_pdf_draws_every_letter_with_the_projects_own_fonts(
    client,
    statement,  # noqa: F811
    manager_a,
):
    client.force_login(manager_a)
    fonts = pdf_fonts(client.get(pdf_url(statement)).content)
    # Latin and Vietnamese subsets of Be Vietnam Pro (regular, bold, and the
    # slanted signature line); no letter fell through to a system font.
    assert {"Statement-Latin", "Statement-Vietnamese", "Statement-Latin-Bold"} <= fonts
    assert all(name.startswith("Statement-") for name in fonts), fonts


def test_pdf_is_made_without_the_network_and_without_warnings(
    client,
    statement,  # noqa: F811
    manager_a,
    monkeypatch,
    caplog,
):
    def no_network(*args, **kwargs):
        raise AssertionError("the PDF tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    client.force_login(manager_a)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get(pdf_url(statement))
    assert response.status_code == 200
    # A stylesheet or font that could not be read, or CSS WeasyPrint drops, is logged here.
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_fetcher_reads_local_static_files_only(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    fetcher = pdf.LocalFilesFetcher()
    css = fetcher.fetch(pdf.BASE_URL + "static/css/statement_print.css?v=1")
    assert css.content_type == "text/css" and b"@page" in css.read()
    assert fetcher.fetch(pdf.BASE_URL + "media/logo.png").read() == b"\x89PNG"
    for refused in (
        "https://fonts.googleapis.com/css2?family=Be+Vietnam+Pro",
        "http://127.0.0.1:8000/static/css/statement_print.css",
        "file:///etc/passwd",
        pdf.BASE_URL + "static/../../storefront/settings/base.py",
        pdf.BASE_URL + "media/../../etc/passwd",
        pdf.BASE_URL + "shop/statements/1/",
    ):
        with pytest.raises(pdf.NotLocal):
            fetcher.fetch(refused)


def test_pdf_tables_fit_the_page_width(statement):  # noqa: F811
    with translation.override("vi"):
        html = render_to_string(
            "consignment/statement_print.html", {**statement_context(statement), "pdf": True}
        )
    document = pdf.layout(html)
    assert len(document.pages) == 1
    for page in document.pages:
        box = page._page_box
        right_edge = page.width - box.margin_right
        widest = max(
            b.position_x + b.margin_width()
            for root in box.children
            if type(root).__name__ != "MarginBox"
            for b in root.descendants()
            if hasattr(b, "margin_width") and b.width is not None
        )
        assert widest <= right_edge + 0.5, (widest, right_edge)


def test_statement_pages_link_to_the_pdf(
    client,
    statement,  # noqa: F811
    manager_a,
    gom,
    gom_member,
    staff,
    store_a,
):
    services.send_statement(statement=statement, user=manager_a)
    store_page = url("statement", store_a, pk=statement.pk)
    link = f'href="{pdf_url(statement)}"'
    for user in (manager_a, staff):  # staff reach it from the dashboard's list of statements
        client.force_login(user)
        assert link in client.get(store_page).content.decode()
    client.force_login(gom_member)
    portal_page = reverse("settle:portal-statement", kwargs={"slug": gom.slug, "pk": statement.pk})
    assert link in client.get(portal_page).content.decode()
    printable = client.get(reverse("settle:print", kwargs={"pk": statement.pk}))
    assert 'href="?format=pdf"' in printable.content.decode()


def test_pdf_reads_the_collected_hashed_static_files_as_in_production(
    client,
    statement,  # noqa: F811
    manager_a,
    settings,
    collected_static,  # noqa: F811
    caplog,
):
    """With the manifest storage the page links hashed names, found only in STATIC_ROOT."""
    settings.STATIC_ROOT = str(collected_static.root)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    hashed = collected_static.manifest["paths"]["css/statement_pdf.css"]
    assert hashed != "css/statement_pdf.css"
    client.force_login(manager_a)
    page = client.get(reverse("settle:print", kwargs={"pk": statement.pk})).content.decode()
    assert "/static/" + collected_static.manifest["paths"]["css/statement_print.css"] in page
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get(pdf_url(statement))
    assert response.status_code == 200
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
    assert {"Statement-Latin", "Statement-Vietnamese"} <= pdf_fonts(response.content)
    assert pdf.local_file(pdf.BASE_URL + "static/" + hashed) == collected_static.root / hashed
