"""Hand-written NER gold on news (seeds + development corpus): spec -> offsets, checks.

The gold is written by reading the articles, as per-article lists of entity strings
(``tests/gold/ner/<corpus>.ann``, format in ``tests/gold/ner/README.md``). This module
turns those lists into character offsets into each paragraph exactly as kg ingests it
(``kg.ingest.read_corpus`` + ``kg.nlp.paragraphs``) and writes ``<corpus>.jsonl``, one
span per line, so that the gold never depends on a tokenizer or on the model. The
article text itself stays outside the repository.

    python -m kg.nlp.training.news_gold build      # .ann -> .jsonl (+ checks)
    python -m kg.nlp.training.news_gold show dev 07 # bracketed text, for the second pass
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .paths import REPO_ROOT, shared_dir

LABELS = ("PER", "LOC", "ORG")
GOLD_DIR = REPO_ROOT / "tests" / "gold" / "ner"
POSSESSIVE = re.compile(r"['’]s\b")
SPEC_LINE = re.compile(r"^(?:(\d+)(?:#(\d+))?\s+)?(PER|LOC|ORG|O):\s*(.*)$")


def corpus_dirs(shared: Path | None = None) -> dict[str, Path]:
    """Where each gold corpus's articles are read from."""
    return {"seeds": REPO_ROOT / "seeds", "dev": shared_dir(shared) / "devcorpus"}


def article_paragraphs(folder: Path) -> dict[str, list[str]]:
    """{file stem: paragraph texts}, split exactly as kg splits an article."""
    from kg.ingest import read_corpus
    from kg.nlp import paragraphs

    return {a.id: [t for _, t in paragraphs(a)] for a in read_corpus([folder]).articles}


@dataclass
class ArticleSpec:
    """Entity strings of one article: for all paragraphs, or for one (``3 LOC: X``),
    or for one occurrence in one paragraph (``3#2 LOC: X``); label ``O`` blocks a string."""

    key: str
    strings: dict[str, str] = field(default_factory=dict)
    by_paragraph: dict[int, dict[str, str]] = field(default_factory=dict)
    by_occurrence: dict[tuple[int, str, int], str] = field(default_factory=dict)


def read_spec(path: Path) -> list[ArticleSpec]:
    specs: list[ArticleSpec] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("=="):
            specs.append(ArticleSpec(line[2:].strip()))
            continue
        m = SPEC_LINE.match(line)
        if not m or not specs:
            raise ValueError(f"{path}:{n}: cannot read {raw!r}")
        para, occ, label, rest = m.groups()
        for s in (x.strip() for x in rest.split(";")):
            if not s:
                continue
            if occ:
                specs[-1].by_occurrence[(int(para), s, int(occ))] = label
            elif para:
                specs[-1].by_paragraph.setdefault(int(para), {})[s] = label
            else:
                specs[-1].strings[s] = label
    return specs


def _occurrences(text: str, s: str) -> list[int]:
    """Starts of ``s`` in ``text`` as a whole word: not inside a word, a hyphenated
    compound (``EU-landen``) or a derivation (``VVD’er``); a possessive ``'s`` may follow."""
    out, i = [], text.find(s)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + len(s):i + len(s) + 2] or " "
        glued = after[0].isalnum() or after[0] == "-" or (after[0] in "'’" and after[1:].isalpha()
                                                          and not POSSESSIVE.match(text, i + len(s)))
        if not (before.isalnum() or before == "-") and not glued:
            out.append(i)
        i = text.find(s, i + 1)
    return out


def paragraph_spans(spec: ArticleSpec, i: int, text: str) -> list[tuple[int, int, str]]:
    """Longest strings first, left to right, no overlaps; a possessive ``'s`` joins the span."""
    table = dict(spec.strings)
    table.update(spec.by_paragraph.get(i, {}))
    table.update({s: "O" for (p, s, _o) in spec.by_occurrence if p == i and s not in table})
    taken = [False] * len(text)
    spans = []
    for s in sorted(table, key=lambda x: (-len(x), x)):
        for k, start in enumerate(_occurrences(text, s), 1):
            end = start + len(s)
            if any(taken[start:end]):
                continue
            label = spec.by_occurrence.get((i, s, k), table[s])
            m = POSSESSIVE.match(text, end)
            if m:
                end = m.end()
            for c in range(start, end):
                taken[c] = True
            if label != "O":
                spans.append((start, end, label))
    return sorted(spans)


def resolve(specs: list[ArticleSpec], stems: list[str]) -> dict[str, ArticleSpec]:
    """Spec keys are file stems or unique prefixes of them (``07`` for ``07_2019-...``)."""
    out = {}
    for spec in specs:
        hits = [s for s in stems if s == spec.key] or [s for s in stems if s.startswith(spec.key)]
        if len(hits) != 1:
            raise ValueError(f"article {spec.key!r} matches {len(hits)} files")
        if hits[0] in out:
            raise ValueError(f"article {hits[0]} annotated twice")
        out[hits[0]] = spec
    return out


def build(spec_path: Path, folder: Path) -> list[dict]:
    paras = article_paragraphs(folder)
    rows = []
    for stem, spec in sorted(resolve(read_spec(spec_path), sorted(paras)).items()):
        for i, text in enumerate(paras[stem]):
            for start, end, label in paragraph_spans(spec, i, text):
                rows.append({"article": stem, "paragraph": i, "start": start, "end": end,
                             "text": text[start:end], "label": label})
    return rows


def load_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def covered_articles(spec_path: Path, stems: list[str]) -> list[str]:
    """The file stems the spec annotates (an article without entities still counts)."""
    return sorted(resolve(read_spec(spec_path), stems))


def check(rows: list[dict], paras: dict[str, list[str]] | None = None) -> list[str]:
    """Problems: bad labels, overlapping spans, and (given the texts) offsets whose text differs."""
    problems = []
    last: dict[tuple[str, int], int] = {}
    for r in sorted(rows, key=lambda r: (r["article"], r["paragraph"], r["start"])):
        where = f"{r['article']}[{r['paragraph']}] {r['start']}:{r['end']} {r['text']!r}"
        if r["label"] not in LABELS:
            problems.append(f"{where}: label {r['label']!r}")
        if not 0 <= r["start"] < r["end"] or r["end"] - r["start"] != len(r["text"]):
            problems.append(f"{where}: bad offsets")
        key = (r["article"], r["paragraph"])
        if r["start"] < last.get(key, 0):
            problems.append(f"{where}: overlaps the previous span")
        last[key] = r["end"]
        if paras is not None:
            texts = paras.get(r["article"])
            if texts is None or r["paragraph"] >= len(texts):
                problems.append(f"{where}: no such article or paragraph")
            elif texts[r["paragraph"]][r["start"]:r["end"]] != r["text"]:
                problems.append(f"{where}: text at offsets is {texts[r['paragraph']][r['start']:r['end']]!r}")
    return problems


def show(rows: list[dict], paras: dict[str, list[str]], prefix: str) -> str:
    """The article with gold spans bracketed, and capitalised words outside spans that
    do not start a sentence (candidates for a missed entity)."""
    out = []
    for stem in sorted(s for s in paras if s.startswith(prefix)):
        out.append(f"=== {stem}")
        for i, text in enumerate(paras[stem]):
            spans = [r for r in rows if r["article"] == stem and r["paragraph"] == i]
            pieces, pos, free = [], 0, []
            for r in spans:
                free.append(text[pos:r["start"]])
                pieces += [text[pos:r["start"]], f"[{r['text']}]{r['label']}"]
                pos = r["end"]
            pieces.append(text[pos:])
            free.append(text[pos:])
            caps = sorted({m.group(1) for f in free for m in re.finditer(r"(?<![.!?:“\"‘'] )(?<!^)\b([A-Z][\w’'-]+)", f)})
            out.append(f"[{i}] " + "".join(pieces) + (f"\n    caps: {', '.join(caps)}" if caps else ""))
    return "\n".join(out)


def ner_training_overlap(predicted: dict, cache: str | Path) -> dict[str, int]:
    """Sentences of each gold article that also occur (case and punctuation aside) in the
    NER training/dev DocBins of the cache (Europeana + silver news); {stem: count}."""
    import re

    import spacy
    from spacy.tokens import DocBin

    from .silver import split_sentences

    def norm(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.lower()))

    vocab = spacy.blank("nl").vocab
    seen = set()
    for name in ("ner-train.spacy", "ner-dev.spacy"):
        if (Path(cache) / name).exists():
            for doc in DocBin().from_disk(Path(cache) / name).get_docs(vocab):
                seen |= {norm(s) for s in split_sentences(doc.text)} | {norm(doc.text)}
    out = {}
    for (_corpus, stem), art in sorted(predicted.items()):
        sents = [norm(s) for t in art["paragraphs"] for s in split_sentences(t)]
        n = sum(1 for s in sents if len(s.split()) >= 4 and s in seen)
        if n:
            out[stem] = n
    return out


def news_gold_errors(predicted: dict) -> list[tuple[str, str, str, str]]:
    """(kind, article, gold, predicted) for every disagreement: label (same span), boundary
    (overlapping spans, same label), boundary+label, missed, spurious."""
    errors = []
    for (_corpus, stem), art in sorted(predicted.items()):
        gold, pred = set(art["gold"]), set(art["pred"])
        text = art["paragraphs"]

        def show(s):
            return f"{text[s[0]][s[1]:s[2]]!r}/{s[3]}"

        def overlapping(a, others):
            return [o for o in others if o[0] == a[0] and o[1] < a[2] and a[1] < o[2]]

        for g in sorted(gold - pred):
            hits = overlapping(g, pred - gold)
            if not hits:
                errors.append(("missed", stem, show(g), ""))
                continue
            for p in hits:
                kind = "label" if p[1:3] == g[1:3] else ("boundary" if p[3] == g[3] else "boundary+label")
                errors.append((kind, stem, show(g), show(p)))
        for p in sorted(pred - gold):
            if not overlapping(p, gold - pred) and not overlapping(p, gold):
                errors.append(("spurious", stem, "", show(p)))
    return errors


def _given_label(gold: tuple, pred: list[tuple]) -> str:
    """The label the NER gives a gold mention: ``PER`` (exact span), ``~PER`` (an overlapping
    span with other boundaries) or ``-`` (none)."""
    exact = [p[3] for p in pred if p[:3] == gold[:3]]
    near = [p[3] for p in pred if p[0] == gold[0] and p[1] < gold[2] and gold[1] < p[2]]
    return exact[0] if exact else ("~" + near[0] if near else "-")


def seeds_report(predicted: dict, seeds_tsv: str | Path, entities_tsv: str | Path) -> dict:
    """For each person, country and organisation named as subject/object in seeds.tsv:
    is one of its named mentions in that article found with the right label, and which
    labels does the NER give its mentions. Pairs without a named mention are counted apart."""
    import csv

    with open(entities_tsv, encoding="utf-8") as fh:
        ents = {r["name"]: r for r in csv.DictReader(fh, delimiter="\t")}
    pairs = set()
    with open(seeds_tsv, encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            pairs |= {(r["article"], r[k]) for k in ("subject", "object") if r[k] in ents}
    rows, by_kind = [], defaultdict(Counter)
    for stem, name in sorted(pairs):
        art, ent = predicted[("seeds", stem)], ents[name]
        forms = set(ent["forms"].split(";"))
        mentions = [g for g in art["gold"] if art["paragraphs"][g[0]][g[1]:g[2]] in forms]
        labels = Counter(_given_label(m, art["pred"]) for m in mentions)
        found = labels[ent["label"]] > 0
        by_kind[ent["kind"]]["pairs"] += 1
        by_kind[ent["kind"]]["named"] += bool(mentions)
        by_kind[ent["kind"]]["found"] += found
        by_kind[ent["kind"]]["mentions"] += len(mentions)
        by_kind[ent["kind"]]["mentions_right"] += labels[ent["label"]]
        rows.append({"article": stem, "name": name, "kind": ent["kind"], "label": ent["label"],
                     "mentions": len(mentions), "found": found, "ner_labels": dict(sorted(labels.items()))})
    total = Counter()
    for c in by_kind.values():
        total.update(c)
    return {"by_kind": {k: dict(v) for k, v in sorted(by_kind.items())}, "total": dict(total), "pairs": rows}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.nlp.training.news_gold", description=__doc__.split("\n\n")[0])
    p.add_argument("command", choices=("build", "check", "show"))
    p.add_argument("corpus", nargs="?", default=None, help="seeds or dev (default: both)")
    p.add_argument("article", nargs="?", default="", help="file-stem prefix (show)")
    p.add_argument("--gold", type=Path, default=GOLD_DIR)
    p.add_argument("--shared", type=Path, default=None)
    args = p.parse_args(argv)
    bad = 0
    for corpus, folder in corpus_dirs(args.shared).items():
        if args.corpus not in (None, corpus):
            continue
        paras = article_paragraphs(folder)
        spec, out = args.gold / f"{corpus}.ann", args.gold / f"{corpus}.jsonl"
        if args.command == "build":
            rows = build(spec, folder)
            out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        rows = load_gold(out)
        problems = check(rows, paras)
        bad += len(problems)
        print("\n".join(problems) or f"{out.name}: {len(rows)} spans, "
              f"{len({r['article'] for r in rows})} articles with entities, offsets checked", file=sys.stderr)
        if args.command == "show":
            print(show(rows, paras, args.article))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
