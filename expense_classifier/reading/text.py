"""Bytes to text as banks export it: UTF-8 (a BOM or none), UTF-16 with a BOM, then Windows-1252, then
Latin-1. Many UK and EU banks export cp1252 or Latin-1; reading them is better than refusing, and the
reader says which it used. A binary file (a workbook, a PDF) is one line saying what it is.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from expense_classifier.errors import UserInputError

_BINARY = ((b"PK\x03\x04", "an Excel or zip file: export the statement as CSV, OFX, QIF, CAMT or MT940"),
           (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) file: export the statement as CSV, OFX, QIF, CAMT or MT940"),
           (b"%PDF", "a PDF: download the statement as CSV, OFX, QIF, CAMT or MT940 instead"))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-16", "cp1252" or "latin-1"

    @property
    def note(self) -> str | None:
        """One line for a file that was not UTF-8, else None."""
        if self.encoding in ("utf-8", "utf-16"):
            return None
        what = "Windows-1252" if self.encoding == "cp1252" else "Latin-1 (ISO-8859-1)"
        return f"not UTF-8; read as {what}"


def decode_bank_text(raw: bytes, name: object) -> Decoded:
    """The text of a statement or receipt file, and the encoding it was read with."""
    for magic, what in _BINARY:
        if raw.startswith(magic):
            raise UserInputError(f"{name}: {what}")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as err:
            raise UserInputError(f"{name}: byte {err.start}: a UTF-16 file with bytes that are not UTF-16") from None
    if b"\x00" in raw[:4096]:
        raise UserInputError(f"{name}: a binary file (NUL bytes), not a statement or receipt text")
    try:
        return Decoded(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # cp1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D); a file with one is Latin-1.
        return Decoded(raw.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(raw.decode("latin-1"), "latin-1")
