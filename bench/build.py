"""Benchmark: kg build end to end against the bare spaCy pipeline on the same texts.

A corpus generator writes pseudo-articles made of real Dutch sentences (from the UD
Dutch treebanks in ../shared/corpora/ud, or real articles from ../shared/bench) with
date lines; the runner then measures, in one run and each step in a fresh process:

1. the bare pipeline: ``nlp.pipe`` over exactly the paragraphs kg parses (same pipes,
   same ``n_process``), pipeline load included: words/s;
2. ``kg build`` end to end without the cache (ingest → write): words/s, the time per
   stage and peak RSS of the main process and of the largest parser worker;
3. an incremental rebuild after one article is added (cache on);
4. a rebuild with nothing changed.

    python bench/build.py                         # 100, 1,000 and 10,000 UD pseudo-articles
    python bench/build.py --articles 1000 --source news --n-process 2
    python bench/build.py --articles 100 --json bench/results/build-100.json

Results go to ``bench/results/build.json`` (and the table to stdout).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
UD = SHARED / "corpora" / "ud"
NEWS = SHARED / "bench" / "news.jsonl.gz"
WORDS_PER_ARTICLE = 400


def ud_sentences() -> list[str]:
    """Every sentence text of the UD Dutch treebanks (train, dev and test files)."""
    out = []
    for conllu in sorted(UD.glob("*/*.conllu")):
        for line in conllu.read_text("utf-8").splitlines():
            if line.startswith("# text = "):
                out.append(line[9:].strip())
    return out


def ud_articles(n: int, seed: int = 0):
    """(name, file text) of ``n`` pseudo-articles of ~400 words: a date line, a title
    (the first sentence), paragraphs of 2–5 sentences drawn at random."""
    sentences = ud_sentences()
    rng = random.Random(seed)
    for i in range(n):
        paragraphs, words = [], 0
        while words < WORDS_PER_ARTICLE:
            para = [rng.choice(sentences) for _ in range(rng.randint(2, 5))]
            words += sum(len(s.split()) for s in para)
            paragraphs.append(" ".join(para))
        title = rng.choice(sentences).rstrip(".")
        date = f"2019-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield f"ud-{i:05d}.txt", f" date {date}\n{title}\n" + "\n".join(paragraphs) + "\n"


def news_articles(n: int, seed: int = 0):
    """(name, file text) of the first ``n`` real articles of the bench corpus."""
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            a = json.loads(line)
            date = f" date {a['date'][:10]}\n" if a.get("date") else ""
            yield f"news-{a['id']}.txt", f"{date}{a['title']}\n{a['text']}\n"


def write_corpus(folder: Path, source: str, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    make = ud_articles if source == "ud" else news_articles
    for name, text in make(n + 1):  # the last one is kept back for the incremental step
        (folder / name).write_text(text, "utf-8")
    extra = sorted(folder.glob("*.txt"))[-1]
    extra.rename(folder.parent / f"{folder.name}-extra.txt")
    return folder.parent / f"{folder.name}-extra.txt"


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child (parser workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"main_mb": round(own, 1), "largest_worker_mb": round(child, 1)}


# --- steps, each run in its own process (python bench/build.py --step NAME ...) ---------


def step_bare(corpus: Path, n_process: int) -> dict:
    """``kg.nlp.parse`` alone: spaCy's own ``nlp.pipe(n_process=…)`` over the paragraphs
    kg parses, with the pipes kg keeps, and no extraction."""
    from kg.ingest import read_corpus
    from kg.nlp import load_pipeline, parse

    articles = read_corpus([corpus]).articles
    t0 = time.perf_counter()
    words = sum(sum(not t.is_space for t in p.doc) for _, paragraphs in
                parse(load_pipeline(), articles, n_process=n_process) for p in paragraphs)
    seconds = time.perf_counter() - t0
    return {"words": words, "seconds": round(seconds, 2), "words_per_s": round(words / seconds),
            **peak_rss_mb()}


def step_kg(corpus: Path, out: Path, n_process: int, cache_dir: Path, no_cache: bool) -> dict:
    from kg.build import build

    t0 = time.perf_counter()
    report = build([corpus], out, n_process=n_process, use_cache=not no_cache,
                   cache_dir=cache_dir)
    seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 2), "articles": report.articles, "parsed": report.parsed,
            "cached": report.cached, "statements": report.statements, "triples": report.triples,
            "stages": {k: round(v, 2) for k, v in report.seconds.items()}, **peak_rss_mb()}


def run_step(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--step", *args],
                          capture_output=True, text=True)
    if done.returncode:  # show why the step failed, not only that it did
        sys.exit(f"step {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_size(n: int, source: str, n_process: int, work: Path) -> dict:
    corpus = work / f"{source}-{n}"
    extra = write_corpus(corpus, source, n)
    out, cache = work / f"out-{n}", work / f"cache-{n}"
    bare = run_step("bare", str(corpus), str(n_process))
    full = run_step("kg", str(corpus), str(out), str(n_process), str(cache), "no-cache")
    extra.rename(corpus / extra.name)
    incremental = run_step("kg", str(corpus), str(out), str(n_process), str(cache), "cache")
    unchanged = run_step("kg", str(corpus), str(out), str(n_process), str(cache), "cache")
    words = bare["words"]
    return {"articles": n, "source": source, "n_process": n_process, "words": words,
            "bare": bare, "full": full, "incremental_one_added": incremental,
            "unchanged": unchanged,
            "kg_words_per_s": round(words / full["seconds"]),
            "ratio_kg_to_bare": round(bare["seconds"] / full["seconds"], 3),
            "incremental_share_of_full": round(incremental["seconds"] / full["seconds"], 4)}


def machine() -> dict:
    load = os.getloadavg()
    from importlib.metadata import version

    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "load_avg_at_start": [round(x, 2) for x in load],
            "packages": {p: version(p) for p in ("spacy", "rdflib", "pyoxigraph")}}


def table(results: list[dict]) -> str:
    rows = ["| articles | words | bare words/s | kg words/s | kg/bare | full build (s) | "
            "peak RSS main / worker (MB) | +1 article (s, share) | unchanged (s) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        f, inc = r["full"], r["incremental_one_added"]
        rows.append(f"| {r['articles']:,} | {r['words']:,} | {r['bare']['words_per_s']:,} | "
                    f"{r['kg_words_per_s']:,} | {r['ratio_kg_to_bare']:.2f} | {f['seconds']:,.1f} | "
                    f"{f['main_mb']:,.0f} / {f['largest_worker_mb']:,.0f} | "
                    f"{inc['seconds']:.1f} ({inc['seconds'] / f['seconds']:.1%}) | "
                    f"{r['unchanged']['seconds']:.1f} |")
    rows += ["", "| articles | " + " | ".join(results[0]["full"]["stages"]) + " |",
             "|---:|" + "---:|" * len(results[0]["full"]["stages"])]
    for r in results:
        rows.append(f"| {r['articles']:,} | " +
                    " | ".join(f"{v:.1f}" for v in r["full"]["stages"].values()) + " |")
    return "\n".join(rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, nargs="+", default=[100, 1000, 10000])
    p.add_argument("--source", choices=["ud", "news"], default="ud")
    p.add_argument("--n-process", type=int, default=2)
    p.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "build.json")
    p.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    p.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.step:
        name, *rest = args.step
        result = (step_bare(Path(rest[0]), int(rest[1])) if name == "bare" else
                  step_kg(Path(rest[0]), Path(rest[1]), int(rest[2]), Path(rest[3]),
                          rest[4] == "no-cache"))
        print(json.dumps(result))
        return
    source = UD if args.source == "ud" else NEWS
    if not source.exists():
        sys.exit(f"bench/build.py: {source} not found (the shared development data)")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = args.keep or Path(tmp)
        info = {"machine": machine(), "results": []}
        for n in args.articles:
            info["results"].append(bench_size(n, args.source, args.n_process, work))
            print(table(info["results"]), flush=True)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(info, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
