"""View: the graph as one self-contained, offline HTML network (pyvis + vis-network).

The page inlines vis-network from pyvis's own copy and requests nothing. Article
text reaches the page only as JSON with ``<``, ``>``, ``&`` and ``'`` escaped; the
page shows it through ``textContent`` and vis-network's plain-text tooltips, so
nothing from an article can run. The layout is computed in the browser: its
randomness is a fixed seed, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from pyvis.network import Network
from rdflib import Graph

from kg.vocabulary import relation_types

TYPE_STYLE = {  # entity type → (colour, vis shape, legend symbol)
    "Person": ("#4e79a7", "dot", "●"),
    "Country": ("#59a14f", "square", "■"),
    "Organization": ("#f28e2b", "triangle", "▲"),
    "Place": ("#76b7b2", "diamond", "◆"),
    "Event": ("#e15759", "star", "★"),
}
FAMILIES = {  # relation family → (legend label, edge colour)
    "meeting": ("meeting, cooperation", "#4e79a7"),
    "conflict": ("conflict, accusation", "#e15759"),
    "legal": ("legal", "#b07aa1"),
    "attribute": ("attributes", "#8c8c8c"),
}
ROLES = {"about": "about", "for": "for", "location": "at", "attributedTo": "according to"}
TOOLTIP_ARTICLES = 5
LAYOUT_SEED = 7
WORK_BUDGET = 420_000  # (nodes + edges) × iterations: 0.6–1.4 s of stabilisation in Chromium

PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
"""
RELATION_QUERY = PREFIXES + """
SELECT ?p ?label ?family ?symmetric WHERE {
  ?p a owl:ObjectProperty ; rdfs:label ?label . FILTER(lang(?label) = "en")
  OPTIONAL { ?p kgo:family ?family }
  BIND(EXISTS { ?p a owl:SymmetricProperty } AS ?symmetric)
}"""
STATEMENT_QUERY = PREFIXES + """
SELECT ?st ?s ?p ?o ?pol ?ev ?conf ?a WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      kgo:polarity ?pol ; kgo:evidence ?ev ; kgo:confidence ?conf ; prov:wasDerivedFrom ?a .
}"""
DETAIL_QUERY = PREFIXES + """
SELECT ?st ?prop ?value WHERE {
  VALUES ?prop { kgo:mentions kgo:date kgo:about kgo:for kgo:location kgo:attributedTo }
  ?st ?prop ?value .
}"""
ARTICLE_QUERY = PREFIXES + """
SELECT ?a ?id ?title ?date WHERE {
  ?a dcterms:identifier ?id ; dcterms:title ?title .
  OPTIONAL { ?a dcterms:date ?date }
}"""
ENTITY_QUERY = PREFIXES + """
SELECT ?e ?label ?type WHERE {
  VALUES ?type { schema:Person schema:Country schema:Organization schema:Place schema:Event }
  ?e a ?type ; rdfs:label ?label .
}"""
ALIAS_QUERY = PREFIXES + "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"


@dataclass(frozen=True)
class Fact:
    """One statement node: an edge of the view."""

    id: str
    subject: str
    object: str
    relation: str
    family: str
    symmetric: bool
    polarity: str
    evidence: str
    confidence: float
    mentions: int
    article_id: str
    article_title: str
    date: str  # the article's date
    event_date: str  # kgo:date, when the text gives one
    context: tuple[tuple[str, str], ...]  # (role, entity IRI)

    @property
    def entities(self) -> list[str]:
        return [self.subject, self.object] + [iri for _, iri in self.context]


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str
    type: str
    aliases: tuple[str, ...]


def read_facts(graph: Graph, kgo: str) -> list[Fact]:
    """Statement nodes with provenance, in IRI order (stable output).

    Optional details and articles come from their own queries: rdflib evaluates
    OPTIONAL per row, which made one query five times slower on large graphs."""
    ns = {"kgo": kgo}
    vocabulary = relation_types()
    relations = {}
    for r in graph.query(RELATION_QUERY, initNs=ns):
        label = str(r.label)
        known = vocabulary.get(label)
        family = str(r.family) if r.family else (known.family if known else "")
        relations[str(r.p)] = (label, family, bool(r.symmetric.toPython()))
    articles = {str(r.a): (str(r.id), str(r.title), str(r.date or ""))
                for r in graph.query(ARTICLE_QUERY, initNs=ns)}
    details: dict[str, dict[str, str]] = defaultdict(dict)
    for r in graph.query(DETAIL_QUERY, initNs=ns):
        details[str(r.st)][str(r.prop)[len(kgo):]] = str(r.value)
    facts = []
    for r in sorted(graph.query(STATEMENT_QUERY, initNs=ns), key=lambda r: str(r.st)):
        label, family, symmetric = relations.get(str(r.p), (str(r.p).rsplit("#", 1)[-1], "", False))
        article_id, title, date = articles.get(str(r.a), (str(r.a), "", ""))
        more = details[str(r.st)]
        context = tuple((role, more[role]) for role in ROLES if role in more)
        facts.append(Fact(str(r.st), str(r.s), str(r.o), label, family, symmetric, str(r.pol),
                          str(r.ev), float(r.conf), int(more.get("mentions", 1)), article_id,
                          title, date, more.get("date", ""), context))
    return facts


def read_entities(graph: Graph) -> dict[str, Entity]:
    """Actors with their schema.org type (the first in TYPE_STYLE order if several)."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in graph.query(ALIAS_QUERY):
        aliases[str(r.e)].add(str(r.alias))
    rows = sorted(((str(r.e), list(TYPE_STYLE).index(str(r.type).rsplit("/", 1)[-1]), str(r.label))
                   for r in graph.query(ENTITY_QUERY)))
    out: dict[str, Entity] = {}
    for iri, type_index, label in rows:
        if iri not in out:
            out[iri] = Entity(iri, label, list(TYPE_STYLE)[type_index],
                              tuple(sorted(aliases[iri] - {label})))
    return out


def node_sizes(entities: dict[str, Entity], facts: list[Fact]) -> dict[str, float]:
    """Node size by PageRank over the facts (both ways for symmetric relations),
    scaled to the best-ranked actor so hubs stand out at any graph size."""
    g = nx.DiGraph()
    g.add_nodes_from(sorted(entities))
    for f in facts:
        pairs = [(f.subject, f.object)] + ([(f.object, f.subject)] if f.symmetric else [])
        for a, b in pairs:
            g.add_edge(a, b, weight=g.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    rank = nx.pagerank(g, weight="weight") if g.number_of_edges() else {}
    top = max(rank.values(), default=0.0) or 1.0
    return {iri: round(8 + 32 * math.sqrt(rank.get(iri, 0.0) / top), 1) for iri in entities}


def node_title(entity: Entity, facts: list[Fact]) -> str:
    """Tooltip text: type, aliases, number of facts, the articles they come from."""
    articles = sorted({(f.date, f.article_title, f.article_id) for f in facts})
    lines = [entity.label, f"{entity.type} · {len(facts)} fact{'s' * (len(facts) != 1)} "
                           f"in {len(articles)} article{'s' * (len(articles) != 1)}"]
    if entity.aliases:
        lines.append("also: " + ", ".join(entity.aliases))
    lines += [f"• {title}{f' ({date})' if date else ''}"
              for date, title, _ in articles[:TOOLTIP_ARTICLES]]
    if len(articles) > TOOLTIP_ARTICLES:
        lines.append(f"… and {len(articles) - TOOLTIP_ARTICLES} more")
    return "\n".join(lines)


def edge_title(fact: Fact, names: dict[str, str]) -> str:
    """Tooltip text: the fact, its evidence sentence, article, date, confidence."""
    arrow = "—" if fact.symmetric else "→"
    head = f"{names[fact.subject]} — {fact.relation} {arrow} {names[fact.object]}"
    if fact.polarity == "negative":
        head += " (denied or negated)"
    lines = [head, f"“{fact.evidence}”"]
    if fact.mentions > 1:
        lines.append(f"(said {fact.mentions} times in the article)")
    lines.append(f"{fact.article_title} [{fact.article_id}]{', ' + fact.date if fact.date else ''}")
    extra = [f"{ROLES[role]} {names.get(iri, iri)}" for role, iri in fact.context]
    if fact.event_date:
        extra.append(f"on {fact.event_date}")
    if extra:
        lines.append(" · ".join(extra))
    lines.append(f"confidence {fact.confidence:.2f}")
    return "\n".join(lines)


def edge_colour(family: str) -> dict:
    """The family's colour for the line, selected and hovered; opacity is left to the
    global option so that the page can fade all edges in one call."""
    colour = FAMILIES.get(family, ("", "#8c8c8c"))[1]
    return {"color": colour, "highlight": colour, "hover": colour}


def parallel_bends(facts: list[Fact]) -> dict[str, dict]:
    """Straight edges, except that the second and later facts between the same two
    actors curve to alternating sides, so parallel edges and their labels stay apart."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out: dict[str, dict] = {}
    for f in facts:
        pair = (min(f.subject, f.object), max(f.subject, f.object))
        k = seen[pair]
        seen[pair] += 1
        if k:
            clockwise = (k % 2 == 1) == (pair[0] == f.subject)
            out[f.id] = {"smooth": {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                                    "roundness": round(0.25 * ((k + 1) // 2), 2)}}
    return out


def options(nodes: int, edges: int) -> dict:
    """vis-network options: straight edges and a stabilisation bounded by the graph's
    size, so even thousands of nodes are still within a few seconds; the page then
    switches physics off. Above 1,000 edges, edge labels (which vis draws even off
    screen) appear only from zoom 1.2 and without a halo, which made frames 4× slower."""
    big = edges > 1000
    iterations = max(50, min(1000, WORK_BUDGET // max(1, nodes + edges)))
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": nodes <= 150},
        "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {"smooth": False, "selectionWidth": 2,
                  "arrows": {"to": {"scaleFactor": 0.6}},
                  "font": {"size": 10, "align": "middle", "color": "#444444",
                           "strokeWidth": 0 if big else 3},
                  "scaling": {"label": {"drawThreshold": 12 if big else 5}}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big},
        "physics": {"solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"theta": 1.0, "gravitationalConstant": -60,
                                         "springLength": 120, "avoidOverlap": 0},
                    "minVelocity": 1.0,
                    "stabilization": {"enabled": True, "iterations": iterations,
                                      "updateInterval": 25, "fit": True}},
    }


#: Above this many actors the page shows the best-connected ones: a browser still lays out
#: 2,000 nodes and 5,000 edges in about 2 s (bench/view.py), and ten times that never settles.
MAX_ACTORS = 2_000


def best_connected(entities: dict[str, Entity], facts: list[Fact], sizes: dict[str, float]
                   ) -> tuple[dict[str, Entity], list[Fact], str]:
    """The MAX_ACTORS best-ranked actors (PageRank, ties by IRI), the facts among them,
    and a note saying what was left out (all of it stays in the Turtle)."""
    ranked = sorted(entities, key=lambda iri: (-sizes[iri], iri))[:MAX_ACTORS]
    kept = {iri: entities[iri] for iri in ranked}
    shown = [f for f in facts if f.subject in kept and f.object in kept]
    note = (f"Showing the {len(kept):,} best-connected of {len(entities):,} actors and the "
            f"{len(shown):,} facts among them ({len(facts):,} in all); query kg.ttl for the rest.")
    return kept, shown, note


def render(graph: Graph, kgo: str, heading: str = "kg: Dutch news knowledge graph") -> str:
    """The HTML page for ``graph`` (whose ontology namespace is ``kgo``)."""
    facts = read_facts(graph, kgo)
    entities = read_entities(graph)
    names = {iri: e.label for iri, e in entities.items()}
    for f in facts:  # an endpoint without a label still gets a node
        for iri in (f.subject, f.object):
            if iri not in entities:
                entities[iri] = Entity(iri, iri.rsplit("/", 1)[-1], "", ())
                names[iri] = entities[iri].label
    involved: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        for iri in dict.fromkeys(f.entities):
            involved[iri].append(f)
    sizes = node_sizes(entities, facts)
    note = ""
    if len(entities) > MAX_ACTORS:
        entities, facts, note = best_connected(entities, facts, sizes)
    bends = parallel_bends(facts)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.templateEnv = Environment(loader=ChoiceLoader([
        FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
        FileSystemLoader(os.path.join(os.path.dirname(pyvis.__file__), "templates")),
    ]))
    net.templateEnv.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    net.templateEnv.globals["kg"] = {
        "heading": heading,
        "note": note,
        "types": [(t, colour, symbol) for t, (colour, _, symbol) in TYPE_STYLE.items()],
        "families": [(label, colour) for label, colour in FAMILIES.values()],
    }
    net.path = "view.html"
    for iri in sorted(entities):
        e = entities[iri]
        colour, shape, _ = TYPE_STYLE.get(e.type, ("#bab0ac", "dot", ""))
        net.add_node(iri, label=e.label, title=node_title(e, involved[iri]), color=colour,
                     shape=shape, size=sizes[iri], entityType=e.type or "Other",
                     aliases=list(e.aliases))
    for f in facts:
        negative = f.polarity == "negative"
        net.add_edge(f.subject, f.object, id=f.id,
                     label=f.relation + (" (denied)" if negative else ""),
                     title=edge_title(f, names), arrows="" if f.symmetric else "to",
                     dashes=negative, color=edge_colour(f.family),
                     width=1 + 0.5 * (min(f.mentions, 5) - 1),
                     relation=f.relation, family=f.family, polarity=f.polarity,
                     confidence=f.confidence, evidence=f.evidence, mentions=f.mentions,
                     article=f.article_title, articleId=f.article_id, date=f.date,
                     eventDate=f.event_date, **bends.get(f.id, {}),
                     context=[[ROLES[role], iri] for role, iri in f.context])
    net.options = options(len(entities), len(facts))
    return with_script_hashes(net.generate_html(notebook=False))


def with_script_hashes(html: str) -> str:
    """Allow exactly the page's own scripts in its Content-Security-Policy, so even
    markup that slipped into the page could neither run nor load anything."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in re.findall(r"<script>(.*?)</script>", html, flags=re.S))
    return html.replace("__KG_SCRIPT_HASHES__", hashes, 1)
