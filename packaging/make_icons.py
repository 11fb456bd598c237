"""Render the application icon (resources/icons/meetingdesk.svg) to PNG sizes and a Windows .ico.

    python packaging/make_icons.py png DIR [SIZE ...]   # DIR/SIZExSIZE/apps/meetingdesk.png (hicolor)
    python packaging/make_icons.py ico FILE             # one .ico holding 16 ... 256 px images
    python packaging/make_icons.py app                  # resources/icons/meetingdesk.png and .ico

Run `app` after changing the SVG: the 256 px PNG (the window icon) and the .ico (the Windows
program's and installer's icon) are kept in git. packaging/build_deb.py renders the hicolor
icons of the menu entry at build time. Renders
with Qt's SVG module (PySide6, already a dependency), offscreen.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "meetingdesk.svg"
APP_PNG = ROOT / "resources" / "icons" / "meetingdesk.png"
APP_ICO = ROOT / "resources" / "icons" / "meetingdesk.ico"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int) -> bytes:
    """The icon at ``size`` x ``size`` pixels, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        render_png.app = QGuiApplication([sys.argv[0]])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """A Windows icon file with one PNG-compressed image per size (Windows Vista and later)."""
    images = [render_png(s) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in zip(sizes, images):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def write_hicolor(folder: Path, sizes: tuple[int, ...] = HICOLOR_SIZES) -> list[Path]:
    """folder/NxN/apps/meetingdesk.png for each size, and folder/scalable/apps/meetingdesk.svg."""
    written = []
    for size in sizes:
        target = folder / f"{size}x{size}" / "apps" / "meetingdesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_png(size))
        written.append(target)
    scalable = folder / "scalable" / "apps" / "meetingdesk.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(SVG.read_bytes())
    written.append(scalable)
    return written


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[1] == "png":
        sizes = tuple(int(s) for s in argv[3:]) or HICOLOR_SIZES
        for path in write_hicolor(Path(argv[2]), sizes):
            print(path)
        return 0
    if len(argv) == 3 and argv[1] == "ico":
        Path(argv[2]).parent.mkdir(parents=True, exist_ok=True)
        Path(argv[2]).write_bytes(ico_bytes())
        print(argv[2])
        return 0
    if argv[1:] == ["app"]:
        APP_PNG.write_bytes(render_png(256))
        APP_ICO.write_bytes(ico_bytes())
        print(APP_PNG, APP_ICO)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
