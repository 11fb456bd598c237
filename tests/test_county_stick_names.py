"""A stick written on Chinese Windows and mounted without ``iocharset`` shows file names in GBK
bytes that are not UTF-8: their packages are received like any other, under a readable name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from county_packages import new_archive, stick  # noqa: F401 (fixture)
from meetingdesk.county.receipt import ACCEPTED, receive

CLI = "import sys; from meetingdesk import cli; sys.exit(cli.main(sys.argv[1:]))"


def stick_with_a_gbk_name(folder: Path, stick) -> Path:  # noqa: F811 (the fixture's value)
    folder.mkdir()
    (folder / "m3.mdpkg").write_bytes(stick.third.read_bytes())
    with open(os.path.join(os.fsencode(folder), "东湖.mdpkg".encode("gbk")), "wb") as out:
        out.write(stick.first.read_bytes())
    return folder


def test_a_package_named_in_gbk_is_received_under_its_chinese_name(db_url, stick, tmp_path):
    archive = new_archive(db_url, stick.certificate)
    batch = receive(archive, [stick_with_a_gbk_name(tmp_path / "stick", stick)])
    assert sorted((o.file_name, o.status) for o in batch.outcomes) == [
        ("m3.mdpkg", ACCEPTED), ("东湖.mdpkg", ACCEPTED)]
    assert batch.receipt_pdf.startswith(b"%PDF")
    archive.close()


def test_the_import_command_prints_the_gbk_name_readably(sqlite_url, stick, tmp_path):
    new_archive(sqlite_url, stick.certificate).close()
    folder = stick_with_a_gbk_name(tmp_path / "stick", stick)
    done = subprocess.run([sys.executable, "-c", CLI, "county", "import", str(folder), "--db",
                           sqlite_url], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr[-600:]
    assert done.returncode == 0 and "共 2 个备案包：受理 2" in done.stdout
    assert "东湖.mdpkg" in done.stdout
