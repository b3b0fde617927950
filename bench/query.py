"""Benchmark: the named queries and serialisation on large graphs, rdflib vs Oxigraph.

Synthetic graphs shaped like kg's (bench/synthetic.py) of about 100k and 1M triples
are written as Turtle, then loaded by each backend as ``kg query --store`` does
(rdflib ``Graph.parse``; pyoxigraph ``Store.bulk_load``). Every named query in
queries/ runs several times on each (parameters bound to the busiest actor and the
first article) as ``kg query --format csv`` runs it: the query and its CSV answer
(rdflib's writer; Oxigraph's own). Both answers must hold the same rows. Serialisation:
each backend writes its own store as Turtle.

    python bench/query.py                      # 100k and 1M triples
    python bench/query.py --triples 100000 --runs 5

Results go to ``bench/results/query.json`` and a table to stdout.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pyoxigraph as ox  # noqa: E402

from kg.query import (format_oxigraph, format_result, load_graph, load_store,  # noqa: E402
                      named_queries, query_oxigraph, run)
from kg.store import oxigraph_turtle  # noqa: E402
import synthetic  # noqa: E402

#: rdflib runs of a query that took longer than this are not repeated.
SLOW_SECONDS = 20.0


class TimeLimit(BaseException):  # not caught by kg.query.run's except Exception
    pass


def _alarm(_signum, _frame):
    raise TimeLimit


def timed(fn, runs: int, slow: float | None = None, limit: float | None = None
          ) -> tuple[list[float], object]:
    """Times of up to ``runs`` calls; a call over ``limit`` seconds is stopped (rdflib's
    engine is pure Python, so an alarm interrupts it) and ends the series unfinished."""
    times, value = [], None
    signal.signal(signal.SIGALRM, _alarm)
    for _ in range(runs):
        t0 = time.perf_counter()
        if limit:
            signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            value = fn()
        except TimeLimit:
            return [], None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - t0)
        if slow is not None and times[-1] > slow:
            break
    return times, value


def rows(answer: str) -> list[tuple]:
    """The rows of a CSV answer, sorted (the engines may order ties differently)."""
    return sorted(map(tuple, csv.reader(io.StringIO(answer))))


def summary(times: list[float], limit: float | None = None) -> dict:
    if not times:
        return {"median_ms": None, "p95_ms": None, "runs": 0, "stopped_after_s": limit}
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1), "runs": len(times)}


def bench(triples: int, runs: int, work: Path, limit: float) -> dict:
    builder = synthetic.builder(triples)
    first = builder.facts[0].relations[0]
    params = {"actor-facts": {"actor": first.subject.label},
              "article-evidence": {"article": first.article_id}}
    graph = builder.build()
    path = work / f"kg-{triples}.ttl"
    path.write_text(oxigraph_turtle(graph), "utf-8")
    size = len(graph)
    del graph, builder
    load_rdflib, g = timed(lambda: load_graph(path), 1)
    load_ox, store = timed(lambda: load_store(path), 1)
    from importlib.metadata import version

    out = {"triples": size, "limit_s": limit,
           "packages": {p: version(p) for p in ("rdflib", "pyoxigraph")}, "turtle_mb": round(path.stat().st_size / 1e6, 1),
           "load_s": {"rdflib": round(load_rdflib[0], 2), "oxigraph": round(load_ox[0], 2)},
           "queries": {}}
    for name, file in named_queries().items():
        text = file.read_text("utf-8")
        p = params.get(name, {})
        # Both answers are read whole: rdflib and Oxigraph evaluate lazily.
        t_ox, a_ox = timed(lambda: format_oxigraph(query_oxigraph(store, text, p), "csv"), runs)
        t_rdf, a_rdf = timed(lambda: format_result(run(g, text, p), "csv"), runs,
                             slow=SLOW_SECONDS, limit=limit)
        same = None if a_rdf is None else rows(a_ox) == rows(a_rdf)
        out["queries"][name] = {"rdflib": summary(t_rdf, limit), "oxigraph": summary(t_ox),
                                "rows": len(rows(a_ox)) - 1, "same": same}
    t_rdf, _ = timed(lambda: g.serialize(format="turtle"), 1)
    t_ox, _ = timed(lambda: store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()), 1)
    out["serialise_s"] = {"rdflib": round(t_rdf[0], 2), "oxigraph": round(t_ox[0], 2)}
    return out


def table(results: list[dict]) -> str:
    lines = []
    for r in results:
        q = r["queries"]
        ratio = [(q[n]["rdflib"]["median_ms"] or q[n]["rdflib"]["stopped_after_s"] * 1000)
                 / max(q[n]["oxigraph"]["median_ms"], 0.1) for n in q]
        lines += [f"### {r['triples']:,} triples ({r['turtle_mb']} MB Turtle)", "",
                  f"Load: rdflib {r['load_s']['rdflib']} s, Oxigraph {r['load_s']['oxigraph']} s "
                  f"({r['load_s']['rdflib'] / r['load_s']['oxigraph']:.0f}×). Turtle: rdflib "
                  f"{r['serialise_s']['rdflib']} s, Oxigraph {r['serialise_s']['oxigraph']} s "
                  f"({r['serialise_s']['rdflib'] / max(r['serialise_s']['oxigraph'], 0.01):.0f}×). "
                  f"Queries: median speed-up {statistics.median(ratio):.0f}×, "
                  f"smallest {min(ratio):.0f}× (a query rdflib had not answered after "
                  f"{r['limit_s']:.0f} s counts as {r['limit_s']:.0f} s).", "",
                  "| query | rows | rdflib median / p95 (ms) | Oxigraph median / p95 (ms) | × | same |",
                  "|---|---:|---:|---:|---:|---|"]
        for (name, v), x in zip(q.items(), ratio):
            rdf = v["rdflib"]
            cell = (f"{rdf['median_ms']:,} / {rdf['p95_ms']:,} ({rdf['runs']} runs)"
                    if rdf["runs"] else f"> {r['limit_s'] * 1000:,.0f} (stopped)")
            same = {True: "yes", False: "NO", None: "–"}[v["same"]]
            lines.append(f"| {name} | {v['rows']:,} | {cell} | {v['oxigraph']['median_ms']:,} / "
                         f"{v['oxigraph']['p95_ms']:,} | {'≥ ' if not rdf['runs'] else ''}{x:,.0f} | "
                         f"{same} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--limit", type=float, default=120.0,
                   help="seconds after which an rdflib query is stopped (default: 120)")
    p.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "query.json")
    args = p.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="kg-query-bench-") as tmp:
        for n in args.triples:
            results.append(bench(n, args.runs, Path(tmp), args.limit))
            print(table(results[-1:]), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
