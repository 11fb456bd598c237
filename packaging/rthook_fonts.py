"""PyInstaller runtime hook: on Linux, let Qt (through fontconfig) see the bundled Chinese font.

Runs before the program's own code. Qt's Linux font database is fontconfig; FONTCONFIG_FILE
pointing at a small configuration that includes the system's /etc/fonts/fonts.conf and adds the
bundle's font folder makes WenQuanYi Micro Hei available to the interface even where the
computer has no Chinese font; where it has one, the interface picks its usual family first
(meetingdesk/ui/prefs.py). A FONTCONFIG_FILE already set by the user is left alone.

The configuration is written at start (into the user's cache folder, rewritten only when it
changes) because the font folder must be named by its absolute path: the bundle may live
anywhere (/opt/meetingdesk from the .deb, or unpacked and run in place), and a relative
`<dir prefix="relative">` is the *current* folder to fontconfig 2.13 (Debian 11, Kylin V10, and
the bullseye bundle's own), which then scanned the folder the program was started from (the
home folder, from the menu) recursively at every start, and as root wrote .uuid files into it.
"""

import os
import sys
import tempfile
from xml.sax.saxutils import escape

CONF_NAME = "fonts.conf"


def fonts_conf(font_folder: str) -> str:
    return ('<?xml version="1.0"?>\n'
            '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            "<!-- Written by MeetingDesk when it starts (packaging/rthook_fonts.py). -->\n"
            "<fontconfig>\n"
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            f"  <dir>{escape(font_folder)}</dir>\n"
            '  <cachedir prefix="xdg">fontconfig</cachedir>\n'
            "</fontconfig>\n")


def write_conf(text: str) -> str:
    """The path of a file holding `text`: $XDG_CACHE_HOME/meetingdesk/fonts.conf (or
    ~/.cache/...), replaced atomically when it differs, so that two programs starting at once
    never read half a file; a private temporary file where the cache folder is not writable
    (an OSError where neither is)."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(cache, "meetingdesk")
    path = os.path.join(folder, CONF_NAME)
    try:
        with open(path, encoding="utf-8") as existing:
            if existing.read() == text:
                return path
    except OSError:
        pass
    try:
        os.makedirs(folder, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=folder, prefix=".fonts-", suffix=".conf")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(partial, path)
        return path
    except OSError:
        handle, path = tempfile.mkstemp(prefix="meetingdesk-fonts-", suffix=".conf")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        return path


if sys.platform.startswith("linux") and not os.environ.get("FONTCONFIG_FILE"):
    _fonts = os.path.join(os.path.abspath(getattr(sys, "_MEIPASS", "")), "resources", "fonts")
    if os.path.isdir(_fonts):
        try:
            os.environ["FONTCONFIG_FILE"] = write_conf(fonts_conf(_fonts))
        except OSError:  # nowhere to write: the system's fonts alone (the program says so)
            pass
