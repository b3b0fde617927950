"""Cache: what extraction learned from each article, for incremental rebuilds.

Parsing is most of a build's cost, and an article's facts depend only on its text,
its identifier and date, the NLP pipeline and kg's own code and language data. The
cache keys each article's :class:`~kg.extract.records.ArticleFacts` by a hash of
all of these, so an unchanged article is never parsed twice, and any change to the
pipeline or to kg (a new verb frame, a retrained model) misses the cache by itself.

Entries live in one SQLite file (``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``,
else ``~/.cache/kg``); SQLite keeps it consistent when a build is killed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from functools import cache
from pathlib import Path

import kg
from kg.extract.records import ArticleFacts
from kg.ingest import Article

FILE_NAME = "facts-v1.sqlite3"
#: kg's sources whose change can change what extraction returns.
CODE_PARTS = ("extract", "nlp", "data")


def default_cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


@cache
def code_fingerprint() -> str:
    """A hash of kg's version and of every source and data file extraction depends on
    (not the training code, not the model weights: the pipeline has its own)."""
    root = Path(kg.__file__).resolve().parent
    h = hashlib.sha256(kg.__version__.encode())
    files = [root / "ingest.py"]
    for part in CODE_PARTS:
        files += [f for f in (root / part).rglob("*") if f.is_file()
                  and f.suffix in (".py", ".toml", ".tsv", ".json", ".txt")
                  and "training" not in f.parts and "models" not in f.parts]
    for f in sorted(files):
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


class FactCache:
    """Article facts by content key; ``get`` misses (never fails) on any unreadable entry."""

    def __init__(self, directory: Path, pipeline: str):
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / FILE_NAME
        self.salt = f"{code_fingerprint()}\0{pipeline}\0".encode()
        self.hits = self.misses = self._pending = 0
        self._db = sqlite3.connect(self.path, timeout=60)
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, value BLOB)")
        except sqlite3.DatabaseError:  # not a database (truncated, overwritten): start again
            self._db.close()
            self.path.unlink()
            self._db = sqlite3.connect(self.path, timeout=60)
            self._db.execute("CREATE TABLE facts (key TEXT PRIMARY KEY, value BLOB)")

    def key(self, article: Article) -> str:
        h = hashlib.sha256(self.salt)
        for part in (article.id, article.title, article.date or "", article.text):
            h.update(part.encode("utf-8") + b"\0")
        return h.hexdigest()

    def get(self, article: Article) -> ArticleFacts | None:
        row = self._db.execute("SELECT value FROM facts WHERE key = ?",
                               (self.key(article),)).fetchone()
        facts = None
        if row is not None:
            try:
                facts = pickle.loads(row[0])
            except Exception:  # written by another kg version: parse again
                facts = None
        if isinstance(facts, ArticleFacts) and facts.article_id == article.id:
            self.hits += 1
            return facts
        self.misses += 1
        return None

    def put(self, article: Article, facts: ArticleFacts) -> None:
        self._db.execute("INSERT OR REPLACE INTO facts VALUES (?, ?)",
                         (self.key(article), pickle.dumps(facts, pickle.HIGHEST_PROTOCOL)))
        self._pending += 1
        if self._pending >= 500:  # a long build that is killed keeps most of its work
            self._db.commit()
            self._pending = 0

    def close(self) -> None:
        self._db.commit()
        self._db.close()
