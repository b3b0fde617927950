"""Distributed engine: parse and extract on a Dask cluster, merge entities as a reduce.

The map step sends batches of articles (ingested on the client, so input errors and
warnings are exactly those of a local build) to Dask workers; each worker loads the
spaCy pipeline once (``kg.nlp.load_pipeline`` is cached per process) and returns
the batch's :class:`ArticleFacts` and :class:`EntityRefs`. The entity references are
combined pairwise in a tree and the cross-article merge
(:func:`kg.graph.canonical_entities`) runs on a worker; the client then assembles
the graph from facts in corpus order, so the export is byte-identical to a local
build of the same input.
"""

from __future__ import annotations

import operator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from kg.extract.records import EntityRef
from kg.graph import EntityRefs, canonical_entities, entity_refs
from kg.ingest import Article

if TYPE_CHECKING:  # kg.workers loads spaCy: only where a batch is processed
    from kg.workers import BatchResult


class EngineError(Exception):
    """The Dask engine cannot run (not installed, scheduler unreachable)."""


def map_batch(articles: list[Article], model: str | None) -> tuple[BatchResult, EntityRefs]:
    """Map step, on a worker: facts of a batch and the entity references they use."""
    from kg.workers import extract_batch

    result = extract_batch(articles, model)
    return result, entity_refs(result.facts)


def _first(pair):
    return pair[0]


def _second(pair):
    return pair[1]


@contextmanager
def dask_client(scheduler: str | None, n_workers: int) -> Iterator:
    """A client of the cluster at ``scheduler``, or of a LocalCluster of ``n_workers``
    single-threaded worker processes (spaCy releases the GIL too rarely for threads)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'kg[dask]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as err:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        try:
            yield client
        finally:
            client.close()
        return
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, host="127.0.0.1") as cluster, Client(cluster) as client:
        yield client


def tree_reduce(client, futures: list, combine=operator.or_, fan_in: int = 8):
    """Combine futures pairwise-in-groups on the workers until one is left."""
    while len(futures) > 1:
        futures = [client.submit(_combine, combine, *futures[i:i + fan_in], pure=False)
                   for i in range(0, len(futures), fan_in)]
    return futures[0]


def _combine(combine, *parts):
    out = parts[0]
    for part in parts[1:]:
        out = combine(out, part)
    return out


def dask_article_facts(articles: list[Article], model: str | None, scheduler: str | None,
                       n_workers: int, progress=None
                       ) -> tuple[list[BatchResult], EntityRefs, dict[EntityRef, EntityRef]]:
    """Map (parse + extract per batch), then reduce (entity references → merge)."""
    from dask.distributed import as_completed

    from kg.workers import batches

    with dask_client(scheduler, n_workers) as client:
        chunks = batches(articles)
        pairs = client.map(map_batch, chunks, model=model, pure=False)
        results = client.map(_first, pairs)
        refs = tree_reduce(client, client.map(_second, pairs)) if pairs else None
        canon = client.submit(canonical_entities, refs, pure=False) if refs else None
        if progress:
            for future in as_completed(results):
                for facts in future.result().facts:
                    progress(facts)
        batch_results = client.gather(results)
        if refs is None:
            return batch_results, EntityRefs(), {}
        return batch_results, refs.result(), canon.result()
