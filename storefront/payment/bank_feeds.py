"""Reading the bank's transaction feed: one small adapter per source.

Every source ends as a list of `IncomingTransfer`s for
`bank_transfers.record_transfer`; nothing here writes.

Webhook (POST /payments/bank/webhook/<source>/): the raw body is
authenticated first — header `X-Signature: sha256=<hex>` (or the bare hex)
must equal HMAC-SHA256(BANK_WEBHOOK_SECRET, raw body), compared in constant
time — and only then parsed. Adapters, by the JSON their service sends:

- `generic`: {"transactions": [{"id", "amount", "time", "account",
  "description"}]} or one such object (field names in docs/operations.md);
- `sepay`: SePay's shape ({"id", "transferType": "in"|"out",
  "transferAmount", "transactionDate", "accountNumber", "content"}).

Statement upload (dashboard): CSV or XLSX whose header row names the columns
in Vietnamese or English (`STATEMENT_COLUMNS`); a debit column makes the row
outgoing.

Any field missing or of the wrong kind rejects the whole delivery or file
(FeedError, with the row), so nothing is stored from half-read data.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from storefront.payment.bank_transfers import IncomingTransfer
from storefront.text import fold

# Longest webhook body read (a batch of a few hundred transactions).
MAX_WEBHOOK_BYTES = 256 * 1024
MAX_STATEMENT_BYTES = 5 * 1024 * 1024


class Unauthenticated(Exception):
    """The delivery is not signed with our secret (→ 401, nothing stored)."""


class FeedError(ValueError):
    """The delivery or statement cannot be read (→ 400 / a form error, nothing stored)."""


# --- webhook ---------------------------------------------------------------------


def verify_signature(*, body: bytes, signature: str | None) -> None:
    secret = settings.BANK_WEBHOOK_SECRET
    if not secret:
        raise Unauthenticated("BANK_WEBHOOK_SECRET is not set")
    given = (signature or "").strip()
    if given.lower().startswith("sha256="):
        given = given[len("sha256=") :]
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not given or not hmac.compare_digest(given.lower().encode(), expected.encode()):
        raise Unauthenticated("bad or missing signature")


def parse_webhook(*, source: str, body: bytes) -> list[IncomingTransfer]:
    adapter = WEBHOOK_ADAPTERS.get(source)
    if adapter is None:
        raise FeedError(f"unknown source {source!r}")
    if len(body) > MAX_WEBHOOK_BYTES:
        raise FeedError("body too large")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FeedError(f"not JSON: {error}") from error
    return adapter(data)


def _items(data, key: str) -> list:
    if isinstance(data, dict) and key in data:
        data = data[key]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data:
        raise FeedError("no transactions")
    if not all(isinstance(item, dict) for item in data):
        raise FeedError("each transaction must be an object")
    return data


def _text(item: dict, *names: str, required: bool = True) -> str:
    for name in names:
        value = item.get(name)
        if value not in (None, ""):
            if not isinstance(value, str | int):
                raise FeedError(f"{name} must be text")
            return str(value).strip()
    if required:
        raise FeedError(f"missing {names[0]}")
    return ""


def _amount(value) -> int:
    """Whole đồng from a JSON number or text ("1.234.000", "1,234,000", "1234000")."""
    if isinstance(value, bool) or value is None:
        raise FeedError("amount missing")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise FeedError(f"amount {value} is not whole đồng")
        return int(value)
    text = str(value).strip().replace(" ", "").replace("₫", "").replace("VND", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise FeedError(f"amount {value!r} is not a number") from error
    if number != number.to_integral_value():
        raise FeedError(f"amount {value!r} is not whole đồng")
    return sign * int(number)


_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)


def _time(value) -> datetime | None:
    """ISO 8601 or the banks' "dd/mm/yyyy hh:mm[:ss]"; naive times are local (TIME_ZONE)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            for fmt in _FORMATS:
                try:
                    moment = datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            else:
                raise FeedError(f"time {value!r} not understood") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _generic(data) -> list[IncomingTransfer]:
    transfers = []
    for item in _items(data, "transactions"):
        transfers.append(
            IncomingTransfer(
                transaction_id=_text(item, "id", "transaction_id"),
                amount=_amount(item.get("amount")),
                memo=_text(item, "description", "memo", "content", required=False),
                occurred_at=_time(item.get("time") or item.get("when")),
                account_number=_text(item, "account", "account_number", required=False),
            )
        )
    return transfers


def _sepay(data) -> list[IncomingTransfer]:
    transfers = []
    for item in _items(data, "transactions"):
        direction = _text(item, "transferType")
        if direction not in ("in", "out"):
            raise FeedError("transferType must be in or out")
        amount = _amount(item.get("transferAmount"))
        transfers.append(
            IncomingTransfer(
                transaction_id=_text(item, "id"),
                amount=amount if direction == "in" else -abs(amount),
                memo=_text(item, "content", "description", required=False),
                occurred_at=_time(item.get("transactionDate")),
                account_number=_text(item, "accountNumber", required=False),
            )
        )
    return transfers


WEBHOOK_ADAPTERS = {"generic": _generic, "sepay": _sepay}


# --- statements ------------------------------------------------------------------

# Header names (folded: lower case, no diacritics) → our field.
STATEMENT_COLUMNS = {
    "transaction_id": (
        "so tham chieu",
        "ma giao dich",
        "so giao dich",
        "so gd",
        "ma gd",
        "reference",
        "reference number",
        "transaction id",
        "transaction no",
    ),
    "time": ("ngay giao dich", "thoi gian", "ngay", "date", "transaction date", "time"),
    "credit": ("so tien ghi co", "ghi co", "so tien", "credit", "amount"),
    "debit": ("so tien ghi no", "ghi no", "debit"),
    "memo": ("noi dung", "noi dung giao dich", "mo ta", "dien giai", "description", "details"),
}
REQUIRED_COLUMNS = ("transaction_id", "credit", "memo")


def parse_statement(*, name: str, content: bytes) -> list[IncomingTransfer]:
    """The incoming rows of a CSV or XLSX statement export; FeedError names the bad row."""
    if len(content) > MAX_STATEMENT_BYTES:
        raise FeedError(_("The file is larger than 5 MB."))
    if name.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.lower().endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise FeedError(_("Upload the statement as a .csv or .xlsx file."))
    header_at, columns = _find_header(rows)
    transfers = []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        cells = {key: (row[i] if i < len(row) else None) for key, i in columns.items()}
        if all(value in (None, "") for value in cells.values()):
            continue
        try:
            credit = _cell_amount(cells.get("credit"))
            debit = _cell_amount(cells.get("debit"))
            transaction_id = str(cells["transaction_id"] or "").strip()
            if not transaction_id:
                raise FeedError(_("no transaction id"))
            transfers.append(
                IncomingTransfer(
                    transaction_id=transaction_id,
                    amount=credit if credit else -debit,
                    memo=str(cells.get("memo") or "").strip(),
                    occurred_at=_time(cells.get("time")),
                )
            )
        except FeedError as error:
            raise FeedError(
                _("Row %(row)d: %(error)s") % {"row": number, "error": error}
            ) from error
    if not transfers:
        raise FeedError(_("The statement has no transactions."))
    return transfers


def _cell_amount(value) -> int:
    if value in (None, ""):
        return 0
    return abs(_amount(value))


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedError(_("The CSV file is not UTF-8 text.")) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(content: bytes) -> list[list]:
    # openpyxl comes with Wagtail (its own spreadsheet import/export).
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a bad file
        raise FeedError(_("The file is not a readable XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _find_header(rows: list[list]) -> tuple[int, dict[str, int]]:
    """The first row (of the first 30: banks put the account's details above) naming the columns."""
    for index, row in enumerate(rows[:30]):
        names = [fold(str(cell or "")).strip(" :*") for cell in row]
        columns = {}
        for key, aliases in STATEMENT_COLUMNS.items():
            for position, name in enumerate(names):
                if name in aliases and position not in columns.values():
                    columns[key] = position
                    break
        if all(key in columns for key in REQUIRED_COLUMNS):
            return index, columns
    raise FeedError(
        _(
            "No header row with the columns transaction id, credit amount and description "
            "(e.g. “Số tham chiếu”, “Số tiền ghi có”, “Nội dung”)."
        )
    )
