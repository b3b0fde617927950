"""Small static word vectors trained on the bench news corpus (word2vec CBOW, gensim).

Trained on NORM (lower case); each row is keyed by the word and its Capitalised and
UPPER forms, so sentence-initial capitals share the vector of the lower-case word. Only the vector table (top-N words) is kept;
no text is stored. Requires ``gensim`` (training only).
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from pathlib import Path

log = logging.getLogger("kg.nlp.training")


def _tokenised_sentences(path: Path, max_words: int, skip_articles: set[int] | None = None):
    import spacy

    from .silver import split_sentences

    tok = spacy.blank("nl").tokenizer
    sents, n = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if skip_articles and i in skip_articles:
                continue
            art = json.loads(line)
            text = (art.get("title") or "") + "\n" + (art.get("text") or "")
            for s in split_sentences(text):
                words = [t.norm_ for t in tok(s) if not t.is_space]
                sents.append(words)
                n += len(words)
            if n >= max_words:
                break
    return sents, n


def _stable_hash(text: str) -> int:
    """Deterministic replacement for Python's salted hash() (gensim seeds each word vector with it)."""
    import zlib

    return zlib.crc32(text.encode("utf-8"))


def train_vectors(news: Path, out: Path, *, max_words: int = 5_000_000, n_keep: int = 25_000, dim: int = 64,
                  epochs: int = 5, seed: int = 0) -> dict:
    """Train word2vec on news sentences and save a blank `nl` pipeline holding the vectors at `out`."""
    import numpy as np
    import spacy
    from gensim.models import Word2Vec
    from spacy.vectors import Vectors

    t0 = time.time()
    sents, n = _tokenised_sentences(news, max_words)
    log.info("vectors: %d sentences, %d tokens tokenised in %.0f s", len(sents), n, time.time() - t0)
    model = Word2Vec(sentences=sents, vector_size=dim, window=5, min_count=5, sg=0, negative=5,
                     workers=1, epochs=epochs, seed=seed, max_final_vocab=200_000, hashfxn=_stable_hash)
    words = model.wv.index_to_key[:n_keep]
    data = np.ascontiguousarray(np.stack([model.wv[w] for w in words]).astype("float32"))
    nlp = spacy.blank("nl")
    # spaCy does not serialise Vectors.attr in default mode, so keys stay ORTH; each row is
    # also reachable from the capitalised and upper-case forms of the (lower-case) word.
    vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=[nlp.vocab.strings.add(w) for w in words])
    for row, w in enumerate(words):
        for form in {w.capitalize(), w.upper(), w[:1].upper() + w[1:]} - {w}:
            key = nlp.vocab.strings.add(form)
            if key not in vectors.key2row:
                vectors.add(key, row=row)
    nlp.vocab.vectors = vectors
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    info = {"tokens": n, "sentences": len(sents), "rows": len(words), "dim": dim, "epochs": epochs,
            "method": "word2vec CBOW (gensim), window 5, min_count 5, trained on lower case; keys = the word, Capitalised and UPPER forms",
            "seconds": int(time.time() - t0)}
    (out / "vectors-info.json").write_text(json.dumps(info, indent=2))
    log.info("vectors: %s", info)
    return info
