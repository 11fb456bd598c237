"""The test PostgreSQL server fixture gives a working, isolated database per test."""

from __future__ import annotations

import sqlalchemy as sa


def _roundtrip(url: str, text: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE note (id integer PRIMARY KEY, body text NOT NULL)"))
            conn.execute(sa.text("INSERT INTO note (id, body) VALUES (1, :b)"), {"b": text})
        with engine.connect() as conn:
            return list(conn.execute(sa.text("SELECT body FROM note ORDER BY id")).scalars())
    finally:
        engine.dispose()


def test_pg_url_is_a_working_postgresql_database(pg_url: str) -> None:
    assert pg_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    # Chinese text must survive the round trip (the cluster is UTF-8).
    assert _roundtrip(pg_url, "三重一大事项 末位表态") == ["三重一大事项 末位表态"]
    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.dialect.name == "postgresql"
            assert conn.execute(sa.text("SHOW server_encoding")).scalar() == "UTF8"
    finally:
        engine.dispose()


def test_pg_databases_are_independent(pg_server) -> None:
    first, second = pg_server.create_database(), pg_server.create_database()
    assert first != second
    assert _roundtrip(first, "first") == ["first"]
    # The same table can be created again in the second database: it starts empty.
    assert _roundtrip(second, "second") == ["second"]


def test_db_url_runs_on_both_back_ends(db_url: str) -> None:
    assert _roundtrip(db_url, "纪实") == ["纪实"]
