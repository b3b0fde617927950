"""Query execution for ``kg serve``: worker processes with hard limits.

rdflib and pyoxigraph cannot interrupt a running query, so each query runs in a worker
process that holds the graph; a query over its time limit is stopped by killing the
worker (a fresh one is started). Checks that keep the endpoint read-only and local
(no SPARQL Update, no SERVICE) run in the worker too, so their cost is time-limited.
"""

from __future__ import annotations

import multiprocessing as mp
import re
import time
from dataclasses import dataclass
from pathlib import Path

#: Media types for each result kind, first = default.
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "nt", "text/plain": "nt",
    "application/ld+json": "json-ld", "application/rdf+xml": "xml",
}
FORMAT_ALIASES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                  "ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
                  "rdfxml": "application/rdf+xml"}

_STRINGS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                      r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_SERVICE = re.compile(r"\bSERVICE\s+(SILENT\s+)?[<?$a-z_]", re.IGNORECASE)


class Refused(Exception):
    """A request the endpoint will not run; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    truncated: bool = False


def negotiate(accept: str, kind: str) -> str:
    """The media type to answer with: the client's most preferred one we can write for
    this kind of result ("select"/"ask" or "graph"); else the kind's default."""
    table = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=") and _is_number(p[2:])), 1.0)
        ranked.append((-q, i, media.lower()))
    for _, _, media in sorted(ranked):
        if media in table and not (kind == "ask" and table[media] in ("csv", "tsv")):
            return media
    return next(iter(table))


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9.]+", text))


def check_query(text: str) -> None:
    """Refuse SERVICE (federation to other hosts) before anything runs. Strings and
    comments are blanked first, so a literal that says "SERVICE <" is no false alarm."""
    if _SERVICE.search(_STRINGS.sub(" ", text)):
        raise Refused(403, "SERVICE is not allowed: this endpoint queries only its own graph")


def refuse_if_update(text: str, error: str) -> None:
    """After a parse error: an update gets 403, anything else 400 with the parser's word."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        raise Refused(400, error) from None
    raise Refused(403, "SPARQL Update is not allowed: this endpoint is read-only")


def execute(state, engine: str, text: str, accept: str, max_rows: int) -> Answer:
    """Run one query in the worker and write the answer in the negotiated format."""
    from kg.query import QueryError, oxigraph_result

    check_query(text)
    try:
        if engine == "oxigraph":
            try:
                answer = state.query(text, use_default_graph_as_union=True)
            except SyntaxError as err:
                refuse_if_update(text, f"bad query: {str(err).splitlines()[0]}")
            result = oxigraph_result(answer, max_rows + 1)
        else:
            from rdflib.plugins.sparql import prepareQuery

            try:
                prepared = prepareQuery(text)
            except Exception as err:
                refuse_if_update(text, f"bad query: {str(err).splitlines()[0] if str(err) else err}")
            result = state.query(prepared)
    except QueryError as err:
        raise Refused(400, str(err)) from None
    return write_result(result, accept, max_rows)


def write_result(result, accept: str, max_rows: int) -> Answer:
    from rdflib import Graph

    if result.type in ("CONSTRUCT", "DESCRIBE"):
        media = negotiate(accept, "graph")
        triples = sorted(result.graph)
        graph = Graph()
        for prefix, space in result.graph.namespaces():
            graph.bind(prefix, space)
        for t in triples[:max_rows]:
            graph.add(t)
        body = graph.serialize(format=GRAPH_TYPES[media], encoding="utf-8")
        return Answer(body, media, len(triples) > max_rows)
    media = negotiate(accept, "ask" if result.type == "ASK" else "select")
    truncated = False
    if result.type == "SELECT":
        rows = []
        for row in result.bindings:
            if len(rows) == max_rows:
                truncated = True
                break
            rows.append(row)
        result.bindings = rows
    fmt = RESULT_TYPES[media]
    if fmt == "tsv":
        return Answer(tsv(result).encode("utf-8"), media, truncated)
    return Answer(result.serialize(format=fmt, encoding="utf-8"), media, truncated)


def tsv(result) -> str:
    """SPARQL 1.1 Query Results TSV: terms in Turtle syntax (rdflib has no TSV writer)."""
    names = [str(v) for v in result.vars]
    lines = ["\t".join("?" + n for n in names)]
    for row in result.bindings:
        cells = []
        for n in names:
            term = row.get(_var(n))
            cells.append("" if term is None else term.n3().replace("\t", "\\t"))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def _var(name: str):
    from rdflib import Variable

    return Variable(name)


# --- Worker processes ---------------------------------------------------------------------


def _load(graph: str, engine: str):
    from kg.query import load_graph, load_store

    return load_store(Path(graph)) if engine == "oxigraph" else load_graph(Path(graph))


def _worker_main(conn, graph: str, engine: str, max_rows: int) -> None:
    """Worker loop: load the graph once, then answer (text, accept) messages."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    try:
        state = _load(graph, engine)
    except Exception as err:  # reported to the parent as one line
        conn.send(("fatal", str(err)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        text, accept = message
        try:
            conn.send(("ok", execute(state, engine, text, accept, max_rows)))
        except Refused as err:
            conn.send(("refused", (err.status, str(err))))
        except Exception as err:  # a query that fails while running: a 400, never a crash
            first = str(err).splitlines()[0] if str(err) else err.__class__.__name__
            conn.send(("refused", (400, f"query failed: {first}")))


class Worker:
    """One worker process and its pipe; ``ask`` blocks, so call it from a thread."""

    def __init__(self, graph: Path, engine: str, max_rows: int):
        self.args = (str(graph), engine, max_rows)
        self.process = None
        self.conn = None
        self.start()

    def start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, *self.args), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        try:
            kind, message = self.conn.recv() if self.conn.poll(300) else ("fatal", "timed out")
        except (EOFError, OSError):
            kind, message = "fatal", f"exit code {self.process.exitcode}"
        if kind != "ready":
            self.stop()
            raise Refused(500, f"query worker did not start: {message}")

    def ask(self, text: str, accept: str, timeout: float) -> Answer:
        started = time.monotonic()
        self.conn.send((text, accept))
        if not self.conn.poll(timeout):
            self.stop()
            self.start()
            raise Refused(503, f"query stopped after the {timeout:g} s time limit "
                               f"({time.monotonic() - started:.1f} s)")
        kind, payload = self.conn.recv()
        if kind == "refused":
            raise Refused(*payload)
        return payload

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        if self.conn is not None:
            self.conn.close()
