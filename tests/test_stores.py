"""Other triple stores load every export format and answer every named query with the
same rows as rdflib: Oxigraph in-process, the Oxigraph server over HTTP, Apache Jena."""

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from kg.export import serialisations
from kg.query import load_store, named_queries, run, run_oxigraph, with_values

QUERIES = named_queries()
PARAMS = {"actor-facts": {"actor": "Stef Blok"}, "article-evidence": {"article": "000_beb47e856fafe9a5"}}
JAVA_DIR = Path("/usr/share/java")


def needs(what: str, reason: str):
    """Skip locally when a store is not installed; CI must have the ones it installs."""
    if os.environ.get("CI") and what == "oxigraph":
        pytest.fail(f"CI must provide {what}: {reason}")
    pytest.skip(f"{what} not installed: {reason}")


def text_of(name: str) -> str:
    return with_values(QUERIES[name].read_text("utf-8"), PARAMS.get(name, {}))


def json_rows(body: str) -> list[tuple[str, ...]]:
    data = json.loads(body)
    names = data["head"]["vars"]
    return [tuple(b.get(n, {}).get("value", "") for n in names) for b in data["results"]["bindings"]]


@pytest.fixture(scope="module")
def files(seeds_build, seeds_graph, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("stores")
    written = serialisations(seeds_graph, ["ttl", "nt", "trig", "jsonld"], out)
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return {p.suffix.lstrip("."): p for p in written}


@pytest.fixture(scope="module")
def expected(seeds_graph) -> dict[str, list[tuple[str, ...]]]:
    """Every named query's rows in rdflib (the reference)."""
    out = {}
    for name, path in QUERIES.items():
        result = run(seeds_graph, path.read_text("utf-8"), PARAMS.get(name))
        out[name] = [tuple("" if v is None else str(v) for v in row) for row in result]
    assert out["who-met-whom"] and out["denials"]
    return out


# --- Oxigraph in-process --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "jsonld"])
def test_pyoxigraph_loads_every_format_and_answers_like_rdflib(files, fmt, seeds_graph, expected):
    store = load_store(files[fmt])
    assert len(store) == len(seeds_graph)
    for name, rows in expected.items():
        got = [tuple("" if v is None else str(v) for v in r)
               for r in run_oxigraph(store, QUERIES[name].read_text("utf-8"), PARAMS.get(name))]
        assert got == rows, (fmt, name)


# --- Oxigraph server (pip install oxigraph) -------------------------------------------


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_oxigraph_server_over_http(files, expected, tmp_path):
    exe = shutil.which("oxigraph")
    if not exe:
        needs("oxigraph", "pip install oxigraph (in the test extra)")
    location = tmp_path / "db"
    subprocess.run([exe, "load", "--location", location, "--file", files["trig"]], check=True,
                   capture_output=True, timeout=120)
    port = free_port()
    proc = subprocess.Popen([exe, "serve-read-only", "--location", location, "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/query"

    def ask(query: str) -> str:
        req = urllib.request.Request(base, data=query.encode("utf-8"), headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read().decode("utf-8")

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                ask("ASK {}")
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline and proc.poll() is None, "oxigraph did not start"
                time.sleep(0.2)
        assert json_rows(ask("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")) == [(str(sum(1 for _ in files["nt"].open())),)]
        for name, rows in expected.items():
            assert json_rows(ask(text_of(name))) == rows, name
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)


# --- Apache Jena (Debian: apt-get install libapache-jena-java) ---------------------------

JENA_JARS = ["jena-arq", "jena-base", "jena-cmds", "jena-core", "jena-dboe-base", "jena-dboe-index",
             "jena-dboe-storage", "jena-dboe-trans-data", "jena-dboe-transaction", "jena-iri",
             "jena-rdfconnection", "jena-shacl", "jena-shex", "jena-tdb", "jena-tdb2",
             "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io",
             "commons-lang3", "commons-logging", "dexx.collection", "gson", "guava", "httpclient",
             "httpclient-cache", "httpcore", "jackson-annotations", "jackson-core",
             "jackson-databind", "jakarta.json-api", "jsonld-java", "protobuf", "slf4j-api",
             "slf4j-nop", "thrift", "titanium-json-ld"]


@pytest.fixture(scope="module")
def jena(tmp_path_factory):
    """A java command line for Debian's Jena 4.5. Its jena-core moves Xerces classes to
    ``xerces.*`` but leaves their message files under org/apache/jena/ext/xerces, so every
    command dies in XSD setup: a folder with those files at the moved path fixes it."""
    java = shutil.which("java")
    if not java or not (JAVA_DIR / "jena-arq.jar").exists():
        needs("jena", "apt-get install libapache-jena-java")
    res = tmp_path_factory.mktemp("jena-res")
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = res / name.replace("org/apache/jena/ext/xerces/", "xerces/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    cp = ":".join([str(JAVA_DIR / f"{j}.jar") for j in JENA_JARS] + [str(res)])

    def run_jena(main: str, *args) -> str:
        proc = subprocess.run([java, "-cp", cp, main, *map(str, args)], capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == 0, f"{main} failed: {proc.stderr[-2000:]}"
        return proc.stdout + proc.stderr
    return run_jena


def test_jena_reads_every_format(jena, files, seeds_graph):
    for fmt, syntax in (("ttl", "ttl"), ("nt", "nt"), ("trig", "trig"), ("jsonld", "jsonld10")):
        out = jena("riotcmd.riot", f"--syntax={syntax}", "--count", files[fmt])
        assert f": Triples = {len(seeds_graph)}" in out or f": Quads = {len(seeds_graph)}" in out, (fmt, out)


def test_jena_arq_answers_every_named_query_like_rdflib(jena, files, expected, tmp_path):
    for name, rows in expected.items():
        q = tmp_path / f"{name}.rq"
        q.write_text(text_of(name), encoding="utf-8")
        out = jena("arq.sparql", "--data", files["ttl"], "--query", q, "--results=json")
        out = out[:out.rindex("}") + 1]
        assert json_rows(out) == rows, name


def test_jena_tdb2_serves_the_trig_dataset(jena, files, expected, tmp_path):
    """TDB2's union default graph leaves out the stored default graph, so the queries
    name both (FROM <urn:x-arq:DefaultGraph> FROM <urn:x-arq:UnionGraph>)."""
    db = tmp_path / "tdb2"
    jena("tdb2.tdbloader", "--loc", db, files["trig"])
    graphs = "FROM <urn:x-arq:DefaultGraph> FROM <urn:x-arq:UnionGraph> "
    for name in ("who-met-whom", "denials", "actor-facts", "most-connected"):
        text = text_of(name)
        at = text.upper().index("WHERE {")
        q = tmp_path / f"{name}.rq"
        q.write_text(text[:at] + graphs + text[at:], encoding="utf-8")
        out = jena("tdb2.tdbquery", "--loc", db, "--query", q, "--results=json")
        out = out[:out.rindex("}") + 1]
        assert json_rows(out) == expected[name], name
