"""The bundle's smaller ICU data library (packaging/icu_data.py), made from this venv's PySide6
and loaded by its Qt in a child process in place of the full one: Qt still orders Chinese
names by pinyin, names time zones in Chinese and English, and maps case."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import icu_data  # noqa: E402

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or any(shutil.which(t) is None
                                                 for t in ("as", "ld", "nm", "objdump")),
    reason="Qt links ICU on Linux; needs binutils")

PROBE = """
import json
from PySide6.QtCore import QCollator, QLocale, QTimeZone
zone = QTimeZone(b"Asia/Shanghai")
name = lambda locale: zone.displayName(QTimeZone.TimeType.StandardTime,
                                       QTimeZone.NameType.LongName, QLocale(locale))
print(json.dumps({
    "pinyin": sorted(["张三", "王五", "阿明", "李四"], key=QCollator(QLocale("zh_CN")).sortKey),
    "zone": [name("zh_CN"), name("en_GB")] if zone.isValid() else None,
    "upper": QLocale("zh_CN").toUpper("straße"),
}, ensure_ascii=False))
"""


def full_library() -> Path:
    import PySide6
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 carries no ICU data library")
    return found[0]


def probe(library_dir: Path | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if library_dir:  # found before the RUNPATH of PySide6's own libraries
        env["LD_LIBRARY_PATH"] = str(library_dir)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_smaller_icu_data_serves_what_qt_asks_of_it(tmp_path: Path) -> None:
    full = full_library()
    smaller = tmp_path / full.name
    kept, before = icu_data.make(full, smaller)
    assert kept < before / 10
    assert smaller.stat().st_size < full.stat().st_size / 5
    assert icu_data.soname_of(smaller) == icu_data.soname_of(full)

    seen = probe(tmp_path)
    assert seen == probe(None)  # the same answers as with the full data
    assert seen["pinyin"] == ["阿明", "李四", "王五", "张三"]
    assert seen["upper"] == "STRASSE"
    if seen["zone"] is not None:
        assert seen["zone"] == ["中国标准时间", "China Standard Time"]


def test_without_the_chinese_collation_names_are_not_in_pinyin_order(tmp_path: Path) -> None:
    """The probe tells: a package lacking coll/zh sorts by code point, not by pinyin."""
    full = full_library()
    symbol, package = icu_data.package_of(full)
    header, items = icu_data.items(package)
    kept = [(name, data) for name, data in items
            if icu_data.KEPT.match(name.split("/", 1)[1]) and "/coll/zh" not in name]
    icu_data.write_library(symbol, icu_data.pack(header, kept), icu_data.soname_of(full),
                           tmp_path / full.name)
    assert probe(tmp_path)["pinyin"] != ["阿明", "李四", "王五", "张三"]
