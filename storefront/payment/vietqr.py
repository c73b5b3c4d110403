"""VietQR: the payload a Vietnamese banking app scans to pay an order by transfer.

VietQR is NAPAS's profile of the EMVCo merchant-presented QR code: a string
of ID–length–value fields (two-digit ID, two-digit length, value):

    00 "01"                 payload format indicator
    01 "12"                 point of initiation: dynamic (one amount, one order)
    38 merchant account     00 GUID "A000000727" (NAPAS)
                            01 beneficiary: 00 bank BIN (6 digits), 01 account number
                            02 service code "QRIBFTTA" (transfer to an account)
    53 "704"                currency (VND)
    54 amount               whole đồng, digits only
    58 "VN"                 country
    62 additional data      08 purpose of transaction: the transfer memo
    63 CRC                  CRC-16/CCITT-FALSE over everything before it,
                            including "6304", as four upper-case hex digits

The memo carries the order's transfer reference ("OCOP100123"): letters and
digits only, because banks add prefixes and suffixes, drop spaces, diacritics
and case, insert dashes and cut long memos (`reference_candidates` reads it
back out of whatever arrives).

The QR image is drawn here as SVG with `qrcode` (already used for product
labels), on the server: no third-party image service learns the shop's
orders, and the page works without JavaScript.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from io import BytesIO

import qrcode
import qrcode.image.svg

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
INITIATION_DYNAMIC = "12"
# What every order reference starts with; the order number follows.
REFERENCE_PREFIX = "OCOP"
# A memo cut by the bank must still carry at least this many digits of the
# order number for the order to be recognised by its start alone.
MIN_TRUNCATED_DIGITS = 4


class PayloadError(ValueError):
    """A field that cannot go into a VietQR payload (too long, wrong characters)."""


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise PayloadError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


@dataclass(frozen=True)
class Transfer:
    """What the shopper's banking app fills in from the code."""

    bank_bin: str
    account_number: str
    amount: int
    memo: str


def payload(transfer: Transfer) -> str:
    """The VietQR string for one transfer of `amount` đồng with `memo`.

    Refuses (PayloadError) what a bank would reject or misread: a BIN that is
    not six digits, an account number that is not 1–19 letters/digits, an
    amount that is not a positive whole number, a memo that is not 1–25
    ASCII letters, digits or spaces.
    """
    if not re.fullmatch(r"\d{6}", transfer.bank_bin):
        raise PayloadError("the bank BIN must be six digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", transfer.account_number):
        raise PayloadError("the account number must be 1-19 letters or digits")
    if not isinstance(transfer.amount, int) or transfer.amount <= 0:
        raise PayloadError("the amount must be a positive whole number of đồng")
    if not re.fullmatch(r"[0-9A-Za-z ]{1,25}", transfer.memo):
        raise PayloadError("the memo must be 1-25 letters, digits or spaces")
    beneficiary = _field("00", transfer.bank_bin) + _field("01", transfer.account_number)
    merchant = (
        _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TO_ACCOUNT)
    )
    body = (
        _field("00", "01")
        + _field("01", INITIATION_DYNAMIC)
        + _field("38", merchant)
        + _field("53", CURRENCY_VND)
        + _field("54", str(transfer.amount))
        + _field("58", COUNTRY_VN)
        + _field("62", _field("08", transfer.memo))
        + "6304"
    )
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def qr_svg(data: str) -> str:
    """The QR code of `data` as an inline SVG element (no XML declaration).

    Error correction M, as for product labels: a phone screen with a crack
    or glare still scans.
    """
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    out = BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def qr_png(data: str) -> bytes:
    """The same code as PNG, for emails (most mail programs do not show SVG)."""
    image = qrcode.make(data, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6)
    out = BytesIO()
    image.save(out)
    return out.getvalue()


# --- references ------------------------------------------------------------------


def reference_for(order_number: str) -> str:
    """The transfer reference of an order: "OCOP" + its number, letters and digits only."""
    return REFERENCE_PREFIX + re.sub(r"[^0-9A-Za-z]", "", str(order_number)).upper()


def squash(memo: str) -> str:
    """The memo as banks might have mangled it, folded back: A–Z and 0–9 only.

    Diacritics go (đ → D), case goes, and every space, dash, dot or slash a
    bank inserted goes, so "ocop-1001 23", "ÔCÔP100123" and "OCOP.100123"
    all read "OCOP100123".
    """
    decomposed = unicodedata.normalize("NFKD", memo.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9A-Z]", "", letters.upper())


@dataclass(frozen=True)
class Candidate:
    """Digits that followed "OCOP" in a memo.

    `digits` may run on into whatever the bank appended (an account or phone
    number, once spaces are gone): the order is the longest known reference
    the run starts with. `at_end` says the run reached the memo's end, so the
    bank may have cut the reference itself.
    """

    digits: str
    at_end: bool

    def prefixes(self) -> list[str]:
        """Every reference the run could hold, longest first."""
        return [
            REFERENCE_PREFIX + self.digits[:n]
            for n in range(len(self.digits), MIN_TRUNCATED_DIGITS - 1, -1)
        ]


def reference_candidates(memo: str) -> list[Candidate]:
    """Each "OCOP<digits>" in the squashed memo, in the order they appear."""
    squashed = squash(memo)
    found = []
    for match in re.finditer(REFERENCE_PREFIX + r"(\d+)", squashed):
        if len(match.group(1)) >= MIN_TRUNCATED_DIGITS:
            found.append(Candidate(match.group(1), at_end=match.end() == len(squashed)))
    return found
