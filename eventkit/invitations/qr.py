"""QR codes as PNG (for Word) and SVG (for the HTML print view), drawn from one matrix.

qrcode computes the matrix (and picks the best mask, which matters for cheap phone
cameras); the PNG is written here, because qrcode's PIL drawing takes a third of the
time per code and a 600-letter export makes 600 codes.

A link's code never changes, so `svg_for` and `png_for` make it once per process and keep
it (issue 13: the print view of 2000 households made 2000 codes on every request).
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
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


KEPT = 6000  # codes kept per process: a school board's largest meeting, with room to spare


@lru_cache(maxsize=KEPT)
def _kept_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    return tuple(tuple(row) for row in matrix(url))


@lru_cache(maxsize=KEPT)
def svg_for(url: str, label: str = "") -> str:
    """The SVG of a link's code, made once and kept."""
    return svg([list(row) for row in _kept_matrix(url)], label)


@lru_cache(maxsize=KEPT)
def png_for(url: str) -> bytes:
    """The PNG of a link's code, made once and kept."""
    return png([list(row) for row in _kept_matrix(url)])


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
    path = "".join(_runs(modules))
    title = f"<title>{escape(label)}</title>" if label else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'shape-rendering="crispEdges" class="qr">{title}'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>'
    )


def _runs(modules: Matrix) -> list[str]:
    """One rectangle per horizontal run of dark modules (a third of one square each)."""
    parts = []
    for y, row in enumerate(modules):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    return parts
