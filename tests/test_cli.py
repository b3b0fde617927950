"""Every command through the real command line: output content, errors, exit codes."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_seeds

from kg.query import named_queries


def kg(*args, cwd=ROOT, check=True):
    proc = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(map(str, args))} failed: {proc.stderr}")
    return proc


def test_query_named_csv(seeds_build):
    out = kg("query", "who-met-whom", "--graph", seeds_build / "kg.ttl", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and set(rows[0]) >= {"subject", "relation", "object", "evidence"}
    pairs = {frozenset((r["subject"], r["object"])) for r in rows if r["relation"] == "meets"}
    assert frozenset(("Stef Blok", "Sergej Lavrov")) in pairs
    assert frozenset(("Rex Tillerson", "Sergej Lavrov")) in pairs


def test_query_json_is_sparql_results_json(seeds_build):
    out = kg("query", ROOT / "queries" / "denials.rq", "--graph", seeds_build / "kg.ttl",
             "--format", "json").stdout
    data = json.loads(out)
    assert data["head"]["vars"][:3] == ["subject", "relation", "object"]
    rows = [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
    assert {"subject": "Russia", "relation": "shoots down", "object": "MH17"}.items() <= \
        next(r for r in rows if r["relation"] == "shoots down").items()


def test_query_text_and_param_binding(seeds_build):
    out = kg("query", "actor-facts", "--param", "actor=Stef Blok", "--graph",
             seeds_build / "kg.ttl", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("Stef Blok" in (r["subject"], r["object"]) for r in rows)
    # A value is bound, never pasted into the query text.
    hostile = kg("query", "actor-facts", "--param", 'actor=x") } DELETE { ?s ?p ?o } #',
                 "--graph", seeds_build / "kg.ttl", "--format", "csv").stdout
    assert hostile.strip().splitlines()[1:] == []
    table = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph",
               seeds_build / "kg.ttl").stdout
    assert table.splitlines()[0].strip() == "n" and "(1 row)" in table


@pytest.mark.parametrize("args, message", [
    (["query", "SELECT WHERE {"], "query failed"),
    (["query", "no-such-query"], "neither a query"),
    (["query", "who-met-whom", "--graph", "missing.ttl"], "missing.ttl: graph file not found"),
    (["query", "who-met-whom", "--param", "nope=1"], "no variable ?nope"),
    (["eval", "missing.tsv"], "missing.tsv: cannot read gold file"),
])
def test_errors_are_one_line_without_traceback(args, message, seeds_build):
    if "--graph" not in args and args[0] == "query":
        args = [*args, "--graph", seeds_build / "kg.ttl"]
    proc = kg(*args, check=False)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_build_bad_input_keeps_existing_exports(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("previous ttl")
    (out / "kg.html").write_text("previous html")
    corpus = copy_seeds(tmp_path / "in")
    cases = {
        "empty.txt": b"",
        "binary.txt": b"\x00\xff\xfe\x00\x13garbage",
    }
    for name, data in cases.items():
        bad = corpus / name
        bad.write_bytes(data)
        proc = kg("build", corpus, "--out", out, check=False)
        assert proc.returncode != 0
        assert str(bad) in proc.stderr and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        bad.unlink()
    proc = kg("build", tmp_path / "missing", "--out", out, check=False)
    assert proc.returncode != 0 and "missing: no such file or folder" in proc.stderr
    assert (out / "kg.ttl").read_text() == "previous ttl"
    assert (out / "kg.html").read_text() == "previous html"
    assert sorted(p.name for p in out.iterdir()) == ["kg.html", "kg.ttl"], "temporary files left"


def test_build_writes_both_exports(tmp_path):
    out = tmp_path / "out"
    proc = kg("build", ROOT / "seeds", "--out", out, "--quiet")
    assert proc.stdout == ""
    ttl = (out / "kg.ttl").read_text(encoding="utf-8")
    assert "kgo:holdsLiable" in ttl and "Stef Blok" in ttl
    assert "vis.Network" in (out / "kg.html").read_text(encoding="utf-8")


def test_eval_prints_scores(seeds_build):
    out = kg("eval", ROOT / "tests" / "gold" / "seeds.tsv", "--graph", seeds_build / "kg.ttl").stdout
    first = out.splitlines()[0]
    assert first.startswith("precision") and "recall" in first and "F1" in first and "core recall" in first
    assert "holds liable" in out
    precision = float(first.split()[1])
    recall = float(first.split()[3])
    assert precision >= 0.8 and recall >= 0.6, first
    assert "names shared by more than one actor 0" in out.splitlines()[1]  # one IRI per actor


def test_eval_errors_lists_missed_and_spurious(seeds_build):
    out = kg("eval", ROOT / "tests" / "gold" / "seeds.tsv", "--graph", seeds_build / "kg.ttl",
             "--errors").stdout
    assert "missed (gold facts not found):" in out and "spurious (statements not in gold):" in out


def test_info_names_the_pipeline_and_counts(seeds_build):
    out = kg("info", "--graph", seeds_build / "kg.ttl").stdout
    assert "kg 0.1.0" in out
    path_line = next(l for l in out.splitlines() if l.startswith("pipeline path:"))
    model_dir = Path(path_line.split(":", 1)[1].strip())
    assert (model_dir / "config.cfg").exists() and model_dir.is_absolute()
    assert "pipeline: nl_kg_news" in out and "dep_las" in out
    assert "articles: 5" in out and "statements:" in out
    cache = next(l for l in out.splitlines() if l.startswith("cache:"))
    assert os.environ["KG_CACHE_DIR"] in cache and "parsed articles" in cache


def test_default_pipeline_loads_with_spacy_after_import_kg():
    import spacy

    import kg.nlp

    nlp = spacy.load(kg.nlp.default_pipeline_path())
    doc = nlp("Minister Blok ontmoet zijn Russische ambtsgenoot Lavrov in Moskou.")
    assert any(t.dep_ == "nsubj" for t in doc) and doc[2].pos_ == "VERB"


def test_strict_turns_warnings_into_errors(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "cp.txt").write_bytes(" date 2019-05 Rutte ontmoet Merkel in Berlijn. Café.".encode("cp1252"))
    out = tmp_path / "out"
    loose = kg("build", corpus, "--out", out, "--quiet")
    assert "cp.txt: not UTF-8, read as Windows-1252" in loose.stderr and (out / "kg.ttl").exists()
    (out / "kg.ttl").unlink()
    strict = kg("build", corpus, "--out", out, "--strict", check=False)
    assert strict.returncode != 0 and "cp.txt: not UTF-8" in strict.stderr and "--strict" in strict.stderr
    assert not (out / "kg.ttl").exists()


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_answers_alike_on_both_stores(seeds_build, fmt):
    """--store oxigraph writes CSV and JSON with Oxigraph's own writers: the same CSV bytes,
    the same JSON results and the same table as rdflib, for every named query."""
    params = {"actor-facts": "actor=Stef Blok", "article-evidence": "article=003_6d9564fc6a10be2a"}
    answered = 0
    for name in named_queries():
        extra = ["--param", params[name]] if name in params else []
        out = {store: kg("query", name, *extra, "--graph", seeds_build / "kg.ttl", "--format", fmt,
                         "--store", store).stdout for store in ("rdflib", "oxigraph")}
        if fmt == "json":
            assert json.loads(out["oxigraph"]) == json.loads(out["rdflib"]), name
            answered += bool(json.loads(out["rdflib"])["results"]["bindings"])
        else:
            assert out["oxigraph"] == out["rdflib"], name
    assert fmt != "json" or answered >= 10


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_construct_as_json_is_json_ld(seeds_build, store):
    out = kg("query", "PREFIX schema: <http://schema.org/> CONSTRUCT { ?c a schema:Country } "
             "WHERE { ?c a schema:Country }", "--graph", seeds_build / "kg.ttl", "--format", "json",
             "--store", store).stdout
    ids = {node["@id"] for node in json.loads(out)}
    assert "https://example.org/kg/entity/Russia" in ids and "https://example.org/kg/entity/Netherlands" in ids
