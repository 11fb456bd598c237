"""县里的证书: the county's trust registry on screen. Every unit certificate with where it came
from (issued by the county's root, or registered by fingerprint), its fingerprint, validity
and status; issuing from a unit's request file, registering a unit's own certificate, revoking
the one selected. Everything through county/trust.py; its refusals are shown in words.

    tab = TrustTab(open_archive(url))
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from meetingdesk.county import trust
from meetingdesk.county.errors import CountyError
from meetingdesk.record.errors import RecordError
from meetingdesk.record.trust import fingerprint_lines, spaced
from meetingdesk.services.records import write_atomically
from meetingdesk.store import Database, StoreError

from .. import feedback, i18n, prefs
from ..table_focus import keyboard_table

REFUSALS = (CountyError, RecordError, StoreError)
T = TypeVar("T")


class TrustTab(QWidget):
    """The units' certificates of one county archive."""

    changed = Signal()  # a certificate was issued, registered or revoked

    def __init__(self, archive: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.rows: list[trust.Registered] = []
        layout = QVBoxLayout(self)
        self.root_label = QLabel()
        self.root_label.setWordWrap(True)
        layout.addWidget(self.root_label)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([
            self.tr("单位"), self.tr("来源"), self.tr("证书指纹（SHA-256）"), self.tr("有效期"),
            self.tr("状态")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch)
        keyboard_table(self.table)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.issue_button = QPushButton(self.tr("按申请签发证书(&I)…"))
        self.register_button = QPushButton(self.tr("登记单位证书(&R)…"))
        self.revoke_button = QPushButton(self.tr("吊销所选证书(&V)…"))
        for button, slot in ((self.issue_button, self.issue),
                             (self.register_button, self.register),
                             (self.revoke_button, self.revoke)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        feedback.clear(self.message)
        self.refresh()

    def refresh(self) -> None:
        try:
            root = trust.root_fingerprint(self.archive)
            self.rows = trust.certificates(self.archive)
        except REFUSALS as error:
            feedback.show_error(self.message, error)
            return
        self.root_label.setText(self.tr("县级根证书指纹（SHA-256）：%1").replace("%1", spaced(root)))
        now = datetime.now().astimezone()
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            origin = i18n.pick(*trust.ORIGINS[row.origin])
            cells = (row.unit, origin, spaced(row.sha256),
                     f"{row.not_before[:10]} — {row.not_after[:10]}", i18n.pick(*row.status(now)))
            for column, text in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected(self) -> trust.Registered | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        row = self.selected()
        self.revoke_button.setEnabled(row is not None and row.revoked_from is None)

    # ---- actions ----------------------------------------------------------------------------

    def issue(self) -> None:
        """A unit certificate from the unit's request file, signed with the county's root."""
        request, _ = QFileDialog.getOpenFileName(self, self.tr("选择单位的证书申请文件"), "",
                                                 self.tr("证书申请 (*.csr *.pem *.der *.req)"))
        if not request:
            return
        passphrase, ok = QInputDialog.getText(self, self.tr("县级根证书口令"),
                                              self.tr("请输入县级根证书口令，用于签发证书："),
                                              QLineEdit.EchoMode.Password)
        if not ok:
            return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存签发的证书"), prefs.export_path(Path(request).stem + ".pem"),
            self.tr("证书 (*.pem)"))
        if not out:
            return
        prefs.exported_to(out)
        self._registry_step(lambda another: trust.issue_certificate(
            self.archive, Path(request).read_bytes(), passphrase,
            lambda pem: write_atomically(Path(out), pem), another),
            self.tr("已为“%1”签发单位证书：%2。").replace("%2", out))

    def register(self) -> None:
        """A unit's own certificate, by fingerprint, once its sealed paper form was checked."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择单位证书"), "",
                                              self.tr("证书 (*.pem *.crt *.cer *.der)"))
        if not path:
            return
        unit, ok = QInputDialog.getText(self, self.tr("登记单位证书"),
                                        self.tr("证书登记给哪个单位（与记录上的单位名称一致）："))
        if not ok:
            return
        self._registry_step(lambda another: trust.register_certificate(
            self.archive, trust.read_certificate(Path(path).read_bytes()), unit, another),
            self.tr("已登记“%1”的单位证书。请与单位盖章的登记表逐组核对指纹。"))

    def _registry_step(self, step: Callable[[bool], trust.Registered], note: str,
                       another: bool = False) -> None:
        """Issue or register; for a unit that has a valid certificate, only once the user has
        said a second one is meant (the refusal's words, then 是)."""
        try:
            done = step(another)
        except CountyError as error:
            if error.code != "UNIT_HAS_CERTIFICATE" or another:
                feedback.show_error(self.message, error)
                return
            feedback.confirm(self, self.tr("再加一张证书"), self.tr(
                "“%1”已有有效的单位证书（指纹 %2，有效期至 %3）。仍要为它再签发或登记一张吗"
                "（例如另一台电脑的密钥）？旧证书不再使用的，请先吊销。")
                .replace("%1", error.params["unit"]).replace("%2", error.params["fingerprint"])
                .replace("%3", error.params["until"]),
                lambda: self._registry_step(step, note, another=True))
            return
        except OSError as error:
            feedback.show_error(self.message, error.strerror or str(error))
            return
        except REFUSALS as error:
            feedback.show_error(self.message, error)
            return
        self._done(note.replace("%1", done.unit), done)

    def revoke(self) -> None:
        """The selected certificate revoked from a time (now, or when its key was lost); the
        records on file it signed from then on stop counting, and are named."""
        row = self.selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("吊销证书"), self.tr("吊销“%1”的证书，以它所作的签名自吊销时间起无效。原因：")
            .replace("%1", row.unit))
        if not ok:
            return
        since, ok = QInputDialog.getText(
            self, self.tr("吊销证书"),
            self.tr("自何时起吊销（私钥遗失或泄露之时；留空为现在，如 2026-11-20 09:00）："))
        if not ok:
            return
        done = self._step(lambda: trust.revoke_certificate(
            self.archive, row.sha256, trust.revocation_time(since), reason.strip()))
        if done is None:
            return
        note = self.tr("已吊销“%1”的证书。").replace("%1", done.certificate.unit)
        lang = i18n.lang()
        if done.withdrawn:
            note += "\n" + self.tr("已备案的记录中有 %1 份在吊销时间之后以它签名，不再计入备案（原包仍予保存）：") \
                .replace("%1", str(len(done.withdrawn)))
            note += "".join("\n  " + a.line(lang) for a in done.withdrawn)
        if done.to_check:
            note += "\n" + self.tr("另有 %1 份在吊销时间之后才受理、签名所注时间在其前，仍计入备案，请核实：") \
                .replace("%1", str(len(done.to_check)))
            note += "".join("\n  " + a.line(lang) for a in done.to_check)
        self._done(note, done.certificate)

    def _step(self, step: Callable[[], T]) -> T | None:
        try:
            return step()
        except OSError as error:
            feedback.show_error(self.message, error.strerror or str(error))
        except REFUSALS as error:
            feedback.show_error(self.message, error)
        return None

    def _done(self, note: str, row: trust.Registered) -> None:
        self.refresh()
        first, second = fingerprint_lines(row.sha256)
        feedback.show_note(self.message, note + "\n" + self.tr("证书指纹（SHA-256）：%1")
                           .replace("%1", f"{first}  {second}"))
        self.changed.emit()
