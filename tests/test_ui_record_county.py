"""The record page's 县里的证书 menu, driven as a user drives it (offscreen): a request file for
the county, the certificate the county issued from it imported, the registration form saved;
a wrong passphrase refused in words with nothing written."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from meetingdesk.county.archive import open_archive
from meetingdesk.county.trust import create_root, issue_certificate, root_fingerprint
from meetingdesk.record.trust import fingerprint_lines
from meetingdesk.demo import DEMO_PASSPHRASE, UNIT_NAME
from meetingdesk.services.certificates import Certificates
from test_ui_record import closed, desk, window  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


def choose(action: str, window, monkeypatch, path: Path, passphrase: str = DEMO_PASSPHRASE
           ) -> None:
    """Pick ``action`` from the menu, answering its file and passphrase dialogs."""
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (passphrase, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    [chosen] = [a for a in window.button("countyButton").menu().actions() if a.text() == action]
    chosen.trigger()


def test_request_import_and_form_from_the_record_page(qtbot, window, desk, tmp_path,
                                                      monkeypatch):
    assert [a.text() for a in window.button("countyButton").menu().actions()] == [
        "向县里申请证书…", "导入县里签发的证书…", "打印证书登记表…"]
    request = tmp_path / "申请.csr"
    choose("向县里申请证书…", window, monkeypatch, request, "错的口令")
    assert "单位证书口令不正确" in window.message.text() and not request.exists()
    choose("向县里申请证书…", window, monkeypatch, request)
    assert f"已写出证书申请：{request}。请交县里签发。" in window.message.text()
    csr = x509.load_pem_x509_csr(request.read_bytes())
    assert csr.is_signature_valid and UNIT_NAME in csr.subject.rfc4514_string()

    archive = open_archive(tmp_path / "county.sqlite3", create=True)
    create_root(archive, "象山县", "象山县根证书口令")
    issued = tmp_path / "issued.pem"
    issue_certificate(archive, request.read_bytes(), "象山县根证书口令", issued.write_bytes)
    root = root_fingerprint(archive)
    archive.close()
    # The first import shows the county root's fingerprint to check; 否 imports nothing.
    for button, imported in ((QMessageBox.StandardButton.No, False),
                             (QMessageBox.StandardButton.Yes, True)):
        choose("导入县里签发的证书…", window, monkeypatch, issued)
        [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert box.windowTitle() == "核对县级根证书"
        assert "证书由“象山县县级备案根证书”签发" in box.text()
        assert "\n".join(fingerprint_lines(root)) in box.text()
        box.button(button).click()
        now = Certificates(desk).current(window.info.unit_id, DEMO_PASSPHRASE)
        assert now.self_made is not imported
    assert "已导入县里签发的证书（签发者：象山县县级备案根证书）" in window.message.text()
    now = Certificates(desk).current(window.info.unit_id, DEMO_PASSPHRASE)
    assert not now.self_made and now.issuer == "象山县县级备案根证书"

    form = tmp_path / "登记表.pdf"
    choose("打印证书登记表…", window, monkeypatch, form)
    assert f"已写出登记表：{form}" in window.message.text()
    text = subprocess.run(["pdftotext", str(form), "-"], capture_output=True, text=True).stdout
    assert now.sha256[:4] in text and UNIT_NAME in text
