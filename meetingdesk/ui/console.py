"""The run console (会议运行台): the window the recorder types into while the chair reads along
on the projector. It always shows the one next step of the meeting, as the domain states it
(Meeting.next_step()), records each entry through the Desk the moment it is confirmed, and shows
every refusal of the rules in words. It decides nothing itself.

    console = ConsoleWindow(desk, meeting_id, lang="zh")
    console.show()
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QFrame, QLabel, QListView, QMainWindow,
                               QMessageBox, QPushButton, QStackedWidget, QTableView, QTabWidget,
                               QToolBar, QWidget)

from meetingdesk.domain import DomainError, Meeting, Step
from meetingdesk.domain.words import STANCES
from meetingdesk.services import Desk, MeetingRow
from meetingdesk.store import StoreError

from . import feedback, prefs, screen_fit
from .cancel_meeting import CancelMeetingDialog
from .clock_dialog import ClockCheck
from .console_ballots import (CountBallotsPage, IssueBallotsPage, TallyPage, count_forms_ready,
                              print_count_forms)
from .console_dialogs import EntryDialog, OrderDialog
from .console_drafts import Draft, Drafts, describe, draft_key
from .console_forms import child
from .console_models import AgendaModel, EntriesModel, PresenceModel
from .console_pages import (ClosedPage, ClosePage, ConcludePage, DecidePage, DivisionPage,
                            HeadDecisionPage, OpenItemPage, OpinionsPage, Page, QuorumPage,
                            ReportPage, RollCallPage, StartPage, VotePage, table_rows)
from .console_revisions import amend_dialog, reconsider_dialog
from .console_words import Words
from .field_note import FieldNote
from .loader import build_form
from .projector import Projector

T = TypeVar("T", bound=QObject)


class ConsoleWindow(QMainWindow):
    """The run console of one meeting, from the roll call to the closed record."""

    recorded = Signal(int)  # the meeting's id, after every entry stored

    def __init__(self, desk: Desk, meeting_id: int, parent: QWidget | None = None,
                 lang: str = "zh") -> None:
        super().__init__(parent)
        self.desk = desk
        self.meeting_id = meeting_id
        self.words = Words(lang)
        self.form = build_form("console", self)
        self.setCentralWidget(screen_fit.scrollable(self.form))
        self._follow_zoom()
        screen_fit.fit(self, self.form.width(), self.form.height())
        geometry = prefs.settings().value("console/geometry")
        if geometry is not None and self.restoreGeometry(geometry):  # type: ignore[arg-type]
            screen_fit.restore(self, self.geometry())
        self.drafts = Drafts(desk, meeting_id, self.words, self)
        self.drafts.failed.connect(self.show_message)
        self.message = self.find(QLabel, "messageLabel")
        self.field_note = FieldNote(self)
        # The message lies over the header's title and date lines (forms/console.ui), in room
        # kept for two lines: a refusal appearing moves nothing and takes no band of its own.
        feedback.reserve(self.message, lines=2)
        self.show_message("")
        self.record_window: QMainWindow | None = None
        self.stack = self.find(QStackedWidget, "pages")
        self.stack.currentChanged.connect(lambda _: screen_fit.size_to_current(self.stack))

        self.agenda_model = AgendaModel(self.words, self)
        self.find(QListView, "agendaView").setModel(self.agenda_model)
        self.presence_model = PresenceModel(self.words, self)
        presence = self.find(QTableView, "presenceView")
        presence.setModel(self.presence_model)
        presence.setColumnHidden(1, True)
        presence.horizontalHeader().setVisible(False)
        table_rows(presence, 2)
        self.presence_view = presence
        self.tabs = self.find(QTabWidget, "workTabs")
        self.entries_model = EntriesModel(self.words, self)
        self.entries_view = self.find(QTableView, "entriesView")
        self.entries_view.setModel(self.entries_model)
        table_rows(self.entries_view, 4)

        self._make_actions()
        self.find(QPushButton, "amendButton").clicked.connect(self.amend_selected)
        self.entries_view.addAction(self.amend_action)
        self.entries_view.doubleClicked.connect(lambda _: self.amend_selected())
        self.pages: list[Page] = [
            StartPage(self), RollCallPage(self), OpenItemPage(self), ReportPage(self),
            ConcludePage(self), OpinionsPage(self), DivisionPage(self), VotePage(self),
            QuorumPage(self), DecidePage(self), HeadDecisionPage(self),
            ClosePage(self), ClosedPage(self),
            TallyPage(self), IssueBallotsPage(self), CountBallotsPage(self)]
        self.page: Page = self.pages[0]
        self.state = Meeting()
        self.step = Step("start")
        self.refresh()
        self.page.take_focus()
        self._offer_drafts()

    def find(self, kind: type[T], name: str) -> T:
        return child(self.form, kind, name)

    def _follow_zoom(self) -> None:
        """The form's point sizes suit the default interface font; when the user has enlarged
        the interface (the main window's zoom), enlarge the console alike, never shrink it."""
        factor = max(1.0, QApplication.font().pointSizeF() / prefs.DEFAULT_POINT_SIZE)
        self.form.setStyleSheet(re.sub(r"(\d+)pt", lambda m: f"{round(int(m[1]) * factor)}pt",
                                       self.form.styleSheet()))
        font = self.form.font()
        font.setPointSize(round(font.pointSize() * factor))
        self.setFont(font)

    # ---- recording -----------------------------------------------------------------------

    def act(self, action: Callable[[], Any], *confirmed: Draft,
            about: dict[str, QWidget] | None = None) -> bool:
        """Record an entry; on a refusal show why and change nothing, else move on to the
        next step with the focus on its first field. `about` names, by refusal code, the field
        a refusal is about: the message is then shown next to it, and the focus put on it."""
        try:
            action()
        except (DomainError, StoreError) as error:
            field = (about or {}).get(error.code)
            if field is not None:
                self.refuse_at(field, self.words.error(error))
            else:
                self.show_message(self.words.error(error))
            if error.code == "CLOCK_DOUBT":
                self._check_clock(error, action, confirmed)
            return False
        for field in confirmed:
            field.confirmed()
        self.show_message("")
        self.refresh()
        self.page.take_focus()
        self.recorded.emit(self.meeting_id)
        if self.step.code == "roll_call" and not self.state.attendance:
            self._ask_about_clock()  # just started: is this the day it was planned for?
        return True

    def _ask_about_clock(self) -> None:
        question = self.desk.clock_question(self.meeting_id)
        if question is not None:
            check = ClockCheck(self, question, self.words.english, lambda time, reason:
                               self.desk.set_clock(self.meeting_id, time, reason,
                                                   question.params["doubt"]))
            check.confirmed.connect(self.refresh)
            check.open()

    def _check_clock(self, refusal: DomainError, action: Callable[[], Any],
                     confirmed: tuple[Draft, ...]) -> None:
        """The laptop's clock is in doubt: the recorder checks the time, then the entry is made
        (a start carries the correction itself)."""
        starting = self.desk.meeting(self.meeting_id).phase == "new"

        def submit(time: datetime, reason: str) -> None:
            if starting:
                self.desk.start_meeting(self.meeting_id, time, reason)
            else:
                self.desk.set_clock(self.meeting_id, time, reason, refusal.params["doubt"])

        check = ClockCheck(self, refusal, self.words.english, submit)
        check.confirmed.connect(self.refresh if starting else lambda: self.act(action, *confirmed))
        check.open()

    def refuse_at(self, field: QWidget, text: str) -> None:
        """A refusal about one field: said next to it (and in the message line), the cursor
        put into it."""
        self.show_message(text)
        self.field_note.show_at(field, text)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str, note: bool = False) -> None:
        """A refusal (red) or, with `note`, a confirmation of what was just recorded."""
        self.field_note.hide()
        self.message.setText(text)
        self.message.setProperty("note", "true" if note else "false")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))

    def refresh(self) -> None:
        """Show the meeting as its log now stands, at its one next step."""
        try:
            state = self.desk.meeting(self.meeting_id)
        except (DomainError, StoreError) as error:
            self.show_message(self.words.error(error))
            return
        step = state.next_step()
        self.state, self.step = state, step
        cancelled = self._show_header(state, step).cancellation is not None
        self.agenda_model.set_state(state, step.item_no)
        self.presence_model.set_state(state)
        self.find(QLabel, "stepLabel").setText(
            self.tr("会议已取消，不再召开（编号保留）") if cancelled  # R11: no next step
            else self.tr("下一步：{step}").format(step=self.words.step(state, step)))
        self._show_item(state, step)
        running = state.status == "in_progress"
        for action in (self.remark_action, self.arrival_action, self.leave_action,
                       self.written_action):
            action.setEnabled(running)
        self.recuse_action.setEnabled(step.item_no is not None and running)
        open_item = state.items.get(state.open_item) if state.open_item else None
        self.defer_action.setEnabled(open_item is not None and open_item.spec.is_decision)
        self.amend_action.setEnabled(open_item is not None)
        self.reconsider_action.setEnabled(bool(state.reconsiderable()))
        self.tabs.setTabVisible(1, open_item is not None)
        self.tabs.tabBar().setVisible(open_item is not None)  # one tab alone needs no bar
        if open_item is not None:
            self.entries_model.set_state(state, open_item.spec.no)
        elif self.tabs.currentIndex() == 1:
            self.tabs.setCurrentIndex(0)
        self.count_forms_action.setEnabled(count_forms_ready(state, step))
        page = next(p for p in self.pages if p.accepts(state, step))
        page.show_step(state, step)
        self.stack.setCurrentWidget(page.widget)
        if page is not self.page:
            self.page = page
            page.take_focus()
        self.confirm_action.setEnabled(self.page.has_confirm)

    def _show_header(self, state: Meeting, step: Step) -> MeetingRow:
        """The meeting's title, facts and quorum; returns its row (a cancellation, R11)."""
        info = self.desk.meeting_info(self.meeting_id)
        self.setWindowTitle(self.tr("会议纪实台 — {title}").format(title=info.title))
        self.find(QLabel, "titleLabel").setText(f"{info.unit_name}　{info.title}")
        if step.code == "start":
            names = {m.id: m.name for m in self.desk.members(info.unit_id)}
            chair = names.get(info.chair_id, "—") if info.chair_id else "—"
            observers = self.desk.observers(self.meeting_id)
        else:
            chair = state.name(state.chair_id)
            observers = state.observers
        meta = [info.scheduled_at[:16].replace("T", " "), info.place,
                self.tr("主持人：{name}").format(name=chair),
                self.tr("记录人：{name}").format(name=info.recorder)]
        if observers:
            meta.append(self.tr("列席：{names}").format(
                names="、".join(o["name"] for o in observers)))
        self.find(QLabel, "metaLabel").setText("　".join(filter(None, meta)))
        quorum_label = self.find(QLabel, "quorumLabel")
        if state.phase == "new":
            quorum_label.setText("")
            return info
        quorum = state.quorum()
        lines = [self.words.quorum(quorum)]
        met = quorum.met
        if state.open_item is not None and state.items[state.open_item].spec.is_decision:
            voting = state.vote_quorum(state.open_item)
            if voting != quorum:
                lines.append(self.words.quorum(voting, personnel=True))
                met = met and voting.met
        quorum_label.setText("\n".join(lines))
        quorum_label.setProperty("met", "true" if met else "false")
        quorum_label.style().unpolish(quorum_label)
        quorum_label.style().polish(quorum_label)
        return info

    def _show_item(self, state: Meeting, step: Step) -> None:
        frame = self.find(QFrame, "itemFrame")
        frame.setVisible(step.item_no is not None)
        if step.item_no is None:
            return
        item = state.items[step.item_no]
        self.find(QLabel, "itemTitleLabel").setText(self.words.item_title(item))
        self.find(QLabel, "itemMetaLabel").setText(self.words.item_meta(state, item))
        for name, text in (("majorLabel", self.words.major(item)),
                           ("recusalLabel", self.words.recusals(state, item)),
                           ("afterRoundLabel", self.words.after_round(state, item))):
            label = self.find(QLabel, name)
            label.setText(text)
            label.setVisible(bool(text))

    # ---- drafts offered back -------------------------------------------------------------

    def _offer_drafts(self) -> None:
        frame = self.find(QFrame, "draftFrame")
        if not self.drafts.restored:
            return
        where = "；".join(describe(key, self.state) for key in self.drafts.restored)
        self.find(QLabel, "draftLabel").setText(self.tr(
            "已恢复上次未确认的输入：{where}。内容已放回对应的输入框，确认后才记入会议记录。").format(
                where=where))
        frame.setVisible(True)
        self.find(QPushButton, "draftKeepButton").clicked.connect(lambda: frame.setVisible(False))
        self.find(QPushButton, "draftDiscardButton").clicked.connect(self._discard_drafts)

    def _discard_drafts(self) -> None:
        self.drafts.discard()
        self.find(QFrame, "draftFrame").setVisible(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.drafts.flush()
        prefs.settings().setValue("console/geometry", self.saveGeometry())
        super().closeEvent(event)

    # ---- actions available at any moment -------------------------------------------------

    def _make_actions(self) -> None:
        toolbar = QToolBar(self.tr("会议操作"), self)
        toolbar.setObjectName("consoleToolBar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)

        def action(text: str, keys: list[str], slot: Callable[[], Any], name: str,
                   shown: bool = True) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setToolTip(f"{text}（{keys[0]}）")
            act.triggered.connect(slot)
            self.addAction(act)
            if shown:
                toolbar.addAction(act)
            return act

        self.confirm_action = action(self.tr("确认当前输入"), ["Ctrl+Return", "Ctrl+Enter"],
                                     lambda: self.page.confirm(), "confirmAction", shown=False)
        self.arrival_action = action(self.tr("迟到到会…"), ["Ctrl+I"], self.arrival_dialog,
                                     "arrivalAction")
        self.leave_action = action(self.tr("中途离会…"), ["Ctrl+L"], self.leave_dialog,
                                   "leaveAction")
        self.written_action = action(self.tr("书面意见…"), ["Ctrl+Shift+W"],
                                     lambda: self.written_dialog(None), "writtenAction")
        self.remark_action = action(self.tr("程序性发言…"), ["Ctrl+M"],
                                    lambda: self.remark_dialog(self.state.chair_id),
                                    "remarkAction")
        self.recuse_action = action(self.tr("回避…"), ["Ctrl+Shift+H"],
                                    lambda: self.recusal_dialog(self.step.item_no, None),
                                    "recuseAction")
        self.defer_action = action(self.tr("暂缓表决…"), ["Ctrl+Shift+D"],
                                   lambda: self.defer_dialog(self.state.open_item),
                                   "deferAction")
        self.amend_action = action(self.tr("修改记录…"), ["Ctrl+E"], self.amend_selected,
                                   "amendAction")
        self.reconsider_action = action(self.tr("复议…"), ["Ctrl+Shift+R"],
                                        lambda: reconsider_dialog(self), "reconsiderAction")
        self.count_forms_action = action(self.tr("打印计票单…"), ["Ctrl+Shift+P"],
                                         lambda: print_count_forms(self, self.step.item_no),
                                         "countFormsAction")
        toolbar.addSeparator()
        # F11: the wall's view, not this window
        self.projector = Projector(self, self.words, lambda: (self.state, self.step), toolbar)
        self.recorded.connect(lambda _: self.projector.follow())

    def entry_dialog(self, title: str, intro: str, rows: dict[str, str],
                     submit: Callable[[EntryDialog], Any],
                     draft_keys: dict[str, str] | None = None) -> EntryDialog:
        dialog = EntryDialog(self, self.words, self.drafts, title, intro, rows, submit, draft_keys)
        dialog.recorded.connect(self._after_dialog)
        return dialog

    def _after_dialog(self) -> None:
        self.show_message("")
        self.refresh()
        self.recorded.emit(self.meeting_id)

    def _selected_presence(self) -> int | None:
        return self.presence_model.member_at(self.presence_view.currentIndex().row())

    def people(self, members: list[int]) -> list[tuple[str, Any]]:
        return [(f"{self.state.name(m)}（{self.state.members[m].position}）", m) for m in members]

    def arrival_dialog(self) -> EntryDialog:
        state = self.state
        away = [m for m in state.expected if state.attendance.get(m) != "present"]
        dialog = self.entry_dialog(
            self.tr("迟到到会"), self.tr("登记成员到会的时间（默认为现在，可修改）。到会后计入实到人数。"),
            {"person": self.tr("成员："), "time": self.tr("到会时间：")},
            lambda d: self.desk.record_arrival(self.meeting_id, d.person.currentData(),
                                               d.chosen_time(self.desk.clock())))
        dialog.fill(dialog.person, self.people(away), self._selected_presence())
        dialog.set_time(self.desk.clock())
        dialog.open()
        return dialog

    def leave_dialog(self) -> EntryDialog:
        state = self.state
        dialog = self.entry_dialog(
            self.tr("中途离会"), self.tr("登记成员离会的时间（默认为现在，可修改）和原因。离会后不再计入实到人数。"),
            {"person": self.tr("成员："), "time": self.tr("离会时间："),
             "reason": self.tr("离会原因：")},
            lambda d: self.desk.record_leave(self.meeting_id, d.person.currentData(),
                                             d.reason_edit.text(),
                                             d.chosen_time(self.desk.clock())),
            {"reason": draft_key("leave")})
        dialog.fill(dialog.person, self.people(state.present()), self._selected_presence())
        dialog.set_time(self.desk.clock())
        dialog.open()
        return dialog

    def remark_dialog(self, speaker: int | None) -> EntryDialog:
        """A procedural remark (the chair's, or any present member's) or an observer's remark:
        recorded as such, without a stance."""
        state = self.state
        item_no = state.open_item

        def submit(d: EntryDialog) -> None:
            who = d.person.currentData()
            if isinstance(who, str):
                self.desk.record_remark(self.meeting_id, d.text_edit.toPlainText(),
                                        item_no=item_no, observer=who)
            else:
                self.desk.record_remark(self.meeting_id, d.text_edit.toPlainText(),
                                        member_id=who, item_no=item_no)

        dialog = self.entry_dialog(
            self.tr("程序性发言"),
            self.tr("主持人的程序性发言或列席人员的发言，单独记录，不计为表态。"),
            {"person": self.tr("发言人："), "text": self.tr("发言内容：")}, submit,
            {"text": draft_key("remark", item_no)})
        people = self.people(state.present())
        people += [(self.tr("{name}（列席）").format(name=o["name"]), o["name"])
                   for o in state.observers]
        dialog.fill(dialog.person, people, speaker)
        dialog.open()
        return dialog

    def recusal_dialog(self, item_no: int | None, member: int | None = None) -> EntryDialog | None:
        if item_no is None:
            return None
        item = self.state.items[item_no]
        dialog = self.entry_dialog(
            self.tr("回避"),
            self.tr("与第 {no} 项有利害关系（本人或亲属）的成员回避：不发言、不表决，记录理由。").format(
                no=item_no),
            {"person": self.tr("回避成员："), "reason": self.tr("回避理由：")},
            lambda d: self.desk.recuse(self.meeting_id, item_no, d.person.currentData(),
                                       d.reason_edit.text()),
            {"reason": draft_key("recusal", item_no)})
        dialog.fill(dialog.person,
                    self.people([m for m in self.state.expected if m not in item.recusals]),
                    member)
        dialog.open()
        return dialog

    def written_dialog(self, member: int | None) -> EntryDialog:
        """An absent member's written opinion: a stance, or one on each candidate (逐一表态),
        none assumed."""
        state = self.state
        away = [m for m in state.expected if state.attendance.get(m) != "present"]
        items = [it for it in state.items.values() if it.spec.is_decision and not it.finished]

        def submit(d: EntryDialog) -> None:
            n, who, text = d.item.currentData(), d.person.currentData(), d.text_edit.toPlainText()
            if state.items[n].spec.candidates:
                self.desk.record_written_opinion(self.meeting_id, n, who, None, text,
                                                 per_candidate=d.candidates.per_candidate())
            else:
                self.desk.record_written_opinion(self.meeting_id, n, who, d.stance.currentData(),
                                                 text, d.reason_edit.text())

        dialog = self.entry_dialog(
            self.tr("书面意见"),
            self.tr("缺席成员对审议议题的书面意见：记入会议记录，不计为表决票。"),
            {"person": self.tr("缺席成员："), "item": self.tr("议题："),
             "stance": self.tr("表态："), "candidates": self.tr("逐一表态："),
             "text": self.tr("书面意见："), "reason": self.tr("依据和理由：")}, submit,
            {"text": draft_key("written"), "reason": draft_key("written_reason")})
        dialog.fill(dialog.person, self.people(away), member)
        dialog.fill(dialog.item, [(self.words.item_title(it), it.spec.no) for it in items])
        dialog.offer(dialog.stance, [(self.words.label(STANCES, code), code) for code in STANCES],
                     self.tr("请选择表态"), self.tr("请选择表态：书面意见的表态须由本人明确，不作默认。"))

        def item_chosen() -> None:
            candidates = state.items[dialog.item.currentData()].spec.candidates if items else ()
            dialog.candidates.show_candidates(candidates, dialog.tab_span)
            dialog.show_rows("person", "item", "text",
                             *(("candidates",) if candidates else ("stance", "reason")))

        dialog.item.currentIndexChanged.connect(lambda _: item_chosen())
        item_chosen()
        dialog.recorded.connect(lambda: self.show_message(self.tr(
            "已记录{name}对第 {no} 项的书面意见。").format(
                name=state.name(dialog.person.currentData()), no=dialog.item.currentData()),
            note=True))
        dialog.open()
        return dialog

    def amend_selected(self) -> EntryDialog | None:
        """修改…: the entry selected in the item's record, or the opinion of the member selected
        in the speaking queue."""
        if self.state.open_item is None:
            return None
        seq = None
        if self.tabs.currentIndex() == 1:
            seq = self.entries_model.seq_at(self.entries_view.currentIndex().row())
        elif self.page.widget_name == "opinionsPage":
            queue = self.find(QTableView, "queueView")
            seq = queue.model().entry_at(queue.currentIndex().row())
        if seq is None:
            self.tabs.setCurrentIndex(1)
            self.entries_view.setFocus()
            self.show_message(self.tr("请先在“本议题记录”中选中要修改的一条，再点“修改…”。"))
            return None
        return amend_dialog(self, seq)

    def tell_reconsideration(self, item_no: int) -> None:
        item = self.state.items[item_no]
        if item.reconsiderations:
            self.show_message(self.words.reconsideration(self.state, item,
                                                         item.reconsiderations[-1]), note=True)

    def defer_dialog(self, item_no: int | None) -> EntryDialog | None:
        if item_no is None:
            return None
        dialog = self.entry_dialog(
            self.tr("暂缓表决"),
            self.tr("第 {no} 项暂缓表决，进一步调研、会商后提交以后的会议复议。请说明理由。").format(
                no=item_no),
            {"text": self.tr("缓议理由：")},
            lambda d: self.desk.defer(self.meeting_id, item_no, d.text_edit.toPlainText()),
            {"text": draft_key("defer", item_no)})
        dialog.open()
        return dialog

    def order_dialog(self, item_no: int) -> OrderDialog:
        queue = self.state.speaking_queue(item_no)
        dialog = OrderDialog(self, self.words, [(m, self.state.name(m)) for m in queue],
                             lambda order: self.desk.set_speaking_order(
                                 self.meeting_id, item_no, order))
        dialog.recorded.connect(self._after_dialog)
        dialog.open()
        return dialog

    def _second_look(self, name: str, title: str, text: str, details: str, yes: str,
                     then: Callable[[], Any]) -> QMessageBox:
        """Ask before a step that cannot be undone; Enter says yes (the question is the second
        look), Esc goes back."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName(name)
        box.setFont(self.font())
        box.setInformativeText(details)
        box.button(QMessageBox.StandardButton.Yes).setText(yes)
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("返回"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(then)
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def confirm_start(self) -> QMessageBox:
        """Ask before starting: the meeting's header and agenda are then fixed in the record;
        a meeting started on another day than planned says so in the same question."""
        question = self.tr("确认开始会议？开始后会议信息和议程即固定，写入会议记录，不能再修改。")
        other_day = self.desk.start_question(self.meeting_id)
        if other_day is not None:
            question = self.words.error(other_day) + "\n\n" + question
        return self._second_look(
            "startMeetingBox", self.tr("开始会议"), question,
            self.find(QLabel, "startInfoLabel").text(), self.tr("开始会议"),
            lambda: self.act(lambda: self.desk.start_meeting(self.meeting_id)))

    def confirm_close(self) -> QMessageBox:
        """Ask before closing: the summary of every item's outcome, then the closed record."""
        return self._second_look(
            "closeMeetingBox", self.tr("闭会"),
            self.tr("确认闭会？闭会后会议记录即闭合，只能添加更正，不能修改。"),
            self.words.summary_html(self.state), self.tr("闭会"), self._close_meeting)

    def cancel_meeting(self) -> None:
        """R11: the prepared meeting will not take place; it is cancelled with a reason."""
        dialog = CancelMeetingDialog(self.desk, self.desk.meeting_info(self.meeting_id), self)
        dialog.cancelled.connect(lambda _: self._after_dialog())
        dialog.open()

    def open_record(self) -> None:
        """The closed meeting's record page, to sign, correct and file it."""
        if self.record_window is None:
            from .record_window import RecordWindow  # the PDF layers load only when needed
            try:
                window = RecordWindow(self.desk, self.meeting_id)
            except (DomainError, StoreError) as error:
                self.show_message(self.words.error(error))
                return
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.changed.connect(self.recorded.emit)
            window.destroyed.connect(lambda *_: setattr(self, "record_window", None))
            self.record_window = window
        self.record_window.show()
        self.record_window.raise_()
        self.record_window.activateWindow()

    def _close_meeting(self) -> None:
        if self.act(lambda: self.desk.close_meeting(self.meeting_id)):
            self.drafts.discard()
