"""Incremental builds (the fact cache), Oxigraph for large graphs, N-Triples shards and
their bulk load, and the Dask engine: each gives the same graph as a plain build."""

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ROOT, SEEDS, copy_seeds, shared
from kg.build import build
from kg.cache import FILE_NAME
from kg.query import load_graph, load_store, named_queries, run, run_oxigraph
from kg.store import oxigraph_ntriples, oxigraph_turtle

PARAMS = {"actor-facts": {"actor": "Stef Blok"}, "article-evidence": {"article": "000_beb47e856fafe9a5"}}


def rows(result) -> list[tuple]:
    return [tuple("" if v is None else str(v) for v in r) for r in result]


def kg(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(map(str, args))} failed: {proc.stderr}")
    return proc


# --- the fact cache -----------------------------------------------------------------------


def test_cached_rebuild_parses_only_what_changed_and_writes_the_same_bytes(seeds_build, tmp_path):
    corpus, cache = copy_seeds(tmp_path / "in"), tmp_path / "cache"
    first = build([corpus], tmp_path / "a", cache_dir=cache)
    assert (first.parsed, first.cached) == (5, 0)
    again = build([corpus], tmp_path / "b", cache_dir=cache)
    assert (again.parsed, again.cached) == (5 - 5, 5)
    assert (tmp_path / "b" / "kg.ttl").read_bytes() == (seeds_build / "kg.ttl").read_bytes()
    assert (tmp_path / "b" / "kg.html").read_bytes() == (seeds_build / "kg.html").read_bytes()
    edited = corpus / "004_177681b7bbdc17ad.txt"
    edited.write_text(edited.read_text("utf-8").replace("Tillerson", "Pompeo"), "utf-8")
    changed = build([corpus], tmp_path / "c", cache_dir=cache)
    assert (changed.parsed, changed.cached) == (1, 4)
    labels = {str(o) for o in Graph().parse(tmp_path / "c" / "kg.ttl").objects()}
    assert "Mike Pompeo" in labels or "Pompeo" in labels


def test_no_cache_parses_everything(tmp_path):
    corpus, cache = copy_seeds(tmp_path / "in"), tmp_path / "cache"
    build([corpus], tmp_path / "a", cache_dir=cache)
    forced = build([corpus], tmp_path / "b", cache_dir=cache, use_cache=False)
    assert (forced.parsed, forced.cached) == (5, 0)
    out = kg("build", corpus, "--out", tmp_path / "c", "--cache-dir", cache).stdout
    assert "5 articles (5 from the cache)" in out
    out = kg("build", corpus, "--out", tmp_path / "d", "--cache-dir", cache, "--no-cache").stdout
    assert "from the cache" not in out


def test_a_damaged_cache_is_rebuilt_not_fatal(seeds_build, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILE_NAME).write_bytes(b"this is not a database" * 100)
    report = build([SEEDS], tmp_path / "out", cache_dir=cache)
    assert report.parsed == 5
    assert (tmp_path / "out" / "kg.ttl").read_bytes() == (seeds_build / "kg.ttl").read_bytes()
    with sqlite3.connect(cache / FILE_NAME) as db:
        assert db.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == 5
        db.execute("UPDATE facts SET value = x'00ff'")
    assert build([SEEDS], tmp_path / "out2", cache_dir=cache).parsed == 5


def test_another_pipeline_misses_the_cache(tmp_path):
    from kg.cache import FactCache
    from kg.ingest import read_corpus

    article = read_corpus([SEEDS]).articles[0]
    a, b = FactCache(tmp_path, "pipeline-a"), FactCache(tmp_path, "pipeline-b")
    assert a.key(article) != b.key(article)
    a.close()
    b.close()


# --- Oxigraph for large graphs -------------------------------------------------------------


def test_oxigraph_writes_the_same_triples_in_stable_bytes(seeds_graph, tmp_path):
    text = oxigraph_turtle(seeds_graph)
    assert text == oxigraph_turtle(seeds_graph)
    assert isomorphic(Graph().parse(data=text, format="turtle"), seeds_graph)
    assert "@prefix kgo: <https://example.org/kg/ontology#>" in text
    lines = oxigraph_ntriples(seeds_graph).splitlines()
    assert lines == sorted(set(lines)) and len(lines) == len(seeds_graph)


def test_build_store_oxigraph_gives_the_same_graph(seeds_graph, tmp_path):
    build([SEEDS], tmp_path / "ox", store="oxigraph", formats=["ttl", "nt"])
    for name in ("kg.ttl", "kg.nt"):
        assert isomorphic(Graph().parse(tmp_path / "ox" / name), seeds_graph), name


def test_query_store_oxigraph_answers_like_rdflib(seeds_build):
    graph, store = load_graph(seeds_build / "kg.ttl"), load_store(seeds_build / "kg.ttl")
    for name, path in named_queries().items():
        text = path.read_text("utf-8")
        assert rows(run_oxigraph(store, text, PARAMS.get(name))) == \
            rows(run(graph, text, PARAMS.get(name))), name
    a = kg("query", "who-met-whom", "--graph", seeds_build / "kg.ttl", "--store", "oxigraph").stdout
    b = kg("query", "who-met-whom", "--graph", seeds_build / "kg.ttl", "--store", "rdflib").stdout
    assert a == b and "Sergej Lavrov" in a


def test_every_named_query_answers_alike_in_rdflib_and_oxigraph_on_a_synthetic_graph(tmp_path):
    """Hub actors, denials, dates and locations at a size rdflib still answers quickly."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    builder = synthetic.builder(2_500)
    first = builder.facts[0].relations[0]
    params = {"actor-facts": {"actor": first.subject.label},
              "article-evidence": {"article": first.article_id}}
    graph = builder.build()
    store = load_store(_write(tmp_path / "g.ttl", oxigraph_turtle(graph)))
    answered = 0
    for name, path in named_queries().items():
        text = path.read_text("utf-8")
        expected = rows(run(graph, text, params.get(name)))
        assert rows(run_oxigraph(store, text, params.get(name))) == expected, name
        answered += bool(expected)
    assert answered >= 10


def test_rewritten_queries_answer_like_their_first_versions_on_a_large_graph(tmp_path):
    """actors, actor-facts, disputes, timeline and accusations-and-denials were rewritten
    to avoid quadratic joins or per-row lookups on busy actors; on a
    synthetic graph with hub actors they give the rows the plain versions gave."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    builder = synthetic.builder(8_000)
    first = builder.facts[0].relations[0]
    graph = builder.build()
    store = load_store(_write(tmp_path / "g.ttl", oxigraph_turtle(graph)))
    for name, original in ORIGINAL_QUERIES.items():
        params = {"actor": first.subject.label} if name == "actor-facts" else {}
        new = rows(run_oxigraph(store, named_queries()[name].read_text("utf-8"), params))
        assert new == rows(run_oxigraph(store, original, params)), name
        assert new, name


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX kgo: <https://example.org/kg/ontology#>
"""
ORIGINAL_QUERIES = {
    "accusations-and-denials": _PREFIXES + """
SELECT ?accuser ?accusation ?accused ?deniedRelation ?deniedObject ?deniedBy ?accusedIn ?deniedIn WHERE {
  ?acc a rdf:Statement ; rdf:subject ?x ; rdf:predicate ?p ; rdf:object ?b ;
       kgo:polarity "positive" ; prov:wasDerivedFrom ?a1 .
  ?p rdfs:label ?accusation .
  FILTER(lang(?accusation) = "en" && ?accusation IN ("holds responsible"@en, "holds liable"@en, "accuses"@en, "condemns"@en))
  ?neg a rdf:Statement ; rdf:subject ?b ; rdf:predicate ?q ; rdf:object ?y ;
       kgo:polarity "negative" ; prov:wasDerivedFrom ?a2 .
  ?q rdfs:label ?deniedRelation . FILTER(lang(?deniedRelation) = "en")
  ?x rdfs:label ?accuser . ?b rdfs:label ?accused . ?y rdfs:label ?deniedObject .
  ?a1 dcterms:identifier ?accusedIn . ?a2 dcterms:identifier ?deniedIn .
  OPTIONAL { ?neg kgo:attributedTo ?w . ?w rdfs:label ?deniedBy }
}
ORDER BY ?accused ?accuser ?accusation ?deniedRelation ?deniedObject ?accusedIn ?deniedIn
""",
    "timeline": _PREFIXES + """
SELECT ?month ?subject ?relation ?object ?polarity ?article WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      kgo:polarity ?polarity ; prov:wasDerivedFrom ?a .
  ?p rdfs:label ?relation . FILTER(lang(?relation) = "en")
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
  ?a dcterms:identifier ?article .
  OPTIONAL { ?a dcterms:date ?adate }
  OPTIONAL { ?st kgo:date ?sdate }
  BIND(SUBSTR(STR(COALESCE(?sdate, ?adate)), 1, 7) AS ?m)
  BIND(IF(BOUND(?m) && STRLEN(?m) = 7, ?m, "undated") AS ?month)
}
ORDER BY ?month ?subject ?relation ?object ?polarity ?article
""",
    "actors": _PREFIXES + """
SELECT ?actor ?type ?wikidata (COUNT(DISTINCT ?st) AS ?facts) (COUNT(DISTINCT ?alt) AS ?aliases) WHERE {
  ?e rdfs:label ?actor ; a ?t .
  FILTER(STRSTARTS(STR(?t), "http://schema.org/") && ?t != schema:NewsArticle)
  BIND(STRAFTER(STR(?t), "http://schema.org/") AS ?type)
  OPTIONAL { ?e owl:sameAs ?wikidata . FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) }
  OPTIONAL { ?e skos:altLabel ?alt }
  OPTIONAL { ?st a rdf:Statement . { ?st rdf:subject ?e } UNION { ?st rdf:object ?e } }
} GROUP BY ?actor ?type ?wikidata ORDER BY ?actor ?type ?wikidata""",
    "actor-facts": _PREFIXES + """
SELECT ?subject ?relation ?object ?polarity ?confidence ?evidence ?article WHERE {
  ?e rdfs:label|skos:altLabel ?name . FILTER(LCASE(STR(?name)) = LCASE(STR(?actor)))
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      kgo:polarity ?polarity ; kgo:confidence ?confidence ; kgo:evidence ?evidence ;
      prov:wasDerivedFrom ?a .
  FILTER(?s = ?e || ?o = ?e)
  ?p rdfs:label ?relation . FILTER(lang(?relation) = "en")
  ?s rdfs:label ?subject . ?o rdfs:label ?object . ?a dcterms:identifier ?article .
} ORDER BY ?article ?subject ?relation ?object ?evidence ?polarity ?confidence""",
    "disputes": _PREFIXES + """
SELECT ?subject ?relation ?object ?assertedIn ?deniedIn ?deniedBy WHERE {
  ?pos a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
       kgo:polarity "positive" ; prov:wasDerivedFrom ?a1 .
  ?neg a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
       kgo:polarity "negative" ; prov:wasDerivedFrom ?a2 .
  ?a1 dcterms:identifier ?assertedIn . ?a2 dcterms:identifier ?deniedIn .
  OPTIONAL { ?neg kgo:attributedTo ?w . ?w rdfs:label ?deniedBy }
  ?p rdfs:label ?relation . FILTER(lang(?relation) = "en")
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
} ORDER BY ?subject ?relation ?object ?assertedIn ?deniedIn""",
}


# --- N-Triples shards and the bulk load ----------------------------------------------------


def test_shards_are_sorted_distinct_and_together_the_graph(seeds_graph, tmp_path):
    kg("build", SEEDS, "--out", tmp_path, "--format", "nt", "--shards", "3", "--quiet")
    folder = tmp_path / "shards"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert [s["file"] for s in manifest["shards"]] == [f"kg-0000{i}-of-00003.nt" for i in range(3)]
    lines = []
    for entry in manifest["shards"]:
        data = (folder / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert data.count(b"\n") == entry["triples"]
        lines += data.decode("utf-8").splitlines()
    assert lines == sorted(set(lines)) and len(lines) == manifest["triples"] == len(seeds_graph)
    assert isomorphic(Graph().parse(data="\n".join(lines), format="nt"), seeds_graph)
    assert not (tmp_path / "kg.nt").exists()
    kg("build", SEEDS, "--out", tmp_path, "--format", "nt", "--shards", "2", "--quiet")
    assert sorted(p.name for p in folder.glob("*.nt")) == ["kg-00000-of-00002.nt", "kg-00001-of-00002.nt"]


def test_load_store_then_named_queries_answer_from_the_store(seeds_build, tmp_path):
    kg("build", SEEDS, "--out", tmp_path, "--format", "nt", "--shards", "4", "--quiet")
    out = kg("load-store", tmp_path / "shards", "--location", tmp_path / "db").stdout
    assert out.startswith(f"{len(Graph().parse(seeds_build / 'kg.ttl'))} triples")
    for name in ("who-met-whom", "relation-counts", "responsibility"):
        from_store = kg("query", name, "--graph", tmp_path / "db", "--format", "csv").stdout
        assert from_store == kg("query", name, "--graph", seeds_build / "kg.ttl", "--format", "csv",
                                "--store", "rdflib").stdout, name
    assert "Stef Blok" in kg("query", "who-met-whom", "--graph", tmp_path / "db").stdout


def test_load_store_refuses_a_changed_or_missing_shard(tmp_path):
    kg("build", SEEDS, "--out", tmp_path, "--format", "nt", "--shards", "2", "--quiet")
    shard = tmp_path / "shards" / "kg-00001-of-00002.nt"
    shard.write_text(shard.read_text("utf-8")[:-200], "utf-8")
    proc = kg("load-store", tmp_path / "shards", "--location", tmp_path / "db", check=False)
    assert proc.returncode == 2 and "kg-00001-of-00002.nt" in proc.stderr and "differs" in proc.stderr
    shard.unlink()
    proc = kg("load-store", tmp_path / "shards", "--location", tmp_path / "db", check=False)
    assert proc.returncode == 2 and "missing" in proc.stderr
    proc = kg("load-store", tmp_path, "--location", tmp_path / "db", check=False)
    assert proc.returncode == 2 and "manifest" in proc.stderr


def test_oxigraph_cli_loads_the_shards_and_serves_the_named_queries(seeds_build, tmp_path):
    exe = shutil.which("oxigraph")
    if not exe:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    kg("build", SEEDS, "--out", tmp_path, "--format", "nt", "--shards", "2", "--quiet")
    shards = sorted((tmp_path / "shards").glob("*.nt"))
    subprocess.run([exe, "load", "--location", tmp_path / "db", *[a for s in shards for a in ("--file", s)]],
                   check=True, capture_output=True, timeout=120)
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([exe, "serve-read-only", "--location", tmp_path / "db", "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        query = named_queries()["who-met-whom"].read_text("utf-8")
        deadline = time.monotonic() + 30
        while True:
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=query.encode(),
                                             headers={"Content-Type": "application/sparql-query",
                                                      "Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(req, timeout=30) as r:
                    answer = json.load(r)
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline and proc.poll() is None, "oxigraph did not start"
                time.sleep(0.2)
        got = sorted((b["subject"]["value"], b["object"]["value"]) for b in answer["results"]["bindings"])
        expected = sorted((r[0], r[2]) for r in rows(run(load_graph(seeds_build / "kg.ttl"), query)))
        assert got == expected and ("Stef Blok", "Sergej Lavrov") in got
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)


# --- the Dask engine -----------------------------------------------------------------------


def test_dask_build_of_the_seeds_is_byte_identical(seeds_build, tmp_path):
    pytest.importorskip("dask.distributed")
    report = build([SEEDS], tmp_path, engine="dask", n_process=2, use_cache=False)
    assert report.parsed == 5
    for name in ("kg.ttl", "kg.html"):
        assert (tmp_path / name).read_bytes() == (seeds_build / name).read_bytes(), name


def test_dask_build_of_200_news_articles_matches_the_local_build(tmp_path):
    pytest.importorskip("dask.distributed")
    corpus = news_corpus(tmp_path / "news", 200)
    build([corpus], tmp_path / "local", n_process=2, use_cache=False, formats=["ttl", "nt"])
    kg("build", corpus, "--out", tmp_path / "dask", "--engine", "dask", "--n-process", "2",
       "--no-cache", "--format", "nt", "--quiet")
    for name in ("kg.ttl", "kg.nt", "kg.html"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert len((tmp_path / "dask" / "kg.nt").read_text("utf-8").splitlines()) > 1000


def test_dask_reduce_merges_entities_like_one_pass():
    from kg.distributed import _combine
    from kg.extract.records import ArticleFacts, EntityRef, Mention
    from kg.graph import canonical_entities, entity_refs

    people = [EntityRef("Stef Blok", "Person"), EntityRef("Blok", "Person"),
              EntityRef("Blok", "Organization"), EntityRef("Sergej Lavrov", "Person")]
    facts = [ArticleFacts(f"a{i}", [Mention(f"a{i}", 0, 1, p.label, p)]) for i, p in enumerate(people)]
    parts = [entity_refs([f]) for f in facts]
    merged = _combine(lambda a, b: a | b, *parts)
    assert merged == entity_refs(facts)
    assert canonical_entities(merged)[EntityRef("Blok", "Person")] == EntityRef("Stef Blok", "Person")


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    pytest.importorskip("dask.distributed")
    proc = kg("build", SEEDS, "--out", tmp_path, "--engine", "dask", "--scheduler",
              "tcp://127.0.0.1:9", "--no-cache", check=False)
    assert proc.returncode == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert not (tmp_path / "kg.ttl").exists()


def news_corpus(folder: Path, n: int) -> Path:
    """The first ``n`` articles of ../shared/bench as input files (skips without it)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import build as bench_build

    shared("bench")
    folder.mkdir(parents=True)
    for name, text in bench_build.news_articles(n):
        (folder / name).write_text(text, "utf-8")
    return folder
