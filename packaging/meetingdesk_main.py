"""The bundle's entry point (PyInstaller runs this script): the `meetingdesk` command."""

import sys

from meetingdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
