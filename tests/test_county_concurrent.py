"""Two imports of the same packages at once (two county windows, two scripts) on one archive,
each its own process: every package is filed once, the other import says it is already on file
(the words of a re-import), and neither fails on the archive's unique keys."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from county_packages import new_archive, stick  # noqa: F401 (fixture)
from meetingdesk.county.archive import open_archive
from meetingdesk.county.models import FiledMeeting, FiledPackage, RefusedPackage


def start_import(folder: Path, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "meetingdesk.cli", "county", "import",
                             str(folder), "--db", url], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def started_together(folder: Path, url: str) -> list[subprocess.Popen[str]]:
    """Both imports started and, on PostgreSQL, held at their first write until both wait
    there, then let go at once: they reach the same package at the same moment."""
    if not url.startswith("postgresql"):  # SQLite's writers take turns by its write lock
        return [start_import(folder, url), start_import(folder, url)]
    engine = create_engine(url)
    try:
        with engine.begin() as conn:  # a slow server: a filing's transaction lasts a second,
            conn.execute(text(         # so that the other import reaches the same package in it
                "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$"))
            conn.execute(text("CREATE TRIGGER slow AFTER INSERT ON filed_packages "
                              "FOR EACH ROW EXECUTE FUNCTION slow()"))
        with engine.begin() as conn:
            conn.execute(text("LOCK TABLE receipt_batches IN EXCLUSIVE MODE"))
            imports = [start_import(folder, url), start_import(folder, url)]
            deadline = time.monotonic() + 60
            while conn.execute(text(  # the statistics are a snapshot until cleared
                    "SELECT pg_stat_clear_snapshot(), count(*) FROM pg_stat_activity WHERE "
                    "wait_event_type = 'Lock' AND datname = current_database()")).one()[1] < 2:
                assert time.monotonic() < deadline and all(i.poll() is None for i in imports)
                time.sleep(0.05)
    finally:
        engine.dispose()
    return imports


def test_two_imports_of_the_same_stick_at_once_file_each_package_once(db_url, stick, tmp_path):
    new_archive(db_url, stick.certificate).close()
    folder = tmp_path / "stick"
    folder.mkdir()
    for source in (stick.first, stick.third, stick.folder / "m4-cancelled.mdpkg"):
        shutil.copy(source, folder / source.name)
    results = [(i.wait(timeout=300), *i.communicate()) for i in started_together(folder, db_url)]
    for code, out, err in results:
        assert code == 0 and "Traceback" not in err and "UniqueViolation" not in err, (out, err)
    lines = [line for _, out, _ in results for line in out.splitlines() if "（m" in line]
    for name in ("m1.mdpkg", "m3.mdpkg", "m4-cancelled.mdpkg"):
        said = sorted(line.split()[0] for line in lines if f"（{name}）" in line)
        assert said == ["受理", "已受理过"], (name, lines)
    archive = open_archive(db_url)
    try:
        with archive.session() as session:
            assert session.scalar(select(func.count()).select_from(FiledPackage)) == 3
            assert session.scalar(select(func.count()).select_from(FiledMeeting)) == 3
            assert session.scalar(select(func.count()).select_from(RefusedPackage)) == 0
    finally:
        archive.close()
