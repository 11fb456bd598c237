"""The leadership team: members, the one chief, and the division of work (R2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .errors import DomainError
from .rules import RuleSet
from .text import clean_text


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    position: str
    rank: int  # 1 is the most senior
    is_chief: bool = False

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Member":
        rank = d.get("rank")
        if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
            raise DomainError("BAD_VALUE", field="排序", field_en="rank", value=rank)
        return cls(id=int(d["id"]), name=clean_text(d.get("name"), "姓名", "the name", 50),
                   position=clean_text(d.get("position", ""), "职务", "the position", 100,
                                       required=False),
                   rank=rank, is_chief=bool(d.get("is_chief", False)))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "position": self.position,
                "rank": self.rank, "is_chief": self.is_chief}


def check_team(members: Iterable[Member]) -> Member:
    """A team is valid with exactly one chief; returns the chief."""
    members = list(members)
    if not members:
        raise DomainError("NO_TEAM")
    chiefs = [m for m in members if m.is_chief]
    if len(chiefs) != 1:
        raise DomainError("CHIEF_COUNT", count=len(chiefs))
    return chiefs[0]


def check_new_chief(existing: Iterable[Member], candidate: Member) -> None:
    """Adding or editing a member must not make a second chief."""
    if candidate.is_chief:
        others = [m for m in existing if m.is_chief and m.id != candidate.id]
        if others:
            raise DomainError("CHIEF_COUNT", count=len(others) + 1)


def check_portfolio(member: Member, area: str, rules: RuleSet) -> str:
    """R2: the chief may not hold the forbidden portfolios. Returns the cleaned area name."""
    area = clean_text(area, "分管领域", "the portfolio area", 50)
    if member.is_chief and area in rules.forbidden_portfolios:
        raise DomainError("PORTFOLIO_FORBIDDEN", name=member.name, area=area)
    return area


def speaking_order(members: Iterable[Member], rules: RuleSet) -> list[Member]:
    """R5 default order: from the most junior up (or the reverse, by rule set)."""
    ordered = sorted(members, key=lambda m: (m.rank, m.id))
    return ordered[::-1] if rules.speaking_order == "junior_first" else ordered
