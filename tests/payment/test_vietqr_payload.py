"""The VietQR payload against published sample strings, decoded by an independent TLV reader.

The samples are VietQR strings published with their CRC by open-source
VietQR generators and apps (subiz/vietqr's README, and payment screens of
other projects); each one's CRC is recomputed here, and our encoder must
produce the first sample byte for byte from the same inputs.
"""

import pytest

from storefront.payment import vietqr

PUBLISHED = [
    # subiz/vietqr README: 120.000 ₫ to VietinBank (970415) 0011001932418, "ung ho lu lut".
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C",
    # MB Bank (970422), 100.000 ₫, "Thanh toan don hang ABC".
    "00020101021238570010A000000727012700069704220113VQRQACLNP26800208QRIBFTTA"
    "530370454061000005802VN62270823Thanh toan don hang ABC6304CE4C",
    # BIDV (970418), 375.000 ₫.
    "00020101021238590010A000000727012900069704180115V3CAS62627239240208QRIBFTTA"
    "530370454063750005802VN62250821CSPZKHEL6A2 NTK O000463044729",
    # A static code (01 = "11", no amount) from sunary/vietqr's documentation.
    "00020101021138510010A00000072701210006970407010797968680208QRIBFTTA53037045802VN"
    "62240820gen by sunary/vietqr6304BE74",
]


def decode(payload: str) -> dict:
    """ID–length–value fields into a dict; nested templates (38, 62, 38/01) decoded too."""

    def fields(text: str) -> dict:
        out, i = {}, 0
        while i < len(text):
            tag, length = text[i : i + 2], int(text[i + 2 : i + 4])
            value = text[i + 4 : i + 4 + length]
            assert len(value) == length, f"field {tag} is cut short"
            out[tag] = value
            i += 4 + length
        return out

    top = fields(payload)
    top["38"] = fields(top["38"])
    top["38"]["01"] = fields(top["38"]["01"])
    if "62" in top:
        top["62"] = fields(top["62"])
    return top


def crc_ccitt_false(text: str) -> str:
    """A second CRC-16/CCITT-FALSE, table-driven (not the encoder's bitwise loop)."""
    table = []
    for n in range(256):
        crc = n << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
        table.append(crc)
    crc = 0xFFFF
    for byte in text.encode():
        crc = ((crc << 8) & 0xFFFF) ^ table[(crc >> 8) ^ byte]
    return f"{crc:04X}"


@pytest.mark.parametrize("sample", PUBLISHED)
def test_published_samples_carry_the_crc_both_implementations_compute(sample):
    body, crc = sample[:-4], sample[-4:]
    assert body.endswith("6304")
    assert crc_ccitt_false(body) == crc
    assert f"{vietqr.crc16_ccitt_false(body.encode()):04X}" == crc


def test_crc_check_value_of_the_standard_test_string():
    # CRC-16/CCITT-FALSE's catalogue check value for "123456789".
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1


def test_encoder_reproduces_a_published_sample_byte_for_byte():
    built = vietqr.payload(
        vietqr.Transfer(
            bank_bin="970415", account_number="0011001932418", amount=120000, memo="ung ho lu lut"
        )
    )
    assert built == PUBLISHED[0]


def test_order_payload_decodes_to_every_napas_field():
    built = vietqr.payload(
        vietqr.Transfer(
            bank_bin="970436", account_number="0451000123456", amount=1234000, memo="OCOP100123"
        )
    )
    fields = decode(built)
    assert fields["00"] == "01"
    assert fields["01"] == "12"  # dynamic: one amount, one order
    assert fields["38"]["00"] == "A000000727"
    assert fields["38"]["01"] == {"00": "970436", "01": "0451000123456"}
    assert fields["38"]["02"] == "QRIBFTTA"
    assert fields["53"] == "704"
    assert fields["54"] == "1234000"  # whole đồng, no separators
    assert fields["58"] == "VN"
    assert fields["62"] == {"08": "OCOP100123"}
    assert list(fields) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert fields["63"] == crc_ccitt_false(built[:-4])
    assert built[-8:-4] == "6304"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"bank_bin": "97043"}, "BIN"),
        ({"account_number": "0451-000"}, "account"),
        ({"amount": 0}, "amount"),
        ({"memo": "OCOP100123 đơn"}, "memo"),
        ({"memo": "X" * 26}, "memo"),
    ],
)
def test_fields_a_bank_would_refuse_are_refused(change, message):
    values = {
        "bank_bin": "970436",
        "account_number": "0451000123456",
        "amount": 1000,
        "memo": "OCOP1",
    }
    with pytest.raises(vietqr.PayloadError, match=message):
        vietqr.payload(vietqr.Transfer(**{**values, **change}))


def test_qr_svg_is_an_inline_svg_element():
    svg = vietqr.qr_svg(PUBLISHED[0])
    assert svg.startswith("<svg") and "<path" in svg and "<?xml" not in svg


@pytest.mark.parametrize(
    "memo",
    [
        "OCOP100123",
        "ocop100123",
        "MBVCB.3278907687.OCOP100123.CT tu 0912345678 NGUYEN VAN A",
        "OCOP 1001 23",
        "OCOP-100-123",
        "ÔCÔP100123 chuyển khoản",
        "NGUYEN THI LAN chuyen tien OCOP100123 FT24335",
    ],
)
def test_reference_survives_the_ways_banks_mangle_a_memo(memo):
    candidates = vietqr.reference_candidates(memo)
    assert "OCOP100123" in candidates[0].prefixes()
