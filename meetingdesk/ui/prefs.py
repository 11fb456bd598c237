"""Preferences kept between sessions (QSettings) and the interface font.

The settings live in an INI file in the user's data folder, beside the database, so that
MEETINGDESK_DATA_DIR moves them too (the tests rely on that).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from meetingdesk import paths

# A Chinese sans face for the screen, first the ones Windows and macOS ship, then Linux's.
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "AR PL UMing CN")
DEFAULT_POINT_SIZE = 13  # readable on a meeting-room projector
MIN_POINT_SIZE, MAX_POINT_SIZE = 9, 32


def settings() -> QSettings:
    return QSettings(str(paths.user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def point_size() -> int:
    value = settings().value("view/point_size", DEFAULT_POINT_SIZE)
    try:
        size = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        size = DEFAULT_POINT_SIZE
    return max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))


def apply_font(app: QApplication, size: int | None = None) -> int:
    """Set the application font: a CJK family at `size` points (default: the saved size)."""
    size = point_size() if size is None else max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
    # hasFamily, not families(): under a Chinese locale fontconfig (Linux) and Windows name
    # fonts in Chinese ("文泉驿微米黑", "微软雅黑") and keep the English names as aliases.
    families = [f for f in CJK_FAMILIES if QFontDatabase.hasFamily(f)]
    if not families:
        print("MeetingDesk: no Chinese font found (install fonts-wqy-microhei or "
              "fonts-arphic-uming); Chinese text may not display", file=sys.stderr)
    font = QFont(app.font())
    if families:
        font.setFamilies(families)
    font.setPointSize(size)
    app.setFont(font)
    settings().setValue("view/point_size", size)
    return size


def export_path(file_name: str) -> str:
    """Where to offer to save an exported file: the folder used last time, at first the user's
    documents folder (never the program's working folder)."""
    folder = settings().value("export/folder") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(str(folder)) / file_name)


def exported_to(path: str) -> None:
    """Remember the folder of a file just exported, for the next export."""
    settings().setValue("export/folder", str(Path(path).parent))
