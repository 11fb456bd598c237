"""Shared fixtures: database URLs (SQLite and a real PostgreSQL), and an isolated data folder."""

from __future__ import annotations

import os

# Qt must be told before anything imports it: tests drive real widgets without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from pg_server import PgServer, PgServerError  # noqa: E402  (tests/ is on sys.path)

# On CI machines timing varies: no per-example deadline there.
settings.register_profile("ci", deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point MEETINGDESK_DATA_DIR at a temp folder so no test touches the real user folder."""
    data_dir = tmp_path / "meetingdesk-data"
    monkeypatch.setenv("MEETINGDESK_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture(autouse=True)
def _app_font_restored() -> Iterator[None]:
    """A test that zooms the interface (the application's font) leaves the next one at the
    size it found, whatever order a worker runs them in."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    font = app.font() if isinstance(app, QApplication) else None
    yield
    if font is not None and isinstance(app, QApplication):
        app.setFont(font)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server for the whole session; fails (never skips) if it cannot run."""
    try:
        server = PgServer().start()
    except PgServerError as exc:
        pytest.fail(f"cannot start the test PostgreSQL server: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh, empty PostgreSQL database for one test (SQLAlchemy URL)."""
    return pg_server.create_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file for one test (SQLAlchemy URL)."""
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run a store/service test on both back ends."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
