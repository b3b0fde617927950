"""Export: write graph serialisations and the view atomically.

Every file is written to a temporary file in the destination folder and renamed
into place, so a failed or interrupted build never leaves a half-written export.
"""

from __future__ import annotations

import io
import json
import os
import signal
from decimal import Decimal
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from rdflib import DCTERMS, OWL, RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import PROV
from rdflib.plugins.serializers.trig import TrigSerializer

SCHEMA = "http://schema.org/"
SCHEMA_ARTICLE = URIRef(SCHEMA + "NewsArticle")


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM for a few system calls, so renames and cleanup finish."""
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def write_all(files: dict[Path, str]) -> None:
    """Write several files so that either all are replaced or none is.

    All contents are first written to temporary files beside their targets (each
    recorded before it is created, so an interrupt never leaves one behind); only
    when every one is complete are they renamed into place, with interrupts held so
    the renames happen together."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
            temps.append((tmp, target))
            tmp.unlink(missing_ok=True)
            with open(tmp, "x", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
        with _signals_held():
            for tmp, target in temps:
                os.replace(tmp, target)
    finally:
        with _signals_held():
            for tmp, _ in temps:
                tmp.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    write_all({target: text})


def turtle(graph: Graph) -> str:
    """Turtle as rdflib writes it (sorted subjects and predicates: stable bytes)."""
    return graph.serialize(format="turtle")


# --- Other serialisations (kg build --format, kg export) -----------------------------


def prefixes(graph: Graph) -> dict[str, str]:
    """The graph's prefixes, with ``schema:`` for http://schema.org/ even when rdflib's
    own default binding (https) pushed it to ``schema1:`` while parsing."""
    out = {}
    for prefix, space in sorted(graph.namespaces()):
        if str(space) == SCHEMA:
            prefix = "schema"
        elif prefix == "schema" or not prefix:
            continue
        out[prefix] = str(space)
    return out


def _bind_like(target: Graph, source: Graph) -> None:
    """Reuse the source's prefixes (rdflib's own defaults must not win)."""
    for prefix, space in prefixes(source).items():
        target.bind(prefix, space, override=True, replace=True)


def ntriples(graph: Graph) -> str:
    """N-Triples with sorted lines (rdflib writes them in hash order)."""
    lines = graph.serialize(format="nt").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


def article_of(graph: Graph) -> dict[URIRef, URIRef]:
    """Statement node or article → the article IRI whose named graph it belongs to."""
    home = {a: a for a in graph.subjects(RDF.type, SCHEMA_ARTICLE)}
    for st in graph.subjects(RDF.type, RDF.Statement):
        if (a := graph.value(st, PROV.wasDerivedFrom)) is not None:
            home[st] = a
    return home


def to_dataset(graph: Graph) -> Dataset:
    """One named graph per article (named by the article IRI: its description and the
    statement nodes derived from it) plus a default graph of the merged facts (entities,
    direct triples, ontology terms). The union of all graphs is exactly ``graph``."""
    ds = Dataset()
    _bind_like(ds, graph)
    home = article_of(graph)
    for s, p, o in graph:
        article = home.get(s)
        (ds.graph(article) if article is not None else ds.default_graph).add((s, p, o))
    return ds


class _SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG serialiser with the graphs in a fixed order (default graph first,
    then by name): rdflib itself emits them in store hash order."""

    def __init__(self, store: Dataset):
        super().__init__(store)
        self.contexts.sort(key=lambda c: (c.identifier != self.default_context, str(c.identifier)))


def trig(graph: Graph) -> str:
    """TriG of :func:`to_dataset` (stable bytes)."""
    buf = io.BytesIO()
    _SortedTrigSerializer(to_dataset(graph)).serialize(buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def _sorted_json(value):
    """JSON-LD with every object's keys and every array in a fixed order."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def jsonld(graph: Graph) -> str:
    """Compact JSON-LD with the graph's prefixes as an inline context (nothing fetched
    from the network to read it); nodes and values sorted for stable bytes."""
    used = _used_iris(graph)
    context = {prefix: space for prefix, space in prefixes(graph).items()
               if any(str(t).startswith(space) for t in used)}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if "@graph" not in data:  # a single node is not wrapped in @graph
        data = {"@context": data.pop("@context", context), "@graph": [data] if data else []}
    data["@graph"] = _sorted_json(data["@graph"])
    data["@context"] = dict(sorted(data["@context"].items()))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _used_iris(graph: Graph) -> set[URIRef]:
    return {t for triple in graph for t in triple if isinstance(t, URIRef)} | \
        {t.datatype for t in graph.objects() if getattr(t, "datatype", None)}


EDGE_VALUES = ("polarity", "confidence", "evidence", "charStart", "charEnd", "mentions",
               "construction", "date")


def _python(value) -> str | int | float:
    """GraphML attribute value: integers and decimals as numbers, the rest as text."""
    py = value.toPython()
    if isinstance(py, bool) or not isinstance(py, (int, float, Decimal)):
        return str(value)
    return float(py) if isinstance(py, Decimal) else py


def graphml(graph: Graph) -> str:
    """The actor network for Gephi, yEd or networkx: entities as nodes, every statement
    (positive and negative) as an edge carrying its relation, polarity and provenance."""
    import networkx as nx

    net = nx.MultiDiGraph()
    statements = sorted(graph.subjects(RDF.type, RDF.Statement))
    ends = sorted({x for st in statements for x in
                   (graph.value(st, RDF.subject), graph.value(st, RDF.object)) if x is not None})
    for e in ends:
        attrs = {"label": str(graph.value(e, RDFS.label) or e),
                 "type": " ".join(sorted(str(t).rsplit("/", 1)[-1]
                                         for t in graph.objects(e, RDF.type))),
                 "sameAs": " ".join(sorted(str(x) for x in graph.objects(e, OWL.sameAs)))}
        net.add_node(str(e), **{k: v for k, v in attrs.items() if v})
    for st in statements:
        p = graph.value(st, RDF.predicate)
        article = graph.value(st, PROV.wasDerivedFrom)
        attrs = {"relation": next((str(x) for x in graph.objects(p, RDFS.label)
                                   if getattr(x, "language", None) == "en"), str(p)),
                 "predicate": str(p),
                 "article": str(graph.value(article, DCTERMS.identifier) or article)}
        for name, value in sorted(graph.predicate_objects(st)):
            key = str(name).rsplit("#", 1)[-1]
            if key in EDGE_VALUES and str(name).startswith(str(p).rsplit("#", 1)[0]):
                attrs[key] = _python(value)
        net.add_edge(str(graph.value(st, RDF.subject)), str(graph.value(st, RDF.object)),
                     key=str(st), **attrs)
    return "\n".join(nx.generate_graphml(net, prettyprint=True)) + "\n"


#: Format name → (file name in the output folder, writer).
FORMATS: dict[str, tuple[str, Callable[[Graph], str]]] = {
    "ttl": ("kg.ttl", turtle),
    "nt": ("kg.nt", ntriples),
    "trig": ("kg.trig", trig),
    "jsonld": ("kg.jsonld", jsonld),
    "graphml": ("kg.graphml", graphml),
}


def parse_formats(spec: str) -> list[str]:
    """'ttl,nt' → ['ttl', 'nt'] (Turtle always first: it is the graph kg reads back)."""
    names = [n.strip().lower() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ValueError(f"--format {spec!r}: choose from {', '.join(FORMATS)} (comma-separated)")
    return sorted(set(names) | {"ttl"}, key=list(FORMATS).index)


def serialisations(graph: Graph, formats: list[str], out_dir: Path, store: str = "auto"
                   ) -> dict[Path, str]:
    """The text of each requested format, keyed by its target path; Turtle and
    N-Triples of a large graph (or with ``store="oxigraph"``) written by Oxigraph."""
    from kg.store import oxigraph_for_graph, oxigraph_ntriples, oxigraph_turtle

    writers = {name: writer for name, (_, writer) in FORMATS.items()}
    if oxigraph_for_graph(store, len(graph)):
        writers.update(ttl=oxigraph_turtle, nt=oxigraph_ntriples)
    return {out_dir / FORMATS[f][0]: writers[f](graph) for f in formats}
