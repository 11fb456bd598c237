"""The county archive's tables.

The archive keeps every filed package byte for byte; everything parsed from the packages is an
index that can be rebuilt from them. Trust (the county's root, unit certificates, revocations)
lives here too: a package is accepted only against this registry.

Timestamps are ISO 8601 text with a UTC offset, as in the township's database.
"""

from __future__ import annotations

from sqlalchemy import CHAR, CheckConstraint, ForeignKey, LargeBinary, MetaData, Text
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
