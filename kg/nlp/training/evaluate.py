"""Evaluation of a pipeline on the UD test files (gold tokenisation) and NER sets, plus speed."""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example


def load_docs(nlp: Language, path: str | Path) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def gold_token_examples(nlp: Language, gold_docs: Iterable[Doc]) -> list[Example]:
    """Examples whose predicted side has the gold tokens (and nothing else)."""
    out = []
    for gold in gold_docs:
        pred = Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])
        out.append(Example(pred, gold))
    return out


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


def ud_scores(nlp: Language, gold_docs: list[Doc]) -> dict:
    """UPOS/XPOS/morph/UAS/LAS/lemma with spaCy's scorer (deps exclude punct) + simplemma lemma acc."""
    examples = gold_token_examples(nlp, gold_docs)
    # run the pipeline once; nlp.evaluate would run it again, so score with the Scorer directly
    preds = list(nlp.pipe([eg.predicted for eg in examples], batch_size=256))
    scored = [Example(p, eg.reference) for p, eg in zip(preds, examples)]
    from spacy.scorer import Scorer

    scorer = Scorer(nlp)
    s = scorer.score(scored)
    res = {
        "sentences": len(gold_docs),
        "tokens": sum(len(d) for d in gold_docs),
        "upos_acc": _r(s.get("pos_acc")),
        "xpos_acc": _r(s.get("tag_acc")),
        "morph_acc": _r(s.get("morph_acc")),
        "uas": _r(s.get("dep_uas")),
        "las": _r(s.get("dep_las")),
        "lemma_acc_pipeline": _r(s.get("lemma_acc")),
    }
    res.update(lemma_comparison(scored))
    # the trainable lemmatizer alone (without kg_* lemma post-processing components)
    extra = [n for n in nlp.pipe_names if n.startswith("kg_") and "lemmatizer" in n]
    if extra and "trainable_lemmatizer" in nlp.pipe_names:
        with nlp.select_pipes(disable=extra + [n for n in ("ner",) if n in nlp.pipe_names]):
            fresh = [Doc(nlp.vocab, words=[t.text for t in eg.reference], spaces=[bool(t.whitespace_) for t in eg.reference]) for eg in examples]
            preds2 = list(nlp.pipe(fresh, batch_size=256))
        ok = tot = 0
        for p, eg in zip(preds2, examples):
            for pt, gt in zip(p, eg.reference):
                if gt.lemma_:
                    tot += 1
                    ok += pt.lemma_ == gt.lemma_
        res["lemma_acc_trainable"] = _r(ok / max(1, tot))
    else:
        res["lemma_acc_trainable"] = res["lemma_acc_pipeline"]
    return res


def simplemma_lemma(word: str) -> str:
    import simplemma

    lem = simplemma.lemmatize(word, lang="nl")
    # simplemma's Dutch data keeps Alpino joins (af_lopen): harmonise like the gold lemmas
    return lem.replace("_", "") if len(lem) > 1 else lem


def lemma_comparison(examples: list[Example]) -> dict:
    """Lemma accuracy of the pipeline's lemmas vs simplemma, overall and per gold UPOS."""
    tot = Counter()
    ok_pipe = Counter()
    ok_sm = Counter()
    for eg in examples:
        for p, g in zip(eg.predicted, eg.reference):
            gl = g.lemma_
            if not gl:
                continue
            for key in ("ALL", g.pos_):
                tot[key] += 1
                ok_pipe[key] += p.lemma_ == gl
                ok_sm[key] += simplemma_lemma(g.text) == gl
    per = {
        k: {"n": tot[k], "pipeline": _r(ok_pipe[k] / tot[k]), "simplemma": _r(ok_sm[k] / tot[k])}
        for k in sorted(tot, key=lambda k: -tot[k])
        if k != "ALL"
    }
    return {
        "lemma_acc_simplemma": _r(ok_sm["ALL"] / max(1, tot["ALL"])),
        "lemma_acc_by_upos": per,
    }


def ner_scores(nlp: Language, gold_docs: list[Doc]) -> dict:
    examples = []
    preds = nlp.pipe(
        (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold_docs),
        batch_size=128,
    )
    for p, g in zip(preds, gold_docs):
        examples.append(Example(p, g))
    from spacy.scorer import get_ner_prf

    s = get_ner_prf(examples)
    return {
        "docs": len(gold_docs),
        "ents_p": _r(s["ents_p"]),
        "ents_r": _r(s["ents_r"]),
        "ents_f": _r(s["ents_f"]),
        "per_type": {k: {m: _r(v) for m, v in d.items()} for k, d in (s.get("ents_per_type") or {}).items()},
    }


def news_texts(path: str | Path, max_words: int = 100_000, skip: int = 0) -> list[str]:
    texts, words = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip:
                continue
            art = json.loads(line)
            text = (art.get("title") or "") + "\n" + (art.get("text") or "")
            texts.append(text)
            words += len(text.split())
            if words >= max_words:
                break
    return texts


def speed(nlp: Language, texts: list[str], batch_size: int = 64, repeats: int = 3) -> dict:
    """Throughput of nlp.pipe on one process (tokens and whitespace-words per second)."""
    list(nlp.pipe(texts[:5]))  # warm-up
    times = []
    for _ in range(max(1, repeats)):  # best of N: the machine may be shared
        t0 = time.perf_counter()
        n_tok = 0
        for doc in nlp.pipe(texts, batch_size=batch_size, n_process=1):
            n_tok += len(doc)
        times.append(time.perf_counter() - t0)
    dt = min(times)
    n_words = sum(len(t.split()) for t in texts)
    return {
        "texts": len(texts),
        "words": n_words,
        "tokens": n_tok,
        "seconds": round(dt, 2),
        "words_per_second": int(n_words / dt),
        "tokens_per_second": int(n_tok / dt),
        "n_process": 1,
        "batch_size": batch_size,
        "repeats": repeats,
        "all_seconds": [round(t, 2) for t in times],
    }


def dir_size_mb(path: str | Path) -> float:
    total = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    return round(total / 1_000_000, 2)


def combine(per_file: dict[str, dict]) -> dict:
    """Token-weighted combination of per-file UD scores (exact for accuracies over tokens)."""
    keys = ["upos_acc", "xpos_acc", "morph_acc", "uas", "las", "lemma_acc_pipeline", "lemma_acc_simplemma"]
    tot = sum(r["tokens"] for r in per_file.values())
    out = {"sentences": sum(r["sentences"] for r in per_file.values()), "tokens": tot}
    for k in keys:
        vals = [(r[k], r["tokens"]) for r in per_file.values() if r.get(k) is not None]
        out[k] = _r(sum(v * n for v, n in vals) / sum(n for _, n in vals)) if vals else None
    return out


def combined_ud_scores(nlp: Language, docs_by_file: dict[str, list[Doc]]) -> dict:
    all_docs = [d for docs in docs_by_file.values() for d in docs]
    return ud_scores(nlp, all_docs)


def by_upos_table(res: dict, upos: tuple[str, ...] = ("VERB", "AUX", "NOUN", "PROPN", "ADJ", "ADV", "PRON")) -> dict:
    per = res.get("lemma_acc_by_upos", {})
    return {u: per[u] for u in upos if u in per}


__all__ = [
    "load_docs",
    "ud_scores",
    "ner_scores",
    "news_texts",
    "speed",
    "dir_size_mb",
    "combined_ud_scores",
    "by_upos_table",
    "defaultdict",
]
