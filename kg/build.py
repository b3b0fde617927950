"""Build: the whole data flow once — ingest → nlp → extract → graph → export/view."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from rdflib import RDF, Graph

from kg.cache import FactCache, default_cache_dir
from kg.export import parse_formats, serialisations, write_all
from kg.extract.records import ArticleFacts
from kg.bulk import remove_stale_shards, shard_files
from kg.graph import EntityRefs, GraphBuilder, Namespaces, entity_refs
from kg.ingest import Corpus, InputError, read_corpus
from kg.nlp import pipeline_fingerprint
from kg.view import render
from kg.workers import run_batches


#: Stages of a build, in data-flow order (``BuildReport.seconds`` has one entry each).
STAGES = ("ingest", "cache", "nlp", "extract", "graph", "export", "view", "write")


class Stopwatch:
    """Seconds spent per stage; a stage may be entered many times (once per article)."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - t0


@dataclass
class BuildOptions:
    """How to build; every field has the CLI's default."""

    model: str | None = None         # spaCy pipeline name or path (None: kg's own)
    base_iri: str | None = None      # None: KG_BASE_IRI or the default
    strict: bool = False             # any input warning stops the build
    n_process: int = 1               # worker processes (local) or Dask workers (LocalCluster)
    formats: list[str] = field(default_factory=lambda: ["ttl"])
    use_cache: bool = True           # False: parse everything (the cache is still refreshed)
    cache_dir: Path | None = None    # None: KG_CACHE_DIR or ~/.cache/kg
    store: str = "auto"              # who writes Turtle / N-Triples (kg.store.STORES)
    engine: str = "local"            # "local" or "dask"
    scheduler: str | None = None     # Dask scheduler address; None: a LocalCluster
    shards: int = 0                  # > 0: N-Triples as this many shards + manifest


ENGINES = ("local", "dask")


@dataclass
class BuildReport:
    articles: int
    statements: int
    triples: int
    warnings: list[str]
    outputs: list[Path]
    seconds: dict[str, float] = field(default_factory=dict)
    parsed: int = 0
    cached: int = 0


@dataclass
class CorpusFacts:
    """Each article's facts in corpus order; a distributed build adds what its reduce
    step computed (entity references and their merge) so the client need not redo it."""

    facts: list[ArticleFacts]
    refs: EntityRefs | None = None
    canon: dict | None = None


def article_facts(corpus: Corpus, options: BuildOptions, progress=None, cache=None,
                  clock: Stopwatch | None = None) -> CorpusFacts:
    """Facts from the cache where it has them; the rest parsed and extracted in
    batches, by local worker processes or on a Dask cluster, then cached."""
    clock = clock or Stopwatch()
    by_id = {a.id: a for a in corpus.articles}
    found: dict[str, ArticleFacts] = {}
    missing = []
    with clock.stage("cache"):
        for article in corpus.articles:
            if cache and options.use_cache and (facts := cache.get(article)) is not None:
                found[article.id] = facts
                if progress:
                    progress(article)
            else:
                missing.append(article)
    cache_before = clock.seconds["cache"]
    t0 = time.perf_counter()
    refs = canon = None
    if options.engine == "dask" and missing:
        from kg.distributed import dask_article_facts

        results, refs, canon = dask_article_facts(
            missing, options.model, options.scheduler, options.n_process,
            (lambda facts: progress(by_id[facts.article_id])) if progress else None)
        if found:  # the reduce saw only the parsed articles
            refs, canon = refs | entity_refs(found.values()), None
    else:
        results = run_batches(missing, options.model, options.n_process)
    nlp_s = extract_s = 0.0
    for result in results:
        nlp_s += result.nlp_seconds
        extract_s += result.extract_seconds
        for facts in result.facts:
            found[facts.article_id] = facts
            if facts.failed:
                article = by_id[facts.article_id]
                corpus.warnings.append(f"{article.paths[0] if article.paths else article.id}: "
                                       f"extraction failed "
                                       f"({facts.failed}); the article's facts are left out")
            if progress and options.engine != "dask":
                progress(by_id[facts.article_id])
        if cache:
            with clock.stage("cache"):
                for facts in result.facts:
                    if not facts.failed:
                        cache.put(by_id[facts.article_id], facts)
    # Parsing and extraction run together in the workers: their wall time is shared
    # out by the seconds the workers spent in each.
    wall = time.perf_counter() - t0 - (clock.seconds["cache"] - cache_before)
    busy = (nlp_s + extract_s) or 1.0
    clock.seconds["nlp"] += wall * nlp_s / busy
    clock.seconds["extract"] += wall * extract_s / busy
    return CorpusFacts([found[a.id] for a in corpus.articles], refs, canon)


def build_graph(corpus: Corpus, options: BuildOptions | None = None, progress=None,
                cache=None, clock: Stopwatch | None = None) -> tuple[Graph, Namespaces]:
    """Parse, extract and assemble the graph of an ingested corpus."""
    options = options or BuildOptions()
    clock = clock or Stopwatch()
    result = article_facts(corpus, options, progress, cache, clock)
    with clock.stage("graph"):
        builder = GraphBuilder(Namespaces.from_env(options.base_iri))
        for article, facts in zip(corpus.articles, result.facts):
            builder.add(article, facts)
        return builder.build(result.refs, result.canon), builder.ns


def open_cache(options: BuildOptions) -> FactCache:
    return FactCache(options.cache_dir or default_cache_dir(), pipeline_fingerprint(options.model))


def _stop_if_strict(options: BuildOptions, warnings: list[str]) -> None:
    if options.strict and warnings:
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        raise InputError(f"{warnings[0]}{more} [--strict]")


def build(inputs: list[Path], out_dir: Path, options: BuildOptions | None = None,
          progress=None, **overrides) -> BuildReport:
    """Build and write ``kg.ttl``, ``kg.html`` and any other formats; nothing is
    written unless all succeeds. ``overrides`` set BuildOptions fields by name.

    Articles whose facts are cached (same text, pipeline and kg code) are not parsed
    again. Turtle and N-Triples of large graphs are written by Oxigraph."""
    options = replace(options or BuildOptions(), **overrides)
    if options.engine not in ENGINES:
        raise ValueError(f"unknown engine {options.engine!r} (choose from {', '.join(ENGINES)})")
    clock = Stopwatch()
    with clock.stage("ingest"):
        corpus = read_corpus(inputs)
    warnings = corpus.warnings
    if not corpus.articles:
        raise InputError(f"no articles to build, every input was skipped ({warnings[0]}"
                         f"{f' and {len(warnings) - 1} more' if len(warnings) > 1 else ''})"
                         if warnings else "no articles to build")
    _stop_if_strict(options, warnings)
    with clock.stage("cache"):
        cache = open_cache(options)
    try:
        graph, ns = build_graph(corpus, options, progress, cache, clock)
    finally:
        with clock.stage("cache"):
            cache.close()
    _stop_if_strict(options, warnings)  # extraction failures are warnings too
    formats = parse_formats(",".join(options.formats or ["ttl"]))
    with clock.stage("export"):
        sharded = options.shards > 0 and "nt" in formats
        files = serialisations(graph, [f for f in formats if not (sharded and f == "nt")],
                               out_dir, options.store)
        if sharded:
            files.update(shard_files(graph, out_dir, options.shards))
    with clock.stage("view"):
        files[out_dir / "kg.html"] = render(graph, str(ns.kgo))
    outputs = [out_dir / "kg.ttl", out_dir / "kg.html"]
    outputs += [path for path in files if path not in outputs]
    with clock.stage("write"):
        write_all({path: files[path] for path in outputs})
        if sharded:
            remove_stale_shards(out_dir, set(files))
    statements = len(set(graph.subjects(RDF.type, RDF.Statement)))
    return BuildReport(len(corpus.articles), statements, len(graph), warnings, outputs,
                       clock.seconds, parsed=len(corpus.articles) - cache.hits,
                       cached=cache.hits)

