"""Child of tests/test_real_screen.py: start the real program (meetingdesk.ui.app.launch, the
QApplication and main window the `meetingdesk` command builds) on the X screen it is given,
open every window and dialog the program has, one after the other, measure each
(screen_probe.Probe) and report.

    python tests/screen_tour.py [--lang zh|en]

The data: the demo unit (a closed, signed meeting and one in progress) plus a meeting being
prepared, a meeting walked through every step of the console by the services (each page is
measured as the meeting reaches it) and a 乡镇长办公会 for the head's decision.
"""

from __future__ import annotations

import argparse
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QApplication, QDialog, QMessageBox, QTabWidget, QWidget,
                               QWizard)

from meetingdesk import paths
from meetingdesk.demo import build_demo
from meetingdesk.services import Desk
from screen_probe import Probe, menu_cuts, moved, positions, settle
from submitted import schedule_submitted  # tests/ is this script's folder

probe = Probe()
FUNDS = {"title": "拨付农业合作社补助资金", "kind": "decision", "category": "funds",
         "amount": "300000", "fund_type": "project", "area": "农业农村", "vote_mode": "hands"}
APPOINT = {"title": "推荐村党组织书记人选", "kind": "decision", "category": "appointment",
           "area": "党建", "vote_mode": "secret",
           "candidates": [{"name": "林玥", "current_post": "村委委员", "proposed_post": "村党支部书记"},
                          {"name": "何犇", "current_post": "村文书", "proposed_post": "村党支部副书记"}]}
PURCHASE = {"title": "采购乡机关办公设备", "kind": "decision", "amount": "38000",
            "fund_type": "regular", "area": "物资采购", "vote_mode": "hands"}
STUDY = {"title": "学习县委关于“一把手”监督的规定", "kind": "study"}


def make_data(db: Path) -> dict[str, int]:
    desk = Desk.open(str(db))
    try:
        unit = build_demo(desk)
        meetings = {row.status: row.id for row in desk.list_meetings(unit)}
        members = [m.id for m in desk.members(unit)]
        ids = {"unit": unit, "closed": meetings["closed"], "running": meetings["in_progress"]}
        # a correction voids the signatures: the record page then offers the pad to sign again
        desk.add_correction(meetings["closed"], "郑小玲", "记录笔误", "议题一的汇报时间应为九时。")
        for key, type_code, items in (("preparing", "party_committee", [FUNDS, APPOINT]),
                                      ("walk", "party_committee", [STUDY, FUNDS, APPOINT]),
                                      ("head", "head_office", [PURCHASE])):
            meeting = desk.create_meeting(unit, type_code, "2026-11-20T09:00:00+08:00",
                                          "乡政府三楼会议室", members[0], "郑小玲",
                                          observers=[{"name": "钱立", "position": "派驻纪检组长"}])
            for item in items:  # an appointment reaches an agenda only through a submission
                if item.get("category") == "appointment":  # by the area's portfolio holder
                    holder = desk.division_of_work(unit)[item["area"]]
                    schedule_submitted(desk, meeting, presenter_id=holder, **item)
                else:
                    desk.add_item(meeting, presenter_id=members[6], **item)
            ids[key] = meeting
        return ids
    finally:
        desk.close()


# ---- opening and measuring ---------------------------------------------------------------

def new_windows(before: set[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]


def opened(key: str, action: Callable[[], Any], close: bool = True) -> QWidget | None:
    """Run `action`, measure the top-level window it opened, close it again."""
    before = set(QApplication.topLevelWidgets())
    try:
        result = action()
        settle(100)
        window = result if isinstance(result, QWidget) and result.isWindow() else None
        fresh = new_windows(before)
        if window is None or not window.isVisible():
            window = fresh[-1] if fresh else None
        if window is None:
            raise RuntimeError("no window opened")
        probe.measure(key, window)
        if close:
            shut(window)
        return window
    except Exception as error:  # one window's failure must not hide the others'
        probe.fail(key, error)
        traceback.print_exc()
        return None


def shut(window: QWidget) -> None:
    if isinstance(window, QDialog):
        window.reject()
    window.close()
    settle(50)


def blocking(key: str, action: Callable[[], Any]) -> None:
    """A dialog run with exec() (QFileDialog.getOpenFileName, QInputDialog.getText): measured
    from a timer inside its event loop, then cancelled."""
    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible() or modal.width() == 0:  # not laid out yet
            QTimer.singleShot(50, look)
            return
        try:
            probe.measure(key, modal)
        except Exception as error:
            probe.fail(key, error)
        if isinstance(modal, QDialog):
            modal.reject()

    QTimer.singleShot(50, look)
    try:
        action()
    except Exception as error:
        probe.fail(key, error)
    settle(50)


def dialogs_of(parent: QWidget) -> list[QDialog]:
    return [d for d in parent.findChildren(QDialog) if d.isVisible()]


# ---- the tour ----------------------------------------------------------------------------

def tour_main(window: Any, ids: dict[str, int]) -> None:
    probe.measure("main", window)
    bar = window.menuBar()
    cuts = []
    for action in bar.actions():
        menu = action.menu()
        menu.popup(bar.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
        settle(100)
        cuts += menu_cuts(menu)
        probe.shot(f"menu-{bar.actions().index(action)}")
        menu.hide()
    probe.extra["menu_cuts"] = cuts
    opened("about", window.about)
    opened("prepare:new", window.new_meeting)
    window.show_meeting(ids["preparing"])
    prepare = opened("prepare:existing", window.prepare_meeting, close=False)
    if prepare is not None:
        prepare.ui.agendaView.selectRow(0)
        opened("item:edit", prepare.edit_item)
        opened("item:new", prepare.add_item)
        opened("prepare:report", prepare.add_progress_report)  # the demo has tasks to report on
        blocking("file:materials", prepare.ui.attachButton.click)
        shut(prepare)
    window.show_meeting(ids["preparing"])
    cancel = opened("cancel", window.cancel_meeting, close=False)
    if cancel is not None:
        jump("cancel: refused without a reason", cancel, cancel.accept)
        shut(cancel)
    submissions = opened("submissions", window.open_submissions, close=False)
    if submissions is not None:
        submissions.ui.actorCombo.setCurrentIndex(2)  # a member chosen: the dialog may open
        opened("submission:new", submissions.ui.newButton.click)
        shut(submissions)
    opened("followup", window.open_followup)
    settings = opened("settings", window.unit_settings, close=False)
    if settings is not None:
        tabs = settings.findChild(QTabWidget)
        for index in range(1, tabs.count() if tabs else 0):
            tabs.setCurrentIndex(index)
            opened_again(f"settings:tab{index}", settings)
        if tabs is not None:
            tabs.setCurrentIndex(0)
        import_button = next((b for b in settings.findChildren(QWidget, "importButton")), None)
        if import_button is not None:
            blocking("file:roster", import_button.click)
        shut(settings)


def jump(key: str, window: QWidget, action: Callable[[], Any]) -> None:
    """Which controls move when `action` shows (or takes away) a message (point 12)."""
    before = positions(window)
    action()
    settle(150)
    probe.extra.setdefault("jumps", {})[key] = moved(before, positions(window))


def opened_again(key: str, window: QWidget) -> None:
    settle(50)
    probe.measure(key, window)


def tour_wizard(window: Any) -> None:
    wizard = opened("wizard:unit", window.setup_unit, close=False)
    if not isinstance(wizard, QWizard):
        return
    try:
        wizard.unit_page.ui.nameEdit.setText("试验乡党委")
        wizard.next()
        settle(100)
        desk = window.desk
        desk.add_member(wizard.unit_id, "王建堃", "党委书记", 1, True)
        desk.add_member(wizard.unit_id, "李犇", "党委副书记、乡长", 2, False)
        wizard.members_page.panel.reload()
        opened_again("wizard:members", wizard)
        wizard.next()
        opened_again("wizard:division", wizard)
        wizard.next()
        opened_again("wizard:rules", wizard)
    except Exception as error:
        probe.fail("wizard", error)
        traceback.print_exc()
    shut(wizard)


def tour_record(window: Any, ids: dict[str, int]) -> None:
    window.show_meeting(ids["closed"])
    record = opened("record", window.view_record, close=False)
    if record is None:
        return
    # the window selects the first who has not signed: the pad opens for them (for one who
    # has, the page says so instead)
    for key, action in (("record:correction", record.add_correction),
                        ("record:sign", record.sign), ("record:print", record.print_record)):
        opened(key, lambda action=action: (action(), settle(100),
                                           (dialogs_of(record) or [None])[-1])[-1])
    blocking("file:export-pdf", record.export_pdf)
    blocking("file:import-certificate", record.import_certificate)
    blocking("input:passphrase", record.new_certificate)
    shut(record)


def tour_console(window: Any, ids: dict[str, int], desk: Desk) -> None:
    window.show_meeting(ids["running"])
    console = opened("console:running", window.run_meeting, close=False)
    if console is None:
        return
    for key, make in (("console:arrival", console.arrival_dialog),
                      ("console:leave", console.leave_dialog),
                      ("console:written", lambda: console.written_dialog(None)),
                      ("console:remark", lambda: console.remark_dialog(console.state.chair_id)),
                      ("console:recusal", lambda: console.recusal_dialog(console.step.item_no)),
                      ("console:defer", lambda: console.defer_dialog(console.state.open_item)),
                      ("console:order", lambda: console.order_dialog(console.state.open_item))):
        opened(key, lambda make=make: getattr(make(), "dialog", None))
    console.tabs.setCurrentIndex(1)
    console.entries_view.selectRow(0)
    opened("console:amend", lambda: getattr(console.amend_selected(), "dialog", None))
    console.tabs.setCurrentIndex(0)
    shut(console)
    walk(window, ids, desk)


def walk(window: Any, ids: dict[str, int], desk: Desk) -> None:
    """A meeting taken step by step through the services; its console measured on each page."""
    from meetingdesk.ui.clock_dialog import ClockCheck
    from meetingdesk.ui.console_revisions import reconsider_dialog
    for key in ("walk", "head"):
        meeting = ids[key]
        window.show_meeting(meeting)
        console = opened(f"console:{key}", window.run_meeting, close=False)
        if console is None:
            continue
        question = desk.clock_question(meeting)
        if question is not None:
            def clock_check() -> QWidget:
                check = ClockCheck(console, question, False, lambda *_: None)
                check.open()
                return check.dialog
            opened("clock", clock_check)
        seen: set[str] = set()
        for _ in range(200):
            state = desk.meeting(meeting)
            step = state.next_step()
            console.refresh()
            page = console.page.widget_name
            if page not in seen:
                seen.add(page)
                opened_again(f"console:{key}:{page}", console)
                if page == "reportPage":
                    jump("console: a refusal shown", console,
                         lambda: console.show_message("请填写“不同意”的依据和理由。"))
                    jump("console: the refusal cleared", console,
                         lambda: console.show_message(""))
            if step.code == "sign":
                break
            if step.code == "close":
                opened(f"console:{key}:confirm-close", console.confirm_close)
                if key == "walk" and state.reconsiderable():
                    opened("console:reconsider",
                           lambda: getattr(reconsider_dialog(console), "dialog", None))
            try:
                advance(desk, meeting, state, step)
            except Exception as error:
                probe.fail(f"walk {key} at {step.code}", error)
                break
        shut(console)


def advance(desk: Desk, m: int, state: Any, step: Any) -> None:
    """The obvious next entry for the step (everyone agrees, nobody is missing)."""
    n, code = step.item_no, step.code
    if code == "start":
        desk.start_meeting(m)
    elif code == "roll_call":
        desk.mark_present(m, step.pending[0])
    elif code == "open_session":
        desk.open_session(m)
    elif code == "open_item":
        desk.open_item(m, n)
    elif code == "report":
        desk.report(m, n, state.items[n].spec.presenter_id or state.chair_id, "汇报：情况如下。")
    elif code == "conclude":
        desk.conclude_item(m, n, "会议认真学习，要求严格执行。")
    elif code in ("opinions", "head_decision"):
        item = state.items[n]
        member = step.pending[0]
        if code == "head_decision":
            desk.head_decide(m, n, member, "agree", "同意。")
        elif item.spec.candidates:
            desk.record_opinion(m, n, member, None, "同意两位人选。", per_candidate=[
                {"candidate": k, "stance": "agree", "reason": ""}
                for k in range(1, len(item.spec.candidates) + 1)])
        else:
            desk.record_opinion(m, n, member, "agree", "同意。")
    elif code == "vote":
        for member in step.pending:
            desk.cast_vote(m, n, member, "agree")
    elif code == "issue_ballots":
        voters = len(step.pending) or len(state.present())
        present = state.present()
        desk.issue_ballots(m, n, voters, [present[1]], [present[2]])
    elif code == "count_ballots":
        item = state.items[n]
        issued = item.ballots_issued["issued"] if isinstance(item.ballots_issued, dict) \
            else len(state.present())
        marks = {str(k): "agree" for k in range(1, len(item.spec.candidates) + 1)}
        desk.count_ballots(m, n, issued, [{"marks": marks} for _ in range(issued)])
    elif code == "decide":
        desk.decide(m, n, "会议同意。")
    elif code == "close":
        desk.close_meeting(m)
    else:
        raise RuntimeError(f"the tour does not know the step {code}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--only", default="", help="main,record,console (default: all)")
    args = parser.parse_args()
    db = paths.user_data_dir() / "tour.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    ids = make_data(db)
    probe.extra["ids"] = ids

    from meetingdesk.ui.app import launch
    app, window = launch(str(db), args.lang)
    done: list[bool] = []
    window.ready.connect(lambda: done.append(True))
    while not done:
        settle(50)
    settle(200)
    probe.extra["first_main"] = {"frame": window.frameGeometry().getRect()}
    parts = set(filter(None, args.only.split(","))) or {"main", "record", "console"}
    try:
        if "main" in parts:
            tour_main(window, ids)
        if "record" in parts:
            tour_record(window, ids)
        if "console" in parts:
            tour_console(window, ids, window.desk)
        if "main" in parts:
            tour_wizard(window)  # last: the main window then shows the new unit
    except Exception as error:
        probe.fail("tour", error)
        traceback.print_exc()
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            probe.errors.append(f"message left open: {box.text()}")
    probe.report()
    window.close()
    window.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
