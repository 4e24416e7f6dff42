"""Draw the app's SVG icon as the PNG, ICO and ICNS files that ship beside it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/render_icons.py

Run it after changing ``process-lab.svg``, and commit what it writes:

- ``process-lab-48.png``, ``-128.png``, ``-256.png``: the desktop launcher's
  icons in the hicolor theme (``process-lab install-desktop-entry``);
- ``process-lab.ico``: the Windows executable's icon (16 to 256 pixels);
- ``process-lab.icns``: the macOS app bundle's icon (16 to 1024 pixels).

ICO and ICNS files hold PNG images, so they are written here directly,
without an image library.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE / "process-lab.svg"
PNG_SIZES = (48, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS image types holding PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
ICNS_RETINA_1024 = b"ic10"


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
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


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file holding each PNG under its type code."""
    chunks = b""
    for size, png in sorted(pngs.items()):
        kind = ICNS_TYPES.get(size) or (ICNS_RETINA_1024 if size == 1024 else None)
        if kind is not None:
            chunks += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    sizes = set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_TYPES) | {1024}
    pngs = {size: render_png(renderer, size) for size in sorted(sizes)}
    for size in PNG_SIZES:
        (HERE / f"process-lab-{size}.png").write_bytes(pngs[size])
    (HERE / "process-lab.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (HERE / "process-lab.icns").write_bytes(icns_bytes({s: pngs[s] for s in (*ICNS_TYPES, 1024)}))
    print(f"wrote {len(PNG_SIZES)} PNG files, process-lab.ico and process-lab.icns in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
