"""The console's pages, one for each kind of next step (Meeting.next_step().code).

Each page fills its part of forms/console.ui from the meeting state and turns the recorder's
clicks into Desk actions through the console's act (ConsoleContext), which shows a refusal and refreshes. A page
never decides what is allowed: it offers what the state says comes next.
"""

from __future__ import annotations

import html
from typing import ClassVar, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QButtonGroup, QComboBox,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QRadioButton, QTableView, QTextBrowser, QWidget)

from meetingdesk.domain import Meeting, Step
from meetingdesk.domain.words import (HEAD_DECISIONS, KINDS, STANCES, STANCES_NEEDING_REASON,
                                     VOTE_CHOICES)

from .console_candidates import CandidateStances
from .console_context import ConsoleContext
from .console_drafts import draft_key
from .console_models import QueueModel, VoteModel


T = TypeVar("T", bound=QObject)


class Page(QObject):
    """One page of the console's stack."""

    widget_name: ClassVar[str]
    codes: ClassVar[tuple[str, ...]]
    has_confirm: ClassVar[bool] = True  # whether Ctrl+Enter confirms something here
    default_button: ClassVar[str] = ""  # the page's main button, focused when nothing is typed

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console.window())
        self.console = console
        self.desk = console.desk
        self.mid = console.meeting_id
        self.widget = self.find(QWidget, self.widget_name)
        self.state: Meeting | None = None
        self.step = Step("start")
        self.fresh = True  # the step shown is of another item than the one shown before
        self.entry: QWidget | None = None  # where the recorder types or chooses first

    def find(self, kind: type[T], name: str) -> T:
        return self.console.find(kind, name)

    def accepts(self, state: Meeting, step: Step) -> bool:
        return step.code in self.codes

    def show_step(self, state: Meeting, step: Step) -> None:
        """Show the step; what was chosen on the page for one item never carries over to the
        next (its presenter, stances, decision)."""
        self.fresh = step.item_no != self.step.item_no
        self.state, self.step = state, step
        self.fill(state, step)

    def take_focus(self) -> None:
        """The page has just come up, or its entry was recorded: the cursor goes to where
        the next entry is typed, or else to the page's main button."""
        target = self.entry
        if target is None or not target.isEnabled():
            target = self.widget.findChild(QPushButton, self.default_button)
        if target is not None and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def fill(self, state: Meeting, step: Step) -> None:
        """Show the step; every page defines it."""

    def confirm(self) -> None:
        """Ctrl+Enter: record the page's main entry (pages without one set has_confirm)."""

    @property
    def item_no(self) -> int:
        assert self.step.item_no is not None
        return self.step.item_no

    def picked(self, group: QButtonGroup, missing: str) -> bool:
        """A stance or a decision is never assumed: until one of `group` is checked, say
        `missing` and put the focus on the choices."""
        if group.checkedButton() is not None:
            return True
        self.console.refuse_at(group.buttons()[0], missing)
        return False


def table_rows(view: QTableView, stretch: int) -> None:
    """Compact rows of one line each, the `stretch` column taking the spare width; Tab leaves
    the table."""
    rows = view.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 4)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setTabKeyNavigation(False)  # rows are chosen with the arrows; Tab goes on to the form


def _select(view: QTableView, row: int) -> None:
    if row >= 0:
        view.setCurrentIndex(view.model().index(row, 0))
        view.scrollTo(view.currentIndex())


class StartPage(Page):
    """A prepared meeting: check its header and agenda, then start the record."""

    widget_name = "startPage"
    codes = ("start",)
    default_button = "startButton"

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.info = self.find(QLabel, "startInfoLabel")
        self.start = self.find(QPushButton, "startButton")
        self.start.clicked.connect(self.confirm)
        self.cancel = self.find(QPushButton, "cancelMeetingButton")
        self.cancel.clicked.connect(console.cancel_meeting)

    def fill(self, state: Meeting, step: Step) -> None:
        words = self.console.words
        info = self.desk.meeting_info(self.mid)
        self.start.setEnabled(info.cancellation is None)
        self.cancel.setEnabled(info.cancellation is None)
        if info.cancellation is not None:  # R11: it will not take place; say why
            self.info.setText(html.escape(self.tr("会议已取消：{reason}（{by}）").format(
                reason=info.cancellation.reason, by=info.cancellation.by)))
            return
        items = "".join(
            "<li>" + html.escape(f"{row.spec.title}（{words.label(KINDS, row.spec.kind)}）") + "</li>"
            for row in self.desk.agenda(self.mid))
        self.info.setText(
            "<p>" + html.escape(self.tr("应到会 {count} 人。开始后依次点名、宣布开会、逐项审议。").format(
                count=len(self.desk.expected_members(self.mid)))) + "</p>"
            + "<p><b>" + html.escape(self.tr("议程")) + "</b></p>"
            + (f"<ol>{items}</ol>" if items else html.escape(self.tr("（尚无议题）")))
            + "<p>" + html.escape(self.tr("开始后，会议信息和议程即固定，写入会议记录。")) + "</p>")

    def confirm(self) -> None:
        """Starting fixes the agenda: asked first, then the domain decides (an empty agenda is
        refused, in words)."""
        if self.start.isEnabled():
            self.console.confirm_start()


class RollCallPage(Page):
    """Roll call: each expected member present, or absent with a reason; then open the meeting."""

    widget_name = "rollCallPage"
    codes = ("roll_call", "open_session")

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.view = self.find(QTableView, "rollCallView")
        self.view.setModel(console.presence_model)
        table_rows(self.view, 2)
        self.present = self.find(QPushButton, "presentButton")
        self.absent = self.find(QPushButton, "absentButton")
        self.reason_edit = self.find(QLineEdit, "absentReasonEdit")
        self.reason = console.drafts.bind(self.reason_edit)
        self.open_session = self.find(QPushButton, "openSessionButton")
        self.late = self.find(QPushButton, "lateButton")
        self.hint = self.find(QLabel, "rollCallHintLabel")
        self.present.clicked.connect(self._present)
        self.absent.clicked.connect(self._absent)
        self.late.clicked.connect(self._late)
        self.reason_edit.returnPressed.connect(self._absent)
        self.entry = self.view
        self.find(QPushButton, "writtenButton").clicked.connect(
            lambda: console.written_dialog(self.member()))
        self.open_session.clicked.connect(self._open_session)
        self.view.selectionModel().currentRowChanged.connect(self._selected)

    def member(self) -> int | None:
        return self.console.presence_model.member_at(self.view.currentIndex().row())

    def fill(self, state: Meeting, step: Step) -> None:
        """Whom the roll call still misses, by name; 宣布开会 stays offered, the domain says
        what is missing if it is pressed too early."""
        calling = step.code == "roll_call"
        for widget in (self.present, self.absent, self.late, self.reason_edit):
            widget.setEnabled(calling)
        if calling:
            self.hint.setText(self.tr(
                "还有 {count} 位成员未点名：{names}。未到的成员点“未到（迟到）”，"
                "到会时用“迟到到会”登记。").format(
                    count=len(step.pending), names="、".join(state.name(m) for m in step.pending)))
        else:
            self.hint.setText(self.tr("点名完毕，可以宣布开会。"))
        if calling and self.member() not in step.pending:
            _select(self.view, self.console.presence_model.row_of(step.pending[0]))
        self._selected()

    def _selected(self) -> None:
        member = self.member()
        self.reason.set_key(draft_key("absent_reason", member_id=member) if member else None)

    def _present(self) -> None:
        member = self.member()
        self.console.act(lambda: self.desk.mark_present(self.mid, member))

    def _absent(self) -> None:
        member = self.member()
        self.console.act(lambda: self.desk.mark_absent(self.mid, member, self.reason.text()),
                         self.reason)

    def _late(self) -> None:
        """Not in the room at the roll call: absent for now, until their arrival is entered."""
        member = self.member()
        self.console.act(lambda: self.desk.mark_absent(self.mid, member, self.tr("点名时未到")))

    def _open_session(self) -> None:
        if not self.console.act(lambda: self.desk.open_session(self.mid)):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # who is missing is selected

    def confirm(self) -> None:
        if self.step.code == "roll_call":
            self._present()
        else:
            self._open_session()


class OpenItemPage(Page):
    """Between items: open the next one (recusals may be entered before)."""

    widget_name = "openItemPage"
    codes = ("open_item",)
    default_button = "openItemButton"

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.label = self.find(QLabel, "openItemLabel")
        self.find(QPushButton, "openItemButton").clicked.connect(self.confirm)
        self.find(QPushButton, "openItemRecuseButton").clicked.connect(
            lambda: console.recusal_dialog(self.item_no))

    def fill(self, state: Meeting, step: Step) -> None:
        finished = sum(1 for it in state.items.values() if it.finished)
        self.label.setText(html.escape(self.tr(
            "已结束 {done} 项，共 {total} 项。宣布开始审议后，先由汇报人汇报。"
            "与本议题有利害关系的成员，请在开始前登记回避。").format(
                done=finished, total=len(state.items))))

    def confirm(self) -> None:
        self.console.act(lambda: self.desk.open_item(self.mid, self.item_no))


class ReportPage(Page):
    """The presenter reports on the item."""

    widget_name = "reportPage"
    codes = ("report",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.presenter = self.find(QComboBox, "presenterCombo")
        self.entry = self.find(QPlainTextEdit, "reportEdit")
        self.text = console.drafts.bind(self.entry)
        self.find(QPushButton, "reportButton").clicked.connect(self.confirm)
        self.find(QPushButton, "reportRecuseButton").clicked.connect(
            lambda: console.recusal_dialog(self.item_no))

    def fill(self, state: Meeting, step: Step) -> None:
        n = self.item_no
        chosen = None if self.fresh else self.presenter.currentData()  # this item's own choice
        self.presenter.clear()
        for m in state.eligible(n):
            self.presenter.addItem(f"{state.name(m)}（{state.members[m].position}）", m)
        default = state.items[n].spec.presenter_id
        index = self.presenter.findData(chosen)
        self.presenter.setCurrentIndex(index if index >= 0 else
                                       max(self.presenter.findData(default), 0))
        self.text.set_key(draft_key("report", n))

    def confirm(self) -> None:
        n, member = self.item_no, self.presenter.currentData()
        self.console.act(lambda: self.desk.report(self.mid, n, member, self.text.text()),
                         self.text, about={"TEXT_REQUIRED": self.entry})


class ConcludePage(Page):
    """A study or briefing item: no stances or votes; a short summary and it is done."""

    widget_name = "concludePage"
    codes = ("conclude",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.report = self.find(QLabel, "concludeReportLabel")
        self.entry = self.find(QPlainTextEdit, "concludeEdit")
        self.text = console.drafts.bind(self.entry)
        self.find(QPushButton, "concludeButton").clicked.connect(self.confirm)

    def fill(self, state: Meeting, step: Step) -> None:
        item = state.items[self.item_no]
        reports = [s for s in item.speeches if s.kind == "report"]
        self.report.setText(self.tr("{name}汇报：{words}").format(
            name=reports[0].speaker, words=reports[0].words) if reports else "")
        self.text.set_key(draft_key("summary", self.item_no))

    def confirm(self) -> None:
        n = self.item_no
        self.console.act(lambda: self.desk.conclude_item(self.mid, n, self.text.text()),
                         self.text, about={"TEXT_REQUIRED": self.entry})


class OpinionsPage(Page):
    """The speaking queue (R5): each member's words and stance (R6), the chief last; on an
    appointment item a stance on each candidate (逐一表态)."""

    widget_name = "opinionsPage"
    codes = ("opinions",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.model = QueueModel(console.words, self)
        self.view = self.find(QTableView, "queueView")
        self.view.setModel(self.model)
        table_rows(self.view, 4)
        self.speaker = self.find(QLabel, "speakerLabel")
        self.words_edit = self.find(QPlainTextEdit, "wordsEdit")
        self.entry = self.words_edit
        self.words = console.drafts.bind(self.words_edit)
        self.reason_edit = self.find(QLineEdit, "reasonEdit")
        self.reason = console.drafts.bind(self.reason_edit)
        self.reason_edit.returnPressed.connect(self.confirm)
        self.reason_label = self.find(QLabel, "reasonLabel")
        self.stances = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for code in STANCES:
            radio = self.find(QRadioButton, f"{code}Radio")
            self.radios[code] = radio
            self.stances.addButton(radio)
        self.stances.buttonToggled.connect(self._stance_changed)
        self.stance = console.drafts.bind_choice(self.stances, dict(self.radios))
        self.candidates = CandidateStances(self.find(QWidget, "candidateStancesPanel"),
                                           console.drafts)
        self.confirm_button = self.find(QPushButton, "opinionButton")
        self.confirm_button.clicked.connect(self.confirm)
        self.find(QPushButton, "orderButton").clicked.connect(
            lambda: console.order_dialog(self.item_no))
        self.find(QPushButton, "recuseButton").clicked.connect(
            lambda: console.recusal_dialog(self.item_no, self.member()))
        self.find(QPushButton, "remarkButton").clicked.connect(
            lambda: console.remark_dialog(self.state.chair_id if self.state else None))
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        self.view.clicked.connect(lambda: self._picked(self.member()))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(console.amend_action)  # 修改… on a member's recorded opinion
        self._prefer_drafts = True  # on opening the console, go back to where typing stopped
        self._chosen: int | None = None  # a member the recorder picked out of turn

    def member(self) -> int | None:
        return self.model.member_at(self.view.currentIndex().row())

    def fill(self, state: Meeting, step: Step) -> None:
        """Select who speaks next in the queue, unless the recorder picked someone else who
        may still speak."""
        if self.fresh:
            self._chosen = None
        self.model.set_state(state, self.item_no)
        candidates = state.items[self.item_no].spec.candidates
        self.candidates.show_candidates(candidates, (self.words_edit, self.confirm_button))
        self.find(QWidget, "candidateStancesPanel").setVisible(bool(candidates))
        for widget in (*self.radios.values(), self.reason_label, self.reason_edit):
            widget.setVisible(not candidates)
        chosen = self._chosen
        open_ = chosen in step.pending and not self.model.locked(chosen)
        _select(self.view, self.model.row_of(chosen if open_ else self._next(step)))
        self._selected()

    def _picked(self, member: int | None) -> None:
        self._chosen = member

    def _next(self, step: Step) -> int | None:
        if self._prefer_drafts:
            self._prefer_drafts = False
            for m in step.pending:
                if self.console.drafts.text(draft_key("words", self.item_no, m)):
                    return m
        return step.pending[0] if step.pending else None

    def _selected(self) -> None:
        state, member = self.state, self.member()
        if state is None:
            return
        open_ = member in self.step.pending and not self.model.locked(member)
        if member is None:
            self.speaker.setText("")
        else:
            text = f"{state.name(member)}（{state.members[member].position}）"
            if self.model.locked(member):
                text += self.tr("：末位表态，待其他 {count} 位成员表态后方可表态；"
                                "现在只能作程序性发言").format(
                    count=len(state.pending_before_last(self.item_no)))
            elif member not in self.step.pending:
                text += self.tr("：本议题无需再表态")
            self.speaker.setText(text)
        for widget in (self.words_edit, self.reason_edit, self.confirm_button,
                       *self.radios.values()):
            widget.setEnabled(open_)
        self.candidates.set_enabled(open_)
        # every field of the member on this item, as typed or chosen and not yet confirmed
        # (none chosen for a member not yet begun): never what was given for someone else
        n = self.item_no
        for draft, field in ((self.words, "words"), (self.reason, "reason"),
                             (self.stance, "stance")):
            draft.set_key(draft_key(field, n, member) if open_ else None)
        self.candidates.set_draft_keys(
            (lambda field: draft_key(field, n, member)) if open_ else None)

    def take_focus(self) -> None:
        (self.words_edit if self.words_edit.isEnabled() else self.view).setFocus(
            Qt.FocusReason.OtherFocusReason)

    def _stance_changed(self, button: QAbstractButton, checked: bool) -> None:
        needed = self.stance.text() in STANCES_NEEDING_REASON
        self.reason_label.setText(self.tr("依据和理由（必填）：") if needed
                                  else self.tr("依据和理由："))

    def confirm(self) -> None:
        """Record the stance; a refusal is said next to the field it is about, which gets the
        cursor. Recorded, the cursor goes to the next speaker's words."""
        n, member, stance = self.item_no, self.member(), self.stance.text()
        if self.candidates.rows:
            per = self.candidates.per_candidate()
            incomplete = self.candidates.first_incomplete()
            about = {code: incomplete for code in ("STANCE_PER_CANDIDATE", "REASON_REQUIRED")
                     if incomplete is not None}
            if self.console.act(lambda: self.desk.record_opinion(
                    self.mid, n, member, None, self.words.text(), per_candidate=per),
                    self.words, *self.candidates.drafts_of_rows(),
                    about={"TEXT_REQUIRED": self.words_edit, **about}):
                self._recorded(member)
        elif self.picked(self.stances, self.tr("请选择表态。")) and self.console.act(
                lambda: self.desk.record_opinion(self.mid, n, member, stance, self.words.text(),
                                                 self.reason.text()),
                self.words, self.reason, self.stance,
                about={"REASON_REQUIRED": self.reason_edit, "TEXT_REQUIRED": self.words_edit}):
            self._recorded(member)

    def _recorded(self, member: int | None) -> None:
        """Say what was recorded and how a mistake in it is put right (R6a)."""
        self._chosen = None
        self.console.show_message(self.tr(
            "已记录{name}的表态。如有录错，表决开始前可在上方名单中选中该行，按 Ctrl+E"
            "（修改记录）修改。").format(name=self.console.state.name(member)), note=True)


class DivisionPage(Page):
    """R9: opinions sharply divided; the app proposes deferral, or a recorded reason to go on."""

    widget_name = "divisionPage"
    codes = ("division",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.label = self.find(QLabel, "divisionLabel")
        self.opinions = self.find(QTextBrowser, "divisionOpinionsView")
        self.entry = self.find(QPlainTextEdit, "divisionReasonEdit")
        self.reason = console.drafts.bind(self.entry)
        self.find(QPushButton, "divisionDeferButton").clicked.connect(self.confirm)
        self.find(QPushButton, "overrideButton").clicked.connect(self._override)

    def fill(self, state: Meeting, step: Step) -> None:
        division = state.division(self.item_no)
        detail = division.detail_en if self.console.words.english else division.detail_zh
        self.label.setText(self.tr(
            "意见分歧较大（{detail}）。按规则建议暂缓表决，进一步调研、会商后提交下次会议复议；"
            "如仍要表决，须由主持人说明理由。").format(detail=detail))
        self.opinions.setHtml(self.console.words.opinions_html(state, state.items[self.item_no]))
        self.reason.set_key(draft_key("division", self.item_no))

    def confirm(self) -> None:
        n = self.item_no
        self.console.act(lambda: self.desk.defer(self.mid, n, self.reason.text()), self.reason,
                         about={"REASON_REQUIRED": self.entry})

    def _override(self) -> None:
        n = self.item_no
        self.console.act(lambda: self.desk.override_division(self.mid, n, self.reason.text()),
                         self.reason, about={"REASON_REQUIRED": self.entry})


def _results(page: Page, state: Meeting, pending: dict[int | None, list[int]]) -> str:
    item = state.items[page.item_no]
    return "\n".join(page.console.words.result(state, item, b)
                     for b in item.spec.ballots() if b not in pending)


class VotePage(Page):
    """Spoken, hands or named votes: one entry per member, one ballot at a time (R7)."""

    widget_name = "votePage"
    codes = ("vote",)
    has_confirm = False  # a vote is a choice of three, never a default

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.model = VoteModel(console.words, self)
        self.view = self.find(QTableView, "voteView")
        self.view.setModel(self.model)
        table_rows(self.view, 2)
        self.entry = self.view
        self.ballot_label = self.find(QLabel, "ballotLabel")
        self.voter = self.find(QLabel, "voteForLabel")
        self.results = self.find(QLabel, "voteResultLabel")
        self.ballot: int | None = None
        self.buttons = {"agree": self.find(QPushButton, "voteAgreeButton"),
                        "disagree": self.find(QPushButton, "voteDisagreeButton"),
                        "abstain": self.find(QPushButton, "voteAbstainButton")}
        for choice, button in self.buttons.items():
            button.clicked.connect(lambda _=False, c=choice: self.cast(c))
        self.view.selectionModel().currentRowChanged.connect(self._selected)

    def accepts(self, state: Meeting, step: Step) -> bool:
        return (step.code == "vote" and step.item_no is not None
                and state.items[step.item_no].spec.vote_mode != "secret")

    def member(self) -> int | None:
        return self.model.member_at(self.view.currentIndex().row())

    def fill(self, state: Meeting, step: Step) -> None:
        item = state.items[self.item_no]
        pending = state.pending_votes(self.item_no)
        ballot = next(iter(pending))
        keep = None if self.fresh or ballot != self.ballot else self.member()
        self.ballot = ballot
        self.ballot_label.setText(self.console.words.ballot(item, self.ballot))
        self.model.set_state(state, self.item_no, self.ballot)
        waiting = pending[self.ballot]
        _select(self.view, self.model.row_of(keep if keep in waiting else waiting[0]))
        self.results.setText(_results(self, state, pending))
        self._selected()

    def _selected(self) -> None:
        member = self.member()
        name = self.state.name(member) if self.state and member is not None else "—"
        self.voter.setText(self.tr("{name} 的表决意见：").format(name=name))

    def cast(self, choice: str) -> None:
        """One keypress records the vote, which nothing amends once the vote has begun (R6a):
        say what was recorded, so that a mistake is seen at once and corrected after closing."""
        n, member, ballot = self.item_no, self.member(), self.ballot
        if self.console.act(lambda: self.desk.cast_vote(self.mid, n, member, choice, ballot)):
            self.console.show_message(self.tr(
                "已登记{name}：{choice}。表决意见登记后不能修改，如有录错，闭会后添加更正。").format(
                    name=self.console.state.name(member),
                    choice=self.console.words.label(VOTE_CHOICES, choice)), note=True)


class DecidePage(Page):
    """Voting complete: the result in words, computed by the domain (R8); the decision text."""

    widget_name = "decidePage"
    codes = ("decide",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.result = self.find(QLabel, "decideResultLabel")
        self.entry = self.find(QPlainTextEdit, "decisionEdit")
        self.text = console.drafts.bind(self.entry)
        self.find(QPushButton, "decideButton").clicked.connect(self.confirm)
        self.find(QPushButton, "decideDeferButton").clicked.connect(
            lambda: console.defer_dialog(self.item_no))

    def fill(self, state: Meeting, step: Step) -> None:
        item = state.items[self.item_no]
        lines = [self.console.words.result(state, item, b) for b in item.spec.ballots()]
        if item.override_reason:
            lines.append(self.tr("意见分歧较大，主持人说明理由后继续表决：{reason}").format(
                reason=item.override_reason))
        self.result.setText("\n".join(lines))
        self.text.set_key(draft_key("decision", self.item_no))

    def confirm(self) -> None:
        n = self.item_no
        self.console.act(lambda: self.desk.decide(self.mid, n, self.text.text()), self.text,
                         about={"TEXT_REQUIRED": self.entry})


class QuorumPage(Page):
    """R3: too few present and not recused for the item's last word (the last speaker's stance,
    the head's decision) or for its vote; wait for members or defer."""

    widget_name = "quorumPage"
    codes = ("quorum",)
    default_button = "quorumArrivalButton"

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.label = self.find(QLabel, "quorumPageLabel")
        self.find(QPushButton, "quorumArrivalButton").clicked.connect(self.confirm)
        self.find(QPushButton, "quorumDeferButton").clicked.connect(
            lambda: console.defer_dialog(self.item_no))

    def fill(self, state: Meeting, step: Step) -> None:
        n = self.item_no
        item = state.items[n]
        figures = self.console.words.item_quorum(state.vote_quorum(n))
        last = state.last_speaker(n)
        if state.decision_mode == "head" and last is not None:
            what = self.tr("{name}作出决定前，到会人数须符合规定：{figures}。").format(
                name=state.name(last), figures=figures)
        elif not (item.round_closed or item.voting_started) and last is not None:
            what = self.tr("{name}末位表态前，到会人数须符合规定：{figures}。").format(
                name=state.name(last), figures=figures)
        else:
            what = self.tr("表决本议题前，到会人数须符合规定：{figures}。").format(figures=figures)
        self.label.setText(what + self.tr("请等待成员到会并登记，或暂缓表决本议题。"))

    def confirm(self) -> None:
        self.console.arrival_dialog()


class HeadDecisionPage(Page):
    """Head decides (R10): after hearing everyone; a reason when against the majority."""

    widget_name = "headPage"
    codes = ("head_decision",)

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.label = self.find(QLabel, "headLabel")
        self.opinions = self.find(QTextBrowser, "headOpinionsView")
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for code in HEAD_DECISIONS:
            radio = self.find(QRadioButton, f"head{code.capitalize()}Radio")
            self.radios[code] = radio
            self.group.addButton(radio)
        self.decision = console.drafts.bind_choice(self.group, dict(self.radios))
        self.entry = next(iter(self.radios.values()))
        self.text_edit = self.find(QPlainTextEdit, "headTextEdit")
        self.text = console.drafts.bind(self.text_edit)
        self.reason_edit = self.find(QLineEdit, "headReasonEdit")
        self.reason = console.drafts.bind(self.reason_edit)
        self.reason_edit.returnPressed.connect(self.confirm)
        self.find(QPushButton, "headButton").clicked.connect(self.confirm)
        self.find(QPushButton, "headRemarkButton").clicked.connect(
            lambda: console.remark_dialog(self.head()))

    def head(self) -> int | None:
        return self.step.pending[0] if self.step.pending else None

    def fill(self, state: Meeting, step: Step) -> None:
        head = self.head()
        division = state.division(self.item_no)
        detail = division.detail_en if self.console.words.english else division.detail_zh
        position = state.members[head].position if head is not None else ""
        self.label.setText(self.tr("{name}（{position}）听取意见后作出决定。其他成员意见：{detail}。").format(
            name=state.name(head), position=position, detail=detail))
        self.opinions.setHtml(self.console.words.opinions_html(state, state.items[self.item_no]))
        self.decision.set_key(draft_key("head_decision", self.item_no))
        self.text.set_key(draft_key("head_text", self.item_no))
        self.reason.set_key(draft_key("head_reason", self.item_no))

    def confirm(self) -> None:
        n, head, decision = self.item_no, self.head(), self.decision.text()
        if self.picked(self.group, self.tr("请选择决定。")):
            self.console.act(
                lambda: self.desk.head_decide(self.mid, n, head, decision, self.text.text(),
                                              self.reason.text()),
                self.decision, self.text, self.reason,
                about={"REASON_REQUIRED": self.reason_edit, "TEXT_REQUIRED": self.text_edit})


class ClosePage(Page):
    """Every item finished: the summary of outcomes, and closing the meeting (R12)."""

    widget_name = "closePage"
    codes = ("close",)
    default_button = "closeButton"

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.summary = self.find(QTextBrowser, "summaryView")
        self.find(QPushButton, "closeButton").clicked.connect(self.confirm)

    def fill(self, state: Meeting, step: Step) -> None:
        self.summary.setHtml(self.console.words.summary_html(state))

    def confirm(self) -> None:
        self.console.confirm_close()


class ClosedPage(Page):
    """The closed record: read only here; signatures and corrections come after."""

    widget_name = "closedPage"
    codes = ("sign", "filed")
    default_button = "openRecordButton"

    def __init__(self, console: ConsoleContext) -> None:
        super().__init__(console)
        self.label = self.find(QLabel, "closedLabel")
        self.summary = self.find(QTextBrowser, "closedSummaryView")
        self.find(QPushButton, "openRecordButton").clicked.connect(self.confirm)

    def fill(self, state: Meeting, step: Step) -> None:
        closed = self.console.words.time(state.closed_at) if state.closed_at else "—"
        self.label.setText(self.tr("会议已于 {time} 闭会，记录已保存。闭会后只能添加更正。").format(
            time=closed))
        self.summary.setHtml(self.console.words.summary_html(state))

    def confirm(self) -> None:
        """The record page: signatures, corrections, printing and filing."""
        self.console.open_record()
