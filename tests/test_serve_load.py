"""kg serve under concurrent load: 200 good queries from 32 threads with bad ones interleaved."""

import json
import statistics
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor, wait

import pytest

from conftest import ROOT
from test_serve import Server, bindings

JSON = "application/sparql-results+json"
NAMED = [("who-met-whom", {}), ("denials", {}), ("timeline", {}), ("most-connected", {}),
         ("actors", {}), ("relation-counts", {}), ("responsibility", {}),
         ("actor-facts", {"actor": "Stef Blok"})]
SELECTS = [
    "SELECT ?e ?name WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
    "SELECT ?st ?p WHERE { ?st a rdf:Statement ; rdf:predicate ?p } ORDER BY ?st",
]
BAD = [
    ("get", "SELECT WHERE {", 400),
    ("get", "SELECT ?s WHERE { ?s ?p }", 400),
    ("get", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403),
    ("update", "DELETE WHERE { ?s ?p ?o }", 403),
    ("get", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403),
    ("post", "SELECT * WHERE { SERVICE SILENT <http://example.org/> { ?s ?p ?o } }", 403),
    ("named", "no-such-query", 404),
]


def good_request(server, kind, item):
    if kind == "named":
        name, params = item
        return server.get(f"/queries/{name}", accept=JSON, **params)
    return server.request("/sparql", data=item.encode(), method="POST",
                          headers={"Content-Type": "application/sparql-query", "Accept": JSON})


def bad_request(server, kind, text):
    if kind == "get":
        return server.get("/sparql", query=text)
    if kind == "post":
        return server.request("/sparql", data=urllib.parse.urlencode({"query": text}).encode(),
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    if kind == "update":
        return server.request("/sparql", data=text.encode(),
                              headers={"Content-Type": "application/sparql-update"})
    return server.get(f"/queries/{text}")


def rows(body):
    return sorted(json.dumps(r, sort_keys=True) for r in bindings(body))


@pytest.fixture(scope="module")
def server(seeds_build):
    s = Server(seeds_build / "kg.ttl")
    yield s
    assert s.stop() == 0


def test_concurrent_good_and_bad_queries(server):
    goods = [("named", q) for q in NAMED] + [("post", q) for q in SELECTS]
    expected = {}
    for i, (kind, item) in enumerate(goods):
        status, _, body = good_request(server, kind, item)
        assert status == 200, (item, body)
        expected[i] = rows(body)
        assert expected[i] or kind == "named" and item[0] == "timeline", f"{item}: no rows on the seeds"

    def timed_good(i):
        started = time.perf_counter()
        status, _, body = good_request(server, *goods[i])
        return i, status, body, time.perf_counter() - started

    def timed_bad(j):
        kind, text, want = BAD[j]
        return j, bad_request(server, kind, text)[0]

    good_futures, bad_futures = [], []
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=32) as pool:
        for n in range(200):
            good_futures.append(pool.submit(timed_good, n % len(goods)))
            if n % 10 == 5:  # 20 bad requests spread through the run
                bad_futures.append(pool.submit(timed_bad, (n // 10) % len(BAD)))
        done, pending = wait(good_futures + bad_futures, timeout=120)
        assert not pending, f"{len(pending)} requests unanswered after 120 s"
    elapsed = time.monotonic() - started

    latencies = []
    for f in good_futures:
        i, status, body, seconds = f.result()
        assert status == 200, (goods[i], status, body[:200])
        assert rows(body) == expected[i], f"{goods[i]}: rows differ from the sequential answer"
        latencies.append(seconds)
    for f in bad_futures:
        j, status = f.result()
        assert status == BAD[j][2], (BAD[j], status)

    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * len(latencies))) - 1)]
    print(f"\nkg serve load: 200 good + {len(bad_futures)} bad requests, 32 threads, "
          f"{elapsed:.2f} s total; good p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")

    # Still answering, with the same rows, and nothing was changed by the refused updates.
    status, _, body = server.get("/sparql", query=SELECTS[1])
    assert status == 200 and rows(body) == expected[len(NAMED) + 1]
    assert server.proc.poll() is None


def test_default_host_is_loopback():
    from kg.cli import _parser
    from kg.serve import Settings

    assert Settings(graph=ROOT / "x.ttl").host == "127.0.0.1"
    args = _parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    help_text = subprocess.run([sys.executable, "-m", "kg", "serve", "--help"], cwd=ROOT,
                               capture_output=True, text=True, timeout=60).stdout
    assert "default: 127.0.0.1" in help_text
