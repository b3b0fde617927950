"""Build: the whole data flow once — ingest → nlp → extract → graph → export/view."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from kg.export import turtle, write_all
from kg.extract import extract_article
from kg.graph import GraphBuilder, Namespaces
from kg.ingest import read_corpus
from kg.nlp import load_pipeline, parse
from kg.view import render


@dataclass
class BuildReport:
    articles: int
    statements: int
    triples: int
    warnings: list[str]
    outputs: list[Path]
    seconds: dict[str, float] = field(default_factory=dict)


def build_graph(inputs: list[Path], model: str | None = None, base_iri: str | None = None,
                progress=None) -> tuple[Graph, Namespaces, list[str], int]:
    corpus = read_corpus(inputs)
    nlp = load_pipeline(model)
    builder = GraphBuilder(Namespaces.from_env(base_iri))
    for article, paragraphs in parse(nlp, corpus.articles):
        builder.add(article, extract_article(article, paragraphs))
        if progress:
            progress(article)
    return builder.build(), builder.ns, corpus.warnings, len(corpus.articles)


def build(inputs: list[Path], out_dir: Path, model: str | None = None,
          base_iri: str | None = None, progress=None) -> BuildReport:
    """Build and write ``kg.ttl`` and ``kg.html``; nothing is written unless all succeeds."""
    t0 = time.perf_counter()
    graph, ns, warnings, n = build_graph(inputs, model, base_iri, progress)
    t1 = time.perf_counter()
    ttl = turtle(graph)
    html = render(graph, str(ns.kgo))
    outputs = [out_dir / "kg.ttl", out_dir / "kg.html"]
    write_all({outputs[0]: ttl, outputs[1]: html})
    t2 = time.perf_counter()
    statements = len(set(graph.subjects(RDF.type, RDF.Statement)))
    return BuildReport(n, statements, len(graph), warnings, outputs,
                       {"extract": t1 - t0, "export": t2 - t1})
