"""The tables of MeetingDesk.

Reference data (units, members, divisions of work, rule sets, meeting headers and agendas) are
ordinary tables that may be edited. The life of a meeting is its event log (`events`), which is
append-only: the database itself refuses UPDATE and DELETE on it (see appendonly.py).

Timestamps are ISO 8601 text with a UTC offset, the same form the event log uses, so that both
back ends store and return exactly the same value.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CHAR, CheckConstraint, Column, ForeignKey, Index, LargeBinary, MetaData, Table, Text,
    UniqueConstraint, true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints keep future migrations (and SQLite's batch ALTER) deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MEETING_STATUSES = ("preparing", "in_progress", "closed", "filed")
UNIT_LOG_KINDS = ("submissions", "followup")  # R13 议题申报, R14 督办
DECISION_MODES = ("vote", "head")
ITEM_KINDS = ("study", "briefing", "decision")


def now_iso() -> str:
    """The local time now, to the second, with its UTC offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {str: Text}


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    created_at: Mapped[str] = mapped_column(default=now_iso)

    members: Mapped[list[Member]] = relationship(order_by="Member.rank")
    meeting_types: Mapped[list[MeetingType]] = relationship()


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str]
    position: Mapped[str]
    rank: Mapped[int]  # 1 = most senior
    is_chief: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True, server_default=true())


class Portfolio(Base):
    """One area of a unit's division of work (分工) and the member who holds it."""

    __tablename__ = "portfolios"
    __table_args__ = (UniqueConstraint("unit_id", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    area: Mapped[str]


class RuleSet(Base):
    """One version of a unit's rules; `data` is canonical JSON, read by the domain layer."""

    __tablename__ = "rule_sets"
    __table_args__ = (UniqueConstraint("unit_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    version: Mapped[int]
    data: Mapped[str]
    created_at: Mapped[str] = mapped_column(default=now_iso)


class MeetingType(Base):
    __tablename__ = "meeting_types"
    __table_args__ = (
        UniqueConstraint("unit_id", "code"),
        CheckConstraint(_in("decision_mode", DECISION_MODES), name="decision_mode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    code: Mapped[str]
    name: Mapped[str]
    decision_mode: Mapped[str]  # 'vote' (collegiate) or 'head' (行政首长负责制)


meeting_expected = Table(
    "meeting_expected",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("members.id"), primary_key=True),
)


class Meeting(Base):
    """A meeting's header. Its `status` is a cache of the log's state, kept for listing."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("unit_id", "type_id", "year", "number"),
        CheckConstraint(_in("status", MEETING_STATUSES), name="status"),
        Index("ix_meetings_unit_id_status", "unit_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(unique=True)  # uuid4; every event of the log is sealed with it
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    type_id: Mapped[int] = mapped_column(ForeignKey("meeting_types.id"))
    year: Mapped[int]
    number: Mapped[int]
    title: Mapped[str]
    scheduled_at: Mapped[str] = mapped_column(index=True)
    place: Mapped[str]
    chair_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    deputy_chair_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    recorder_name: Mapped[str]
    status: Mapped[str] = mapped_column(default="preparing")
    created_at: Mapped[str] = mapped_column(default=now_iso)
    # R11: a prepared meeting that does not take place is cancelled, never deleted, so that its
    # number stays accounted for. It has no log, so `status` (the log's cache) stays 'preparing'.
    cancelled_at: Mapped[str | None]
    cancelled_by: Mapped[str | None]
    cancel_reason: Mapped[str | None]

    unit: Mapped[Unit] = relationship()
    meeting_type: Mapped[MeetingType] = relationship()
    expected: Mapped[list[Member]] = relationship(secondary=meeting_expected,
                                                  order_by="Member.rank")
    observers: Mapped[list[MeetingObserver]] = relationship(cascade="all, delete-orphan")
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        order_by="AgendaItem.position", cascade="all, delete-orphan")


class MeetingObserver(Base):
    """Someone who attends (列席) without a vote."""

    __tablename__ = "meeting_observers"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[str]
    position: Mapped[str]


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint(_in("kind", ITEM_KINDS), name="kind"),
        Index("ix_agenda_items_meeting_id_position", "meeting_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int]
    title: Mapped[str]
    kind: Mapped[str]  # 'study', 'briefing' or 'decision'
    category: Mapped[str] = mapped_column(default="")
    amount: Mapped[str | None]  # a decimal kept as text, never a float
    fund_type: Mapped[str | None]
    area: Mapped[str | None]
    presenter_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    vote_mode: Mapped[str] = mapped_column(default="")
    candidates: Mapped[str] = mapped_column(default="[]")  # JSON list
    materials: Mapped[str] = mapped_column(default="[]")  # JSON list
    posts: Mapped[int | None]  # posts to fill on an appointment item; None: one per candidate
    carried_from_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"))
    # R13: the approved submission (its number in the unit's submissions log) the item came
    # from, and when its materials were given to members (ISO time), printed in the record
    submission_no: Mapped[int | None]
    materials_given: Mapped[str | None]
    # R14: the decision and tasks a progress-report item reports on (JSON of ReportLink)
    reports_on: Mapped[str | None]
    notes: Mapped[str] = mapped_column(default="")

    attachments: Mapped[list[Attachment]] = relationship(cascade="all, delete-orphan")


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"),
                                         index=True)
    filename: Mapped[str]
    sha256: Mapped[str] = mapped_column(CHAR(64))
    stored_path: Mapped[str]
    size: Mapped[int]


class SealedEntry:
    """The columns of one entry of a log, exactly as sealed by domain.chain (see eventlog.py)."""

    seq: Mapped[int]
    type: Mapped[str]
    at: Mapped[str]
    # No foreign key on purpose: the log must stay readable whatever happens to reference data.
    member_id: Mapped[int | None]
    payload: Mapped[str]  # canonical JSON, exactly the text that was hashed
    prev_hash: Mapped[str] = mapped_column(CHAR(64))
    hash: Mapped[str] = mapped_column(CHAR(64))


class EventRecord(SealedEntry, Base):
    """One row of a meeting's log, exactly as sealed by domain.chain (see eventlog.py).

    The meeting_uid that the hash covers is not repeated here: it is meetings.uid.
    """

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("meeting_id", "seq"),  # refuses a fork of the log
        CheckConstraint("seq >= 1", name="seq_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # RESTRICT: a meeting that has a log can never be deleted.
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))


class UnitLog(Base):
    """A unit's own append-only log beside its meetings': submissions (R13) or follow-up (R14)."""

    __tablename__ = "unit_logs"
    __table_args__ = (
        UniqueConstraint("unit_id", "kind"),
        CheckConstraint(_in("kind", UNIT_LOG_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(unique=True)  # uuid4; every event of the log is sealed with it
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str]
    created_at: Mapped[str] = mapped_column(default=now_iso)


class UnitLogEvent(SealedEntry, Base):
    """One row of a unit log, exactly as sealed by domain.chain; append-only like `events`."""

    __tablename__ = "unit_log_events"
    __table_args__ = (
        UniqueConstraint("log_id", "seq"),  # refuses a fork of the log
        CheckConstraint("seq >= 1", name="seq_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("unit_logs.id", ondelete="RESTRICT"))


class UnitLogFile(Base):
    """A file handed in with a unit log's entry (a check's evidence), stored like attachments."""

    __tablename__ = "unit_log_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("unit_logs.id"), index=True)
    seq: Mapped[int]  # the entry that names it
    filename: Mapped[str]
    sha256: Mapped[str] = mapped_column(CHAR(64))
    stored_path: Mapped[str]
    size: Mapped[int]


class Draft(Base):
    """Text the recorder was typing and has not confirmed yet (survives a crash)."""

    __tablename__ = "drafts"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            primary_key=True)
    key: Mapped[str] = mapped_column(primary_key=True)
    text: Mapped[str]
    updated_at: Mapped[str] = mapped_column(default=now_iso, onupdate=now_iso)


class Certificate(Base):
    """A unit's signing certificate: PKCS#12 bytes, protected by a passphrase."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    p12: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(default=now_iso)
