"""The record page of a closed meeting (会议纪实): the PDF as it will be filed, signing on screen,
corrections (R12), printing for wet-ink signatures, and export of the PDF and the filing package.

    window = RecordWindow(desk, meeting_id)
    window.show()

Everything is done through the services (Desk, Records); the rules decide, this window shows their
refusals in words and decides nothing itself.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QInputDialog, QLabel, QLineEdit, QMainWindow, QMenu,
                               QPlainTextEdit, QPushButton, QScrollArea, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from meetingdesk.domain import Meeting
from meetingdesk.domain.words import SIGNER_ROLES
from meetingdesk.record.build import entry_labels, signing_places, time_label
from meetingdesk.record.errors import RecordError
from meetingdesk.record.fonts import FontNotFoundError
from meetingdesk.record.package import SUFFIX
from meetingdesk.services import Desk
from meetingdesk.services.records import Records, write_atomically

from . import feedback, i18n, prefs, screen_fit
from .console_forms import child
from .loader import build_form, load_form
from .record_pad import SignDialog
from .record_preview import (PREVIEW_DPI, PreviewUnavailable, page_count, page_images,
                             print_pdf)

if TYPE_CHECKING:  # cryptography and pyHanko: imported when a certificate step is taken
    from meetingdesk.services.certificates import Certificates


PREVIEW_UNPAINTED_MS = 300  # the preview is built this long after showing if no paint came


def refusals() -> tuple[type[Exception], ...]:
    """What the record page explains instead of failing: the rules', the store's and the
    record layer's refusals, a missing Chinese font and a preview that cannot be made."""
    return (*feedback.refusals(), RecordError, FontNotFoundError, PreviewUnavailable)


class RecordWindow(QMainWindow):
    """The record of one closed (or filed) meeting."""

    changed = Signal(int)  # the meeting's id, after a signature, a correction or filing

    def __init__(self, desk: Desk, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.meeting_id = meeting_id
        self.records = Records(desk)
        self.info = desk.meeting_info(meeting_id)  # an unknown meeting is refused here
        self.pdf = b""
        self._printer: QPrinter | None = None
        self.form = build_form("record_window", self)
        self.setCentralWidget(self.form)
        self.message = child(self.form, QLabel, "messageLabel")
        # Notes and refusals come last in the column of buttons, next to the export buttons
        # that give most of them: a message coming or going moves no button.
        side_layout = child(self.form, QWidget, "sidePanel").layout()
        side_layout.insertWidget(side_layout.count() - 1, self.message)  # before the spacer
        feedback.reserve(self.message, lines=0)
        self.signers = child(self.form, QTableWidget, "signersTable")
        self._scroll_side_panel()
        screen_fit.fit(self, self.form.width(), self.form.height())
        self.pages_layout = child(self.form, QVBoxLayout, "pagesLayout")
        self.mark_filed = child(self.form, QCheckBox, "markFiledCheck")
        self.preview = child(self.form, QScrollArea, "previewArea")
        self.preview.verticalScrollBar().valueChanged.connect(self._draw_visible)
        self.page_labels: list[QLabel] = []
        self.drawn: set[int] = set()
        for name, slot in (("signButton", self.sign), ("correctionButton", self.add_correction),
                           ("printButton", self.print_record),
                           ("exportPdfButton", self.export_pdf),
                           ("exportPackageButton", self.export_package),
                           ("newCertificateButton", self.new_certificate),
                           ("importCertificateButton", self.import_certificate)):
            child(self.form, QPushButton, name).clicked.connect(slot)
        self.signers.itemDoubleClicked.connect(lambda _: self.sign())
        self.county_menu = QMenu(self)
        for text, slot in ((self.tr("向县里申请证书…"), self.request_certificate),
                           (self.tr("导入县里签发的证书…"), self.import_issued),
                           (self.tr("打印证书登记表…"), self.certificate_form)):
            self.county_menu.addAction(text, slot)
        self.button("countyButton").setMenu(self.county_menu)
        feedback.clear(self.message)
        self._preview_pending = True  # built once the page is on screen (paintEvent)
        self.refresh()

    def _scroll_side_panel(self) -> None:
        """The preview keeps the window's height; the buttons beside it scroll when the screen
        is too low for all of them (1366x768 with a task bar, large text)."""
        side = child(self.form, QWidget, "sidePanel")
        layout = self.form.layout()
        index = layout.indexOf(side)
        area = screen_fit.scrollable(side)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = area.verticalScrollBar().sizeHint().width()
        area.setMinimumWidth(side.minimumWidth() + bar)
        area.setMaximumWidth(side.maximumWidth() + bar)
        layout.insertWidget(index, area)
        rows = self.signers.verticalHeader()
        # The header and three signers (recorder, chair, the first attendee) in view.
        self.signers.setMinimumHeight(self.signers.horizontalHeader().sizeHint().height()
                                      + 3 * rows.defaultSectionSize() + 4)

    def button(self, name: str) -> QPushButton:
        return child(self.form, QPushButton, name)

    # ---- showing the record ----------------------------------------------------------------

    def refresh(self) -> None:
        """Read the meeting again and show its record as it now stands."""
        try:
            info = self.info = self.desk.meeting_info(self.meeting_id)
            state = self.desk.meeting(self.meeting_id)
            if not self._preview_pending:
                self.pdf = self.records.preview_pdf(self.meeting_id)
            head = self.desk.events(self.meeting_id)[-1].hash
            certified = self.records.has_certificate(info.unit_id)
        except refusals() as error:
            feedback.show_error(self.message, error)
            return
        self.setWindowTitle(self.tr("会议纪实 — %1").replace("%1", f"{info.unit_name}{info.title}"))
        child(self.form, QLabel, "titleLabel").setText(
            f'<span style="font-size:large; font-weight:600">{info.unit_name}{info.title}</span>')
        child(self.form, QLabel, "infoLabel").setText(
            self.tr("状态：%1<br>记录指纹（SHA-256）：<br><tt>%2</tt>")
            .replace("%1", i18n.status_label(state.status))
            .replace("%2", f"{head[:32]}<br>{head[32:]}"))
        certificate = child(self.form, QLabel, "certificateLabel")
        certificate.setText(self.tr("单位数字证书：已设置，导出时签名。") if certified else
                            self.tr("单位数字证书：未设置，导出的记录不带数字签名。"))
        # Its lines at the side panel's narrowest: the scrolling panel lays out by minimum
        # sizes, which know nothing of wrapped lines (they overlapped the buttons below).
        narrowest = child(self.form, QWidget, "sidePanel").minimumWidth() - 40
        certificate.setMinimumHeight(certificate.heightForWidth(narrowest))
        child(self.form, QLabel, "correctionsLabel").setText(
            self.tr("已有 %1 条更正。").replace("%1", str(len(state.corrections)))
            if state.corrections else self.tr("没有更正。"))
        closed = state.phase == "closed"
        for name in ("signButton", "correctionButton", "exportPdfButton", "exportPackageButton"):
            self.button(name).setEnabled(closed)
        if state.filed:  # unticked by default (the form): filing is the user's explicit choice
            self.mark_filed.setChecked(False)
        self.mark_filed.setEnabled(closed and not state.filed)
        self._show_signers(state)
        if self._preview_pending:
            self._show_note(self.tr("正在生成记录预览…"))
        else:
            self._show_pages()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Opening the page, its record is drawn only after the page is on screen: building
        the PDF (fonts, layout) is most of the opening time, and the clerk sees the signers
        and the buttons at once."""
        super().paintEvent(event)
        if self._preview_pending:
            QTimer.singleShot(0, self._build_preview)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Shown but not painted soon (covered, a busy window system): built all the same."""
        super().showEvent(event)
        if self._preview_pending:
            QTimer.singleShot(PREVIEW_UNPAINTED_MS, self._build_preview)

    def _build_preview(self) -> None:
        if not self._preview_pending:
            return
        self._preview_pending = False
        try:
            self.pdf = self.records.preview_pdf(self.meeting_id)
        except refusals() as error:
            self._show_note("")
            feedback.show_error(self.message, error)
            return
        self._show_pages()

    def _show_signers(self, state: Meeting) -> None:
        self.places = signing_places(state)
        self.signers.setRowCount(len(self.places))
        first_unsigned = None
        for row, place in enumerate(self.places):
            if place.signature is not None:
                status = self.tr("已签名（%1）").replace("%1", time_label(place.signature.at))
            elif place.voided:
                status = self.tr("须重新签名：原签名因更正作废")
            else:
                status = self.tr("未签名")
            if place.signature is None and first_unsigned is None:
                first_unsigned = row
            for column, text in enumerate((i18n.word(SIGNER_ROLES, place.role), place.name,
                                           status)):
                self.signers.setItem(row, column, QTableWidgetItem(text))
        self.signers.resizeColumnsToContents()
        self.signers.selectRow(first_unsigned if first_unsigned is not None else 0)

    def _show_pages(self) -> None:
        """A blank page for every page of the record; those in view are drawn (_draw_visible)."""
        self._show_note("")
        try:
            first = page_images(self.pdf, PREVIEW_DPI, 1, 1)[0]
            count = page_count(self.pdf)
        except PreviewUnavailable as error:
            self._show_note(i18n.message(error))
            self.button("printButton").setEnabled(False)
            return
        for _ in range(count):
            page = QLabel()
            page.setFixedSize(first.size())
            page.setStyleSheet("background: white;")
            self.pages_layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(page)
        self.pages_layout.addStretch(1)
        self.page_labels[0].setPixmap(QPixmap.fromImage(first))
        self.drawn.add(0)
        self._draw_visible()

    def _show_note(self, text: str) -> None:
        """Only `text` (if any) where the pages are shown."""
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the outer event loop
                widget.deleteLater()
        self.page_labels = []
        self.drawn = set()
        if text:
            note = QLabel(text)
            note.setWordWrap(True)
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages_layout.addWidget(note)

    def _draw_visible(self) -> None:
        """Draw the pages in view and one either side that are not drawn yet."""
        if not self.page_labels:
            return
        step = self.page_labels[0].height() + self.pages_layout.spacing()
        top = self.preview.verticalScrollBar().value()
        bottom = top + self.preview.viewport().height()
        wanted = [n for n in range(max(0, top // step - 1),
                                   min(len(self.page_labels), bottom // step + 2))
                  if n not in self.drawn]
        if not wanted:
            return
        try:
            images = page_images(self.pdf, PREVIEW_DPI, wanted[0] + 1, wanted[-1] + 1)
        except PreviewUnavailable as error:
            feedback.show_error(self.message, error)
            return
        for n, image in enumerate(images, wanted[0]):
            self.page_labels[n].setPixmap(QPixmap.fromImage(image))
            self.drawn.add(n)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._draw_visible()

    def page_count(self) -> int:
        return len(self.page_labels)

    def _done(self, note: str) -> None:
        self.refresh()
        feedback.show_note(self.message, note)
        self.changed.emit(self.meeting_id)

    # ---- signatures and corrections ------------------------------------------------------------

    def sign(self) -> None:
        rows = self.signers.selectionModel().selectedRows()
        if not rows:
            feedback.show_error(self.message, self.tr("请先在签名表中选择签名人。"))
            return
        place = self.places[rows[0].row()]
        if place.signature is not None:
            feedback.show_note(self.message, self.tr("%1 已于 %2 签名，无需再签。").replace(
                "%1", place.name).replace("%2", time_label(place.signature.at)))
            return
        dialog = SignDialog(self.desk, self.meeting_id, place, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed.connect(lambda: self._done(
            self.tr("%1 的签名已记入会议记录。").replace("%1", place.name)))
        dialog.open()
        self.sign_dialog = dialog

    def add_correction(self) -> None:
        dialog = CorrectionDialog(self, self.desk, self.meeting_id)
        dialog.added.connect(lambda: self._done(
            self.tr("更正已记入会议记录；此前的签名已作废，请重新签名。")))
        dialog.open()
        self.correction_dialog = dialog

    # ---- printing and export -------------------------------------------------------------------

    def print_record(self) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self._printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.print_to(self._printer))
        QDialog.open(dialog)  # QPrintDialog's own open() wants a slot to call
        self.print_dialog = dialog

    def print_to(self, printer: QPrinter) -> None:
        try:
            pages = print_pdf(self.pdf, printer)
        except PreviewUnavailable as error:
            feedback.show_error(self.message, error)
            return
        feedback.show_note(self.message, self.tr("已送打印：%1 页。").replace("%1", str(pages)))

    def _file_name(self) -> str:
        return f"{self.info.unit_name}{self.info.title}会议纪实"

    def _ask_path(self, title: str, name: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, prefs.export_path(name), filters)
        if not path:
            return None
        prefs.exported_to(path)
        return Path(path)

    def export_pdf(self) -> None:
        path = self._ask_path(self.tr("导出会议纪实 PDF"), self._file_name() + ".pdf",
                              self.tr("PDF 文件 (*.pdf)"))
        if path is not None:
            self._export(pdf_path=path)

    def export_package(self) -> None:
        path = self._ask_path(self.tr("导出备案包"), self._file_name() + SUFFIX,
                              self.tr("备案包 (*%1)").replace("%1", SUFFIX))
        if path is not None:
            self._export(package_path=path, mark_filed=self.mark_filed.isChecked())

    def _passphrase(self) -> str | None:
        """The unit certificate's passphrase, asked for; None if the user cancelled."""
        passphrase, ok = QInputDialog.getText(
            self, self.tr("单位证书口令"), self.tr("请输入单位证书口令，用于数字签名："),
            QLineEdit.EchoMode.Password)
        return passphrase if ok else None

    def _export(self, **what) -> None:
        passphrase = ""
        if self.records.has_certificate(self.info.unit_id):
            passphrase = self._passphrase()
            if passphrase is None:
                return
        try:
            done = self.records.export(self.meeting_id, passphrase=passphrase or None, **what)
        except refusals() as error:
            feedback.show_error(self.message, error)
            return
        path = what.get("pdf_path") or what.get("package_path")
        signed = (self.tr("已用单位证书进行数字签名。") if done.signed
                  else self.tr("单位未设置数字证书，记录未经数字签名。"))
        self._done(self.tr("已导出：%1。%2").replace("%1", str(path)).replace("%2", signed))

    # ---- the unit certificate --------------------------------------------------------------

    def _new_passphrase(self) -> str | None:
        first, ok = QInputDialog.getText(self, self.tr("设置证书口令"),
                                         self.tr("为单位证书设置口令（请妥善保管）："),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return None
        again, ok = QInputDialog.getText(self, self.tr("设置证书口令"), self.tr("请再次输入口令："),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if first != again:
            feedback.show_error(self.message, self.tr("两次输入的口令不一致，证书未建立。"))
            return None
        return first

    def new_certificate(self) -> None:
        passphrase = self._new_passphrase()
        if passphrase is None:
            return
        try:
            self.records.create_certificate(self.info.unit_id, passphrase)
        except refusals() as error:
            feedback.show_error(self.message, error)
            return
        self._done(self.tr("已建立单位证书；导出的记录将以它进行数字签名。"))

    def import_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入单位证书"), "",
                                              self.tr("PKCS#12 证书 (*.p12 *.pfx)"))
        if not path:
            return
        passphrase, ok = QInputDialog.getText(self, self.tr("证书口令"),
                                              self.tr("请输入该证书文件的口令："),
                                              QLineEdit.EchoMode.Password)
        if not ok:
            return
        try:
            self.records.import_certificate(self.info.unit_id, Path(path).read_bytes(),
                                            passphrase)
        except OSError as error:
            feedback.show_error(self.message, str(error))
            return
        except refusals() as error:
            feedback.show_error(self.message, error)
            return
        self._done(self.tr("已导入单位证书。"))

    # ---- the county's certificate ------------------------------------------------------------

    def request_certificate(self) -> None:
        """A request file for the county to issue from; the unit's key is made first (a new
        passphrase, twice) when it has none."""
        making = not self.records.has_certificate(self.info.unit_id)
        passphrase = self._new_passphrase() if making else self._passphrase()
        if passphrase is None:
            return
        path = self._ask_path(self.tr("保存证书申请文件"), self.info.unit_name + "证书申请.csr",
                              self.tr("证书申请 (*.csr *.pem)"))
        if path is None:
            return
        if self._county_step(lambda c: write_atomically(
                path, c.request(self.info.unit_id, passphrase))):
            self._done(self.tr("已写出证书申请：%1。请交县里签发。").replace("%1", str(path)))

    def import_issued(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入县里签发的证书"), "",
                                              self.tr("证书 (*.pem *.crt *.cer *.der)"))
        passphrase = self._passphrase() if path else None
        if passphrase is None:
            return
        self._import_issued(Path(path), passphrase)

    def _import_issued(self, path: Path, passphrase: str, root: str | None = None) -> None:
        """Import; the first time (no county root known yet) the root's fingerprint is shown
        to be checked against the county's, and the import is made again once confirmed."""
        from meetingdesk.record.trust import fingerprint_lines, spaced
        done, asked = [], []

        def step(c: Certificates) -> None:
            try:
                done.append(c.import_issued(
                    self.info.unit_id, path.read_bytes(), passphrase, str(path),
                    None if root is None else lambda _issuer, digest: digest == root))
            except RecordError as error:
                if error.code != "ROOT_UNCONFIRMED" or root is not None:
                    raise
                asked.append(error.params)

        if not self._county_step(step):
            return
        if asked:
            first, second = fingerprint_lines(asked[0]["digest"])
            feedback.confirm(self, self.tr("核对县级根证书"), self.tr(
                "证书由“%1”签发，其根证书指纹（SHA-256）为：\n%2\n%3\n"
                "请与县里签发证书时给出的根证书指纹逐组核对。一致吗？一致才导入。")
                .replace("%1", asked[0]["issuer"]).replace("%2", first).replace("%3", second),
                lambda: self._import_issued(path, passphrase, asked[0]["digest"]))
            return
        self._done(self.tr("已导入县里签发的证书（签发者：%1），此后导出的记录以它签名。指纹：%2")
                   .replace("%1", done[0].issuer).replace("%2", spaced(done[0].sha256)))

    def certificate_form(self) -> None:
        passphrase = self._passphrase()
        if passphrase is None:
            return
        path = self._ask_path(self.tr("保存单位数字证书登记表"),
                              self.info.unit_name + "单位数字证书登记表.pdf",
                              self.tr("PDF 文件 (*.pdf)"))
        if path is None:
            return
        if self._county_step(lambda c: write_atomically(path, c.form_pdf(
                self.info.unit_id, passphrase, datetime.now().astimezone()))):
            self._done(self.tr("已写出登记表：%1。请打印、签名、盖章后交县里登记。")
                       .replace("%1", str(path)))

    def _county_step(self, step: Callable[[Certificates], object]) -> bool:
        """Run one step with the unit's certificate; False, and why, when it was refused."""
        from meetingdesk.services.certificates import Certificates
        try:
            step(Certificates(self.desk))
        except OSError as error:
            feedback.show_error(self.message, error.strerror or str(error))
            return False
        except refusals() as error:
            feedback.show_error(self.message, error)
            return False
        return True


class CorrectionDialog(QDialog):
    """A correction (更正) to the closed record: who, why, what, and which entry it corrects."""

    added = Signal()

    def __init__(self, parent: QWidget, desk: Desk, meeting_id: int) -> None:
        super().__init__(parent)
        self.desk = desk
        self.meeting_id = meeting_id
        form = load_form("record_correction", self)
        self.setWindowTitle(form.windowTitle())
        self.setModal(True)
        self.resize(form.size())
        self.author = child(form, QLineEdit, "authorEdit")
        self.reason = child(form, QLineEdit, "reasonEdit")
        self.text = child(form, QPlainTextEdit, "textEdit")
        self.refers = child(form, QComboBox, "refersCombo")
        self.message = child(form, QLabel, "messageLabel")
        feedback.clear(self.message)
        state = desk.meeting(meeting_id)
        self.author.setText(state.header.get("recorder", ""))
        self.refers.addItem(self.tr("（不指定）"), None)
        for seq, label in entry_labels(state).items():
            self.refers.addItem(label, seq)
        buttons = child(form, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

    def accept(self) -> None:
        try:
            self.desk.add_correction(self.meeting_id, self.author.text(), self.reason.text(),
                                     self.text.toPlainText(), self.refers.currentData())
        except refusals() as error:
            feedback.show_error(self.message, error)
            return
        self.added.emit()
        super().accept()
