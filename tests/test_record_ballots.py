"""The printed paper of a secret ballot, read back with poppler (pdftotext, pdffonts, pdfinfo):
the ballots of an appointment with fewer posts than candidates and of an item voted as a whole,
and the count forms with the domain's result in words."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from meeting_factory import APPOINT_ITEM, FUND_ITEM, Harness, start_payload
from meetingdesk.record.ballots import (ballots_of, count_forms_of, render_ballots,
                                        render_count_forms)
from test_record_pdf import squeeze

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def poppler(tool: str, pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, str(path), *(["-"] if tool == "pdftotext" else [])],
                          capture_output=True, text=True, check=True).stdout


def test_ballots_say_how_many_posts_and_fit_two_to_a_page(tmp_path: Path) -> None:
    h = Harness(start_payload([dict(APPOINT_ITEM, no=1, posts=1)]))
    h.open(absent={9: "出差"})
    h.discuss(1)
    pdf = render_ballots(ballots_of(h.meeting, 1, issued=8, first_serial=1))
    text = poppler("pdftotext", pdf, tmp_path)
    assert re.findall(r"编号：(\d+)", text) == [f"{n:03d}" for n in range(1, 9)]
    assert squeeze(text).count("划“同意”的人选超过1名的，本票作废。") == 8
    assert "Pages:           4" in poppler("pdfinfo", pdf, tmp_path)  # two ballots a page
    fonts = poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert fonts and all(row.split()[-5] == "yes" for row in fonts)


def test_count_forms_of_an_item_voted_as_a_whole(tmp_path: Path) -> None:
    h = Harness(start_payload([dict(FUND_ITEM, vote_mode="secret")]))
    h.open()
    h.discuss(1)
    h.paper_ballot(1, [{"None": "agree"}] * 6 + [{"None": "disagree"}, {}, None])
    text = squeeze(poppler("pdftotext", render_count_forms(count_forms_of(h.meeting, 1)),
                           tmp_path))
    assert "发出选票9张（编号001—009），收回9张，其中有效票8张，废票1张。" in text
    assert h.meeting.outcome(1, None).text_zh.replace(" ", "") in text
    assert text.count("监票人陈玥") == 2 and text.count("计票人赵燊") == 2  # both forms
