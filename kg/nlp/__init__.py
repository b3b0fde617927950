"""NLP: load a Dutch spaCy pipeline and parse articles paragraph by paragraph.

kg's own pipeline (``nl_kg_news``, trained from the UD Dutch treebanks) ships in
``kg/nlp/models`` and is the default; any installed spaCy Dutch pipeline can be
used instead by name or path (e.g. ``nl_core_news_md``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.ingest import Article
from kg.nlp import components as _components  # noqa: F401  (registers factories)

DEFAULT_PIPELINE = "nl_kg_news"
MODELS_DIR = Path(__file__).resolve().parent / "models"
PARAGRAPH = re.compile(r"[^\n]+")
NEEDED_PIPES = ("tok2vec", "morphologizer", "tagger", "parser", "lemmatizer", "ner",
                "attribute_ruler", "senter", "sentencizer", "trainable_lemmatizer",
                "kg_simplemma_lemmatizer", "kg_particle_lemmatizer")


class PipelineError(Exception):
    """The requested pipeline cannot be loaded."""


def default_pipeline_path() -> Path:
    return MODELS_DIR / DEFAULT_PIPELINE


def pipeline_target(name: str | None = None) -> str:
    """What spaCy should load: ``name``, else ``KG_MODEL``, else kg's own pipeline."""
    name = name or os.environ.get("KG_MODEL") or None
    return str(default_pipeline_path()) if name in (None, DEFAULT_PIPELINE) else name


def pipeline_fingerprint(name: str | None = None) -> str:
    """Identifies a pipeline's weights without loading it: a path's ``meta.json``
    (retraining rewrites it), an installed package's name and version."""
    target = pipeline_target(name)
    meta = Path(target) / "meta.json"
    if meta.is_file():
        return hashlib.sha256(meta.read_bytes()).hexdigest()
    try:
        return f"{target}\0{metadata.version(target)}"
    except metadata.PackageNotFoundError:
        return target


@cache
def load_pipeline(name: str | None = None) -> Language:
    """The default pipeline, or any installed spaCy pipeline by package name or path.

    Without a name, ``KG_MODEL`` (if set) names the pipeline."""
    name = name or os.environ.get("KG_MODEL") or None
    target = pipeline_target(name)
    try:
        nlp = spacy.load(target)
    except OSError as err:
        raise PipelineError(f"cannot load spaCy pipeline {name or DEFAULT_PIPELINE!r}: "
                            f"{str(err).splitlines()[0]}") from None
    if nlp.lang != "nl":
        raise PipelineError(f"spaCy pipeline {target!r} is for language {nlp.lang!r}, not Dutch")
    if "parser" not in nlp.pipe_names:
        raise PipelineError(f"spaCy pipeline {target!r} has no dependency parser")
    _free_sentence_ends(nlp)
    if not {"senter", "sentencizer"} & set(nlp.pipe_names):
        # Rule-based sentence ends before the parser: it must then build one tree per
        # sentence instead of breaking a clause into fragments it cannot attach.
        nlp.add_pipe("sentencizer", before="parser")
    return nlp


def _free_sentence_ends(nlp: Language) -> None:
    """Drop tokenizer exceptions that glue a full stop to a word or name ('dat.',
    'VS.'): see ``kg/data/tokenizer.toml``."""
    words = set(tomllib.loads(resources.files("kg.data").joinpath("tokenizer.toml")
                              .read_text("utf-8"))["sentence_final"])
    rules = nlp.tokenizer.rules or {}
    kept = {k: v for k, v in rules.items() if not (k.endswith(".") and (
        k[:-1] in words or len(k) > 2 and k[:-1].isalpha() and k[:-1].isupper()))}
    if len(kept) < len(rules):
        nlp.tokenizer.rules = kept


def read_meta(path: Path) -> dict:
    meta = path / "meta.json"
    return json.loads(meta.read_text("utf-8")) if meta.exists() else {}


@dataclass(frozen=True)
class Paragraph:
    """A parsed paragraph; ``offset`` maps its character offsets into the article text."""

    offset: int
    doc: Doc


MAX_PARAGRAPH = 50_000
SENTENCE_END = re.compile(r"[.!?]\s")


def paragraphs(article: Article) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line; an overlong line (a scraped page without
    line breaks) is cut at sentence ends so no Doc exceeds spaCy's limits."""
    out = []
    for m in PARAGRAPH.finditer(article.text):
        start, text = m.start(), m.group()
        while len(text) > MAX_PARAGRAPH:
            cuts = [c.end() for c in SENTENCE_END.finditer(text, 0, MAX_PARAGRAPH)]
            cut = cuts[-1] if cuts else MAX_PARAGRAPH
            out.append((start, text[:cut]))
            start, text = start + cut, text[cut:]
        if text.strip():
            out.append((start, text))
    return [(o, t) for o, t in out if t.strip()]


def parse(nlp: Language, articles: Iterable[Article], batch_size: int = 64, n_process: int = 1
          ) -> Iterator[tuple[Article, list[Paragraph]]]:
    """Parse each article's paragraphs with ``nlp.pipe``; articles come back in order.

    Paragraphs are parsed separately so a title line or a line break always ends a
    sentence, and no single Doc grows with the article. With ``n_process`` > 1 spaCy
    parses in worker processes; Docs still come back in input order, so the output
    is the same."""
    disabled = [p for p in nlp.pipe_names if p not in NEEDED_PIPES]
    by_index: dict[int, Article] = {}

    def texts():
        for i, article in enumerate(articles):
            by_index[i] = article
            for offset, text in paragraphs(article):
                yield text, (i, offset)

    current, parsed = None, []
    for doc, (i, offset) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size,
                                     disable=disabled, n_process=n_process):
        if current is not None and i != current:
            yield by_index.pop(current), parsed
            parsed = []
        current = i
        parsed.append(Paragraph(offset, doc))
    if current is not None:
        yield by_index.pop(current), parsed
