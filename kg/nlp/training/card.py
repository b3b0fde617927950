"""Model card (README.md) for the shipped nl_kg_news pipeline, generated from meta.json."""

from __future__ import annotations

from pathlib import Path

ANCHORS = {
    "nl_core_news_sm": {"pos": 0.958, "uas": 0.857, "las": 0.805, "ner_f": 0.715},
    "nl_core_news_md": {"pos": 0.963, "uas": 0.867, "las": 0.821, "ner_f": 0.753},
}


def _f(x, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _ner_tok2vec(out: Path) -> str:
    try:
        from spacy.util import load_config

        cfg = load_config(out / "config.cfg", interpolate=True)
        t2v = cfg["components"]["ner"]["model"]["tok2vec"]
        if "Listener" in t2v.get("@architectures", ""):
            return "listens to the shared syntax tok2vec (frozen while NER was trained)"
        enc = t2v["encode"]
        emb = t2v["embed"]
        vec = ", with static vectors" if emb.get("include_static_vectors") else ""
        return f"own copy, CNN width {enc['width']}, depth {enc['depth']}{vec}"
    except Exception:  # pragma: no cover - informative only
        return "see config.cfg"


def news_gold_section(res: dict | None) -> list[str]:
    """'NER on news gold': hand-written gold on the seeds and the development articles."""
    if not res:
        return []
    lines = [
        "",
        "## NER on news gold",
        "",
        "Hand-written PER/LOC/ORG gold (CoNLL-2002 conventions, `tests/gold/ner/README.md`) on kg's five",
        "seed articles and the 30 development articles (`../shared/devcorpus`, 2019 NOS/De Telegraaf).",
        "The pipeline runs on each paragraph as kg parses it; a prediction counts only with the exact",
        "character span and label. None of this text was annotated for training; how much of it occurs in",
        "the NER training data is measured below.",
        "",
        "| set | docs | entities | PER P / R / F | LOC P / R / F | ORG P / R / F | P | R | F |",
        "| --- | ---: | ---: | --- | --- | --- | ---: | ---: | ---: |",
    ]
    for name, r in res.get("scores", {}).items():
        per = " | ".join(
            f"{_f(t['p'])} / {_f(t['r'])} / {_f(t['f'])} (n={t['n']})" for t in r["per_type"].values())
        lines.append(f"| {name} | {r['docs']} | {r['entities']} | {per} | {_f(r['ents_p'])} | "
                     f"{_f(r['ents_r'])} | {_f(r['ents_f'])} |")
    overlap = res.get("training_overlap_sentences")
    if overlap is not None:
        lines += ["", "Overlap with the NER training data (Europeana + silver news sentences, same normalisation):"
                  + (" none." if not overlap else " " + ", ".join(f"`{k}`: {v} sentence(s)" for k, v in overlap.items())
                     + "; the dev set is also scored without those articles.")]
    sr = res.get("seeds_report")
    if sr:
        plural = {"country": "countries", "organisation": "organisations", "person": "persons"}
        parts = [f"{plural.get(k, k)} {c['found']}/{c['named']} (mentions {c['mentions_right']}/{c['mentions']})"
                 for k, c in sr["by_kind"].items()]
        lines += ["", "Seeds: of the (article, entity) pairs whose entity `tests/gold/seeds.tsv` names as subject or",
                  "object and the article names, the NER finds at least one mention with the exact span and the",
                  "right label for " + "; ".join(parts) + "."]
        missing = [f"{r['name']} ({r['article'][:3]}: {', '.join(f'{k} x{v}' for k, v in r['ner_labels'].items())})"
                   for r in sr["pairs"] if r["mentions"] and not r["found"]]
        if missing:
            lines.append("Not found (label given to each mention; `~X` = other boundaries, `-` = none): "
                         + "; ".join(missing) + ".")
    return lines


def write_card(out: Path, meta: dict) -> Path:
    kt = meta.get("kg_training", {})
    ud = kt.get("ud_test", {})
    ner = kt.get("ner_eval", {})
    sp = kt.get("speed", {})
    lemsel = kt.get("lemmatizer_selection", {})
    lines = [
        f"# {meta['name']} {meta.get('version', '')}",
        "",
        "kg's own Dutch spaCy pipeline for news text, trained only on openly licensed data by",
        "`python -m kg.nlp.training` (code in `kg/nlp/training/`).",
        "",
        f"- Pipeline: `{', '.join(meta.get('pipeline', []))}` (spaCy {meta.get('spacy_version', '')})",
        "- `tagger`: CGN/Lassy XPOS (`token.tag_`); `morphologizer`: UPOS (`token.pos_`) + UD features;",
        "  `parser`: UD relations (root = `ROOT`, subtypes such as `nsubj:pass`, `flat`, `obl:arg`);",
        "  `trainable_lemmatizer`: edit-tree lemmatizer (lemmas without Alpino `_` joins: `meenemen`);",
        "  `ner`: PER, LOC, ORG.",
    ]
    comps = [c for c in meta.get("pipeline", []) if c.startswith("kg_")]
    if comps:
        lines.append(
            "- Custom components (`kg.nlp.components`): "
            + ", ".join(f"`{c}`" for c in comps)
            + " — `kg_particle_lemmatizer` joins a separated verb particle to the verb lemma"
            " (`stapt ... uit` -> `uitstappen`, as UD Dutch does); `kg_simplemma_lemmatizer`"
            " replaces the lemma by simplemma's for the UPOS where that was better on held-out dev."
        )
    sv = kt.get("static_vectors", {})
    if sv.get("used"):
        lines.append(
            f"- Static vectors: {sv.get('rows')} x {sv.get('dim')} word2vec (CBOW) trained on {sv.get('tokens')} tokens"
            " of the 2019 news bench corpus (only the table is shipped). CPU only."
        )
    else:
        lines.append("- No word vectors. CPU only.")
    lines += [
        f"- NER tok2vec: {_ner_tok2vec(out)}.",
        f"- Size: {meta.get('size_mb', '?')} MB. Seed: {kt.get('seed')}.",
        f"- Training command: `{kt.get('command', '')}`",
    ]
    chain = kt.get("command_chain") or []
    if len(chain) > 1:
        lines.append("  (invocations with the same cache folder, in order:)")
        lines += [f"  - `{c['command']}`" for c in chain]
    lines += [
        "",
        "## Load",
        "",
        "```python",
        "import spacy",
        "nlp = spacy.load(\"kg/nlp/models/nl_kg_news\")",
        "```",
    ]
    if any(c.startswith("kg_") for c in meta.get("pipeline", [])):
        lines += ["", "The pipeline contains a custom component; `import kg.nlp.components` first."]
    lines += [
        "",
        "## Accuracy (UD test files; never used for training or tuning)",
        "",
        "Gold tokenisation, one sentence per Doc, spaCy's scorer (UAS/LAS exclude punctuation),",
        "harmonised lemmas (Alpino `_` joins removed). Anchors are the figures published for",
        "spaCy's official pipelines (trained on the full UD train splits, which we do not have).",
        "",
        "| model / test set | sentences | tokens | UPOS | XPOS | morph | UAS | LAS | lemma (shipped) | lemma (trainable only) | lemma (simplemma only) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in ("alpino", "lassysmall", "combined"):
        r = ud.get(name)
        if not r:
            continue
        lines.append(
            f"| nl_kg_news, {name} | {r['sentences']} | {r['tokens']} | {_f(r['upos_acc'])} | {_f(r['xpos_acc'])} | "
            f"{_f(r['morph_acc'])} | {_f(r['uas'])} | {_f(r['las'])} | {_f(r['lemma_acc_pipeline'])} | "
            f"{_f(r.get('lemma_acc_trainable'))} | {_f(r['lemma_acc_simplemma'])} |"
        )
    for name, a in ANCHORS.items():
        lines.append(f"| {name} (anchor, NER F {a['ner_f']:.3f}) | | | {a['pos']:.3f} | | | {a['uas']:.3f} | {a['las']:.3f} | | | |")
    comb = ud.get("combined", {})
    per = comb.get("lemma_acc_by_upos", {})
    if per:
        lines += [
            "",
            "Lemma accuracy by gold UPOS (combined test), shipped pipeline vs simplemma alone"
            " (simplemma output harmonised: `af_lopen` -> `aflopen`):",
            "",
            "| UPOS | tokens | pipeline | simplemma |",
            "| --- | ---: | ---: | ---: |",
        ]
        for u, r in per.items():
            lines.append(f"| {u} | {r['n']} | {_f(r['pipeline'])} | {_f(r['simplemma'])} |")
    if lemsel:
        lines += [
            "",
            "Lemmatizer selection on held-out dev (lemma accuracy): "
            + ", ".join(f"{k} = {v}" for k, v in lemsel.items())
            + ".",
        ]
    lines += [
        "",
        "## NER",
        "",
        "Figures below are on held-out parts of the training sources and are **not** comparable to the",
        "anchors' NER F (CoNLL-2002 news gold): Europeana = 19th-century OCR newspapers (gold, CC0); silver =",
        "modern news sentences labelled by kg's gazetteer/context rules (measures agreement with the rules).",
        "Modern news gold: next section.",
        "",
        "| eval set | docs | P | R | F |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, r in ner.items():
        lines.append(f"| {name} | {r['docs']} | {_f(r['ents_p'])} | {_f(r['ents_r'])} | {_f(r['ents_f'])} |")
    lines += news_gold_section(kt.get("ner_news_gold"))
    if sp:
        lines += [
            "",
            "## Speed",
            "",
            f"{sp.get('words_per_second')} words/s ({sp.get('tokens_per_second')} tokens/s) with `nlp.pipe` on one process,",
            f"{sp.get('words')} words of 2019 Dutch news (bench corpus), batch size {sp.get('batch_size')}, full pipeline,",
            "on a shared 2-core machine.",
        ]
    lines += [
        "",
        "## Training data and attribution",
        "",
        "- **UD Dutch Alpino** and **UD Dutch LassySmall**, Universal Dependencies,",
        "  https://universaldependencies.org, licensed under CC BY-SA 4.0. Used: the partial 2017 Alpino",
        "  train file (758 sentences), the LassySmall v2.0 draft train file (5,028 sentences, sentences",
        "  occurring in current dev/test removed, comments added), and 4/5 of the current dev files",
        "  (every 5th dev sentence held out for early stopping). Changes: annotation harmonised",
        "  (lemma `_` joins removed, `flat:name`->`flat`, 2017 possessive `det`->`nmod:poss`+`Poss=Yes`,",
        "  `ExtPos` dropped, missing XPOS treated as missing).",
        "  - Gosse Bouma and Gertjan van Noord (2017), *Increasing return on annotation investment: the",
        "    automatic construction of a Universal Dependency treebank for Dutch*, UDW 2017,",
        "    https://aclanthology.org/W17-0403",
        "  - L. van der Beek, G. Bouma, R. Malouf, G. van Noord (2002), *The Alpino Dependency Treebank*,",
        "    CLIN 2001.",
        "  - G. van Noord et al. (2013), *Large Scale Syntactic Annotation of Written Dutch: Lassy*, in",
        "    Spyns & Odijk (eds.), Essential Speech and Language Technology for Dutch, Springer,",
        "    https://doi.org/10.1007/978-3-642-30910-6_9",
        "- **Europeana Newspapers NER corpora** (Dutch, KB part), https://github.com/EuropeanaNewspapers/ner-corpora/,",
        "  Europeana Newspapers Project, 2012-2015, CC0 1.0. C. Neudecker (2016), *An Open Corpus for",
        "  Named Entity Recognition in Historic Newspapers*, LREC 2016.",
        "- Raw news text (2019 bench corpus, not shipped) was used for `spacy pretrain` of the tok2vec"
        " (character objective) when `kg_training.pretrained_tok2vec.used` is true in `meta.json`.",
        "- Silver NER: sentences of the 2019 news bench corpus labelled automatically by kg's rules",
        "  (`kg/nlp/training/silver.py`, word lists in `kg/nlp/training/data/`). The article text is not",
        "  part of this folder or of the repository.",
        "",
        "SHA-256 of every data file used is in `meta.json` (`kg_training.data_sha256`).",
        "",
        "## Licence",
        "",
        "The weights in this folder are distributed under **CC BY-SA 4.0** (share-alike, as for spaCy's",
        "official Dutch pipelines trained on the same treebanks), with the attributions above.",
        "The licence of kg's source code is separate.",
        "",
    ]
    path = out / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
