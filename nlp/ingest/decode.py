"""Bytes to text: BOMs, strict UTF-8, then charset-normalizer for legacy encodings."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files larger than this (20 MB) are skipped: unread when their size says so, else once that much is read."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Candidate encodings, most specific first, for text that is not UTF-8.
_LEGACY = ["utf_16", "cp949", "euc_kr", "shift_jis", "cp932", "euc_jp", "gb18030", "big5", "cp1252", "latin_1"]


log = logging.getLogger(__name__)


_SURROGATES = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so that it encodes as UTF-8.

    Lone surrogates come from JSON escapes (``"\\ud800"``) and from file name
    bytes that are not UTF-8 (Python's ``surrogateescape``); no output can hold them.
    """
    return _SURROGATES.sub("\ufffd", text)


class DecodeError(ValueError):
    """The bytes are binary or in no encoding we can recognise."""


def decode_bytes(data: bytes) -> str:
    """Return the text of ``data``, detecting its encoding.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read directly;
    anything else goes to charset-normalizer, limited to the encodings news
    files really use (so a Korean file is never read as, say, cp1125).

    Raises
    ------
    DecodeError
        When the data is binary (NUL bytes or control characters outside a
        UTF-16 text) or no candidate encoding gives clean text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"broken {encoding} text ({exc.reason})") from exc
    if _looks_utf16(data):  # before UTF-8: NUL bytes are valid UTF-8, so "T\0h\0e\0" would pass as it
        sample = data[:4096]
        big_endian = sample[0::2].count(0) > sample[1::2].count(0)  # ASCII's zero byte comes first
        for encoding in ("utf-16-be", "utf-16-le") if big_endian else ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _clean(text) and "\x00" not in text:
                return _normalise(text)
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        text = _nearly_utf8(data, exc)
        if text is not None:
            return _normalise(text)
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes), not text")
    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None:
        raise DecodeError("undecodable: no known text encoding fits")
    text = str(best)
    if not _clean(text):
        raise DecodeError(f"binary data (control characters even as {best.encoding}), not text")
    return _normalise(text)


def _nearly_utf8(data: bytes, error: UnicodeDecodeError) -> str | None:
    """UTF-8 with a multibyte character cut off at the end, or a stray bad byte or two; else None.

    A file truncated mid-character is still UTF-8: read as another codec, its
    every accented letter would turn to mojibake ("Prﾃ､sident"). The cut
    character is dropped (the loader's log says so); a few undecodable bytes
    among valid multibyte text become U+FFFD.
    """
    if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
        try:
            text = data[: error.start].decode("utf-8")
        except UnicodeDecodeError:
            return None
        log.info("UTF-8 text cut mid-character at byte %d; the partial character is dropped", error.start)
        return text
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text[:20000] if ord(ch) > 0x7F and ch != "\ufffd")
    if bad <= max(1, len(text) // 10000) and multibyte >= 4 * bad:
        log.info("%d undecodable bytes in UTF-8 text replaced", bad)
        return text
    return None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: NUL bytes on one parity of mostly-ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def _clean(text: str) -> bool:
    """True when ``text`` has few control characters (besides white space)."""
    sample = text[:20000]
    if not sample:
        return True
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad <= 0.001 * len(sample) + 1


def _normalise(text: str) -> str:
    """Strip a leading BOM and unify line ends."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
