"""kg serve: the real server as a subprocess on a free 127.0.0.1 port, queried over HTTP."""

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph

from conftest import ROOT

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, graph, *extra):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--graph", str(graph), "--port", str(self.port),
             *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"kg serve exited: {self.proc.stderr.read()}")
            try:
                self.get("/sparql", query="ASK {}")
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError("kg serve did not answer within 60 s")

    def request(self, path, data=None, headers=None, method=None, **params):
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read().decode("utf-8")

    def get(self, path, accept="application/sparql-results+json", **params):
        return self.request(path, headers={"Accept": accept}, **params)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@pytest.fixture(scope="module")
def server(seeds_build):
    s = Server(seeds_build / "kg.ttl", "--timeout", "2", "--max-rows", "50")
    yield s
    s.stop()


def bindings(body):
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def test_get_and_post_select_as_json(server):
    q = "SELECT ?name WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
    status, headers, body = server.get("/sparql", query=q)
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    names = [b["name"] for b in bindings(body)]
    assert "Russia" in names and "Sergej Lavrov" in names
    form = urllib.parse.urlencode({"query": q}).encode()
    status, _, posted = server.request("/sparql", data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    assert status == 200 and bindings(posted) == bindings(body)
    status, _, direct = server.request("/sparql", data=q.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and bindings(direct) == bindings(body)


def test_result_formats_by_accept(server):
    q = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?e ?name WHERE "
         "{ ?e rdfs:label ?name FILTER(?name = \"Russia\") }")
    status, h, body = server.get("/sparql", accept="text/csv", query=q)
    assert status == 200 and h["content-type"].startswith("text/csv")
    assert list(csv.DictReader(io.StringIO(body)))[0]["name"] == "Russia"
    status, h, body = server.get("/sparql", accept="text/tab-separated-values", query=q)
    assert body.splitlines() == ["?e\t?name", '<https://example.org/kg/entity/Russia>\t"Russia"']
    status, h, body = server.get("/sparql", accept="application/sparql-results+xml", query=q)
    assert status == 200 and "<sparql" in body and "Russia" in body
    status, h, body = server.get("/sparql", accept="text/csv;q=0.5, application/sparql-results+xml", query=q)
    assert h["content-type"].startswith("application/sparql-results+xml")
    status, h, body = server.get("/sparql", accept="application/sparql-results+json", query="ASK { ?s ?p ?o }")
    assert json.loads(body)["boolean"] is True
    construct = ("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE "
                 "{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ")
    status, h, body = server.get("/sparql", accept="text/turtle", query=construct)
    assert status == 200 and h["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) > 10
    status, h, body = server.get("/sparql", accept="*/*", query="DESCRIBE <https://example.org/kg/entity/Russia>")
    assert status == 200 and h["content-type"].startswith("text/turtle")


def test_updates_and_service_are_refused(server):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    form = urllib.parse.urlencode({"update": update}).encode()
    assert server.request("/sparql", data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert server.request("/sparql", data=update.encode(), headers={
        "Content-Type": "application/sparql-update"})[0] == 403
    assert server.get("/sparql", query=update)[0] == 403
    assert server.get("/sparql", update=update)[0] == 403
    assert server.get("/sparql", query="DROP ALL")[0] == 403
    status, _, body = server.get("/sparql", query="SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in body
    status, _, body = server.get("/sparql", query="SELECT * WHERE { SERVICE SILENT <http://127.0.0.2/x> { ?s ?p ?o } }")
    assert status == 403
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n = bindings(server.get("/sparql", query=count)[2])[0]["n"]
    assert int(n) > 100  # nothing was added


def test_bad_queries_time_limits_and_row_limits_keep_the_server_up(server):
    status, _, body = server.get("/sparql", query="SELECT WHERE {")
    assert status == 400 and body.startswith("bad query")
    started = time.monotonic()
    status, _, body = server.get("/sparql", query=SLOW)
    assert status == 503 and "time limit" in body and time.monotonic() - started < 15
    status, headers, body = server.get("/sparql", query="SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and len(bindings(body)) == 50 and headers["x-sparql-maxrows"] == "50"
    assert server.get("/sparql", query="ASK { ?s ?p ?o }")[0] == 200
    assert server.proc.poll() is None


def test_query_page_and_named_queries(server):
    status, headers, page = server.get("/", accept="text/html")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "<textarea" in page and "http://" not in page.replace("http://www.w3.org", "") \
        and "https://" not in page.replace("https://example.org/kg/ontology#", "")
    status, _, listing = server.get("/queries", accept="application/json")
    listing = json.loads(listing)
    assert len(listing) >= 10 and listing["actor-facts"]["parameters"] == ["actor"]
    status, _, body = server.get("/queries/actor-facts", accept="text/csv", actor="Stef Blok")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert status == 200 and rows and all("Stef Blok" in (r["subject"], r["object"]) for r in rows)
    assert server.get("/queries/actor-facts", nope="x")[0] == 400
    assert server.get("/queries/no-such-query")[0] == 404


def test_oxigraph_engine_and_clean_stop_on_sigterm(seeds_build):
    s = Server(seeds_build / "kg.ttl", "--engine", "oxigraph", "--timeout", "2", "--workers", "1")
    try:
        status, _, body = s.get("/queries/denials", accept="text/csv")
        assert status == 200 and "Russia,shoots down,MH17" in body
        assert s.get("/sparql", query=SLOW)[0] == 503
        assert s.get("/sparql", query="INSERT DATA { <urn:a> <urn:b> <urn:c> }")[0] == 403
        assert s.get("/sparql", query="ASK { ?s ?p ?o }")[0] == 200
    finally:
        code = s.stop()
    err = s.proc.stderr.read()
    assert code == 0 and "server stopped (SIGTERM)" in err and "Traceback" not in err
    assert "http://127.0.0.1:" in err  # bound to the loopback address by default


def test_serve_errors_are_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg", "serve", "--graph", tmp_path / "none.ttl"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "graph file not found" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
