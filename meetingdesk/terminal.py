"""Text from outside (a file name on a stick, a unit or title in a package's log) printed on
the clerk's terminal: control characters are shown escaped, never obeyed, so an ESC sequence or
a carriage return cannot erase a line and print a false 受理 in its place."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, CR, LF, BS ...) but the tab (it separates the fields of `county
# search`'s lines, and moves the cursor only forward), DEL, the line and paragraph separators,
# and the bidirectional overrides and isolates that reorder what follows them.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character written as its escape: "\\x1b", "\\r", "\\u202e"."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def say(lang: str, zh: str, en: str) -> None:
    """Print the message in the user's language (Chinese unless ``--lang en``)."""
    print(en if lang == "en" else zh)
