"""A log folded into state: the shape shared by a meeting, submissions (R13) and follow-up (R14).

Each is an append-only, hash-chained log (chain.py): `propose` checks an entry against the rules
and returns it normalised, `apply` folds it in, and `replay` does both for every stored entry, so
a log written around the rules cannot be rebuilt. Meeting overrides `propose` and `apply` with
its own phases; the unit logs use the generic ones below.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, TypeVar

from .chain import Event
from .errors import DomainError
from .state import Command, parse_time

L = TypeVar("L", bound="Ledger")


class Ledger:
    """The fold: subclasses define `_check_<type>` and `_apply_<type>` for each of TYPES."""

    TYPES: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.seq = 0
        self.last_at: datetime | None = None

    @classmethod
    def replay(cls: type[L], events: Iterable[Event], *args: Any) -> L:
        ledger = cls(*args)
        for ev in events:
            ledger.handle(ev)
        return ledger

    def handle(self, ev: Event) -> None:
        """Fold in one stored entry, checked against the rules again."""
        if ev.seq != self.seq + 1:
            raise DomainError("BAD_VALUE", field="序号", field_en="sequence", value=ev.seq)
        at = parse_time(ev.at)
        self.apply(self.propose(ev.type, ev.member_id, ev.payload, at), at)

    def propose(self, type_: str, member_id: int | None, payload: Any, at: datetime) -> Command:
        if type_ not in self.TYPES:
            raise DomainError("UNKNOWN_EVENT", type=str(type_)[:40])
        if not isinstance(payload, dict):
            raise DomainError("BAD_VALUE", field="内容", field_en="payload",
                              value=type(payload).__name__)
        if at.tzinfo is None:
            raise DomainError("TIME_NAIVE")
        if self.last_at is not None and at < self.last_at:
            raise DomainError("TIME_ORDER", previous=self.last_at.isoformat(timespec="seconds"))
        member, normalised = getattr(self, f"_check_{type_}")(member_id, payload, at)
        return Command(type_, member, normalised)

    def apply(self, cmd: Command, at: datetime) -> None:
        self.seq += 1
        self.last_at = at
        getattr(self, f"_apply_{cmd.type}")(cmd.member_id, cmd.payload, at)


def entry_no(payload: dict[str, Any], key: str, known: dict[int, Any], code: str) -> int:
    """The number of an earlier entry the payload refers to, or refuse with `code`."""
    no = payload.get(key)
    if isinstance(no, bool) or not isinstance(no, int) or no not in known:
        raise DomainError(code, no=str(no)[:20])
    return no
