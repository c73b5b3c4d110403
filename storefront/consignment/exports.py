"""A statement for accounting as CSV or XLSX: a row per amount line and adjustment, then the total.

CSV: UTF-8 with a BOM and formula-safe cells, like the stock exports
(storefront.partner.stock_csv.write_rows). XLSX: the same rows through
openpyxl (installed with Wagtail, which uses it for its own exports); text
cells are made formula-safe the same way, since openpyxl would store a
string starting with "=" as a formula. Amounts are whole đồng without
separators, so a spreadsheet reads them as numbers.
"""

import io

from storefront.consignment.models import Statement
from storefront.partner.stock_csv import safe_cell, write_rows

COLUMNS = [
    "statement",
    "store",
    "producer",
    "producer_tax_code",
    "period_start",
    "period_end",
    "status",
    "line",
    "product_code",
    "product",
    "terms",
    "units",
    "producer_price",
    "commission_percent",
    "sales_value",
    "amount",
]


def statement_rows(statement: Statement, lines, adjustments) -> list[list]:
    head = [
        statement.reference,
        statement.store.code,
        statement.producer.name,
        statement.producer.tax_code,
        statement.period_start.isoformat(),
        statement.period_end.isoformat(),
        statement.status,
    ]
    rows = [
        head
        + [
            "sale",
            line.product.upc or "",
            line.title,
            line.kind,
            line.units,
            "" if line.producer_price is None else line.producer_price,
            "" if line.commission_percent is None else line.commission_percent,
            line.sales_value,
            line.amount,
        ]
        for line in lines
    ]
    rows += [
        head
        + [
            "adjustment",
            "",
            adjustment.note,
            "",
            "",
            "",
            "",
            "",
            adjustment.amount,
        ]
        for adjustment in adjustments
    ]
    rows.append(head + ["total", "", "", "", "", "", "", "", statement.total])
    return rows


def statement_csv(statement: Statement, lines, adjustments) -> str:
    return write_rows(statement_rows(statement, lines, adjustments), COLUMNS)


def statement_xlsx(statement: Statement, lines, adjustments) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = statement.reference
    sheet.append(COLUMNS)
    for row in statement_rows(statement, lines, adjustments):
        sheet.append([safe_cell(value) if isinstance(value, str) else value for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
