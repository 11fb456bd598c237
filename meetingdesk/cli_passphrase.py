"""A passphrase for a command: from the environment variable named by --passphrase-env, or
asked on the terminal (twice for a new one). Never from an argument, which other users of the
computer can read in the process list."""

from __future__ import annotations

import getpass
import os
import sys

from meetingdesk.record.errors import RecordError


def read_passphrase(env: str | None, what: str, what_en: str, new: bool = False) -> str:
    """The passphrase for ``what``; with ``new``, asked twice and an empty one refused (by the
    caller's own rule, so that each refuses in its own words)."""
    if env:
        value = os.environ.get(env)
        if value is None:
            raise RecordError("PASSPHRASE_ENV_UNSET", var=env)
        return value
    if not sys.stdin.isatty():
        raise RecordError("PASSPHRASE_NO_TERMINAL", what=what, what_en=what_en)
    value = getpass.getpass(f"{what} / {what_en}: ")
    if new and value and getpass.getpass("再次输入 / again: ") != value:
        raise RecordError("PASSPHRASES_DIFFER")
    return value
