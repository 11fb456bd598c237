"""Free text typed by the recorder: trimmed, bounded, never silently cut."""

from __future__ import annotations

from typing import Any

from .errors import DomainError

DEFAULT_LIMIT = 20000


def clean_text(value: Any, what: str, what_en: str, limit: int = DEFAULT_LIMIT,
               required: bool = True, empty_code: str = "TEXT_REQUIRED") -> str:
    """Return the trimmed text, or refuse it: empty when required, too long, or not text."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError("BAD_VALUE", field=what, field_en=what_en, value=repr(value)[:40])
    text = value.replace("\r\n", "\n").replace("\x00", "").strip()
    if required and not text:
        raise DomainError(empty_code, what=what, what_en=what_en)
    if len(text) > limit:
        raise DomainError("TEXT_TOO_LONG", what=what, what_en=what_en, length=len(text),
                          limit=limit)
    return text
