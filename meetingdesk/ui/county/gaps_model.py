"""The 完整性 tab's groups (a unit's meetings of one type in one year) as a table model.

An archive of 100,000 meetings has 20,000 groups. Their texts and sort keys are made once, off
the GUI thread (load), so that the view asks the model only for the rows it paints. Sorting and
the filter are Python list operations on those rows: a QSortFilterProxyModel would call back
into Python for each of the few hundred thousand comparisons of a sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from meetingdesk.county.completeness import Completeness, Filings, Key, filings
from meetingdesk.domain.numbering import number_ranges
from meetingdesk.ui.models import HeadedModel

if TYPE_CHECKING:
    from meetingdesk.store.database import Database

UNIT, TYPE, YEAR, ON_FILE, MISSING, CANCELLED, DAYS, LATE = range(8)
Index = QModelIndex | QPersistentModelIndex


def numbers_text(numbers: Iterable[int]) -> str:
    return number_ranges(numbers) or "—"


def text_width(text: str) -> int:
    """Roughly how wide ``text`` is, in half-width characters (a Chinese character is two)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


# A row of the table, a shallow tuple as completeness.Filings holds them: a text and a sort key
# per column, the unit's name case-folded (for the filter), the group in the Filings.
TEXTS, KEYS, FOLDED, KEY, START, STOP = range(6)
Row = tuple[tuple[str, ...], tuple[Any, ...], str, Key, int, int]


def group_row(found: Filings, key: Key, start: int, stop: int) -> Row:
    g = found.completeness(key, start, stop)
    numbers, missing, days = g.numbers, g.missing, g.days
    cancelled, late = [f.number for f in g.cancelled], [f.number for f in g.late]
    texts = (g.unit, g.type_name, str(g.year), numbers_text(numbers), numbers_text(missing),
             numbers_text(cancelled), g.days_span or "—",
             numbers_text(late))
    keys = (g.unit, g.type_name, g.year, len(numbers), len(missing), len(cancelled),
            max(days, default=-1), len(late))
    return texts, keys, g.unit.casefold(), key, start, stop


def has_gap(row: Row) -> bool:
    return bool(row[KEYS][MISSING])


@dataclass(frozen=True)
class Loaded:
    """What load hands to the GUI thread: the filings, a row per group (units, types and
    years in order) and each column's widest text, which the view measures to size it."""

    filings: Filings
    rows: list[Row]
    widest: list[str]


def load(archive: "Database") -> Loaded:
    """The archive's current filings, made into rows (run off the GUI thread)."""
    found = filings(archive)
    rows = [group_row(found, *group) for group in found.groups]
    widest = [max((r[TEXTS][c] for r in rows), key=text_width, default="")
              for c in range(len(rows[0][TEXTS]) if rows else 0)]
    return Loaded(found, rows, widest)


class GapsModel(HeadedModel):
    """The groups shown: those whose unit's name holds the filter's text (and that miss a
    number, when only those are asked for), sorted by a column; a group with a gap in its
    numbering on ``gap_brush``. Every cell's tooltip is its whole text (the view elides)."""

    def __init__(self, headers: Sequence[str], gap_brush: QBrush) -> None:
        super().__init__()
        self.headers = tuple(headers)
        self.gap_brush = gap_brush
        self.filings = Filings([], [])
        self.rows: list[Row] = []  # all, in the archive's order
        self.filtered: list[Row] = []  # those the filter keeps, in the archive's order
        self.shown: list[Row] = []  # those, sorted
        self.needle, self.gaps_only = "", False
        self.order: tuple[int, Qt.SortOrder] = (UNIT, Qt.SortOrder.AscendingOrder)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.shown[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[TEXTS][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and has_gap(row):
            return self.gap_brush
        return None

    def group(self, row: int) -> Completeness:
        shown = self.shown[row]
        return self.filings.completeness(shown[KEY], shown[START], shown[STOP])

    @property
    def gap_count(self) -> int:
        return sum(has_gap(r) for r in self.rows)

    def set_rows(self, loaded: Loaded) -> None:
        self.filings, self.rows = loaded.filings, loaded.rows
        self._refilter()

    def set_filter(self, text: str, gaps_only: bool) -> None:
        self.needle, self.gaps_only = text.strip().casefold(), gaps_only
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self.filtered = [r for r in self.rows if self.needle in r[FOLDED]
                         and (has_gap(r) or not self.gaps_only)]
        self.shown = self._sorted()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by ``column``, ties in the archive's order; the selected group stays
        selected."""
        self.order = (column, order)
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        rows = [self.shown[i.row()] for i in kept]
        self.shown = self._sorted()
        where = {id(r): n for n, r in enumerate(self.shown)}
        self.changePersistentIndexList(
            kept, [self.index(where[id(r)], i.column()) for r, i in zip(rows, kept)])
        self.layoutChanged.emit()

    def _sorted(self) -> list[Row]:
        column, order = self.order
        return sorted(self.filtered, key=lambda r: r[KEYS][column],
                      reverse=order == Qt.SortOrder.DescendingOrder)
