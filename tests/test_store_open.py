"""Opening a database: schema by migration, SQLite settings, refusals, sessions, errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import exc, inspect, select, text

from meetingdesk import paths
from meetingdesk.store import Database, StoreError, appendonly, migrate, open_database
from meetingdesk.store import database as store_database
from meetingdesk.store import db as store_db
from meetingdesk.store.models import Base, Member, Unit

TABLES = {
    "units", "members", "portfolios", "rule_sets", "meeting_types", "meetings",
    "meeting_expected", "meeting_observers", "agenda_items", "attachments", "events", "drafts",
    "certificates", "unit_logs", "unit_log_events", "unit_log_files",
}


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def test_migration_creates_the_whole_schema(db: Database) -> None:
    with db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == TABLES | {"alembic_version"}
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == (
            migrate._newest_revision_on_disk())
        assert appendonly.faults(conn) == []
        # The migration and the models agree, column by column.
        for table in Base.metadata.sorted_tables:
            columns = {c["name"] for c in inspect(conn).get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name


def test_reopening_keeps_data_and_does_not_migrate_again(db_url: str) -> None:
    db = open_database(db_url)
    with db.session() as session:
        session.add(Unit(name="西周镇"))
    db.close()
    db = open_database(db_url)
    try:
        with db.session() as session:
            assert session.scalars(select(Unit.name)).all() == ["西周镇"]
    finally:
        db.close()


def test_sqlite_settings_on_every_connection(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        for _ in range(2):  # two connections held at once: both are set up
            with db.engine.connect() as one, db.engine.connect() as two:
                for conn in (one, two):
                    pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                               for name in ("journal_mode", "synchronous", "foreign_keys",
                                            "busy_timeout")}
                    assert pragmas == {"journal_mode": "wal", "synchronous": 2,
                                       "foreign_keys": 1,
                                       "busy_timeout": store_database.BUSY_TIMEOUT_MS}
    finally:
        db.close()


def test_foreign_keys_enforced(db: Database) -> None:
    with pytest.raises(exc.IntegrityError), db.session() as session:
        session.add(Member(unit_id=999, name="无名", position="委员", rank=1))


def test_session_commits_on_success_and_rolls_back_on_error(db: Database) -> None:
    with db.session() as session:
        session.add(Unit(name="已保存"))
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Unit(name="未保存"))
        session.flush()
        raise RuntimeError("the action failed")
    with db.session() as session:
        assert session.scalars(select(Unit.name)).all() == ["已保存"]


def test_path_target_and_default_target(tmp_path: Path) -> None:
    nested = tmp_path / "新建文件夹" / "会议.sqlite3"
    db = open_database(nested)  # a Path; parent folders are created
    assert db.is_sqlite and db.path == nested and nested.is_file()
    db.close()
    db = open_database(str(nested))  # a plain string path
    assert db.path == nested
    db.close()
    db = open_database(None)
    try:
        assert db.path == paths.default_db_path()
        assert db.path.read_bytes().startswith(store_db.SQLITE_HEADER)
    finally:
        db.close()


@pytest.mark.parametrize("content", [
    "会议记录\n这是一个文本文件。\n".encode(),
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
    b"SQLite",  # shorter than a header
    b"SQLite format 2\x00" + bytes(100),
])
def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(
        tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "meetings.sqlite3"
    target.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_database(target)
    assert caught.value.code == "DB_NOT_SQLITE"
    assert str(target) in caught.value.message_zh
    assert "不是 SQLite 数据库" in caught.value.message_zh
    assert target.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meetings.sqlite3"]


def test_a_file_that_is_not_sqlite_is_refused_by_url_too(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("hello")
    with pytest.raises(StoreError) as caught:
        open_database(f"sqlite:///{target}")
    assert caught.value.code == "DB_NOT_SQLITE"
    assert target.read_text() == "hello"


def test_a_damaged_database_is_reported_and_left_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "damaged.sqlite3"
    content = store_db.SQLITE_HEADER + bytes(range(256)) * 32
    target.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_database(target)
    assert caught.value.code == "DB_CORRUPT"
    assert "已损坏" in caught.value.message_zh and "从备份恢复" in caught.value.message_zh
    assert target.read_bytes() == content


def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    target = tmp_path / "empty.sqlite3"
    target.touch()
    with pytest.raises(StoreError) as caught:
        open_database(target)
    assert caught.value.code == "DB_EMPTY_FILE"
    assert "空文件" in caught.value.message_zh and "未作任何改动" in caught.value.message_zh
    assert target.read_bytes() == b""
    assert [p.name for p in tmp_path.iterdir()] == ["empty.sqlite3"]


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.close()
    with pytest.raises(StoreError) as caught:
        open_database(target)
    assert caught.value.code == "DB_NOT_MEETINGDESK"
    with sqlite3.connect(target) as conn:
        tables = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"notes"}
        assert conn.execute("SELECT body FROM notes").fetchall() == [("keep me",)]
    conn.close()


def test_a_database_from_a_newer_program_is_refused(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(StoreError) as caught:
        open_database(db_url)
    assert caught.value.code == "DB_TOO_NEW"
    assert "9999" in caught.value.message_zh


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        open_database(tmp_path)
    assert caught.value.code == "DB_UNREADABLE"
    assert "无法打开数据库" in caught.value.message_zh


def test_a_locked_database_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_database, "BUSY_TIMEOUT_MS", 200)
    target = tmp_path / "busy.sqlite3"
    db = open_database(target)
    other = sqlite3.connect(target, isolation_level=None)  # another program holding a write
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as caught, db.session() as session:
            session.add(Unit(name="等待中"))
        assert caught.value.code == "DB_LOCKED"
        assert "正被其他程序占用" in caught.value.message_zh
        db.close()
        db = open_database(target)  # reading is not blocked by the other program's write
        with db.session() as session:
            assert session.scalars(select(Unit.name)).all() == []
        db.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    db = open_database(target)  # usable again once released
    with db.session() as session:
        session.add(Unit(name="已释放"))
    db.close()


def test_missing_migration_scripts_are_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a bundle built without the migrations as data files."""
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", tmp_path / "not-bundled")
    with pytest.raises(StoreError) as caught:
        open_database(tmp_path / "new.sqlite3")
    assert caught.value.code == "MIGRATIONS_MISSING"
    assert "安装不完整" in caught.value.message_zh


def test_unreachable_postgresql_is_reported() -> None:
    with pytest.raises(StoreError) as caught:
        open_database("postgresql+psycopg://nobody:secret@127.0.0.1:9/archive?connect_timeout=2")
    assert caught.value.code == "DB_UNREACHABLE"
    assert "secret" not in str(caught.value)
