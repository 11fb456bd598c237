"""The bundle's entry point (PyInstaller runs this script): the `meetingdesk` command.

MEETINGDESK_BUNDLE_CHECK=RECORD.pdf makes the installed program check itself instead of
running: import every module of the program (the GUI's windows are otherwise imported only
when first opened, so a module the bundle lacks would show only then), draw the record's first
page with QtPdf (the record window's preview) into RECORD.page1.png, and print the record
through QtPrintSupport into RECORD.printed.pdf, and see that the bundle's cut ICU data still
orders Chinese names by pinyin and names time zones. One line per check; exit code 1 if one
fails.
tests/test_packaging.py runs it on the installed program.

MEETINGDESK_TYPING_PROBE=1 opens the run console of the meeting in progress (the demo's) with
the focus in the 发言 box (wordsEdit) and prints "typing probe: ready", then a line
"typing probe: TEXT" whenever the box's text changes, until it is ended: tests/test_packaging.py
types pinyin into it through fcitx5 under Xvfb.

Output the console cannot encode is printed as "?" (tests/test_packaging_console.py).
"""

import os
import sys


def bundle_check(pdf_path: str) -> int:
    import importlib
    import pkgutil
    import traceback

    import meetingdesk

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0
    names = [m.name for m in pkgutil.walk_packages(meetingdesk.__path__, "meetingdesk.")
             if ".migrations" not in m.name and not m.name.endswith("__main__")]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            failures += 1
            print(f"bundle check: cannot import {name}\n{traceback.format_exc()}")
    print(f"bundle check: imported {len(names) - failures} of {len(names)} modules")

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from meetingdesk.ui import record_preview

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    failures += icu_check()
    with open(pdf_path, "rb") as handle:
        pdf = handle.read()
    pages = record_preview.page_count(pdf)
    image = record_preview.page_images(pdf, 96, 1, 1)[0]
    png = os.path.splitext(pdf_path)[0] + ".page1.png"
    if image.isNull() or not image.save(png):
        failures += 1
        print("bundle check: QtPdf did not draw the first page")
    else:
        print(f"bundle check: QtPdf drew page 1 of {pages} ({image.width()}x{image.height()})")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(os.path.splitext(pdf_path)[0] + ".printed.pdf")
    printed = record_preview.print_pdf(pdf, printer)
    print(f"bundle check: printed {printed} pages")
    if printed != pages:
        failures += 1
    return 1 if failures else 0


def icu_check() -> int:
    """Qt's ICU data is cut to what Qt asks of it in Chinese and English (packaging/icu_data.py):
    the Chinese collation (names by pinyin, as Qt's file dialog sorts them) and time zone names
    must still be there. Returns the number of failures."""
    from PySide6.QtCore import QCollator, QLocale, QTimeZone

    failures = 0
    names = sorted(["张三", "王五", "阿明", "李四"], key=QCollator(QLocale("zh_CN")).sortKey)
    print(f"bundle check: ICU collates {' '.join(names)}")
    if names != ["阿明", "李四", "王五", "张三"]:
        failures += 1
        print("bundle check: ICU has no pinyin order")
    zone = QTimeZone(b"Asia/Shanghai")
    if not zone.isValid():  # no time zone database on this computer (tzdata)
        print("bundle check: ICU time zone names not checked: no Asia/Shanghai here")
        return failures
    named = zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName,
                             QLocale("zh_CN"))
    print(f"bundle check: ICU names Asia/Shanghai {named}")
    return failures + (named != "中国标准时间")


def typing_probe() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from meetingdesk.services import Desk
    from meetingdesk.ui.console import ConsoleWindow

    app = QApplication(sys.argv[:1])
    desk = Desk.open(None)
    meeting = desk.list_meetings(status="in_progress", limit=1)[0].id
    console = ConsoleWindow(desk, meeting)
    box = console.find(QPlainTextEdit, "wordsEdit")
    box.textChanged.connect(lambda: print(f"typing probe: {box.toPlainText()}", flush=True))
    console.show()
    console.activateWindow()
    box.setFocus()

    def ready() -> None:  # once the window is mapped and the input method knows the box
        print(f"typing probe: ready (enabled={box.isEnabled()}, focus={box.hasFocus()})",
              flush=True)

    QTimer.singleShot(500, ready)
    return app.exec()


def survive_narrow_consoles() -> None:
    """Print what the console's encoding lacks as "?" instead of failing: on Chinese Windows a
    console or redirected output is GBK (cp936), which has no "✓", and `verify` would stop
    with UnicodeEncodeError after its first line."""
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")


if __name__ == "__main__":
    survive_narrow_consoles()
    check = os.environ.get("MEETINGDESK_BUNDLE_CHECK")
    if check:
        sys.exit(bundle_check(check))
    if os.environ.get("MEETINGDESK_TYPING_PROBE") == "1":
        sys.exit(typing_probe())
    from meetingdesk.cli import main

    sys.exit(main())
