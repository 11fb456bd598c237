"""The projector view (投影): what the room reads on the wall while the recorder types into the
console. A window of its own, on the second screen when there is one: the meeting, the item and
its 三重一大 badge, who has the floor, who has spoken (their words only if the chair chooses),
the last speaker's lock (R5) and the vote result in words. Large type, no controls.

It follows the console: after each confirmed entry the console calls `follow`, and the view
shows the console's Meeting and next step as the domain states them. It asks nothing itself.

    projector = Projector(console, words, now, toolbar)   # F11 opens and closes it
"""

from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QToolBar, QVBoxLayout, QWidget

from meetingdesk.domain import ItemState, Meeting, Step
from meetingdesk.domain.words import VOTE_MODES

from .console_words import Words

BODY_POINTS = 26
TITLE_POINTS = 34
STYLE = f"""
QWidget#ProjectorView {{ background: #10233f; }}
QLabel {{ color: #f4f6fa; font-size: {BODY_POINTS}pt; }}
QLabel#meetingLabel {{ font-size: {TITLE_POINTS}pt; font-weight: 600; }}
QLabel#itemLabel {{ font-size: {TITLE_POINTS}pt; font-weight: 600; color: #ffffff; }}
QLabel#badgeLabel {{ background: #b3261e; color: #ffffff; padding: 4px 16px;
                     border-radius: 6px; }}
QLabel#floorLabel {{ color: #ffd666; font-weight: 600; }}
QLabel#lockLabel {{ color: #9fc3ff; }}
QLabel#resultLabel {{ color: #8ee3a3; font-weight: 600; }}
QLabel#presenceLabel, QLabel#spokenLabel {{ color: #d6dce6; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
"""
LABELS = ("meetingLabel", "presenceLabel", "itemLabel", "badgeLabel", "floorLabel", "lockLabel",
          "spokenLabel", "resultLabel")


class ProjectorView(QWidget):
    """The wall's view of one meeting; `show_state` draws it from the domain's state."""

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ProjectorView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self.words = words
        self.show_words = False  # the chair chooses whether members' words go on the wall
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(18)
        self.labels: dict[str, QLabel] = {}
        for name in LABELS:
            label = QLabel(self)
            label.setObjectName(name)
            label.setWordWrap(name != "badgeLabel")
            label.setTextFormat(Qt.TextFormat.RichText if name == "spokenLabel"
                                else Qt.TextFormat.PlainText)
            self.labels[name] = label
            if name == "spokenLabel":  # a long round scrolls, the latest in view
                label.setAlignment(Qt.AlignmentFlag.AlignTop)
                self.spoken_area = QScrollArea(self)
                self.spoken_area.setWidget(label)
                self.spoken_area.setWidgetResizable(True)
                for policy in (self.spoken_area.setHorizontalScrollBarPolicy,
                               self.spoken_area.setVerticalScrollBarPolicy):
                    policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                bar = self.spoken_area.verticalScrollBar()
                bar.rangeChanged.connect(lambda _low, high: bar.setValue(high))
                layout.addWidget(self.spoken_area, 1)
                continue
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignLeft if name == "badgeLabel"
                             else Qt.AlignmentFlag(0))
            if name == "presenceLabel":
                line = QFrame(self)
                line.setFrameShape(QFrame.Shape.HLine)
                layout.addWidget(line)

    def text(self, name: str) -> str:
        return self.labels[name].text()

    def show_state(self, state: Meeting, step: Step) -> None:
        header = state.header
        self.setWindowTitle(self.tr("投影 — {title}").format(title=header.get("title", "")))
        self._set("meetingLabel", f"{header['unit']['name']}　{header['title']}"
                  if header else "")
        self._set("presenceLabel", self.words.quorum(state.quorum())
                  if state.phase in ("roll_call", "in_session") else self._phase(state))
        item = _shown_item(state, step)
        if item is None:
            for name in LABELS[2:]:
                self._set(name, "")
            self.spoken_area.setVisible(False)
            return
        n = item.spec.no
        self._set("itemLabel", self.words.item_title(item))
        self._set("badgeLabel", self.tr("三重一大") if item.classification.major else "")
        self.labels["badgeLabel"].setToolTip(self.words.major(item))
        self._set("floorLabel", self._floor(state, step) if step.item_no == n else "")
        self._set("lockLabel", self._lock(state, item) if item.status == "open" else "")
        self._set("spokenLabel", self._spoken(state, item))
        self.spoken_area.setVisible(bool(self.text("spokenLabel")))
        self._set("resultLabel", self._result(state, item))

    def _set(self, name: str, text: str) -> None:
        label = self.labels[name]
        label.setText(text)
        label.setVisible(bool(text))

    def _phase(self, state: Meeting) -> str:
        if state.phase == "new":
            return self.tr("会议尚未开始")
        return self.tr("会议已闭会")

    def _floor(self, state: Meeting, step: Step) -> str:
        """Who has the floor now, from the domain's next step."""
        item = state.items[step.item_no] if step.item_no is not None else None
        if item is None:
            return ""
        if step.code == "open_item":
            return self.tr("下一项")
        if step.code == "report":
            presenter = item.spec.presenter_id
            return (self.tr("请{name}汇报").format(name=state.name(presenter))
                    if presenter is not None else self.tr("请汇报人汇报"))
        if step.code in ("opinions", "head_decision") and step.pending:
            name = state.name(step.pending[0])
            return (self.tr("请{name}作出决定") if step.code == "head_decision"
                    else self.tr("请{name}发言")).format(name=name)
        if step.code in ("vote", "issue_ballots", "count_ballots"):
            return self.tr("表决中：{mode}").format(
                mode=self.words.label(VOTE_MODES, item.spec.vote_mode))
        if step.code == "quorum":
            return self.words.step(state, step)
        return ""

    def _lock(self, state: Meeting, item: ItemState) -> str:
        """R5: the last speaker is locked until every other member present has stated."""
        n = item.spec.no
        last = state.last_speaker(n)
        if not item.spec.is_decision or last is None or item.round_closed:
            return ""
        waiting = state.pending_before_last(n)
        if waiting:
            return self.tr("{name}末位表态（锁定）：待其余 {count} 位成员表态后发言").format(
                name=state.name(last), count=len(waiting))
        return self.tr("{name}末位表态：现在可以表态").format(name=state.name(last))

    def _spoken(self, state: Meeting, item: ItemState) -> str:
        lines = []
        for s in state.standing_speeches(item.spec.no):
            if s.kind not in ("report", "opinion", "written", "head_decision"):
                continue
            who = s.speaker + (self.tr("（书面）") if s.kind == "written" else "")
            what = (self.tr("汇报") if s.kind == "report" else self.words.stances(item, s)
                    or self.words.entry_kind(s))
            line = f"<b>{html.escape(who)}</b>&nbsp;{html.escape(what)}"
            if self.show_words and s.words:
                line += "：" + html.escape(s.words)
            lines.append(line)
        # Stances alone fit on a few lines side by side; with the words, one speaker a line.
        return ("<br>" if self.show_words else "　　").join(lines)

    def _result(self, state: Meeting, item: ItemState) -> str:
        """The vote result in words once it is known, then how the item ended."""
        if item.finished:
            return self.words.outcome(state, item)
        n = item.spec.no
        if item.spec.is_decision and item.voting_started and not state.pending_votes(n):
            return "；".join(self.words.result(state, item, b) for b in item.spec.ballots())
        return ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """F11: full screen or a window; Esc: out of full screen."""
        if event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)


def _shown_item(state: Meeting, step: Step) -> ItemState | None:
    """The item in discussion; between items the one just finished; before any, the next."""
    if state.open_item is not None:
        return state.items[state.open_item]
    finished = [it for it in state.items.values() if it.finished and it.finished_at]
    if finished:
        return max(finished, key=lambda it: it.finished_at)  # type: ignore[arg-type,return-value]
    return state.items.get(step.item_no) if step.item_no is not None else None


class Projector(QObject):
    """The console's projector: F11 (or the toolbar) opens the view on the second screen, full
    screen, or as a window when there is one screen; F11 again closes it. The recorder's own
    window never goes on the wall."""

    def __init__(self, console: QWidget, words: Words,
                 now: Callable[[], tuple[Meeting, Step]], toolbar: QToolBar) -> None:
        """`now` gives the console's meeting and next step; the console calls `follow` after
        each entry it records."""
        super().__init__(console)
        self.console = console
        self.words = words
        self.now = now
        self.view: ProjectorView | None = None
        self.action = QAction(self.tr("投影"), console)
        self.action.setObjectName("projectorAction")
        self.action.setShortcut(QKeySequence("F11"))
        self.action.setToolTip(self.tr("在第二块屏幕（投影仪）上显示会议进程（F11）"))
        self.action.setCheckable(True)
        self.action.triggered.connect(self.toggle)
        self.words_action = QAction(self.tr("投影显示发言内容"), console)
        self.words_action.setObjectName("projectorWordsAction")
        self.words_action.setToolTip(self.tr("由主持人决定：投影是否显示成员的发言内容（默认只显示表态）"))
        self.words_action.setCheckable(True)
        self.words_action.toggled.connect(self._words_chosen)
        for action in (self.action, self.words_action):
            console.addAction(action)
            toolbar.addAction(action)
        console.installEventFilter(self)

    def toggle(self) -> None:
        if self.view is not None and self.view.isVisible():
            self.view.close()
        else:
            self.open()
        self.action.setChecked(self.view is not None and self.view.isVisible())

    def open(self) -> ProjectorView:
        if self.view is None:
            self.view = ProjectorView(self.words, self.console)
            self.view.show_words = self.words_action.isChecked()
        self.follow()
        here = self.console.screen()
        others = [s for s in QGuiApplication.screens() if s is not here]
        if others:  # the projector: full screen on the other screen
            self.view.setScreen(others[0])
            self.view.setGeometry(others[0].geometry())
            self.view.showFullScreen()
        else:
            area = here.availableGeometry()
            self.view.resize(min(1100, area.width()), min(700, area.height()))
            self.view.show()
        return self.view

    def follow(self) -> None:
        """Show the console's meeting as it now stands (after each confirmed entry)."""
        if self.view is not None:
            self.view.show_state(*self.now())

    def _words_chosen(self, shown: bool) -> None:
        if self.view is not None:
            self.view.show_words = shown
            self.follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.console and event.type() == QEvent.Type.Close and self.view:
            self.view.close()  # the wall goes dark with the console
        return False
