"""The record's pages as images, for the preview and for printing.

PySide6-Essentials has no QtPdf (QPdfDocument and QPdfView come with PySide6-Addons), so the
pages are rasterised by poppler's pdftoppm, a range of pages at a time (a long record has well
over a hundred pages: the preview renders those in view). Without pdftoppm the preview says so
and printing is unavailable; export and verification do not need it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from pyhanko.pdf_utils.reader import PdfFileReader

PREVIEW_DPI = 72
MAX_PRINT_DPI = 300


class PreviewUnavailable(RuntimeError):
    """pdftoppm is missing or failed (message_zh / message_en say so)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message_zh, self.message_en = zh, en


def page_count(pdf: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


def page_images(pdf: bytes, dpi: int, first: int = 0, last: int = 0) -> list[QImage]:
    """Pages ``first``..``last`` (1-based; 0: from the first / to the last) at ``dpi``."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PreviewUnavailable(
            "预览和打印需要 poppler-utils（pdftoppm），本机未安装；导出的 PDF 可用其他阅读器查看、打印。",
            "Preview and printing need poppler-utils (pdftoppm), which is not installed; "
            "open an exported PDF in another reader to view or print it.")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "record.pdf"
        source.write_bytes(pdf)
        command = [tool, "-r", str(dpi), "-png"]
        if first:
            command += ["-f", str(first)]
        if last:
            command += ["-l", str(last)]
        try:
            subprocess.run([*command, str(source), str(Path(tmp) / "page")], check=True,
                           capture_output=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PreviewUnavailable(f"pdftoppm 无法生成预览：{exc}",
                                     f"pdftoppm could not render the pages: {exc}") from exc
        pages = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [QImage(str(p)) for p in pages]


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print the pages the printer's settings ask for; returns how many were printed."""
    images = page_images(pdf, min(printer.resolution(), MAX_PRINT_DPI),
                         printer.fromPage(), printer.toPage())
    painter = QPainter()
    if not painter.begin(printer):
        raise PreviewUnavailable("无法开始打印：打印机不可用。", "Cannot print: the printer is not available.")
    try:
        for n, image in enumerate(images):
            if n:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
    finally:
        painter.end()
    return len(images)
