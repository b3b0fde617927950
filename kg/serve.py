"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over an exported graph.

HTTP is Starlette on uvicorn (maintained, standard ASGI); queries run in worker
processes (kg.endpoint) so a time limit can really stop them. rdflib-endpoint was the
first candidate but runs queries inside its event loop (no time limit possible, one slow
query blocks every request), follows SERVICE to any host and loads its page from a CDN.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

from kg.endpoint import FORMAT_ALIASES, Answer, Refused, Worker

MAX_QUERY_BYTES = 100_000


@dataclass(frozen=True)
class Settings:
    graph: Path
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    engine: str = "rdflib"


class Pool:
    """Idle workers in a queue: a request takes one, runs its query in a thread (the
    worker blocks on its pipe), and puts it back."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.workers = [Worker(settings.graph, settings.engine, settings.max_rows)
                        for _ in range(max(1, settings.workers))]
        self.idle: asyncio.Queue[Worker] | None = None

    async def ask(self, text: str, accept: str) -> Answer:
        if self.idle is None:
            self.idle = asyncio.Queue()
            for w in self.workers:
                self.idle.put_nowait(w)
        worker = await self.idle.get()
        try:
            return await asyncio.to_thread(worker.ask, text, accept, self.settings.timeout)
        finally:
            self.idle.put_nowait(worker)

    def close(self) -> None:
        for w in self.workers:
            w.stop()


def _error(status: int, message: str):
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(message + "\n", status_code=status)


async def _query_from(request) -> tuple[str | None, str | None]:
    """(query, update) from a GET or POST request, per the SPARQL 1.1 Protocol."""
    if request.method == "GET":
        return request.query_params.get("query"), request.query_params.get("update")
    body = await request.body()
    if len(body) > MAX_QUERY_BYTES:
        raise Refused(413, f"request body over {MAX_QUERY_BYTES} bytes")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-query":
        return body.decode("utf-8", "replace"), None
    if ctype == "application/sparql-update":
        return None, body.decode("utf-8", "replace")
    if ctype in ("application/x-www-form-urlencoded", ""):
        form = parse_qs(body.decode("utf-8", "replace"))
        pick = lambda k: form.get(k, [request.query_params.get(k)])[0]  # noqa: E731
        return pick("query"), pick("update")
    raise Refused(415, f"unsupported content type {ctype!r} (use application/sparql-query "
                       "or a form with query=)")


def _accept(request) -> str:
    fmt = request.query_params.get("format", "").lower()
    return FORMAT_ALIASES.get(fmt, fmt if "/" in fmt else request.headers.get("accept", "*/*"))


def create_app(settings: Settings, pool: Pool | None = None):
    """The ASGI app: /sparql (protocol), / (query page), /queries (named queries)."""
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    from kg.query import QueryError, named_queries, with_values

    pool = pool or Pool(settings)
    headers = {"Cache-Control": "no-store", "Access-Control-Allow-Origin": "*"}

    async def answer(text: str, accept: str) -> Response:
        if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
            raise Refused(413, f"query over {MAX_QUERY_BYTES} bytes")
        result = await pool.ask(text, accept)
        extra = {"X-SPARQL-MaxRows": str(settings.max_rows)} if result.truncated else {}
        return Response(result.body, media_type=result.media_type, headers={**headers, **extra})

    async def sparql(request) -> Response:
        try:
            query, update = await _query_from(request)
            if update is not None:
                raise Refused(403, "SPARQL Update is not allowed: this endpoint is read-only")
            if not query:
                return HTMLResponse(_page(), headers=headers) if request.method == "GET" \
                    else _error(400, "missing query parameter")
            return await answer(query, _accept(request))
        except Refused as err:
            return _error(err.status, str(err))

    async def page(request) -> Response:
        return HTMLResponse(_page(), headers=headers)

    async def queries(request) -> Response:
        return JSONResponse({name: {"comment": _comment(path), "text": path.read_text("utf-8"),
                                    "parameters": _parameters(path)}
                             for name, path in named_queries().items()}, headers=headers)

    async def named(request) -> Response:
        name = request.path_params["name"]
        path = named_queries().get(name)
        if path is None:
            return _error(404, f"no named query {name!r} (see /queries)")
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        try:
            unknown = sorted(set(params) - set(_parameters(path)))
            if unknown:
                raise Refused(400, f"{name} has no parameter ?{unknown[0]}")
            return await answer(with_values(path.read_text("utf-8"), params), _accept(request))
        except QueryError as err:
            return _error(400, str(err))
        except Refused as err:
            return _error(err.status, str(err))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()

    return Starlette(routes=[
        Route("/", page), Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/queries", queries), Route("/queries/{name}", named),
    ], lifespan=lifespan)


def _comment(path: Path) -> str:
    first = path.read_text("utf-8").splitlines()[:1]
    return first[0].lstrip("# ").strip() if first and first[0].startswith("#") else ""


def _parameters(path: Path) -> list[str]:
    """Declared parameters: ``# param: NAME`` lines in the query's comment header."""
    text = path.read_text("utf-8")
    return sorted(set(re.findall(r"^#\s*param(?:eter)?:\s*\??(\w+)", text, re.MULTILINE)))


def _page() -> str:
    return resources.files("kg.data").joinpath("sparql.html").read_text("utf-8")


def serve(settings: Settings) -> int:
    """Run until SIGTERM or Ctrl-C; uvicorn drains open requests, then workers stop."""
    import uvicorn

    from kg.query import QueryError

    if not settings.graph.exists():
        raise QueryError(f"{settings.graph}: graph file not found (run 'kg build' first)")
    try:
        pool = Pool(settings)
    except Refused as err:
        raise QueryError(str(err)) from None
    app = create_app(settings, pool)
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning",
                            access_log=False, timeout_graceful_shutdown=max(5, settings.timeout))
    server = uvicorn.Server(config)
    stopped_by: list[int] = []
    # uvicorn drains requests on SIGTERM/SIGINT and then re-raises the signal to the
    # handler that was there before it: make that a recorder, so the exit is a clean 0.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda number, _frame: stopped_by.append(number))
    print(f"kg: serving {settings.graph} at http://{settings.host}:{settings.port}/sparql "
          f"(query page at /; {settings.engine}, {settings.timeout:g} s and "
          f"{settings.max_rows} rows per query; Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        server.run()
    finally:
        pool.close()
    if not server.started:
        raise QueryError(f"cannot listen on {settings.host}:{settings.port} "
                         "(port in use or not allowed)")
    why = f" ({signal.Signals(stopped_by[0]).name})" if stopped_by else ""
    print(f"kg: server stopped{why}", file=sys.stderr, flush=True)
    return 0


