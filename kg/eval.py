"""Eval: precision and recall of a graph's statements against a gold TSV file.

Matching follows the output contract: subject and object names match an entity's
``rdfs:label`` or any ``skos:altLabel`` (case- and accent-insensitive), relation
labels match exactly, polarity must agree, and symmetric relations match in either
direction. Each gold row matches at most one statement and vice versa.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, Graph, URIRef

from kg.vocabulary import relation_types

GOLD_COLUMNS = ["article", "subject", "relation", "object", "extra", "polarity", "evidence", "core"]

ACTOR_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?e ?name ?label ?person WHERE {
  ?e a ?t . FILTER(STRSTARTS(STR(?t), "http://schema.org/") && ?t != schema:NewsArticle)
  { ?e rdfs:label ?name BIND(true AS ?label) } UNION { ?e skos:altLabel ?name BIND(false AS ?label) }
  BIND(EXISTS { ?e a schema:Person } AS ?person)
}
"""


class GoldError(Exception):
    pass


def norm(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class GoldFact:
    article: str
    subject: str
    relation: str
    object: str
    extra: str
    polarity: str
    evidence: str
    core: bool


@dataclass(frozen=True)
class GraphFact:
    iri: str
    article: str
    relation: str
    polarity: str
    subject_names: frozenset[str]
    object_names: frozenset[str]
    evidence: str
    construction: str
    confidence: float | None = None
    subject_label: str = ""   # rdfs:label, for reports (names are folded altLabels too)
    object_label: str = ""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalResult:
    overall: Score
    per_relation: dict[str, Score]
    core_found: int
    core_total: int
    missed: list[GoldFact] = field(default_factory=list)
    spurious: list[GraphFact] = field(default_factory=list)
    matched: list[GraphFact] = field(default_factory=list)
    actors: int = 0
    duplicates: dict[str, list[str]] = field(default_factory=dict)

    @property
    def core_recall(self) -> float:
        return self.core_found / self.core_total if self.core_total else 0.0


def read_gold(path: Path) -> list[GoldFact]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t"))
    except OSError as err:
        raise GoldError(f"{path}: cannot read gold file ({err.strerror})") from None
    if not rows or [c.strip() for c in rows[0]] != GOLD_COLUMNS:
        raise GoldError(f"{path}: header must be {' '.join(GOLD_COLUMNS)} (tab-separated)")
    known = relation_types()
    facts = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row) or row[0].startswith("#"):
            continue
        if len(row) != len(GOLD_COLUMNS):
            raise GoldError(f"{path}:{n}: expected {len(GOLD_COLUMNS)} columns, got {len(row)}")
        fact = GoldFact(*[c.strip() for c in row[:7]], core=row[7].strip() == "1")
        if fact.relation not in known:
            raise GoldError(f"{path}:{n}: unknown relation {fact.relation!r}")
        if fact.polarity not in ("positive", "negative"):
            raise GoldError(f"{path}:{n}: polarity must be positive or negative")
        facts.append(fact)
    return facts


def _ontology_property(graph: Graph, name: str) -> URIRef | None:
    """The ``kgo:`` property called ``name`` (its namespace follows the build's base IRI)."""
    return next((p for p in sorted(graph.predicates(unique=True))
                 if str(p).endswith("ontology#" + name)), None)


def graph_facts(graph: Graph) -> list[GraphFact]:
    """Every statement node with its article, relation, polarity and the folded names of
    its subject and object (label and altLabels). Read through rdflib's triple index: a
    SPARQL query with variable predicates took minutes on a few thousand statements."""
    polarity, evidence = _ontology_property(graph, "polarity"), _ontology_property(graph, "evidence")
    construction = _ontology_property(graph, "construction")
    confidence = _ontology_property(graph, "confidence")
    if polarity is None or evidence is None:
        return []
    actors: dict = {}

    def actor(entity) -> tuple[str, frozenset[str]] | None:
        if entity not in actors:
            labels = sorted(str(x) for x in graph.objects(entity, RDFS.label))
            other = [str(x) for x in graph.objects(entity, SKOS.altLabel)]
            actors[entity] = (labels[0], frozenset(norm(x) for x in labels + other)) if labels else None
        return actors[entity]

    def first(node, prop):
        values = sorted(graph.objects(node, prop)) if prop is not None else []
        return values[0] if values else None

    facts = []
    for st in sorted(graph.subjects(RDF.type, RDF.Statement)):
        subject, obj = actor(first(st, RDF.subject)), actor(first(st, RDF.object))
        predicate, article = first(st, RDF.predicate), first(st, PROV.wasDerivedFrom)
        ident = first(article, DCTERMS.identifier) if article is not None else None
        relation = next((str(x) for x in sorted(graph.objects(predicate, RDFS.label))
                         if getattr(x, "language", None) == "en"), None) if predicate else None
        pol, ev = first(st, polarity), first(st, evidence)
        if None in (subject, obj, ident, relation, pol, ev):
            continue
        conf = first(st, confidence)
        facts.append(GraphFact(str(st), str(ident), relation, str(pol), subject[1], obj[1], str(ev),
                               str(first(st, construction) or ""),
                               None if conf is None else float(conf), subject[0], obj[0]))
    return facts


def _matches(g: GoldFact, f: GraphFact, symmetric: set[str]) -> bool:
    if (g.article, g.relation, g.polarity) != (f.article, f.relation, f.polarity):
        return False
    s, o = norm(g.subject), norm(g.object)
    if s in f.subject_names and o in f.object_names:
        return True
    return g.relation in symmetric and s in f.object_names and o in f.subject_names


def evaluate(gold: list[GoldFact], graph: Graph) -> EvalResult:
    """Greedy one-to-one matching within each article; only gold articles are scored."""
    symmetric = {t.label for t in relation_types().values() if t.symmetric}
    articles = {g.article for g in gold}
    facts = sorted((f for f in graph_facts(graph) if f.article in articles), key=lambda f: f.iri)
    used: set[str] = set()
    per_relation: dict[str, Score] = defaultdict(Score)
    overall = Score()
    core_found = core_total = 0
    missed = []
    for g in gold:
        hit = next((f for f in facts if f.iri not in used and _matches(g, f, symmetric)), None)
        core_total += g.core
        if hit:
            used.add(hit.iri)
            overall.tp += 1
            per_relation[g.relation].tp += 1
            core_found += g.core
        else:
            overall.fn += 1
            per_relation[g.relation].fn += 1
            missed.append(g)
    spurious = [f for f in facts if f.iri not in used]
    for f in spurious:
        overall.fp += 1
        per_relation[f.relation].fp += 1
    matched = [f for f in facts if f.iri in used]
    actors, duplicates = duplicate_actors(graph)
    return EvalResult(overall, dict(sorted(per_relation.items())), core_found, core_total,
                      missed, spurious, matched, actors, duplicates)


def duplicate_actors(graph: Graph) -> tuple[int, dict[str, list[str]]]:
    """The number of actors, and each name (label or alias, compared as ``kg eval``
    compares names) that more than one actor carries, or that one actor carries and
    another person's name ends in: candidates for a missed merge."""
    holders: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)    # person labels
    surnames: dict[str, set[str]] = defaultdict(set)  # the word-final parts of person labels
    actors = set()
    for row in graph.query(ACTOR_NAMES):
        actors.add(str(row.e))
        name = norm(str(row.name))
        holders[name].add(str(row.e))
        if row.person.toPython() and row.label.toPython():
            labels[name].add(str(row.e))
            words = name.split()
            for i in range(1, len(words)):
                surnames[" ".join(words[i:])].add(str(row.e))
    for name, iris in labels.items():  # "Blok" left apart from "Stef Blok"
        if surnames.get(name, iris) - iris:
            holders[name] |= iris | surnames[name]
    return len(actors), {name: sorted(iris) for name, iris in sorted(holders.items())
                         if len(iris) > 1}


def _by_construction(result: EvalResult) -> dict[str, tuple[int, int]]:
    """(true, false) positives per extraction construction: which patterns misfire."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f in result.matched:
        table[f.construction][0] += 1
    for f in result.spurious:
        table[f.construction][1] += 1
    return {k: (v[0], v[1]) for k, v in table.items()}


#: Lower edges of the confidence bins in the calibration table.
CONFIDENCE_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def calibration(result: EvalResult) -> list[tuple[str, int, float, float]]:
    """Per confidence bin: statements, their mean confidence and the share that gold
    confirms. A calibrated score has the two close (only gold articles count)."""
    bins: dict[float, list[tuple[float, bool]]] = defaultdict(list)
    for facts, correct in ((result.matched, True), (result.spurious, False)):
        for f in facts:
            if f.confidence is not None:
                edge = max(b for b in CONFIDENCE_BINS if b <= f.confidence)
                bins[edge].append((f.confidence, correct))
    rows = []
    for i, edge in enumerate(CONFIDENCE_BINS):
        if bins[edge]:
            top = CONFIDENCE_BINS[i + 1] if i + 1 < len(CONFIDENCE_BINS) else 1.0
            scores = bins[edge]
            rows.append((f"{edge:.1f}–{top:.1f}", len(scores),
                         sum(c for c, _ in scores) / len(scores),
                         sum(ok for _, ok in scores) / len(scores)))
    return rows


def report(result: EvalResult, errors: bool = False) -> str:
    o = result.overall
    lines = [f"precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}  "
             f"core recall {result.core_recall:.3f} ({result.core_found}/{result.core_total})  "
             f"[tp {o.tp} fp {o.fp} fn {o.fn}]",
             f"actors {result.actors}, names shared by more than one actor {len(result.duplicates)}",
             "", f"{'relation':<20} {'P':>6} {'R':>6} {'F1':>6}  tp  fp  fn"]
    for rel, s in result.per_relation.items():
        lines.append(f"{rel:<20} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:3d} {s.fp:3d} {s.fn:3d}")
    if errors:
        lines += ["", f"{'construction':<20} {'P':>6}  tp  fp"]
        for name, (tp, fp) in sorted(_by_construction(result).items()):
            lines.append(f"{name or '?':<20} {tp / (tp + fp) if tp + fp else 0:6.3f} {tp:3d} {fp:3d}")
        lines += ["", f"{'confidence':<20} {'n':>4} {'mean':>6} {'correct':>8}"]
        for label, n, mean, share in calibration(result):
            lines.append(f"{label:<20} {n:4d} {mean:6.2f} {share:8.2f}")
        lines += ["", "missed (gold facts not found):"]
        lines += [f"  {g.article}\t{g.subject} —{g.relation}→ {g.object} ({g.polarity})" for g in result.missed]
        lines += ["", "spurious (statements not in gold):"]
        lines += [f"  {f.article}\t{f.subject_label or min(f.subject_names)} —{f.relation}→ "
                  f"{f.object_label or min(f.object_names)} "
                  f"({f.polarity}, {f.construction})" for f in result.spurious]
        lines += ["", "names shared by more than one actor (a missed merge, or two actors with one name):"]
        lines += [f"  {name}\t{' '.join(iris)}" for name, iris in result.duplicates.items()]
    return "\n".join(lines) + "\n"
