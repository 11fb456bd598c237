"""Unit settings: the unit, its members and their division of work, its rule set and meeting
types. Reference data in ordinary tables; every rule about them is asked of the domain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from meetingdesk import paths
from meetingdesk.domain import DomainError, Member, RuleSet, canonical_json
from meetingdesk.domain.roster import check_new_chief, check_portfolio
from meetingdesk.domain.text import clean_text
from meetingdesk.domain.unit_name import same_unit, unit_name
from meetingdesk.domain.words import DECISION_MODES
from meetingdesk.store import models as m

if TYPE_CHECKING:
    from meetingdesk.store import Database


def default_settings() -> dict[str, Any]:
    """The shipped defaults: rule set, meeting types, suggested portfolio areas."""
    path = paths.resources_dir() / "rules" / "default.json"
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str


@dataclass(frozen=True)
class MeetingTypeInfo:
    id: int
    code: str
    name: str
    decision_mode: str


def to_member(row: m.Member) -> Member:
    return Member(row.id, row.name, row.position, row.rank, row.is_chief)


class SetupActions:
    db: "Database"

    # ---- units ------------------------------------------------------------------------------

    def create_unit(self, name: str) -> int:
        """A new unit with the default rule set (version 1) and meeting types."""
        name = unit_name(name)
        defaults = default_settings()
        rules = RuleSet.from_dict(defaults["rule_set"])
        with self.db.session(write=True) as session:
            if session.scalar(select(m.Unit.id).where(m.Unit.name == name)) is not None:
                raise DomainError("BAD_VALUE", field="单位名称", field_en="unit name",
                                  value=f"{name}（已存在 / exists）")
            for other in session.scalars(select(m.Unit.name)):
                if same_unit(other, name):
                    raise DomainError("UNIT_NAME_TAKEN", name=name, other=other)
            unit = m.Unit(name=name)
            session.add(unit)
            session.flush()
            session.add(m.RuleSet(unit_id=unit.id, version=1,
                                  data=canonical_json(rules.to_dict())))
            for t in defaults["meeting_types"]:
                session.add(m.MeetingType(unit_id=unit.id, code=t["code"], name=t["name"],
                                          decision_mode=t["decision_mode"]))
            return unit.id

    def units(self) -> list[UnitInfo]:
        with self.db.session() as session:
            return [UnitInfo(u.id, u.name)
                    for u in session.scalars(select(m.Unit).order_by(m.Unit.id))]

    # ---- members ----------------------------------------------------------------------------

    def members(self, unit_id: int, include_inactive: bool = False) -> list[Member]:
        with self.db.session() as session:
            query = select(m.Member).where(m.Member.unit_id == unit_id)
            if not include_inactive:
                query = query.where(m.Member.active.is_(True))
            return [to_member(r) for r in session.scalars(query.order_by(m.Member.rank,
                                                                         m.Member.id))]

    def add_member(self, unit_id: int, name: str, position: str, rank: int,
                   is_chief: bool = False) -> int:
        """A new team member; a second chief is refused (CHIEF_COUNT)."""
        with self.db.session(write=True) as session:
            candidate = Member.from_dict({"id": 0, "name": name, "position": position,
                                          "rank": rank, "is_chief": is_chief})
            check_new_chief(self._active_members(session, unit_id), candidate)
            row = m.Member(unit_id=unit_id, name=candidate.name, position=candidate.position,
                           rank=candidate.rank, is_chief=candidate.is_chief)
            session.add(row)
            session.flush()
            return row.id

    def add_members(self, unit_id: int, members: list[dict[str, Any]]) -> list[int]:
        """Several new members in one transaction (a roster import): all of them or none.
        Each is a dict of add_member's fields; a second chief is refused (CHIEF_COUNT)."""
        with self.db.session(write=True) as session:
            team = self._active_members(session, unit_id)
            rows = []
            for number, fields in enumerate(members, 1):
                candidate = Member.from_dict(fields | {"id": -number})  # not stored yet
                check_new_chief(team, candidate)
                team.append(candidate)
                rows.append(m.Member(unit_id=unit_id, name=candidate.name,
                                     position=candidate.position, rank=candidate.rank,
                                     is_chief=candidate.is_chief))
            session.add_all(rows)
            session.flush()
            return [row.id for row in rows]

    def update_member(self, member_id: int, **changes: Any) -> None:
        """Change name, position, rank or chief; R2 is checked again when someone becomes chief."""
        with self.db.session(write=True) as session:
            row = self._member_row(session, member_id)
            current = to_member(row).__dict__ | changes
            candidate = Member.from_dict(current)
            check_new_chief(self._active_members(session, row.unit_id), candidate)
            if candidate.is_chief:
                rules = self._rules(session, row.unit_id)
                for p in session.scalars(select(m.Portfolio).where(m.Portfolio.member_id == member_id)):
                    check_portfolio(candidate, p.area, rules)
            row.name, row.position = candidate.name, candidate.position
            row.rank, row.is_chief = candidate.rank, candidate.is_chief

    def retire_member(self, member_id: int) -> None:
        """A member leaves the team; past records keep their name (the log has a snapshot)."""
        with self.db.session(write=True) as session:
            row = self._member_row(session, member_id)
            row.active = False
            for p in session.scalars(select(m.Portfolio).where(m.Portfolio.member_id == member_id)):
                session.delete(p)

    # ---- division of work (R2) -------------------------------------------------------------

    def assign_portfolio(self, unit_id: int, member_id: int, area: str) -> None:
        """Give a portfolio area to a member (replacing its previous holder); R2 refuses the chief."""
        with self.db.session(write=True) as session:
            row = self._member_row(session, member_id)
            if row.unit_id != unit_id:
                raise DomainError("UNKNOWN_MEMBER", member_id=member_id)
            area = check_portfolio(to_member(row), area, self._rules(session, unit_id))
            existing = session.scalar(select(m.Portfolio).where(
                m.Portfolio.unit_id == unit_id, m.Portfolio.area == area))
            if existing is None:
                session.add(m.Portfolio(unit_id=unit_id, member_id=member_id, area=area))
            else:
                existing.member_id = member_id

    def unassign_portfolio(self, unit_id: int, area: str) -> None:
        with self.db.session(write=True) as session:
            existing = session.scalar(select(m.Portfolio).where(
                m.Portfolio.unit_id == unit_id, m.Portfolio.area == area))
            if existing is not None:
                session.delete(existing)

    def division_of_work(self, unit_id: int) -> dict[str, int]:
        """area -> member id."""
        with self.db.session() as session:
            rows = session.scalars(select(m.Portfolio).where(m.Portfolio.unit_id == unit_id)
                                   .order_by(m.Portfolio.id))
            return {p.area: p.member_id for p in rows}

    # ---- rule set ------------------------------------------------------------------------------

    def rule_set(self, unit_id: int) -> RuleSet:
        with self.db.session() as session:
            return self._rules(session, unit_id)

    def update_rule_set(self, unit_id: int, changes: dict[str, Any]) -> RuleSet:
        """Save an edited rule set as a new version; refuses invalid settings (RULES_INVALID)
        and settings that the current division of work would break (R2)."""
        with self.db.session(write=True) as session:
            current = self._rules(session, unit_id)
            data = current.to_dict() | changes | {"version": current.version + 1}
            rules = RuleSet.from_dict(data)
            chief = next((r for r in self._active_members(session, unit_id) if r.is_chief), None)
            if chief is not None:
                for p in session.scalars(select(m.Portfolio).where(
                        m.Portfolio.member_id == chief.id)):
                    check_portfolio(chief, p.area, rules)
            session.add(m.RuleSet(unit_id=unit_id, version=rules.version,
                                  data=canonical_json(rules.to_dict())))
            return rules

    # ---- meeting types -------------------------------------------------------------------------

    def meeting_types(self, unit_id: int) -> list[MeetingTypeInfo]:
        with self.db.session() as session:
            rows = session.scalars(select(m.MeetingType).where(m.MeetingType.unit_id == unit_id)
                                   .order_by(m.MeetingType.id))
            return [MeetingTypeInfo(t.id, t.code, t.name, t.decision_mode) for t in rows]

    def add_meeting_type(self, unit_id: int, code: str, name: str, decision_mode: str) -> int:
        if decision_mode not in DECISION_MODES:
            raise DomainError("BAD_VALUE", field="决策方式", field_en="decision mode",
                              value=decision_mode)
        code = clean_text(code, "代码", "code", 50)
        name = clean_text(name, "会议类型", "meeting type", 50)
        with self.db.session(write=True) as session:
            taken = session.scalar(select(m.MeetingType.id).where(
                m.MeetingType.unit_id == unit_id,
                (m.MeetingType.code == code) | (m.MeetingType.name == name)))
            if taken is not None:  # refused in words, not by the unique constraint
                raise DomainError("BAD_VALUE", field="会议类型", field_en="meeting type",
                                  value=f"{name} / {code}（已存在 / exists）")
            row = m.MeetingType(unit_id=unit_id, code=code, name=name,
                                decision_mode=decision_mode)
            session.add(row)
            session.flush()
            return row.id

    # ---- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _member_row(session: Any, member_id: int) -> m.Member:
        row = session.get(m.Member, member_id)
        if row is None:
            raise DomainError("UNKNOWN_MEMBER", member_id=member_id)
        return row

    @staticmethod
    def _active_members(session: Any, unit_id: int) -> list[Member]:
        return [to_member(r) for r in session.scalars(select(m.Member).where(
            m.Member.unit_id == unit_id, m.Member.active.is_(True)))]

    @staticmethod
    def _rules(session: Any, unit_id: int) -> RuleSet:
        latest = session.scalar(select(m.RuleSet).where(m.RuleSet.unit_id == unit_id)
                                .order_by(m.RuleSet.version.desc()).limit(1))
        if latest is None:
            raise DomainError("BAD_VALUE", field="单位", field_en="unit", value=unit_id)
        return RuleSet.from_dict(json.loads(latest.data))

