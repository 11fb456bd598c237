"""The record page, driven as a user drives it (offscreen): the preview, a correction, signing
on screen with the mouse, printing, export with the unit certificate, and refusals in words."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QStandardPaths, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog
from pyhanko.pdf_utils.reader import PdfFileReader

from meetingdesk.demo import DEMO_PASSPHRASE, build_demo
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from meetingdesk.ui.record_window import RecordWindow

pytestmark = pytest.mark.gui
DEMO_PAGES = 8  # the demo's closed meeting, signature page included


@pytest.fixture
def desk(sqlite_url) -> Desk:
    desk = Desk.open(sqlite_url)
    build_demo(desk)
    yield desk
    desk.close()


@pytest.fixture
def closed(desk) -> int:
    return next(r.id for r in desk.list_meetings() if r.status == "closed")


@pytest.fixture
def window(qtbot, desk, closed) -> RecordWindow:
    window = RecordWindow(desk, closed)
    qtbot.addWidget(window)
    window.show()
    # drawn once the page is on screen, then laid out
    qtbot.waitUntil(lambda: window.preview.verticalScrollBar().maximum() > 0, timeout=30_000)
    return window


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_chinese(widget, text: str) -> None:
    """Chinese arrives as an input method's commit, as a 拼音 input method sends it."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def status_column(window: RecordWindow) -> list[str]:
    return [window.signers.item(r, 2).text() for r in range(window.signers.rowCount())]


def test_the_page_shows_before_its_preview_is_drawn(qtbot, desk, closed):
    window = RecordWindow(desk, closed)
    qtbot.addWidget(window)
    assert window.page_count() == 0 and not window.pdf  # nothing built before it is shown
    assert window.signers.rowCount() > 0 and window.button("signButton").isEnabled()
    window.show()
    qtbot.waitUntil(lambda: window.page_count() == DEMO_PAGES, timeout=30_000)
    assert not window.page_labels[0].pixmap().isNull()


def test_the_preview_shows_every_page_and_the_signatures(qtbot, window):
    last = DEMO_PAGES - 1
    assert window.page_count() == DEMO_PAGES
    assert 0 in window.drawn and last not in window.drawn  # drawn as they come in view
    bar = window.preview.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: last in window.drawn)
    assert not window.page_labels[last].pixmap().isNull()
    assert [window.signers.item(r, 1).text() for r in range(2)] == ["郑小玲", "徐颖峰"]
    assert all(s.startswith("已签名") for s in status_column(window))
    assert window.button("exportPackageButton").isEnabled()


def test_a_correction_then_signing_again_with_the_mouse(qtbot, window, desk, closed):
    click(qtbot, window.button("correctionButton"))
    dialog = window.correction_dialog
    qtbot.waitUntil(dialog.isVisible)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    type_chinese(dialog.text, "议题一的补助资金应为36万元（原记录无误，补记单位）。")
    click(qtbot, ok)  # no reason given: refused in words, the dialog stays open
    assert dialog.isVisible() and "更正理由" in dialog.message.text()
    type_chinese(dialog.reason, "补记金额单位")
    dialog.refers.setCurrentIndex(2)
    click(qtbot, ok)
    assert not dialog.isVisible()
    state = desk.meeting(closed)
    (correction,) = state.corrections
    assert correction.reason == "补记金额单位" and correction.refers_to_seq is not None
    assert state.signatures == [] and len(state.voided_signatures) == 2
    assert status_column(window) == ["须重新签名：原签名因更正作废"] * 2
    assert "此前的签名已作废" in window.message.text()

    window.signers.selectRow(0)
    click(qtbot, window.button("signButton"))
    sign = window.sign_dialog
    qtbot.waitUntil(sign.isVisible)
    sign_ok = sign.buttons.button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, sign_ok)  # nothing drawn yet
    assert sign.isVisible() and "请先在框内签名" in sign.message.text()

    pad = sign.pad
    scale = max(pad.width(), pad.height())
    path = [QPoint(40, 120), QPoint(80, 60), QPoint(120, 130), QPoint(160, 70), QPoint(200, 110)]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=path[0])
    for point in path[1:]:
        qtbot.mouseMove(pad, point)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=path[-1])
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(60, 150))
    qtbot.mouseMove(pad, QPoint(300, 145))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 145))
    click(qtbot, sign_ok)
    assert not sign.isVisible()

    (signature,) = desk.meeting(closed).signatures
    assert (signature.role, signature.name) == ("recorder", "郑小玲")
    expected = [[(round(p.x() / scale, 4), round(p.y() / scale, 4)) for p in path],
                [(round(60 / scale, 4), round(150 / scale, 4)),
                 (round(300 / scale, 4), round(145 / scale, 4))]]
    assert [list(stroke) for stroke in signature.strokes] == expected
    assert status_column(window)[0].startswith("已签名")
    assert status_column(window)[1] == "须重新签名：原签名因更正作废"


def test_export_the_package_signed_and_filed(qtbot, window, desk, closed, tmp_path, monkeypatch):
    target = tmp_path / "filed.mdpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("not-it", True))
    click(qtbot, window.button("exportPackageButton"))
    assert "口令不正确" in window.message.text() and not target.exists()
    assert not desk.meeting(closed).filed

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (DEMO_PASSPHRASE, True))
    click(qtbot, window.mark_filed)
    assert window.mark_filed.isChecked()
    click(qtbot, window.button("exportPackageButton"))
    assert target.exists() and "已用单位证书进行数字签名" in window.message.text()
    assert desk.meeting(closed).filed and not window.mark_filed.isEnabled()
    with target.open("rb") as fp:
        verdict = Records(desk).verify(fp)
    # Sound, and only the signer is left to confirm (no trusted certificate was given).
    assert verdict.status == "unconfirmed", [f.text for f in verdict.findings if not f.ok]


def test_export_the_pdf(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "record.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (DEMO_PASSPHRASE, True))
    click(qtbot, window.button("exportPdfButton"))
    report = subprocess.run(["pdfsig", target], capture_output=True, text=True).stdout
    assert "Signature is Valid" in report


def test_print_opens_the_print_dialog_and_prints_every_page(qtbot, window, tmp_path):
    click(qtbot, window.button("printButton"))
    qtbot.waitUntil(window.print_dialog.isVisible)
    window.print_dialog.reject()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    window.print_to(printer)
    assert f"已送打印：{DEMO_PAGES} 页" in window.message.text()
    printed = PdfFileReader(io.BytesIO(Path(tmp_path / "printed.pdf").read_bytes()))
    assert int(printed.root["/Pages"]["/Count"]) == DEMO_PAGES


def test_a_new_certificate_needs_the_same_passphrase_twice(qtbot, window, desk, monkeypatch):
    answers = iter([("一", True), ("二", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    before = window.records.certificate_file(window.info.unit_id)
    click(qtbot, window.button("newCertificateButton"))
    assert "两次输入的口令不一致" in window.message.text()
    assert window.records.certificate_file(window.info.unit_id) == before
    answers = iter([("新口令", True), ("新口令", True)])
    click(qtbot, window.button("newCertificateButton"))
    assert "已建立单位证书" in window.message.text()
    assert window.records.certificate_file(window.info.unit_id) != before


def test_export_offers_the_documents_folder_then_the_last_one_used(qtbot, window, tmp_path,
                                                                   monkeypatch):
    """Issue 13, point 15: never the program's working folder."""
    offered: list[str] = []
    target = tmp_path / "chosen" / "record.pdf"
    target.parent.mkdir()

    def answer(parent, title: str, default: str, filters: str) -> tuple[str, str]:
        offered.append(default)
        return str(target), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (DEMO_PASSPHRASE, True))
    click(qtbot, window.button("exportPdfButton"))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(offered[0]).parent == Path(documents)
    assert Path(offered[0]).name.endswith("会议纪实.pdf")
    assert target.exists()
    click(qtbot, window.button("exportPackageButton"))
    assert Path(offered[1]).parent == target.parent


def test_filing_is_not_ticked_by_default(window, desk, closed):
    assert window.mark_filed.isEnabled() and not window.mark_filed.isChecked()
    assert not desk.meeting(closed).filed


def test_signing_again_for_someone_who_has_signed_says_so(qtbot, window):
    window.signers.selectRow(1)
    click(qtbot, window.button("signButton"))
    assert not hasattr(window, "sign_dialog")  # no pad reopened over a valid signature
    assert window.message.isVisible()
    assert window.message.text().startswith("徐颖峰 已于 ") and "签名，无需再签" in window.message.text()


def test_the_correction_dialog_shows_its_fields_and_buttons(qtbot, window):
    """添加更正… opened an empty dialog: the form's root, a dialog, was laid inside another
    and never shown. Every field and both buttons must be on screen, with a size."""
    click(qtbot, window.button("correctionButton"))
    dialog = window.correction_dialog
    assert QTest.qWaitForWindowExposed(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    for widget in (dialog.author, dialog.reason, dialog.text, dialog.refers, ok, cancel):
        assert widget.isVisible() and widget.width() > 20 and widget.height() > 10, widget
        assert dialog.rect().contains(widget.mapTo(dialog, widget.rect().bottomRight()))
    assert dialog.author.text() == "郑小玲"


def test_a_dialog_form_is_never_laid_inside_another_window(qtbot):
    """The forms whose root is a dialog are the ones opened as the dialog itself; the loader
    refuses to lay such a form inside another window, where it would show empty."""
    from PySide6.QtWidgets import QDialog, QWidget

    from meetingdesk import paths
    from meetingdesk.ui.loader import build_form, load_form

    host = QWidget()
    qtbot.addWidget(host)
    dialogs = [f.stem for f in sorted(paths.forms_dir().glob("*.ui"))
               if isinstance(build_form(f.stem, host), QDialog)]
    assert dialogs == ["clock_dialog", "console_dialog", "console_order"]
    with pytest.raises(TypeError, match="QDialog"):
        load_form("console_dialog", host)
