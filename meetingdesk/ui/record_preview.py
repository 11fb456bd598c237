"""The record's pages as images, for the preview and for printing, drawn by QtPdf (pdfium).

A long record has well over a hundred pages: the preview asks only for those in view.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

PREVIEW_DPI = 72
MAX_PRINT_DPI = 300


class PreviewUnavailable(RuntimeError):
    """The pages cannot be drawn or printed (message_zh / message_en say why)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message_zh, self.message_en = zh, en


def _document(pdf: bytes) -> QPdfDocument:
    document = QPdfDocument()
    buffer = QBuffer(document)  # owned by the document, which reads from it while it lives
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PreviewUnavailable(f"无法读取会议记录 PDF（{document.error().name}）。",
                                 f"Cannot read the record's PDF ({document.error().name}).")
    return document


def page_count(pdf: bytes) -> int:
    return _document(pdf).pageCount()


def page_images(pdf: bytes, dpi: int, first: int = 0, last: int = 0) -> list[QImage]:
    """Pages ``first``..``last`` (1-based; 0: from the first / to the last) at ``dpi``."""
    document = _document(pdf)
    first = max(first, 1)
    last = document.pageCount() if not last else min(last, document.pageCount())
    images = []
    for page in range(first - 1, last):
        points = document.pagePointSize(page)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        images.append(document.render(page, size))
    return images


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
