"""The minutes of a meeting, built from its state as the rules core folded it from the log.

Every word the record prints comes from the meeting state and the domain's own texts and
vocabularies (BallotResult.text_zh, Classification.reasons_zh, RuleSet.label, words.py):
nothing is recounted or judged again here, the rules stay in meetingdesk.domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Sequence

from meetingdesk.domain import DOUBTS, ClockSet, DomainError, ItemState, Meeting
from meetingdesk.domain.agenda import yuan
from meetingdesk.domain.outcome import BallotResult, ballot_result
from meetingdesk.domain.state import Reconsideration as LoggedReconsideration
from meetingdesk.domain.state import Signature
from meetingdesk.domain.state import Speech as LoggedSpeech
from meetingdesk.domain.words import (CATEGORIES, FUND_TYPES, HEAD_DECISIONS, KINDS,
                                      SIGNER_ROLES, STANCES, VOTE_CHOICES, VOTE_MODES, zh)
from meetingdesk.record.layout import chinese_number
from meetingdesk.record.minutes import (Absence, AttachedFile, BallotPapers, Candidate,
                                        CandidateStance, Correction, Handwriting, HeadDecision,
                                        ItemMinutes, MemberVote, Minutes, Reconsideration,
                                        Recusal, Report, Signer, Speech, StanceRow, Tally,
                                        TimedPresence, Vote)

SPEECH_LABELS = {"report": "汇报", "opinion": "表态发言", "remark": "发言",
                 "written": "书面意见", "head_decision": "决定"}
PRESENCE_LABELS = {"present": "到会", "absent": "缺席", "arrived": "迟到到会", "left": "中途离会"}
MIN_INK_BOX = 0.01  # a signature's box is never thinner than this (a straight stroke)


def minutes_from_meeting(state: Meeting, fingerprint: str,
                         attachments: Sequence[AttachedFile] = ()) -> Minutes:
    """The record of ``state`` (a meeting whose log has started); ``fingerprint`` is the hash of
    the last event of that log, ``attachments`` the material files filed with it."""
    if state.rules is None or state.started_at is None:
        raise DomainError("NOT_STARTED")
    header = state.header
    opened = state.opened_at or state.started_at
    return Minutes(
        unit_name=header["unit"]["name"], meeting_title=header["title"],
        meeting_type=header["meeting_type"]["name"], date=date_label(opened),
        start=time_label(opened),
        end=time_label(state.closed_at) if state.closed_at else "—",
        place=header["place"] or "—", chair=state.name(chair_of(state)),
        recorder=header["recorder"],
        expected=tuple(_with_post(state, m) for m in state.expected),
        present=tuple(state.name(m) for m in attended(state)),
        rule_set_label=state.rules.label, fingerprint=fingerprint,
        agenda=tuple(f"{chinese_number(n)}、{item.spec.title}" for n, item in state.items.items()),
        quorum_text=_meeting_quorum(state),
        absent=tuple(_absence(state, m) for m in state.expected
                     if state.attendance.get(m) == "absent"),
        late=tuple(TimedPresence(state.name(p.member_id), time_label(p.time),
                                 corrections=corrected_by(state, p.seq))
                   for p in state.presence_log if p.kind == "arrived"),
        early_leave=tuple(TimedPresence(state.name(p.member_id), time_label(p.time), p.reason,
                                        corrected_by(state, p.seq))
                          for p in state.presence_log if p.kind == "left"),
        observers=tuple(f"{o['name']}（{o['position']}）" if o.get("position") else o["name"]
                        for o in state.observers),
        items=tuple(_item(state, item) for item in state.items.values()),
        remarks=tuple(_speech(state, None, s) for s in state.remarks),
        clock_checks=tuple(_clock_check(c) for c in state.clock_sets),
        corrections=_corrections(state),
        signers=tuple(_signer(place) for place in signing_places(state)),
        attachments=tuple(attachments),
        meeting_uid=state.uid,
    )


def _clock_check(c: ClockSet) -> str:
    """When and how the time was confirmed or corrected (the system's reading beside it)."""
    why = DOUBTS[c.doubt][0]
    if not c.corrected:
        return f"{time_label(c.at)} 记录人核对时间无误（{why}）。"
    ahead = c.offset < timedelta(0)
    minutes = round(abs(c.offset).total_seconds() / 60)
    days, rest = divmod(minutes, 24 * 60)
    span = " ".join(f"{n} {unit}" for n, unit in ((days, "天"), (rest // 60, "小时"),
                                                   (rest % 60, "分钟")) if n)
    return (f"{date_label(c.at)} {time_label(c.at)} 记录人更正时间（{why}）：系统时间为"
            f"{date_label(c.system)} {time_label(c.system)}，{'快' if ahead else '慢'} {span}；"
            f"原因：{c.reason}。此后的记录时间按更正后的时间记载。")


def date_label(at: date) -> str:
    return f"{at.year}年{at.month}月{at.day}日"


def time_label(at: datetime) -> str:
    """The time to the minute, as the meeting room's clock showed it (the log's own offset)."""
    return at.strftime("%H:%M")


def attended(state: Meeting) -> list[int]:
    """Expected members who were at the meeting, if only for a while (late, or leaving early)."""
    return [m for m in state.expected if state.attendance.get(m) in ("present", "left")]


def _meeting_quorum(state: Meeting) -> str:
    """R3 as the record states it: the expected members and those who attended, against the
    number the meeting needed to open."""
    quorum = state.quorum()
    present = len(attended(state))
    verdict = "符合" if present >= quorum.needed else "不足"
    return f"应到 {quorum.expected} 人，实到 {present} 人，{verdict}规定人数"


def chair_of(state: Meeting) -> int | None:
    return state.chair_id if state.chair_id is not None else state.chief_id


def _with_post(state: Meeting, member_id: int) -> str:
    member = state.members[member_id]
    return f"{member.name}（{member.position}）" if member.position else member.name


def _absence(state: Meeting, member_id: int) -> Absence:
    items = [f"议题{chinese_number(n)}" for n, item in state.items.items()
             if member_id in item.written]
    return Absence(state.name(member_id), state.absence_reasons.get(member_id, ""),
                   f"见{'、'.join(items)}" if items else None)


# ---- items ----------------------------------------------------------------------------------

def _item(state: Meeting, item: ItemState) -> ItemMinutes:
    spec = item.spec
    report = next((s for s in item.speeches if s.kind == "report" and s.amends is None), None)
    head = next((s for s in item.speeches if s.kind == "head_decision"), None)
    carried = spec.carried_from
    said = [s for s in item.speeches if s.kind not in ("head_decision", "written")
            and s is not report]
    return ItemMinutes(
        number=spec.no, title=spec.title, kind_label=zh(KINDS, spec.kind),
        presenter=(_with_post(state, spec.presenter_id) if spec.presenter_id is not None
                   else report.speaker if report else "—"),
        category_label=(zh(CATEGORIES, spec.category)
                        if spec.is_decision or spec.category != "general" else None),
        major_matter=item.classification.major,
        major_reasons=item.classification.reasons_zh,
        amount_label=f"{yuan(spec.amount)} 元" if spec.amount is not None else None,
        fund_type_label=zh(FUND_TYPES, spec.fund_type) if spec.fund_type else None,
        materials=spec.materials,
        materials_given=(date_label(datetime.fromisoformat(spec.materials_given))
                         if spec.materials_given else None),
        recusals=tuple(Recusal(state.name(m), reason) for m, reason in item.recusals.items()),
        report=(Report(report.speaker, time_label(report.at), report.words,
                       _amended_at(item, report), corrected_by(state, report.seq))
                if report else None),
        speeches=tuple(_speech(state, item, s) for s in said),
        written=tuple(_speech(state, item, s) for s in _chief_last(
            state, [s for s in item.speeches if s.kind == "written"])),
        candidate_names=tuple(c.name for c in spec.candidates),
        stance_table=_stance_table(state, item),
        after_round=_after_round(state, item),
        quorum_text=_item_quorum(state, item),
        votes=_votes(state, item),
        ballot_papers=(BallotPapers(item.ballot_count.issued, item.ballot_count.returned,
                                    item.ballot_count.valid, item.ballot_count.void)
                       if item.ballot_count else None),
        reconsiderations=tuple(_reconsideration(state, item, r) for r in item.reconsiderations),
        decision_text=item.decision_text or None,
        deferral_reason=(item.deferral_reason or None) if head is None else None,
        proceed_reason=item.override_reason or None,
        head_decision=(HeadDecision(head.speaker, zh(HEAD_DECISIONS, item.head_decision),
                                    item.head_reason or None, time_label(head.at))
                       if head else None),
        carried_over_from=(f"{carried['meeting_title']}议题{chinese_number(carried['item_no'])}"
                           "（缓议）" if carried else None),
        conclusion_label="决定" if spec.is_decision else "小结",
    )


def _chief_last(state: Meeting, speeches: list[LoggedSpeech]) -> list[LoggedSpeech]:
    """R5: the chief's word is printed last, whenever it was entered."""
    return sorted(speeches, key=lambda s: s.member_id == state.chief_id)


def _speech(state: Meeting, item: ItemState | None, s: LoggedSpeech) -> Speech:
    """One thing said, as printed: a stance (or one on each candidate) with its reason, a
    written opinion, a procedural remark of a member, or an observer's remark; marked when it
    was amended or superseded, and, for an amendment, with what it changed (R6a)."""
    marks: dict[str, Any] = {"corrections": corrected_by(state, s.seq)}
    if item is not None:
        marks["amended_at"] = _amended_at(item, s)
        if s.amends is not None:
            original = next(o for o in item.speeches if o.seq == s.amends)
            marks["amends"] = (f"{time_label(original.at)} {original.speaker}的"
                               f"{SPEECH_LABELS[original.kind]}")
            marks["changes"] = _changes(item, original, s)
    at = time_label(s.at)
    if s.kind == "remark" and s.member_id is None:
        return Speech(at, f"{s.speaker}（列席）", s.words, **marks)
    if s.kind in ("remark", "report"):
        return Speech(at, s.speaker, s.words, procedural=s.kind == "remark", **marks)
    return Speech(at, s.speaker, s.words, zh(STANCES, s.stance) if s.stance else None,
                  s.reason or None, written=s.kind == "written",
                  per_candidate=_candidate_stances(item, s) if item else (),
                  superseded=item is not None and s.seq in item.superseded, **marks)


def _amended_at(item: ItemState, s: LoggedSpeech) -> str | None:
    later = item.amended.get(s.seq)
    if later is None:
        return None
    return next(time_label(a.at) for a in item.speeches if a.seq == later)


def _candidate_stances(item: ItemState, s: LoggedSpeech) -> tuple[CandidateStance, ...]:
    return tuple(CandidateStance(item.spec.candidates[c.candidate - 1].name,
                                 zh(STANCES, c.stance), c.reason or None)
                 for c in s.per_candidate)


def _changes(item: ItemState, original: LoggedSpeech, amendment: LoggedSpeech
             ) -> tuple[str, ...]:
    """What an amendment changed, in words: the member, each stance, the words."""
    out = []
    if original.member_id != amendment.member_id:
        out.append(f"表态人：{original.speaker} → {amendment.speaker}")
    before, after = original.stances(), amendment.stances()
    for ballot in item.spec.ballots():
        if before.get(ballot) != after.get(ballot):
            about = f"对{item.spec.candidates[ballot - 1].name}的表态" if ballot else "表态"
            out.append(f"{about}：{_stance_or_none(before.get(ballot))} → "
                       f"{_stance_or_none(after.get(ballot))}")
    if original.words != amendment.words:
        out.append("发言内容")
    return tuple(out)


def _stance_or_none(stance: str | None) -> str:
    return zh(STANCES, stance) if stance else "无"


def _stance_table(state: Meeting, item: ItemState) -> tuple[StanceRow, ...]:
    """The standing 逐一表态 of the members in the room, in speaking order, the last speaker
    (the chief, or who chaired in their place) last even when an earlier stance was amended
    after theirs."""
    if not item.spec.candidates:
        return ()
    standing = [s for s in state.standing_speeches(item.spec.no)
                if s.kind == "opinion" and s.per_candidate]
    return tuple(StanceRow(s.speaker, time_label(s.at), _candidate_stances(item, s))
                 for s in sorted(standing, key=lambda s: s.seq == item.round_closed_seq))


def _after_round(state: Meeting, item: ItemState) -> tuple[TimedPresence, ...]:
    """Members who arrived after the round of opinions had ended (R5), with the time of the
    arrival that brought them in while the item was open."""
    out = []
    for member in dict.fromkeys(item.after_round):
        arrival = next(p for p in state.presence_log if p.kind == "arrived"
                       and p.member_id == member and p.time >= (item.opened_at or p.time)
                       and (item.finished_at is None or p.time <= item.finished_at))
        out.append(TimedPresence(state.name(member), time_label(arrival.time)))
    return tuple(out)


def _item_quorum(state: Meeting, item: ItemState) -> str | None:
    """R3 for the item when its base is not the meeting's (recusals, R4) or it needs the
    personnel share: the base, the recused, and those present and not recused when its vote
    began (the head count the rules kept then)."""
    rules = state.rules
    assert rules is not None
    quorum = item.quorum_at_vote
    personnel = item.spec.category in rules.personnel_categories
    if quorum is None or not (quorum.recused or personnel):
        return None
    expected = len(state.expected)
    base = f"本议题应到 {quorum.expected} 人"
    if quorum.recused:
        base += (f"（应到会 {expected} 人，回避 {quorum.recused} 人）"
                 if quorum.expected != expected else f"（回避 {quorum.recused} 人）")
    needed = f"，须到 {quorum.needed} 人" if personnel else ""
    verdict = "符合" if quorum.met else "不足"
    return f"{base}，实到 {quorum.present} 人{needed}，{verdict}规定人数"


def _ballot_text(item: ItemState, ballot: int | None, result: BallotResult) -> str:
    return (f"人选{item.spec.candidates[ballot - 1].name}：" if ballot else "") + result.text_zh


def _reconsideration(state: Meeting, item: ItemState, r: LoggedReconsideration
                     ) -> Reconsideration:
    """R7a: the show of hands on reconsidering, worded as the rules word a result against the
    expected members; granted or not as the rules core judged it."""
    assert state.rules is not None
    vote = ballot_result(r.agree, r.disagree, r.abstain, r.base, 0, state.rules).text_zh
    return Reconsideration(time_label(r.at), r.reason, vote, r.granted,
                           tuple(_ballot_text(item, b, res) for b, res in r.earlier_results))


def _votes(state: Meeting, item: ItemState) -> tuple[Vote, ...]:
    """Each ballot that was voted: every member's choice for an open vote, only the tally (and
    the scrutineers) for a secret ballot, with the result the rules core gave."""
    spec = item.spec
    method = zh(VOTE_MODES, spec.vote_mode)
    out = []
    for ballot in spec.ballots():
        c = spec.candidates[ballot - 1] if ballot else None
        candidate = Candidate(c.name, c.current_post, c.proposed_post) if c else None
        result = item.results.get(ballot)
        text = result.text_zh if result else "表决未完成"
        tally = item.tallies.get(ballot)
        cast = item.votes.get(ballot, {})
        if tally is not None:
            out.append(Vote(method, text, candidate,
                            tally=Tally(tally.agree, tally.disagree, tally.abstain),
                            scrutineers=tally.scrutineers, counters=tally.counters))
        elif cast:
            out.append(Vote(method, text, candidate, member_votes=tuple(
                MemberVote(state.name(m), zh(VOTE_CHOICES, cast[m]))
                for m in state.expected if m in cast)))
    return tuple(out)


# ---- after the meeting ------------------------------------------------------------------------

def _corrections(state: Meeting) -> tuple[Correction, ...]:
    """Each correction with the entry it corrects, named as the record prints it, and the
    signatures it voided (R12)."""
    out = []
    previous = 0
    words = entry_words(state)
    for c in state.corrections:
        voided = tuple(f"{zh(SIGNER_ROLES, s.role)} {s.name}" for s in state.voided_signatures
                       if previous < s.seq < c.seq)
        refers = c.refers_to_seq
        out.append(Correction(f"{date_label(c.at)} {time_label(c.at)}", c.author, c.reason,
                              c.text, words.get(refers, "（未指明）") if refers else None,
                              voided))
        previous = c.seq
    return tuple(out)


def corrected_by(state: Meeting, seq: int) -> tuple[int, ...]:
    """The numbers (1, 2, ... as printed: 更正一, 更正二) of the corrections of entry ``seq``."""
    return tuple(n for n, c in enumerate(state.corrections, 1) if c.refers_to_seq == seq)


def entry_words(state: Meeting) -> dict[int, str]:
    """The entries a correction may name (what was said, who came and went), by their number
    in the log, in the words the record prints them with: item, who, what and when."""
    words = {}
    for n, item in state.items.items():
        times = {s.seq: f"{time_label(s.at)} {s.speaker}的{SPEECH_LABELS[s.kind]}"
                 for s in item.speeches}
        for s in item.speeches:
            amends = f"，修改{times[s.amends]}" if s.amends in times else ""
            words[s.seq] = (f"议题{chinese_number(n)}，{s.speaker}的{SPEECH_LABELS[s.kind]}"
                            f"（{time_label(s.at)}{amends}）")
    for p in state.presence_log:
        words[p.seq] = f"{state.name(p.member_id)}{PRESENCE_LABELS[p.kind]}（{time_label(p.time)}）"
    return dict(sorted(words.items()))


def entry_labels(state: Meeting) -> dict[int, str]:
    """The entries a correction may name, with their number in the log (for choosing one)."""
    return {seq: f"第 {seq} 条记录：{words}" for seq, words in entry_words(state).items()}


@dataclass(frozen=True)
class SigningPlace:
    """A place on the signature page: who signs in what role, the valid signature given there
    (the latest), and whether an earlier one was voided by a correction (to sign again)."""

    role: str  # recorder | chair | attendee
    member_id: int | None
    name: str
    signature: Signature | None
    voided: bool


def signing_places(state: Meeting) -> list[SigningPlace]:
    """Recorder and chair always, every attendee where the rule set asks; then any other valid
    signature given. Signatures voided by a correction fill no place."""
    assert state.rules is not None
    given: dict[tuple[str, int | None], Signature] = {}
    for sig in state.signatures:
        given[_place_key(sig)] = sig
    voided = {_place_key(sig) for sig in state.voided_signatures}
    chair = chair_of(state)
    wanted: list[tuple[str, int | None, str]] = [
        ("recorder", None, state.header["recorder"]), ("chair", chair, state.name(chair))]
    if state.rules.all_attendees_sign:
        wanted += [("attendee", m, state.name(m)) for m in attended(state) if m != chair]
    places = []
    for role, member, name in wanted:
        key = (role, member if role == "attendee" else None)
        sig = given.pop(key, None)
        places.append(SigningPlace(role, member, sig.name if sig else name, sig,
                                   key in voided and sig is None))
    places += [SigningPlace(s.role, s.member_id, s.name, s, False) for s in given.values()]
    return places


def _place_key(sig: Signature) -> tuple[str, int | None]:
    return sig.role, sig.member_id if sig.role == "attendee" else None


def _signer(place: SigningPlace) -> Signer:
    sig = place.signature
    if sig is None:
        return Signer(zh(SIGNER_ROLES, place.role), place.name)
    return Signer(zh(SIGNER_ROLES, place.role), place.name, handwriting(sig.strokes),
                  f"{date_label(sig.at)} {time_label(sig.at)}")


def handwriting(strokes: Sequence[Sequence[tuple[float, float]]]) -> Handwriting | None:
    """Captured strokes cropped to the ink, so that the signature fills its place on the page
    whatever the size of the pad it was written on; None when nothing was drawn."""
    points = [p for stroke in strokes for p in stroke]
    if not points:
        return None
    left = min(x for x, _ in points)
    top = min(y for _, y in points)
    width = max(max(x for x, _ in points) - left, MIN_INK_BOX)
    height = max(max(y for _, y in points) - top, MIN_INK_BOX)
    return Handwriting(tuple(tuple((round(x - left, 4), round(y - top, 4)) for x, y in stroke)
                             for stroke in strokes), width, height)
