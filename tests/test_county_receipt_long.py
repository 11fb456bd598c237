"""The 回执 of a batch holding a package refused for hundreds of reasons (no key needed to make
one): the batch still gets its receipt, and the receipt stays readable."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from sqlalchemy import select

from county_packages import new_archive, stick  # noqa: F401 (fixture)
from meetingdesk.county.models import ReceiptBatch
from meetingdesk.county.receipt import ACCEPTED, REFUSED, receive
from package_forge import parts, write


def listing_missing_parts(source: Path, target: Path, count: int) -> Path:
    """``source`` with its manifest listing ``count`` material files it does not hold: no key
    needed; each is a reason of its own (清单对文件 … 的描述有误)."""
    files = parts(source)
    manifest = json.loads(files["manifest.json"])
    model = dict(manifest["parts"][0])
    manifest["parts"] += [{**model, "path": f"attachments/{k:02d}_说明材料.pdf",
                           "role": "attachment", "name": "说明材料.pdf"}
                          for k in range(1, count + 1)]
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    write(target, files)
    return target


def test_a_package_refused_for_hundreds_of_reasons_still_gets_its_batch_a_receipt(
        db_url, stick, tmp_path):
    """The 回执 is a table whose rows cannot break across pages; one refused package's reasons
    taller than a page raise reportlab's LayoutError out of receive(), after the genuine
    package of the batch was filed: the batch is stored without a 回执, the command ends in a
    traceback and the window in an error."""
    archive = new_archive(db_url, stick.certificate)
    tall = listing_missing_parts(stick.first, tmp_path / "tall.mdpkg", 300)
    batch = receive(archive, [stick.third, tall])
    assert [o.status for o in batch.outcomes] == [ACCEPTED, REFUSED]
    with archive.session() as session:
        pdf = session.scalars(select(ReceiptBatch.receipt_pdf)).one()
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert "另有281条原因" in "".join(text.split())  # 301 reasons: 20 printed, the rest counted
    archive.close()
