"""OpenLink Virtuoso (Debian's virtuoso-opensource) loads the Turtle export and its
SPARQL endpoint answers the named queries with rdflib's rows.

The server is started in a temporary folder on free loopback ports and stopped by the
test; it starts in about a second on this machine."""

import os
import shutil
import subprocess
import urllib.parse
import urllib.request

import pytest

from test_stores import QUERIES, expected, files, free_port, json_rows, text_of  # noqa: F401  (fixtures)

GRAPH = "https://example.org/kg/graph"
INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(files, tmp_path_factory):
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not exe or not isql:
        if os.environ.get("CI"):
            pytest.fail("CI must provide Virtuoso (apt-get install virtuoso-opensource)")
        pytest.skip("virtuoso-t not installed (apt-get install virtuoso-opensource)")
    d = tmp_path_factory.mktemp("virtuoso")
    shutil.copy(files["ttl"], d / "kg.ttl")
    sql, http = free_port(), free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, sql=sql, http=http))
    subprocess.run([exe, "-c", "virtuoso.ini", "+wait"], cwd=d, check=True, timeout=60,
                   capture_output=True)

    def isql_exec(statements: str) -> str:
        return subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={statements}"],
                              check=True, timeout=60, capture_output=True, text=True).stdout

    try:
        isql_exec(f"ld_dir('{d}', 'kg.ttl', '{GRAPH}'); rdf_loader_run(); checkpoint;")
        yield f"http://127.0.0.1:{http}/sparql", isql_exec
    finally:
        subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", "exec=shutdown;"],
                       timeout=60, capture_output=True)


def ask(endpoint: str, query: str) -> str:
    data = urllib.parse.urlencode({"query": query, "default-graph-uri": GRAPH}).encode()
    req = urllib.request.Request(endpoint, data=data,
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read().decode("utf-8")


def test_virtuoso_loads_every_triple(virtuoso, seeds_graph):
    endpoint, _ = virtuoso
    assert json_rows(ask(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")) == [(str(len(seeds_graph)),)]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_virtuoso_answers_named_queries_like_rdflib(virtuoso, expected, name):
    endpoint, _ = virtuoso
    assert json_rows(ask(endpoint, text_of(name))) == expected[name]
