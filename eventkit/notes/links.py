"""The short public links of the evening's note pages (the QR code targets).

BASE/t/<table note token> for a table, BASE/a/<arena token> for the arena summary: 16
random url-safe characters (96 bits), no sequential id, short enough for a 3 cm QR code.
"""

from __future__ import annotations


def table_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/t/{token}"


def arena_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/a/{token}"
