"""Query: SPARQL 1.1 over an exported graph, named queries, result formatting."""

from __future__ import annotations

import io
from pathlib import Path

from rdflib import Graph, Literal, Variable
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


def load_graph(path: Path) -> Graph:
    if not path.exists():
        raise QueryError(f"{path}: graph file not found (run 'kg build' first)")
    g = Graph()
    fmt = {".nt": "nt", ".ttl": "turtle", ".trig": "trig", ".jsonld": "json-ld"}.get(path.suffix, "turtle")
    try:
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
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize(format="turtle").decode("utf-8")
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
