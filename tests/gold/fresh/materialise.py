"""Write a gold set's articles from the bench corpus into a folder.

The article texts stay the work of their publishers and are not part of the project, so
only their ids are kept here (``articles.tsv``); this rebuilds them in the devcorpus
file format (`` date YYYY-MM-DD``, the title, one paragraph per line):

    python tests/gold/fresh/materialise.py /tmp/fresh [--bench ../shared/bench/news.jsonl.gz]
    python tests/gold/fresh/materialise.py /tmp/dev2 --articles tests/gold/dev2/articles.tsv
"""

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parents[2].parent / "shared" / "bench" / "news.jsonl.gz"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--bench", type=Path, default=BENCH)
    p.add_argument("--articles", type=Path, default=HERE / "articles.tsv",
                   help="the set's article/bench_id table (default: the fresh set)")
    args = p.parse_args()
    if not args.bench.is_file():
        print(f"materialise: {args.bench}: no such file (the bench corpus is in ../shared)", file=sys.stderr)
        return 1
    if not args.articles.is_file():
        print(f"materialise: {args.articles}: no such file", file=sys.stderr)
        return 1
    with open(args.articles, encoding="utf-8") as fh:
        wanted = {row["bench_id"]: row["article"] for row in csv.DictReader(fh, delimiter="\t")}
    args.out.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.bench, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] in wanted:
                text = f" date {record['date']}\n{record['title']}\n{record['text']}\n"
                (args.out / f"{wanted.pop(record['id'])}.txt").write_text(text, "utf-8")
    if wanted:
        print(f"materialise: not in {args.bench}: {', '.join(sorted(wanted))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
