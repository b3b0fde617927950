"""`python -m kg.nlp.training`: convert data, train, assemble, evaluate and ship nl_kg_news.

Stages (all by default): convert -> ud -> ner -> assemble -> eval.
Intermediate files (DocBins, trained sub-pipelines) live in the cache folder
(default kg/nlp/training/.cache/, git-ignored); the final pipeline is written to
kg/nlp/models/nl_kg_news/ (or --out).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import platform
import random
import shlex
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from . import paths
from .prepare import convert, pretrain

STAGES = ("convert", "vectors", "pretrain", "ud", "ner", "assemble", "eval")
DEFAULT_STAGES = ("convert", "ud", "ner", "assemble", "eval")
log = logging.getLogger("kg.nlp.training")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m kg.nlp.training",
        description="Train kg's Dutch spaCy pipeline nl_kg_news from the open UD Dutch treebanks "
        "(Alpino, LassySmall) and NER data (Europeana Newspapers NL + silver news NER), "
        "evaluate it on the UD test files and write it to kg/nlp/models/nl_kg_news/.",
    )
    p.add_argument("--out", type=Path, default=paths.DEFAULT_MODEL_DIR, help="output pipeline folder (default: %(default)s)")
    p.add_argument("--shared", type=Path, default=None, help="shared data folder (default: $KG_SHARED or <repo>/../shared)")
    p.add_argument("--cache", type=Path, default=paths.DEFAULT_CACHE_DIR, help="cache for DocBins and sub-pipelines (default: %(default)s)")
    p.add_argument("--config", type=Path, default=paths.CONFIG_PATH, help="spaCy config of the syntax pipeline")
    p.add_argument("--ner-config", type=Path, default=None,
                   help="spaCy config of the NER pipeline (default: ner.cfg, or ner_shared.cfg with --ner-tok2vec shared)")
    p.add_argument("--ner-tok2vec", choices=("own", "shared"), default="own",
                   help="own: NER has its own narrower tok2vec (better NER); shared: NER listens to the frozen syntax tok2vec (faster)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    p.add_argument("--max-steps", type=int, default=None, help="max training steps for the syntax pipeline (config default if unset)")
    p.add_argument("--max-epochs", type=int, default=None, help="max epochs for the syntax pipeline (0 = unbounded)")
    p.add_argument("--patience", type=int, default=None, help="early-stopping patience in steps (syntax pipeline)")
    p.add_argument("--ner-max-steps", type=int, default=None, help="max training steps for the NER pipeline")
    p.add_argument("--ner-patience", type=int, default=None, help="early-stopping patience in steps (NER pipeline)")
    p.add_argument("--dev-every", type=int, default=5, help="hold out every N-th dev sentence for early stopping (default: %(default)s)")
    p.add_argument("--self-train", type=int, default=0, metavar="N",
                   help="add N bench news sentences parsed by --self-train-model to the syntax training data "
                        "(heads and relations only; see selftrain.py; default: 0 = none)")
    p.add_argument("--self-train-model", type=Path, default=None,
                   help="pipeline that parses the self-training sentences (default: the shipped nl_kg_news)")
    p.add_argument("--dev-weight", type=int, default=1,
                   help="repeat the training part of the current-annotation dev files N times (default: %(default)s)")
    p.add_argument("--sents-per-doc", type=int, default=10, help="sentences per training Doc (default: %(default)s)")
    p.add_argument("--silver", type=int, default=4000, help="number of silver-NER news sentences (0 = no silver data; default: %(default)s)")
    p.add_argument("--override", action="append", default=[], metavar="SECTION.KEY=VALUE",
                   help="extra config override for the syntax pipeline (repeatable), e.g. components.tok2vec.model.encode.width=128")
    p.add_argument("--ner-override", action="append", default=[], metavar="SECTION.KEY=VALUE", help="extra config override for the NER pipeline")
    p.add_argument("--lemmatizer", choices=("auto", "trainable", "particle", "hybrid"), default="auto",
                   help="lemmatizer of the shipped pipeline: trainable; particle (+ kg_particle_lemmatizer); hybrid (+ simplemma for some UPOS); auto = best on held-out dev")
    p.add_argument("--stages", default=",".join(DEFAULT_STAGES),
                   help="comma-separated subset of %s (default: %s)" % (",".join(STAGES), ",".join(DEFAULT_STAGES)))
    p.add_argument("--pretrain", action="store_true",
                   help="initialise the syntax tok2vec from `spacy pretrain` weights (runs the pretrain stage if no weights are cached)")
    p.add_argument("--pretrain-words", type=int, default=1_500_000, help="words of bench news for pretraining (default: %(default)s)")
    p.add_argument("--pretrain-minutes", type=float, default=12.0, help="wall-time bound of the pretrain stage (default: %(default)s)")
    p.add_argument("--vectors", action="store_true",
                   help="train small static word vectors (word2vec on bench news, needs gensim) and use them in the tok2vec "
                   "(runs the vectors stage if none are cached)")
    p.add_argument("--vectors-rows", type=int, default=25_000, help="rows kept in the vector table (default: %(default)s)")
    p.add_argument("--vectors-dim", type=int, default=64, help="vector width (default: %(default)s)")
    p.add_argument("--speed-words", type=int, default=100_000, help="words of bench news text for the speed test")
    p.add_argument("--log", type=Path, default=None, help="also write the log to this file")
    return p


def _override_dict(items: list[str]) -> dict:
    out = {}
    for item in items:
        key, _, value = item.partition("=")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


# ----------------------------------------------------------------------------- convert


def train_pipeline(config: Path, out: Path, train: Path, dev: Path, seed: int, overrides: dict) -> Path:
    from spacy.cli.train import train as spacy_train

    if out.exists():
        shutil.rmtree(out)
    ov = {"paths.train": str(train), "paths.dev": str(dev), "system.seed": seed}
    ov.update(overrides)
    log.info("training %s -> %s with %s", config.name, out, ov)
    t0 = time.time()
    spacy_train(config, out, use_gpu=-1, overrides=ov)
    log.info("trained %s in %.0f s", config.name, time.time() - t0)
    return out / "model-best"


def assemble(cache: Path, lemmatizer: str, out_tmp: Path) -> tuple[object, dict]:
    """Syntax pipeline + NER (own tok2vec copy) [+ hybrid lemmatizer] -> out_tmp."""
    import spacy

    from .evaluate import load_docs, ud_scores

    nlp = spacy.load(cache / "work" / "ud" / "model-best")
    info: dict = {}
    # lemmatizer choice on held-out dev (never on test)
    from kg.nlp import components  # noqa: F401  (registers the factories)

    dev_docs = load_docs(nlp, cache / "ud-dev.spacy")
    dev = ud_scores(nlp, dev_docs)
    per = dev["lemma_acc_by_upos"]
    hybrid_upos = sorted(u for u, r in per.items() if r["n"] >= 50 and r["simplemma"] >= r["pipeline"] + 0.005)
    sel = {"trainable": dev["lemma_acc_pipeline"], "simplemma": dev["lemma_acc_simplemma"], "simplemma_better_for_upos": hybrid_upos}
    after = "trainable_lemmatizer"
    if lemmatizer in ("auto", "particle", "hybrid"):
        nlp.add_pipe("kg_particle_lemmatizer", after=after)
        sel["trainable+particle"] = ud_scores(nlp, dev_docs)["lemma_acc_pipeline"]
        if lemmatizer == "auto" and sel["trainable+particle"] <= sel["trainable"]:
            nlp.remove_pipe("kg_particle_lemmatizer")
    best = max(sel["trainable"], sel.get("trainable+particle", 0))
    if lemmatizer in ("auto", "hybrid") and hybrid_upos:
        nlp.add_pipe("kg_simplemma_lemmatizer", after=after, config={"upos": hybrid_upos})
        score = ud_scores(nlp, dev_docs)["lemma_acc_pipeline"]
        sel["hybrid: " + "+".join(c for c in nlp.pipe_names if "lemmatizer" in c)] = score
        if lemmatizer == "auto" and score <= best:
            nlp.remove_pipe("kg_simplemma_lemmatizer")
    sel["chosen"] = "+".join(c for c in nlp.pipe_names if "lemmatizer" in c)
    info["dev_lemma"] = sel
    log.info("lemmatizer selection on held-out dev: %s", json.dumps(sel))
    # NER last; it listens to the shared (frozen during NER training) tok2vec
    ner_path = cache / "work" / "ner" / "model-best"
    if ner_path.exists():
        ner_nlp = spacy.load(ner_path)
        if not ner_nlp.config["training"]["frozen_components"]:
            # own tok2vec: give `ner` a private copy so it does not listen to the syntax tok2vec
            ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.add_pipe("ner", source=ner_nlp, last=True)
    if out_tmp.exists():
        shutil.rmtree(out_tmp)
    nlp.to_disk(out_tmp)
    # reload, so that listeners are wired exactly as for users of the shipped folder
    nlp = spacy.load(out_tmp)
    return nlp, info


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stdout)]
    if args.log:
        args.log.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(args.log))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", handlers=handlers, force=True)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    bad = [s for s in stages if s not in STAGES]
    if bad:
        print(f"unknown stage(s): {bad}; choose from {STAGES}", file=sys.stderr)
        return 2
    shared = paths.shared_dir(args.shared)
    if not (shared / "corpora").is_dir():
        print(f"shared data not found at {shared} (set KG_SHARED or --shared)", file=sys.stderr)
        return 2
    cache = args.cache.resolve()
    cache.mkdir(parents=True, exist_ok=True)
    command = "python -m kg.nlp.training" + ("" if not argv else " " + shlex.join(argv))
    t_start = time.time()
    random.seed(args.seed)

    # every invocation is recorded; meta.json lists the chain since the last `convert`
    chain_file = cache / "commands.jsonl"
    if "convert" in stages and chain_file.exists():
        chain_file.unlink()
    with open(chain_file, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"command": command, "stages": stages, "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}) + "\n")

    if "convert" in stages:
        convert(shared, cache, args.dev_every, args.sents_per_doc, args.silver, args.seed, args.dev_weight,
                args.self_train, args.self_train_model)

    vectors_dir = cache / "vectors-model"
    if "vectors" in stages or (args.vectors and "ud" in stages and not vectors_dir.exists()):
        from .vectors import train_vectors

        train_vectors(paths.news_file(shared), vectors_dir, n_keep=args.vectors_rows, dim=args.vectors_dim, seed=args.seed)

    init_tok2vec = cache / "pretrain-tok2vec.bin"
    if "pretrain" in stages or (args.pretrain and "ud" in stages and not init_tok2vec.exists()):
        pretrain(args.config, cache, shared, args.pretrain_words, args.pretrain_minutes, args.seed)

    if "ud" in stages:
        ov = _override_dict(args.override)
        if args.pretrain:
            if not init_tok2vec.exists():
                print("no pretrained tok2vec weights", file=sys.stderr)
                return 2
            ov["paths.init_tok2vec"] = str(init_tok2vec)
        if args.vectors:
            ov["paths.vectors"] = str(vectors_dir)
            ov["components.tok2vec.model.embed.include_static_vectors"] = True
        if args.max_steps is not None:
            ov["training.max_steps"] = args.max_steps
        if args.max_epochs is not None:
            ov["training.max_epochs"] = args.max_epochs
        if args.patience is not None:
            ov["training.patience"] = args.patience
        train_pipeline(args.config, cache / "work" / "ud", cache / "ud-train.spacy", cache / "ud-dev.spacy", args.seed, ov)

    if "ner" in stages:
        ov = _override_dict(args.ner_override)
        if args.ner_max_steps is not None:
            ov["training.max_steps"] = args.ner_max_steps
        if args.ner_patience is not None:
            ov["training.patience"] = args.ner_patience
        ner_config = args.ner_config or (paths.NER_SHARED_CONFIG_PATH if args.ner_tok2vec == "shared" else paths.NER_CONFIG_PATH)
        if args.ner_tok2vec == "shared":
            ud_model = cache / "work" / "ud" / "model-best"
            if not ud_model.exists():
                print(f"NER uses the syntax pipeline's tok2vec, but {ud_model} does not exist: run the ud stage", file=sys.stderr)
                return 2
            from spacy.util import load_config

            ud_cfg = load_config(ud_model / "config.cfg")
            ov["paths.ud_model"] = str(ud_model)
            ov["components.ner.model.tok2vec.width"] = ud_cfg["components"]["tok2vec"]["model"]["encode"]["width"]
            if ud_cfg["components"]["tok2vec"]["model"]["embed"].get("include_static_vectors"):
                ov["paths.vectors"] = str(vectors_dir)
        elif args.vectors:
            ov["paths.vectors"] = str(vectors_dir)
            ov["components.tok2vec.model.embed.include_static_vectors"] = True
        train_pipeline(ner_config, cache / "work" / "ner", cache / "ner-train.spacy", cache / "ner-dev.spacy", args.seed, ov)

    if "assemble" in stages or "eval" in stages:
        out = args.out.resolve()
        tmp = out.parent / (out.name + ".tmp")
        if "assemble" in stages:
            nlp, info = assemble(cache, args.lemmatizer, tmp)
        else:
            import spacy

            if (out / "config.cfg").exists():
                import kg.nlp.components  # noqa: F401

                nlp = spacy.load(out)
                info = nlp.meta.get("kg_training", {}).get("lemmatizer_selection", {})
                if tmp.exists():
                    shutil.rmtree(tmp)
                shutil.copytree(out, tmp)
            else:
                print(f"no pipeline at {out}; run the assemble stage", file=sys.stderr)
                return 2
        meta_extra = {"lemmatizer_selection": info.get("dev_lemma", info)}
        if "eval" in stages:
            meta_extra.update(evaluate_all(nlp, cache, shared, args.speed_words))
            from .evaluate import news_gold_for_model

            meta_extra["ner_news_gold"] = news_gold_for_model(tmp, shared, cache)
        write_final(nlp, tmp, out, args, command, shared, cache, meta_extra, time.time() - t_start)
    log.info("done in %.0f s", time.time() - t_start)
    return 0


def evaluate_all(nlp, cache: Path, shared: Path, speed_words: int) -> dict:
    from .evaluate import by_upos_table, load_docs, ner_scores, news_texts, speed, ud_scores

    res: dict = {"ud_test": {}, "ner_eval": {}}
    docs_by_file = {}
    for name in ("alpino", "lassysmall"):
        docs = load_docs(nlp, cache / f"ud-test-{name}.spacy")
        docs_by_file[name] = docs
        r = ud_scores(nlp, docs)
        r["lemma_acc_by_upos"] = by_upos_table(r)
        res["ud_test"][name] = r
        log.info("test %s: %s", name, json.dumps({k: v for k, v in r.items() if k != "lemma_acc_by_upos"}))
    comb = ud_scores(nlp, [d for docs in docs_by_file.values() for d in docs])
    comb["lemma_acc_by_upos"] = by_upos_table(comb)
    res["ud_test"]["combined"] = comb
    log.info("test combined: %s", json.dumps({k: v for k, v in comb.items() if k != "lemma_acc_by_upos"}))
    if "ner" in nlp.pipe_names:
        for name, fname in (("europeana_dev", "ner-dev-europeana.spacy"), ("silver_news_dev", "ner-dev-silver.spacy")):
            if (cache / fname).exists():
                res["ner_eval"][name] = ner_scores(nlp, load_docs(nlp, cache / fname))
                log.info("ner %s: %s", name, json.dumps(res["ner_eval"][name]))
    texts = news_texts(paths.news_file(shared), max_words=speed_words, skip=5000)
    res["speed"] = speed(nlp, texts)
    log.info("speed: %s", json.dumps(res["speed"]))
    return res


def write_final(nlp, tmp: Path, out: Path, args, command: str, shared: Path, cache: Path, extra: dict, seconds: float) -> None:
    import spacy

    from .evaluate import dir_size_mb

    files = paths.ud_files(shared)
    data_files = [p for role in files.values() for p in role.values()] + [paths.ner_file(shared)]
    if args.silver > 0 or args.pretrain or args.vectors:
        data_files.append(paths.news_file(shared))
    sums = {str(p.relative_to(shared)): sha256(p) for p in data_files}
    stats_path = cache / "convert-stats.json"
    meta = json.loads((tmp / "meta.json").read_text())
    meta.update(
        {
            "name": paths.MODEL_NAME,
            "lang": "nl",
            "version": "0.1.0",
            "description": "kg's Dutch news pipeline: tok2vec CNN, tagger (CGN/Lassy XPOS), morphologizer (UPOS+feats), "
            "dependency parser (UD), trainable lemmatizer and NER (PER/LOC/ORG). Trained only on open data.",
            "license": "CC BY-SA 4.0",
            "author": "kg project",
            "url": "",
            "email": "",
            "sources": [
                {"name": "UD Dutch Alpino (partial 2017 train + current dev)", "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino", "license": "CC BY-SA 4.0"},
                {"name": "UD Dutch LassySmall (v2.0 draft train + current dev)", "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall", "license": "CC BY-SA 4.0"},
                {"name": "Europeana Newspapers NER corpora (Dutch, KB)", "url": "https://github.com/EuropeanaNewspapers/ner-corpora/", "license": "CC0 1.0"},
            ],
        }
    )
    chain_file = cache / "commands.jsonl"
    chain = [json.loads(l) for l in chain_file.read_text().splitlines()] if chain_file.exists() else []
    # the training command is the invocation that converted the data (first of the chain);
    # later invocations (e.g. `--stages eval`) are listed in command_chain
    train_command = chain[0]["command"] if chain and "convert" in chain[0]["stages"] else command
    kg_training = {
        "command": train_command,
        "command_chain": chain,
        "seed": args.seed,
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "wall_seconds": int(seconds),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "data_sha256": sums,
        "data_stats": json.loads(stats_path.read_text()) if stats_path.exists() else {},
        "evaluation_protocol": "UD test files only (never used for training/tuning); gold tokenisation, one sentence per Doc; "
        "spaCy Scorer (dependency scores exclude punct); lemmas harmonised (Alpino '_' joins removed); "
        "speed = nlp.pipe on bench news text, 1 process.",
    }
    kg_training["pretrained_tok2vec"] = (
        {
            "used": True,
            "objective": "spacy pretrain, characters (n_characters=4), 1 epoch",
            "text": f"~{args.pretrain_words} words of bench news sentences (articles from index 6000 on; not shipped)",
        }
        if args.pretrain
        else {"used": False}
    )
    kg_training["silver_ner_sentences"] = args.silver
    vinfo = cache / "vectors-model" / "vectors-info.json"
    kg_training["static_vectors"] = (
        dict(json.loads(vinfo.read_text()), used=True) if args.vectors and vinfo.exists() else {"used": False}
    )
    kg_training.update(extra)
    meta["kg_training"] = kg_training
    if "ud_test" in extra:
        c = extra["ud_test"]["combined"]
        meta["performance"] = {
            "pos_acc": c["upos_acc"],
            "tag_acc": c["xpos_acc"],
            "morph_acc": c["morph_acc"],
            "dep_uas": c["uas"],
            "dep_las": c["las"],
            "lemma_acc": c["lemma_acc_pipeline"],
            "speed_wps": extra["speed"]["words_per_second"],
        }
        ner = extra.get("ner_eval", {})
        for k, v in ner.items():
            meta["performance"][f"ents_f_{k}"] = v["ents_f"]
        if extra.get("ner_news_gold"):
            meta["performance"]["ents_f_news_gold"] = extra["ner_news_gold"]["scores"]["all"]["ents_f"]
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    # swap in atomically-ish
    if out.exists():
        old = out.parent / (out.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old)
    else:
        tmp.rename(out)
    size = dir_size_mb(out)
    meta["size_mb"] = size
    meta["kg_training"]["size_mb"] = size
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    from .card import write_card

    write_card(out, meta)
    log.info("wrote %s (%.1f MB)", out, size)
