"""The per-unit rule set: every number and list of DOMAIN.md is a setting here.

The defaults live in resources/rules/default.json; a unit edits its own copy, and each edit is a
new version, so a record can always print which rules were in force.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .errors import DomainError
from .words import CATEGORIES, FUND_TYPES

SPEAKING_ORDERS = ("junior_first", "senior_first")

# Settings added after the first rule sets were saved, with the value a saved rule set that
# lacks them takes (what the regulations expect).
LATER_SETTINGS: dict[str, Any] = {
    "secret_ballot_direct_tally": False,
    "preparatory_checks": {"project": ["可行性论证", "合法性审查", "风险评估", "征求意见"],
                           "funds": ["可行性论证", "合法性审查", "风险评估", "征求意见"],
                           "appointment": ["考察材料", "纪委廉政意见"]},
    "notice_categories": ["appointment"],
    "materials_days_ahead": 1,
}


@dataclass(frozen=True)
class RuleSet:
    name: str
    version: int
    regular_spending_threshold: Decimal  # R1: regular spending at or above this is major
    project_funds_threshold: Decimal  # R1: project funds at or above this are major
    always_major_fund_types: tuple[str, ...]  # R1: lending, guarantee, financing
    major_categories: tuple[str, ...]  # R1: the four 三重一大 categories
    forbidden_portfolios: tuple[str, ...]  # R2: 五不直接分管
    quorum_fraction: Fraction  # R3: present must exceed this share of expected
    personnel_quorum_fraction: Fraction  # R3: present must reach this share at a personnel vote
    personnel_categories: tuple[str, ...]
    recused_excluded_from_base: bool  # R4
    pass_fraction: Fraction  # R8: votes in favour must exceed this share of the base
    written_opinions_in_division: bool  # R8/R9
    division_fraction: Fraction  # R9: against + defer reaching this share is a sharp division
    division_margin: int  # R9: a margin this small is a sharp division
    speaking_order: str  # R5: default order of the other members
    all_attendees_sign: bool
    max_text_length: int
    secret_ballot_direct_tally: bool = False  # R7: a tally typed in, not ballots one by one
    # R13: checks a submission of a category needs before approval, as (category, checks) pairs
    preparatory_checks: tuple[tuple[str, tuple[str, ...]], ...] = ()
    notice_categories: tuple[str, ...] = ()  # R13: items given to members ahead (不准临时动议)
    materials_days_ahead: int = 1

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RuleSet":
        """Validate a stored or edited rule set; refuses with RULES_INVALID naming the field."""
        data = {**LATER_SETTINGS, **data}
        missing = [f.name for f in fields(cls) if f.name not in data]
        if missing:
            raise DomainError("RULES_INVALID", field=missing[0], detail="缺少 / missing")
        try:
            rs = cls(
                name=_text(data, "name"),
                version=_int(data, "version", 1),
                regular_spending_threshold=_money(data, "regular_spending_threshold"),
                project_funds_threshold=_money(data, "project_funds_threshold"),
                always_major_fund_types=_subset(data, "always_major_fund_types", FUND_TYPES),
                major_categories=_subset(data, "major_categories", CATEGORIES),
                forbidden_portfolios=tuple(str(a).strip() for a in data["forbidden_portfolios"]
                                           if str(a).strip()),
                quorum_fraction=_fraction(data, "quorum_fraction"),
                personnel_quorum_fraction=_fraction(data, "personnel_quorum_fraction"),
                personnel_categories=_subset(data, "personnel_categories", CATEGORIES),
                recused_excluded_from_base=_bool(data, "recused_excluded_from_base"),
                pass_fraction=_fraction(data, "pass_fraction"),
                written_opinions_in_division=_bool(data, "written_opinions_in_division"),
                division_fraction=_fraction(data, "division_fraction"),
                division_margin=_int(data, "division_margin", 0),
                speaking_order=_choice(data, "speaking_order", SPEAKING_ORDERS),
                all_attendees_sign=_bool(data, "all_attendees_sign"),
                max_text_length=_int(data, "max_text_length", 100),
                secret_ballot_direct_tally=_bool(data, "secret_ballot_direct_tally"),
                preparatory_checks=_checks(data, "preparatory_checks"),
                notice_categories=_subset(data, "notice_categories", CATEGORIES),
                materials_days_ahead=_int(data, "materials_days_ahead", 0),
            )
        except (TypeError, ValueError) as exc:
            raise DomainError("RULES_INVALID", field="?", detail=str(exc)) from exc
        return rs

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, as stored and as printed in a filing package."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if key == "preparatory_checks":
                value = {category: list(checks) for category, checks in value}
            elif isinstance(value, (Decimal, Fraction)):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[key] = value
        return out

    def checks_for(self, category: str) -> tuple[str, ...]:
        """R13: the preparatory checks an item of this category needs."""
        return dict(self.preparatory_checks).get(category, ())

    @property
    def label(self) -> str:
        return f"{self.name}（第 {self.version} 版）"


def _bad(field: str, detail: str) -> DomainError:
    return DomainError("RULES_INVALID", field=field, detail=detail)


def _text(d: dict[str, Any], key: str) -> str:
    value = str(d[key]).strip()
    if not value:
        raise _bad(key, "不能为空 / empty")
    return value


def _int(d: dict[str, Any], key: str, minimum: int) -> int:
    value = d[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _bad(key, f"应为不小于 {minimum} 的整数 / integer >= {minimum}")
    return value


def _bool(d: dict[str, Any], key: str) -> bool:
    if not isinstance(d[key], bool):
        raise _bad(key, "应为是或否 / true or false")
    return d[key]


def _money(d: dict[str, Any], key: str) -> Decimal:
    try:
        value = Decimal(str(d[key]))
    except InvalidOperation:
        raise _bad(key, "应为金额 / an amount") from None
    if not value.is_finite() or value < 0:
        raise _bad(key, "应为非负金额 / a non-negative amount")
    return value


def _fraction(d: dict[str, Any], key: str) -> Fraction:
    try:
        value = Fraction(str(d[key]))
    except (ValueError, ZeroDivisionError):
        raise _bad(key, "应为分数，如 1/2 / a fraction such as 1/2") from None
    if not 0 < value < 1:
        raise _bad(key, "应在 0 与 1 之间 / between 0 and 1")
    return value


def _subset(d: dict[str, Any], key: str, allowed: dict[str, Any]) -> tuple[str, ...]:
    values = d[key]
    if not isinstance(values, list) or any(v not in allowed for v in values):
        raise _bad(key, f"只能取 {', '.join(allowed)} / only {', '.join(allowed)}")
    return tuple(values)


def _choice(d: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    if d[key] not in allowed:
        raise _bad(key, f"只能取 {', '.join(allowed)} / one of {', '.join(allowed)}")
    return d[key]


def _checks(d: dict[str, Any], key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = d[key]
    if not isinstance(value, dict) or any(
            c not in CATEGORIES or not isinstance(v, list) for c, v in value.items()):
        raise _bad(key, "应为 类别 → 前置程序列表 / category -> list of checks")
    return tuple((c, tuple(str(x).strip() for x in v if str(x).strip()))
                 for c, v in value.items())
