"""A statement as CSV for accounting: one row per amount line and adjustment, then the total.

UTF-8 with a BOM and formula-safe cells, like the stock exports
(storefront.partner.stock_csv.write_rows). Amounts are whole đồng without
separators, so a spreadsheet reads them as numbers.
"""

from storefront.consignment.models import Statement
from storefront.partner.stock_csv import write_rows

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


def statement_csv(statement: Statement, lines, adjustments) -> str:
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
    return write_rows(rows, COLUMNS)
