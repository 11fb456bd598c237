"""县级备案台: the county's window. One tab a task: 受理 (receive a folder or a USB stick of
packages, the batch's outcome and its 回执), 完整性 (per unit, type and year the numbers on file,
the gaps and the cancelled meetings, down to each record), 检索 (search the filed records),
监督信号 (signals_tab.py) and 单位证书 (trust_tab.py).

The window is on screen before the archive is open: SQLAlchemy and the schema check (most of
the start) run in a worker thread (open_in_background) while its tabs say so, as the township
window does. The receipt runs off the GUI thread, reporting each package as it is done;
everything the window shows comes from meetingdesk.county (the rules of receipt live there, not
here). The tabs after 受理 are built the first time they are shown: the first screen waits neither for
their imports (the signals' report, the certificates' signing) nor for their queries over the
whole archive.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QFileDialog,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow,
                               QMessageBox, QProgressBar, QPushButton, QSplitter, QTableView,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from meetingdesk.ui import feedback, i18n, screen_fit
from meetingdesk.ui.background import Latest, import_in_background, in_background
from meetingdesk.ui.table_focus import keyboard_table

if TYPE_CHECKING:
    from concurrent.futures import Future

    from meetingdesk.county.receipt import Batch, Outcome
    from meetingdesk.store.database import Database
    from meetingdesk.ui.county.gaps_model import Loaded
    from meetingdesk.ui.county.signals_tab import SignalsTab
    from meetingdesk.ui.county.trust_tab import TrustTab

    Opened = tuple[Database, str]  # the archive and the county's name

GAP_BRUSH = QBrush(QColor("#fde2e1"))
CANCELLED_BRUSH = QBrush(QColor("#fff4d6"))
WIDTH, HEIGHT = 1180, 700
RECEIPT, COMPLETENESS, SEARCH, SIGNALS, TRUST = range(5)  # the tabs, in order
OPENING_POLL_MS = 20  # how often the GUI thread looks whether the archive is open
LATER_MODULES = ("meetingdesk.ui.county.signals_tab", "meetingdesk.ui.county.trust_tab")


def table(headers: list[str], stretch: int) -> QTableWidget:
    view = QTableWidget(0, len(headers))
    view.setHorizontalHeaderLabels(headers)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.verticalHeader().setVisible(False)
    keyboard_table(view)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def fill(view: QTableWidget, rows: list[list[str]], brushes: list[QBrush | None] | None = None,
         data: list[object] | None = None) -> None:
    view.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            if brushes and brushes[r] is not None:
                cell.setBackground(brushes[r])
            if data is not None and c == 0:
                cell.setData(Qt.ItemDataRole.UserRole, data[r])
            view.setItem(r, c, cell)
    view.resizeRowsToContents()


class RecordOpener:
    """Opens a filed package's PDF (the record, or a cancellation notice) in the PDF viewer."""

    def __init__(self, archive: "Database") -> None:
        self.archive = archive
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._folder = tempfile.TemporaryDirectory(prefix="meetingdesk-county-")

    def open(self, package_id: int) -> Path:
        from meetingdesk.county.index import filed_pdf

        return self.show(*filed_pdf(self.archive, package_id))

    def show(self, name: str, pdf: bytes) -> Path:
        """Write ``pdf`` to a temporary file named ``name`` and open it."""
        path = Path(self._folder.name) / name
        path.write_bytes(pdf)
        self.open_url(QUrl.fromLocalFile(str(path)))
        return path


class ReceiptTab(QWidget):
    """受理: choose a folder (a USB stick), receive it, read the outcome and the 回执."""

    progressed = Signal(int, int, object)  # done, total, Outcome (from the worker thread)
    finished = Signal(object)  # Batch, or the error that stopped the receipt
    received = Signal(object)  # Batch, once shown: other tabs refresh

    def __init__(self, archive: "Database", opener: RecordOpener) -> None:
        super().__init__()
        self.archive, self.opener = archive, opener
        self.batch: "Batch | None" = None
        self.worker: threading.Thread | None = None
        self.folderEdit = QLineEdit()
        self.folderEdit.setPlaceholderText(self.tr("备案包所在的文件夹或 U 盘"))
        self.chooseButton = QPushButton(self.tr("选择文件夹(&F)…"))
        self.importButton = QPushButton(self.tr("受理(&I)"))
        self.importButton.setDefault(True)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v / %m 个备案包"))
        self.progress.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.outcomes = table([self.tr("结果"), self.tr("单位"), self.tr("会议"), self.tr("文件"),
                               self.tr("原因或说明")], 4)
        self.openReceiptButton = QPushButton(self.tr("查看回执(&V)"))
        self.saveReceiptButton = QPushButton(self.tr("保存回执(&S)…"))
        for button in (self.openReceiptButton, self.saveReceiptButton):
            button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("来源：")))
        top.addWidget(self.folderEdit, 1)
        top.addWidget(self.chooseButton)
        top.addWidget(self.importButton)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.openReceiptButton)
        bottom.addWidget(self.saveReceiptButton)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.outcomes, 1)
        layout.addLayout(bottom)
        self.chooseButton.clicked.connect(self.choose)
        self.importButton.clicked.connect(self.start)
        self.folderEdit.returnPressed.connect(self.start)
        self.openReceiptButton.clicked.connect(self.open_receipt)
        self.saveReceiptButton.clicked.connect(self.save_receipt)
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备案包所在的文件夹或 U 盘"),
                                                  self.folderEdit.text())
        if folder:
            self.folderEdit.setText(folder)
            self.start()

    def start(self) -> None:
        """Receive the folder in a worker thread; the window stays responsive."""
        from meetingdesk.county.receipt import find_packages

        source = self.folderEdit.text().strip()
        if not source or self.worker is not None:
            self.folderEdit.setFocus()
            return
        try:
            total = len(find_packages([source]))
        except Exception as error:  # noqa: BLE001 - a CountyError, told in words
            feedback.show_error(self.summary, error)
            self.folderEdit.setFocus()
            return
        if total == 0:
            feedback.show_error(self.summary, self.tr("该文件夹中没有备案包（.mdpkg 或 .zip 文件）。"))
            self.folderEdit.setFocus()
            return
        self.outcomes.setRowCount(0)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.show()
        feedback.clear(self.summary)
        for widget in (self.importButton, self.chooseButton, self.folderEdit):
            widget.setEnabled(False)
        self.worker = threading.Thread(target=self._work, args=(source,), name="county-receipt",
                                       daemon=True)
        self.worker.start()

    def _work(self, source: str) -> None:
        from meetingdesk.county.receipt import receive

        try:
            batch = receive(self.archive, [source],
                            progress=lambda n, total, o: self.progressed.emit(n, total, o))
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread and shown
            self.finished.emit(error)
            return
        self.finished.emit(batch)

    def _progressed(self, done: int, total: int, outcome: "Outcome") -> None:
        self.progress.setValue(done)
        self._add_row(outcome)

    def _add_row(self, outcome: "Outcome") -> None:
        from meetingdesk.county.receipt import REFUSED, STATUS_WORDS

        lang = i18n.lang()
        row = self.outcomes.rowCount()
        meeting = outcome.meeting
        reasons = "\n".join(r.in_lang(lang) for r in outcome.reasons)
        cells = [i18n.pick(*STATUS_WORDS[outcome.status]), outcome.unit, meeting,
                 outcome.file_name, reasons]
        self.outcomes.insertRow(row)
        for c, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if outcome.status == REFUSED:
                cell.setBackground(GAP_BRUSH)
            self.outcomes.setItem(row, c, cell)
        self.outcomes.resizeRowToContents(row)

    def _finished(self, result: object) -> None:
        self.worker.join()
        self.worker = None
        self.progress.hide()
        for widget in (self.importButton, self.chooseButton, self.folderEdit):
            widget.setEnabled(True)
        if isinstance(result, BaseException):
            feedback.show_error(self.summary, result)
            return
        from meetingdesk.county.receipt import ALREADY, REFUSED

        self.batch = batch = result  # type: ignore[assignment]
        self.outcomes.resizeRowsToContents()
        text = self.tr("共 %1 个备案包：受理 %2 个，拒收 %3 个，已受理过 %4 个（批次 %5）")
        for n, value in enumerate((len(batch.outcomes), batch.count("accepted"),
                                   batch.count(REFUSED), batch.count(ALREADY), batch.id), 1):
            text = text.replace(f"%{n}", str(value))
        if batch.interrupted is not None:  # the receipt's own words, both languages
            text += "\n" + i18n.pick(batch.interrupted.line("zh"), batch.interrupted.line("en"))
        (feedback.show_note if batch.all_accepted else feedback.show_error)(self.summary, text)
        for button in (self.openReceiptButton, self.saveReceiptButton):
            button.setEnabled(True)
        self.openReceiptButton.setFocus()
        self.received.emit(batch)

    def open_receipt(self) -> Path:
        assert self.batch is not None
        return self.opener.show(f"回执-批次{self.batch.id}.pdf", self.batch.receipt_pdf)

    def save_receipt(self) -> None:
        assert self.batch is not None
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存回执"), f"回执-批次{self.batch.id}.pdf", self.tr("PDF 文件 (*.pdf)"))
        if name:
            from meetingdesk.services.records import write_atomically

            try:
                write_atomically(Path(name), self.batch.receipt_pdf)
            except Exception as error:  # noqa: BLE001 - a RecordError, told in words
                feedback.show_error(self.summary, error)


class CompletenessTab(QWidget):
    """完整性: per unit, type and year; gaps highlighted; a group opens to its numbers, and a
    number on file opens its record (or the notice of its cancellation).

    The groups (20,000 on an archive of 100,000 meetings) are grouped and made into rows in a
    worker (gaps_model.load) that the GUI thread polls, and shown by a model: rows of one height,
    texts elided with the whole text as tooltip, so the view reads only the rows it paints."""

    def __init__(self, archive: "Database", opener: RecordOpener) -> None:
        super().__init__()
        from meetingdesk.ui.county.gaps_model import GapsModel

        self.archive, self.opener = archive, opener
        self.note = QLabel(self.tr("双击一行或按 Enter 查看该年度的每次会议；在一次会议上双击或按 "
                                   "Enter 打开其备案记录，Esc 回到上表。"))
        self.note.setWordWrap(True)
        self.filterEdit = QLineEdit()
        self.filterEdit.setPlaceholderText(self.tr("单位名称中的文字"))
        self.filterEdit.setClearButtonEnabled(True)
        filter_label = QLabel(self.tr("筛选单位(&U)："))
        filter_label.setBuddy(self.filterEdit)
        self.gapsOnly = QCheckBox(self.tr("只看有缺号的(&G)"))
        self.status = QLabel()
        self.model = GapsModel([self.tr("单位"), self.tr("会议类型"), self.tr("年度"),
                                self.tr("已备案"), self.tr("缺号"), self.tr("已取消"),
                                self.tr("会后送达（天）"), self.tr("逾期送达")], GAP_BRUSH)
        self.groupsTable = self._groups_view()
        self.groupLabel = QLabel()
        self.numbersTable = table([self.tr("编号"), self.tr("会议"), self.tr("日期"),
                                   self.tr("情况"), self.tr("会后送达（天）")], 3)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.groupLabel)
        lower_layout.addWidget(self.numbersTable, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.groupsTable)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filterEdit, 1)
        top.addWidget(self.gapsOnly)
        top.addWidget(self.status, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.filterEdit.textChanged.connect(self._refilter)
        self.filterEdit.returnPressed.connect(self._to_groups)
        self.gapsOnly.toggled.connect(self._refilter)
        self.groupsTable.activated.connect(lambda index: self.open_group(index.row()))
        self.numbersTable.itemActivated.connect(lambda item: self.open_number(item.row()))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.numbersTable, self.groupsTable.setFocus,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._loading: "Latest[Loaded]" = Latest(self, "completeness", self._loaded)
        QWidget.setTabOrder(self.filterEdit, self.gapsOnly)
        QWidget.setTabOrder(self.gapsOnly, self.groupsTable)
        QWidget.setTabOrder(self.groupsTable, self.numbersTable)
        self.refresh()

    def _groups_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        keyboard_table(view)
        rows = view.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no row measured
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        return view

    def refresh(self) -> None:
        """Group the archive's filings again, in a worker; the table is replaced when done."""
        from meetingdesk.ui.county.gaps_model import load

        archive = self.archive
        self._loading.start(lambda: load(archive))
        self.status.setText(self.tr("正在统计各单位的备案情况…"))

    def _loaded(self, loading: "Future[Loaded]") -> None:
        try:
            loaded = loading.result()
        except Exception as error:  # noqa: BLE001 - a database error, told in words
            feedback.show_error(self.status, error)
            return
        self.model.set_rows(loaded)
        self._size_columns(loaded.widest)
        self.numbersTable.setRowCount(0)
        self.groupLabel.clear()
        self._shown()

    def _size_columns(self, widest: list[str]) -> None:
        """Each column as wide as its widest text or its title (within a third of the view):
        measured once, not row by row."""
        header, metrics = self.groupsTable.horizontalHeader(), self.groupsTable.fontMetrics()
        pad, most = 3 * metrics.averageCharWidth(), max(self.groupsTable.width() // 3, 120)
        for column, text in enumerate(widest):
            title = header.sectionSizeFromContents(column).width()
            header.resizeSection(column, min(most, max(title, metrics.horizontalAdvance(text)
                                                       + pad)))

    def _refilter(self) -> None:
        self.model.set_filter(self.filterEdit.text(), self.gapsOnly.isChecked())
        self._shown()

    def _shown(self) -> None:
        """Say how many groups are shown, and keep a row current for the keyboard."""
        text = self.tr("显示 %1 组，共 %2 组（%3 组有缺号）")
        for n, value in enumerate((self.model.rowCount(), len(self.model.rows),
                                   self.model.gap_count), 1):
            text = text.replace(f"%{n}", str(value))
        self.status.setText(text)
        if self.model.rowCount():
            self.groupsTable.setCurrentIndex(self.model.index(0, 0))

    def _to_groups(self) -> None:
        if self.model.rowCount():
            self.groupsTable.setFocus()

    def open_group(self, row: int) -> None:
        group = self.model.group(row)
        self.groupLabel.setText(f"{group.unit} · {group.type_name} · {group.year}")
        by_number = {f.number: f for f in group.filed}
        rows, brushes, data = [], [], []
        for n in range(1, max(by_number, default=0) + 1):
            f = by_number.get(n)
            if f is None:
                rows.append([str(n), "", "", self.tr("缺号：县里未收到这次会议的记录或取消说明"), ""])
                brushes.append(GAP_BRUSH)
                data.append(None)
                continue
            state = (self.tr("已取消：%1").replace("%1", f.cancel_reason) if f.cancelled
                     else self.tr("已备案"))
            rows.append([str(n), f.title, f.held_on or "", state,
                         "" if f.days_to_receipt is None else str(f.days_to_receipt)])
            brushes.append(CANCELLED_BRUSH if f.cancelled else None)
            data.append(f.package_id)
        fill(self.numbersTable, rows, brushes, data)
        self.numbersTable.setFocus()
        if self.numbersTable.rowCount():
            self.numbersTable.selectRow(0)

    def open_number(self, row: int) -> None:
        package_id = self.numbersTable.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if package_id is not None:
            self.opener.open(package_id)


class SearchTab(QWidget):
    """检索: titles, words, decisions and names across the current filed records."""

    def __init__(self, archive: "Database", opener: RecordOpener) -> None:
        super().__init__()
        self.archive, self.opener = archive, opener
        self.queryEdit = QLineEdit()
        self.queryEdit.setPlaceholderText(self.tr("会议题目、发言、决定或姓名中的文字"))
        self.searchButton = QPushButton(self.tr("检索(&S)"))
        self.searchButton.setDefault(True)
        self.status = QLabel()
        self.results = table([self.tr("单位"), self.tr("会议"), self.tr("日期"), self.tr("位置"),
                              self.tr("摘录")], 4)
        top = QHBoxLayout()
        top.addWidget(self.queryEdit, 1)
        top.addWidget(self.searchButton)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.queryEdit.returnPressed.connect(self.search)
        self.searchButton.clicked.connect(self.search)
        self.results.itemActivated.connect(lambda item: self.open(item.row()))

    def search(self) -> None:
        from meetingdesk.county.search import FIELDS, search

        found = search(self.archive, self.queryEdit.text())
        hits = found.hits
        fill(self.results, [[h.unit, h.meeting + (f" · {h.item_no}" if h.item_no else ""),
                             h.held_on, i18n.pick(*FIELDS[h.field]), h.snippet] for h in hits],
             data=[h.package_id for h in hits])
        if found.more:  # counting every one of thousands of texts would cost the wait
            status = self.tr("找到超过 %1 处，列出最新的 %2 处")
        elif found.count > len(hits):
            status = self.tr("找到 %1 处，列出最新的 %2 处")
        else:
            status = self.tr("找到 %1 处")
        self.status.setText(status.replace("%1", str(found.count)).replace("%2", str(len(hits))))
        if hits:  # Enter opens the first at once, Down goes on to the next
            self.results.setCurrentCell(0, 0)
            self.results.setFocus()

    def open(self, row: int) -> None:
        self.opener.open(self.results.item(row, 0).data(Qt.ItemDataRole.UserRole))


class CountyWindow(QMainWindow):
    """The county desk's main window: a tab per task. Without an archive it shows that the
    archive is opening (open_archive_from hands it the Future of open_in_background) and
    fills its tabs once the GUI thread finds the Future done (no signal from the worker)."""

    archiveOpened = Signal()
    archiveRefused = Signal(str)  # the reason, in words

    def __init__(self, archive: "Database | None" = None) -> None:
        super().__init__()
        self.archive: "Database | None" = None
        self.archive_error = ""
        self.county_name = ""
        self.setWindowTitle(self.tr("县级备案台"))
        self.tabs = QTabWidget()
        self._makers: dict[int, Callable[[], QWidget]] = {}
        for title in (self.tr("受理(&1)"), self.tr("完整性(&2)"), self.tr("检索(&3)"),
                      self.tr("监督信号(&4)"), self.tr("单位证书(&5)")):
            opening = QLabel(self.tr("正在打开备案库…"))
            opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.add_tab(opening, title)
        self.tabs.currentChanged.connect(self.choose)
        # Alt+N on the tab already shown changes no index: the tab bar's shortcut event says it
        self.tabs.tabBar().installEventFilter(self)
        self.setCentralWidget(self.tabs)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        screen_fit.fit(self, WIDTH, HEIGHT)
        self._opening: "Future[Opened] | None" = None
        self._opening_poll = QTimer(self)
        self._opening_poll.setInterval(OPENING_POLL_MS)
        self._opening_poll.timeout.connect(self._poll_opening)
        if archive is not None:
            self._opened(archive, archive_name(archive))

    def open_archive_from(self, opening: "Future[Opened]") -> None:
        """Fill the tabs once ``opening`` is done (or explain why it failed)."""
        self._opening = opening
        self._opening_poll.start()

    def _poll_opening(self) -> None:
        if self._opening is None or not self._opening.done():
            return
        self._opening_poll.stop()
        try:
            archive, name = self._opening.result()
        except Exception as error:  # noqa: BLE001 - CountyError/StoreError, told in words
            self.archive_error = i18n.message(error)
            for index in range(self.tabs.count()):
                self.tabs.widget(index).setText(self.tr("无法打开备案库。"))
            self.archiveRefused.emit(self.archive_error)
        else:
            self._opened(archive, name)

    def _opened(self, archive: "Database", name: str) -> None:
        """The archive is open: the tabs are made (受理 now, the others when first shown)."""
        self.archive, self.county_name = archive, name
        if name:
            self.setWindowTitle(self.tr("县级备案台") + f" — {name}")
        self.opener = RecordOpener(archive)
        self.receipt = ReceiptTab(archive, self.opener)
        self._makers[RECEIPT] = lambda: self.receipt
        self._makers[COMPLETENESS] = lambda: CompletenessTab(archive, self.opener)
        self._makers[SEARCH] = lambda: SearchTab(archive, self.opener)
        self._makers[SIGNALS] = self._signals_tab
        self._makers[TRUST] = self._trust_tab
        self.receipt.received.connect(
            lambda _: COMPLETENESS in self._makers or self.completeness.refresh())
        self.tab(RECEIPT)
        self.tab(self.tabs.currentIndex())
        # the later tabs' modules load meanwhile, so that opening one does not wait for them
        import_in_background(LATER_MODULES)
        self.archiveOpened.emit()

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Another tab, after those already there."""
        return self.tabs.addTab(widget, title)

    def choose(self, index: int) -> None:
        """A tab chosen (Alt+N, Ctrl+Tab, a click): built if need be, the keyboard in its first
        field, so that what is typed next goes there."""
        focus_first_field(self.tab(index))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.tabs.tabBar() and event.type() == QEvent.Type.Shortcut:
            # after the tab bar has taken the shortcut (and made the tab current)
            QTimer.singleShot(0, lambda: self.choose(self.tabs.currentIndex()))
        return super().eventFilter(watched, event)

    def tab(self, index: int) -> QWidget:
        """The tab at ``index``, built now if it is not yet (and the archive is open)."""
        make = self._makers.pop(index, None)
        if make is None:
            return self.tabs.widget(index)
        widget, current = make(), self.tabs.currentIndex()
        title, placeholder = self.tabs.tabText(index), self.tabs.widget(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        if placeholder is not widget:
            placeholder.deleteLater()
        return widget

    def _signals_tab(self) -> "SignalsTab":
        from meetingdesk.ui.county.signals_tab import SignalsTab

        tab = SignalsTab(self.archive)
        tab.recordRequested.connect(self.opener.open)
        return tab

    def _trust_tab(self) -> "TrustTab":
        from meetingdesk.ui.county.trust_tab import TrustTab

        return TrustTab(self.archive)

    @property
    def completeness(self) -> "CompletenessTab":
        return self.tab(COMPLETENESS)  # type: ignore[return-value]

    @property
    def search(self) -> "SearchTab":
        return self.tab(SEARCH)  # type: ignore[return-value]

    @property
    def signals(self) -> "SignalsTab":
        return self.tab(SIGNALS)  # type: ignore[return-value]

    @property
    def trust(self) -> "TrustTab":
        return self.tab(TRUST)  # type: ignore[return-value]


def focus_first_field(page: QWidget) -> None:
    """The keyboard focus to the first widget of ``page`` that Tab would reach."""
    widget = page.nextInFocusChain()
    while widget is not page and widget is not None:
        if (page.isAncestorOf(widget) and widget.isVisibleTo(page) and widget.isEnabled()
                and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()


def archive_name(archive: "Database") -> str:
    """The county's name, as the archive holds it."""
    from meetingdesk.county.models import Archive

    with archive.session() as session:
        row = session.get(Archive, 1)
        return row.name if row else ""


def open_in_background(target: str) -> "Future[Opened]":
    """Open the archive (SQLAlchemy, the schema check) and read the county's name in a worker
    thread; the window polls the Future from the GUI thread."""
    def work() -> "Opened":
        from meetingdesk.county.archive import open_archive

        archive = open_archive(target)
        try:
            return archive, archive_name(archive)
        except BaseException:
            archive.close()
            raise

    return in_background(work, "open-archive")


def open_county_window(target: str, parent: QWidget | None = None,
                       on_refused: Callable[[], object] | None = None) -> CountyWindow:
    """The county window on the archive ``target``, shown at once while the archive opens;
    a database that is not an archive (or cannot be opened) is then explained in a message
    box, after which the window closes and ``on_refused`` is called."""
    window = CountyWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def opened() -> None:
        archive = window.archive
        window.destroyed.connect(lambda *_: archive.close())

    def refused(reason: str) -> None:
        QMessageBox.critical(window, QApplication.translate("CountyWindow", "县级备案台"), reason)
        if on_refused is not None:
            on_refused()
        window.close()

    window.archiveOpened.connect(opened)
    window.archiveRefused.connect(refused)
    if parent is not None:  # kept alive by its opener, yet a window of its own
        window.setParent(parent, Qt.WindowType.Window)
    window.show()
    QApplication.processEvents()  # the window is painted before the archive's work begins
    window.open_archive_from(open_in_background(target))
    return window


def run_county_gui(db: str, lang: str) -> int:
    """`meetingdesk county gui` (or `meetingdesk --db` an archive file): the county window."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("MeetingDesk")
    i18n.install(app, lang)
    refused: list[bool] = []
    open_county_window(db, on_refused=lambda: refused.append(True))
    code = app.exec()
    return 2 if refused else code
