"""Where MeetingDesk finds its resources and keeps its data.

Two kinds of places:

* Read-only resources shipped with the program: ``resources/`` (fonts, icons, default rules,
  translations) and ``forms/`` (Qt Designer ``.ui`` files). In a source checkout (installed
  editable, ``pip install -e .``) they sit at the repository root next to ``meetingdesk/``; in a
  PyInstaller bundle they sit under ``sys._MEIPASS``.
* The user's writable data: the SQLite database and its backups, in the platform's per-user data
  folder (platformdirs). The environment variable ``MEETINGDESK_DATA_DIR`` overrides it; the tests
  set it so that they never touch the real user folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "MeetingDesk"
DATA_DIR_ENV = "MEETINGDESK_DATA_DIR"
DB_FILENAME = "meetingdesk.sqlite3"


def _install_root() -> Path:
    """The folder that holds ``resources/`` and ``forms/``."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    if bundle:
        return Path(bundle)
    # meetingdesk/paths.py -> the repository root
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Read-only resources: fonts, icons, default rule sets, translations."""
    return _install_root() / "resources"


def forms_dir() -> Path:
    """Qt Designer ``.ui`` files."""
    return _install_root() / "forms"


def user_data_dir() -> Path:
    """The user's data folder (created on demand); ``$MEETINGDESK_DATA_DIR`` overrides it."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        path = Path(override).expanduser()
    else:
        # roaming: on Windows %APPDATA%\MeetingDesk, where an office's roaming profile and
        # its backups keep it; elsewhere the flag changes nothing.
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The embedded SQLite database used when no ``--db`` is given."""
    return user_data_dir() / DB_FILENAME


def backups_dir(create: bool = True) -> Path:
    """Where automatic backups (e.g. before a schema migration) are written; created on demand."""
    path = user_data_dir() / "backups"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def readable(text: str) -> str:
    """A file name or a command-line argument as text a database and a terminal take. Python
    keeps bytes that are not UTF-8 as lone surrogates; on a township machine they were most
    likely written by Chinese Windows or a GBK terminal (a USB stick mounted without
    ``iocharset``), so they are read as GB18030, and whatever still does not decode is shown as
    U+FFFD."""
    raw = os.fsencode(text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
