"""Workers: parse and extract batches of articles, in this process or in a pool.

Extraction costs about as much CPU as parsing, so both run where the article is
parsed: a worker receives articles and sends back their :class:`ArticleFacts`,
never a spaCy Doc (Docs are large to pickle, and a Doc kept is memory that grows
with the corpus). The same batch function is what the Dask engine maps over.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from dataclasses import dataclass
from functools import partial
from typing import Iterator

from kg.extract import extract_article
from kg.extract.records import ArticleFacts
from kg.ingest import Article
from kg.nlp import load_pipeline, parse

#: Articles per task: large enough for nlp.pipe batching, small enough to keep workers even.
BATCH = 16


@dataclass
class BatchResult:
    """Facts of a batch of articles (input order) and the seconds spent per stage."""

    facts: list[ArticleFacts]
    nlp_seconds: float
    extract_seconds: float


def extract_batch(articles: list[Article], model: str | None = None) -> BatchResult:
    """Parse and extract ``articles`` here; the pipeline is loaded once per process."""
    nlp = load_pipeline(model)
    out, nlp_s, extract_s = [], 0.0, 0.0
    parsed = parse(nlp, articles)
    while True:
        t0 = time.perf_counter()
        item = next(parsed, None)
        t1 = time.perf_counter()
        nlp_s += t1 - t0
        if item is None:
            break
        try:
            out.append(extract_article(*item))
        except Exception as err:  # a fault on one article must not end a build of thousands
            out.append(ArticleFacts(item[0].id, failed=f"{type(err).__name__}: {err}"))
        extract_s += time.perf_counter() - t1
    return BatchResult(out, nlp_s, extract_s)


def batches(articles: list[Article], size: int = BATCH) -> list[list[Article]]:
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def _worker_init(model: str | None) -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    load_pipeline(model)


def run_batches(articles: list[Article], model: str | None = None, n_process: int = 1
                ) -> Iterator[BatchResult]:
    """Batch results in input order; with ``n_process`` > 1 from a pool of processes
    (forked after the pipeline is loaded, so its weights are shared until written)."""
    chunks = batches(articles)
    if n_process <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield extract_batch(chunk, model)
        return
    load_pipeline(model)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = context.Pool(min(n_process, len(chunks)), _worker_init, (model,))
    try:
        yield from pool.imap(partial(extract_batch, model=model), chunks)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
