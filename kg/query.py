"""Query: SPARQL 1.1 over an exported graph, named queries, result formatting."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Variable
from rdflib.query import Result

import kg

PROJECT_QUERIES = Path(kg.__file__).resolve().parent.parent / "queries"


class QueryError(Exception):
    """A query that cannot be run: the message says why, in one line."""


def query_dirs() -> list[Path]:
    """Where named queries are looked up: ./queries, then the project's own."""
    dirs = [Path.cwd() / "queries", PROJECT_QUERIES]
    return [d for i, d in enumerate(dirs) if d.is_dir() and d.resolve() not in
            [x.resolve() for x in dirs[:i]]]


def named_queries() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for d in reversed(query_dirs()):
        for f in sorted(d.glob("*.rq")):
            found[f.stem] = f
    return dict(sorted(found.items()))


def resolve_query(query_or_file: str) -> str:
    """Query text from a .rq path, a named query in queries/, or the text itself."""
    candidate = Path(query_or_file)
    if query_or_file.endswith(".rq") or (len(query_or_file) < 256 and "\n" not in query_or_file
                                         and candidate.suffix and candidate.exists()):
        try:
            return candidate.read_text(encoding="utf-8")
        except OSError as err:
            raise QueryError(f"{query_or_file}: cannot read query file ({err.strerror})") from None
    named = named_queries()
    if query_or_file in named:
        return named[query_or_file].read_text(encoding="utf-8")
    if not any(k in query_or_file.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise QueryError(f"{query_or_file!r} is neither a query, a .rq file nor a named query "
                         f"(named: {', '.join(named) or 'none'})")
    return query_or_file


#: File suffix → rdflib parser name; TriG and N-Quads are read as the union of their graphs.
RDF_FORMATS = {".nt": "nt", ".ttl": "turtle", ".trig": "trig", ".nq": "nquads",
               ".jsonld": "json-ld", ".json": "json-ld"}


def load_graph(path: Path) -> Graph:
    if not path.exists():
        raise QueryError(f"{path}: graph file not found (run 'kg build' first)")
    g = Graph()
    fmt = RDF_FORMATS.get(path.suffix, "turtle")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(path, format=fmt)
            for prefix, space in ds.namespaces():
                g.bind(prefix, space, override=True, replace=True)
            for s, p, o, _ in ds.quads():
                g.add((s, p, o))
        else:
            g.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types
        raise QueryError(f"{path}: cannot parse graph ({err.__class__.__name__}: {str(err).splitlines()[0] if str(err) else ''})") from None
    return g


def run(graph: Graph, text: str, params: dict[str, str] | None = None) -> Result:
    """Run ``text``; ``params`` bind plain variables to literal values (never pasted)."""
    bindings = {Variable(k): Literal(v) for k, v in (params or {}).items()}
    try:
        return graph.query(text, initBindings=bindings)
    except Exception as err:
        message = str(err).splitlines()[0] if str(err) else err.__class__.__name__
        raise QueryError(f"query failed: {message}") from None


def _cell(value) -> str:
    return "" if value is None else str(value)


def format_result(result: Result, fmt: str) -> str:
    if result.type in ("CONSTRUCT", "DESCRIBE"):  # a graph: JSON-LD for json, else Turtle
        return result.serialize(format="json-ld" if fmt == "json" else "turtle").decode("utf-8")
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\n"
    if fmt == "csv":
        buf = io.BytesIO()
        result.serialize(buf, format="csv")
        return buf.getvalue().decode("utf-8")
    names = [str(v) for v in result.vars]
    rows = [[_cell(row[i]) for i in range(len(names))] for row in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


# --- Parameters for other engines, and the Oxigraph path ---------------------------------

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(text: str, params: dict[str, str]) -> str:
    """``text`` with ``VALUES ?name { "value" }`` opening its WHERE clause: the same
    binding as ``run``'s initBindings, for engines that take only query text (Jena, any
    SPARQL endpoint). Values are written as escaped literals, never pasted raw."""
    if not params:
        return text
    body = _strip_comments(text)
    match = _WHERE.search(body) or re.search(r"\{", body)  # SELECT * { … } has no WHERE
    if not match:
        raise QueryError("query has no WHERE clause to bind parameters in")
    values = " ".join(f"VALUES ?{k} {{ {_string(v)} }}" for k, v in sorted(params.items()))
    return body[:match.end()] + f" {values} " + body[match.end():]


def _string(value: str) -> str:
    """A SPARQL string literal (short form, every special character escaped)."""
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return '"' + "".join(escapes.get(c, c) for c in value) + '"'


def _strip_comments(text: str) -> str:
    """Drop ``#`` comment lines (named queries start with them; they may contain braces)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def load_store(path: Path):
    """A pyoxigraph Store with the graph file loaded (TriG: its named graphs kept), or
    the Oxigraph store folder ``path`` opened read-only (``kg load-store``)."""
    import pyoxigraph

    if not path.exists():
        raise QueryError(f"{path}: graph file not found (run 'kg build' first)")
    if path.is_dir():
        try:
            return pyoxigraph.Store.read_only(str(path))
        except OSError as err:
            raise QueryError(f"{path}: not an Oxigraph store ({str(err).splitlines()[0]})") from None
    store = pyoxigraph.Store()
    fmt = pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".") or "ttl")
    if fmt is None:
        fmt = pyoxigraph.RdfFormat.TURTLE
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        raise QueryError(f"{path}: cannot parse graph ({str(err).splitlines()[0]})") from None
    return store


def query_oxigraph(store, text: str, params: dict[str, str] | None = None):
    """Run ``text`` on a pyoxigraph Store (default graph = union of all graphs), binding
    ``params`` as an inline VALUES block (Oxigraph's own substitutions accept only
    projected variables); returns Oxigraph's own answer, read lazily."""
    try:
        return store.query(with_values(text, params or {}), use_default_graph_as_union=True)
    except (SyntaxError, ValueError, OSError, RuntimeError) as err:
        raise _failed(err) from None


def run_oxigraph(store, text: str, params: dict[str, str] | None = None) -> Result:
    """``query_oxigraph`` with the answer as an rdflib Result, formatted like ``run``'s."""
    try:
        return oxigraph_result(query_oxigraph(store, text, params))
    except (ValueError, OSError, RuntimeError) as err:  # raised while rows are read
        raise _failed(err) from None


def format_oxigraph(answer, fmt: str) -> str:
    """An Oxigraph answer in ``format_result``'s formats. CSV and JSON solutions are
    written by Oxigraph itself (the same SPARQL 1.1 results documents rdflib writes, made
    without converting every term to rdflib first: the bulk of the time on large answers)."""
    import pyoxigraph as ox

    try:
        if isinstance(answer, ox.QuerySolutions) and fmt in ("csv", "json"):
            kind = ox.QueryResultsFormat.CSV if fmt == "csv" else ox.QueryResultsFormat.JSON
            return answer.serialize(format=kind).decode("utf-8")
        return format_result(oxigraph_result(answer), fmt)
    except (ValueError, OSError, RuntimeError) as err:
        raise _failed(err) from None


def _failed(err: Exception) -> QueryError:
    message = str(err).splitlines()[0] if str(err) else err.__class__.__name__
    return QueryError(f"query failed: {message}")


def oxigraph_result(answer, max_rows: int | None = None) -> Result:
    """A pyoxigraph answer (solutions, boolean or triples) as an rdflib Result."""
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        graph = Graph()
        for i, t in enumerate(answer):
            if max_rows is not None and i >= max_rows:
                break
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        result.graph = graph
        return result
    result = Result("SELECT")
    names = [v.value for v in answer.variables]
    result.vars = [Variable(n) for n in names]
    rows = []
    converted: dict = {}  # labels, IRIs and relation names repeat across rows: convert once

    def term(value):
        out = converted.get(value)
        if out is None:
            out = converted[value] = to_rdflib(value)
        return out

    for i, solution in enumerate(answer):
        if max_rows is not None and i >= max_rows:
            break
        values = [solution[n] for n in names]
        rows.append({var: term(v) for var, v in zip(result.vars, values) if v is not None})
    result.bindings = rows
    return result


def to_rdflib(term):
    """One pyoxigraph term as the equal rdflib term (plain strings stay plain)."""
    import pyoxigraph as ox
    from rdflib import XSD, BNode, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))
    raise QueryError(f"unsupported term in result: {term!r}")
