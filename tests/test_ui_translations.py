"""The English translation is complete and compiled: every tr() text of meetingdesk/ui and every
text of forms/*.ui has an English translation in resources/translations/meetingdesk_en.ts, and the
shipped meetingdesk_en.qm is compiled from it (packaging/translations.py check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_interface_text_is_translated_and_compiled():
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "translations.py"),
                             "check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (
        "run `python packaging/translations.py update`, translate, and update again:\n"
        + result.stdout + result.stderr)
