"""The installed program's commands on a Chinese Windows console: GBK (cp936) output.

On Chinese Windows a console, and output redirected to a file or pipe, is GBK, which has no
"✓"/"✗": `verify` printed 验证通过 and then died with UnicodeEncodeError. It now marks its
findings with "√"/"×", which GBK has, and prints anything GBK lacks as "?". Run here through
the bundle's entry point (packaging/meetingdesk_main.py) with PYTHONIOENCODING=gbk and with a
cp936 stdout, as the frozen program would be on Windows.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "packaging" / "meetingdesk_main.py"


def entry(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, str(ENTRY), *args], capture_output=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    """A database with the demo and the closed demo meeting's record, and its environment."""
    folder = tmp_path_factory.mktemp("gbk")
    env = dict(os.environ, MEETINGDESK_DATA_DIR=str(folder / "data"),
               MD_PASSPHRASE="xiaotang-demo", PYTHONIOENCODING="utf-8")
    assert entry(["demo"], env).returncode == 0
    listing = entry(["list"], env).stdout.decode("utf-8")
    meeting = next(line.split("\t")[0] for line in listing.splitlines() if "已闭会" in line)
    pdf = folder / "record.pdf"
    export = entry(["export", meeting, "--pdf", str(pdf), "--passphrase-env", "MD_PASSPHRASE"],
                   env)
    assert export.returncode == 0, export.stderr.decode("utf-8", "replace")
    trusted = re.search(r"verify --trust 使用）：([0-9a-f]{64})", export.stdout.decode()).group(1)
    return env, pdf, trusted


@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_verify_and_check_finish_on_a_gbk_console(
        record: tuple[dict[str, str], Path, str], encoding: str) -> None:
    env, pdf, trusted = record
    env = dict(env, PYTHONIOENCODING=encoding)
    verify = entry(["verify", str(pdf), "--trust", trusted], env)
    assert verify.returncode == 0, verify.stderr.decode(encoding, "replace")
    text = verify.stdout.decode(encoding)  # all of it is GBK
    assert "验证通过" in text and "?" not in text
    findings = [line for line in text.splitlines() if line.startswith(("  √ ", "  × "))]
    assert findings and all(line.startswith("  √ ") for line in findings), text
    check = entry(["check"], env)
    assert check.returncode == 0, check.stderr.decode(encoding, "replace")
    assert "检查通过" in check.stdout.decode(encoding)
