"""Self-training data for the dependency parser: news sentences parsed by an existing pipeline.

The treebanks here hold about a third of the words of the official UD train splits, and
none of them is recent news. Self-training (McClosky, Charniak & Johnson 2006, *Effective
self-training for parsing*, NAACL) adds sentences of the target domain, parsed by the
current model, to the gold training data. Only heads and relations are kept: tags,
morphology and lemmas stay missing, so the tagger, morphologizer and lemmatizer learn
from gold data alone.

Sentences come from the bench news corpus, skipping the articles used for silver NER
(the first ``skip_articles``) and any article id in ``exclude_ids`` (extraction gold sets).
A sentence is kept when it has 8-40 tokens, ends in ``.``, ``!`` or ``?``, is parsed as
one sentence with one root, and has no unspecified ``dep`` relation.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .silver import split_sentences

MIN_TOKENS, MAX_TOKENS = 8, 40


def _candidate_sentences(news_path: Path, skip_articles: int, exclude_ids: set[str], limit: int):
    with gzip.open(news_path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip_articles:
                continue
            art = json.loads(line)
            if str(art.get("id")) in exclude_ids:
                continue
            for sent in split_sentences(art.get("text") or ""):
                if sent[-1] in ".!?" and MIN_TOKENS <= len(sent.split()) <= MAX_TOKENS:
                    yield sent
                    limit -= 1
                    if limit <= 0:
                        return


def silver_parses(nlp: Language, news_path: Path, n_sentences: int, seed: int = 0, skip_articles: int = 4000,
                  exclude_ids: set[str] | None = None) -> tuple[list[Doc], dict]:
    """Parse news sentences with `nlp`; return Docs holding only words, heads and relations."""
    rng = random.Random(seed)
    pool = list(_candidate_sentences(news_path, skip_articles, exclude_ids or set(), limit=n_sentences * 3))
    rng.shuffle(pool)
    disable = [p for p in nlp.pipe_names if p not in ("tok2vec", "parser")]
    docs, seen, rejected = [], 0, 0
    for parsed in nlp.pipe(pool, batch_size=64, disable=disable):
        seen += 1
        toks = [t for t in parsed if not t.is_space]
        if len(toks) != len(parsed) or len(list(parsed.sents)) != 1 or not (MIN_TOKENS <= len(parsed) <= MAX_TOKENS) \
                or any(t.dep_ == "dep" for t in parsed):
            rejected += 1
            continue
        docs.append(Doc(nlp.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed],
                        heads=[t.head.i for t in parsed], deps=[t.dep_ for t in parsed]))
        if len(docs) >= n_sentences:
            break
    stats = {"candidates": len(pool), "parsed": seen, "rejected": rejected, "docs": len(docs),
             "tokens": sum(len(d) for d in docs)}
    return docs, stats
