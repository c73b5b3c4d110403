"""Vietnamese text helpers: NFC normalisation, accent folding and slugs."""

import re
import unicodedata

from anyascii import anyascii
from django.utils.text import slugify as django_slugify


def nfc(value: str) -> str:
    """Return `value` in NFC, the form every stored Vietnamese string uses."""
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Fold Vietnamese text for accent-insensitive matching.

    "Bánh đa" → "banh da". Input may be in any normalisation form (NFD from a
    Mac keyboard, NFC from Windows); đ/Đ have no decomposition in Unicode, so
    they are mapped by hand to d/D before stripping combining marks.
    """
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


# Vocabulary words: letters only (codes and numbers are never typo-corrected),
# three letters or more: one edit turns a two-letter word into dozens of others.
_WORD = re.compile(r"[^\W\d_]{3,40}")


def vocabulary_words(folded: str) -> set[str]:
    """The distinct words of already-folded text that typos are corrected towards."""
    return set(_WORD.findall(folded))


def slugify(value: str, allow_unicode: bool = False) -> str:
    """Transliterate to ASCII, then slugify: "Tranh Đông Hồ" → "tranh-dong-ho".

    Oscar's default slugifier turns "Đ" into "u0110" and Django's drops it;
    anyascii maps every Vietnamese letter (and other scripts) to Latin.
    `allow_unicode` is part of Oscar's slugifier signature (OSCAR_SLUG_FUNCTION)
    and ignored: URLs stay ASCII so they survive being typed and shared.
    """
    return django_slugify(anyascii(nfc(str(value))))
