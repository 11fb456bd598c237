"""A stance on each candidate of an appointment item (逐一表态, R5/R6): one row per candidate
(forms/console_candidate.ui) with the candidate's name and posts, the four stances (none chosen
until the recorder chooses) and the grounds for a 不同意 or 缓议. Used by the opinion page and by
the written-opinion and amendment dialogs; what is complete is for the domain to say."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QButtonGroup, QLabel, QLineEdit, QRadioButton, QWidget

from meetingdesk.domain.agenda import Candidate
from meetingdesk.domain.words import STANCES, STANCES_NEEDING_REASON

from .console_drafts import Draft, DraftChoice, DraftField, Drafts
from .console_forms import child, uncheck
from .console_words import translate
from .loader import build_form


class CandidateRow(QObject):
    """One candidate: the stance chosen (or none) and its grounds."""

    def __init__(self, parent: QWidget, no: int, candidate: Candidate,
                 drafts: Drafts | None) -> None:
        super().__init__(parent)
        self.no = no
        self.widget = build_form("console_candidate", parent)
        child(self.widget, QLabel, "candidateLabel").setText(
            translate("Console", "{no}. {name}（现任{current}，拟任{proposed}）").format(
                no=no, name=candidate.name, current=candidate.current_post or "—",
                proposed=candidate.proposed_post or "—"))
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for code in STANCES:
            radio = child(self.widget, QRadioButton, f"{code}Radio")
            radio.setAccessibleName(f"{candidate.name} {radio.text()}")
            self.radios[code] = radio
            self.group.addButton(radio)
        self.reason_edit = child(self.widget, QLineEdit, "reasonEdit")
        self.reason: DraftField | None = drafts.bind(self.reason_edit) if drafts else None
        self.choice: DraftChoice | None = (drafts.bind_choice(self.group, dict(self.radios))
                                           if drafts else None)

    def drafts(self) -> tuple[Draft, ...]:
        return tuple(d for d in (self.choice, self.reason) if d is not None)

    def stance(self) -> str | None:
        return next((code for code, radio in self.radios.items() if radio.isChecked()), None)

    def set(self, stance: str | None, reason: str) -> None:
        uncheck(self.group)
        if stance in self.radios:
            self.radios[stance].setChecked(True)
        self.reason_edit.setText(reason)

    def incomplete(self) -> QWidget | None:
        """The field to put right first: the stances while none is chosen, the grounds while a
        不同意 or 缓议 has none."""
        stance = self.stance()
        if stance is None:
            return self.radios["agree"]
        if stance in STANCES_NEEDING_REASON and not self.reason_edit.text().strip():
            return self.reason_edit
        return None


class CandidateStances(QObject):
    """The rows of one item's candidates, inside `container` (a widget with a box layout)."""

    def __init__(self, container: QWidget, drafts: Drafts | None = None) -> None:
        super().__init__(container)
        self.container = container
        self.drafts = drafts
        self.rows: list[CandidateRow] = []
        self._shown: tuple[Candidate, ...] = ()

    def show_candidates(self, candidates: tuple[Candidate, ...],
                        between: tuple[QWidget, QWidget] | None = None) -> None:
        """Rows for `candidates` (kept as they are when the candidates are the same), in the
        tab order between the two widgets of `between`."""
        if candidates == self._shown:
            return
        layout = self.container.layout()
        for row in self.rows:
            for draft in row.drafts():
                self.drafts.release(draft)  # type: ignore[union-attr]
            layout.removeWidget(row.widget)
            row.widget.deleteLater()
            row.deleteLater()
        self.rows = [CandidateRow(self.container, no, c, self.drafts)
                     for no, c in enumerate(candidates, 1)]
        for row in self.rows:
            layout.addWidget(row.widget)
        self._shown = candidates
        if between is not None:
            chain = [between[0], *(w for row in self.rows
                                   for w in (*row.radios.values(), row.reason_edit)), between[1]]
            for first, then in zip(chain, chain[1:]):
                QWidget.setTabOrder(first, then)

    def set_draft_keys(self, key_of: Callable[[str], str] | None) -> None:
        """Keep each row's stance and grounds as drafts under key_of("stance_2") and
        key_of("reason_2") (for the second candidate), or none."""
        for row in self.rows:
            if row.choice is not None:
                row.choice.set_key(key_of(f"stance_{row.no}") if key_of else None)
            if row.reason is not None:
                row.reason.set_key(key_of(f"reason_{row.no}") if key_of else None)

    def drafts_of_rows(self) -> tuple[Draft, ...]:
        """The rows' drafts, to clear once the stances are recorded."""
        return tuple(d for row in self.rows for d in row.drafts())

    def fill(self, stances: dict[int, tuple[str, str]]) -> None:
        """Each candidate's stance and grounds as given, e.g. from an entry being amended."""
        for row in self.rows:
            row.set(*stances.get(row.no, (None, "")))

    def set_enabled(self, enabled: bool) -> None:
        for row in self.rows:
            row.widget.setEnabled(enabled)

    def per_candidate(self) -> list[dict[str, Any]]:
        """The stances chosen, for the Desk; a candidate without one is left out, so that the
        domain names whom the member has not stated on."""
        return [{"candidate": row.no, "stance": row.stance(), "reason": row.reason_edit.text()}
                for row in self.rows if row.stance() is not None]

    def first_incomplete(self) -> QWidget | None:
        return next((f for f in (row.incomplete() for row in self.rows) if f is not None), None)

    def focus_incomplete(self) -> None:
        field = self.first_incomplete()
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
