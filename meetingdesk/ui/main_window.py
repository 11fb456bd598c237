"""The main window: the unit, its meetings by status with search, and the obvious next action
for the selected meeting (prepare -> start -> continue in the run console -> view the record).

The rules and the database layer are imported only when first needed: the window appears first,
and the database is opened in a worker thread while it is already on screen.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QButtonGroup, QFileDialog,
                               QMainWindow, QMessageBox, QWidget)

from meetingdesk import __version__

from . import feedback, i18n, prefs, screen_fit
from .loader import load_form
from .models import MeetingListModel, short_time

if TYPE_CHECKING:
    from concurrent.futures import Future

    from meetingdesk.services import Desk, MeetingRow

OPENING_POLL_MS = 10  # a delay nobody notices, an idle timer that costs nothing
STATUSES: tuple[str | None, ...] = (None, "preparing", "in_progress", "closed", "filed",
                                    "cancelled")


class MainWindow(QMainWindow):
    ready = Signal()  # the database is open and the meetings (or the set-up) are on screen
    listed = Signal()  # the meetings are on screen, maybe read ahead of the desk (first page)
    database_failed = Signal()

    def __init__(self, desk: "Desk | None" = None) -> None:
        super().__init__()
        self.desk: Desk | None = None
        self.database_error = ""
        self._opening: Future[Desk] | None = None
        self._opening_poll = QTimer(self)  # the GUI thread looks whether the opening is done
        self._opening_poll.setInterval(OPENING_POLL_MS)
        self._opening_poll.timeout.connect(self._poll_opening)
        self._model: MeetingListModel | None = None
        self._names: dict[int, str] = {}
        self._windows: dict[tuple[str, int], QWidget] = {}  # open consoles, record pages, 督办
        self._stale = False  # one of them recorded something since the list was read
        self._unfinished: int | None = None  # a unit whose set-up stopped before its team
        self.ui: Any = load_form("main_window", self)
        self.setWindowTitle(self.tr("会议纪实台"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._make_actions()
        self._wire()
        self._restore_geometry()
        self._fit_to_font()
        self._show_message(self.tr("正在打开数据库…"))
        if desk is not None:
            self.set_desk(desk)

    # ---- building ----------------------------------------------------------------------------

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: Any,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        self.act_new = self._action(self.tr("新建会议(&N)…"), QKeySequence.StandardKey.New,
                                    self.new_meeting, self.tr("筹备一次新的会议"))
        self.act_prepare = self._action(self.tr("筹备会议(&P)…"), "Ctrl+E",
                                        self.prepare_meeting,
                                        self.tr("编辑会议信息、参会人员和议程"))
        self.act_run = self._action(self.tr("开始会议(&S)"), "Ctrl+R", self.run_meeting)
        self.act_cancel = self._action(self.tr("取消会议(&X)…"), None, self.cancel_meeting,
                                       self.tr("会议不再召开：说明原因，编号保留，会议不删除"))
        self.act_record = self._action(self.tr("查看记录(&V)"), "Ctrl+O", self.view_record,
                                       self.tr("查看已闭会的会议记录、签名和备案"))
        self.act_refresh = self._action(self.tr("刷新(&R)"), "F5", self.refresh)
        self.act_find = self._action(self.tr("查找(&F)"), QKeySequence.StandardKey.Find,
                                     self._focus_search)
        self.act_quit = self._action(self.tr("退出(&Q)"), QKeySequence.StandardKey.Quit,
                                     self.close)
        self.act_settings = self._action(self.tr("单位设置(&S)…"), "Ctrl+,", self.unit_settings,
                                         self.tr("成员、分工、会议类型和议事规则"))
        self.act_submissions = self._action(self.tr("议题申报(&J)…"), "Ctrl+J",
                                            self.open_submissions,
                                            self.tr("议题申报：前置程序、主要负责人审定、材料送达"))
        self.act_followup = self._action(self.tr("督办(&D)…"), "Ctrl+D", self.open_followup,
                                         self.tr("决定事项的督办：责任人、时限、进展和办结"))
        self.act_new_unit = self._action(self.tr("新建单位(&N)…"), None,
                                         lambda: self.setup_unit())
        self.act_zoom_in = self._action(self.tr("放大字号(&I)"), QKeySequence.StandardKey.ZoomIn,
                                        lambda: self.zoom(+1))
        self.act_zoom_in.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.act_zoom_out = self._action(self.tr("缩小字号(&O)"),
                                         QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(-1))
        self.act_zoom_reset = self._action(self.tr("默认字号(&D)"), "Ctrl+0", lambda: self.zoom(0))
        self.act_about = self._action(self.tr("关于会议纪实台(&A)"), None, self.about)
        self.act_county = self._action(self.tr("打开县级备案台(&C)…"), None, self.open_county,
                                       self.tr("县里接收、核验和监督各单位的备案记录"))

        bar = self.menuBar()
        meeting = bar.addMenu(self.tr("会议(&M)"))
        for action in (self.act_new, self.act_prepare, self.act_run, self.act_record,
                       self.act_cancel):
            meeting.addAction(action)
        meeting.addSeparator()
        meeting.addAction(self.act_find)
        meeting.addAction(self.act_refresh)
        meeting.addSeparator()
        meeting.addAction(self.act_county)
        meeting.addAction(self.act_quit)
        unit = bar.addMenu(self.tr("单位(&U)"))
        unit.addAction(self.act_settings)
        unit.addAction(self.act_submissions)
        unit.addAction(self.act_followup)
        unit.addAction(self.act_new_unit)
        view = bar.addMenu(self.tr("视图(&V)"))
        for action in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            view.addAction(action)
        bar.addMenu(self.tr("帮助(&H)")).addAction(self.act_about)

        toolbar = self.addToolBar(self.tr("常用"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_new, self.act_prepare, self.act_settings,
                       self.act_submissions, self.act_followup):
            toolbar.addAction(action)
        self.statusBar()

    def _wire(self) -> None:
        ui = self.ui
        self._status_group = QButtonGroup(self)
        for index, button in enumerate(self._status_buttons()):
            self._status_group.addButton(button, index)
        self._status_group.setExclusive(True)
        self._status_group.idClicked.connect(lambda _: self._apply_filter())
        ui.unitCombo.currentIndexChanged.connect(self._unit_changed)
        ui.searchEdit.textChanged.connect(lambda _: self._search_timer.start())
        ui.searchEdit.returnPressed.connect(self._apply_filter)
        self._search_timer.timeout.connect(self._apply_filter)
        ui.setupButton.clicked.connect(lambda: self.setup_unit(self._unfinished))
        ui.overdueButton.clicked.connect(self.act_followup.trigger)
        ui.overdueButton.setVisible(False)
        ui.meetingsView.activated.connect(lambda _: self._primary_action().trigger())
        ui.prepareButton.clicked.connect(self.act_prepare.trigger)
        ui.cancelMeetingButton.clicked.connect(self.act_cancel.trigger)
        ui.nextButton.clicked.connect(lambda: self._primary_action().trigger())
        view: QAbstractItemView = ui.meetingsView
        view.verticalHeader().setVisible(False)
        self._label_status_buttons({})
        self._show_selected()

    def _status_buttons(self) -> list[Any]:
        ui = self.ui
        return [ui.statusAll, ui.statusPreparing, ui.statusInProgress, ui.statusClosed,
                ui.statusFiled, ui.statusCancelled]

    # ---- the database ------------------------------------------------------------------------

    def show_first_page(self, target: str | None) -> None:
        """While the desk is being opened, show the saved unit's newest meetings read with
        sqlite3 alone (meeting_list.first_page), read-only: nothing is selected or enabled
        until set_desk reads the list again the full way. A file that first_page cannot read
        shows nothing here; the desk then says why."""
        from meetingdesk.meeting_list import first_page

        page = first_page(target, self._saved_unit(), MeetingListModel.PAGE)
        if page is None or self.desk is not None:
            return
        combo = self.ui.unitCombo
        combo.blockSignals(True)
        for unit_id, name in page.units:
            combo.addItem(name, unit_id)
        combo.setCurrentIndex(combo.findData(page.unit_id))
        combo.blockSignals(False)
        self.setWindowTitle(self.tr("会议纪实台 — %1").replace("%1", combo.currentText()))
        model = MeetingListModel(None, self)
        model.show_first_page(page.rows, page.counts[None])
        self._put_model(model)
        self._label_status_buttons({s: page.counts.get(s, 0) for s in STATUSES})
        self._show_count()
        self.ui.pages.setCurrentWidget(self.ui.listPage)
        self._show_selected()
        self.ui.infoLabel.setText(self.tr("正在打开数据库…"))
        self.listed.emit()

    def open_database(self, opening: "Future[Desk]") -> None:
        """Show the database once it is open (set_desk), or explain why it cannot be opened
        and end the program with exit code 2. `opening` runs in a worker thread; this (the
        GUI) thread polls it, so the hand-over needs no signal from the worker thread."""
        self._opening = opening
        self._opening_poll.start()
        self._poll_opening()

    def _poll_opening(self) -> None:
        if self._opening is None or not self._opening.done():
            return
        self._opening_poll.stop()
        try:
            desk = self._opening.result()
        except Exception as error:  # every failure becomes a message, never a traceback
            self._database_refused(error)
        else:
            self.set_desk(desk)

    def _database_refused(self, error: Exception) -> None:
        self.database_error = i18n.message(error)
        self.ui.unitCombo.clear()  # a first page shown meanwhile is no longer offered
        self._show_message(self.tr("无法打开数据库。"))
        box = feedback.tell(self, self.tr("无法打开数据库"), self.database_error,
                            QMessageBox.Icon.Critical)
        box.finished.connect(lambda _: QApplication.exit(2))
        self.database_failed.emit()

    def set_desk(self, desk: "Desk") -> None:
        self.desk = desk
        self._put_model(MeetingListModel(desk, self))
        view: QAbstractItemView = self.ui.meetingsView
        view.selectionModel().selectionChanged.connect(
            lambda _a, _b: self._show_selected())
        self.statusBar().showMessage(self.tr("数据库：%1").replace("%1", desk.db.label))
        self._reload_units(self._saved_unit())
        self.listed.emit()
        self.ready.emit()
        if desk.db.notices:  # opened read-only, a log behind what was acknowledged, ...
            feedback.tell(self, desk.db.label,
                          "\n\n".join(i18n.message(notice) for notice in desk.db.notices))
        elif self.ui.unitCombo.count() == 0 or self._unfinished is not None:
            self.setup_unit(self._unfinished)  # the first run, or one left half-way

    def _put_model(self, model: MeetingListModel) -> None:
        self._model = model
        view: QAbstractItemView = self.ui.meetingsView
        view.setModel(model)
        view.horizontalHeader().setStretchLastSection(True)
        self._fit_to_font()
        model.rowsInserted.connect(lambda *_: self._show_count())

    def shutdown(self) -> None:
        """After the event loop: let the opening finish, then close the database."""
        if self._opening is not None:
            from concurrent.futures import wait
            wait([self._opening])
            if self.desk is None and self._opening.exception() is None:
                self._opening.result().close()  # opened after the window was closed
        if self.desk is not None:
            self.desk.close()

    # ---- units and the list ------------------------------------------------------------------

    def unit_id(self) -> int | None:
        data = self.ui.unitCombo.currentData()
        return int(data) if data is not None else None

    def _saved_unit(self) -> int | None:
        value = prefs.settings().value("main/unit")
        return int(value) if value not in (None, "") else None  # type: ignore[arg-type]

    def _reload_units(self, select: int | None = None) -> None:
        assert self.desk is not None
        combo = self.ui.unitCombo
        units = self.desk.units()
        keep = select if select is not None else self.unit_id()
        combo.blockSignals(True)
        combo.clear()
        for unit in units:
            combo.addItem(unit.name, unit.id)
        index = combo.findData(keep) if keep is not None else -1
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)
        for action in (self.act_new, self.act_settings):
            action.setEnabled(bool(units))
        if not units:
            self._unfinished = None
            self._show_message(self.tr("数据库中还没有单位。请先设置本单位：名称、班子成员和分工。"),
                               setup=True)
            return
        self._unit_changed()

    def _unit_changed(self) -> None:
        unit = self.unit_id()
        if unit is None or self.desk is None:
            return
        prefs.settings().setValue("main/unit", unit)
        self._names = {m.id: m.name for m in self.desk.members(unit, include_inactive=True)}
        self.setWindowTitle(self.tr("会议纪实台 — %1").replace("%1",
                                                              self.ui.unitCombo.currentText()))
        self._show_overdue()  # this unit's, never the one shown before
        problem = self._team_problem(unit)
        self._unfinished = unit if problem else None
        if problem:  # e.g. the set-up wizard was cancelled before the team was entered
            self._show_message(self.tr("本单位的设置尚未完成：%1").replace("%1", problem),
                               setup=True)
            return
        self.ui.pages.setCurrentWidget(self.ui.listPage)
        self._apply_filter()

    def _status(self) -> str | None:
        return STATUSES[max(0, self._status_group.checkedId())]

    def _apply_filter(self, select: int | None = None) -> None:
        """Show the meetings of the unit that match the status and the search text."""
        if self._model is None or self.unit_id() is None or self.desk is None:
            return
        self._search_timer.stop()
        unit, search = self.unit_id(), self.ui.searchEdit.text().strip()
        self._model.set_filter(unit, self._status(), search)
        self._label_status_buttons({s: self.desk.count_meetings(unit, s, search)
                                    for s in STATUSES})
        self._show_count()
        view: QAbstractItemView = self.ui.meetingsView
        row = self._model.row_of(select) if select is not None else None
        if self._model.rowCount():
            view.selectRow(row if row is not None else 0)
        self._show_selected()

    def refresh(self) -> None:
        self._show_overdue()
        row = self._selected()
        self._apply_filter(select=row.id if row else None)

    def show_meeting(self, meeting_id: int) -> None:
        """Refresh the list and select the meeting (after it was created or changed)."""
        self._apply_filter(select=meeting_id)

    def _label_status_buttons(self, counts: dict[str | None, int]) -> None:
        labels = [self.tr("全部")] + [i18n.status_label(s) for s in STATUSES[1:]]
        for button, label, status in zip(self._status_buttons(), labels, STATUSES):
            count = counts.get(status)
            button.setText(label if count is None else f"{label}  {count:,}")

    def _show_count(self) -> None:
        if self._model is None:
            return
        shown, total = self._model.rowCount(), self._model.total
        if shown < total:
            text = self.tr("共 %1 次会议，已显示 %2 次（向下滚动显示更多）")
            text = text.replace("%1", f"{total:,}").replace("%2", f"{shown:,}")
        else:
            text = self.tr("共 %1 次会议").replace("%1", f"{total:,}")
        self.ui.countLabel.setText(text)

    def _team_problem(self, unit: int) -> str:
        """The domain's objection to the unit's team (none yet, no chief), or ''."""
        assert self.desk is not None
        from meetingdesk.domain import check_team
        try:
            check_team(self.desk.members(unit))
        except feedback.refusals() as error:
            return i18n.message(error)
        return ""

    def _show_message(self, text: str, setup: bool = False) -> None:
        self.ui.messageLabel.setText(text)
        self.ui.setupButton.setVisible(setup)
        self.ui.setupButton.setText(self.tr("继续设置本单位…") if self._unfinished is not None
                                    else self.tr("设置本单位…"))
        self.ui.pages.setCurrentWidget(self.ui.messagePage)
        self._show_selected()

    # ---- the selected meeting and its next action --------------------------------------------

    def _selected(self) -> "MeetingRow | None":
        if self._model is None or self.ui.pages.currentWidget() is not self.ui.listPage:
            return None
        rows = self.ui.meetingsView.selectionModel().selectedRows()
        return self._model.meeting(rows[0].row()) if rows else None

    def _primary_action(self) -> QAction:
        row = self._selected()
        if row is None:
            return self.act_new
        if row.status == "preparing":
            return self.act_run if self._has_agenda(row.id) else self.act_prepare
        return self.act_run if row.status == "in_progress" else self.act_record

    def _has_agenda(self, meeting_id: int) -> bool:
        assert self.desk is not None
        try:
            return bool(self.desk.agenda(meeting_id))
        except feedback.refusals():
            return True  # an item no longer fits the rules: the preparation dialog explains

    def _show_selected(self) -> None:
        row = self._selected()
        ui = self.ui
        status = row.status if row else None
        # A meeting with no agenda item cannot start: say so rather than let the console refuse.
        empty = status == "preparing" and row is not None and not self._has_agenda(row.id)
        self.act_prepare.setEnabled(status == "preparing")
        self.act_cancel.setEnabled(status == "preparing")
        self.act_run.setEnabled(status == "in_progress" or (status == "preparing" and not empty))
        self.act_record.setEnabled(status in ("closed", "filed"))
        if status == "in_progress":
            self.act_run.setText(self.tr("继续会议(&C)"))
            self.act_run.setStatusTip(self.tr("回到会议运行界面的当前步骤"))
        else:
            self.act_run.setText(self.tr("开始会议(&S)"))
            self.act_run.setStatusTip(self.tr("打开会议运行界面，从点名开始"))
        hint = self.tr("议程中还没有议题，不能开始会议：请先在“筹备会议”中添加议题。")
        self.act_run.setToolTip(hint if empty else plain(self.act_run.text()))
        if empty:
            self.act_run.setStatusTip(hint)
            feedback.show_note(ui.hintLabel, hint)
        else:
            ui.hintLabel.setVisible(False)
        ui.cancelMeetingButton.setVisible(status == "preparing")
        ui.cancelMeetingButton.setText(plain(self.act_cancel.text()))
        ui.cancelMeetingButton.setToolTip(self.act_cancel.statusTip())
        if row is None:
            ui.titleLabel.setText("")
            ui.infoLabel.setText(self.tr("在左侧选择一次会议。") if self._model else "")
            ui.gapLabel.setVisible(False)
            ui.nextButton.setVisible(self.desk is not None and self.unit_id() is not None)
            ui.nextButton.setText(plain(self.act_new.text()))
            ui.prepareButton.setVisible(False)
            return
        ui.titleLabel.setText(f'<span style="font-size:x-large; font-weight:600">'
                              f"{_html(row.title)}</span>")
        lines = [
            (self.tr("计划时间"), short_time(row.scheduled_at)),
            *([(self.tr("实际时间"), row.held)] if row.held else []),
            (self.tr("地点"), row.place or "—"),
            (self.tr("主持人"), self._names.get(row.chair_id or 0, "—")),
            (self.tr("记录人"), row.recorder),
            (self.tr("状态"), i18n.status_label(row.status)),
        ]
        if row.cancellation is not None:  # R11: why this number has no record
            lines += [(self.tr("取消原因"), row.cancellation.reason),
                      (self.tr("取消时间"), short_time(row.cancellation.at)),
                      (self.tr("经办人"), row.cancellation.by)]
        ui.infoLabel.setText("<br>".join(self.tr("%1：%2").replace("%1", _html(k))
                                         .replace("%2", _html(v)) for k, v in lines))
        self._show_gaps(row)
        primary = self._primary_action()
        ui.nextButton.setVisible(primary.isEnabled())
        ui.nextButton.setText(plain(primary.text()))
        ui.nextButton.setToolTip(primary.statusTip())
        ui.prepareButton.setText(plain(self.act_prepare.text()))
        ui.prepareButton.setVisible(row.status == "preparing" and primary is not self.act_prepare)

    def _show_gaps(self, row: "MeetingRow") -> None:
        assert self.desk is not None
        missing = self.desk.numbering_gaps(row.unit_id, row.type_code, row.year)
        if missing:
            numbers = "、".join(str(n) for n in missing[:10]) + ("…" if len(missing) > 10 else "")
            text = self.tr("%1年%2缺号：第 %3 次（编号不补，缺号保留可查）")
            feedback.show_note(self.ui.gapLabel, text.replace("%1", str(row.year))
                               .replace("%2", row.type_name).replace("%3", numbers))
        else:
            self.ui.gapLabel.setVisible(False)

    # ---- actions -----------------------------------------------------------------------------

    def new_meeting(self) -> None:
        unit = self.unit_id()
        problem = self._team_problem(unit) if self.desk is not None and unit is not None else ""
        if problem:  # say what to do before any form is filled in
            feedback.tell(self, self.tr("还不能新建会议"), problem)
            return
        self._open_preparation(None)

    def prepare_meeting(self) -> None:
        row = self._selected()
        if row is not None and row.status == "preparing":
            self._open_preparation(row.id)

    def cancel_meeting(self) -> None:
        row = self._selected()
        if row is None or self.desk is None or row.status != "preparing":
            return
        from .cancel_meeting import CancelMeetingDialog
        dialog = CancelMeetingDialog(self.desk, row, self)
        dialog.cancelled.connect(self.show_meeting)
        dialog.open()

    def _open_preparation(self, meeting_id: int | None) -> None:
        unit = self.unit_id()
        if self.desk is None or unit is None:
            return
        from .prepare import PrepareDialog
        dialog = PrepareDialog(self.desk, unit, meeting_id, self)
        dialog.saved.connect(self.show_meeting)
        dialog.open()

    def run_meeting(self) -> None:
        """The run console for the selected meeting: it starts a prepared meeting and goes on
        with one in progress, at the step the log has reached."""
        from .console import ConsoleWindow
        self._open_window("console", lambda desk, meeting_id: ConsoleWindow(
            desk, meeting_id, lang=i18n.lang()), lambda window: window.recorded)

    def view_record(self) -> None:
        """The record page of the selected closed meeting: signatures, corrections, filing."""
        from .record_window import RecordWindow
        self._open_window("record", RecordWindow, lambda window: window.changed)

    def _open_window(self, kind: str, make: Any, changed: Any) -> None:
        """Open (or bring forward) a meeting's console or record page, a window of its own."""
        row = self._selected()
        if row is None or self.desk is None:
            return
        key = (kind, row.id)
        window = self._windows.get(key)
        if window is not None:
            window.show()
            window.raise_()
            window.activateWindow()
            return
        try:
            window = make(self.desk, row.id)
        except feedback.refusals() as error:
            feedback.refuse(self, error)
            return
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        changed(window).connect(self._window_recorded)
        window.destroyed.connect(lambda *_: self._window_closed(key))
        self._windows[key] = window
        window.show()

    def _window_recorded(self, _meeting_id: int) -> None:
        self._stale = True

    def _window_closed(self, key: tuple[str, int]) -> None:
        self._windows.pop(key, None)
        if self._model is not None:
            self.show_meeting(key[1])  # its status may have changed

    def setup_unit(self, unit_id: int | None = None) -> None:
        """The set-up wizard: a new unit, or `unit_id` resumed at its team."""
        if self.desk is None:
            return
        from .setup_wizard import SetupWizard
        wizard = SetupWizard(self.desk, self, unit_id)
        wizard.unit_created.connect(self._reload_units)
        wizard.finished.connect(lambda _: self._reload_units(wizard.unit_id))
        wizard.open()

    def unit_settings(self) -> None:
        unit = self.unit_id()
        if self.desk is None or unit is None:
            return
        from .unit_settings import UnitSettingsDialog
        dialog = UnitSettingsDialog(self.desk, unit, self)
        dialog.finished.connect(lambda _: self._reload_units(unit))
        dialog.open()

    def _show_overdue(self) -> None:
        """The unit's overdue 督办 tasks as a button that opens them; hidden when there are none."""
        unit = self.unit_id()
        count = len(self.desk.overdue_tasks(unit)) if self.desk and unit is not None else 0
        self.ui.overdueButton.setText(self.tr("%1 项督办事项已逾期").replace("%1", str(count)))
        self.ui.overdueButton.setVisible(count > 0)

    def open_submissions(self) -> None:
        from .submissions_window import SubmissionsWindow
        self._open_unit_window("submissions", SubmissionsWindow)

    def open_followup(self) -> None:
        from .followup_window import FollowUpWindow
        self._open_unit_window("followup", FollowUpWindow)

    def open_county(self) -> None:
        """The county's role in the same program: its window on an archive file chosen here
        (a county server's archive opens with ``meetingdesk county gui --db URL``)."""
        from .county.window import open_county_window
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("打开县级备案库"), "",
            self.tr("县级备案库 (*.sqlite *.sqlite3 *.db);;所有文件 (*)"))
        if path:
            open_county_window(path, self)

    def _open_unit_window(self, kind: str, make: Any) -> None:
        """A window of the selected unit (议题申报, 督办): one per unit, brought forward if open."""
        unit = self.unit_id()
        if self.desk is None or unit is None:
            return
        key = (kind, unit)
        window = self._windows.get(key)
        if window is None:
            window = make(self.desk, unit)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.changed.connect(lambda _: self._show_overdue())
            window.destroyed.connect(lambda *_: self._windows.pop(key, None))
            self._windows[key] = window
        window.show()
        window.raise_()
        window.activateWindow()

    def zoom(self, step: int) -> None:
        """View > zoom: +1 / -1 point, 0 back to the default size."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        size = prefs.DEFAULT_POINT_SIZE if step == 0 else app.font().pointSize() + step
        size = prefs.apply_font(app, size)
        self.statusBar().showMessage(self.tr("字号：%1 磅").replace("%1", str(size)), 3000)

    def about(self) -> None:
        database = self.desk.db.label if self.desk else "—"
        feedback.tell(self, self.tr("关于会议纪实台"), self.tr(
            "会议纪实台 %1\n领导班子会议全程纪实：议题逐项审议、末位表态、三重一大集体决策。\n\n"
            "数据库：%2").replace("%1", __version__).replace("%2", database),
            QMessageBox.Icon.Information)

    def _focus_search(self) -> None:
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    # ---- window state ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        """Where the window was, made to fit the screen it opens on now (a smaller laptop, a
        projector), and maximised again if it was."""
        settings = prefs.settings()
        geometry = settings.value("main/rect")
        if isinstance(geometry, QRect) and geometry.isValid():
            screen_fit.restore(self, geometry)
        else:
            screen_fit.fit(self, 1280, 760)
        if settings.value("main/maximized") in (True, "true"):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        state = settings.value("main/splitter")
        if state is None or not self.ui.splitter.restoreState(state):  # type: ignore[arg-type]
            self.ui.splitter.setSizes([860, 380])

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = prefs.settings()
        settings.setValue("main/rect", self.normalGeometry())
        settings.setValue("main/maximized", self.isMaximized())
        settings.setValue("main/splitter", self.ui.splitter.saveState())
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_to_font()
        elif (event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
              and self._stale):
            self._stale = False
            self.refresh()  # back from a window that recorded: statuses may have changed
        super().changeEvent(event)

    def _fit_to_font(self) -> None:
        """Rows and columns follow the font, so that zooming for the projector keeps the list
        readable (measured, not ResizeToContents: that would read every row of a long list)."""
        view = self.ui.meetingsView
        metrics = self.fontMetrics()
        view.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.9))
        samples = ("2026年第12次党政联席会议", "2026-11-24 09:00", "已闭会 ")
        for column, sample in enumerate(samples):
            view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 4 * metrics.height())
        for action in self.menuBar().actions():
            menu = action.menu()
            # Fusion elides an entry of a menu sized to its text (the 帮助 menu showed
            # "关于会议…(A)"): room for the widest entry, its shortcut and the margins.
            entries = [a for a in menu.actions() if not a.isSeparator()]
            texts = [metrics.horizontalAdvance(plain(a.text()) + "(A)…") for a in entries]
            keys = [metrics.horizontalAdvance(a.shortcut().toString()) for a in entries]
            menu.setMinimumWidth(max(texts, default=0) + max(keys, default=0)
                                 + 5 * metrics.height())


def plain(text: str) -> str:
    """An action's text without its mnemonic and ellipsis, for a button: '筹备会议(&P)…' -> '筹备会议'."""
    return re.sub(r"\(&.\)|&|…$|\.\.\.$", "", text)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
