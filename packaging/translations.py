"""The interface translation: Chinese source texts (tr() in meetingdesk/ui, forms/*.ui) and their
English translation in resources/translations/meetingdesk_en.ts, compiled to meetingdesk_en.qm.

    python packaging/translations.py update   # collect new texts into the .ts, compile the .qm
    python packaging/translations.py check    # exit 1 if a text is untranslated or the .qm stale

After `update`, translate the new (unfinished) messages with Qt Linguist (pyside6-linguist) or by
editing the .ts, then run `update` again to compile. Uses pyside6-lupdate and pyside6-lrelease,
which come with PySide6 (next to the Python running this script).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "meetingdesk_en.ts"
QM = TS.with_suffix(".qm")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else on PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "meetingdesk" / "ui").rglob("*.py"),
                                                     *(ROOT / "forms").glob("*.ui")])


def lupdate(ts: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none",
                    "-source-language", "zh_CN", "-target-language", "en",
                    *sources(), "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   check=True, capture_output=True)


def messages(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> finished translation ("" when there is none) of every message."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") != "unfinished"
            text = (translation.text or "") if done and translation is not None else ""
            out[(name, message.findtext("source", ""))] = text
    return out


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every Chinese message without a finished translation. A text with
    no Chinese in it (a style sheet, a date format) is shown as it is and needs none."""
    return [key for key, text in messages(ts).items() if CJK.search(key[1]) and not text.strip()]


def check() -> list[str]:
    """What is wrong with the committed translation; empty when all is well. The comparison is
    by messages, not bytes, so that any PySide6 version's tools may run it."""
    from PySide6.QtCore import QTranslator

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / TS.name
        fresh.write_bytes(TS.read_bytes())
        lupdate(fresh)  # the texts the sources have now, with the committed translations
        for context, source in unfinished(fresh):
            problems.append(f"untranslated [{context}] {source}")
        if messages(fresh).keys() != messages(TS).keys():
            problems.append(f"{TS.name} is not up to date with the sources: run update")
    translator = QTranslator()
    if not translator.load(str(QM)):
        return [*problems, f"{QM.name} is missing: run update"]
    stale = [key for key, text in messages(TS).items()
             if text and translator.translate(key[0], key[1]) != text]
    if stale:
        problems.append(f"{QM.name} is not compiled from {TS.name} ({len(stale)} message(s) "
                        "differ): run update")
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        TS.parent.mkdir(parents=True, exist_ok=True)
        lupdate(TS)
        lrelease(TS, QM)
        missing = unfinished(TS)
        print(f"{TS.relative_to(ROOT)}: {len(missing)} message(s) to translate")
        for context, source in missing:
            print(f"  [{context}] {source}")
        return 0
    if argv[1:] == ["check"]:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
