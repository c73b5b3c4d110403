"""Vietnamese administrative and phone facts used by address and producer forms.

Since 1 July 2025 Vietnam has two tiers of local government: 34 provinces and
centrally-run cities, then communes and wards (districts were abolished;
Resolution 202/2025/QH15 merged 63 provinces into 34). Communes change too
often to hard-code, so they are free text; provinces are a fixed list.
"""

import re

import phonenumbers
from django.utils.translation import get_language

from storefront.text import fold

# (code, Vietnamese name, English name). Codes are stable ASCII slugs.
PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("ha-noi", "Thành phố Hà Nội", "Hanoi"),
    ("hue", "Thành phố Huế", "Hue City"),
    ("hai-phong", "Thành phố Hải Phòng", "Hai Phong City"),
    ("da-nang", "Thành phố Đà Nẵng", "Da Nang City"),
    ("ho-chi-minh", "Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
    ("can-tho", "Thành phố Cần Thơ", "Can Tho City"),
    ("an-giang", "An Giang", "An Giang"),
    ("bac-ninh", "Bắc Ninh", "Bac Ninh"),
    ("ca-mau", "Cà Mau", "Ca Mau"),
    ("cao-bang", "Cao Bằng", "Cao Bang"),
    ("dak-lak", "Đắk Lắk", "Dak Lak"),
    ("dien-bien", "Điện Biên", "Dien Bien"),
    ("dong-nai", "Đồng Nai", "Dong Nai"),
    ("dong-thap", "Đồng Tháp", "Dong Thap"),
    ("gia-lai", "Gia Lai", "Gia Lai"),
    ("ha-tinh", "Hà Tĩnh", "Ha Tinh"),
    ("hung-yen", "Hưng Yên", "Hung Yen"),
    ("khanh-hoa", "Khánh Hòa", "Khanh Hoa"),
    ("lai-chau", "Lai Châu", "Lai Chau"),
    ("lam-dong", "Lâm Đồng", "Lam Dong"),
    ("lang-son", "Lạng Sơn", "Lang Son"),
    ("lao-cai", "Lào Cai", "Lao Cai"),
    ("nghe-an", "Nghệ An", "Nghe An"),
    ("ninh-binh", "Ninh Bình", "Ninh Binh"),
    ("phu-tho", "Phú Thọ", "Phu Tho"),
    ("quang-ngai", "Quảng Ngãi", "Quang Ngai"),
    ("quang-ninh", "Quảng Ninh", "Quang Ninh"),
    ("quang-tri", "Quảng Trị", "Quang Tri"),
    ("son-la", "Sơn La", "Son La"),
    ("tay-ninh", "Tây Ninh", "Tay Ninh"),
    ("thai-nguyen", "Thái Nguyên", "Thai Nguyen"),
    ("thanh-hoa", "Thanh Hóa", "Thanh Hoa"),
    ("tuyen-quang", "Tuyên Quang", "Tuyen Quang"),
    ("vinh-long", "Vĩnh Long", "Vinh Long"),
)
PROVINCE_NAMES = {code: vi for code, vi, _en in PROVINCES}
DEFAULT_PROVINCE = "bac-ninh"


def province_choices() -> list[tuple[str, str]]:
    """Provinces for a select box, labelled and sorted in the active language.

    The stored value is the Vietnamese name (what a courier reads on a label),
    so an address written in English still prints correctly.
    """
    english = (get_language() or "vi").startswith("en")
    choices = [(vi, en if english else vi) for _code, vi, en in PROVINCES]
    return sorted(choices, key=lambda choice: fold(choice[1]))


# 0 and nine digits, or +84 and nine digits, after spaces, dots, dashes and
# brackets are removed ("0912 345 678", "+84 (91) 234-5678").
_PHONE_SHAPE = re.compile(r"^(?:0|\+84)(\d{9})$")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


class InvalidPhone(ValueError):
    """The number is not a Vietnamese 0xxxxxxxxx / +84xxxxxxxxx number."""


def normalise_phone(raw: str) -> str:
    """Return a Vietnamese phone number in E.164 ("+84912345678").

    Raises InvalidPhone unless the number has the shape 0xxxxxxxxx or
    +84xxxxxxxxx and is a number Vietnam's numbering plan assigns.
    """
    compact = _PHONE_SEPARATORS.sub("", raw or "")
    match = _PHONE_SHAPE.match(compact)
    if not match:
        raise InvalidPhone(raw)
    number = phonenumbers.parse("+84" + match.group(1))
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
