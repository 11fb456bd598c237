"""The county's 县里的证书 tab, driven as a user drives it (offscreen): a certificate issued from
a township's real request file, a unit's own certificate registered, one refused for naming
another unit, a wrong root passphrase refused, and the selected certificate revoked."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from meetingdesk.county.archive import open_archive
from meetingdesk.county.trust import create_root
from meetingdesk.record.signing import create_unit_certificate, load_p12
from meetingdesk.services import Desk
from meetingdesk.services.certificates import Certificates
from meetingdesk.ui.county.trust_tab import TrustTab

pytestmark = pytest.mark.gui
ROOT_PASSPHRASE = "象山县根证书口令"


@pytest.fixture
def tab(qtbot, tmp_path) -> TrustTab:
    archive = open_archive(tmp_path / "county.sqlite3", create=True)
    create_root(archive, "象山县", ROOT_PASSPHRASE)
    tab = TrustTab(archive)
    qtbot.addWidget(tab)
    tab.resize(1200, 500)
    tab.show()
    yield tab
    archive.close()


def answer(monkeypatch, *, open_path: Path | None = None, save_path: Path | None = None,
           texts: list[str] = ()) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(open_path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save_path), ""))
    given = iter(texts)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(given), True))


def column(tab: TrustTab, n: int) -> list[str]:
    return [tab.table.item(r, n).text() for r in range(tab.table.rowCount())]


def test_issue_register_and_revoke_from_the_tab(qtbot, tab, tmp_path, monkeypatch, sqlite_url):
    assert tab.root_label.text().startswith("县级根证书指纹（SHA-256）：")
    desk = Desk.open(sqlite_url)
    unit = desk.create_unit("东湖镇党委")
    request = tmp_path / "东湖镇党委.csr"
    request.write_bytes(Certificates(desk).request(unit, "单位口令"))
    desk.close()

    issued = tmp_path / "东湖镇党委.pem"
    answer(monkeypatch, open_path=request, save_path=issued, texts=["错的"])
    qtbot.mouseClick(tab.issue_button, Qt.MouseButton.LeftButton)
    assert "县级根证书口令不正确" in tab.message.text() and not issued.exists()
    answer(monkeypatch, open_path=request, save_path=issued, texts=[ROOT_PASSPHRASE])
    qtbot.mouseClick(tab.issue_button, Qt.MouseButton.LeftButton)
    assert f"已为“东湖镇党委”签发单位证书：{issued}。" in tab.message.text()
    assert x509.load_pem_x509_certificates(issued.read_bytes())[0].subject.rfc4514_string() \
        .endswith("CN=东湖镇党委")
    assert column(tab, 0) == ["东湖镇党委"] and column(tab, 1) == ["县里签发"]
    assert column(tab, 4) == ["有效"]

    own = tmp_path / "west.der"
    own.write_bytes(load_p12(create_unit_certificate("西湖镇党委", "x"), "x").signing_cert.dump())
    answer(monkeypatch, open_path=own, texts=["南湖镇党委"])
    qtbot.mouseClick(tab.register_button, Qt.MouseButton.LeftButton)
    assert "证书的名称（CN）是“西湖镇党委”，不是“南湖镇党委”" in tab.message.text()
    answer(monkeypatch, open_path=own, texts=["西湖镇党委"])
    qtbot.mouseClick(tab.register_button, Qt.MouseButton.LeftButton)
    assert "已登记“西湖镇党委”的单位证书。请与单位盖章的登记表逐组核对指纹。" in tab.message.text()
    assert column(tab, 0) == ["东湖镇党委", "西湖镇党委"]
    assert column(tab, 1) == ["县里签发", "县里登记"]

    assert not tab.revoke_button.isEnabled()  # nothing selected
    tab.table.selectRow(1)
    answer(monkeypatch, texts=["私钥遗失", ""])  # from now
    qtbot.mouseClick(tab.revoke_button, Qt.MouseButton.LeftButton)
    assert "已吊销“西湖镇党委”的证书。" in tab.message.text()
    status = column(tab, 4)
    assert status[0] == "有效" and status[1].startswith("自 ") and status[1].endswith("起吊销：私钥遗失")
    tab.table.selectRow(1)
    assert not tab.revoke_button.isEnabled()  # already revoked


def test_a_second_certificate_for_a_unit_is_issued_once_the_user_says_so(
        qtbot, tab, tmp_path, monkeypatch, sqlite_url):
    from PySide6.QtWidgets import QMessageBox

    desk = Desk.open(sqlite_url)
    unit = desk.create_unit("东湖镇党委")
    request = tmp_path / "东湖镇党委.csr"
    request.write_bytes(Certificates(desk).request(unit, "单位口令"))
    desk.close()
    for n, (button, rows) in enumerate(((None, 1), (QMessageBox.StandardButton.No, 1),
                                        (QMessageBox.StandardButton.Yes, 2))):
        answer(monkeypatch, open_path=request, save_path=tmp_path / f"{n}.pem",
               texts=[ROOT_PASSPHRASE])
        qtbot.mouseClick(tab.issue_button, Qt.MouseButton.LeftButton)
        if button is not None:
            [box] = [b for b in tab.findChildren(QMessageBox) if b.isVisible()]
            assert box.text().startswith("“东湖镇党委”已有有效的单位证书（指纹 ")
            box.button(button).click()
        assert column(tab, 0) == ["东湖镇党委"] * rows
