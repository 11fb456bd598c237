"""The supervision signals over the archive: the index tables read into the domain's inputs
(meetingdesk.domain.supervision) for one unit or all, and one period.

Only current, held meetings count (a superseded record gives way to its correction; a
cancelled meeting has no items). Each query lets SQL narrow the rows to the candidates of
its signal (amounts against each unit's thresholds, same-area windows by a window sum), and
what reads every item, stance or attendance line (三重一大 by category, the stance and
attendance tallies) is counted in SQL; the domain judges every row. The stance and
attendance queries are read from covering indexes (migration c0005) and join only the tables
they read: a year of a thousand units is 360,000 stances.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Callable, Iterable

from sqlalchemy import (Connection, Date, Select, Table, Text, and_, case, cast, exists, false,
                        func, literal, null, or_, select, true)

from meetingdesk import collector
from meetingdesk.county import models as cm
from meetingdesk.domain import supervision as s
from meetingdesk.domain.rules import RuleSet
from meetingdesk.record.package import RULES_PATH
from meetingdesk.services.setup import default_settings

M = cm.FiledMeeting.__table__
I = cm.FiledItem.__table__  # noqa: E741
U = cm.Unit.__table__
A = cm.FiledAttendance.__table__
O = cm.FiledOpinion.__table__  # noqa: E741
C = cm.FiledCorrection.__table__
P = cm.FiledPackage.__table__

MEETING_COLUMNS = (M.c.id, M.c.unit_id, U.c.name, M.c.meeting_uid, M.c.meeting_type,
                   M.c.number, M.c.title, M.c.held_on, M.c.chief)
ITEM_COLUMNS = (I.c.id, I.c.meeting_id, I.c.no, I.c.title, I.c.category, I.c.major, I.c.amount,
                I.c.fund_type, I.c.area, I.c.mode, I.c.outcome, I.c.deferral_reason,
                I.c.head_decision, I.c.head_reason, I.c.against_majority,
                I.c.carried_from_uid, I.c.carried_from_no, I.c.agree, I.c.disagree, I.c.abstain)


_RULES_READ: dict[str, s.Thresholds] = {}  # package SHA-256 -> its thresholds
# A stance other than agree, written out rather than bound: the partial index of the few
# dissents (c0005) serves a query whose condition is the index's own, word for word.
NOT_AGREED = O.c.stance != literal("agree", literal_execute=True)


@dataclass(frozen=True)
class Scope:
    """Whose records and when: one unit by name (or every unit) and a period."""

    period: s.Period
    unit: str | None = None

    def held(self, start: date | None = None, meetings: Table = M) -> Any:
        """The SQL condition for a current, held meeting of the scope (from ``start``)."""
        return and_(meetings.c.current == true(), meetings.c.cancelled == false(),
                    meetings.c.held_on >= (start or self.period.start).isoformat(),
                    meetings.c.held_on <= self.period.end.isoformat(), self.of_unit(meetings))

    def of_unit(self, meetings: Table = M) -> Any:
        """The SQL condition for a meeting of the scope's unit (of any, for all units): by a
        subquery, so that a query joins county_units only to read its names."""
        if self.unit is None:
            return true()
        return meetings.c.unit_id == select(U.c.id).where(
            U.c.name == self.unit).scalar_subquery()


def _from_meetings(query: Select) -> Select:
    return query.select_from(M.join(U, U.c.id == M.c.unit_id))


def _meeting(row: Any) -> s.FiledMeeting:
    mid, unit_id, unit, uid, kind, number, title, held_on, chief = row[:9]
    return s.FiledMeeting(mid, unit_id, unit, uid, kind, number or 0, title,
                          date.fromisoformat(held_on[:10]), chief or "")


def _item(row: Any) -> s.FiledItem:
    (item_id, meeting_id, no, title, category, major, amount, fund_type, area, mode, outcome,
     deferral_reason, head_decision, head_reason, against, carried_uid, carried_no, agree,
     disagree, abstain) = row[9:]
    return s.FiledItem(
        item_id, meeting_id, no, title, category, bool(major),
        None if amount is None else Decimal(amount), fund_type, area or "", mode,
        outcome or "", deferral_reason or "", head_decision or "", head_reason or "",
        bool(against), carried_uid, carried_no, agree or 0, disagree or 0, abstain or 0)


def _items_query(condition: Any) -> Select:
    """The meeting's columns (as ``_meeting`` reads them), then the item's (``_item``)."""
    return select(*MEETING_COLUMNS, *ITEM_COLUMNS).select_from(
        I.join(M, M.c.id == I.c.meeting_id).join(U, U.c.id == M.c.unit_id)).where(condition)


def _filed(conn: Connection, *queries: Select) -> s.Filed:
    """The meetings and items the queries find, each item once (an item two queries find,
    such as a deferral that is also another's return, is one record)."""
    filed = s.Filed({})
    meetings, items, seen = filed.meetings, filed.items, set()
    for query in queries:
        for row in conn.execute(query).all():
            if row[0] not in meetings:
                meetings[row[0]] = _meeting(row)
            if row[9] not in seen:
                seen.add(row[9])
                items.append(_item(row))
    return filed


class Signals:
    """Every signal of one scope, each computed when first asked for."""

    def __init__(self, conn: Connection, scope: Scope, as_of: date | None = None,
                 band: Decimal = s.BAND, series_days: int = s.SERIES_DAYS,
                 min_stances: int = s.ECHO_MIN_STANCES) -> None:
        self.conn, self.scope, self.period = conn, scope, scope.period
        self.as_of = as_of or date.today()
        self.band, self.series_days, self.min_stances = band, series_days, min_stances
        self._thresholds: dict[int, s.Thresholds] | None = None
        self._units: dict[int, str] | None = None
        self._dissent_rows: list[s.Dissent] | None = None

    @property
    def units(self) -> dict[int, str]:
        if self._units is None:
            query = select(U.c.id, U.c.name)
            if self.scope.unit is not None:
                query = query.where(U.c.name == self.scope.unit)
            self._units = dict(self.conn.execute(query).all())
        return self._units

    def thresholds(self) -> dict[int, s.Thresholds]:
        """Each unit's R1 amounts from the rule set of its latest record in the period (the
        rules.json its package carries); the shipped defaults for a unit with none. A package
        is read once a process (packages never change: kept by their SHA-256)."""
        if self._thresholds is None:
            default = s.Thresholds.of(RuleSet.from_dict(default_settings()["rule_set"]))
            latest = _from_meetings(select(M.c.unit_id, func.max(M.c.package_id).label("p"))
                                    ).where(self.scope.held()).group_by(M.c.unit_id).subquery()
            found = dict(self.conn.execute(select(latest.c.unit_id, P.c.sha256).join(
                P, P.c.id == latest.c.p)).all())
            missing = sorted(set(found.values()) - set(_RULES_READ))
            for chunk in range(0, len(missing), 500):
                for digest, data in self.conn.execute(select(P.c.sha256, P.c.data).where(
                        P.c.sha256.in_(missing[chunk:chunk + 500]))):
                    _RULES_READ[digest] = s.Thresholds.of(RuleSet.from_dict(_rules_of(data)))
            self._thresholds = {u: _RULES_READ[found[u]] if u in found else default
                                for u in self.units}
        return self._thresholds

    def major_items(self) -> list[s.MajorRow]:
        """Counted in SQL: per unit and category, the items, their total and largest amount,
        and the items themselves as "meeting:item" pairs."""
        pair = _text(I.c.meeting_id) + ":" + _text(I.c.id)
        query = select(U.c.name, I.c.category, func.count(), func.coalesce(func.sum(I.c.amount), 0),
                       func.max(I.c.amount), _joined(self.conn, pair)).select_from(
            I.join(M, M.c.id == I.c.meeting_id).join(U, U.c.id == M.c.unit_id)).where(
            self.scope.held(), I.c.major == true()).group_by(U.c.name, I.c.category).order_by(
            U.c.name, I.c.category)
        return [s.MajorRow(unit, category, n, Decimal(total),
                           None if largest is None else Decimal(largest), _refs(pairs))
                for unit, category, n, total, largest, pairs in self.conn.execute(query)]

    def _limit_of(self, fund_type: Any) -> Any:
        """The threshold an item's amount is judged by, as SQL (R1): its unit's regular
        spending threshold (also with no fund type) or project funds threshold; none for
        lending, guarantee and financing. Units share a few rule sets: one branch each."""
        units_of: dict[tuple[Decimal, Decimal], list[int]] = {}
        for unit_id, th in self.thresholds().items():
            units_of.setdefault((th.regular, th.project), []).append(unit_id)
        shared = sorted(units_of.items(), key=lambda pair: -len(pair[1]))  # callers: not empty

        def pick(n: int) -> Any:
            (common, _), rest = shared[0], shared[1:]
            if not rest:
                return literal(float(common[n]))
            return case(*((M.c.unit_id.in_(units), float(limits[n])) for limits, units in rest),
                        else_=float(common[n]))

        return case((or_(fund_type.is_(None), fund_type == "regular"), pick(0)),
                    (fund_type == "project", pick(1)), else_=null())

    def just_under(self) -> list[s.JustUnderRow]:
        if not self.thresholds():  # no unit has filed in the period: nothing to judge
            return []
        limit = self._limit_of(I.c.fund_type)
        near = and_(self.scope.held(), I.c.amount >= limit * float(1 - self.band),
                    I.c.amount < limit)
        filed = _filed(self.conn, _items_query(near))
        return s.just_under(filed, self.period, self.thresholds(), self.band)

    def split_series(self) -> list[s.SeriesRow]:
        """SQL finds the windows of one unit, area and fund type whose amounts, each under the
        unit's threshold, reach it together; the domain judges the items of those windows
        (every item of a window it could report is among them)."""
        if not self.thresholds():
            return []
        start = self.period.start - timedelta(self.series_days)
        fund = func.coalesce(I.c.fund_type, "regular")
        limit = self._limit_of(I.c.fund_type)
        candidates = select(I.c.id, M.c.unit_id, I.c.area, fund.label("fund"),
                            _day_number(self.conn).label("day"), I.c.amount,
                            limit.label("limit")).select_from(
            I.join(M, M.c.id == I.c.meeting_id)).where(
            self.scope.held(start), I.c.area != "", I.c.outcome.in_(s.SPENT),
            I.c.amount < limit).cte("candidates")
        c = candidates.c
        window = dict(partition_by=(c.unit_id, c.area, c.fund), order_by=c.day,
                      range_=(0, self.series_days))
        runs = select(c.unit_id, c.area, c.fund, c.day, c.limit,
                      func.sum(c.amount).over(**window).label("total"),
                      func.count().over(**window).label("n")).cte("runs")
        crossing = select(runs.c.unit_id, runs.c.area, runs.c.fund, runs.c.day).where(
            runs.c.n >= 2, runs.c.total >= runs.c.limit).cte("crossing")
        ids = select(c.id).join(crossing, and_(
            crossing.c.unit_id == c.unit_id, crossing.c.area == c.area,
            crossing.c.fund == c.fund, c.day >= crossing.c.day,
            c.day <= crossing.c.day + self.series_days)).distinct()
        filed = _filed(self.conn, _items_query(I.c.id.in_(ids)))
        return s.split_series(filed, self.period, self.thresholds(), self.series_days)

    def against_majority(self) -> list[s.AgainstRow]:
        filed = _filed(self.conn, _items_query(and_(
            self.scope.held(), I.c.mode == "head", I.c.against_majority == true())))
        return s.against_majority(filed, self.period)

    def deferrals(self) -> list[s.DeferralRow]:
        """The scope's deferrals, and the later items of the same unit carried from one of
        them: a meeting's uid is the unit's own (two units' databases may share uids)."""
        deferred = _items_query(and_(self.scope.held(), I.c.outcome == "deferred"))
        source_m, source_i = M.alias("source_m"), I.alias("source_i")
        carried_from_one = exists().select_from(source_i.join(
            source_m, source_m.c.id == source_i.c.meeting_id)).where(
            self.scope.held(meetings=source_m), source_i.c.outcome == "deferred",
            source_m.c.unit_id == M.c.unit_id, source_m.c.meeting_uid == I.c.carried_from_uid,
            source_i.c.no == I.c.carried_from_no)
        returns = _items_query(and_(M.c.current == true(), M.c.cancelled == false(),
                                    M.c.held_on >= self.period.start.isoformat(),
                                    self.scope.of_unit(), I.c.carried_from_uid.is_not(None),
                                    carried_from_one))
        return s.deferrals(_filed(self.conn, deferred, returns), self.period, self.as_of)

    def _stated(self) -> tuple[Any, Any]:
        """Opinions joined to their meetings, and the condition of a stance in the scope."""
        joined = O.join(I, I.c.id == O.c.item_id).join(M, M.c.id == I.c.meeting_id)
        return joined, and_(self.scope.held(), O.c.kind.in_(s.STATED), O.c.stance.is_not(None))

    def _dissents(self) -> list[s.Dissent]:
        """The few stances other than agree, each with its item."""
        if self._dissent_rows is None:
            joined, stated = self._stated()
            self._dissent_rows = [s.Dissent(*r[:4], bool(r[4]), r[5]) for r in self.conn.execute(
                select(M.c.unit_id, I.c.meeting_id, O.c.item_id, O.c.member, O.c.is_chief,
                       O.c.stance).select_from(joined).where(stated, NOT_AGREED)).all()]
        return self._dissent_rows

    def unanimity(self) -> list[s.UnanimityRow]:
        has_round = select(O.c.id).where(O.c.item_id == I.c.id, O.c.kind.in_(s.STATED),
                                         O.c.stance.is_not(None)).exists()
        rounds = dict(self.conn.execute(
            select(M.c.unit_id, func.count()).select_from(I.join(M, M.c.id == I.c.meeting_id))
            .where(self.scope.held(), has_round).group_by(M.c.unit_id)).all())
        return s.unanimity(self._dissents(), rounds, self.units)

    def member_stances(self) -> list[s.MemberRow]:
        """Each member's stances counted in SQL (one pass over the period's stances)."""
        joined, stated = self._stated()
        tallies = [s.StanceTally(u, name, bool(chief), *(n or 0 for n in counts))
                   for u, name, chief, *counts in self.conn.execute(
                       select(M.c.unit_id, O.c.member, O.c.is_chief,
                              *(_count(O.c.stance, k) for k in ("agree", "disagree", "defer",
                                                                "abstain")))
                       .select_from(joined).where(stated)
                       .group_by(M.c.unit_id, O.c.member, O.c.is_chief)).all()]
        return s.member_stances(tallies, self._dissents(), self.units, self.min_stances)

    def attendance(self) -> list[s.AttendanceRow]:
        joined = A.join(M, M.c.id == A.c.meeting_id)
        tallies = [s.AttendanceTally(u, name, bool(chief), n, *(k or 0 for k in counts))
                   for u, name, chief, n, *counts in self.conn.execute(select(
                       M.c.unit_id, A.c.member, A.c.is_chief, func.count(),
                       *(_count(A.c.status, k) for k in ("absent", "late", "left_early")))
                       .select_from(joined).where(self.scope.held())
                       .group_by(M.c.unit_id, A.c.member, A.c.is_chief)).all()]
        absences = [s.Absence(*r) for r in self.conn.execute(
            select(M.c.unit_id, A.c.meeting_id, A.c.member, A.c.status).select_from(joined)
            .where(self.scope.held(), A.c.status != "present")).all()]
        return s.attendance(tallies, absences, self.units)

    def corrections(self) -> list[s.CorrectionRow]:
        filed = s.Filed({})
        found = []
        for r in self.conn.execute(_from_meetings(select(
                *MEETING_COLUMNS, C.c.id.label("correction_id"), C.c.at, C.c.author,
                C.c.reason, C.c.text, C.c.after_closing)).join(C, C.c.meeting_id == M.c.id)
                .where(self.scope.held(), C.c.after_closing == true())):
            filed.meetings.setdefault(r.id, _meeting(r))
            found.append(s.FiledCorrection(r.correction_id, r.id, datetime.fromisoformat(r.at),
                                           r.author, r.reason, r.text, bool(r.after_closing)))
        return s.corrections(filed, found, self.period)

    def by_month(self, refs: Iterable[s.Ref]) -> dict[int, int]:
        """How many of the records behind a signal fall in each month (1-12) of the period."""
        refs = list(refs)
        months: dict[int, int] = {}
        held = self.meetings_held({r.meeting_id for r in refs})
        for r in refs:
            month = held[r.meeting_id].month
            months[month] = months.get(month, 0) + 1
        return months

    def meetings_held(self, meeting_ids: Iterable[int]) -> dict[int, date]:
        ids = list(meeting_ids)
        out: dict[int, date] = {}
        for chunk in range(0, len(ids), 900):
            out.update((i, date.fromisoformat(d[:10])) for i, d in self.conn.execute(
                select(M.c.id, M.c.held_on).where(M.c.id.in_(ids[chunk:chunk + 900]))))
        return out


def _uncollected(method: Callable[[Signals], list[Any]]) -> Callable[[Signals], list[Any]]:
    """The signal, computed with the cyclic garbage collector paused (meetingdesk.collector):
    its rows hold no cycles, yet each full pass while thousands of them are made walks every
    object of the program (about 0.2 s for the members of a thousand units, on a loaded
    machine). The young objects are collected once, after."""
    @functools.wraps(method)
    def computed(signals: Signals) -> list[Any]:
        with collector.paused():
            return method(signals)
    return computed


SIGNAL_METHODS: dict[str, Callable[[Signals], list[Any]]] = {
    code: _uncollected(method) for code, method in (
        ("major", Signals.major_items), ("just_under", Signals.just_under),
        ("series", Signals.split_series), ("against", Signals.against_majority),
        ("deferrals", Signals.deferrals), ("unanimity", Signals.unanimity),
        ("members", Signals.member_stances), ("attendance", Signals.attendance),
        ("corrections", Signals.corrections))}


def _count(column: Any, value: str) -> Any:
    """How many rows of a group have ``value`` in ``column``."""
    return func.sum(case((column == value, 1), else_=0))


def _text(column: Any) -> Any:
    return cast(column, Text)


def _joined(conn: Connection, text: Any) -> Any:
    """The texts of a group joined with commas (SQLite group_concat, PostgreSQL string_agg)."""
    if conn.dialect.name == "postgresql":
        return func.string_agg(text, ",")
    return func.group_concat(text, ",")


def _refs(pairs: str | None) -> tuple[s.Ref, ...]:
    """"3:17,3:18" -> the records behind, in meeting and item order."""
    refs = []
    for pair in (pairs or "").split(","):
        meeting, _, item = pair.partition(":")
        refs.append((int(meeting), int(item)))
    return tuple(s.Ref(m, i) for m, i in sorted(refs))


def _day_number(conn: Connection) -> Any:
    """The meeting's date as a number of days, for windows of days."""
    if conn.dialect.name == "postgresql":
        return cast(M.c.held_on, Date) - cast(literal("2000-01-01"), Date)
    return func.julianday(M.c.held_on)


def _rules_of(package: bytes) -> dict[str, Any]:
    """The rule set a filing package carries (accepted packages are verified, so it is there)."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return json.loads(z.read(RULES_PATH))


@dataclass(frozen=True)
class RecordLine:
    """A record behind a signal row, as the drill-down lists it."""

    meeting_id: int
    item_id: int | None
    package_id: int  # the package as received: its record PDF is what the drill-down opens
    unit: str
    title: str  # 2026年第3次党委会
    held_on: date
    item_no: int | None
    item_title: str


def records_behind(conn: Connection, refs: Iterable[s.Ref]) -> list[RecordLine]:
    refs = list(refs)
    meeting_ids = sorted({r.meeting_id for r in refs})
    item_ids = sorted({r.item_id for r in refs if r.item_id is not None})
    meetings = {}
    for chunk in range(0, len(meeting_ids), 900):
        meetings.update((r.id, r) for r in conn.execute(_from_meetings(select(
            M.c.id, M.c.package_id, U.c.name, M.c.title, M.c.held_on)).where(
            M.c.id.in_(meeting_ids[chunk:chunk + 900]))))
    items = {}
    for chunk in range(0, len(item_ids), 900):
        items.update((r.id, r) for r in conn.execute(select(I.c.id, I.c.no, I.c.title).where(
            I.c.id.in_(item_ids[chunk:chunk + 900]))))
    lines = []
    for ref in refs:
        m = meetings[ref.meeting_id]
        item = items.get(ref.item_id) if ref.item_id is not None else None
        lines.append(RecordLine(ref.meeting_id, ref.item_id, m.package_id, m.name, m.title,
                                date.fromisoformat(m.held_on[:10]),
                                item.no if item else None, item.title if item else ""))
    return lines
