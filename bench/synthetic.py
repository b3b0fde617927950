"""Synthetic kg graphs of any size, shaped like real builds, for the query benchmark.

Extraction records (as ``kg.extract`` makes them) are fed to ``kg.graph.GraphBuilder``:
actors drawn with preferential attachment (a few take part in thousands of facts),
45 % people, 25 % organisations, 15 % countries, 10 % places, 5 % events; every
relation of the vocabulary; 10 % denied facts; five facts per article; dates over six
years; a fifth of the facts with a location or an `about` entity.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract.records import ArticleFacts, EntityRef, Mention, Relation  # noqa: E402
from kg.graph import GraphBuilder, Namespaces  # noqa: E402
from kg.ingest import Article  # noqa: E402
from kg.vocabulary import relation_types  # noqa: E402

TYPES = [("Person", 45), ("Organization", 25), ("Country", 15), ("Place", 10), ("Event", 5)]
SYLLABLES = ["ba", "ke", "lo", "mi", "ru", "sa", "te", "vo", "dra", "gen", "hol", "kin", "mar",
             "nov", "per", "stan", "vel", "wijk", "zon"]
FACTS_PER_ARTICLE = 5
#: Triples per fact, measured on builds of this generator (statement node, entities, article).
TRIPLES_PER_FACT = 15.5


def _actor(rng: random.Random, i: int) -> EntityRef:
    etype = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    label = f"{word} {rng.choice(SYLLABLES).capitalize()}{i}" if etype == "Person" else f"{word}{i}"
    return EntityRef(label, etype)


def builder(triples: int, seed: int = 7) -> GraphBuilder:
    """A GraphBuilder holding about ``triples`` triples' worth of articles and facts."""
    rng = random.Random(seed)
    relations = sorted(relation_types())
    articles = max(1, round(triples / TRIPLES_PER_FACT / FACTS_PER_ARTICLE))
    actors: list[EntityRef] = []
    drawn: list[EntityRef] = []  # every use, so popular actors are drawn more often

    def pick() -> EntityRef:
        if not drawn or rng.random() < 0.3:
            actors.append(_actor(rng, len(actors)))
            drawn.append(actors[-1])
            return actors[-1]
        ref = rng.choice(drawn)
        drawn.append(ref)
        return ref

    b = GraphBuilder(Namespaces.from_env())
    for n in range(articles):
        year, month = 2019 + n % 6, 1 + n % 12
        text = f"Synthetisch artikel {n}."
        article = Article(f"art-{n:07d}", text, text, f"{year}-{month:02d}")
        facts = ArticleFacts(article.id)
        for k in range(FACTS_PER_ARTICLE):
            s, o = pick(), pick()
            while o == s:
                o = pick()
            extra = pick() if rng.random() < 0.2 else None
            facts.mentions += [Mention(article.id, 0, 5, s.label, s), Mention(article.id, 6, 9, o.label, o)]
            facts.relations.append(Relation(
                article.id, s, relations[rng.randrange(len(relations))], o,
                "negative" if rng.random() < 0.1 else "positive", f"{s.label} … {o.label}.",
                k * 10, k * 10 + 9, round(rng.uniform(0.4, 0.95), 2), "synthetic",
                about=extra if extra and extra.type == "Event" else None,
                location=extra if extra and extra.type in ("Place", "Country") else None,
                date=f"{year}-{month:02d}"))
        b.add(article, facts)
    return b
