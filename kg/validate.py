"""Validate an export against the output contract's SHACL shapes (kg/data/shapes.ttl).

The shapes are written for the default base IRI; the graph's own base is read from its
``…/ontology#polarity`` predicate so graphs built with ``--base-iri`` validate too.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.graph import DEFAULT_BASE_IRI
from kg.query import load_graph


class ValidationError(Exception):
    """The file cannot be validated at all (unreadable, no SHACL engine)."""


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


@dataclass(frozen=True)
class Report:
    source: str
    triples: int
    violations: list[Violation]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def summary(self) -> str:
        if self.conforms:
            return f"{self.source}: conforms to the kg shapes ({self.triples} triples)"
        n = len(self.violations)
        return f"{self.source}: {n} violation{'s' if n != 1 else ''} of the kg shapes " \
               f"({self.triples} triples)"


def base_of(graph: Graph) -> str:
    """The base IRI a graph was built with (default when it has no statements)."""
    for p in set(graph.predicates()):
        if str(p).endswith("ontology#polarity"):
            return str(p)[: -len("ontology#polarity")]
    return DEFAULT_BASE_IRI


def shapes_text(base: str = DEFAULT_BASE_IRI) -> str:
    """kg/data/shapes.ttl for a graph built with ``base``."""
    text = resources.files("kg.data").joinpath("shapes.ttl").read_text("utf-8")
    return text.replace(DEFAULT_BASE_IRI, base)


def shapes(base: str = DEFAULT_BASE_IRI) -> Graph:
    g = Graph(bind_namespaces="none")
    g.parse(data=shapes_text(base), format="turtle")
    return g


def validate_graph(graph: Graph, source: str = "graph") -> Report:
    """Run pySHACL (SHACL Core and SHACL-SPARQL, no inference) over ``graph``."""
    try:
        from pyshacl import validate
    except ImportError:
        raise ValidationError("pyshacl is not installed (pip install pyshacl)") from None
    _, results, _ = validate(graph, shacl_graph=shapes(base_of(graph)), inference="none",
                             advanced=True, allow_warnings=False)
    violations = []
    for r in results.subjects(SH.resultSeverity, None):
        def val(p: URIRef) -> str:
            v = results.value(r, p)
            return "" if v is None else str(v)
        path = results.value(r, SH.resultPath)
        violations.append(Violation(
            focus=val(SH.focusNode),
            path=graph.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "",
            message=" ".join(val(SH.resultMessage).split()),
            severity=val(SH.resultSeverity).rsplit("#", 1)[-1]))
    unique = sorted(set(violations), key=lambda v: (v.focus, v.path, v.message))
    return Report(source, len(graph), unique)


def validate_file(path: Path) -> Report:
    """Validate an export file (Turtle, N-Triples, TriG as the union of its graphs, JSON-LD)."""
    return validate_graph(load_graph(path), str(path))



