"""Store: Oxigraph for large graphs — fast serialisation and SPARQL.

rdflib is kg's working graph (readable, and every export format), but its Turtle
writer and SPARQL engine are pure Python: on a million triples they take minutes.
Oxigraph (``pyoxigraph``, Rust) does both in seconds. ``auto`` serialises with
Oxigraph above a size threshold and always queries with it; ``rdflib`` or ``oxigraph``
force one. Both give the same triples and the same query answers (tested); only the
Turtle layout differs.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

STORES = ("auto", "rdflib", "oxigraph")
#: ``auto`` serialises with Oxigraph from this many triples on (below it, rdflib's Turtle
#: layout, which is easier to read).
LARGE_GRAPH_TRIPLES = 200_000


def oxigraph_for_graph(store: str, triples: int) -> bool:
    return store == "oxigraph" or (store == "auto" and triples >= LARGE_GRAPH_TRIPLES)


def oxigraph_for_file(store: str, path: Path) -> bool:
    """Whether ``kg query`` runs on Oxigraph: always for a store folder and, with ``auto``,
    for every graph file Oxigraph reads. rdflib 7.6's engine took over two minutes on
    four of the named queries at 100k triples (a 3 MB file); Oxigraph gives the same
    answers (tested) in milliseconds."""
    if path.is_dir():  # an Oxigraph store folder (kg load-store)
        return True
    if store != "auto":
        return store == "oxigraph"
    import pyoxigraph

    return pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".") or "ttl") is not None


class _Converter:
    """rdflib terms → pyoxigraph terms; IRIs are converted once each (they repeat a lot)."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.iris: dict[str, object] = {}

    def iri(self, value: str):
        node = self.iris.get(value)
        if node is None:
            node = self.iris[value] = self.ox.NamedNode(value)
        return node

    def term(self, term):
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                return self.ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return self.ox.Literal(str(term), datatype=self.iri(str(term.datatype)))
            return self.ox.Literal(str(term))
        if isinstance(term, BNode):
            return self.ox.BlankNode(str(term))
        raise TypeError(f"unsupported RDF term {term!r}")


def oxigraph_triples(graph: Graph) -> tuple[list, set[str]]:
    """The graph's triples as pyoxigraph Triples, sorted (so the bytes written are
    stable), and every IRI they use."""
    import pyoxigraph as ox

    c = _Converter()
    triples = [ox.Triple(c.term(s), c.term(p), c.term(o)) for s, p, o in graph]
    triples.sort(key=str)
    return triples, set(c.iris)


def used_prefixes(graph: Graph, iris: set[str]) -> dict[str, str]:
    """The graph's prefixes that some IRI starts with (rdflib writes only those too)."""
    from kg.export import prefixes

    spaces = prefixes(graph)
    return {p: space for p, space in sorted(spaces.items())
            if any(i.startswith(space) for i in iris)}


def oxigraph_turtle(graph: Graph) -> str:
    """Turtle written by Oxigraph: triples sorted, subjects and predicates grouped."""
    import pyoxigraph as ox

    triples, iris = oxigraph_triples(graph)
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used_prefixes(graph, iris))
    return data.decode("utf-8")


def oxigraph_ntriples(graph: Graph) -> str:
    """N-Triples written by Oxigraph, one sorted line per distinct triple."""
    import pyoxigraph as ox

    lines = ox.serialize(oxigraph_triples(graph)[0], format=ox.RdfFormat.N_TRIPLES)
    return "".join(line + "\n" for line in sorted(set(lines.decode("utf-8").splitlines())) if line)
