"""Plain text and Markdown, in whatever encoding they were saved.

UTF-8 first (with or without a BOM), then UTF-16 when a BOM says so, then the encoding
charset-normalizer finds. British council files that are not UTF-8 are almost always
Windows-1252, and short texts fit several single-byte code pages equally well, so when
charset-normalizer finds ``preferred_legacy`` plausible it wins. Data that decodes to control
characters is binary, not text.

>>> decode(b"Caf\\xe9 \\xa3300", "x.txt")
'Café £300'
>>> decode("Plan".encode("utf-16"), "x.txt")
'Plan'
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from assistant.readers.base import Extracted, LoadError

log = logging.getLogger(__name__)
MAX_CONTROL_SHARE = 0.01  # more control characters than this in decoded text means binary data


def read_text(path: Path, data: bytes, legacy_encoding: str = "cp1252", **_) -> Extracted:
    return Extracted(decode(data, path, legacy_encoding))


def decode(data: bytes, path: Path | str, preferred_legacy: str = "cp1252") -> str:
    """``data`` as text, or ``LoadError`` when it is binary."""
    text, encoding = _decode(data, preferred_legacy)
    if text is None or _control_share(text) > MAX_CONTROL_SHARE:
        raise LoadError(path, "binary data, not text (is it another format renamed?)")
    if encoding not in ("utf-8", "utf-8-sig"):
        log.info("%s: read as %s", path, encoding)
    return text


def _decode(data: bytes, preferred_legacy: str) -> tuple[str | None, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return None, ""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None, ""
    plausible = {m.encoding for m in matches} | set(best.could_be_from_charset)
    encoding = preferred_legacy if preferred_legacy in plausible else best.encoding
    return data.decode(encoding, errors="replace"), encoding


def _control_share(text: str) -> float:
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return control / max(1, len(sample))
