"""PyInstaller runtime hook: on Linux, let Qt (through fontconfig) see the bundled Chinese font.

Runs before the program's own code. Qt's Linux font database is fontconfig; pointing
FONTCONFIG_FILE at resources/fonts/fonts.conf (which includes the system's /etc/fonts/fonts.conf
and adds its own folder) makes WenQuanYi Micro Hei available to the interface even where the
computer has no Chinese font; where it has one, the interface picks its usual family first
(meetingdesk/ui/prefs.py). A FONTCONFIG_FILE already set by the user is left alone.
"""

import os
import sys

if sys.platform.startswith("linux") and not os.environ.get("FONTCONFIG_FILE"):
    _conf = os.path.join(getattr(sys, "_MEIPASS", ""), "resources", "fonts", "fonts.conf")
    if os.path.isfile(_conf):
        os.environ["FONTCONFIG_FILE"] = _conf
