"""QR codes as PNG (for Word) and SVG (for the HTML print view), drawn from one matrix.

qrcode computes the matrix (and picks the best mask, which matters for cheap phone
cameras); the PNG is written here, because qrcode's PIL drawing takes a third of the
time per code and a 600-letter export makes 600 codes.
"""

from __future__ import annotations

import struct
import zlib
from xml.sax.saxutils import escape  # nosec B406 # escapes text we write; parses nothing

import qrcode
from qrcode.constants import ERROR_CORRECT_M

Matrix = list[list[bool]]
BORDER = 4  # the quiet zone the standard asks for, in modules
BOX = 8  # pixels per module in the PNG: crisp at 5 cm when printed or rendered at 150 dpi


def matrix(url: str) -> Matrix:
    """The modules of the code, quiet zone included (True is dark)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=BORDER)
    code.add_data(url)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def png(modules: Matrix, box: int = BOX) -> bytes:
    """A 1-bit greyscale PNG, `box` pixels per module."""
    size = len(modules) * box
    rows = []
    for row in modules:
        bits = "".join(("0" if dark else "1") * box for dark in row)
        bits += "0" * (-len(bits) % 8)
        line = b"\x00" + int(bits, 2).to_bytes(len(bits) // 8, "big")
        rows.append(line * box)
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(b"".join(rows), 6)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def svg(modules: Matrix, label: str = "") -> str:
    """An inline SVG: one path of unit squares, scaled by CSS to the size wanted."""
    size = len(modules)
    path = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(modules) for x, dark in enumerate(row) if dark
    )
    title = f"<title>{escape(label)}</title>" if label else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'shape-rendering="crispEdges" class="qr">{title}'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>'
    )
