"""Agenda items and the 三重一大 classification (R1)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import DomainError
from .hearings import ReportLink, check_report_kind
from .roster import Member
from .rules import RuleSet
from .text import clean_text
from .words import CATEGORIES, FUND_TYPES, KINDS, VOTE_MODES, en, zh

FEN = Decimal("0.01")  # amounts are in yuan, to the fen


@dataclass(frozen=True)
class Candidate:
    """A person voted on in an appointment item (逐一表决)."""

    name: str
    current_post: str
    proposed_post: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "current_post": self.current_post,
                "proposed_post": self.proposed_post}


@dataclass(frozen=True)
class Classification:
    major: bool
    reasons_zh: tuple[str, ...]
    reasons_en: tuple[str, ...]
    category: str = "general"  # the category that agrees with the classification

    @property
    def why(self) -> str:
        return "；".join(self.reasons_zh)


@dataclass(frozen=True)
class ItemSpec:
    no: int
    title: str
    kind: str
    category: str = "general"
    amount: Decimal | None = None
    fund_type: str | None = None
    area: str = ""
    presenter_id: int | None = None
    vote_mode: str = "hands"
    candidates: tuple[Candidate, ...] = ()
    materials: tuple[str, ...] = ()
    carried_from: dict[str, Any] | None = field(default=None, compare=False)
    posts: int | None = None  # posts to fill; a ballot agreeing to more is void (R7)
    # R13: when the materials were given to members (ISO time with offset), for the record
    materials_given: str | None = field(default=None, compare=False)
    # R14: a progress report on tasks carrying out an earlier decision (督办情况汇报)
    reports_on: ReportLink | None = field(default=None, compare=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ItemSpec":
        """Validate an agenda item as typed by the recorder or stored in the log."""
        no = d.get("no")
        if isinstance(no, bool) or not isinstance(no, int) or no < 1:
            raise DomainError("BAD_VALUE", field="议题序号", field_en="item number", value=no)
        kind = _pick(d.get("kind", "decision"), KINDS, "议题类型", "item kind")
        category = _pick(d.get("category") or "general", CATEGORIES, "议题类别", "category")
        fund_type = d.get("fund_type") or None
        if fund_type is not None:
            fund_type = _pick(fund_type, FUND_TYPES, "资金类型", "fund type")
        vote_mode = _pick(d.get("vote_mode") or "hands", VOTE_MODES, "表决方式", "vote mode")
        candidates = tuple(
            Candidate(clean_text(c.get("name"), "人选姓名", "the candidate's name", 50),
                      clean_text(c.get("current_post", ""), "现任职务", "current post", 100,
                                 required=False),
                      clean_text(c.get("proposed_post", ""), "拟任职务", "proposed post", 100,
                                 required=False))
            for c in d.get("candidates") or [])
        if category == "appointment" and kind == "decision" and not candidates:
            raise DomainError("CANDIDATES_REQUIRED")
        posts = d.get("posts")
        if posts is not None and (isinstance(posts, bool) or not isinstance(posts, int)
                                  or not 1 <= posts <= max(len(candidates), 1)):
            raise DomainError("BAD_VALUE", field="职数", field_en="posts", value=str(posts)[:20])
        reports_on = None
        if d.get("reports_on") is not None:
            reports_on = ReportLink.from_dict(d["reports_on"])
            check_report_kind(kind, str(d.get("title"))[:200])
        presenter = d.get("presenter_id")
        if presenter is not None and (isinstance(presenter, bool) or not isinstance(presenter, int)):
            raise DomainError("UNKNOWN_MEMBER", member_id=presenter)
        return cls(
            no=no, title=clean_text(d.get("title"), "议题名称", "the item title", 200),
            kind=kind, category=category, amount=parse_amount(d.get("amount")),
            fund_type=fund_type,
            area=clean_text(d.get("area", ""), "所属领域", "the area", 50, required=False),
            presenter_id=presenter, vote_mode=vote_mode, candidates=candidates,
            materials=tuple(clean_text(m, "材料名称", "material name", 200)
                            for m in d.get("materials") or []),
            carried_from=d.get("carried_from"), posts=posts,
            materials_given=_given(d.get("materials_given")), reports_on=reports_on,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "no": self.no, "title": self.title, "kind": self.kind, "category": self.category,
            "amount": None if self.amount is None else str(self.amount),
            "fund_type": self.fund_type, "area": self.area, "presenter_id": self.presenter_id,
            "vote_mode": self.vote_mode, "candidates": [c.to_dict() for c in self.candidates],
            "materials": list(self.materials), "carried_from": self.carried_from,
            **({"posts": self.posts} if self.posts is not None else {}),
            **({"materials_given": self.materials_given} if self.materials_given else {}),
            **({"reports_on": self.reports_on.to_dict()} if self.reports_on else {}),
        }

    @property
    def is_decision(self) -> bool:
        return self.kind == "decision"

    @property
    def post_count(self) -> int:
        return self.posts or max(len(self.candidates), 1)

    def ballots(self) -> list[int | None]:
        """What is voted on separately: each candidate, or the item as a whole (None)."""
        return list(range(1, len(self.candidates) + 1)) if self.candidates else [None]


def _given(value: Any) -> str | None:
    """When materials were given: an ISO time with its UTC offset, kept as written."""
    if value is None or value == "":
        return None
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise DomainError("BAD_VALUE", field="材料送达时间", field_en="materials given",
                          value=str(value)[:40])
    return str(value)


def parse_amount(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        raise DomainError("BAD_AMOUNT", value=str(value)[:40]) from None
    if not amount.is_finite():
        raise DomainError("BAD_AMOUNT", value=str(value)[:40])
    if amount < 0:
        raise DomainError("AMOUNT_NEGATIVE", value=str(amount))
    if amount > Decimal("1e15"):
        raise DomainError("BAD_AMOUNT", value=str(value)[:40])
    if amount != amount.quantize(FEN):  # the index and the thresholds count in fen
        raise DomainError("AMOUNT_DECIMALS", value=str(value)[:40])
    return amount


def classify(item: ItemSpec, rules: RuleSet) -> Classification:
    """R1: is the item a 三重一大 major matter, and why."""
    zh_reasons: list[str] = []
    en_reasons: list[str] = []
    if item.category in rules.major_categories:
        zh_reasons.append(f"属“{zh(CATEGORIES, item.category)}”")
        en_reasons.append(f"category: {en(CATEGORIES, item.category)}")
    if item.fund_type in rules.always_major_fund_types:
        zh_reasons.append(f"涉及{zh(FUND_TYPES, item.fund_type)}，不论金额")
        en_reasons.append(f"involves {en(FUND_TYPES, item.fund_type)}, whatever the amount")
    thresholds = {"regular": rules.regular_spending_threshold,
                  "project": rules.project_funds_threshold}
    # An amount without a fund type counts as regular spending: never minor for lack of a label.
    fund_type = item.fund_type or "regular"
    limit = thresholds.get(fund_type)
    if limit is not None and item.amount is not None and item.amount >= limit:
        unlabelled_zh = "" if item.fund_type else "（未注明资金类型，按经常性经费标准）"
        unlabelled_en = "" if item.fund_type else " (no fund type: counted as regular spending)"
        zh_reasons.append(f"{zh(FUND_TYPES, fund_type)} {yuan(item.amount)} 元，"
                          f"达到 {yuan(limit)} 元标准{unlabelled_zh}")
        en_reasons.append(f"{en(FUND_TYPES, fund_type)} of {yuan(item.amount)} yuan, "
                          f"at or above {yuan(limit)}{unlabelled_en}")
    category = item.category
    if zh_reasons and category == "general":
        # R1: a major matter by its money is a 大额资金使用 item, never a 一般事项.
        category = "funds"
    return Classification(bool(zh_reasons), tuple(zh_reasons), tuple(en_reasons), category)


def settled(item: ItemSpec, rules: RuleSet) -> ItemSpec:
    """The item with the category its 三重一大 classification settles (R1)."""
    return replace(item, category=classify(item, rules).category)


def yuan(amount: Decimal) -> str:
    """12345.5 -> '12,345.50'; whole amounts without decimals."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def check_item(item: ItemSpec, members: dict[int, Member], rules: RuleSet,
               decision_mode: str) -> Classification:
    """An item may stand on a meeting's agenda: R1 (major matters go to a team vote), R2."""
    verdict = classify(item, rules)
    if item.presenter_id is not None:
        presenter = members.get(item.presenter_id)
        if presenter is None:
            raise DomainError("UNKNOWN_MEMBER", member_id=item.presenter_id)
        if presenter.is_chief and item.area in rules.forbidden_portfolios:
            raise DomainError("PORTFOLIO_FORBIDDEN", name=presenter.name, area=item.area)
    if verdict.major:
        if not item.is_decision:
            raise DomainError("MAJOR_NEEDS_TEAM_VOTE", title=item.title, why=verdict.why,
                              how=f"作为{zh(KINDS, item.kind)}事项处理",
                              how_en=f"treating it as a {en(KINDS, item.kind)}")
        if decision_mode == "head":
            raise DomainError("MAJOR_NEEDS_TEAM_VOTE", title=item.title, why=verdict.why,
                              how="由行政首长个人决定", how_en="the head alone")
    return verdict


def _pick(value: Any, vocabulary: dict[str, tuple[str, str]], what: str, what_en: str) -> str:
    if value not in vocabulary:
        raise DomainError("BAD_VALUE", field=what, field_en=what_en, value=str(value)[:40])
    return value
