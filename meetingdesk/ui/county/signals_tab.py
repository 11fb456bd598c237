"""监督信号: every supervision signal of a year for one unit or all, its count, its table, the
records behind a row (opening a record through ``recordRequested``, which the county window
connects to its PDF opener), a month-by-month chart where a trend reads better, and the
exports (XLSX, the report PDF).

The signals are computed by meetingdesk.county.signals; nothing is judged here. On an archive
of a thousand units that takes seconds, so they are computed in a worker on a connection of its
own (compute), polled from the GUI thread: the year and the unit can be chosen meanwhile, and
the latest choice's signals are the ones shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QSpinBox, QSplitter,
                               QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from meetingdesk import collector
from meetingdesk.county.signal_report import SignalTable, render_pdf, render_xlsx, run_all
from meetingdesk.county.signal_tables import COUNT, MONEY, RATE
from meetingdesk.county.signals import RecordLine, Scope, Signals, records_behind
from meetingdesk.domain.supervision import Period
from meetingdesk.record.errors import RecordError
from meetingdesk.record.fonts import FontNotFoundError
from meetingdesk.services.records import write_atomically
from meetingdesk.ui import feedback, i18n, prefs
from meetingdesk.ui.background import Latest
from meetingdesk.ui.models import HeadedModel
from meetingdesk.ui.table_focus import keyboard_table

if TYPE_CHECKING:
    from concurrent.futures import Future

    from meetingdesk.store.database import Database

NUMBER_KINDS = (COUNT, MONEY, RATE)
ROWS_MEASURED = 300  # the rows a column's width is measured on
SETTLE_MS = 250  # a year or unit chosen is computed once it stays chosen this long
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Computed:
    """Every signal's table of a scope, its rows' texts in the language shown, and each one's
    records by month (None: no trend)."""

    tables: list[SignalTable]
    cells: list[list[list[str]]]
    months: list[dict[int, int] | None]


def compute(archive: "Database", scope: Scope, today: date, lang: str) -> Computed:
    """Every signal of ``scope`` (run off the GUI thread, on a connection of its own), with
    the garbage collector paused throughout: a full pass between two signals held the GUI
    thread too, for a quarter to two thirds of a second on 100,000 meetings."""
    with collector.paused(), archive.transaction() as conn:
        signals = Signals(conn, scope, as_of=today)
        tables = run_all(signals)
        return Computed(tables, [t.text_cells(lang) for t in tables],
                        [None if t.spec.trend is None else signals.by_month(
                            r for row in t.rows for r in t.spec.trend(row)) for t in tables])


class CellsModel(HeadedModel):
    """A signal's rows as texts (thousands: the view asks only for those it paints), its
    numbers right-aligned."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.cells: list[list[str]] = []
        self.numbers: set[int] = set()  # the columns of numbers

    def show(self, headers: list[str], cells: list[list[str]], numbers: set[int]) -> None:
        self.beginResetModel()
        self.headers, self.cells, self.numbers = headers, cells, numbers
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.cells)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numbers:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


class TrendChart(QWidget):
    """Bars of a count per month (1-12), drawn with QPainter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[int, int] = {}
        self.setMinimumHeight(120)

    def set_counts(self, counts: dict[int, int]) -> None:
        self.counts = counts
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(8, line + 4, -8, -line - 4)
        top = max(self.counts.values(), default=0)
        slot = area.width() / 12
        painter.setPen(QPen(self.palette().text().color()))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        for month in range(1, 13):
            x = area.left() + (month - 1) * slot
            n = self.counts.get(month, 0)
            height = area.height() * n / top if top else 0
            bar = QRectF(x + slot * 0.2, area.bottom() - height, slot * 0.6, height)
            painter.fillRect(bar, QColor("#5b8bd0"))
            painter.drawText(QRectF(x, area.bottom() + 2, slot, line),
                             Qt.AlignmentFlag.AlignCenter, self.tr("%1月").replace("%1", str(month)))
            if n:
                painter.drawText(QRectF(x, bar.top() - line - 2, slot, line),
                                 Qt.AlignmentFlag.AlignCenter, str(n))
        painter.end()


def fit_columns(view: QTableView) -> None:
    """Each column as wide as its texts (the first few hundred rows: a signal has thousands),
    the last one to the table's edge."""
    header = view.horizontalHeader()
    view.resizeColumnsToContents()
    header.setStretchLastSection(False)  # stretched again after the measure
    header.setStretchLastSection(True)


class SignalsTab(QWidget):
    """The signals of a year and unit: a list with counts, the chosen signal's table, and the
    records behind the row chosen."""

    recordRequested = Signal(int)  # the filed package whose record PDF to open

    def __init__(self, archive: "Database", parent: QWidget | None = None,
                 year: int | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.today = today or date.today()
        self.tables: list[SignalTable] = []
        self.cells: list[list[list[str]]] = []
        self.lines: list[RecordLine] = []
        self.months: list[dict[int, int] | None] = []

        self.yearSpin = QSpinBox()
        self.yearSpin.setRange(2000, 2100)
        self.yearSpin.setValue(year or self.today.year)
        self.unitCombo = QComboBox()
        self.unitCombo.setMinimumContentsLength(12)
        self.xlsxButton = QPushButton(self.tr("导出 Excel(&E)"))
        self.pdfButton = QPushButton(self.tr("导出报告 PDF(&P)"))
        top = QHBoxLayout()
        for label, field in ((self.tr("年度(&Y)："), self.yearSpin),
                             (self.tr("单位(&U)："), self.unitCombo)):
            caption = QLabel(label)
            caption.setBuddy(field)
            top.addWidget(caption)
            top.addWidget(field)
        # an export's outcome, beside the buttons: a line of the row they are on anyway, so
        # that no empty band waits for it and nothing moves when it shows
        self.message = QLabel()
        feedback.reserve(self.message, 1)
        feedback.clear(self.message)
        top.addWidget(self.message, 1)
        top.addWidget(self.xlsxButton)
        top.addWidget(self.pdfButton)

        self.signalList = QListWidget()
        self.aboutLabel = QLabel()
        self.aboutLabel.setWordWrap(True)
        self.rowsModel = CellsModel()
        self.rowsTable = QTableView()
        self.rowsTable.setModel(self.rowsModel)
        self.chart = TrendChart()
        self.chartLabel = QLabel(self.tr("每月所涉记录数"))
        self.recordsLabel = QLabel(self.tr("所涉记录（在上表中双击一行或按回车查看）"))
        self.recordsTable = QTableWidget(0, 4)
        self.recordsTable.setHorizontalHeaderLabels(
            [self.tr("单位"), self.tr("会议"), self.tr("会议日期"), self.tr("议题")])
        self.openButton = QPushButton(self.tr("打开会议纪实(&O)"))
        for view in (self.rowsTable, self.recordsTable):
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.verticalHeader().setVisible(False)
            # rows of one line, and the last column to the table's edge: the rows get the room
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
            view.horizontalHeader().setResizeContentsPrecision(ROWS_MEASURED)
            keyboard_table(view)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.aboutLabel)
        column.addWidget(self.rowsTable, 3)
        column.addWidget(self.chartLabel)
        column.addWidget(self.chart, 1)
        column.addWidget(self.recordsLabel)
        column.addWidget(self.recordsTable, 2)
        opener = QHBoxLayout()
        opener.addStretch(1)
        opener.addWidget(self.openButton)
        column.addLayout(opener)
        split = QSplitter()
        split.addWidget(self.signalList)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.setTabOrder(self.yearSpin, self.unitCombo)
        self.setTabOrder(self.unitCombo, self.signalList)
        self.setTabOrder(self.signalList, self.rowsTable)
        self.setTabOrder(self.rowsTable, self.recordsTable)
        self.setTabOrder(self.recordsTable, self.openButton)

        self._fill_units()
        # a choice settles first: a clerk going down the units with the arrow keys starts
        # one computation, not one a unit (each a connection and seconds of the server's time)
        self._settling = QTimer(self)
        self._settling.setSingleShot(True)
        self._settling.setInterval(SETTLE_MS)
        self._settling.timeout.connect(self.refresh)
        self.yearSpin.valueChanged.connect(self._chosen)
        self.unitCombo.currentIndexChanged.connect(self._chosen)
        self.signalList.currentRowChanged.connect(self.show_signal)
        self._computing: "Latest[Computed]" = Latest(self, "signals", self._computed)
        self._row = 0  # the signal to show once computed
        # a double-click or Enter: handled here rather than through ``activated``, which a
        # double-click may emit beside ``doubleClicked`` (a record would open twice)
        self.rowsTable.doubleClicked.connect(lambda index: self.drill(index.row()))
        self.recordsTable.doubleClicked.connect(lambda index: self.open_record(index.row()))
        self.rowsTable.installEventFilter(self)
        self.recordsTable.installEventFilter(self)
        self.openButton.clicked.connect(lambda: self.open_record(self.recordsTable.currentRow()))
        self.xlsxButton.clicked.connect(lambda: self.export("xlsx"))
        self.pdfButton.clicked.connect(lambda: self.export("pdf"))
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):  # type: ignore[attr-defined]
            if watched is self.rowsTable and self.rowsTable.currentIndex().row() >= 0:
                self.drill(self.rowsTable.currentIndex().row())
                return True
            if watched is self.recordsTable:
                self.open_record(self.recordsTable.currentRow())
                return True
        return super().eventFilter(watched, event)

    def _fill_units(self) -> None:
        from sqlalchemy import select

        from meetingdesk.county.models import Unit

        with self.archive.transaction() as conn:
            names = conn.execute(select(Unit.name).order_by(Unit.name)).scalars().all()
        self.unitCombo.blockSignals(True)
        self.unitCombo.clear()
        self.unitCombo.addItem(self.tr("全部单位"), None)
        for name in names:
            self.unitCombo.addItem(name, name)
        self.unitCombo.blockSignals(False)

    @property
    def scope(self) -> Scope:
        return Scope(Period.year(self.yearSpin.value()), self.unitCombo.currentData())

    def _chosen(self) -> None:
        """Another year or unit: the signals shown go at once, the computation once the
        choice has settled."""
        self._clear()
        self._settling.start()

    def refresh(self) -> None:
        """Compute every signal of the year and unit chosen, in a worker (superseding one
        still computing for an earlier choice); the signal shown stays chosen."""
        self._settling.stop()
        self._clear()
        archive, scope, today, lang = self.archive, self.scope, self.today, i18n.lang()
        self._computing.start(lambda: compute(archive, scope, today, lang))

    def _clear(self) -> None:
        """No signals shown, a note that they are being computed."""
        if self.signalList.currentRow() >= 0:
            self._row = self.signalList.currentRow()
        self.tables, self.cells, self.months = [], [], []
        self.signalList.clear()
        self.rowsModel.show([], [], set())
        self._show_records([])
        self.chart.hide()  # until a signal with a trend is shown
        self.chartLabel.hide()
        for button in (self.xlsxButton, self.pdfButton):
            button.setEnabled(False)
        self.aboutLabel.setText(self.tr("正在计算…"))

    def _computed(self, computing: "Future[Computed]") -> None:
        try:
            computed = computing.result()
        except Exception as error:  # noqa: BLE001 - a database error, told in words
            self.aboutLabel.clear()
            feedback.show_error(self.message, error)
            return
        self.tables, self.cells, self.months = computed.tables, computed.cells, computed.months
        for button in (self.xlsxButton, self.pdfButton):
            button.setEnabled(True)
        row = min(self._row, len(self.tables) - 1)
        self.signalList.blockSignals(True)
        self.signalList.clear()
        for table in self.tables:
            text = self.tr("%1（%2）").replace("%1", i18n.pick(table.spec.zh, table.spec.en)) \
                .replace("%2", str(len(table.rows)))
            QListWidgetItem(text, self.signalList)
        self.signalList.blockSignals(False)
        self.signalList.setCurrentRow(row)
        self.show_signal(row)

    def show_signal(self, index: int) -> None:
        if not 0 <= index < len(self.tables):
            return
        table = self.tables[index]
        spec = table.spec
        lang = i18n.lang()
        self.aboutLabel.setText(i18n.pick(spec.about_zh, spec.about_en))
        self.rowsModel.show(spec.headers(lang), self.cells[index],
                            {c for c, column in enumerate(spec.columns)
                             if column.kind in NUMBER_KINDS})
        fit_columns(self.rowsTable)
        months = self.months[index]
        self.chart.setVisible(months is not None)
        self.chartLabel.setVisible(months is not None)
        self.chart.set_counts(months or {})
        self._show_records([])

    def drill(self, row: int) -> None:
        """The records behind the chosen signal's row ``row``."""
        table = self.tables[self.signalList.currentRow()]
        with self.archive.transaction() as conn:
            self._show_records(records_behind(conn, table.rows[row].behind))
        if self.lines:
            self.recordsTable.setCurrentCell(0, 0)
            self.recordsTable.setFocus()

    def _show_records(self, lines: list[RecordLine]) -> None:
        self.lines = lines
        view = self.recordsTable
        view.setRowCount(len(lines))
        for r, line in enumerate(lines):
            item = "" if line.item_no is None else self.tr("第%1项：%2").replace(
                "%1", str(line.item_no)).replace("%2", line.item_title)
            for c, text in enumerate((line.unit, line.title, line.held_on.isoformat(), item)):
                view.setItem(r, c, QTableWidgetItem(text))
        fit_columns(view)
        self.openButton.setEnabled(bool(lines))

    def open_record(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.recordRequested.emit(self.lines[row].package_id)

    def export(self, kind: str) -> None:
        """Ask where, then save every table (XLSX) or the report (PDF)."""
        scope = self.unitCombo.currentData() or self.tr("全县")
        name = f"{scope}监督信号{self.yearSpin.value()}.{kind}"
        filters = self.tr("PDF 文件 (*.pdf)") if kind == "pdf" else self.tr("Excel 工作簿 (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出监督信号"),
                                              prefs.export_path(name), filters)
        if path:
            self.save(kind, Path(path))

    def save(self, kind: str, path: Path) -> None:
        scope = self.unitCombo.currentData() or "全县"
        render = render_pdf if kind == "pdf" else render_xlsx
        try:
            write_atomically(path, render(self.tables, scope, self.scope.period))
        except RecordError as error:
            feedback.show_error(self.message, error)
            return
        except FontNotFoundError as error:  # its message is in Chinese and in English
            feedback.show_error(self.message, str(error))
            return
        prefs.exported_to(str(path))
        feedback.show_note(self.message, self.tr("已导出：%1").replace("%1", str(path)))
