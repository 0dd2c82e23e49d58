"""Text PDFs through pypdf: page text without page furniture, ready for ``clean_text``.

``clean_text`` already rejoins lines broken mid-sentence (across pages too, once the furniture
between them is gone); what only the page structure can tell is which lines are page numbers and
running headers or footers, so those are dropped here.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from pypdf import PasswordType, PdfReader

from assistant.errors import CorpusError

log = logging.getLogger(__name__)

MIN_CHARS_PER_PAGE = 20  # fewer on average: a scan without a text layer (stamps, page numbers at most)
_EDGE_LINES = 2  # furniture sits in the first or last lines of a page
_PAGE_NUMBER_IN_LINE = re.compile(
    r"^[-－—–]?\d{1,4}[-－—–]?|[-－—–]?\d{1,4}[-－—–]?$|第\d{1,4}页(?:共\d{1,4}页)?"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-－—–~～_·•\s]*\d{1,4}[-－—–~～_·•\s]*"  # 6, - 6 -, —6—
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第6页, 第 6 页 共 20 页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 6/20
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FILE_NAME = re.compile(r"\.(?:docx?|wps|pdf|txt|rtf|xlsx?|pptx?|tmp)\s*$", re.IGNORECASE)
_PLACEHOLDER_TITLE = re.compile(
    r"^(?:microsoft\s|untitled|无标题|未命名|新建|文档\s*\d*$|标题$)", re.IGNORECASE
)


def pdf_to_text(path: Path) -> str:
    """The PDF's text, page after page, for ``clean_text``."""
    return "\n".join(pdf_pages(path))


def pdf_pages(path: Path) -> list[str]:
    """Each page's text without page numbers and running headers/footers.

    Raises ``CorpusError`` for an encrypted or damaged file, and for a scan without a text layer,
    which would otherwise be indexed as an empty document and silently never found.
    """
    reader = _open(path)
    try:
        texts = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many error types on a damaged content stream
        raise _damaged(path) from exc
    if not texts:
        raise _damaged(path)
    chars = [len("".join(text.split())) for text in texts]
    if sum(chars) < MIN_CHARS_PER_PAGE * len(texts):
        raise CorpusError(
            f"{path.name}：PDF 没有文字层（可能是扫描件）。", "请先做文字识别（OCR）后再放入语料。"
        )
    blank = [str(n) for n, count in enumerate(chars, 1) if count == 0]
    if blank:
        log.warning(
            "%s：第 %s 页没有文字（可能是扫描页），这些页的内容检索不到。", path.name, "、".join(blank)
        )
    pages = [[line.strip() for line in text.splitlines() if line.strip()] for text in texts]
    return ["\n".join(lines) for lines in drop_page_furniture(pages)]


def pdf_title(path: Path) -> str | None:
    """The title in the PDF's metadata, when it is a real title and not a file name or placeholder."""
    try:
        title = (_open(path).metadata or {}).get("/Title")
    except Exception:  # damaged metadata: the title is then read from the first page instead
        return None
    title = " ".join(str(title or "").split())
    if len(_CJK.findall(title)) < 2 or _FILE_NAME.search(title) or _PLACEHOLDER_TITLE.match(title):
        return None
    return title


def drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages (running headers).

    Lines are compared without spaces and with a page number at either end masked, so a header
    carrying its page number ("报告 2021年第5期 - 3 -", "第 3 页") repeats too.
    """
    repeated: set[str] = set()
    if len(pages) >= 2:
        counts = Counter(key for lines in pages for key in {_key(line) for line in _edges(lines)})
        repeated = {key for key, n in counts.items() if n * 2 > len(pages)}

    def furniture(line: str) -> bool:
        return bool(_PAGE_NUMBER.match(line)) or _key(line) in repeated

    out: list[list[str]] = []
    for lines in pages:
        start, end = 0, len(lines)
        while start < min(_EDGE_LINES, end) and furniture(lines[start]):
            start += 1
        while end > max(start, len(lines) - _EDGE_LINES) and furniture(lines[end - 1]):
            end -= 1
        out.append(lines[start:end])
    return out


def _edges(lines: list[str]) -> list[str]:
    return lines[:_EDGE_LINES] + lines[_EDGE_LINES:][-_EDGE_LINES:]


def _key(line: str) -> str:
    return _PAGE_NUMBER_IN_LINE.sub("#", "".join(line.split()))


def _open(path: Path) -> PdfReader:
    try:
        reader = PdfReader(path)
    except Exception as exc:  # not a PDF, truncated, broken cross-reference table...
        raise _damaged(path) from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED  # only an owner password: readable
        except Exception:  # an unsupported security handler
            opened = False
        if not opened:
            raise CorpusError(
                f"{path.name}：PDF 已加密，需要密码才能打开。", "请去除密码（另存为不加密的 PDF）后重试。"
            )
    return reader


def _damaged(path: Path) -> CorpusError:
    return CorpusError(
        f"{path.name}：无法读取该 PDF（文件可能已损坏或不完整）。", "请重新导出或下载该 PDF 后重试。"
    )
