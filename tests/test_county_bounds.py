"""Numbers the county must hold and show as the record says: a meeting's number within the
domain's ceiling (the gaps view lists missing numbers as runs), and amounts in yuan to the
fen (the index keeps fen). A log beyond either is refused by the rules replay, with the rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from county_packages import UNIT, new_archive, stick  # noqa: F401 (fixture)
from meetingdesk.county.completeness import completeness
from meetingdesk.county.receipt import ACCEPTED, REFUSED, receive
from meetingdesk.county.trust import add_certificate
from meetingdesk.record.signing import create_unit_certificate, load_p12
from package_forge import parts, refit, write
from test_county_attack import KEY, forge
from test_export_cli import rehashed


@pytest.fixture(scope="module")
def unit_p12() -> bytes:
    """A certificate the county registered for UNIT: the unit's own key, in the unit's hands."""
    return create_unit_certificate(UNIT, KEY)


@pytest.fixture
def archive(db_url, stick, unit_p12):
    db = new_archive(db_url, stick.certificate)
    with db.session(write=True) as session:
        add_certificate(session, UNIT, load_p12(unit_p12, KEY).signing_cert.dump(), "registered")
    yield db
    db.close()


def numbered(number: int) -> Callable[[list[dict]], None]:
    def edit(events: list[dict]) -> None:
        events[0]["payload"]["number"] = number
    return edit


def amount_of(amount: str) -> Callable[[list[dict]], None]:
    def edit(events: list[dict]) -> None:
        events[0]["payload"]["agenda"][0].update(amount=amount, fund_type="regular")
    return edit


def edited_log(source: Path, target: Path, edit: Callable[[list[dict]], None]) -> Path:
    """``source`` with its log edited and re-hashed, the rest refitted: what a forger makes of
    a log the township's program itself would refuse to replay."""
    files = parts(source)
    events = json.loads(files["events.json"])
    edit(events)
    files["events.json"] = json.dumps(rehashed(events), ensure_ascii=False).encode()
    write(target, refit(files))
    return target


def test_the_highest_number_reads_as_one_run_of_missing_numbers(archive, stick, unit_p12,
                                                                tmp_path):
    """Before, a record numbered 3,000,000 made the unit's line 23 MB of "缺号 1, 2, 3, …"."""
    [filed] = receive(archive, [forge(stick.first, tmp_path / "n.mdpkg", unit_p12,
                                      numbered(999))]).outcomes
    assert filed.status == ACCEPTED
    [group] = completeness(archive)
    assert group.line().startswith(f"{UNIT} 党委会 2026年：已备案 999；缺号 1–998（998 个）；")
    assert "MISSING 1–998 (998)" in group.line("en")


@pytest.mark.parametrize("number", [1000, 3_000_000, 2 ** 31])
def test_a_number_beyond_the_ceiling_is_refused_by_the_rules(archive, stick, tmp_path, number):
    """2**31 once overflowed PostgreSQL's integer out of the receipt (no 回执 for the batch)."""
    big = edited_log(stick.first, tmp_path / "big.mdpkg", numbered(number))
    batch = receive(archive, [big, stick.third])
    assert [o.status for o in batch.outcomes] == [REFUSED, ACCEPTED]
    assert f"违反会议规则：会议编号 {number} 超出上限" in batch.outcomes[0].line()


def test_an_amount_finer_than_the_fen_is_refused_not_rounded(archive, stick, unit_p12, tmp_path):
    """49,999.999 yuan was filed as 50,000.00 on an item marked minor, and the "just under the
    threshold" signal missed it."""
    package = edited_log(stick.first, tmp_path / "amount.mdpkg", amount_of("49999.999"))
    [outcome] = receive(archive, [package]).outcomes
    assert outcome.status == REFUSED
    assert "金额以元为单位，最多两位小数（到分）：49999.999" in outcome.line()
    fen = forge(stick.first, tmp_path / "fen.mdpkg", unit_p12, amount_of("49999.99"))
    assert receive(archive, [fen]).outcomes[0].status == ACCEPTED
