"""Data preparation for training: conversion of the treebanks and NER data to DocBins
and the optional, time-bounded `spacy pretrain` of the tok2vec on raw news sentences."""

from __future__ import annotations

import json
import logging
import random
import shutil
import sys
import time
from pathlib import Path

from . import paths

log = logging.getLogger("kg.nlp.training")


def convert(shared: Path, cache: Path, dev_every: int, sents_per_doc: int, n_silver: int, seed: int, dev_weight: int = 1,
            n_self: int = 0, self_model: Path | None = None) -> dict:
    import spacy
    from spacy.tokens import DocBin

    from .conllu import chunk, read_harmonised, sentences_to_doc

    nlp = spacy.blank("nl")
    cache.mkdir(parents=True, exist_ok=True)
    files = paths.ud_files(shared)
    stats: dict = {}

    train_docs, dev_docs = [], []
    for name, path in files["train"].items():
        sents = read_harmonised(path)
        stats[f"train/{name}"] = len(sents)
        train_docs += [sentences_to_doc(nlp.vocab, c) for c in chunk(sents, sents_per_doc)]
    for name, path in files["dev"].items():
        sents = read_harmonised(path)
        # held-out part keeps the current lemma convention (particles joined), like test
        held = [s for i, s in enumerate(read_harmonised(path, for_training=False)) if i % dev_every == dev_every - 1]
        rest = [s for i, s in enumerate(sents) if i % dev_every != dev_every - 1]
        stats[f"dev/{name}: train"] = len(rest)
        stats[f"dev/{name}: held-out"] = len(held)
        for _ in range(dev_weight):  # oversample the current annotation (the 2017 files follow older conventions)
            train_docs += [sentences_to_doc(nlp.vocab, c) for c in chunk(rest, sents_per_doc)]
        dev_docs += [sentences_to_doc(nlp.vocab, [s]) for s in held]
    if n_self:
        stats["selftrain"] = _add_self_training(train_docs, shared, self_model or paths.DEFAULT_MODEL_DIR, n_self, sents_per_doc, seed)
    random.Random(seed).shuffle(train_docs)
    DocBin(docs=train_docs, store_user_data=False).to_disk(cache / "ud-train.spacy")
    DocBin(docs=dev_docs).to_disk(cache / "ud-dev.spacy")
    for name, path in files["test"].items():
        sents = read_harmonised(path, for_training=False)
        stats[f"test/{name}"] = len(sents)
        DocBin(docs=[sentences_to_doc(nlp.vocab, [s]) for s in sents]).to_disk(cache / f"ud-test-{name}.spacy")

    stats.update(convert_ner(nlp, shared, cache, sents_per_doc, n_silver, seed))
    (cache / "convert-stats.json").write_text(json.dumps(stats, indent=2))
    log.info("converted: %s", json.dumps(stats))
    return stats


def _add_self_training(train_docs: list, shared: Path, model: Path, n_self: int, sents_per_doc: int, seed: int) -> dict:
    """Append `n_self` news sentences parsed by `model` (heads and relations only)."""
    import spacy
    from spacy.tokens import Doc

    import kg.nlp.components  # noqa: F401  (factories of the shipped pipeline)

    from .conllu import chunk
    from .selftrain import silver_parses

    parser_nlp = spacy.load(model)
    docs, stats = silver_parses(parser_nlp, paths.news_file(shared), n_self, seed, exclude_ids=paths.gold_bench_ids())
    train_docs += [Doc.from_docs(c, ensure_whitespace=False) for c in chunk(docs, sents_per_doc)]
    stats["model"] = str(model)
    log.info("self-training sentences: %s", json.dumps(stats))
    return stats


def convert_ner(nlp, shared: Path, cache: Path, sents_per_doc: int, n_silver: int, seed: int) -> dict:
    from spacy.tokens import DocBin

    from .ner_data import europeana_docs

    stats: dict = {}
    # NER: Europeana (every 10th doc held out)
    ner_docs = europeana_docs(nlp.vocab, paths.ner_file(shared), sents_per_doc=sents_per_doc)
    ner_train = [d for i, d in enumerate(ner_docs) if i % 10 != 9]
    ner_dev = [d for i, d in enumerate(ner_docs) if i % 10 == 9]
    stats["ner/europeana: train docs"] = len(ner_train)
    stats["ner/europeana: dev docs"] = len(ner_dev)
    DocBin(docs=ner_dev).to_disk(cache / "ner-dev-europeana.spacy")

    silver_train, silver_dev = [], []
    if n_silver > 0:
        from .silver import silver_docs

        sdocs, sstats = silver_docs(nlp, paths.news_file(shared), n_sentences=n_silver, seed=seed)
        stats.update({f"ner/silver: {k}": v for k, v in sstats.items()})
        silver_train = [d for i, d in enumerate(sdocs) if i % 10 != 9]
        silver_dev = [d for i, d in enumerate(sdocs) if i % 10 == 9]
        DocBin(docs=silver_dev).to_disk(cache / "ner-dev-silver.spacy")
    elif (cache / "ner-dev-silver.spacy").exists():
        (cache / "ner-dev-silver.spacy").unlink()
    all_ner_train = ner_train + silver_train
    random.Random(seed).shuffle(all_ner_train)
    DocBin(docs=all_ner_train).to_disk(cache / "ner-train.spacy")
    # early stopping on both dev sets (mixed), so that neither domain is ignored
    DocBin(docs=ner_dev + silver_dev).to_disk(cache / "ner-dev.spacy")
    return stats


# ----------------------------------------------------------------------------- train


def pretrain(config: Path, cache: Path, shared: Path, words: int, minutes: float, seed: int) -> Path | None:
    """`spacy pretrain` (character objective) of the tok2vec on raw news sentences, time-bounded."""
    import gzip
    import subprocess

    from .silver import split_sentences

    raw = cache / "pretrain-text.jsonl"
    n = 0
    with gzip.open(paths.news_file(shared), "rt", encoding="utf-8") as fh, open(raw, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i < 6000:  # articles 0-3999: silver NER, ~5000-5400: speed test
                continue
            art = json.loads(line)
            for sent in split_sentences(art.get("text") or ""):
                out.write(json.dumps({"text": sent}, ensure_ascii=False) + "\n")
                n += len(sent.split())
            if n >= words:
                break
    outdir = cache / "work" / "pretrain"
    if outdir.exists():
        shutil.rmtree(outdir)
    cmd = [sys.executable, "-m", "spacy", "pretrain", str(config), str(outdir),
           "--paths.raw_text", str(raw), "--system.seed", str(seed)]
    log.info("pretraining on %d words (<= %.0f min): %s", n, minutes, " ".join(cmd))
    t0 = time.time()
    try:
        subprocess.run(cmd, check=True, timeout=minutes * 60)
    except subprocess.TimeoutExpired:
        log.info("pretraining stopped by the time bound")
    bins = sorted(outdir.glob("model*.bin"), key=lambda p: p.stat().st_mtime)
    log.info("pretraining took %.0f s; weights: %s", time.time() - t0, bins[-1] if bins else None)
    if not bins:
        return None
    final = cache / "pretrain-tok2vec.bin"
    shutil.copy(bins[-1], final)
    raw.unlink()  # do not keep article text around
    return final


# ----------------------------------------------------------------------------- assemble
