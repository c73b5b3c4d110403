"""Real PDFs for upload tests: a check that only reads `%PDF-` would accept fakes."""

from io import BytesIO

from pypdf import PdfWriter


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)  # A4 in points
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
