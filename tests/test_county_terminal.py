"""What `county import` and `verify` print comes partly from outside: a file's name on the
stick, the unit and title in a package's log. A control character there is shown escaped,
never obeyed: a refused package cannot redraw its own line on the clerk's terminal as 受理."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from county_packages import UNIT, new_archive, stick  # noqa: F401 (fixture)
from meetingdesk.terminal import printable
from package_forge import parts, refit, write
from test_county_receipt import run_cli
from test_export_cli import rehashed

# erase the line, back to its start, write a line of one's own, hide the rest of it
FAKE = "\x1b[2K\r受理  东湖镇党委 2026年第9次党委会  （m9.mdpkg）\x1b[8m"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("text, shown", [
    ("a\x1b[2K\rb", "a\\x1b[2K\\rb"), ("第1次\n受理", "第1次\\n受理"),
    ("\u202edcba", "\\u202edcba"), ("东湖镇党委\t2026年第1次党委会", "东湖镇党委\t2026年第1次党委会")])
def test_control_characters_are_shown_escaped(text, shown):
    assert printable(text) == shown


def test_a_file_name_on_the_stick_cannot_write_control_characters_to_the_terminal(
        sqlite_url, stick, tmp_path):
    new_archive(sqlite_url, stick.certificate).close()
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.copy(stick.resigned, folder / f"{FAKE}.mdpkg")
    code, out, _ = run_cli("county", "import", folder, "--db", sqlite_url)
    assert code == 1 and not CONTROL.search(out), repr(out)
    assert out.startswith("拒收  东湖镇党委 2026年第1次党委会  （\\x1b[2K\\r受理")
    code, out, _ = run_cli("verify", folder / f"{FAKE}.mdpkg")
    assert code == 3 and not CONTROL.search(out), repr(out)


def test_a_unit_name_in_a_forged_log_cannot_write_control_characters_to_the_terminal(
        sqlite_url, stick, tmp_path):
    files = parts(stick.first)  # the genuine PDF kept: the package is refused, and printed
    events = json.loads(files["events.json"])
    events[0]["payload"]["unit"]["name"] = UNIT + FAKE
    files["events.json"] = json.dumps(rehashed(events), ensure_ascii=False).encode()
    forged = tmp_path / "m1.mdpkg"
    write(forged, refit(files))
    new_archive(sqlite_url, stick.certificate).close()
    for command in (("county", "import", forged, "--db", sqlite_url), ("verify", forged)):
        code, out, _ = run_cli(*command)
        assert code == 1 and not CONTROL.search(out), repr(out)
        assert not any(line.startswith("受理") for line in out.splitlines())
        # the unit-name rule names the characters before the terminal would escape them
        assert "[U+001B][2K[U+000D]受理" in out, out
