"""A unit's name, the one thing its records, the county's registry and its certificates know it
by. A name must print as what it is: two names that look the same on paper and on screen (one
with a zero-width space, a word joiner, a variation selector, a full-width letter or a
compatibility ideograph) must not be two units. So a name is trimmed, may hold no control,
format or otherwise invisible character, and two names are the same unit's when they are equal
after NFKC normalisation (``name_key``).
"""

from __future__ import annotations

import unicodedata

from .errors import DomainError
from .text import clean_text

LIMIT = 100
SPACES = {" ", "\u3000"}  # the ordinary space and the ideographic one; other spaces are too
# thin to see between two characters
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"}
# Default_Ignorable_Code_Point characters of other categories (Unicode's DerivedCoreProperties):
# combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian variation
# selectors, variation selectors; and the braille blank, which prints as nothing.
INVISIBLE_RANGES = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
                    (0x2800, 0x2800), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
                    (0xE0000, 0xE0FFF))


def unit_name(value: object) -> str:
    """``value`` as a unit's name: trimmed; refused when empty, too long, or when it holds a
    character that does not print (UNIT_NAME_INVISIBLE names it and its place)."""
    name = clean_text(value, "单位名称", "the unit name", LIMIT)
    hidden = [place for place, char in enumerate(name, 1) if _invisible(char)]
    if hidden:
        shown = "".join(f"[U+{ord(c):04X}]" if _invisible(c) else c for c in name)
        raise DomainError("UNIT_NAME_INVISIBLE", name=shown, place=hidden[0])
    return name


def name_key(name: str) -> str:
    """What two unit names are compared by: NFKC-normalised, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).split())


def same_unit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name the same unit (they print alike)."""
    return name_key(a) == name_key(b)


def _invisible(char: str) -> bool:
    code = ord(char)
    category = unicodedata.category(char)
    return (category in INVISIBLE_CATEGORIES
            or (category == "Zs" and char not in SPACES)
            or any(low <= code <= high for low, high in INVISIBLE_RANGES))
