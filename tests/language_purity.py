"""One language per page: no English interface word on a Vietnamese page, no
Vietnamese interface word on an English (/en/) page.

A page's own words are checked, not its data: product, producer, store and
craft-village names, descriptions and addresses are Vietnamese on every page
(proper names are not translated), and a shopper's name or address is theirs.
`data_strings()` lists what the database holds of those, and `leaks()` drops
them from the text before looking for the other language's interface words.
Those are words that a page's chrome uses and that cannot be part of the other
language (whole words, any case): "Basket" on a Vietnamese page is a string
that was never translated; "Giỏ hàng" on an English page is one that was
translated where it should not have been, or a hard-coded Vietnamese string.

Used by tests/storefront/test_language_purity.py (every page of the journeys,
Django's test client: the HTML text plus the words in alt, title, placeholder,
aria-label and button values; and on English pages every picture's alt text,
which must hold no Vietnamese word but names: `picture_leaks()`) and
tests/browser/test_screenshots.py (what Chromium shows: innerText).
"""

import re
import unicodedata
from html.parser import HTMLParser

ENGLISH_UI_WORDS = [
    "Add to",
    "Account",
    "Apply filters",
    "Available",
    "Back",
    "Basket",
    "Checkout",
    "Collected",
    "Confirmation",
    "Continue",
    "Delivery",
    "Filter",
    "Home",
    "in stock",
    "Movements",
    "Opening hours",
    "Order",
    "Out of stock",
    "Pay at",
    "Payment",
    "Pickup",
    "Place order",
    "Price",
    "Products",
    "Quantity",
    "Search",
    "Sign in",
    "Sign out",
    "Sort by",
    "Stock",
    "Store",
    "Stores",
    "Total",
    "Your",
]

VIETNAMESE_UI_WORDS = [
    "Cửa hàng",
    "Đăng nhập",
    "Đăng xuất",
    "Đặt hàng",
    "Đơn hàng",
    "Giao hàng",
    "Giỏ hàng",
    "Hết hàng",
    "Còn hàng",
    "Nhận hàng",
    "Quay lại",
    "Sản phẩm",
    "Sắp xếp",
    "Số lượng",
    "Tài khoản",
    "Thanh toán",
    "Tiếp tục",
    "Tìm kiếm",
    "Tổng cộng",
    "Trang chủ",
    "Xác nhận",
    "Xem thêm",
]

_HIDDEN = {"script", "style", "template", "svg"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_SPOKEN_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")


class _Text(HTMLParser):
    """Text and spoken attributes; skips scripts, styles and whatever is marked as
    being in another language than the page's (`lang="vi"` on an English page:
    the language switch, an untranslated page's title)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.page_language = ""
        self.stack: list[str] = []
        self.skip_depth: int | None = None  # stack depth where skipping started

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.page_language = (attributes.get("lang") or "")[:2]
            return
        if tag in _VOID:
            if self.skip_depth is None:
                self._attributes(tag, attributes)
            return
        self.stack.append(tag)
        if self.skip_depth is not None:
            return
        lang = (attributes.get("lang") or self.page_language)[:2]
        if tag in _HIDDEN or (self.page_language and lang != self.page_language):
            self.skip_depth = len(self.stack)
            return
        self._attributes(tag, attributes)

    def _attributes(self, tag, attributes):
        self.parts += [attributes[a] for a in _SPOKEN_ATTRIBUTES if attributes.get(a)]
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.parts.append(attributes.get("value") or "")
        self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if self.skip_depth is None:
            self._attributes(tag, dict(attrs))

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:  # close what the HTML left open (<li>, <p>) on the way
            if self.skip_depth is not None and len(self.stack) <= self.skip_depth:
                self.skip_depth = None
            if self.stack.pop() == tag:
                break
        if self.skip_depth is None:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.skip_depth is None:
            self.parts.append(data)


class _PictureDescriptions(_Text):
    """The alt text of every picture, except in parts marked as another language."""

    def __init__(self):
        super().__init__()
        self.descriptions: list[str] = []

    def _attributes(self, tag, attributes):
        if tag == "img" and attributes.get("alt"):
            self.descriptions.append(_flat(attributes["alt"]))


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def visible_text(html: str) -> str:
    """The words a page shows or speaks, tags, scripts and styles stripped."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "\n".join(_flat(line) for line in "".join(parser.parts).split("\n") if line.strip())


def data_strings() -> list[str]:
    """What the database holds that is data, not the interface: names, descriptions,
    addresses (longest first, so a name is removed before a word inside it)."""
    from django.contrib.auth import get_user_model
    from oscar.core.loading import get_model

    from catalogue.models import CraftVillage, Producer, Product
    from storefront.partner.models import Partner

    order_address = get_model("order", "ShippingAddress")
    found = set()
    fields = {
        Product: ["title_vi", "title_en", "description_vi", "description_en"],
        Producer: [
            "name",
            "address",
            "commune",
            "old_district",
            "contact_person",
            "description_vi",
            "description_en",
        ],
        CraftVillage: ["name_vi", "name_en", "crafts_vi", "crafts_en"],
        Partner: ["name", "street", "commune", "pickup_instructions"],
        get_user_model(): ["first_name", "last_name", "email"],
        order_address: ["first_name", "line1", "line4", "state"],
    }
    for model, names in fields.items():
        for row in model.objects.values_list(*names):
            for value in row:
                if value:
                    text = visible_text(value) if "<" in value else _flat(value)
                    found.update(line for line in text.split("\n") if len(line) >= 3)
    return sorted(found, key=len, reverse=True)


def _pattern(words: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_ENGLISH = _pattern(ENGLISH_UI_WORDS)
_VIETNAMESE = _pattern(VIETNAMESE_UI_WORDS)


def without_data(text: str, data: list[str]) -> str:
    text = "\n".join(_flat(line) for line in text.split("\n"))
    for value in data:
        text = text.replace(value, " ")
    return text


# A word holding one of these letters is Vietnamese; written in lower case it is
# not a proper name ("Đông Hồ painting village" is English, "(minh họa)" is not).
_VIETNAMESE_WORD = re.compile(
    r"(?<!\w)[a-zđ]*[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]\w*"
)


def picture_leaks(html: str, data: list[str]) -> list[str]:
    """Pictures an English page describes in Vietnamese: alt texts that, names and other
    data removed, still hold a lower-case Vietnamese word."""
    parser = _PictureDescriptions()
    parser.feed(html)
    parser.close()
    found = []
    for alt in parser.descriptions:
        words = _VIETNAMESE_WORD.findall(without_data(alt, data))
        if words:
            found.append(f"picture described as {alt!r} ({', '.join(words)})")
    return found


def leaks(text: str, language: str, data: list[str]) -> list[str]:
    """The other language's interface words in `text` (with some context), data removed."""
    text = without_data(text, data)
    pattern = _ENGLISH if language == "vi" else _VIETNAMESE
    found = []
    for match in pattern.finditer(text):
        start, end = max(0, match.start() - 30), match.end() + 30
        found.append(f"{match.group(0)!r} in …{text[start:end]!r}…")
    return found
