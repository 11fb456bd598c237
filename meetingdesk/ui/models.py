"""Model/View models: the paged meeting list, and small table models for the dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Generic, NamedTuple, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableView

from . import i18n

if TYPE_CHECKING:
    from meetingdesk.meeting_list import MeetingRow
    from meetingdesk.services import Desk

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole  # the row object behind a table row

BADGE_BACKGROUND = QColor("#fde2e1")  # 三重一大 and refusals: a soft red the projector keeps
BADGE_FOREGROUND = QColor("#a3120b")


class Column(NamedTuple, Generic[T]):  # not a dataclass: its import delays the main window
    header: str
    text: Callable[[T], str]
    tooltip: Callable[[T], str] | None = None
    badge: Callable[[T], bool] | None = None  # draw the cell as a red badge when true


class HeadedModel(QAbstractTableModel):
    """A flat, read-only table whose columns are ``headers`` (the rows are the subclass's)."""

    headers: Sequence[str] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table of rows of any kind, one function per column."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row(self, index: int) -> T:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if column.badge is not None and column.badge(row):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(BADGE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(BADGE_FOREGROUND)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None


class TextTableModel(QAbstractTableModel):
    """An editable table of short texts (observers, candidates): rows of dicts by key."""

    def __init__(self, keys: Sequence[str], headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._keys = list(keys)
        self._headers = list(headers)
        self._rows: list[dict[str, str]] = []

    def set_rows(self, rows: Sequence[dict[str, str]]) -> None:
        self.beginResetModel()
        self._rows = [{k: str(r.get(k, "") or "") for k in self._keys} for r in rows]
        self.endResetModel()

    def rows(self) -> list[dict[str, str]]:
        """The rows typed so far, without the empty ones."""
        return [dict(r) for r in self._rows if any(v.strip() for v in r.values())]

    def add_row(self) -> int:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append({k: "" for k in self._keys})
        self.endInsertRows()
        return len(self._rows) - 1

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()][self._keys[index.column()]]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self._rows[index.row()][self._keys[index.column()]] = str(value)
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class MeetingListModel(RowsModel["MeetingRow"]):
    """A unit's meetings, newest first, read a page at a time as the view scrolls (fetchMore),
    so that ten thousand meetings cost no more to show than two hundred."""

    PAGE = 200

    def __init__(self, desk: "Desk | None", parent: Any = None) -> None:
        """Without a desk the model holds only a first page (show_first_page) until the
        main window has the desk and makes a full model."""
        super().__init__([
            Column(self.tr("会议"), lambda r: r.title),
            Column(self.tr("时间"), lambda r: r.held or self.tr("计划 %1").replace(
                "%1", short_time(r.scheduled_at))),
            Column(self.tr("状态"), lambda r: i18n.status_label(r.status)),
            Column(self.tr("地点"), lambda r: r.place)], parent)
        self._desk = desk
        self._filter: tuple[int | None, str | None, str] = (None, None, "")
        self._total = 0

    @property
    def total(self) -> int:
        """How many meetings match the filter (shown or not yet read)."""
        return self._total

    def show_first_page(self, rows: "list[MeetingRow]", total: int) -> None:
        self._total = total
        self.set_rows(rows)

    def set_filter(self, unit_id: int | None, status: str | None, search: str) -> None:
        assert self._desk is not None
        self._filter = (unit_id, status, search)
        self._total = self._desk.count_meetings(unit_id, status, search)
        self.set_rows(self._desk.list_meetings(unit_id, status, search, limit=self.PAGE))

    def refresh(self) -> None:
        """Read the filter's rows again (after a meeting was added or changed status)."""
        self.set_filter(*self._filter)

    def meeting(self, row: int) -> "MeetingRow":
        return self._rows[row]

    def row_of(self, meeting_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == meeting_id), None)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return (self._desk is not None and not parent.isValid()
                and len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or self._desk is None:
            return
        more = self._desk.list_meetings(*self._filter, limit=self.PAGE, offset=len(self._rows))
        if not more:
            self._total = len(self._rows)  # the database shrank meanwhile
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()


def show_table(view: QTableView, model: QAbstractTableModel, stretch: int) -> None:
    """Put a small model in a table view: columns fit their contents, `stretch` takes the rest."""
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # a cell edited in place (a candidate's name typed) widens its column, never shown "…"
    model.dataChanged.connect(lambda first, last, *_: [
        view.resizeColumnToContents(c) for c in range(first.column(), last.column() + 1)
        if c != stretch])


def fit_rows(view: QTableView, rows: int) -> None:
    """One-line rows, and room for `rows` of them under the header whatever the font size, so
    that a short list is read whole (never a row and a half behind a scroll bar)."""
    lines = view.verticalHeader()
    lines.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    lines.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setMinimumHeight(view.horizontalHeader().sizeHint().height()
                          + rows * lines.defaultSectionSize() + 2 * view.frameWidth())


def selected_row(view: QTableView) -> Any:
    """The row object (ROW_ROLE) of the view's selected row, or None."""
    rows = view.selectionModel().selectedRows()
    return rows[0].data(ROW_ROLE) if rows else None


def select_row(view: QTableView, match: Callable[[Any], bool]) -> None:
    """Select the first row whose row object matches; clear the selection if none does."""
    model = view.model()
    for row in range(model.rowCount()):
        if match(model.index(row, 0).data(ROW_ROLE)):
            view.selectRow(row)
            return
    view.clearSelection()


def short_time(iso: str) -> str:
    """'2026-11-24T09:00:00+08:00' -> '2026-11-24 09:00'."""
    return iso[:16].replace("T", " ")
