"""Benchmark for docs/scaling.md: the Dask engine per worker, and the cost of the merge.

1. ``kg build --engine dask`` on real news articles (../shared/bench) with 1 and 2
   LocalCluster workers: articles/s (per worker), peak memory of each worker, and the
   local engine on the same articles as a baseline.
2. The reduce step and graph assembly as a function of the number of entities:
   synthetic extraction records (bench/synthetic.py) of growing size; seconds for the
   entity references, their merge (``canonical_entities``) and ``GraphBuilder.build``.

    python bench/scale.py                       # 400 articles; 10k…1M-triple merges
    python bench/scale.py --articles 200 --triples 100000 300000

Results go to ``bench/results/scale.json`` and a summary to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import build as bench_build  # noqa: E402
import synthetic  # noqa: E402


def worker_peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def engine_run(corpus: Path, out: Path, engine: str, workers: int) -> dict:
    from kg.build import build

    memory = {}
    t0 = time.perf_counter()
    if engine == "dask":
        import kg.distributed as dist

        real_client = dist.dask_client

        def watching_client(scheduler, n):  # read each worker's peak RSS before it stops
            from contextlib import contextmanager

            @contextmanager
            def wrapped():
                with real_client(scheduler, n) as client:
                    yield client
                    memory.update(client.run(worker_peak_mb))
            return wrapped()

        dist.dask_client = watching_client
        try:
            report = build([corpus], out, engine="dask", n_process=workers, use_cache=False)
        finally:
            dist.dask_client = real_client
    else:
        report = build([corpus], out, n_process=workers, use_cache=False)
    seconds = time.perf_counter() - t0
    return {"engine": engine, "workers": workers, "articles": report.articles,
            "seconds": round(seconds, 1), "articles_per_s": round(report.articles / seconds, 2),
            "articles_per_s_per_worker": round(report.articles / seconds / workers, 2),
            "worker_peak_mb": sorted(round(v) for v in memory.values())}


def merge_cost(triples: int) -> dict:
    from kg.graph import canonical_entities, entity_refs

    builder = synthetic.builder(triples)
    t0 = time.perf_counter()
    refs = entity_refs(builder.facts)
    t1 = time.perf_counter()
    canon = canonical_entities(refs)
    t2 = time.perf_counter()
    graph = builder.build(refs, canon)
    t3 = time.perf_counter()
    return {"triples": len(graph), "articles": len(builder.articles),
            "entity_refs": len(refs.mentioned | refs.taking_part),
            "refs_s": round(t1 - t0, 2), "merge_s": round(t2 - t1, 3),
            "graph_s": round(t3 - t2, 1)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=400)
    p.add_argument("--triples", type=int, nargs="+", default=[10_000, 100_000, 300_000, 1_000_000])
    p.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    args = p.parse_args()
    out = {"engine": [], "merge": []}
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        corpus = Path(tmp) / "news"
        corpus.mkdir()
        for name, text in bench_build.news_articles(args.articles):
            (corpus / name).write_text(text, "utf-8")
        for engine, workers in (("local", 1), ("dask", 1), ("dask", 2), ("local", 2)):
            out["engine"].append(engine_run(corpus, Path(tmp) / f"{engine}-{workers}", engine, workers))
            print(out["engine"][-1], flush=True)
    for n in args.triples:
        out["merge"].append(merge_cost(n))
        print(out["merge"][-1], flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
