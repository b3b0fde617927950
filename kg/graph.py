"""Graph: extraction records → an rdflib Graph following the output contract.

Entities become one IRI per actor across articles; every fact becomes a
``rdf:Statement`` node with provenance, and positive facts also a direct triple.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Iterable
from importlib import resources
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, DCTERMS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg.extract.records import ENTITY_TYPES, ArticleFacts, EntityRef, Relation
from kg.ingest import Article
from kg.vocabulary import relation_types

DEFAULT_BASE_IRI = "https://example.org/kg/"
SCHEMA = Namespace("http://schema.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
TYPE_CLASS = {"Person": SCHEMA.Person, "Country": SCHEMA.Country,
              "Organization": SCHEMA.Organization, "Place": SCHEMA.Place,
              "Event": SCHEMA.Event}


@dataclass(frozen=True)
class Namespaces:
    """The project's namespaces, all under one configurable base IRI."""

    base: str

    @classmethod
    def from_env(cls, base: str | None = None) -> "Namespaces":
        base = base or os.environ.get("KG_BASE_IRI") or DEFAULT_BASE_IRI
        return cls(base if base.endswith(("/", "#")) else base + "/")

    @property
    def kgo(self) -> Namespace:
        return Namespace(self.base + "ontology#")

    @property
    def ent(self) -> Namespace:
        return Namespace(self.base + "entity/")

    @property
    def art(self) -> Namespace:
        return Namespace(self.base + "article/")

    @property
    def stmt(self) -> Namespace:
        return Namespace(self.base + "statement/")


def slug(name: str) -> str:
    """A readable, always-valid IRI segment derived from a name (stable, no counters).

    Names that fold to plain ASCII words keep a readable slug (``Syrië`` → ``Syrie``);
    anything else gets a short hash so distinct names never share an IRI."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "_", folded).strip("_")
    if text and re.sub(r"[\s\-]+", "_", folded.strip()) == text:
        return text
    return (text + "_" if text else "x") + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def unique_slugs(labels: set[str]) -> dict[str, str]:
    """Slugs for all labels; names that would share one get a hash each."""
    groups: dict[str, list[str]] = defaultdict(list)
    for label in sorted(labels):
        groups[slug(label)].append(label)
    out = {}
    for s, members in groups.items():
        for label in members:
            out[label] = s if len(members) == 1 else \
                f"{s}_{hashlib.sha1(label.encode('utf-8')).hexdigest()[:8]}"
    return out


def merge_people(refs: set[EntityRef]) -> dict[EntityRef, EntityRef]:
    """Map a bare surname ('Blok') to the one full name that ends with it ('Stef Blok')."""
    full = defaultdict(set)
    for ref in refs:
        if ref.type == "Person" and " " in ref.label:
            full[ref.label.split()[-1].lower()].add(ref)
    mapping = {}
    for ref in refs:
        if ref.type == "Person" and " " not in ref.label:
            candidates = full.get(ref.label.lower(), set())
            if len(candidates) == 1:
                mapping[ref] = next(iter(candidates))
    return mapping


def resolve_types(refs: set[EntityRef], merged: dict[EntityRef, EntityRef]) -> dict[EntityRef, EntityRef]:
    """One actor per label: a label seen with several types takes the most frequent
    (ties by the fixed type order), so NER noise never splits an actor in two."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for ref in refs:
        target = merged.get(ref, ref)
        votes[target.label][target.type] += 1
    chosen = {label: max(ENTITY_TYPES, key=lambda t: (c[t], -ENTITY_TYPES.index(t)))
              for label, c in votes.items()}
    return {ref: EntityRef(merged.get(ref, ref).label, chosen[merged.get(ref, ref).label])
            for ref in refs}


@dataclass(frozen=True)
class EntityRefs:
    """Every entity reference of some articles: the input of the cross-article merge.
    ``a | b`` combines two parts, so the merge can run as a reduce over article batches."""

    mentioned: frozenset[EntityRef] = frozenset()
    taking_part: frozenset[EntityRef] = frozenset()

    def __or__(self, other: "EntityRefs") -> "EntityRefs":
        return EntityRefs(self.mentioned | other.mentioned, self.taking_part | other.taking_part)


def entity_refs(facts: Iterable[ArticleFacts]) -> EntityRefs:
    mentioned, taking_part = set(), set()
    for f in facts:
        mentioned.update(m.entity for m in f.mentions)
        for r in f.relations:
            taking_part.update(x for x in (r.subject, r.object, r.about, r.for_, r.location,
                                           r.attributed_to) if x)
    return EntityRefs(frozenset(mentioned), frozenset(taking_part))


def canonical_entities(refs: EntityRefs) -> dict[EntityRef, EntityRef]:
    """Each reference → its actor: surnames joined to full names, one type per label."""
    every = set(refs.mentioned | refs.taking_part)
    return resolve_types(every, merge_people(every))


def _statement_key(rel: Relation) -> str:
    """One statement per (fact, article); a symmetric fact is the same in both directions."""
    ends = [(rel.subject.label, rel.subject.type), (rel.object.label, rel.object.type)]
    if relation_types()[rel.relation].symmetric:
        ends.sort()
    key = "\x1f".join([rel.article_id, *ends[0], rel.relation, *ends[1], rel.polarity])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@cache
def wikidata_ids() -> dict[tuple[str, str], str]:
    """(label, type) → Wikidata QID from kg/data/wikidata.tsv (offline, hand-checked)."""
    text = resources.files("kg.data").joinpath("wikidata.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {(label, type_): qid for label, type_, qid in rows}


def _decimal(value: float) -> str:
    """Two decimals in xsd:decimal's canonical form ('0.5', not '0.50'): stores such as
    Oxigraph keep only the value, and must give back the lexical form kg wrote."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _date_literal(date: str) -> Literal:
    return Literal(date, datatype=XSD.date if len(date) == 10 else XSD.gYearMonth)


class GraphBuilder:
    """Accumulates articles and their facts, then emits one rdflib Graph."""

    def __init__(self, ns: Namespaces | None = None):
        self.ns = ns or Namespaces.from_env()
        self.articles: list[Article] = []
        self.facts: list[ArticleFacts] = []
        self._slugs: dict[str, str] = {}

    def add(self, article: Article, facts: ArticleFacts) -> None:
        self.articles.append(article)
        self.facts.append(facts)

    def entity_iri(self, ref: EntityRef) -> URIRef:
        return self.ns.ent[self._slugs.get(ref.label) or slug(ref.label)]

    def build(self, refs: EntityRefs | None = None,
              canon: dict[EntityRef, EntityRef] | None = None) -> Graph:
        """The graph. A distributed build passes what its reduce step computed: all
        articles' entity references and their merge (:func:`canonical_entities`)."""
        ns = self.ns
        g = Graph()
        for prefix, space in (("kgo", ns.kgo), ("ent", ns.ent), ("art", ns.art),
                              ("stmt", ns.stmt), ("schema", SCHEMA), ("prov", PROV),
                              ("dcterms", DCTERMS), ("skos", SKOS), ("owl", OWL),
                              ("wd", WIKIDATA)):
            g.bind(prefix, space, replace=True)

        refs = entity_refs(self.facts) if refs is None else refs
        canon = canonical_entities(refs) if canon is None else canon
        # The graph holds the actors that take part in facts; mentions only add names.
        in_facts = {canon[r].label for r in refs.taking_part}
        self._slugs = unique_slugs({r.label for r in canon.values()})

        def c(ref: EntityRef | None) -> EntityRef | None:
            return canon[ref] if ref else None

        aliases: dict[EntityRef, set[str]] = defaultdict(set)
        for f in self.facts:
            for m in f.mentions:
                aliases[c(m.entity)].add(m.text)
        for ref in refs.mentioned | refs.taking_part:
            aliases[c(ref)].add(ref.label)
        for ref, names in aliases.items():
            if ref.label not in in_facts:
                continue
            iri = self.entity_iri(ref)
            g.add((iri, RDF.type, TYPE_CLASS[ref.type]))
            g.add((iri, RDFS.label, Literal(ref.label)))
            for name in names - {ref.label}:
                g.add((iri, SKOS.altLabel, Literal(name)))
            if qid := wikidata_ids().get((ref.label, ref.type)):
                g.add((iri, OWL.sameAs, WIKIDATA[qid]))

        for article in self.articles:
            a = self.article_iri(article)
            g.add((a, RDF.type, SCHEMA.NewsArticle))
            g.add((a, DCTERMS.identifier, Literal(article.id)))
            for path in article.paths:  # every input file with this text (duplicates too)
                g.add((a, DCTERMS.source, Literal(os.path.basename(path))))
            g.add((a, DCTERMS.title, Literal(article.title)))
            if article.date:
                g.add((a, DCTERMS.date, _date_literal(article.date)))

        relations_used: set[str] = set()
        for f in self.facts:
            first: dict[str, Relation] = {}
            sentences: dict[str, set[int]] = defaultdict(set)  # two readings of one sentence: one mention
            for rel in sorted(f.relations, key=lambda r: (r.char_start, r.char_end)):
                rel = Relation(**{**rel.__dict__, "subject": c(rel.subject), "object": c(rel.object),
                                  "about": c(rel.about), "for_": c(rel.for_), "location": c(rel.location),
                                  "attributed_to": c(rel.attributed_to)})
                if rel.subject == rel.object:
                    continue
                key = _statement_key(rel)
                sentences[key].add(rel.char_start)
                first.setdefault(key, rel)
            for key, rel in first.items():
                self._add_statement(g, key, rel, len(sentences[key]))
                relations_used.add(rel.relation)
        self._add_terms(g, relations_used)
        return g

    def article_iri(self, article: Article) -> URIRef:
        return self.ns.art[quote(article.id, safe="")]

    def _add_statement(self, g: Graph, key: str, rel: Relation, mentions: int) -> None:
        kgo = self.ns.kgo
        s, o = self.entity_iri(rel.subject), self.entity_iri(rel.object)
        p = kgo[relation_types()[rel.relation].local_name]
        node = self.ns.stmt[key]
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, p))
        g.add((node, RDF.object, o))
        g.add((node, PROV.wasDerivedFrom, self.ns.art[quote(rel.article_id, safe="")]))
        g.add((node, kgo.evidence, Literal(rel.evidence)))
        g.add((node, kgo.charStart, Literal(rel.char_start)))
        g.add((node, kgo.charEnd, Literal(rel.char_end)))
        g.add((node, kgo.confidence, Literal(_decimal(rel.confidence), datatype=XSD.decimal)))
        g.add((node, kgo.polarity, Literal(rel.polarity)))
        g.add((node, kgo.mentions, Literal(mentions)))
        g.add((node, kgo.construction, Literal(rel.construction)))
        for prop, ref in (("about", rel.about), ("for", rel.for_), ("location", rel.location),
                          ("attributedTo", rel.attributed_to)):
            if ref is not None:
                g.add((node, kgo[prop], self.entity_iri(ref)))
        if rel.date:
            g.add((node, kgo.date, _date_literal(rel.date)))
        if rel.polarity == "positive":
            g.add((s, p, o))

    def _add_terms(self, g: Graph, used: set[str]) -> None:
        """The export explains itself: every kgo: term it uses, described as in the
        ontology (kg/ontology.py, generated from relations.toml and kg/data/ontology.ttl)."""
        from kg.ontology import terms_for

        for triple in terms_for(used, self.ns):
            g.add(triple)
