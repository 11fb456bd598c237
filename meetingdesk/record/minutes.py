"""The minutes: everything the filed record shows, as plain display-ready data.

These frozen dataclasses are what the PDF renderer reads. They hold text exactly as it is to be
printed (Chinese labels already chosen, times as "09:05", dates as "2026年3月12日", amounts as
"350,000 元"), so that rendering needs no knowledge of the rules and the builder that folds a
meeting's events into Minutes decides every word. Sequences are tuples so that a Minutes value
cannot change after it is built; order is significant everywhere (speaking order, roll order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Absence:
    """A member expected but absent: why, and any written opinion (书面意见) they sent."""

    name: str
    reason: str
    written_opinion: str | None = None


@dataclass(frozen=True)
class TimedPresence:
    """A late arrival or an early leave: who, when ("09:05") and, for a leave, why;
    ``corrections`` the numbers of the corrections (更正) of this entry."""

    name: str
    time: str
    reason: str = ""
    corrections: tuple[int, ...] = ()


@dataclass(frozen=True)
class Recusal:
    """A member who stepped out of one item (回避), with the reason."""

    name: str
    reason: str


@dataclass(frozen=True)
class Report:
    """The presenter's report (汇报) that opens an item; ``amended_at`` when it was amended
    (R6a: the amendment is printed with the item's speeches, at its time)."""

    presenter: str
    time: str
    words: str
    amended_at: str | None = None
    corrections: tuple[int, ...] = ()


@dataclass(frozen=True)
class CandidateStance:
    """A stance on one candidate of an appointment item (逐一表态), with its reason."""

    candidate: str
    stance_label: str
    reason: str | None = None


@dataclass(frozen=True)
class Speech:
    """One remark on an item, in speaking order.

    A member's opinion carries a stance label (同意 / 不同意 / 缓议 / 弃权) and, for 不同意 or
    缓议, the reason (依据和理由); on an appointment item it carries a stance on each candidate
    (``per_candidate``, 逐一表态) instead. A procedural remark (for example the chief's before
    every other member has spoken) has no stance; so has an observer's remark (put the role in
    the name, e.g. "陈玥（列席）"). A written opinion (书面意见) of an absent member is marked
    ``written``, and ``superseded`` once the member came and spoke in person.

    An entry amended by mistake (R6a) stays, with ``amended_at`` the time of its amendment; the
    amendment carries ``amends``, the entry it replaces in words ("09:20 李犇的表态发言"), and
    ``changes``, what it changed ("表态：同意 → 不同意"). ``corrections`` are the numbers of
    the corrections (更正一, 更正二…) made to it after closing (R12).
    """

    time: str
    name: str
    words: str
    stance_label: str | None = None
    reason: str | None = None
    procedural: bool = False
    written: bool = False
    per_candidate: tuple[CandidateStance, ...] = ()
    superseded: bool = False
    amended_at: str | None = None
    amends: str | None = None
    changes: tuple[str, ...] = ()
    corrections: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.procedural and (self.stance_label is not None or self.written
                                or self.per_candidate):
            raise ValueError("a procedural remark has no stance")
        if self.stance_label is not None and self.per_candidate:
            raise ValueError("a stance on the item or one on each candidate, not both")


@dataclass(frozen=True)
class StanceRow:
    """One member's standing stances on an appointment item, one per candidate in the
    candidates' order (a row of the 逐一表态 table)."""

    name: str
    time: str
    stances: tuple[CandidateStance, ...]


@dataclass(frozen=True)
class MemberVote:
    """One member's choice in an open vote (口头, 举手, 记名投票): 同意 / 不同意 / 弃权."""

    name: str
    choice_label: str


@dataclass(frozen=True)
class Tally:
    """The count of a secret ballot (无记名投票): the only thing ever known of it."""

    agree: int
    disagree: int
    abstain: int


@dataclass(frozen=True)
class BallotPapers:
    """The paper trail of a secret ballot (R7): ballots issued, returned, valid and void."""

    issued: int
    returned: int
    valid: int
    void: int


@dataclass(frozen=True)
class Reconsideration:
    """A request to vote again on a decided appointment (复议, R7a): when, why, the show of
    hands on it against the rule (``vote_text``), whether it was granted, and the results it
    would set aside (one text per ballot, "人选林玥：同意 7 票……通过")."""

    time: str
    reason: str
    vote_text: str
    granted: bool
    earlier_results: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """The person one vote of an appointment item (干部任免) is about: voted one by one."""

    name: str
    current_post: str
    proposed_post: str


@dataclass(frozen=True)
class Vote:
    """One question put to the vote: the item itself, or one candidate of an appointment item.

    Exactly one of ``member_votes`` (an open vote) and ``tally`` (a secret ballot, with its
    scrutineers 监票人/计票人) is given: a secret ballot cannot carry who voted what.
    ``result_text`` is the result against the rule, e.g. "同意 6 票，超过应到会 9 人的半数，通过".
    """

    method_label: str
    result_text: str
    candidate: Candidate | None = None
    member_votes: tuple[MemberVote, ...] = ()
    tally: Tally | None = None
    scrutineers: tuple[str, ...] = ()
    counters: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if bool(self.member_votes) == (self.tally is not None):
            raise ValueError("a vote has either each member's choice or a secret tally")
        if (self.scrutineers or self.counters) and self.tally is None:
            raise ValueError("scrutineers and counters belong to a secret ballot")

    @property
    def secret(self) -> bool:
        return self.tally is not None


@dataclass(frozen=True)
class HeadDecision:
    """The head's decision in an administrative meeting (行政首长负责制), with the reason when
    it goes against the majority of opinions (or whenever one was given)."""

    name: str
    decision_label: str
    reason: str | None = None
    time: str = ""


@dataclass(frozen=True)
class ItemMinutes:
    """One agenda item (议题) as the record shows it.

    ``major_reasons`` says why a major matter (三重一大) is one, e.g. ("类别：大额资金使用",
    "项目资金 350,000 元，达到 200,000 元标准"). ``decision_text`` is the decision as worded by the
    meeting; ``deferral_reason`` is set when the item was put off (缓议), ``proceed_reason`` when
    the chair went on to a vote despite sharply divided opinions (R9). ``carried_over_from``
    names the earlier meeting's item a reconsidered (复议) item comes from.

    ``speeches`` are said in the room, in speaking order; ``written`` the written opinions of
    absent members (printed apart, not counted as votes, the chief's last); ``stance_table`` the
    standing 逐一表态 of an appointment item, a row per member (chief last) and a column per
    ``candidate_names``. ``after_round`` lists members who arrived after the last speaker had
    stated (they state no opinion, R5). ``quorum_text`` is the item's own quorum when its base
    differs from the meeting's (recusals, or the personnel share); ``ballot_papers`` the paper
    trail of a secret ballot; ``reconsiderations`` the requests to vote again (R7a).
    """

    number: int
    title: str
    kind_label: str
    presenter: str
    category_label: str | None = None
    major_matter: bool = False
    major_reasons: tuple[str, ...] = ()
    amount_label: str | None = None
    fund_type_label: str | None = None
    materials: tuple[str, ...] = ()
    materials_given: str | None = None  # R13: the day materials were given, "2026年11月20日"
    recusals: tuple[Recusal, ...] = ()
    report: Report | None = None
    speeches: tuple[Speech, ...] = ()
    written: tuple[Speech, ...] = ()
    candidate_names: tuple[str, ...] = ()
    stance_table: tuple[StanceRow, ...] = ()
    after_round: tuple[TimedPresence, ...] = ()
    quorum_text: str | None = None
    votes: tuple[Vote, ...] = ()
    ballot_papers: BallotPapers | None = None
    reconsiderations: tuple[Reconsideration, ...] = ()
    decision_text: str | None = None
    deferral_reason: str | None = None
    proceed_reason: str | None = None
    head_decision: HeadDecision | None = None
    carried_over_from: str | None = None
    reports_on: str | None = None  # R14: the decision and tasks a progress report is heard on
    conclusion_label: str = "决定"  # the heading of the outcome: 决定, or 小结 for a study item


@dataclass(frozen=True)
class Correction:
    """An addendum (更正) to the closed record: when, by whom, why, and what it says.

    ``refers_to`` names the entry corrected as the record prints it (e.g. "议题一，李犇的表态发言
    （09:20）"), and that entry carries the mark "【见更正一】";
    ``voided`` lists the signatures given before the correction, which it voids (R12), e.g.
    ("记录人 郑小玲", "主持人 徐颖峰").
    """

    time: str
    author: str
    reason: str
    text: str
    refers_to: str | None = None
    voided: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttachedFile:
    """A material filed with the record, named with the SHA-256 of its content, so that the
    signed PDF vouches for the files in the filing package too."""

    name: str
    sha256: str


Point = tuple[float, float]


@dataclass(frozen=True)
class Handwriting:
    """A signature captured on screen, as vector strokes.

    Each stroke is the list of points the pen passed through while down, in a box of
    ``width`` x ``height`` (the capture widget's size, or 1 x 1 for normalised points) with the
    origin at the top left and y growing downwards, as on screen.
    """

    strokes: tuple[tuple[Point, ...], ...]
    width: float = 1.0
    height: float = 1.0


@dataclass(frozen=True)
class Signer:
    """A person who signs the record: a line for wet ink always, and the captured signature
    (with when it was captured) where one was given."""

    role_label: str
    name: str
    handwriting: Handwriting | None = None
    signed_at: str | None = None


@dataclass(frozen=True)
class Minutes:
    """The whole record of one meeting.

    ``meeting_title`` is the numbered name ("2026年第12次党委会"), ``meeting_type`` the type
    label ("党委会"). ``expected`` and ``present`` list members (display names) in roll order;
    ``observers`` list 列席 attendees with their posts, e.g. "陈玥（县纪委派驻纪检组组长）".
    ``rule_set_label`` names the rule set and its version. ``signers`` are the recorder and the
    chair, and every attendee where the unit asks for it, in signing order. ``fingerprint`` is
    the SHA-256 (64 lowercase hex digits) of the last event of the meeting's log; ``meeting_uid``
    the log's meeting identifier. ``remarks`` are things said outside any item. ``agenda``
    lists the items' titles in order; ``quorum_text`` the quorum as met ("应到 9 人，实到 8 人，
    符合规定人数"). ``clock_checks`` say when and how the recorder confirmed or corrected the
    laptop's time.
    """

    unit_name: str
    meeting_title: str
    meeting_type: str
    date: str
    start: str
    end: str
    place: str
    chair: str
    recorder: str
    expected: tuple[str, ...]
    present: tuple[str, ...]
    rule_set_label: str
    fingerprint: str
    agenda: tuple[str, ...] = ()
    quorum_text: str = ""
    absent: tuple[Absence, ...] = ()
    late: tuple[TimedPresence, ...] = ()
    early_leave: tuple[TimedPresence, ...] = ()
    observers: tuple[str, ...] = ()
    items: tuple[ItemMinutes, ...] = ()
    remarks: tuple[Speech, ...] = ()
    clock_checks: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    signers: tuple[Signer, ...] = ()
    attachments: tuple[AttachedFile, ...] = ()
    meeting_uid: str = ""

    def __post_init__(self) -> None:
        if not _FINGERPRINT.fullmatch(self.fingerprint):
            raise ValueError("the fingerprint is 64 lowercase hexadecimal digits (SHA-256)")
