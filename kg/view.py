"""View: the graph as one self-contained, offline HTML network (pyvis + vis-network).

The page inlines vis-network from pyvis's own copy and loads nothing from the
network. Article text reaches the page only as JSON with ``<``, ``>`` and ``&``
escaped, and vis-network shows tooltip strings as plain text, so nothing from
an article can run in the page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from pyvis.network import Network
from rdflib import Graph

from kg.vocabulary import relation_types

TYPE_STYLE = {  # entity type → (colour, vis shape)
    "Person": ("#4e79a7", "dot"),
    "Country": ("#59a14f", "square"),
    "Organization": ("#f28e2b", "triangle"),
    "Place": ("#76b7b2", "diamond"),
    "Event": ("#e15759", "star"),
}
FAMILY_COLOUR = {"meeting": "#4e79a7", "conflict": "#e15759", "legal": "#b07aa1",
                 "attribute": "#9c9c9c"}

VIEW_QUERY = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?st ?s ?p ?o ?pl ?pol ?ev ?conf ?title ?date ?id WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      kgo:polarity ?pol ; kgo:evidence ?ev ; kgo:confidence ?conf ; prov:wasDerivedFrom ?a .
  ?p rdfs:label ?pl . FILTER(lang(?pl) = "en")
  ?a dcterms:title ?title ; dcterms:identifier ?id .
  OPTIONAL { ?a dcterms:date ?date }
} ORDER BY ?st
"""
ENTITY_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label ?type (GROUP_CONCAT(?alt; separator="|") AS ?alts) WHERE {
  ?e a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), "http://schema.org/") && ?type != <http://schema.org/NewsArticle>)
  OPTIONAL { ?e skos:altLabel ?alt }
} GROUP BY ?e ?label ?type ORDER BY ?e
"""


@dataclass(frozen=True)
class ViewEdge:
    subject: str
    object: str
    relation: str
    polarity: str
    evidence: str
    confidence: float
    article: str
    date: str


def _edges(graph: Graph, kgo: str) -> list[ViewEdge]:
    rows = graph.query(VIEW_QUERY, initNs={"kgo": kgo})
    return [ViewEdge(str(r.s), str(r.o), str(r.pl), str(r.pol), str(r.ev), float(r.conf),
                     f"{r.title} ({r.id})", str(r.date or "")) for r in rows]


def render(graph: Graph, kgo: str, heading: str = "kg: Dutch news knowledge graph") -> str:
    """The HTML page for ``graph`` (whose ontology namespace is ``kgo``)."""
    edges = _edges(graph, kgo)
    entities = {str(r.e): (str(r.label), str(r.type).rsplit("/", 1)[-1],
                           sorted(set(str(r.alts).split("|")) - {""}))
                for r in graph.query(ENTITY_QUERY)}
    nxg = nx.MultiDiGraph()
    nxg.add_nodes_from(sorted(entities))
    for e in edges:
        nxg.add_edge(e.subject, e.object)
    rank = nx.pagerank(nx.DiGraph(nxg)) if nxg.number_of_edges() else {}

    net = Network(height="85vh", width="100%", directed=True, cdn_resources="in_line")
    net.templateEnv = Environment(loader=ChoiceLoader([
        FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
        FileSystemLoader(os.path.join(os.path.dirname(pyvis.__file__), "templates")),
    ]))
    net.path = "view.html"
    facts = {iri: 0 for iri in entities}
    for e in edges:
        facts[e.subject] = facts.get(e.subject, 0) + 1
        facts[e.object] = facts.get(e.object, 0) + 1
    for iri in sorted(entities):
        label, etype, alts = entities[iri]
        colour, shape = TYPE_STYLE.get(etype, ("#bab0ac", "dot"))
        tip = f"{label}\ntype: {etype}\nfacts: {facts.get(iri, 0)}"
        if alts:
            tip += "\nalso: " + ", ".join(alts)
        net.add_node(iri, label=label, title=tip, color=colour, shape=shape,
                     size=10 + 60 * rank.get(iri, 0.0), entityType=etype)
    types = relation_types()
    by_label = {t.label: t for t in types.values()}
    for e in edges:
        rt = by_label.get(e.relation)
        symmetric = bool(rt and rt.symmetric)
        negative = e.polarity == "negative"
        tip = (f"{e.relation}{' (denied)' if negative else ''}\n“{e.evidence}”\n"
               f"{e.article}{', ' + e.date if e.date else ''}\nconfidence {e.confidence:.2f}")
        net.add_edge(e.subject, e.object, label=("not " if negative else "") + e.relation,
                     title=tip, arrows="" if symmetric else "to", dashes=negative,
                     color=FAMILY_COLOUR.get(rt.family if rt else "", "#9c9c9c"),
                     relation=e.relation, polarity=e.polarity, confidence=e.confidence)
    net.set_options(_OPTIONS)
    html = net.generate_html(notebook=False)
    return html.replace("__KG_HEADING__", _escape_html(heading)).replace(
        "__KG_LEGEND__", _legend())


def _escape_html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _legend() -> str:
    items = [f'<span class="kg-key"><span class="kg-swatch" style="background:{c}"></span>{t}</span>'
             for t, (c, _) in TYPE_STYLE.items()]
    items += [f'<span class="kg-key"><span class="kg-line" style="background:{c}"></span>{f}</span>'
              for f, c in FAMILY_COLOUR.items()]
    return "".join(items)


_OPTIONS = """{
  "edges": {"smooth": false, "font": {"size": 11, "align": "middle"}},
  "nodes": {"font": {"size": 14}},
  "interaction": {"hover": true, "tooltipDelay": 100},
  "physics": {"solver": "forceAtlas2Based",
              "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
              "stabilization": {"enabled": true, "iterations": 300, "fit": true}}
}"""
