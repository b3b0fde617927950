"""The ``kg`` command line: a thin layer over the library modules."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from pathlib import Path

from kg import __version__
from kg.store import STORES

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUT = Path("exports")
DEFAULT_GRAPH = DEFAULT_OUT / "kg.ttl"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Dutch news.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build the graph from article files and folders")
    b.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                   help="article files or folders of *.txt (default: seeds/)")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: exports/)")
    b.add_argument("--model", help="spaCy pipeline name or path (default: kg's own nl_kg_news)")
    b.add_argument("--base-iri", help="base IRI for kgo: and resources (or KG_BASE_IRI)")
    b.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    b.add_argument("--strict", action="store_true", help="treat every input warning as an error")
    b.add_argument("--n-process", type=int, default=1, metavar="N",
                   help="parse in N processes (same output; default 1)")
    b.add_argument("--format", type=_formats, default=["ttl"], metavar="FORMATS",
                   help="comma-separated: ttl,nt,trig,jsonld,graphml (default: ttl; kg.ttl is "
                        "always written)")
    b.add_argument("--no-cache", action="store_true",
                   help="parse every article again (the cache is still refreshed)")
    b.add_argument("--cache-dir", type=Path, metavar="DIR",
                   help="where parsed articles are cached (default: KG_CACHE_DIR or ~/.cache/kg)")
    b.add_argument("--store", choices=STORES, default="auto",
                   help="who writes Turtle/N-Triples: oxigraph (fast), rdflib, or auto "
                        "(oxigraph from 200,000 triples; default)")
    b.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local worker processes (default) or a Dask cluster")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default with --engine dask: "
                        "a local cluster of --n-process workers)")
    b.add_argument("--shards", type=int, default=0, metavar="N",
                   help="with --format nt: write N sorted N-Triples shards and manifest.json "
                        "to OUT/shards/ instead of kg.nt")

    q = sub.add_parser("query", help="run SPARQL over the graph")
    q.add_argument("query", metavar="QUERY_OR_FILE",
                   help="query text, a .rq file, or the name of a query in queries/")
    q.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a query variable to a literal value (repeatable)")
    q.add_argument("--store", choices=STORES, default="auto",
                   help="SPARQL engine: oxigraph (fast), rdflib, or auto (oxigraph for every "
                        "graph file it reads; default)")

    e = sub.add_parser("eval", help="precision/recall against a gold TSV file")
    e.add_argument("gold", type=Path, metavar="GOLD.tsv")
    e.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    e.add_argument("--errors", action="store_true", help="list missed and spurious facts")

    i = sub.add_parser("info", help="version, NLP pipeline and graph counts")
    i.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    i.add_argument("--model", help="spaCy pipeline name or path")

    s = sub.add_parser("serve", help="read-only SPARQL 1.1 endpoint over the graph")
    s.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    s.add_argument("--timeout", type=float, default=10.0, help="seconds per query (default: 10)")
    s.add_argument("--max-rows", type=int, default=10_000,
                   help="rows (or triples) per answer, more are cut (default: 10000)")
    s.add_argument("--workers", type=int, default=2, help="query worker processes (default: 2)")
    s.add_argument("--engine", choices=["rdflib", "oxigraph"], default="rdflib",
                   help="SPARQL engine (default: rdflib, as kg query)")

    ls = sub.add_parser("load-store", help="bulk-load N-Triples shards into an Oxigraph store")
    ls.add_argument("shards", type=Path, nargs="?", default=DEFAULT_OUT / "shards",
                    metavar="SHARDS", help="shard folder or its manifest.json (default: exports/shards)")
    ls.add_argument("--location", type=Path, required=True, metavar="DIR",
                    help="Oxigraph store folder (created if needed; query it with "
                         "kg query --graph DIR or oxigraph serve-read-only --location DIR)")

    v = sub.add_parser("validate", help="check an export against the contract's SHACL shapes")
    v.add_argument("file", type=Path, metavar="FILE", help=".ttl, .nt, .trig or .jsonld")

    x = sub.add_parser("export", help="write the ontology, or the graph in other formats")
    x.add_argument("--ontology", action="store_true", help="the full kgo: ontology (Turtle)")
    x.add_argument("--shapes", action="store_true", help="the SHACL shapes (Turtle)")
    x.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    x.add_argument("--format", type=_formats, metavar="FORMATS",
                   help="convert --graph to these formats (written beside --out)")
    x.add_argument("--base-iri", help="base IRI of the ontology (or KG_BASE_IRI)")
    x.add_argument("--out", type=Path, help="output file (--ontology/--shapes) or folder "
                                           "(--format); default: stdout / exports/")
    return p


def _formats(spec: str) -> list[str]:
    from kg.export import parse_formats

    try:
        return parse_formats(spec)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err).removeprefix(f"--format {spec!r}: ")) from None


def cmd_build(args) -> int:
    from kg.build import BuildOptions, build
    from kg.ingest import InputError

    inputs = args.inputs or [DEFAULT_INPUT]
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(unit=" articles", desc="building", leave=False)
    options = BuildOptions(model=args.model, base_iri=args.base_iri, strict=args.strict,
                           n_process=max(1, args.n_process), formats=args.format,
                           use_cache=not args.no_cache, cache_dir=args.cache_dir,
                           store=args.store, engine=args.engine, scheduler=args.scheduler,
                           shards=args.shards)
    if options.shards and "nt" not in options.formats:
        raise InputError("--shards splits the N-Triples output: use it with --format nt")
    report = build(inputs, args.out, options,
                   progress=(lambda _a: bar.update(1)) if bar else None)
    if bar:
        bar.close()
    for w in report.warnings:
        print(f"kg: warning: {w}", file=sys.stderr)
    if not args.quiet:
        cached = f" ({report.cached} from the cache)" if report.cached else ""
        print(f"{report.articles} articles{cached}, {report.statements} statements, "
              f"{report.triples} triples → {', '.join(str(p) for p in report.outputs)}")
    return 0


def cmd_query(args) -> int:
    from kg.query import (QueryError, format_oxigraph, format_result, load_graph, load_store,
                          query_oxigraph, resolve_query, run)
    from kg.store import oxigraph_for_file

    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise QueryError(f"--param {item!r}: expected NAME=VALUE")
        params[name] = value
    text = resolve_query(args.query)
    unknown = sorted(n for n in params if f"?{n}" not in text and f"${n}" not in text)
    if unknown:
        raise QueryError(f"--param {unknown[0]}: the query has no variable ?{unknown[0]}")
    if oxigraph_for_file(args.store, args.graph):
        answer = query_oxigraph(load_store(args.graph), text, params)
        sys.stdout.write(format_oxigraph(answer, args.format))
    else:
        sys.stdout.write(format_result(run(load_graph(args.graph), text, params), args.format))
    return 0


def cmd_eval(args) -> int:
    from kg.eval import evaluate, read_gold, report
    from kg.query import load_graph

    gold = read_gold(args.gold)
    sys.stdout.write(report(evaluate(gold, load_graph(args.graph)), errors=args.errors))
    return 0


def cmd_info(args) -> int:
    from kg.info import info_lines

    print("\n".join(info_lines(args.graph, args.model)))
    return 0


def cmd_serve(args) -> int:
    from kg.serve import Settings, serve

    return serve(Settings(args.graph, args.host, args.port, args.timeout, args.max_rows,
                          args.workers, args.engine))


def cmd_load_store(args) -> int:
    from kg.bulk import load_store

    print(f"{load_store(args.shards, args.location)} triples in {args.location}")
    return 0


def cmd_validate(args) -> int:
    from kg.validate import validate_file

    report = validate_file(args.file)
    print(report.summary())
    for v in report.violations:
        print("  " + v.line())
    return 0 if report.conforms else 1


def cmd_export(args) -> int:
    from kg.export import serialisations, write_all, write_text
    from kg.graph import Namespaces
    from kg.query import QueryError, load_graph

    if sum(map(bool, (args.ontology, args.shapes, args.format))) != 1:
        raise QueryError("kg export: give one of --ontology, --shapes or --format")
    if args.format:
        graph = load_graph(args.graph)
        files = serialisations(graph, [f for f in args.format if f != "ttl" or
                                       args.graph.suffix != ".ttl"], args.out or DEFAULT_OUT)
        write_all(files)
        print(f"{len(graph)} triples → {', '.join(str(p) for p in files)}")
        return 0
    ns = Namespaces.from_env(args.base_iri)
    if args.ontology:
        from kg.ontology import ontology
        text = ontology(ns).serialize(format="turtle")
    else:
        from kg.validate import shapes_text
        text = shapes_text(ns.base)
    if args.out:
        write_text(args.out, text)
    else:
        sys.stdout.write(text)
    return 0


COMMANDS = {"build": cmd_build, "query": cmd_query, "eval": cmd_eval, "info": cmd_info,
            "serve": cmd_serve, "validate": cmd_validate,
            "load-store": cmd_load_store, "export": cmd_export}


class Terminated(Exception):
    """SIGTERM, turned into an exception so that cleanups (temporary files) run."""


def _terminate(_signum, _frame):
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)  # kg serve installs its own handler
    from kg.bulk import BulkError
    from kg.distributed import EngineError
    from kg.eval import GoldError
    from kg.ingest import InputError
    from kg.nlp import PipelineError
    from kg.query import QueryError
    from kg.validate import ValidationError

    try:
        return COMMANDS[args.command](args)
    except (InputError, PipelineError, QueryError, GoldError, ValidationError, BulkError,
            EngineError) as err:
        if args.debug:
            traceback.print_exc()
        print(f"kg: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted; existing exports left unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kg query … | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Terminated:
        print("kg: terminated; existing exports left unchanged", file=sys.stderr)
        return 143
    except OSError as err:
        if args.debug:
            traceback.print_exc()
        where = f"{err.filename}: " if err.filename else ""
        print(f"kg: error: {where}{err.strerror or err}", file=sys.stderr)
        return 1
    except Exception as err:  # last resort: one line, never a traceback unless asked
        if args.debug:
            traceback.print_exc()
        print(f"kg: error: unexpected {err.__class__.__name__}: {err} (run with --debug)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
