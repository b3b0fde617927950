"""Evaluation of a pipeline on the UD test files (gold tokenisation) and NER sets, plus speed.

NER on kg's hand-written news gold (tests/gold/ner) also runs on its own, without retraining:
    python -m kg.nlp.training.evaluate --ner-gold tests/gold/ner [--errors] [--update-model]
"""

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


NEWS_GROUPS = {
    "seeds": lambda corpus, stem: corpus == "seeds",
    "dev 01-20": lambda corpus, stem: corpus == "dev" and stem[:2] <= "20",
    "dev 21-30": lambda corpus, stem: corpus == "dev" and stem[:2] > "20",
    "dev": lambda corpus, stem: corpus == "dev",
    "all": lambda corpus, stem: True,
}


def predict_news_gold(nlp: Language, gold_dir: str | Path, shared: str | Path | None = None) -> dict:
    """Run the pipeline over every annotated article's paragraphs (as kg parses them).

    Returns {(corpus, stem): {"paragraphs": [...], "gold": [(para, start, end, label)],
    "pred": [(para, start, end, label)]}} for the articles covered by the gold."""
    from .news_gold import article_paragraphs, corpus_dirs, covered_articles, load_gold

    out: dict = {}
    for corpus, folder in corpus_dirs(shared).items():
        spec = Path(gold_dir) / f"{corpus}.ann"
        if not spec.exists():
            continue
        paras = article_paragraphs(folder)
        stems = covered_articles(spec, sorted(paras))
        rows = load_gold(Path(gold_dir) / f"{corpus}.jsonl")
        for stem in stems:
            gold = [(r["paragraph"], r["start"], r["end"], r["label"]) for r in rows if r["article"] == stem]
            out[(corpus, stem)] = {"paragraphs": paras[stem], "gold": sorted(gold), "pred": []}
    texts = [(t, (key, i)) for key, art in out.items() for i, t in enumerate(art["paragraphs"])]
    for doc, (key, i) in nlp.pipe(texts, as_tuples=True, batch_size=64):
        out[key]["pred"] += [(i, e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ("PER", "LOC", "ORG")]
    return out


def span_prf(articles: list[dict]) -> dict:
    """Exact-span (character offsets and label) P/R/F, overall and per label, with spaCy's PRFScore."""
    from spacy.scorer import PRFScore

    total, per = PRFScore(), {label: PRFScore() for label in ("PER", "LOC", "ORG")}
    n_gold = {label: 0 for label in per}
    for art in articles:
        gold, pred = set(art["gold"]), set(art["pred"])
        for label, score in per.items():
            score.score_set({g for g in pred if g[3] == label}, {g for g in gold if g[3] == label})
            n_gold[label] += sum(g[3] == label for g in gold)
        total.score_set(pred, gold)
    res = {"docs": len(articles), "paragraphs": sum(len(a["paragraphs"]) for a in articles),
           "entities": sum(n_gold.values()), "ents_p": _r(total.precision), "ents_r": _r(total.recall),
           "ents_f": _r(total.fscore), "per_type": {}}
    for label, score in per.items():
        res["per_type"][label] = {"n": n_gold[label], "p": _r(score.precision), "r": _r(score.recall), "f": _r(score.fscore)}
    return res


def news_gold_scores(predicted: dict, overlap: set[str] | None = None) -> dict:
    """P/R/F per group of articles (seeds, dev 01-20, dev 21-30, dev, all); with ``overlap``
    (stems sharing sentences with the NER training data) also both parts of the dev set."""
    groups = dict(NEWS_GROUPS)
    if overlap:
        groups["dev, overlapping NER training"] = lambda corpus, stem: corpus == "dev" and stem in overlap
        groups["dev, not overlapping"] = lambda corpus, stem: corpus == "dev" and stem not in overlap
    res = {}
    for name, keep in groups.items():
        arts = [a for (corpus, stem), a in sorted(predicted.items()) if keep(corpus, stem)]
        if arts:
            res[name] = span_prf(arts)
    return res


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
    "predict_news_gold",
    "news_gold_scores",
    "news_gold_eval",
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


def news_gold_eval(nlp: Language, gold_dir: str | Path, shared: str | Path | None = None,
                   cache: str | Path | None = None) -> tuple[dict, list]:
    """Everything the model card reports on the news gold, plus the error list. Load ``nlp``
    with ``kg.nlp.load_pipeline`` so that it splits sentences exactly as kg does."""
    from .paths import REPO_ROOT

    from .news_gold import ner_training_overlap, news_gold_errors, seeds_report

    predicted = predict_news_gold(nlp, gold_dir, shared)
    overlap = ner_training_overlap(predicted, cache) if cache and Path(cache).exists() else {}
    res = {"gold": "tests/gold/ner", "scores": news_gold_scores(predicted, set(overlap)),
           "training_overlap_sentences": overlap,
           "protocol": "hand-written PER/LOC/ORG gold (CoNLL-2002 conventions, tests/gold/ner/README.md); "
           "paragraphs as kg parses them; exact character spans and label"}
    seeds_tsv, ents_tsv = REPO_ROOT / "tests" / "gold" / "seeds.tsv", Path(gold_dir) / "seeds_entities.tsv"
    if seeds_tsv.exists() and ents_tsv.exists() and any(c == "seeds" for c, _ in predicted):
        res["seeds_report"] = seeds_report(predicted, seeds_tsv, ents_tsv)
    return res, news_gold_errors(predicted)


def news_gold_for_model(model: Path, shared: Path | None = None, cache: Path | None = None) -> dict | None:
    """The eval stage's news-gold figures for the pipeline folder ``model`` (None without gold)."""
    from kg.nlp import load_pipeline

    from .paths import REPO_ROOT

    gold = REPO_ROOT / "tests" / "gold" / "ner"
    if not (gold / "dev.jsonl").exists():
        return None
    return news_gold_eval(load_pipeline(str(Path(model).resolve())), gold, shared, cache)[0]


def _table(scores: dict) -> str:
    lines = [f"{'set':<32}{'docs':>5}{'ents':>6}   {'P':>5} {'R':>5} {'F':>5}   "
             + "   ".join(f"{lab}(n P R F)" for lab in ("PER", "LOC", "ORG"))]
    for name, r in scores.items():
        per = "   ".join(f"{t['n']:>3} {t['p']:.3f} {t['r']:.3f} {t['f']:.3f}" for t in r["per_type"].values())
        lines.append(f"{name:<32}{r['docs']:>5}{r['entities']:>6}   {r['ents_p']:.3f} {r['ents_r']:.3f} {r['ents_f']:.3f}   {per}")
    return "\n".join(lines)


def update_model(model: Path, res: dict) -> None:
    """Store the news-gold figures in meta.json and regenerate the model card (weights untouched)."""
    from .card import write_card

    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    meta.setdefault("kg_training", {})["ner_news_gold"] = res
    meta.setdefault("performance", {})["ents_f_news_gold"] = res["scores"]["all"]["ents_f"]
    (model / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    write_card(model, meta)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from .paths import DEFAULT_CACHE_DIR, DEFAULT_MODEL_DIR

    p = argparse.ArgumentParser(prog="python -m kg.nlp.training.evaluate",
                                description="NER of a pipeline on kg's hand-written news gold (seeds + devcorpus).")
    p.add_argument("--ner-gold", type=Path, required=True, help="gold folder, e.g. tests/gold/ner")
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="pipeline folder (default: %(default)s)")
    p.add_argument("--shared", type=Path, default=None, help="shared data folder (devcorpus)")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE_DIR,
                   help="training cache, to measure sentence overlap with the NER training data (default: %(default)s)")
    p.add_argument("--errors", action="store_true", help="list every disagreement with the gold")
    p.add_argument("--json", type=Path, default=None, help="write the results as JSON")
    p.add_argument("--update-model", action="store_true", help="write the figures into the model's meta.json and README.md")
    args = p.parse_args(argv)
    from kg.nlp import load_pipeline

    res, errors = news_gold_eval(load_pipeline(str(args.model.resolve())), args.ner_gold, args.shared, args.cache)
    print(_table(res["scores"]))
    if res["training_overlap_sentences"]:
        print("sentences also in the NER training data:", json.dumps(res["training_overlap_sentences"]))
    sr = res.get("seeds_report")
    if sr:
        for kind, c in sr["by_kind"].items():
            print(f"seeds {kind}: {c['found']}/{c['named']} (article, entity) pairs found with the right label "
                  f"({c['pairs'] - c['named']} not named in the text); mentions {c['mentions_right']}/{c['mentions']}")
        for r in sr["pairs"]:
            if r["mentions"] and not r["found"]:
                print(f"  not found: {r['article']} {r['name']} ({r['label']}): NER labels {r['ner_labels']}")
    print("errors:", json.dumps(dict(sorted(Counter(e[0] for e in errors).items()))))
    if args.errors:
        for e in errors:
            print("\t".join(e))
    if args.json:
        args.json.write_text(json.dumps(dict(res, errors=errors), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.update_model:
        update_model(args.model.resolve(), res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
