"""R11: meetings are numbered per unit, meeting type and year; gaps stay visible. And the
serial numbers printed on a secret ballot's papers (R7)."""

from __future__ import annotations

from typing import Iterable


def next_number(existing: Iterable[int]) -> int:
    """The number for a new meeting: one after the highest so far (never fills a gap)."""
    return max(existing, default=0) + 1


def gaps(existing: Iterable[int]) -> list[int]:
    """Numbers missing between 1 and the highest, e.g. a meeting prepared and then dropped."""
    numbers = set(existing)
    return [n for n in range(1, max(numbers, default=0) + 1) if n not in numbers]


def meeting_title(year: int, number: int, type_name: str) -> str:
    return f"{year}年第{number}次{type_name}"


def serials(first: int, issued: int) -> list[str]:
    """The serial numbers printed on the ballots, all of one width: 001 … 008."""
    last = first + issued - 1
    width = max(3, len(str(last)))
    return [f"{n:0{width}d}" for n in range(first, last + 1)]
