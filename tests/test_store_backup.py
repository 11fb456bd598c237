"""Backups: taken before a migration, on demand, and faithful to the original."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from meetingdesk import paths
from meetingdesk.store import eventlog, migrate, open_database
from meetingdesk.store.backup import backup_database
from test_store_eventlog import add_meeting, append_chain

# The program's newest revision, and a later one for the test only: it adds a table, so a copy
# taken before the migration and one taken after it can be told apart.
HEAD = migrate._newest_revision_on_disk()
LATER_REVISION = f'''
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{HEAD}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("later_probe", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("later_probe")
'''


def events_in(path: Path) -> list[tuple]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT meeting_id, seq, type, at, member_id, payload, prev_hash, hash"
                            " FROM events ORDER BY meeting_id, seq").fetchall()
    conn.close()
    return rows


def tables_in(path: Path) -> set[str]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    return names


def with_later_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        source: str = LATER_REVISION) -> None:
    """Make the program's migrations one revision longer than the database's schema."""
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9999_later_probe.py").write_text(source)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)


def test_a_database_behind_head_is_backed_up_before_it_is_migrated(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "meetings.sqlite3"
    db = open_database(target)
    meeting_id, uid = add_meeting(db)
    append_chain(db, meeting_id, uid, 5)
    db.close()
    before = events_in(target)
    assert not list(paths.backups_dir().iterdir())  # a new database needs no backup

    with_later_revision(tmp_path, monkeypatch)
    db = open_database(target)
    db.close()

    backups = list(paths.backups_dir().iterdir())
    assert len(backups) == 1
    backup = backups[0]
    assert backup.name.startswith("meetings-") and backup.name.endswith(
        "-before-migration.sqlite3")
    # The copy is the database as it was before the migration, complete.
    assert "later_probe" not in tables_in(backup)
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    conn.close()
    assert events_in(backup) == before
    # And the database itself was migrated, its log untouched.
    assert "later_probe" in tables_in(target)
    assert events_in(target) == before

    open_database(target).close()  # at head now: no second backup
    assert len(list(paths.backups_dir().iterdir())) == 1


def test_a_failed_migration_leaves_the_database_as_it_was(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(db_url)
    meeting_id, uid = add_meeting(db)
    events = append_chain(db, meeting_id, uid, 2)
    db.close()
    own_migrations = migrate.MIGRATIONS_DIR
    with_later_revision(tmp_path, monkeypatch, LATER_REVISION.replace(
        "primary_key=True))", "primary_key=True))\n    raise RuntimeError('halfway')"))
    with pytest.raises(RuntimeError, match="halfway"):
        open_database(db_url)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", own_migrations)
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            assert "later_probe" not in inspect(conn).get_table_names()
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
        with db.session() as session:
            assert eventlog.load(session, meeting_id) == events
    finally:
        db.close()


def test_postgresql_is_migrated_without_a_desktop_backup(
        pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(pg_url)
    add_meeting(db)
    db.close()
    with_later_revision(tmp_path, monkeypatch)
    db = open_database(pg_url)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "9999"
        assert backup_database(db, "meeting-1-closed") is None
    finally:
        db.close()
    assert not list(paths.backups_dir().iterdir())


def test_backup_on_demand_is_a_complete_standalone_copy(tmp_path: Path) -> None:
    target = tmp_path / "会议.sqlite3"
    db = open_database(target)
    try:
        meeting_id, uid = add_meeting(db)
        append_chain(db, meeting_id, uid, 3)
        first = backup_database(db, "meeting-42-closed")
        second = backup_database(db, "meeting-42-closed")  # same second: a distinct name
    finally:
        db.close()
    assert first is not None and second is not None and first != second
    assert first.parent == paths.backups_dir()
    assert first.name.startswith("会议-") and "meeting-42-closed" in first.name
    assert first.read_bytes()[:16] == b"SQLite format 3\x00"
    # One self-contained file: no WAL beside it, nothing half-written left behind.
    assert sorted(p.name for p in paths.backups_dir().iterdir()) == sorted(
        [first.name, second.name])
    with sqlite3.connect(first) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    assert events_in(first) == events_in(target)
    assert len(events_in(first)) == 3
    # Restored, the copy opens as a MeetingDesk database in its own right.
    restored = tmp_path / "restored.sqlite3"
    shutil.copyfile(first, restored)
    open_database(restored).close()


def test_the_newest_numbered_file_is_alembics_head() -> None:
    """The fast path of opening a database reads the newest revision from the file names;
    it must agree with Alembic's own view of the migrations."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    assert migrate._newest_revision_on_disk() == ScriptDirectory.from_config(config).get_current_head()
