"""Synthetic product titles for the benchmark, shared by the shop and its stock Oscar peer.

No Django here: bench/peer_tool.py imports it inside stock Oscar's own venv,
so both catalogues get the very same titles. Titles recombine the demo
catalogue's words of one OCOP group, so search, folding and trigrams see
realistic Vietnamese text.
"""

import random
import unicodedata
from functools import cache

from storefront.demo.products import GROUPS, PRODUCTS

# One producer per this many products (400 at 10,000, 2,000 at 50,000).
PRODUCTS_PER_PRODUCER = 25


@cache
def _words(group: int) -> tuple[list[str], list[str]]:
    return (
        sorted({w for p in PRODUCTS if p.group == group for w in p.title_vi.split()}),
        sorted({w for p in PRODUCTS if p.group == group for w in p.title_en.split()}),
    )


def producer_count(products: int) -> int:
    return max(len(GROUPS), -(-products // PRODUCTS_PER_PRODUCER))


def titles(number: int, group: int) -> tuple[str, str]:
    """(Vietnamese, English) title of synthetic product `number` in OCOP `group`."""
    rng = random.Random(number)
    words_vi, words_en = _words(group)
    title_vi = unicodedata.normalize("NFC", " ".join(rng.sample(words_vi, min(4, len(words_vi)))))
    title_en = " ".join(rng.sample(words_en, min(4, len(words_en))))
    return title_vi, title_en
