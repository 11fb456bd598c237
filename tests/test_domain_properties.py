"""Property tests: whatever a recorder (or a forger) tries, in whatever order, the rules hold,
and replaying the log rebuilds exactly the same state."""

from __future__ import annotations

from itertools import cycle, islice
from typing import Any, Callable, Iterable, Iterator

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from meetingdesk.domain import DomainError, Event, Meeting

from meeting_driver import noise, sensible, stance_payload
from meeting_factory import APPOINT_ITEM, FUND_ITEM, STUDY_ITEM, Harness, start_payload

AGENDAS = [
    [FUND_ITEM],
    [FUND_ITEM, {**APPOINT_ITEM, "no": 2}],
    [{**APPOINT_ITEM, "no": 1, "vote_mode": "named"}, {**STUDY_ITEM, "no": 2}],
    [{**FUND_ITEM, "vote_mode": "secret"}, {**STUDY_ITEM, "no": 2}],
]
HEAD_AGENDA = [{**FUND_ITEM, "amount": "3000"}, {**STUDY_ITEM, "no": 2}]


class Witness:
    """An independent, deliberately simple account of presence, recusals and opinions,
    kept beside the domain to check it."""

    def __init__(self, expected: list[int]) -> None:
        self.expected = expected
        self.present: set[int] = set()
        self.recused: dict[int, set[int]] = {}
        self.spoke: dict[int, set[int]] = {}
        self.opinions: dict[int, int] = {}  # seq of an opinion -> its member

    def see(self, seq: int, type_: str, member: int | None, p: dict) -> None:
        if type_ == "attendance" and p["status"] == "present" or type_ == "arrived":
            self.present.add(member)
        elif type_ == "left":
            self.present.discard(member)
        elif type_ == "recusal":
            self.recused.setdefault(p["item_no"], set()).add(member)
        elif type_ == "opinion" or type_ == "amendment" and p["refers_to_seq"] in self.opinions:
            spoke = self.spoke.setdefault(p["item_no"], set())
            if type_ == "amendment":
                spoke.discard(self.opinions[p["refers_to_seq"]])
            spoke.add(member)
            self.opinions[seq] = member


def recorded(h: Harness, draws: Iterable[tuple[int, int, int]],
             choose: Callable[[Meeting, int, Callable[[int], int]], Any]) -> Iterator[Event]:
    """Record what `choose(meeting, kind, pick)` proposes for each draw, until it proposes
    nothing; yield the entries the rules accept."""
    for kind, a, b in draws:
        values = iter([a, b, a ^ b, a + b])
        pick = lambda n: next(values, 0) % n if n else 0  # noqa: E731
        action = choose(h.meeting, kind, pick)
        if action is None:
            return
        type_, member, payload = action
        try:
            yield h.do(type_, member, **payload)
        except DomainError:
            continue


def run(h: Harness, draws: list[tuple[int, int, int]]) -> Witness:
    meeting = h.meeting
    witness = Witness(meeting.expected)
    chief = meeting.chief_id
    chosen = lambda m, kind, pick: sensible(m, pick) if kind < 7 else noise(m, pick)  # noqa: E731
    for ev in recorded(h, draws, chosen):
        amends_opinion = ev.type == "amendment" and ev.payload["refers_to_seq"] in witness.opinions
        if (ev.type in ("opinion", "written_opinion") or amends_opinion) and ev.member_id == chief:
            n = ev.payload["item_no"]
            others = witness.present - witness.recused.get(n, set()) - {chief}
            spoke = witness.spoke.get(n, set())
            if amends_opinion:
                spoke = spoke - {witness.opinions[ev.payload["refers_to_seq"]]}
            assert others <= spoke, "the chief spoke before the others"
        witness.see(ev.seq, ev.type, ev.member_id, ev.payload)
    return witness


def snapshot(m: Meeting) -> tuple:
    items = tuple((n, it.status, repr(it.stances), repr(it.written), it.round_closed_seq,
                   tuple(sorted(it.superseded)), tuple(it.amended.items()), tuple(it.after_round),
                   it.ballot_count, tuple(it.reconsiderations), tuple(sorted(it.present_during)),
                   tuple(sorted((str(k), tuple(v.items())) for k, v in it.votes.items())),
                   tuple(sorted((str(k), v) for k, v in it.tallies.items())),
                   tuple(sorted((str(k), v) for k, v in it.results.items())),
                   tuple(it.recusals.items()), tuple(it.speeches), it.decision_text)
                  for n, it in m.items.items())
    return (m.seq, m.phase, m.filed, tuple(m.attendance.items()), tuple(m.presence_log), items,
            tuple(m.signatures), tuple(m.corrections), m.next_step(), m.open_item)


draw = st.tuples(st.integers(0, 9), st.integers(0, 1000), st.integers(0, 1000))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(agenda=st.sampled_from(AGENDAS + [None]), draws=st.lists(draw, min_size=1, max_size=80))
def test_rules_hold_for_any_sequence_and_replay_is_exact(agenda, draws):
    payload = start_payload(HEAD_AGENDA, mode="head") if agenda is None else start_payload(agenda)
    h = Harness(payload)
    run(h, list(islice(cycle(draws), 400)))  # cycled, so that short draws reach deep states
    m = h.meeting
    event(f"phase reached: {m.phase}")
    rules = m.rules
    for n, item in m.items.items():
        # R8: nothing passes without more votes in favour than the share of the base.
        for ballot, result in item.results.items():
            if item.spec.vote_mode == "secret":
                agree = item.tallies[ballot].agree
            else:
                agree = list(item.votes.get(ballot, {}).values()).count("agree")
            recused = len(item.recusals) if rules.recused_excluded_from_base else 0
            base = len(m.expected) - recused
            assert result.passed == (agree > base * rules.pass_fraction)
    # R7: a secret ballot never leaves a per-member trace in the log.
    secret = {n for n, it in m.items.items() if it.spec.vote_mode == "secret"}
    for ev in h.events:
        if ev.type == "vote":
            assert ev.payload["item_no"] not in secret
        if ev.type in ("tally", "ballots_counted"):
            assert ev.member_id is None
            assert not set(ev.payload) - {"item_no", "candidate", "agree", "disagree",
                                          "abstain", "issued", "returned", "void",
                                          "scrutineers", "counters", "ballots"}
    # Replaying the log rebuilds exactly the same state.
    assert snapshot(Meeting.replay(h.events)) == snapshot(m)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(draws=st.lists(draw, min_size=5, max_size=40))
def test_guided_meetings_reach_the_end(draws):
    """Recording what the next step offers, with members coming and going and other noise in
    between, always walks a meeting to its end: the rules never get stuck."""
    h = Harness(start_payload([FUND_ITEM, {**APPOINT_ITEM, "no": 2}, {**STUDY_ITEM, "no": 3}]))
    run(h, [(0 if kind < 8 else 9, a, b) for kind, a, b in islice(cycle(draws), 300)]
        + [(0, a, b) for _, a, b in islice(cycle(draws), 300)])
    assert h.meeting.phase == "closed"
    assert snapshot(Meeting.replay(h.events)) == snapshot(h.meeting)


def presence_noise(meeting: Meeting, pick) -> tuple:
    """Members coming, going, coming back, recusing and sending written opinions."""
    member = meeting.expected[pick(len(meeting.expected))]
    n = meeting.open_item or list(meeting.items)[pick(len(meeting.items))]
    options = [
        ("arrived", member, {}),
        ("left", member, {"reason": "公务"}),
        ("recusal", member, {"item_no": n, "reason": "亲属"}),
        ("written_opinion", member, stance_payload(meeting, n, pick)),
    ]
    return options[pick(len(options))]


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(draws=st.lists(draw, min_size=5, max_size=60))
def test_the_chief_speaks_last_and_only_with_the_quorum_whoever_comes_and_goes(draws):
    """With members arriving, leaving, returning, recusing and writing in at random moments,
    the chief's stance (on each candidate too) comes after that of every other member in the
    room and not recused, never without the item's quorum, and nobody states after it."""
    h = Harness(start_payload([{**APPOINT_ITEM, "no": 1, "vote_mode": "named"},
                               {**FUND_ITEM, "no": 2}]))
    m = h.meeting
    witness = Witness(m.expected)
    chief = m.chief_id
    closed: set[int] = set()  # items whose round the chief's stance ended
    def chosen(m: Meeting, kind: int, pick: Callable[[int], int]) -> Any:
        return presence_noise(m, pick) if kind >= 6 else sensible(m, pick)

    for ev in recorded(h, islice(cycle(draws), 300), chosen):
        n = ev.payload.get("item_no")
        if ev.type == "opinion" and ev.member_id == chief:
            room = witness.present - witness.recused.get(n, set())
            assert room - {chief} <= witness.spoke.get(n, set()), "the chief spoke early"
            recused = len(witness.recused.get(n, set()))
            base = len(m.expected) - recused
            personnel = m.items[n].spec.category == "appointment"
            needed = -(-base * 2 // 3) if personnel else base // 2 + 1
            assert len(room) >= needed, "the chief spoke without the item's quorum"
            assert set(m.items[n].stances[chief]) == set(m.items[n].spec.ballots())
            closed.add(n)
        elif ev.type == "opinion":
            assert n not in closed, "a stance after the chief's"
        witness.see(ev.seq, ev.type, ev.member_id, ev.payload)
    event(f"rounds the chief ended: {len(closed)}; after-round arrivals: "
          f"{sum(len(it.after_round) > 0 for it in m.items.values())}")
    assert snapshot(Meeting.replay(h.events)) == snapshot(m)
