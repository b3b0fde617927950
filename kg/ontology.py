"""The kgo: ontology: hand-written terms (kg/data/ontology.ttl) plus relation properties
generated from the relation vocabulary (kg/data/relations.toml), so the two never drift.

Data files are written against the default base IRI and rebased here, so a graph built
with ``--base-iri`` gets an ontology (and SHACL shapes) in its own namespace.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph import DEFAULT_BASE_IRI, TYPE_CLASS, Namespaces
from kg.vocabulary import RelationType, relation_types

#: Non-relation kgo: terms that every export uses (statement provenance).
STATEMENT_TERMS = ("evidence", "charStart", "charEnd", "confidence", "polarity", "mentions",
                   "construction", "date", "family", "about", "for", "location", "attributedTo")


def ontology_iri(ns: Namespaces) -> URIRef:
    return URIRef(ns.base + "ontology")


@cache
def _data_text(name: str) -> str:
    return resources.files("kg.data").joinpath(name).read_text("utf-8")


def rebase(graph: Graph, ns: Namespaces) -> Graph:
    """A copy of ``graph`` whose IRIs under the default base move to ``ns.base``."""
    if ns.base == DEFAULT_BASE_IRI:
        return graph

    def move(term: Node) -> Node:
        if isinstance(term, URIRef) and str(term).startswith(DEFAULT_BASE_IRI):
            return URIRef(ns.base + str(term)[len(DEFAULT_BASE_IRI):])
        return term

    out = Graph(bind_namespaces="none")
    for prefix, space in graph.namespaces():
        out.bind(prefix, move(URIRef(space)), replace=True)
    for s, p, o in graph:
        out.add((move(s), move(p), move(o)))
    return out


def load_data_graph(name: str, ns: Namespaces) -> Graph:
    """Parse a Turtle file from kg/data/ and rebase it to ``ns`` (keeping its prefixes:
    rdflib's default binding of schema: to https must not rename http://schema.org/)."""
    g = Graph(bind_namespaces="none")
    g.parse(data=_data_text(name), format="turtle")
    return rebase(g, ns)


def relation_triples(rt: RelationType, ns: Namespaces) -> list[tuple[Node, Node, Node]]:
    """The description of one relation property, from its entry in relations.toml."""
    kgo, p = ns.kgo, ns.kgo[rt.local_name]
    triples: list[tuple[Node, Node, Node]] = [
        (p, RDF.type, OWL.ObjectProperty),
        (p, RDFS.label, Literal(rt.label, lang="en")),
        (p, RDFS.label, Literal(rt.nl, lang="nl")),
        (p, RDFS.comment, Literal(
            f"Relation \"{rt.label}\" ({rt.family} family) from the subject actor to the object "
            "actor, as reported in a news article. "
            "Written as a direct triple only for positive facts; the rdf:Statement nodes carry "
            "the evidence and provenance." + (" Symmetric: A " + rt.label + " B means B "
                                              + rt.label + " A." if rt.symmetric else ""),
            lang="en")),
        (p, RDFS.comment, Literal(f"Relatie \"{rt.nl}\" (familie {rt.family}) van de actor in "
                                  "het onderwerp naar de actor in het object, zoals een "
                                  "nieuwsartikel die meldt.", lang="nl")),
        (p, kgo.family, Literal(rt.family)),
        (p, RDFS.isDefinedBy, ontology_iri(ns)),
    ]
    if rt.symmetric:
        triples.append((p, RDF.type, OWL.SymmetricProperty))
    if rt.domain:
        triples.append((p, RDFS.domain, TYPE_CLASS[rt.domain]))
    if rt.range:
        triples.append((p, RDFS.range, TYPE_CLASS[rt.range]))
    return triples


def ontology(ns: Namespaces | None = None) -> Graph:
    """The full ontology: hand-written terms plus every relation property."""
    ns = ns or Namespaces.from_env()
    g = load_data_graph("ontology.ttl", ns)
    g.bind("kgo", ns.kgo, replace=True)
    for rt in relation_types().values():
        for triple in relation_triples(rt, ns):
            g.add(triple)
    return g


def terms_for(relations_used: set[str], ns: Namespaces) -> Graph:
    """The part of the ontology an export carries: the relation properties it uses and
    the statement terms, each with its full description (so the Turtle explains itself)."""
    full = ontology(ns)
    types = relation_types()
    subjects = [ns.kgo[types[label].local_name] for label in sorted(relations_used)]
    subjects += [ns.kgo[name] for name in STATEMENT_TERMS]
    out = Graph()
    for s in subjects:
        for _, p, o in full.triples((s, None, None)):
            out.add((s, p, o))
    return out


def relation_property(label: str, ns: Namespaces) -> URIRef:
    """The kgo: property for an English relation label ('holds liable' → kgo:holdsLiable)."""
    return ns.kgo[relation_types()[label].local_name]
