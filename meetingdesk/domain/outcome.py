"""Counting: whether a ballot passes (R8), whether opinions are sharply divided (R9), and
whether a head's decision goes against the majority (R10)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from .rules import RuleSet
from .words import HEAD_DECISIONS_FOR


def _share(f: Fraction) -> tuple[str, str]:
    if f == Fraction(1, 2):
        return "半数", "half"
    return f"{f.numerator}/{f.denominator}", f"{f.numerator}/{f.denominator}"


@dataclass(frozen=True)
class BallotResult:
    agree: int
    disagree: int
    abstain: int
    expected: int  # 应到会
    recused: int
    base: int  # what the votes in favour are measured against
    passed: bool
    text_zh: str
    text_en: str


def ballot_result(agree: int, disagree: int, abstain: int, expected: int, recused: int,
                  rules: RuleSet) -> BallotResult:
    """R8: passes when the votes in favour exceed the pass share of the expected members
    (not of those present); recused members leave the base when the rule set says so."""
    base = expected - recused if rules.recused_excluded_from_base else expected
    passed = agree > base * rules.pass_fraction
    share_zh, share_en = _share(rules.pass_fraction)
    if rules.recused_excluded_from_base and recused:
        base_zh = f"应到会 {expected} 人（除回避 {recused} 人后为 {base} 人）"
        base_en = f"the {base} expected members ({expected} less {recused} recused)"
    else:
        base_zh = f"应到会 {expected} 人"
        base_en = f"the {expected} expected members"
    verdict_zh = "超过" if passed else "未超过"
    text_zh = (f"同意 {agree} 票，不同意 {disagree} 票，弃权 {abstain} 票；"
               f"同意票{verdict_zh}{base_zh}的{share_zh}，{'通过' if passed else '未通过'}")
    text_en = (f"{agree} in favour, {disagree} against, {abstain} abstaining; "
               f"{'more' if passed else 'not more'} than {share_en} of {base_en}: "
               f"{'passed' if passed else 'not passed'}")
    return BallotResult(agree, disagree, abstain, expected, recused, base, passed, text_zh,
                        text_en)


@dataclass(frozen=True)
class Division:
    sharp: bool
    agree: int
    against: int  # disagree + defer
    total: int
    detail_zh: str
    detail_en: str


def division(stances: Iterable[str], rules: RuleSet) -> Division:
    """R9: sharply divided when the stances against (disagree + defer) reach the division share
    of all stances, or when the margin between for and against is at most the division margin."""
    stances = list(stances)
    agree = stances.count("agree")
    against = stances.count("disagree") + stances.count("defer")
    total = len(stances)
    sharp = against > 0 and (against >= total * rules.division_fraction
                             or agree - against <= rules.division_margin)
    return Division(sharp, agree, against, total,
                    f"同意 {agree} 人，不同意或缓议 {against} 人，共 {total} 人表态",
                    f"{agree} agree, {against} disagree or defer, of {total}")


def against_majority(stances_of_others: Iterable[str], decision: str) -> bool:
    """R10: does the head's decision go against the majority of the others' opinions?"""
    stances = list(stances_of_others)
    agree = stances.count("agree")
    against = stances.count("disagree") + stances.count("defer")
    if agree == against:
        return False
    majority_for = agree > against
    return majority_for != (decision in HEAD_DECISIONS_FOR)
