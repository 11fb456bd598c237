"""The guard that keeps the event log append-only, inside the database itself.

THIS IS THE ONE PLACE WHERE THE STORE WRITES DIALECT-SPECIFIC SQL. Everything else goes through
SQLAlchemy and behaves the same on SQLite and PostgreSQL.

Triggers refuse UPDATE and DELETE on `events` (a meeting's log) and on `unit_log_events` (a
unit's submissions and follow-up logs), whoever issues them (this program, a script, a
database tool). On PostgreSQL a statement-level trigger also refuses TRUNCATE, which would
otherwise bypass the row-level DELETE trigger; SQLite has no TRUNCATE (its "DELETE FROM events"
fires the row trigger). Someone with full access to the file or server can still drop the triggers
first; that is what integrity.check_store and the hash chain are there to reveal.

If this SQL ever has to change, add a migration that drops and re-creates the guard, and keep the
names below, which integrity.check_store looks for.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_MESSAGE_SQLITE = "事件记录只能追加，不能修改或删除 / events are append-only: {op} refused"

# The guarded tables, in the order their migrations created them (0001, 0004).
TABLES = ("events", "unit_log_events")


def _sqlite_triggers(table: str) -> dict[str, str]:
    """SQLite keeps each trigger's CREATE statement verbatim in sqlite_master: compared as is."""
    return {
        f"{table}_no_{op.lower()}": (
            f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE_SQLITE.format(op=op)}'); END"
        )
        for op in ("UPDATE", "DELETE")
    }


def _postgresql_triggers(table: str) -> dict[str, str]:
    return {
        f"{table}_no_update": f"BEFORE UPDATE ON {table} FOR EACH ROW",
        f"{table}_no_delete": f"BEFORE DELETE ON {table} FOR EACH ROW",
        f"{table}_no_truncate": f"BEFORE TRUNCATE ON {table} FOR EACH STATEMENT",
    }



POSTGRESQL_FUNCTION = "events_append_only"
# The function body as PostgreSQL stores it (pg_proc.prosrc), so it can be compared.
# (Concatenation rather than RAISE's % placeholders, which the driver would take for its own.)
POSTGRESQL_FUNCTION_BODY = """
BEGIN
    RAISE EXCEPTION USING MESSAGE =
        '事件记录只能追加，拒绝 ' || TG_OP || ' / events are append-only: ' || TG_OP || ' refused';
END
"""

def install(conn: Connection, table: str = "events") -> None:
    """Create the guard of `table` (called by the migration that creates the table); the
    PostgreSQL function they share comes with the first, on `events`."""
    if conn.dialect.name == "sqlite":
        for create in _sqlite_triggers(table).values():
            conn.exec_driver_sql(create)
        return
    if table == "events":
        conn.exec_driver_sql(
            f"CREATE FUNCTION {POSTGRESQL_FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
            f"AS $${POSTGRESQL_FUNCTION_BODY}$$")
    for name, when in _postgresql_triggers(table).items():
        conn.exec_driver_sql(
            f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {POSTGRESQL_FUNCTION}()")


def remove(conn: Connection, table: str = "events") -> None:
    """Drop the guard of `table` (only for downgrading the migration that installed it)."""
    if conn.dialect.name == "sqlite":
        for name in _sqlite_triggers(table):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    elif table == "events":
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {POSTGRESQL_FUNCTION}() CASCADE")
    else:
        for name in _postgresql_triggers(table):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")


def faults(conn: Connection) -> list[tuple[str, str]]:
    """What is wrong with the guard, as (Chinese, English) reasons; empty when it is intact."""
    found: list[tuple[str, str]] = []
    if conn.dialect.name == "sqlite":
        for table in TABLES:
            stored = dict(conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
                {"t": table}).all())
            for name, create in _sqlite_triggers(table).items():
                if name not in stored:
                    found.append(_missing(name, table))
                elif stored[name] != create:
                    found.append(_altered(name, table))
        return found

    body = conn.execute(text("SELECT prosrc FROM pg_proc WHERE proname = :name"),
                        {"name": POSTGRESQL_FUNCTION}).scalar()
    if body is None:
        found.append((f"防篡改函数 {POSTGRESQL_FUNCTION} 缺失",
                      f"the guard function {POSTGRESQL_FUNCTION} is missing"))
    elif body != POSTGRESQL_FUNCTION_BODY:
        found.append((f"防篡改函数 {POSTGRESQL_FUNCTION} 被改动",
                      f"the guard function {POSTGRESQL_FUNCTION} was altered"))
    for table in TABLES:
        # tgenabled: 'O' fires normally, 'A' always; 'D' is disabled, 'R' fires only on replicas.
        stored = dict(conn.execute(text(
            "SELECT t.tgname, t.tgenabled IN ('O', 'A') AND p.proname = :name "
            "FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = CAST(:t AS regclass) AND NOT t.tgisinternal"),
            {"name": POSTGRESQL_FUNCTION, "t": table}).all())
        for name in _postgresql_triggers(table):
            if name not in stored:
                found.append(_missing(name, table))
            elif not stored[name]:
                found.append(_altered(name, table))
    return found


def _missing(name: str, table: str) -> tuple[str, str]:
    return (f"{_TABLE_ZH[table]}的防篡改触发器 {name} 缺失（事件可被修改或删除）",
            f"the {table} table's append-only trigger {name} is missing "
            "(events could be edited or deleted)")


def _altered(name: str, table: str) -> tuple[str, str]:
    return (f"{_TABLE_ZH[table]}的防篡改触发器 {name} 被改动或停用",
            f"the {table} table's append-only trigger {name} was altered or disabled")


_TABLE_ZH = {"events": "事件表", "unit_log_events": "议题申报与督办记录表"}
