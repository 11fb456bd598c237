"""The console's pages for a secret ballot (R7): paper ballots issued and then counted one by
one, or a tally typed in directly where the unit's rules allow it; and the printed forms.

The ballots being counted live only in this window's memory: nothing is written (no draft)
until the clerk confirms the count, and then every returned ballot goes to the rules in one
entry, shuffled, with no time and no voter; the memory is cleared after. The running count
shown while keying them in is the rules' own count of the ballots so far, on a copy of the
meeting state (a ballot agreeing to more candidates than there are posts shows as void at once).
"""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path
from typing import Any, Callable, ClassVar

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QKeyEvent
from PySide6.QtWidgets import (QFileDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QWidget)

from meetingdesk.domain import DomainError, ItemState, Meeting, Step
from meetingdesk.domain.errors import CodedError
from meetingdesk.domain.numbering import serials
from meetingdesk.record.errors import RecordError

from .console_context import ConsoleContext
from .console_drafts import DraftField, draft_key
from .console_pages import Page, _results, table_rows
from .console_words import translate
from .loader import build_form


MARKS: tuple[str | None, ...] = ("agree", "disagree", "abstain", None)  # None: 未划
MARK_KEYS = {Qt.Key.Key_1: "agree", Qt.Key.Key_2: "disagree", Qt.Key.Key_3: "abstain",
             Qt.Key.Key_0: None}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TICK = "√"


class FormPage(Page):
    """A page with a Qt Designer form of its own (forms/<form_name>.ui), put into the console's
    stack of pages."""

    form_name: ClassVar[str]

    def __init__(self, console: ConsoleContext) -> None:
        console.stack.addWidget(build_form(self.form_name, console.stack))
        super().__init__(console)

    def attempt(self, action: Callable[[], Any], focus: dict[str, QWidget],
                *confirmed: DraftField) -> bool:
        """The console's act, and on a refusal the focus on the field it is about."""
        def run() -> Any:
            try:
                return action()
            except DomainError as error:
                focus_on(error, focus)
                raise

        return self.console.act(run, *confirmed)


def focus_on(error: Exception, focus: dict[str, QWidget]) -> None:
    """Put the focus on the field a refusal is about (by its code), if it names one."""
    if isinstance(error, DomainError) and error.code in focus:
        focus[error.code].setFocus(Qt.FocusReason.OtherFocusReason)


def _candidates(state: Meeting, item: ItemState) -> list[tuple[int | None, str]]:
    """What the ballot votes on, in the agreed order: each candidate, or the item (None)."""
    return [(b, item.spec.candidates[b - 1].name if b else translate("Ballots", "本议题"))
            for b in item.spec.ballots()]


def _people(state: Meeting, members: list[int]) -> str:
    return "、".join(state.name(m) for m in members)


# ---- printing ----------------------------------------------------------------------------------

def save_pdf(console: ConsoleContext, title: str, file_name: str, make: Callable[[], bytes],
             focus: dict[str, QWidget] | None = None) -> QMessageBox | None:
    """Make the PDF (a refusal is shown in the console's message line, the focus on the field
    it is about), ask where to save it (the user's documents folder by default), write it,
    then offer to open the file to print it."""
    # Imported when printing: they bring ReportLab, pyHanko and their dependencies, which the
    # console does not need until then (its memory and opening time).
    from meetingdesk.record.fonts import FontNotFoundError
    from meetingdesk.services.records import write_atomically
    try:
        pdf = make()
    except (CodedError, FontNotFoundError) as error:
        _refused(console, error)
        focus_on(error, focus or {})
        return None
    console.show_message("")
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(console.window(), title, str(Path(folder) / file_name),
                                          translate("Ballots", "PDF 文件 (*.pdf)"))
    if not path:
        return None
    try:
        write_atomically(Path(path), pdf)
    except RecordError as error:
        _refused(console, error)
        return None
    box = QMessageBox(QMessageBox.Icon.Information, title,
                      translate("Ballots", "已保存：{path}\n打开文件即可查看和打印。").format(path=path),
                      QMessageBox.StandardButton.NoButton, console.window())
    box.setObjectName("savedPdfBox")
    opener = box.addButton(translate("Ballots", "打开"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Ballots", "关闭"), QMessageBox.ButtonRole.RejectRole)
    box.finished.connect(lambda _: QDesktopServices.openUrl(QUrl.fromLocalFile(path))
                         if box.clickedButton() is opener else None)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def _refused(console: ConsoleContext, error: Exception) -> None:
    console.show_message(console.words.error(error) if isinstance(error, CodedError)
                         else str(error))


def _file_name(state: Meeting, item_no: int, what: str) -> str:
    return f"{state.header['title']}第{item_no}项{what}.pdf"


def count_forms_ready(state: Meeting, step: Step) -> bool:
    """Whether the console offers the count forms: a secret ballot counted, not yet decided."""
    return (step.code == "decide" and step.item_no is not None
            and state.items[step.item_no].spec.vote_mode == "secret")


def print_count_forms(console: ConsoleContext, item_no: int | None) -> QMessageBox | None:
    """打印计票单和表决结果报告单: one PDF for the scrutineers and counters to sign."""
    if item_no is None:
        return None
    return save_pdf(console, translate("Ballots", "打印计票单和表决结果报告单"),
                    _file_name(console.state, item_no, translate("Ballots", "计票单")),
                    lambda: console.desk.count_forms_pdf(console.meeting_id, item_no))


# ---- issuing the paper ballots -----------------------------------------------------------------

class IssueBallotsPage(FormPage):
    """The scrutineers and counters, how many ballots and their first serial number; print the
    ballots, then record them as issued."""

    form_name = "console_issue_ballots"
    widget_name = "issueBallotsPage"
    codes = ("issue_ballots",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.info = self.find(QLabel, "issueInfoLabel")
        self.scrutineers = self.find(QListWidget, "scrutineerList")
        self.counters = self.find(QListWidget, "counterList")
        self.issued = self.find(QSpinBox, "issuedSpin")
        self.first_serial = self.find(QSpinBox, "firstSerialSpin")
        self.serial_range = self.find(QLabel, "serialRangeLabel")
        for spin in (self.issued, self.first_serial):
            spin.valueChanged.connect(self._show_range)
        self.find(QPushButton, "printBallotsButton").clicked.connect(self.print_ballots)
        self.find(QPushButton, "issueButton").clicked.connect(self.confirm)
        self._item: int | None = None  # the item the choices on the page were made for

    def fill(self, state: Meeting, step: Step) -> None:
        n = self.item_no
        voters = list(step.pending)
        fresh = self._item != n
        for view in (self.scrutineers, self.counters):
            _members(view, state, voters, set() if fresh else _checked(view))
        if fresh:
            self._item = n
            self.issued.setValue(len(voters))
            self.first_serial.setValue(1)
        item = state.items[n]
        order = "；".join(self._line(item, b) for b in item.spec.ballots())
        self.info.setText(self.tr(
            "无记名投票，使用纸质选票。可投票 {voters} 人（到会且未回避），每人一张。"
            "选票按以下次序印制：{order}。监票人、计票人从到会成员中选定，本议题的人选不能担任。"
            ).format(voters=len(voters), order=order))
        self._show_range()

    def _line(self, item: ItemState, ballot: int | None) -> str:
        if ballot is None:
            return self.tr("本议题（同意、不同意、弃权）")
        c = item.spec.candidates[ballot - 1]
        return self.tr("{no}. {name}（现任：{current}，拟任：{proposed}）").format(
            no=ballot, name=c.name, current=c.current_post or "—",
            proposed=c.proposed_post or "—")

    def _show_range(self) -> None:
        numbers = serials(self.first_serial.value(), self.issued.value())
        self.serial_range.setText(self.tr("选票编号 {first}—{last}").format(
            first=numbers[0], last=numbers[-1]) if numbers else "")

    def _issue(self) -> dict[str, Any]:
        return {"issued": self.issued.value(), "first_serial": self.first_serial.value(),
                "scrutineers": _checked(self.scrutineers), "counters": _checked(self.counters)}

    def _focus(self) -> dict[str, QWidget]:
        missing = self.scrutineers if not _checked(self.scrutineers) else self.counters
        return {"BALLOTS_ISSUED_RANGE": self.issued, "SCRUTINEERS_REQUIRED": missing,
                "SCRUTINEER_IS_CANDIDATE": self.scrutineers}

    def print_ballots(self) -> QMessageBox | None:
        """The ballots as they are about to be issued; the rules check the issue first."""
        n, issue = self.item_no, self._issue()
        return save_pdf(self.console, self.tr("打印选票"),
                        _file_name(self.console.state, n, self.tr("选票")),
                        lambda: self.desk.ballots_pdf(self.mid, n, **issue),
                        self._focus())

    def confirm(self) -> None:
        n, issue = self.item_no, self._issue()
        self.attempt(lambda: self.desk.issue_ballots(self.mid, n, **issue), self._focus())


def _members(view: QListWidget, state: Meeting, members: list[int], checked: set[int]) -> None:
    """The members as checkable rows, those in `checked` ticked."""
    view.clear()
    for m in members:
        row = QListWidgetItem(f"{state.name(m)}（{state.members[m].position}）", view)
        row.setData(Qt.ItemDataRole.UserRole, m)
        row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                     | Qt.ItemFlag.ItemIsUserCheckable)
        row.setCheckState(Qt.CheckState.Checked if m in checked else Qt.CheckState.Unchecked)
    view.setCurrentRow(0)


def _checked(view: QListWidget) -> list[int]:
    return [view.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.count())
            if view.item(i).checkState() == Qt.CheckState.Checked]


# ---- counting the returned ballots -------------------------------------------------------------

def counted(state: Meeting, item_no: int, ballots: list[dict[str, Any]]) -> ItemState:
    """The item as the rules would count `ballots`, on a copy of the state: nothing recorded."""
    trial = copy.deepcopy(state)
    at = trial.last_at
    assert at is not None
    trial.apply(trial.propose("ballots_counted", None, {
        "item_no": item_no, "returned": len(ballots), "ballots": ballots}, at), at)
    return trial.items[item_no]


class CountBallotsPage(FormPage):
    """Each returned ballot keyed in (1/2/3/0 per candidate, V void, Enter next), a running
    count, undo; then the count confirmed in one entry."""

    form_name = "console_count_ballots"
    widget_name = "countBallotsPage"
    codes = ("count_ballots",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.info = self.find(QLabel, "countInfoLabel")
        self.returned = self.find(QSpinBox, "returnedSpin")
        self.progress = self.find(QLabel, "progressLabel")
        self.ballot_no = self.find(QLabel, "ballotNoLabel")
        self.table = self.find(QTableWidget, "entryTable")
        self.last = self.find(QLabel, "lastBallotLabel")
        self.running = self.find(QLabel, "runningLabel")
        self.subtotals = self.find(QTableWidget, "subtotalTable")
        self.void_button = self.find(QPushButton, "voidButton")
        self.next_button = self.find(QPushButton, "nextBallotButton")
        self.undo_button = self.find(QPushButton, "undoBallotButton")
        self.confirm_button = self.find(QPushButton, "confirmCountButton")
        self.void_button.clicked.connect(self.toggle_void)
        self.next_button.clicked.connect(self.next_ballot)
        self.undo_button.clicked.connect(self.undo)
        self.confirm_button.clicked.connect(self.confirm)
        self.returned.valueChanged.connect(self._show)
        self.table.cellClicked.connect(self._clicked)
        for widget in (self.table, self.returned):
            widget.installEventFilter(self)
        self.table.setColumnCount(1 + len(MARKS))
        self.table.setHorizontalHeaderLabels([
            self.tr("人选"), self.tr("同意(1)"), self.tr("不同意(2)"), self.tr("弃权(3)"),
            self.tr("未划(0)")])
        table_rows(self.table, 0)
        self.bold = QFont(self.table.font())
        self.bold.setBold(True)
        self.subtotals.setColumnCount(4)
        self.subtotals.setHorizontalHeaderLabels(
            [self.tr("人选"), self.tr("同意"), self.tr("不同意"), self.tr("弃权")])
        table_rows(self.subtotals, 0)
        self.ballots: list[dict[str, Any]] = []  # entered so far: in memory only
        self.marks: dict[int | None, str] = {}  # the ballot being keyed in
        self.void = False
        self.lines: list[tuple[int | None, str]] = []
        self._count: tuple[int, int] | None = None  # (item, round): the count under way

    # -- showing ------------------------------------------------------------------------------

    def fill(self, state: Meeting, step: Step) -> None:
        n = self.item_no
        item = state.items[n]
        issue = item.ballots_issued
        assert issue is not None
        count = (n, len(item.reconsiderations))
        if count != self._count:  # another item or a new vote: start afresh
            self._count = count
            self._clear()
            self.returned.setValue(issue["issued"])
            self.last.setText("")
        self.returned.setRange(0, issue["issued"])
        numbers = serials(issue["first_serial"], issue["issued"])
        self.info.setText(self.tr(
            "已发放选票 {issued} 张（编号 {first}—{last}）；监票人：{scrutineers}；计票人：{counters}。"
            "填写收回票数，再逐张录入收回的选票。录入的选票只保存在本窗口，确认计票后一次记入"
            "（顺序打乱，不记录时间和投票人）；关闭窗口即丢失。").format(
                issued=issue["issued"], first=numbers[0], last=numbers[-1],
                scrutineers=_people(state, issue["scrutineers"]),
                counters=_people(state, issue["counters"])))
        self.lines = _candidates(state, item)
        self.table.setRowCount(len(self.lines))
        self.subtotals.setRowCount(len(self.lines))
        for row, (ballot, name) in enumerate(self.lines):
            label = name
            if ballot is not None:
                label += self.tr("（拟任：{post}）").format(
                    post=item.spec.candidates[ballot - 1].proposed_post or "—")
            self.table.setItem(row, 0, QTableWidgetItem(label))
            self.subtotals.setItem(row, 0, QTableWidgetItem(name))
        if not self.ballots:
            self.returned.setFocus(Qt.FocusReason.OtherFocusReason)
            self.returned.selectAll()
        self._show()

    def _show(self) -> None:
        state = self.state
        if state is None or not self.lines:
            return
        entered, returned = len(self.ballots), self.returned.value()
        self.progress.setText(self.tr("已录入 {entered} / 收回 {returned} 张").format(
            entered=entered, returned=returned))
        self.ballot_no.setText(
            (self.tr("第 {no} 张选票：废票") if self.void else self.tr("第 {no} 张选票")).format(
                no=entered + 1) if entered < returned else self.tr("已全部录入，请核对后确认计票"))
        for row, (ballot, _) in enumerate(self.lines):
            for column, mark in enumerate(MARKS, 1):
                cell = QTableWidgetItem(TICK if self.marks.get(ballot) == mark else "")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cell.setFont(self.bold)
                if self.void:
                    cell.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, cell)
        item = counted(state, self.item_no, self.ballots)
        assert item.ballot_count is not None
        self.running.setText(self.tr("有效票 {valid} 张，废票 {void} 张").format(
            valid=item.ballot_count.valid, void=item.ballot_count.void))
        for row, (ballot, _) in enumerate(self.lines):
            tally = item.tallies[ballot]
            for column, value in enumerate((tally.agree, tally.disagree, tally.abstain), 1):
                cell = QTableWidgetItem(str(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.subtotals.setItem(row, column, cell)
        self.void_button.setChecked(self.void)
        self.next_button.setEnabled(entered < returned)
        self.undo_button.setEnabled(entered > 0)
        self.confirm_button.setEnabled(entered == returned)

    # -- keying in ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        key = event.key()
        if watched is self.returned and plain and key in ENTER_KEYS:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if watched is not self.table or not plain:
            return False
        if key in MARK_KEYS:
            self.mark(self.table.currentRow(), MARK_KEYS[Qt.Key(key)])
            self.table.selectRow(min(self.table.currentRow() + 1, len(self.lines) - 1))
        elif key == Qt.Key.Key_V:
            self.toggle_void()
        elif key in ENTER_KEYS:
            self.next_ballot()
        else:
            return False
        return True

    def _clicked(self, row: int, column: int) -> None:
        if column:
            self.mark(row, MARKS[column - 1])

    def mark(self, row: int, choice: str | None) -> None:
        """The current ballot's mark for the candidate on `row` (None: not marked)."""
        if self.void or not 0 <= row < len(self.lines):
            return
        ballot = self.lines[row][0]
        if choice is None:
            self.marks.pop(ballot, None)
        else:
            self.marks[ballot] = choice
        self._show()

    def toggle_void(self) -> None:
        self.void = not self.void
        self._show()

    def next_ballot(self) -> None:
        """Keep the ballot keyed in (in memory) and start the next one."""
        if len(self.ballots) >= self.returned.value():
            self.console.show_message(self.tr(
                "已录入 {entered} 张，等于收回票数。如收回票数有误，请先更正收回票数。").format(
                    entered=len(self.ballots)))
            self.returned.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        ballot: dict[str, Any] = ({"void": True} if self.void else
                                  {"marks": {str(b): c for b, c in self.marks.items()}})
        before = counted(self.state, self.item_no, self.ballots).ballot_count
        self.ballots.append(ballot)
        after = counted(self.state, self.item_no, self.ballots).ballot_count
        assert before is not None and after is not None
        self.console.show_message("")
        self.last.setText(self.tr("第 {no} 张：{what}").format(
            no=len(self.ballots), what=self._describe(ballot, after.void > before.void)))
        self._start_ballot()

    def _describe(self, ballot: dict[str, Any], void: bool) -> str:
        if "void" in ballot:
            return self.tr("废票")
        words = {"agree": self.tr("同意"), "disagree": self.tr("不同意"),
                 "abstain": self.tr("弃权")}
        marks = "，".join(f"{name} {words[ballot['marks'][str(b)]]}" if str(b) in ballot["marks"]
                         else self.tr("{name} 未划").format(name=name) for b, name in self.lines)
        return self.tr("{marks}（同意的人选超过职数，按废票计）").format(marks=marks) if void else marks

    def undo(self) -> None:
        if not self.ballots:
            return
        self.ballots.pop()
        self.last.setText(self.tr("已撤销第 {no} 张，请重新录入。").format(no=len(self.ballots) + 1))
        self._start_ballot()

    def _start_ballot(self) -> None:
        self.marks, self.void = {}, False
        self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show()

    def _clear(self) -> None:
        self.ballots, self.marks, self.void = [], {}, False

    # -- recording ----------------------------------------------------------------------------

    def confirm(self) -> None:
        """Every returned ballot to the rules in one entry, in random order."""
        n, returned, ballots = self.item_no, self.returned.value(), list(self.ballots)
        random.SystemRandom().shuffle(ballots)
        if self.attempt(lambda: self.desk.count_ballots(self.mid, n, returned, ballots),
                        {"BALLOTS_RETURNED_EXCEED": self.returned,
                         "BALLOTS_MISMATCH": self.table}):
            self._clear()
            self.last.setText("")
            show_count(self.console, n)


def show_count(console: ConsoleContext, item_no: int) -> QMessageBox:
    """The result of the count per candidate, and the forms to print for signing."""
    state = console.state
    item = state.items[item_no]
    count = item.ballot_count
    assert count is not None
    lines = [translate("Ballots", "收回选票 {returned} 张：有效票 {valid} 张，废票 {void} 张。").format(
        returned=count.returned, valid=count.valid, void=count.void)]
    lines += [console.words.result(state, item, b) for b in item.spec.ballots()]
    box = QMessageBox(QMessageBox.Icon.Information, translate("Ballots", "计票结果"),
                      "\n".join(lines), QMessageBox.StandardButton.NoButton, console.window())
    box.setObjectName("countResultBox")
    printer = box.addButton(translate("Ballots", "打印计票单和表决结果报告单…"),
                            QMessageBox.ButtonRole.ActionRole)
    box.addButton(translate("Ballots", "关闭"), QMessageBox.ButtonRole.RejectRole)
    box.finished.connect(lambda _: print_count_forms(console, item_no)
                         if box.clickedButton() is printer else None)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


# ---- a tally typed in directly ------------------------------------------------------------------

class TallyPage(FormPage):
    """A secret ballot counted on paper outside the app, where the unit's rules allow typing
    in the tally: per candidate the votes, with the ballots issued, returned and void, and the
    scrutineers' names; never who voted what (R7)."""

    form_name = "console_tally"
    widget_name = "tallyPage"
    codes = ("vote",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.ballot_label = self.find(QLabel, "tallyBallotLabel")
        self.voters = self.find(QLabel, "tallyVotersLabel")
        self.results = self.find(QLabel, "tallyResultLabel")
        self.spins = {name: self.find(QSpinBox, f"tally{name.capitalize()}Spin") for name in
                      ("agree", "disagree", "abstain", "issued", "returned", "void")}
        self.scrutineers_edit = self.find(QLineEdit, "scrutineersEdit")
        self.scrutineers = console.drafts.bind(self.scrutineers_edit)
        self.counters = console.drafts.bind(self.find(QLineEdit, "countersEdit"))
        self.find(QPushButton, "tallyButton").clicked.connect(self.confirm)
        self.ballot: int | None = None
        self.last_ballot = False
        self._item: int | None = None

    def accepts(self, state: Meeting, step: Step) -> bool:
        return (step.code == "vote" and step.item_no is not None
                and state.items[step.item_no].spec.vote_mode == "secret")

    def fill(self, state: Meeting, step: Step) -> None:
        n = self.item_no
        item = state.items[n]
        pending = state.pending_votes(n)
        self.ballot = next(iter(pending))
        self.last_ballot = len(pending) == 1
        voters = len(state.eligible(n))
        self.ballot_label.setText(self.console.words.ballot(item, self.ballot))
        self.voters.setText(self.tr(
            "可投票 {voters} 人（到会且未回避）。无记名投票只录入监票人、计票人报告的票数，"
            "不记录个人投票；各人选的发出、收回和废票数相同。").format(voters=voters))
        self.results.setText(_results(self, state, pending))
        count = item.ballot_count
        if count is not None:  # the first candidate's: the same for every candidate
            for name, value in (("issued", count.issued), ("returned", count.returned),
                                ("void", count.void)):
                self.spins[name].setValue(value)
        elif self._item != n:
            for name, value in (("issued", voters), ("returned", voters), ("void", 0)):
                self.spins[name].setValue(value)
        self._item = n
        self.scrutineers.set_key(draft_key("scrutineers", n))
        self.counters.set_key(draft_key("counters", n))

    @staticmethod
    def _names(text: str) -> list[str]:
        return [name for name in re.split(r"[、,，;；\s]+", text) if name]

    def confirm(self) -> None:
        n, ballot = self.item_no, self.ballot
        v = {name: spin.value() for name, spin in self.spins.items()}
        names = self._names(self.scrutineers.text()), self._names(self.counters.text())
        done = (self.scrutineers, self.counters) if self.last_ballot else ()
        focus = {"BALLOTS_ISSUED_RANGE": self.spins["issued"],
                 "BALLOTS_RETURNED_EXCEED": self.spins["returned"],
                 "TALLY_MISMATCH": self.spins["agree"], "TALLY_COUNTS_DIFFER": self.spins["issued"],
                 "SCRUTINEERS_REQUIRED": self.scrutineers_edit,
                 "SCRUTINEER_IS_CANDIDATE": self.scrutineers_edit}
        if self.attempt(lambda: self.desk.enter_tally(
                self.mid, n, v["agree"], v["disagree"], v["abstain"], names[0], names[1], ballot,
                issued=v["issued"], returned=v["returned"], void=v["void"]), focus, *done):
            for name in ("agree", "disagree", "abstain"):
                self.spins[name].setValue(0)
