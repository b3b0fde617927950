"""The ``kg`` command line: a thin layer over the library modules."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from kg import __version__

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

    q = sub.add_parser("query", help="run SPARQL over the graph")
    q.add_argument("query", metavar="QUERY_OR_FILE",
                   help="query text, a .rq file, or the name of a query in queries/")
    q.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a query variable to a literal value (repeatable)")

    e = sub.add_parser("eval", help="precision/recall against a gold TSV file")
    e.add_argument("gold", type=Path, metavar="GOLD.tsv")
    e.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    e.add_argument("--errors", action="store_true", help="list missed and spurious facts")

    i = sub.add_parser("info", help="version, NLP pipeline and graph counts")
    i.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    i.add_argument("--model", help="spaCy pipeline name or path")
    return p


def cmd_build(args) -> int:
    from kg.build import build

    inputs = args.inputs or [DEFAULT_INPUT]
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(unit=" articles", desc="building", leave=False)
    report = build(inputs, args.out, args.model, args.base_iri,
                   progress=(lambda _a: bar.update(1)) if bar else None, strict=args.strict)
    if bar:
        bar.close()
    for w in report.warnings:
        print(f"kg: warning: {w}", file=sys.stderr)
    if not args.quiet:
        print(f"{report.articles} articles, {report.statements} statements, "
              f"{report.triples} triples → {', '.join(str(p) for p in report.outputs)}")
    return 0


def cmd_query(args) -> int:
    from kg.query import QueryError, format_result, load_graph, resolve_query, run

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
    result = run(load_graph(args.graph), text, params)
    sys.stdout.write(format_result(result, args.format))
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


COMMANDS = {"build": cmd_build, "query": cmd_query, "eval": cmd_eval, "info": cmd_info}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from kg.eval import GoldError
    from kg.ingest import InputError
    from kg.nlp import PipelineError
    from kg.query import QueryError

    try:
        return COMMANDS[args.command](args)
    except (InputError, PipelineError, QueryError, GoldError) as err:
        if args.debug:
            traceback.print_exc()
        print(f"kg: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted; existing exports left unchanged", file=sys.stderr)
        return 130
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
