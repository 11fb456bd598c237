"""Preparing a meeting: the header (type, number, time, place, chair, recorder, expected members,
observers) and the agenda (items with their 三重一大 badge, materials, items carried over).

The number is given by the rules (R11) when the meeting is first saved; the agenda can be edited
from then on until the meeting starts. Every check is the domain's: the item dialog asks it as
the recorder types, and the services refuse what does not fit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QProgressDialog,
                               QVBoxLayout, QWidget)

from meetingdesk.domain import (Classification, ItemSpec, Member, check_item, classify,
                                meeting_title)
from meetingdesk.domain.agenda import yuan
from meetingdesk.domain.submissions import Submission
from meetingdesk.domain.words import CATEGORIES, FUND_TYPES, KINDS, VOTE_MODES
from meetingdesk.services import AgendaRow, DeferredItem, Desk
from meetingdesk.services.setup import default_settings

from . import feedback, i18n, prefs, screen_fit
from .loader import build_form
from .models import (ROW_ROLE, Column, RowsModel, TextTableModel, fit_rows, select_row,
                     selected_row, show_table)
from .progress_report_dialog import ProgressReportDialog


def local_minute(at: datetime) -> str:
    """A moment as this computer's local time, to the minute (as the time edits show it)."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def badge_text(classification: Classification) -> str:
    """'★ 三重一大：属“大额资金使用”；项目资金 360,000 元，达到 200,000 元标准' (R1, and why)."""
    if not classification.major:
        return ""
    reasons = classification.reasons_en if i18n.lang() == "en" else classification.reasons_zh
    return QCoreApplication.translate("Agenda", "★ 三重一大：%1").replace(
        "%1", i18n.pick("；", "; ").join(reasons))


class PrepareDialog(QDialog):
    saved = Signal(int)  # the meeting's id, after its header or agenda changed

    def __init__(self, desk: Desk, unit_id: int, meeting_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.unit_id, self.meeting_id = desk, unit_id, meeting_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.members: list[Member] = desk.members(unit_id)
        self._names = {m.id: m.name for m in desk.members(unit_id, include_inactive=True)}
        self.types = desk.meeting_types(unit_id)
        self.ui: Any = build_form("prepare_dialog", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 9)
        layout.addWidget(screen_fit.scrollable(self.ui))  # 关闭 stays in view below it
        layout.addWidget(buttons)
        screen_fit.fit(self, 1180, 760)
        self._build_header()
        self._build_agenda()
        if meeting_id is None:
            self._new_header()
        else:
            self._load_header()
        self.reload_agenda()

    # ---- the header --------------------------------------------------------------------------

    def _build_header(self) -> None:
        ui = self.ui
        for t in self.types:
            ui.typeCombo.addItem(t.name, t.code)
        for combo, blank in ((ui.chairCombo, None), (ui.deputyCombo, self.tr("（无）"))):
            if blank:
                combo.addItem(blank, None)
            for m in self.members:
                combo.addItem(f"{m.name}　{m.position}", m.id)
        self.expected_model = QStandardItemModel(self)
        for m in self.members:
            row = QStandardItem(f"{m.name}　{m.position}")
            row.setData(m.id, ROW_ROLE)
            row.setCheckable(True)
            row.setEditable(False)
            self.expected_model.appendRow(row)
        ui.expectedView.setModel(self.expected_model)
        self.observers_model = TextTableModel(("name", "position"),
                                              (self.tr("姓名"), self.tr("职务")), self)
        show_table(ui.observersView, self.observers_model, stretch=1)
        ui.typeCombo.currentIndexChanged.connect(lambda _: self._show_number())
        ui.timeEdit.dateTimeChanged.connect(lambda _: self._show_number())
        ui.allButton.clicked.connect(lambda: self._check_expected(
            [m.id for m in self.members]))
        ui.addObserverButton.clicked.connect(self._add_observer)
        ui.removeObserverButton.clicked.connect(
            lambda: self.observers_model.remove_row(ui.observersView.currentIndex().row()))
        ui.saveHeaderButton.clicked.connect(self.save_header)
        feedback.clear(ui.headerMessage)

    def _new_header(self) -> None:
        ui = self.ui
        settings = prefs.settings()
        self.setWindowTitle(self.tr("新建会议"))
        tomorrow = QDateTime(QDateTime.currentDateTime().date().addDays(1), QTime(9, 0))
        ui.timeEdit.setDateTime(tomorrow)
        ui.placeEdit.setText(str(settings.value("prepare/place", "")))
        ui.recorderEdit.setText(str(settings.value("prepare/recorder", "")))
        chief = next((m.id for m in self.members if m.is_chief), None)
        ui.chairCombo.setCurrentIndex(max(0, ui.chairCombo.findData(chief)))
        self._check_expected([m.id for m in self.members])
        ui.tabs.setTabEnabled(1, False)
        self._show_number()

    def _load_header(self) -> None:
        assert self.meeting_id is not None
        ui = self.ui
        info = self.desk.meeting_info(self.meeting_id)
        self.setWindowTitle(self.tr("筹备会议 — %1").replace("%1", info.title))
        ui.typeCombo.setCurrentIndex(ui.typeCombo.findData(info.type_code))
        ui.typeCombo.setEnabled(False)  # the number belongs to the type (R11)
        ui.timeEdit.setDateTime(QDateTime(datetime.fromisoformat(info.scheduled_at)
                                          .replace(tzinfo=None)))
        ui.placeEdit.setText(info.place)
        ui.recorderEdit.setText(info.recorder)
        ui.chairCombo.setCurrentIndex(max(0, ui.chairCombo.findData(info.chair_id)))
        ui.deputyCombo.setCurrentIndex(max(0, ui.deputyCombo.findData(info.deputy_chair_id)))
        self._check_expected(self.desk.expected_members(self.meeting_id))
        self.observers_model.set_rows(self.desk.observers(self.meeting_id))
        ui.numberValue.setText(info.title)
        self._show_gaps(info.type_code, info.year)
        ui.tabs.setCurrentIndex(1)

    def _show_number(self) -> None:
        """Before the first save: the number the meeting will get (R11)."""
        if self.meeting_id is not None:
            return
        ui = self.ui
        code, year = ui.typeCombo.currentData(), ui.timeEdit.date().year()
        if code is None:
            ui.numberValue.setText(self.tr("本单位还没有会议类型，请先在“单位设置”中添加。"))
            return
        number = self.desk.next_meeting_number(self.unit_id, code, year)
        ui.numberValue.setText(self.tr("%1（保存时编定）").replace(
            "%1", meeting_title(year, number, ui.typeCombo.currentText())))
        self._show_gaps(code, year)

    def _show_gaps(self, type_code: str, year: int) -> None:
        missing = self.desk.numbering_gaps(self.unit_id, type_code, year)
        if missing:
            self.ui.numberValue.setText(self.ui.numberValue.text() + "\n" + self.tr(
                "本年度缺号：第 %1 次（编号不补）").replace(
                "%1", "、".join(str(n) for n in missing[:10])))

    def _check_expected(self, ids: list[int]) -> None:
        for row in range(self.expected_model.rowCount()):
            entry = self.expected_model.item(row)
            checked = entry.data(ROW_ROLE) in ids
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _expected(self) -> list[int]:
        return [self.expected_model.item(r).data(ROW_ROLE)
                for r in range(self.expected_model.rowCount())
                if self.expected_model.item(r).checkState() == Qt.CheckState.Checked]

    def _add_observer(self) -> None:
        row = self.observers_model.add_row()
        index = self.observers_model.index(row, 0)
        self.ui.observersView.setCurrentIndex(index)
        self.ui.observersView.edit(index)

    def save_header(self) -> None:
        ui = self.ui
        when = ui.timeEdit.dateTime().toPython().astimezone()
        fields: dict[str, Any] = dict(
            scheduled_at=when, place=ui.placeEdit.text(), chair_id=ui.chairCombo.currentData(),
            deputy_chair_id=ui.deputyCombo.currentData(), recorder=ui.recorderEdit.text(),
            expected=self._expected(), observers=self.observers_model.rows())
        try:
            if self.meeting_id is None:
                self.meeting_id = self.desk.create_meeting(self.unit_id, ui.typeCombo.currentData(),
                                                           **fields)
            else:
                self.desk.update_meeting(self.meeting_id, **fields)
        except feedback.refusals() as error:
            feedback.show_error(ui.headerMessage, error)
            return
        settings = prefs.settings()
        settings.setValue("prepare/place", ui.placeEdit.text().strip())
        settings.setValue("prepare/recorder", ui.recorderEdit.text().strip())
        first_save = not ui.tabs.isTabEnabled(1)
        self._load_header()
        feedback.show_note(ui.headerMessage, self.tr("已保存。"))
        self.reload_agenda()
        ui.tabs.setTabEnabled(1, True)
        ui.tabs.setCurrentIndex(1 if first_save else 0)
        self.saved.emit(self.meeting_id)

    # ---- the agenda --------------------------------------------------------------------------

    def _build_agenda(self) -> None:
        ui = self.ui
        self.agenda_model: RowsModel[AgendaRow] = RowsModel([
            Column(self.tr("序号"), lambda r: str(r.spec.no)),
            Column(self.tr("议题"), lambda r: r.spec.title + (
                self.tr("（复议）") if r.carried_from_item_id else "") + (
                self.tr("（督办汇报）") if r.spec.reports_on else ""),
                   tooltip=lambda r: r.spec.reports_on.sentence if r.spec.reports_on else ""),
            Column(self.tr("类型"), lambda r: i18n.word(KINDS, r.spec.kind)),
            Column(self.tr("三重一大"), lambda r: self.tr("三重一大") if r.classification.major
                   else "", tooltip=lambda r: badge_text(r.classification),
                   badge=lambda r: r.classification.major),
            Column(self.tr("金额(元)"), lambda r: yuan(r.spec.amount) if r.spec.amount is not None
                   else ""),
            Column(self.tr("汇报人"), lambda r: self._names.get(r.spec.presenter_id or 0, "")),
            Column(self.tr("表决方式"), lambda r: i18n.word(VOTE_MODES, r.spec.vote_mode)
                   if r.spec.is_decision else "—"),
            Column(self.tr("材料"), lambda r: str(len(r.spec.materials)) if r.spec.materials
                   else "", tooltip=lambda r: "\n".join(r.spec.materials)),
        ], self)
        show_table(ui.agendaView, self.agenda_model, stretch=1)
        ui.agendaView.selectionModel().selectionChanged.connect(lambda *_: self._agenda_buttons())
        ui.agendaView.doubleClicked.connect(lambda _: self.edit_item())
        self.deferred_model: RowsModel[DeferredItem] = RowsModel([
            Column(self.tr("原会议"), lambda d: d.meeting_title),
            Column(self.tr("议题"), lambda d: self.tr("第 %1 项　").replace("%1", str(d.item_no))
                   + d.title),
            Column(self.tr("暂缓理由"), lambda d: d.reason, tooltip=lambda d: d.reason),
        ], self)
        show_table(ui.deferredView, self.deferred_model, stretch=2)
        ui.deferredView.selectionModel().selectionChanged.connect(
            lambda *_: ui.carryButton.setEnabled(selected_row(ui.deferredView) is not None))
        self.approved_model: RowsModel[Submission] = RowsModel([
            Column(self.tr("申报号"), lambda s: str(s.no)),
            Column(self.tr("议题"), lambda s: s.item.title, tooltip=lambda s: s.item.title),
            Column(self.tr("申报人"), lambda s: self._names.get(s.submitter_id, "")),
            Column(self.tr("材料送达"), lambda s: local_minute(s.materials_given)
                   if s.materials_given else self.tr("未登记")),
        ], self)
        show_table(ui.approvedView, self.approved_model, stretch=1)
        ui.approvedView.selectionModel().selectionChanged.connect(
            lambda *_: ui.scheduleButton.setEnabled(selected_row(ui.approvedView) is not None))
        ui.scheduleButton.clicked.connect(self.schedule_submission)
        feedback.reserve(ui.approvedNote, 1)  # a hint; a refusal takes the room it needs
        for view in (ui.approvedView, ui.deferredView):  # the agenda keeps the room left
            fit_rows(view, 3)
            view.setMaximumHeight(view.minimumHeight())
        ui.addItemButton.clicked.connect(self.add_item)
        ui.editItemButton.clicked.connect(self.edit_item)
        ui.upButton.clicked.connect(lambda: self.move_item(-1))
        ui.downButton.clicked.connect(lambda: self.move_item(+1))
        ui.removeItemButton.clicked.connect(self.remove_item)
        ui.attachButton.clicked.connect(self._choose_materials)
        ui.carryButton.clicked.connect(self.carry_over)
        ui.reportButton.clicked.connect(self.add_progress_report)
        feedback.clear(ui.agendaMessage)

    def reload_agenda(self, select: int | None = None) -> None:
        ui = self.ui
        if self.meeting_id is None:
            ui.agendaNote.setText(self.tr("保存会议信息后即可编排议程。"))
            return
        rows = self.desk.agenda(self.meeting_id)
        self.agenda_model.set_rows(rows)
        major = sum(1 for r in rows if r.classification.major)
        problem = next((r for r in rows if r.problem is not None), None)
        if problem is not None:  # e.g. the rules changed since the item was added
            feedback.show_error(ui.agendaNote, self.tr("第 %1 项需修改：").replace(
                "%1", str(problem.spec.no)) + i18n.message(problem.problem))
        else:
            feedback.show_note(ui.agendaNote, self.tr(
                "共 %1 项议题，其中“三重一大”事项 %2 项：须经班子会议集体讨论、逐项表决。"
                "选中议题可修改、调整顺序或附加材料。")
                .replace("%1", str(len(rows))).replace("%2", str(major)))
        ui.tabs.setTabText(1, self.tr("议程(&2)") + f"  {len(rows)}")
        select_row(ui.agendaView, lambda r: r.id == select)
        self._agenda_buttons()
        approved = self.desk.approved_submissions(self.unit_id)
        self.approved_model.set_rows(approved)
        ui.scheduleButton.setEnabled(False)
        feedback.show_note(ui.approvedNote, self.tr("没有已同意上会、待列入议程的申报议题。")
                           if not approved else self.tr("选中一项，列入本次议程。"))
        deferred = self.desk.deferred_items(self.unit_id)
        self.deferred_model.set_rows(deferred)
        ui.carryButton.setEnabled(False)
        ui.deferredNote.setText(self.tr("没有待复议的事项。") if not deferred else self.tr(
            "选中一项，列入本次议程；复议议题与原会议的记录相关联。"))

    def _agenda_buttons(self) -> None:
        """Buttons for the selected item, and its 三重一大 badge with the reasons."""
        row: AgendaRow | None = selected_row(self.ui.agendaView)
        why = badge_text(row.classification) if row is not None else ""
        if row is not None and row.problem is not None:
            feedback.show_error(self.ui.itemDetail, row.problem)
        elif why:
            feedback.show_error(self.ui.itemDetail, why)
        elif row is not None and row.spec.reports_on is not None:  # as the record will say
            feedback.show_note(self.ui.itemDetail, row.spec.reports_on.sentence)
        else:
            feedback.clear(self.ui.itemDetail)
        count = self.agenda_model.rowCount()
        for button in (self.ui.editItemButton, self.ui.removeItemButton, self.ui.attachButton):
            button.setEnabled(row is not None)
        self.ui.upButton.setEnabled(row is not None and row.spec.no > 1)
        self.ui.downButton.setEnabled(row is not None and row.spec.no < count)

    def _saved_item(self, item_id: int | None) -> None:
        feedback.clear(self.ui.agendaMessage)
        self.reload_agenda(select=item_id)
        assert self.meeting_id is not None
        self.saved.emit(self.meeting_id)

    def add_item(self) -> None:
        self._open_item(None)

    def edit_item(self) -> None:
        row: AgendaRow | None = selected_row(self.ui.agendaView)
        if row is not None:
            self._open_item(row)

    def _open_item(self, row: AgendaRow | None) -> None:
        assert self.meeting_id is not None
        decision_mode = next(t.decision_mode for t in self.types
                             if t.code == self.ui.typeCombo.currentData())
        dialog = ItemDialog(self.desk, self.unit_id, self.meeting_id, decision_mode, row, self)
        dialog.saved.connect(self._saved_item)
        dialog.open()

    def add_progress_report(self) -> None:
        """An item hearing how an earlier decision is being carried out (督办情况汇报, R14)."""
        assert self.meeting_id is not None
        dialog = ProgressReportDialog(self.desk, self.unit_id, self.meeting_id, self)
        dialog.saved.connect(self._saved_item)
        dialog.open()

    def move_item(self, step: int) -> None:
        row: AgendaRow | None = selected_row(self.ui.agendaView)
        if row is not None and self._attempt(self.desk.move_item, row.id, row.spec.no + step):
            self._saved_item(row.id)

    def remove_item(self) -> None:
        row: AgendaRow | None = selected_row(self.ui.agendaView)
        if row is not None and self._attempt(self.desk.remove_item, row.id):
            self._saved_item(None)

    def carry_over(self) -> None:
        """Put the selected deferred item on this agenda, linked to where it was deferred."""
        self._take_on(self.ui.deferredView, lambda meeting, d: self.desk.carry_over(
            meeting, d.item_id), self.ui.agendaMessage)

    def schedule_submission(self) -> None:
        """Take the selected approved submission onto this agenda; the notice rule (R13) may
        refuse it, and says why beside the list."""
        self._take_on(self.ui.approvedView, lambda meeting, s: self.desk.schedule_submission(
            meeting, s.no), self.ui.approvedNote)

    def _take_on(self, view: Any, add: Any, message: Any) -> None:
        """Add what is selected in `view` to the agenda, or say in `message` why not."""
        chosen = selected_row(view)
        if chosen is None or self.meeting_id is None:
            return
        try:
            item_id = add(self.meeting_id, chosen)
        except feedback.refusals() as error:
            feedback.show_error(message, error)
            view.setFocus()
            return
        self._saved_item(item_id)

    def _attempt(self, action: Any, *args: Any) -> bool:
        try:
            action(*args)
        except feedback.refusals() as error:
            feedback.show_error(self.ui.agendaMessage, error)
            return False
        return True

    def _choose_materials(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择会议材料"))
        if paths:
            self.attach_materials(paths)

    def attach_materials(self, paths: list[str]) -> None:
        """Copy the files into the program's storage and list them on the selected item."""
        row: AgendaRow | None = selected_row(self.ui.agendaView)
        if row is None:
            return
        progress = QProgressDialog(self.tr("正在复制会议材料…"), self.tr("停止"), 0, len(paths),
                                   self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        for done, path in enumerate(paths):
            if progress.wasCanceled():
                break
            progress.setValue(done)
            try:
                self.desk.attach_material(row.id, path)
            except feedback.refusals() as error:
                feedback.show_error(self.ui.agendaMessage, error)
                break
        else:
            feedback.show_note(self.ui.agendaMessage, self.tr("已附加 %1 份材料，已复制到本程序的存储中。")
                               .replace("%1", str(len(paths))))
        progress.setValue(len(paths))
        self.reload_agenda(select=row.id)


class ItemDialog(QDialog):
    """One agenda item. The 三重一大 badge and the rule checks (R1, R2) follow every keystroke;
    saving is the service's call, and its refusal keeps the dialog open with the reason."""

    saved = Signal(int)

    def __init__(self, desk: Desk, unit_id: int, meeting_id: int | None, decision_mode: str,
                 row: AgendaRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.meeting_id, self.row = desk, meeting_id, row
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.decision_mode = decision_mode
        self.rules = desk.rule_set(unit_id)
        # Every member, past ones too, for the rules; the present team to choose a presenter.
        self.members = {m.id: m for m in desk.members(unit_id, include_inactive=True)}
        self.division = desk.division_of_work(unit_id)
        self.ui: Any = build_form("item_dialog", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 9)
        layout.addWidget(screen_fit.scrollable(self.ui))  # 确定 stays in view below it
        layout.addWidget(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.setWindowTitle(self.tr("添加议题") if row is None else
                            self.tr("修改第 %1 项议题").replace("%1", str(row.spec.no)))
        screen_fit.fit(self, 760, 580)
        ui = self.ui
        for combo, vocabulary in ((ui.kindCombo, KINDS), (ui.categoryCombo, CATEGORIES),
                                  (ui.voteCombo, VOTE_MODES)):
            for code in vocabulary:
                combo.addItem(i18n.word(vocabulary, code), code)
        ui.fundCombo.addItem(self.tr("（不涉及）"), None)
        for code in FUND_TYPES:
            ui.fundCombo.addItem(i18n.word(FUND_TYPES, code), code)
        ui.areaCombo.addItem("")
        ui.areaCombo.addItems(list(dict.fromkeys([*default_settings()["portfolio_areas"],
                                                  *self.division])))
        ui.presenterCombo.addItem(self.tr("（未定）"), None)
        for m in desk.members(unit_id):
            ui.presenterCombo.addItem(f"{m.name}　{m.position}", m.id)
        self.candidates_model = TextTableModel(
            ("name", "current_post", "proposed_post"),
            (self.tr("姓名"), self.tr("现任职务"), self.tr("拟任职务")), self)
        show_table(ui.candidatesView, self.candidates_model, stretch=2)
        fit_rows(ui.candidatesView, 3)  # commonly one to three people at a time; more scroll
        ui.addCandidateButton.clicked.connect(self._add_candidate)
        ui.removeCandidateButton.clicked.connect(
            lambda: self.candidates_model.remove_row(ui.candidatesView.currentIndex().row()))
        self._fill(row.spec if row else None)
        # The category as the recorder chose it; the combo shows the one the domain settles
        # (R1: a major matter by its money is never a 一般事项), so the two never contradict.
        self._chosen_category: str = ui.categoryCombo.currentData()
        self._last_holder: int | None = None
        for signal in (ui.titleEdit.textChanged, ui.amountEdit.textChanged,
                       ui.areaCombo.currentTextChanged, ui.postsSpin.valueChanged):
            signal.connect(lambda _: self.check())
        for combo in (ui.kindCombo, ui.fundCombo, ui.presenterCombo, ui.voteCombo):
            combo.currentIndexChanged.connect(lambda _: self.check())
        ui.categoryCombo.currentIndexChanged.connect(lambda _: self._category_chosen())
        ui.areaCombo.currentTextChanged.connect(self._presenter_from_division)
        self.candidates_model.dataChanged.connect(lambda *_: self.check())
        self.check()

    def _fill(self, spec: ItemSpec | None) -> None:
        ui = self.ui
        if spec is None:
            ui.kindCombo.setCurrentIndex(ui.kindCombo.findData("decision"))
            ui.voteCombo.setCurrentIndex(ui.voteCombo.findData("hands"))
            ui.materialsLabel.setText(self.tr("保存议题后，可在议程中选中它并附加材料。"))
            return
        ui.titleEdit.setText(spec.title)
        ui.kindCombo.setCurrentIndex(ui.kindCombo.findData(spec.kind))
        ui.categoryCombo.setCurrentIndex(ui.categoryCombo.findData(spec.category))
        ui.amountEdit.setText("" if spec.amount is None else str(spec.amount))
        ui.fundCombo.setCurrentIndex(max(0, ui.fundCombo.findData(spec.fund_type)))
        ui.areaCombo.setCurrentText(spec.area)
        ui.presenterCombo.setCurrentIndex(max(0, ui.presenterCombo.findData(spec.presenter_id)))
        ui.voteCombo.setCurrentIndex(ui.voteCombo.findData(spec.vote_mode))
        self.candidates_model.set_rows([c.to_dict() for c in spec.candidates])
        ui.postsSpin.setValue(spec.posts or 0)
        ui.materialsLabel.setText(self.tr("材料：%1").replace(
            "%1", "、".join(spec.materials) or self.tr("无")))

    def fields(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "title": ui.titleEdit.text(), "kind": ui.kindCombo.currentData(),
            "category": self._chosen_category,
            "amount": ui.amountEdit.text().strip() or None,
            "fund_type": ui.fundCombo.currentData(), "area": ui.areaCombo.currentText().strip(),
            "presenter_id": ui.presenterCombo.currentData(),
            "vote_mode": ui.voteCombo.currentData(),
            "candidates": self.candidates_model.rows(),
            "posts": ui.postsSpin.value() or None,  # none: one post per candidate
        }

    def check(self) -> bool:
        """Ask the domain about the item as typed: show its 三重一大 badge and any objection."""
        ui = self.ui
        fields = self.fields()
        decision = fields["kind"] == "decision"
        ui.voteCombo.setEnabled(decision)
        ui.candidatesGroup.setVisible(fields["category"] == "appointment"
                                      or bool(fields["candidates"]))
        link = self.row.spec.reports_on if self.row is not None else None
        draft = fields | {"no": 1, "title": fields["title"].strip() or self.tr("（议题名称）"),
                          "reports_on": link.to_dict() if link else None}
        try:
            spec = ItemSpec.from_dict(draft)
        except feedback.refusals() as error:
            feedback.show_error(ui.checkLabel, error)
            self._show_badge(None)
            return False
        verdict = classify(spec, self.rules)
        self._show_badge(verdict)
        ui.categoryCombo.blockSignals(True)  # the domain's settling, not the recorder's choice
        ui.categoryCombo.setCurrentIndex(ui.categoryCombo.findData(verdict.category))
        ui.categoryCombo.blockSignals(False)
        try:
            check_item(spec, self.members, self.rules, self.decision_mode)
        except feedback.refusals() as error:
            feedback.show_error(ui.checkLabel, error)
            return False
        feedback.clear(ui.checkLabel)
        return True

    def _category_chosen(self) -> None:
        self._chosen_category = self.ui.categoryCombo.currentData()
        self.check()

    def _show_badge(self, verdict: Classification | None) -> None:
        text = badge_text(verdict) if verdict is not None else ""
        if text:
            feedback.show_error(self.ui.badgeLabel, text)
        else:
            feedback.clear(self.ui.badgeLabel)

    def _presenter_from_division(self, area: str) -> None:
        """The portfolio holder usually presents: suggest them until a presenter is chosen."""
        combo = self.ui.presenterCombo
        holder = self.division.get(area.strip())
        if combo.currentData() in (None, self._last_holder) and holder is not None:
            combo.setCurrentIndex(max(0, combo.findData(holder)))
            self._last_holder = holder

    def _add_candidate(self) -> None:
        row = self.candidates_model.add_row()
        index = self.candidates_model.index(row, 0)
        self.ui.candidatesView.setCurrentIndex(index)
        self.ui.candidatesView.edit(index)

    def save(self, fields: dict[str, Any]) -> int:
        """Store the item (a submission's dialog files it instead); returns its id."""
        assert self.meeting_id is not None
        if self.row is None:
            return self.desk.add_item(self.meeting_id, **fields)
        self.desk.update_item(self.row.id, **fields)
        return self.row.id

    def accept(self) -> None:
        try:
            item_id = self.save(self.fields())
        except feedback.refusals() as error:
            feedback.show_error(self.ui.checkLabel, error)
            return
        self.saved.emit(item_id)
        super().accept()
