"""Reading files as text: encoding detection and the normalisations every layout needs."""

from __future__ import annotations

import html
import re
from pathlib import Path

from jixiao.errors import UnreadableFileError

MAX_BYTES = 50 * 1024 * 1024
"""Files larger than this (50 MiB) are refused as not being a single published table."""

_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?|!--.*?--)>")


def read_text(path: Path) -> tuple[str, str]:
    """Read ``path`` and return ``(text, encoding)``.

    Tries UTF-8 (with or without BOM), then GB18030 (a superset of GBK and GB2312, the
    encodings of Chinese government downloads). Raises
    :class:`~jixiao.errors.UnreadableFileError` for a missing, empty, binary or undecodable
    file, naming the file.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError("文件不存在", str(path)) from None
    except IsADirectoryError:
        raise UnreadableFileError("是文件夹而不是文件", str(path)) from None
    except OSError as error:
        raise UnreadableFileError(f"无法读取（{error.strerror}）", str(path)) from None
    if len(data) > MAX_BYTES:
        raise UnreadableFileError(f"文件过大（{len(data)} 字节），不是单张绩效目标表", str(path))
    if not data.strip():
        raise UnreadableFileError("文件为空", str(path))
    if b"\x00" in data[:4096]:
        raise UnreadableFileError(
            "是二进制文件，不是文本（请先从 PDF/Excel 中提取文字）", str(path)
        )
    text, encoding = _decode(data, path)
    if len(_BINARY_CONTROL.findall(text[:4096])) > 8:
        raise UnreadableFileError("含大量控制字符，疑为二进制文件", str(path))
    return text, encoding


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    raise UnreadableFileError("无法解码：既不是 UTF-8 也不是 GB18030 编码", str(path))


def strip_markup(text: str) -> str:
    """Remove HTML tags (``<p>``, ``<br/>``) and unescape entities (``&nbsp;`` → space)."""
    if "<" not in text and "&" not in text:  # fast path: most cells have no markup
        return text
    return html.unescape(_TAG.sub("", text)).replace("\xa0", " ")


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
_SPACE_IN_CJK = re.compile(rf"[ \t](?:(?<=[{_CJK}][ \t])[ \t]*|[ \t]*(?=[{_CJK}]))")
"""A run of spaces or tabs after or before a Chinese character. Written to start with the
space (the look-behind checks the character before it) so that the regex engine jumps from
space to space instead of trying every character of a long cell."""


def squeeze_cjk_spaces(text: str) -> str:
    """Remove spaces that PDF extraction left next to Chinese characters.

    ``"广州市司法局 2022年信息化建设 开发项目"`` → ``"广州市司法局2022年信息化建设开发项目"``;
    spaces between two Latin words or numbers are kept.
    """
    if " " not in text and "\t" not in text:
        return text.strip()
    return _SPACE_IN_CJK.sub("", text).strip()


def join_wrapped(lines: list[str]) -> str:
    """Join lines that PDF extraction wrapped inside one cell: no separator between Chinese
    text, one space where both sides are Latin letters or digits."""
    result = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if (
            result
            and result[-1].isascii()
            and result[-1].isalnum()
            and line[0].isascii()
            and line[0].isalpha()
        ):
            result += " "
        result += line
    return result
