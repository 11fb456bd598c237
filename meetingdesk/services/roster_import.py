"""Importing a unit's roster (班子成员名单) from a CSV or XLSX file.

Every bad row is reported by its line number (the spreadsheet's row number), and a file with any
error imports nothing. Rows are validated by the domain (Member.from_dict, check_new_chief) and
stored through Desk.add_members in one transaction.

The first non-empty row is the header. Columns are found by name, in Chinese or English:
姓名/name (required), 职务/position, 排序/rank (the order of seniority, 1 = the most senior; without
this column the file's order is used), 一把手/chief (是/否).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdesk.domain import DomainError, Member, check_new_chief

if TYPE_CHECKING:
    from .desk import Desk

COLUMNS = {
    "name": ("姓名", "name"),
    "position": ("职务", "position"),
    "rank": ("排序", "序号", "rank", "order"),
    "chief": ("一把手", "主要负责人", "chief", "is_chief"),
}
YES = {"是", "√", "✓", "1", "true", "yes", "y"}
NO = {"", "否", "0", "false", "no", "n"}


@dataclass(frozen=True)
class RosterProblem:
    line: int  # 0: the file as a whole
    message_zh: str
    message_en: str


class RosterError(Exception):
    """The roster file has errors; nothing was imported."""

    def __init__(self, problems: list[RosterProblem]) -> None:
        self.problems = problems
        zh = [p.message_zh if p.line == 0 else f"第 {p.line} 行：{p.message_zh}" for p in problems]
        en = [p.message_en if p.line == 0 else f"line {p.line}: {p.message_en}" for p in problems]
        self.message_zh = (f"名单文件有 {len(problems)} 处错误，未导入任何成员：\n"
                           + "\n".join(zh))
        self.message_en = (f"The roster file has {len(problems)} error(s); no member was "
                           "imported:\n" + "\n".join(en))
        super().__init__(self.message_zh)


def import_roster(desk: "Desk", unit_id: int, path: str | Path) -> list[int]:
    """Add every member listed in the file to the unit, or none; returns the new ids."""
    members = parse_roster(path, desk.members(unit_id))
    return desk.add_members(unit_id, [m.to_dict() for m in members])


def parse_roster(path: str | Path, existing: list[Member]) -> list[Member]:
    """The members listed in the file, checked against the unit's current team; raises
    RosterError naming every bad row."""
    rows = _read(Path(path))
    header_at = next((i for i, (_, cells) in enumerate(rows) if any(cells)), None)
    if header_at is None:
        raise RosterError([_problem(0, DomainError(
            "BAD_VALUE", field="名单文件", field_en="roster file", value="空文件 / empty"))])
    header_line, header = rows[header_at]
    columns = _columns(header)
    if "name" not in columns:
        raise RosterError([_problem(header_line, DomainError(
            "BAD_VALUE", field="表头", field_en="header",
            value="缺少“姓名”列 / no 'name' column"))])
    team = list(existing)
    next_rank = max((m.rank for m in existing), default=0) + 1
    members: list[Member] = []
    problems: list[RosterProblem] = []
    for line, cells in rows[header_at + 1:]:
        if not any(cells):
            continue
        def cell(key: str) -> str:
            index = columns.get(key)
            return cells[index] if index is not None and index < len(cells) else ""
        try:
            rank: Any = _rank(cell("rank")) if "rank" in columns else next_rank
            member = Member.from_dict({"id": -line, "name": cell("name"),
                                       "position": cell("position"), "rank": rank,
                                       "is_chief": _chief(cell("chief"))})
            check_new_chief(team, member)
        except DomainError as error:
            problems.append(_problem(line, error))
            continue
        team.append(member)
        members.append(member)
        next_rank += 1
    if problems:
        raise RosterError(problems)
    if not members:
        raise RosterError([_problem(0, DomainError(
            "BAD_VALUE", field="名单文件", field_en="roster file",
            value="没有成员 / no members"))])
    return members


def _problem(line: int, error: DomainError) -> RosterProblem:
    return RosterProblem(line, error.message_zh, error.message_en)


def _read(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells as text) for every row of the file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(path)
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
    except (OSError, ValueError, KeyError) as error:  # unreadable, not a workbook, bad zip
        raise RosterError([_problem(0, DomainError(
            "BAD_VALUE", field="名单文件", field_en="roster file",
            value=f"{path.name}: {error}"))]) from error
    raise RosterError([_problem(0, DomainError(
        "BAD_VALUE", field="名单文件", field_en="roster file",
        value=f"{path.name}（只支持 CSV、XLSX / only CSV or XLSX）"))])


def _read_csv(path: Path) -> list[tuple[int, list[str]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")  # what Excel writes on a Chinese Windows
    reader = csv.reader(text.splitlines())
    return [(reader.line_num, [c.strip() for c in row]) for row in reader]


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # only when a workbook is imported

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [(line, [_cell_text(v) for v in values])
                for line, values in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a rank typed as 3 comes back as 3.0
    return str(value).strip()


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        title = title.strip().lower()
        for key, names in COLUMNS.items():
            if title in names and key not in found:
                found[key] = index
    return found


def _rank(text: str) -> Any:
    """The rank as an integer when it is one; otherwise as typed, for the domain to refuse."""
    return int(text) if text.isdigit() else text


def _chief(text: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise DomainError("BAD_VALUE", field="一把手", field_en="chief",
                      value=f"{text}（应填“是”或“否” / yes or no）")
