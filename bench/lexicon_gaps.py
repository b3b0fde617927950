"""Lexicon gaps: verbs and event nouns that link two actors but have no frame.

Reads real news (``../shared/bench/news.jsonl.gz``, politics titles by default), parses it
with the shipped pipeline and repairs the parse as kg does, then counts

* verbs with no frame in ``kg/data/verbs.toml`` whose subject and whose object or oblique
  both resolve to actors (key: lemma and the oblique's preposition), and
* nouns with no event frame that carry a ``van`` phrase or are a verb's object, and have
  an actor in another prepositional phrase (key: lemma and prepositions),

printing the most frequent with one example sentence each. A frequent gap is a candidate
frame, to be added only after reading its examples: the counts say where facts are lost,
not what they mean.

    python bench/lexicon_gaps.py [--articles 1000] [--top 60] [--title-pattern REGEX]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from kg.extract.context import verb_lemmas
from kg.extract.entities import ArticleEntities
from kg.extract.lexicon import lexicon
from kg.extract.nominal import noun_frame
from kg.extract.records import ACTOR_TYPES
from kg.extract.repair import repair
from kg.ingest import Article
from kg.nlp import load_pipeline, parse

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "news.jsonl.gz"
POLITICS = (r"\b(minister|premier|president|kabinet|Kamer|EU|rechter|rechtbank|Rutte|Trump|"
            r"Poetin|Brexit|VN|NAVO|regering|partij|Iran|China|Rusland|Turkije|oppositie)\b")


def articles(path: Path, limit: int, pattern: str) -> list[Article]:
    wanted, out = re.compile(pattern), []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            if wanted.search(a["title"]) and 150 <= a["words"] <= 900:
                out.append(Article(id=a["id"], text=a["text"], title=a["title"], date=a["date"]))
                if len(out) == limit:
                    break
    return out


def _actors(entities: ArticleEntities, tok, other=None) -> list:
    return [r for r in entities.resolve(tok) if r.ref.type in ACTOR_TYPES and r.ref != other]


def _case(tok) -> str | None:
    return next((c.lower_ for c in tok.children if c.dep_ == "case"), None)


def gaps(docs, lex) -> tuple[Counter, dict]:
    counts: Counter = Counter()
    examples: dict = {}
    for article, paragraphs in docs:
        entities = ArticleEntities(lex, article.id, date=article.date)
        for para in paragraphs:
            repair(para.doc, lex)
            entities.read(para.doc, para.offset)
            for sent in para.doc.sents:
                for key in _sentence_gaps(sent, entities, lex):
                    counts[key] += 1
                    examples.setdefault(key, sent.text.strip())
                entities.note(sent)
    return counts, examples


def _sentence_gaps(sent, entities, lex):
    for tok in sent:
        if tok.pos_ == "VERB" and not any(x in lex.frames for x in verb_lemmas(tok)):
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            actors = _actors(entities, subject) if subject is not None else []
            for c in tok.children if actors else ():
                if (c.dep_ in ("obj", "iobj") or c.dep_.startswith("obl")) and _actors(entities, c, actors[0].ref):
                    yield ("verb", verb_lemmas(tok)[0], _case(c) or c.dep_)
        elif tok.pos_ == "NOUN" and tok.i not in entities.by_token \
                and noun_frame(tok.lemma_.lower(), lex) is None:
            preps = sorted({_case(c) for c in tok.children if c.dep_.startswith("nmod")
                            and _case(c) and _actors(entities, c)})
            if [p for p in preps if p != "van"] and ("van" in preps or tok.dep_ == "obj"):
                yield ("noun", tok.lemma_.lower(), "+".join(preps))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--title-pattern", default=POLITICS)
    args = ap.parse_args()
    lex = lexicon()
    docs = parse(load_pipeline(None), articles(args.bench, args.articles, args.title_pattern))
    counts, examples = gaps(docs, lex)
    for key, n in counts.most_common(args.top):
        print(f"{n:4d}  {' '.join(key):40s}  {examples[key][:150]}")


if __name__ == "__main__":
    main()
