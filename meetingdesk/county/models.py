"""The county archive's tables.

The archive keeps every filed package byte for byte; everything parsed from the packages is an
index that can be rebuilt from them. Trust (the county's root, unit certificates, revocations)
lives here too: a package is accepted only against this registry.

Timestamps are ISO 8601 text with a UTC offset, as in the township's database.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (JSON, Boolean, CHAR, CheckConstraint, ForeignKey, Index, LargeBinary,
                        MetaData, Numeric, Text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from meetingdesk.store.models import NAMING_CONVENTION, now_iso

CERTIFICATE_ORIGINS = ("issued", "registered")  # issued by the county's root, or registered by
# fingerprint after the unit's paper form under its seal was checked


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {str: Text}


class Archive(Base):
    """The one row that makes a database a county archive: the county's name and its root
    certificate, whose private key is kept encrypted with the county's passphrase."""

    __tablename__ = "county_archive"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    created_at: Mapped[str] = mapped_column(default=now_iso)
    root_certificate: Mapped[bytes] = mapped_column(LargeBinary)  # DER
    root_key: Mapped[bytes] = mapped_column(LargeBinary)  # PKCS#8 PEM, passphrase-encrypted
    root_sha256: Mapped[str] = mapped_column(CHAR(64))


class Unit(Base):
    """A unit (township, department) the county receives records from, by its exact name as
    its records and certificates carry it."""

    __tablename__ = "county_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    created_at: Mapped[str] = mapped_column(default=now_iso)

    certificates: Mapped[list[UnitCertificate]] = relationship(back_populates="unit")


class UnitCertificate(Base):
    """A signing certificate the county accepts for one unit, from ``valid_from`` (when it was
    issued or registered) until it is revoked (``revoked_from``)."""

    __tablename__ = "unit_certificates"
    __table_args__ = (CheckConstraint(
        "origin IN ('issued', 'registered')", name="origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("county_units.id"), index=True)
    sha256: Mapped[str] = mapped_column(CHAR(64), unique=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    origin: Mapped[str]
    subject: Mapped[str]  # the certificate's common name
    not_before: Mapped[str]
    not_after: Mapped[str]
    added_at: Mapped[str] = mapped_column(default=now_iso)
    revoked_from: Mapped[str | None]  # signatures made from this moment on do not count
    revoked_at: Mapped[str | None]  # when the revocation was entered
    revoke_reason: Mapped[str | None]

    unit: Mapped[Unit] = relationship(back_populates="certificates")


# --- Receipt and the index. filed_packages/refused_packages keep the bytes as received; the
# filed_* tables and search are parsed from the accepted bytes and can be rebuilt from them.

PACKAGE_KINDS = ("record", "cancellation")


class ReceiptBatch(Base):
    """One import (a folder, a USB stick): what came in together, and its 回执 PDF."""

    __tablename__ = "receipt_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[str] = mapped_column(default=now_iso)
    source: Mapped[str]  # the paths imported, one a line
    receipt_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)


class FiledPackage(Base):
    """An accepted package, byte for byte. A later package of the same meeting with a longer
    log (a correction after closing) supersedes it; both are kept."""

    __tablename__ = "filed_packages"
    __table_args__ = (CheckConstraint("kind IN ('record', 'cancellation')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("receipt_batches.id"), index=True)
    sha256: Mapped[str] = mapped_column(CHAR(64), unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    file_name: Mapped[str]
    received_at: Mapped[str] = mapped_column(default=now_iso)
    unit_id: Mapped[int] = mapped_column(ForeignKey("county_units.id"), index=True)
    meeting_uid: Mapped[str] = mapped_column(index=True)
    fingerprint: Mapped[str]  # the log's chain head, as the record prints it
    kind: Mapped[str] = mapped_column(default="record")
    signed_at: Mapped[str | None]
    certificate_sha256: Mapped[str] = mapped_column(CHAR(64))
    log_entries: Mapped[int]  # length of the meeting's log: a longer one supersedes
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("filed_packages.id"))


class RefusedPackage(Base):
    """A refused package, kept apart for inspection with every reason it was refused."""

    __tablename__ = "refused_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("receipt_batches.id"), index=True)
    sha256: Mapped[str] = mapped_column(CHAR(64), index=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    file_name: Mapped[str]
    received_at: Mapped[str] = mapped_column(default=now_iso)
    unit_name: Mapped[str | None]
    meeting_uid: Mapped[str | None]
    reasons: Mapped[list] = mapped_column(JSON)  # [{aspect, zh, en}]


class FiledMeeting(Base):
    """A filed meeting as its package records it (or a cancelled one, from its notice)."""

    __tablename__ = "filed_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("filed_packages.id"), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("county_units.id"))
    meeting_uid: Mapped[str] = mapped_column(index=True)
    meeting_type: Mapped[str]  # the type's code; numbering runs per unit, type and year
    meeting_type_name: Mapped[str]  # as the record prints it (党委会)
    year: Mapped[int]
    number: Mapped[int | None]
    title: Mapped[str]
    held_on: Mapped[str | None]  # the date held, or planned for a cancelled meeting
    started_at: Mapped[str | None]
    ended_at: Mapped[str | None]
    place: Mapped[str | None]
    chair: Mapped[str | None]
    recorder: Mapped[str | None]
    chief: Mapped[str | None]
    expected: Mapped[int | None]
    present: Mapped[int | None]
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str | None]
    cancelled_by: Mapped[str | None]
    cancelled_at: Mapped[str | None]
    received_at: Mapped[str]
    days_to_receipt: Mapped[int | None]

    __table_args__ = (Index("ix_filed_meetings_unit_id_year_meeting_type",
                            "unit_id", "year", "meeting_type"),
                      Index("ix_filed_meetings_held_on", "held_on"))


class FiledItem(Base):
    __tablename__ = "filed_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("filed_meetings.id"), index=True)
    no: Mapped[int]
    title: Mapped[str]
    kind: Mapped[str]
    category: Mapped[str]
    major: Mapped[bool] = mapped_column(Boolean, default=False)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    fund_type: Mapped[str | None]
    area: Mapped[str | None]
    mode: Mapped[str]  # vote | head
    outcome: Mapped[str | None]  # passed | rejected | deferred | concluded
    decision: Mapped[str | None]
    deferral_reason: Mapped[str | None]
    head_decision: Mapped[str | None]
    head_reason: Mapped[str | None]
    against_majority: Mapped[bool] = mapped_column(Boolean, default=False)
    carried_from_uid: Mapped[str | None]
    carried_from_no: Mapped[int | None]
    agree: Mapped[int | None]
    disagree: Mapped[int | None]
    abstain: Mapped[int | None]


class FiledAttendance(Base):
    __tablename__ = "filed_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("filed_meetings.id"), index=True)
    member: Mapped[str]
    is_chief: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str]  # present | absent | late | left_early
    reason: Mapped[str | None]


class FiledOpinion(Base):
    __tablename__ = "filed_opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("filed_items.id"), index=True)
    seq: Mapped[int]
    at: Mapped[str]
    member: Mapped[str]
    is_chief: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str]
    stance: Mapped[str | None]
    words: Mapped[str]


class FiledVote(Base):
    __tablename__ = "filed_votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("filed_items.id"), index=True)
    member: Mapped[str]
    choice: Mapped[str]
    candidate: Mapped[str | None]  # for an election, the candidate the choice is about


class FiledCorrection(Base):
    __tablename__ = "filed_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("filed_meetings.id"), index=True)
    at: Mapped[str]
    author: Mapped[str]
    reason: Mapped[str]
    text: Mapped[str]
    after_closing: Mapped[bool] = mapped_column(Boolean, default=False)


class FiledSignature(Base):
    __tablename__ = "filed_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("filed_meetings.id"), index=True)
    role: Mapped[str]
    name: Mapped[str]


class SearchText(Base):
    """One searchable text of a filed meeting (a title, words spoken, a decision, a name).
    Served by FTS5 trigram (``search_fts``, kept by triggers) on SQLite, matching Chinese
    substrings of three characters and more, and on PostgreSQL by a GIN index of each text's
    character pairs (``search_bigrams``, migration c0003), two characters and more."""

    __tablename__ = "search"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("filed_meetings.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("filed_items.id"))
    field: Mapped[str]  # title | words | decision | name
    text: Mapped[str]
    # the meeting's held_on ('' when none), set by a trigger (c0004): the order of the hits
    held_on: Mapped[str] = mapped_column(server_default="")
