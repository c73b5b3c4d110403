"""A store's stock as CSV, out and back in.

Export: UTF-8 with a BOM (spreadsheets then read Vietnamese correctly); any
text cell starting with = + - @ tab CR or LF gets a leading apostrophe so a
spreadsheet shows it instead of running it as a formula.

Import: columns `product_code` and `quantity` (new count) or `adjustment`
(+/- units), `reason`, optional `note` and `store`. The file is refused before
parsing when over MAX_BYTES or MAX_ROWS; then every row is checked and
reported (row number as a spreadsheet shows it, header = row 1, column,
reason); only a file without errors is applied, all rows in one transaction
(storefront.partner.services.apply_stock_changes).
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from catalogue.models import Product
from storefront.partner.models import Partner, StockMovement, StockRecord
from storefront.partner.services import MAX_QUANTITY, StockChange

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
EXPORT_COLUMNS = [
    "product_code",
    "product_title",
    "store",
    "quantity",
    "reserved",
    "available",
    "low_stock_threshold",
    "reason",
    "note",
]


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_rows(rows: Iterable[Iterable], header: list[str]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()


def export_stock(store: Partner, records: Iterable[StockRecord]) -> str:
    """The stock list; re-importing it unchanged is a valid stock-take."""
    return write_rows(
        (
            [
                r.product.upc or "",
                r.product.get_title(),
                store.code,
                r.num_in_stock or 0,
                r.num_allocated or 0,
                r.net_stock_level,
                "" if r.low_stock_threshold is None else r.low_stock_threshold,
                StockMovement.Reason.STOCK_TAKE.value,
                "",
            ]
            for r in records
        ),
        EXPORT_COLUMNS,
    )


def export_movements(movements: Iterable[StockMovement]) -> str:
    return write_rows(
        (
            [
                m.created_at.isoformat(timespec="seconds"),
                m.product.upc or "",
                m.product.get_title(),
                m.get_reason_display(),
                m.in_stock_before,
                m.in_stock_after,
                m.in_stock_change,
                m.allocated_before,
                m.allocated_after,
                m.order_number,
                m.user.get_username() if m.user else "",
                m.note,
            ]
            for m in movements
        ),
        [
            "when",
            "product_code",
            "product_title",
            "reason",
            "in_stock_before",
            "in_stock_after",
            "change",
            "reserved_before",
            "reserved_after",
            "order_number",
            "by",
            "note",
        ],
    )


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.row:
            return _("Row %(row)d, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return self.message


@dataclass
class ImportResult:
    changes: list[StockChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    units_in: int = 0
    units_out: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _reason_codes() -> dict[str, str]:
    """Reason codes, and their labels in either language, lower-cased."""
    from django.utils import translation

    codes = {}
    for reason in StockMovement.MANAGER_REASONS:
        codes[reason.value] = reason.value
        for language in ("vi", "en"):
            with translation.override(language):
                codes[str(reason.label).lower()] = reason.value
    return codes


def _max_quantity() -> str:
    return number_format(MAX_QUANTITY, force_grouping=True)


def _whole_number(text: str) -> int | None:
    text = text.strip().replace("\u2212", "-")
    sign = 1
    if text[:1] in "+-":
        sign, text = (-1 if text[0] == "-" else 1), text[1:]
    if not text.isdigit() or not text.isascii():
        return None
    return sign * int(text)


def read_stock_file(store: Partner, upload) -> ImportResult:
    """Validate an uploaded file against the store's current stock; apply nothing."""
    result = ImportResult()
    if upload.size > MAX_BYTES:
        result.errors.append(RowError(0, "", _("The file is larger than 2 MB.")))
        return result
    raw = upload.read()
    if raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1) > MAX_ROWS + 1:
        result.errors.append(
            RowError(0, "", _("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
        )
        return result
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(RowError(0, "", _("The file is not UTF-8 text.")))
        return result

    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    if "product_code" not in header or not ({"quantity", "adjustment"} & set(header)):
        result.errors.append(
            RowError(
                1,
                "product_code",
                _(
                    "The first row must name the columns product_code, "
                    "quantity or adjustment, reason."
                ),
            )
        )
        return result

    reasons = _reason_codes()
    rows = list(reader)
    result.rows = len(rows)
    codes = {(row.get("product_code") or "").strip().lstrip("'") for row in rows}
    products = {p.upc: p for p in Product.objects.filter(upc__in=codes)}
    records = {
        r.product_id: r
        for r in StockRecord.objects.filter(partner=store, product__in=products.values())
    }
    # Quantities as they will be after the rows above, for repeated products.
    running: dict[int, int] = {}

    for number, row in enumerate(rows, start=2):
        code = (row.get("product_code") or "").strip().lstrip("'")
        store_code = (row.get("store") or "").strip()
        if store_code and store_code != store.code:
            result.errors.append(
                RowError(number, "store", _("This row is for another store’s stock."))
            )
            continue
        product = products.get(code)
        if not code or product is None:
            result.errors.append(
                RowError(number, "product_code", _("Unknown product “%(code)s”.") % {"code": code})
            )
            continue
        record = records.get(product.pk)
        if record is None:
            result.errors.append(
                RowError(
                    number,
                    "product_code",
                    _("“%(code)s” is not stocked by this store (another store’s stock).")
                    % {"code": code},
                )
            )
            continue
        quantity_text = (row.get("quantity") or "").strip().lstrip("'")
        adjustment_text = (row.get("adjustment") or "").strip().lstrip("'")
        if bool(quantity_text) == bool(adjustment_text):
            result.errors.append(
                RowError(
                    number, "quantity", _("Give either a quantity or an adjustment, not both.")
                )
            )
            continue
        column = "quantity" if quantity_text else "adjustment"
        value = _whole_number(quantity_text or adjustment_text)
        if value is None:
            result.errors.append(RowError(number, column, _("Not a whole number.")))
            continue
        if abs(value) > MAX_QUANTITY:
            result.errors.append(
                RowError(
                    number,
                    column,
                    _("%(value)s is more than %(max)s units; check the number.")
                    % {"value": quantity_text or adjustment_text, "max": _max_quantity()},
                )
            )
            continue
        reason_text = (row.get("reason") or "").strip().lower()
        reason = reasons.get(reason_text)
        if reason is None:
            result.errors.append(
                RowError(
                    number, "reason", _("Unknown reason “%(reason)s”.") % {"reason": reason_text}
                )
            )
            continue
        current = running.get(record.pk, record.num_in_stock or 0)
        # A quantity is the new count; an adjustment carries its own sign.
        new = value if column == "quantity" else current + value
        allocated = record.num_allocated or 0
        if new < 0:
            result.errors.append(
                RowError(
                    number, column, _("The result would be negative (%(new)d).") % {"new": new}
                )
            )
            continue
        if new > MAX_QUANTITY:
            result.errors.append(
                RowError(
                    number,
                    column,
                    _("The result (%(new)d) is more than %(max)s units.")
                    % {"new": new, "max": _max_quantity()},
                )
            )
            continue
        if new < allocated:
            result.errors.append(
                RowError(
                    number,
                    column,
                    _("The result (%(new)d) is below the %(allocated)d units reserved for orders.")
                    % {"new": new, "allocated": allocated},
                )
            )
            continue
        running[record.pk] = new
        if new > current:
            result.units_in += new - current
        else:
            result.units_out += current - new
        # An adjustment travels as a difference: it is added, under the lock,
        # to the quantity as it is then, so a sale since this read is kept.
        result.changes.append(
            StockChange(
                stockrecord_id=record.pk,
                reason=reason,
                new_quantity=new if column == "quantity" else None,
                delta=value if column == "adjustment" else None,
                note=(row.get("note") or "").strip(),
                row_number=number,
            )
        )
    return result
