"""The registration form (单位数字证书登记表) the township prints, signs and seals: one A4 page
with the unit, the certificate, its fingerprint in groups and a QR code that reads as the
fingerprint, and the places for signatures and the seal; read back with poppler, the QR code
read module by module from the rendered page."""

from __future__ import annotations

import hashlib
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import qrcode
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from PIL import Image

from test_county_trust import UNIT, county, env, issued, run, township  # noqa: F401 - fixtures

DPI = 200


def scanned_qr(pdf: Path, modules: int, tmp_path: Path) -> list[list[bool]]:
    """The QR code beside the label 指纹二维码, read from the page rendered at DPI: the dark
    modules' bounding box cut into ``modules`` squares, each read at its centre."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    label = next(w for w in ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html)).iter()
                 if w.tag.endswith("word") and w.text == "指纹二维码")
    middle = (float(label.get("yMin")) + float(label.get("yMax"))) / 2
    left = float(label.get("xMax")) + 40  # past the table's column line
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    page = Image.open(tmp_path / "page.png").convert("L")
    scale = DPI / 72
    box = page.crop((int(left * scale), int((middle - 55) * scale), int(400 * scale),
                     int((middle + 55) * scale)))
    dark = box.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert dark is not None, "no QR code beside its label"
    x0, y0, x1, y1 = dark
    step = (x1 - x0) / modules
    assert abs((y1 - y0) / modules - step) < 0.5, "the QR code is not square"
    return [[box.getpixel((int(x0 + (x + 0.5) * step), int(y0 + (y + 0.5) * step))) < 128
             for x in range(modules)] for y in range(modules)]


def test_the_form_shows_the_certificate_and_its_qr_code_reads_as_the_fingerprint(
        county, township, tmp_path):
    url, _ = township
    issued(county, url, tmp_path)
    form, public = tmp_path / "登记表.pdf", tmp_path / "public.pem"
    code, out = run("cert", "form", "--out", form, "--db", url, "--passphrase-env", "UNIT_PASS")
    assert code == 0 and f"已写出“{UNIT}”的单位数字证书登记表：{form}" in out, out
    assert run("cert", "export", "--out", public, "--db", url,
               "--passphrase-env", "UNIT_PASS")[0] == 0
    cert = x509.load_pem_x509_certificates(public.read_bytes())[0]
    fingerprint = hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()
    groups = [fingerprint[i:i + 4] for i in range(0, 64, 4)]

    info = subprocess.run(["pdfinfo", str(form)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "(A4)" in info, info
    fonts = subprocess.run(["pdffonts", str(form)], capture_output=True, text=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts  # embedded
    text = subprocess.run(["pdftotext", "-layout", str(form), "-"], capture_output=True,
                          text=True).stdout
    for expected in ("单位数字证书登记表", f"单位名称 {UNIT}", f"CN={UNIT}, O={UNIT}, C=CN",
                     "象山县县级备案根证书（签发机构）", " ".join(groups[:8]),
                     " ".join(groups[8:]), "经办人（签名）", "负责人（签名）", "单位（盖章）",
                     f"{cert.not_valid_after_utc.year}年"):
        assert expected in re.sub(r" +", " ", text), (expected, text)

    code = qrcode.QRCode(border=0)
    code.add_data(fingerprint.upper())
    code.make(fit=True)
    expected = code.get_matrix()
    assert scanned_qr(form, len(expected), tmp_path) == expected
