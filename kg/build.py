"""Build: the whole data flow once — ingest → nlp → extract → graph → export/view."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from kg.export import parse_formats, serialisations, write_all
from kg.extract import extract_article
from kg.graph import GraphBuilder, Namespaces
from kg.ingest import Corpus, InputError, read_corpus
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


def build_graph(corpus: Corpus, model: str | None = None, base_iri: str | None = None,
                progress=None, n_process: int = 1) -> tuple[Graph, Namespaces]:
    """Parse, extract and assemble the graph of an ingested corpus."""
    nlp = load_pipeline(model)
    builder = GraphBuilder(Namespaces.from_env(base_iri))
    for article, paragraphs in parse(nlp, corpus.articles, n_process=n_process):
        builder.add(article, extract_article(article, paragraphs))
        if progress:
            progress(article)
    return builder.build(), builder.ns


def build(inputs: list[Path], out_dir: Path, model: str | None = None,
          base_iri: str | None = None, progress=None, strict: bool = False,
          n_process: int = 1,
          formats: list[str] | None = None) -> BuildReport:
    """Build and write ``kg.ttl``, ``kg.html`` and any other ``formats`` (names from
    kg.export.FORMATS); nothing is written unless all succeeds.

    With ``strict``, any warning about the input stops the build before writing."""
    t0 = time.perf_counter()
    corpus = read_corpus(inputs)
    warnings = corpus.warnings
    if not corpus.articles:
        raise InputError(f"no articles to build, every input was skipped ({warnings[0]}"
                         f"{f' and {len(warnings) - 1} more' if len(warnings) > 1 else ''})"
                         if warnings else "no articles to build")
    if strict and warnings:
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        raise InputError(f"{warnings[0]}{more} [--strict]")
    graph, ns = build_graph(corpus, model, base_iri, progress, n_process)
    n = len(corpus.articles)
    t1 = time.perf_counter()
    files = serialisations(graph, parse_formats(",".join(formats or ["ttl"])), out_dir)
    files[out_dir / "kg.html"] = render(graph, str(ns.kgo))
    outputs = [out_dir / "kg.ttl", out_dir / "kg.html"]
    outputs += [path for path in files if path not in outputs]
    write_all({path: files[path] for path in outputs})
    t2 = time.perf_counter()
    statements = len(set(graph.subjects(RDF.type, RDF.Statement)))
    return BuildReport(n, statements, len(graph), warnings, outputs,
                       {"extract": t1 - t0, "export": t2 - t1})
