"""R11: meetings are numbered per unit, meeting type and year; gaps stay visible. And the
serial numbers printed on a secret ballot's papers (R7)."""

from __future__ import annotations

from typing import Any, Iterable

from .errors import DomainError

# A unit holds a few dozen meetings of a type a year; a number beyond this is a mistake or a
# forgery, and would make the county list a million missing numbers.
MAX_NUMBER = 999


def check_number(number: Any) -> int:
    """A meeting's number in its unit, type and year: a whole number from 1 to MAX_NUMBER."""
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise DomainError("BAD_VALUE", field="会议编号", field_en="meeting number", value=number)
    if number > MAX_NUMBER:
        raise DomainError("NUMBER_TOO_HIGH", number=number, limit=MAX_NUMBER)
    return number


def next_number(existing: Iterable[int]) -> int:
    """The number for a new meeting: one after the highest so far (never fills a gap)."""
    return check_number(max(existing, default=0) + 1)


def gaps(existing: Iterable[int]) -> list[int]:
    """Numbers missing between 1 and the highest, e.g. a meeting prepared and then dropped."""
    numbers = set(existing)
    return [n for n in range(1, max(numbers, default=0) + 1) if n not in numbers]


def number_ranges(numbers: Iterable[int], sep: str = "、") -> str:
    """Numbers as runs: [1, 2, 3, 4, 5, 8] -> "1–5、8", so a long gap reads as one run."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return sep.join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def meeting_title(year: int, number: int, type_name: str) -> str:
    return f"{year}年第{number}次{type_name}"


def serials(first: int, issued: int) -> list[str]:
    """The serial numbers printed on the ballots, all of one width: 001 … 008."""
    last = first + issued - 1
    width = max(3, len(str(last)))
    return [f"{n:0{width}d}" for n in range(first, last + 1)]
