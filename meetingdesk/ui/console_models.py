"""Qt models of the meeting state for the console's views: the agenda, who is present, the
speaking queue of an item and the votes of one ballot. Each is rebuilt from the domain state
after every recorded entry; none of them decides anything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractListModel, QAbstractTableModel,
                            QModelIndex, QObject, Qt)
from PySide6.QtGui import QBrush, QColor, QFont

from meetingdesk.domain import Meeting
from meetingdesk.domain.words import VOTE_CHOICES

from .console_words import Words, translate

DONE = QColor("#e8f5e9")
CURRENT = QColor("#e3ecf7")
LOCKED = QColor("#e0e0e0")
MUTED = QColor("#757575")


class _Table(QAbstractTableModel):
    """A read-only table of rows of strings with per-row colours."""

    headers: tuple[str, ...] = ()

    def __init__(self, words: Words, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self._rows: list[Any] = []

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("Console", self.headers[section])
        return None

    def _reset(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def member_at(self, row: int) -> int | None:
        return self._rows[row].member_id if 0 <= row < len(self._rows) else None

    def row_of(self, member_id: int | None) -> int:
        for i, r in enumerate(self._rows):
            if r.member_id == member_id:
                return i
        return -1


class AgendaModel(QAbstractListModel):
    """The items of the meeting with how far each has got."""

    STATUS = {"pending": QT_TRANSLATE_NOOP("Console", "待审议"),
              "open": QT_TRANSLATE_NOOP("Console", "审议中"),
              "decided": QT_TRANSLATE_NOOP("Console", "已决定"),
              "deferred": QT_TRANSLATE_NOOP("Console", "暂缓表决"),
              "concluded": QT_TRANSLATE_NOOP("Console", "已结束")}

    def __init__(self, words: Words, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self._lines: list[tuple[str, str, bool]] = []  # title, status code, current

    def set_state(self, state: Meeting, current: int | None) -> None:
        self.beginResetModel()
        self._lines = [(f"{it.spec.no}. {it.spec.title}", it.status, it.spec.no == current)
                       for it in state.items.values()]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        title, status, current = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title}\n　{translate('Console', self.STATUS[status])}"
        if role == Qt.ItemDataRole.BackgroundRole and current:
            return QBrush(CURRENT)
        if role == Qt.ItemDataRole.ForegroundRole and status not in ("pending", "open"):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        return None


@dataclass(frozen=True)
class PresenceRow:
    member_id: int
    name: str
    position: str
    status: str
    present: bool


class PresenceModel(_Table):
    """Every expected member and where they are: present, absent, arrived late, left."""

    headers = (QT_TRANSLATE_NOOP("Console", "姓名"), QT_TRANSLATE_NOOP("Console", "职务"),
               QT_TRANSLATE_NOOP("Console", "出席情况"))

    def set_state(self, state: Meeting) -> None:
        self._reset([PresenceRow(m, state.name(m), state.members[m].position,
                                 self.words.presence(state, m),
                                 state.attendance.get(m) == "present")
                     for m in state.expected])

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: PresenceRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, row.position, row.status)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole of a status cut short
            return row.status
        if role == Qt.ItemDataRole.ForegroundRole and not row.present:
            return QBrush(MUTED)
        return None


@dataclass(frozen=True)
class QueueRow:
    member_id: int
    order: str
    name: str
    status: str
    stance: str
    words: str
    done: bool
    locked: bool
    muted: bool
    seq: int | None  # the member's standing opinion, to amend


class QueueModel(_Table):
    """The speaking queue of one item (R5): who has spoken, in order, who is still to speak,
    the last speaker (locked while others are pending), the recused and the absent."""

    headers = (QT_TRANSLATE_NOOP("Console", "序"), QT_TRANSLATE_NOOP("Console", "姓名"),
               QT_TRANSLATE_NOOP("Console", "状态"), QT_TRANSLATE_NOOP("Console", "表态"),
               QT_TRANSLATE_NOOP("Console", "发言"))

    def set_state(self, state: Meeting, item_no: int) -> None:
        item = state.items[item_no]
        last = state.last_speaker(item_no)
        waiting = state.pending_before_last(item_no)
        eligible = state.eligible(item_no)
        standing = [s for s in state.standing_speeches(item_no) if s.kind in ("opinion", "written")]
        said = {s.member_id: s for s in standing}
        spoken = [s.member_id for s in standing if s.kind == "opinion" and s.member_id is not None]
        ordered = spoken + [m for m in state.speaking_queue(item_no)
                            if m not in spoken and m not in item.after_round]
        if last is not None and last not in spoken:
            ordered.append(last)
        rest = [m for m in state.expected if m not in ordered]
        rows = []
        for number, m in enumerate(ordered + rest, 1):
            speech = said.get(m)
            locked = m == last and m not in item.stances and bool(waiting)
            if m in item.stances:
                status = translate("Console", "已表态 {time}").format(
                    time=self.words.time(speech.at) if speech else "")
                if speech is not None and speech.amends is not None:
                    status += translate("Console", "（已修改）")
            elif m in item.after_round:
                status = translate("Console", "到会时本项已表态结束，未参加表态")
            elif m in item.recusals:
                status = translate("Console", "回避：{reason}").format(reason=item.recusals[m])
            elif m not in eligible:
                status = (translate("Console", "缺席（书面意见）") if m in item.written
                          else translate("Console", "缺席"))
            elif m == last and state.decision_mode == "head":
                status = (translate("Console", "最后决定：待其他 {count} 位成员发言后").format(
                    count=len(waiting)) if waiting else translate("Console", "最后决定"))
            elif locked:
                status = translate("Console", "末位表态：待其他 {count} 位成员表态后").format(
                    count=len(waiting))
            elif m == last:
                status = translate("Console", "待发言（末位表态）")
            else:
                status = translate("Console", "待发言")
            stance = self.words.stances(item, speech) if speech else ""
            words = speech.words + self.words.reasons(item, speech) if speech else ""
            rows.append(QueueRow(m, str(number) if m in ordered else "", state.name(m), status,
                                 stance, words, m in item.stances, locked,
                                 m in item.recusals or m not in eligible or m in item.after_round,
                                 speech.seq if speech else None))
        self._reset(rows)

    def entry_at(self, row: int) -> int | None:
        """The seq of the standing opinion or written opinion on the row, if any."""
        return self._rows[row].seq if 0 <= row < len(self._rows) else None

    def locked(self, member_id: int | None) -> bool:
        row = self.row_of(member_id)
        return row >= 0 and self._rows[row].locked

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: QueueRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.order, row.name, row.status, row.stance, row.words)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (3, 4):
            return (row.stance, row.words)[index.column() - 3] or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.locked:
                return QBrush(LOCKED)
            if row.done:
                return QBrush(DONE)
        if role == Qt.ItemDataRole.ForegroundRole and (row.locked or row.muted):
            return QBrush(MUTED)
        return None


@dataclass(frozen=True)
class VoteRow:
    member_id: int
    name: str
    position: str
    choice: str
    cast: bool


class VoteModel(_Table):
    """Who voted what on one ballot (spoken, hands or named votes; never a secret ballot)."""

    headers = (QT_TRANSLATE_NOOP("Console", "姓名"), QT_TRANSLATE_NOOP("Console", "职务"),
               QT_TRANSLATE_NOOP("Console", "表决意见"))

    def set_state(self, state: Meeting, item_no: int, ballot: int | None) -> None:
        cast = state.items[item_no].votes.get(ballot, {})
        voters = state.eligible(item_no) + [m for m in cast if m not in state.eligible(item_no)]
        self._reset([VoteRow(m, state.name(m), state.members[m].position,
                             self.words.label(VOTE_CHOICES, cast[m]) if m in cast
                             else translate("Console", "未表决"), m in cast)
                     for m in voters])

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: VoteRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, row.position, row.choice)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and row.cast:
            return QBrush(DONE)
        return None


@dataclass(frozen=True)
class EntryRow:
    seq: int | None  # None: not an entry that can be amended (an arrival after the round)
    time: str
    kind: str
    speaker: str
    stance: str
    words: str
    note: str
    struck: bool  # amended or superseded: it stands no longer


class EntriesModel(_Table):
    """Everything said on an item in the order it was said, with what stands no longer (amended
    or superseded, struck through and pointing to what replaced it) and who arrived after the
    round of opinions had ended."""

    headers = (QT_TRANSLATE_NOOP("Console", "时间"), QT_TRANSLATE_NOOP("Console", "类别"),
               QT_TRANSLATE_NOOP("Console", "发言人"), QT_TRANSLATE_NOOP("Console", "表态"),
               QT_TRANSLATE_NOOP("Console", "内容"), QT_TRANSLATE_NOOP("Console", "说明"))

    def set_state(self, state: Meeting, item_no: int) -> None:
        item = state.items[item_no]
        by_seq = {s.seq: s for s in item.speeches}
        entries: list[tuple[Any, int, EntryRow]] = []
        for s in item.speeches:
            note, struck = "", False
            if s.seq in item.amended:
                later = by_seq[item.amended[s.seq]]
                note = translate("Console", "已修改，见 {time}").format(time=self.words.time(later.at))
                struck = True
            elif s.seq in item.superseded:
                note = translate("Console", "本人到会后当面表态，书面意见不再有效")
                struck = True
            if s.amends is not None:
                note = (note + "；" if note else "") + translate(
                    "Console", "修改 {time} 的记录").format(time=self.words.time(by_seq[s.amends].at))
            entries.append((s.at, s.seq, EntryRow(
                s.seq, self.words.time(s.at), self.words.entry_kind(s), s.speaker,
                self.words.stances(item, s), s.words + self.words.reasons(item, s), note, struck)))
        for m in item.after_round:
            arrival = [c for c in state.presence_log
                       if c.member_id == m and c.kind == "arrived"][-1]
            entries.append((arrival.time, arrival.seq, EntryRow(
                None, self.words.time(arrival.time), translate("Console", "到会"), state.name(m),
                "", translate("Console", "到会时本项已表态结束，未参加表态"), "", False)))
        self._reset([row for _, _, row in sorted(entries, key=lambda e: (e[0], e[1]))])

    def seq_at(self, row: int) -> int | None:
        return self._rows[row].seq if 0 <= row < len(self._rows) else None

    def row_of_seq(self, seq: int | None) -> int:
        return next((i for i, r in enumerate(self._rows) if seq is not None and r.seq == seq), -1)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: EntryRow = self._rows[index.row()]
        values = (row.time, row.kind, row.speaker, row.stance, row.words, row.note)
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 3:
            return values[index.column()] or None
        if role == Qt.ItemDataRole.FontRole and row.struck and index.column() < 5:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (row.struck or row.seq is None):
            return QBrush(MUTED)
        return None
