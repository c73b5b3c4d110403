"""Password checks for Vietnamese shoppers: common words and the shop's own words.

Django's CommonPasswordValidator knows English leaks; it accepted
"matkhau123" ("password123" in Vietnamese), "bacninh2026" and "ocop12345".
LocalWordsPasswordValidator folds the password (accents, đ, case: "Mật khẩu"
→ "matkhau"), keeps only its letters, and refuses it when those letters are
nothing but words from storefront/data/password_words_vi.txt and the province
names, in any order and repeated ("hanoisaigon", "anh yeu em!!").
"""

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from storefront.text import fold
from storefront.vietnam import PROVINCES

WORDS_FILE = Path(__file__).resolve().parent / "data" / "password_words_vi.txt"
_NOT_LETTERS = re.compile(r"[^a-z]+")


def _letters(value: str) -> str:
    return _NOT_LETTERS.sub("", fold(value))


@cache
def guessable_words() -> frozenset[str]:
    words = {
        line.strip()
        for line in WORDS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for code, vietnamese, english in PROVINCES:
        words.update({_letters(code), _letters(vietnamese), _letters(english)})
    words.add(_letters(settings.OSCAR_SHOP_NAME))
    return frozenset(word for word in words if word)


def guessable_parts(password: str) -> list[str] | None:
    """The listed words the password's letters consist of, or None if it is more than that.

    A password with no letters at all is left to NumericPasswordValidator.
    """
    letters = _letters(password)
    if not letters:
        return None
    words = guessable_words()
    longest = max(map(len, words))
    # best[i]: a way to spell letters[:i] with listed words (word break, left to right).
    best: list[list[str] | None] = [[]] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - longest), end):
            if best[start] is not None and letters[start:end] in words:
                best[end] = [*best[start], letters[start:end]]
                break
    return best[-1]


class LocalWordsPasswordValidator:
    """AUTH_PASSWORD_VALIDATORS entry: refuse passwords made only of guessable words."""

    def validate(self, password, user=None):
        parts = guessable_parts(password)
        if parts:
            raise ValidationError(
                _(
                    "This password is too easy to guess: apart from numbers and symbols "
                    "it is only common words or names (“%(words)s”)."
                ),
                code="password_guessable_words",
                params={"words": " ".join(parts)},
            )

    def get_help_text(self):
        return _(
            "Your password can't be only common words, place names or the shop's name "
            "with numbers added."
        )
