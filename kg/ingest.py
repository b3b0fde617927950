"""Ingest: article files and folders → :class:`Article` records.

The input format is fixed by the output contract: UTF-8 text (a BOM is allowed),
optionally starting with `` date YYYY-MM`` or `` date YYYY-MM-DD``, followed either
by the article text on the same line or by a line break and a title line.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

DATE_LINE = re.compile(r"^[ \t]*date[ \t]+(\d{4})-(\d{2})(?:-(\d{2}))?(?=\s|$)")
LOOSE_DATE_LINE = re.compile(r"^[ \t]*date[ \t]+\S+")
TITLE_WORDS = 12
MAX_ARTICLE_BYTES = 2_000_000  # larger files are scraped dumps, not articles: skipped
HTML_START = re.compile(r"\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


class InputError(Exception):
    """Bad input: the message names the file and the problem."""


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` holds the title line (if any) and the body;
    statement offsets (``kgo:charStart``) are offsets into ``text``."""

    id: str
    text: str
    title: str
    date: str | None = None
    paths: tuple[str, ...] = field(default=(), compare=False)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Corpus:
    articles: list[Article]
    warnings: list[str]


def decode(path: Path, data: bytes, warnings: list[str]) -> str:
    """UTF-8 (with or without BOM); UTF-16 with a BOM and Windows-1252 text are
    accepted with a warning; anything else that is not text is refused."""
    if not data.strip():
        raise InputError(f"{path}: empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not valid UTF-16 text") from None
        warnings.append(f"{path}: UTF-16 text, decoded (UTF-8 expected)")
        return text
    if b"\x00" in data:
        raise InputError(f"{path}: not a text file (contains NUL bytes; binary or UTF-16 without BOM?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") or sum(not (c.isprintable() or c.isspace()) for c in text) > len(text) // 100:
            raise InputError(
                f"{path}: not valid UTF-8 text (undecodable byte at offset {err.start})") from None
        warnings.append(f"{path}: not UTF-8, read as Windows-1252")
        return text


def strip_html(path: Path, raw: str, warnings: list[str]) -> str:
    """An HTML page instead of text: keep the visible text, one block per line."""
    if not HTML_START.match(raw):
        return raw
    extractor = _TextExtractor()
    extractor.feed(raw)
    extractor.close()
    warnings.append(f"{path}: HTML page, read its visible text")
    return extractor.text()


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page; block elements end a paragraph."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "title",
              "section", "article", "header", "footer", "blockquote"}
    HIDDEN = {"script", "style", "noscript", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN and tag != "head":
            self.hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and tag != "head" and self.hidden:
            self.hidden -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _title_from(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    words = first.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def parse_article(path: Path, raw: str) -> Article:
    """Split the optional date line and title off the raw file content."""
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    date = None
    m = DATE_LINE.match(raw)
    if m:
        year, month, day = m.groups()
        if not 1 <= int(month) <= 12 or (day and not 1 <= int(day) <= 31):
            raise InputError(f"{path}: invalid date line {m.group(0).strip()!r}")
        date = f"{year}-{month}" + (f"-{day}" if day else "")
        rest = raw[m.end():]
    elif LOOSE_DATE_LINE.match(raw):
        line = raw.split("\n", 1)[0].strip()
        raise InputError(f"{path}: malformed date line {line!r} (expected 'date YYYY-MM' or 'date YYYY-MM-DD')")
    else:
        rest = raw
    if rest.startswith(("\n", " \n")) or not m:
        # Title-line layout: the first non-empty line is the title.
        body = rest.lstrip(" \t\n")
        first, _, remainder = body.partition("\n")
        if remainder.strip() and len(first) <= 200:
            text = body.strip()
            title = first.strip()
        else:
            text = body.strip()
            title = _title_from(text)
    else:
        text = rest.strip()
        title = _title_from(text)
    if not text:
        raise InputError(f"{path}: no article text" + (" (only a date line)" if m else ""))
    return Article(id=path.stem, text=text, title=title, date=date, paths=(str(path),))


def _article_files(path: Path, warnings: list[str]) -> list[Path]:
    """The .txt files of a folder (recursively, not following symlinked folders, so
    a symlink loop cannot recurse), or the file itself."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if not path.is_dir():
        return [path]
    files = []
    for folder, dirs, names in os.walk(path, followlinks=False, onerror=None):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".txt"):
                file = Path(folder) / name
                if file.is_file():
                    files.append(file)
                else:
                    warnings.append(f"{file}: skipped (not a regular file or a broken link)")
    if not files:
        raise InputError(f"{path}: folder contains no .txt files")
    return sorted(files)


def read_corpus(inputs: list[Path], max_bytes: int = MAX_ARTICLE_BYTES) -> Corpus:
    """Read every input; articles come back sorted by id so output never depends
    on argument or directory order. Identical texts are read once."""
    warnings: list[str] = []
    by_id: dict[str, Article] = {}
    by_hash: dict[str, str] = {}
    for path in inputs:
        for file in _article_files(path, warnings):
            try:
                size = file.stat().st_size
                if size > max_bytes:
                    warnings.append(f"{file}: skipped ({size / 1e6:.1f} MB, more than the "
                                    f"{max_bytes / 1e6:g} MB an article may have)")
                    continue
                data = file.read_bytes()
            except FileNotFoundError:
                warnings.append(f"{file}: skipped (disappeared while reading)")
                continue
            except OSError as err:
                warnings.append(f"{file}: skipped (cannot read: {err.strerror})")
                continue
            text = strip_html(file, decode(file, data, warnings), warnings)
            article = parse_article(file, text)
            if article.id in by_id:
                raise InputError(
                    f"{file}: article id {article.id!r} already used by {by_id[article.id].paths[0]}"
                )
            twin = by_hash.get(article.content_hash)
            if twin is not None:
                first = by_id[twin]
                by_id[twin] = Article(first.id, first.text, first.title, first.date,
                                      first.paths + (str(file),))
                warnings.append(f"{file}: same text as {first.paths[0]}, read once")
                continue
            by_id[article.id] = article
            by_hash[article.content_hash] = article.id
    return Corpus(articles=[by_id[k] for k in sorted(by_id)], warnings=warnings)
