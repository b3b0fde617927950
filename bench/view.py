"""Benchmark: how long the HTML view of a large graph takes to become still.

A synthetic corpus shaped like kg's (a few hub actors, many minor ones, every
relation of the vocabulary, denied facts, several dates) is fed to
``kg.graph.GraphBuilder``, rendered with ``kg.view.render`` and opened from disk
in headless Chromium. The page records ``performance.now()`` when vis-network
starts and when physics is switched off (``window.kgTiming``).

    python bench/view.py                      # 200/500, 1,000/2,500 and 2,000/5,000
    python bench/view.py --size 2000x5000 --runs 3 --keep /tmp/view-bench --html exports/kg.html
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract.records import ENTITY_TYPES, ArticleFacts, EntityRef, Relation  # noqa: E402
from kg.graph import GraphBuilder, Namespaces  # noqa: E402
from kg.ingest import Article  # noqa: E402
from kg.view import render  # noqa: E402
from kg.vocabulary import relation_types  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SYLLABLES = ["ba", "ke", "lo", "mi", "ru", "sa", "te", "vo", "dra", "gen", "hol", "kin", "mar",
             "nov", "per", "stan", "vel", "wijk", "zon", "ov"]
FACTS_PER_ARTICLE = 5


def _name(rng: random.Random, taken: set[str], etype: str) -> str:
    """A unique made-up name; people get two words so GraphBuilder never merges them."""
    while True:
        word = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()  # noqa: E731
        name = f"{word()} {word()}" if etype in ("Person", "Organization") else word()
        if name not in taken:
            taken.add(name)
            return name


def corpus(nodes: int, edges: int, seed: int = 7) -> GraphBuilder:
    """Articles and facts for ``nodes`` actors and ``edges`` statements.

    Subjects and objects are drawn by preferential attachment, so a few actors take
    part in hundreds of facts, as countries do in the news."""
    rng = random.Random(seed)
    taken: set[str] = set()
    types = rng.choices(ENTITY_TYPES, weights=[45, 15, 25, 10, 5], k=nodes)
    actors = [EntityRef(_name(rng, taken, t), t) for t in types]
    relations = sorted(relation_types().values(), key=lambda r: r.label)
    pairs: list[tuple[EntityRef, EntityRef]] = []
    ends: list[EntityRef] = [actors[0], actors[1]]
    for newcomer in actors[1:]:  # every actor takes part in at least one fact
        partner = rng.choice(ends)
        if partner == newcomer:
            partner = actors[0]
        pairs.append((newcomer, partner) if rng.random() < 0.5 else (partner, newcomer))
        ends += [newcomer, partner]
    while len(pairs) < edges:
        a, b = rng.choice(ends), rng.choice(ends)
        if a != b:
            pairs.append((a, b))
            ends += [a, b]
    builder = GraphBuilder(Namespaces.from_env("https://example.org/kg/"))
    for start in range(0, len(pairs), FACTS_PER_ARTICLE):
        n = start // FACTS_PER_ARTICLE
        date = f"{2014 + n % 6}-{1 + n % 12:02d}" + (f"-{1 + n % 28:02d}" if n % 3 else "")
        article = Article(id=f"bench_{n:05d}", text="", title=f"Bericht {n}: {_name(rng, taken, 'x')}",
                          date=date)
        facts = ArticleFacts(article.id)
        for i, (s, o) in enumerate(pairs[start:start + FACTS_PER_ARTICLE]):
            rt = rng.choice(relations)
            evidence = f"{s.label} {rt.nl} {o.label} volgens een woordvoerder in {_name(rng, taken, 'x')}."
            facts.relations.append(Relation(
                article.id, s, rt.label, o, "negative" if rng.random() < 0.1 else "positive",
                evidence, 100 * i, 100 * i + len(evidence), round(rng.uniform(0.4, 0.98), 2),
                "bench", about=rng.choice(actors) if rng.random() < 0.05 else None))
        builder.add(article, facts)
    return builder


def interact(page) -> dict[str, float]:
    """Milliseconds from a user's action until the second frame after it: finding the
    best-connected actor (selects, highlights, lists its facts, starts zooming to it),
    filtering on one relation (with that actor still selected), and Reset."""
    frames = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    hub = page.evaluate("() => nodes.get().sort((a, b) => b.size - a.size)[0].label")
    relation = page.evaluate("() => document.querySelector('#kg-relation').options[1].value")
    actions = {"select": lambda: (page.fill("#kg-search", hub), page.press("#kg-search", "Enter")),
               "filter": lambda: page.select_option("#kg-relation", relation),
               "reset": lambda: page.click("#kg-reset")}
    out = {}
    for name, act in actions.items():
        t0 = page.evaluate("() => performance.now()")
        act()
        page.evaluate(frames)
        out[name] = page.evaluate("() => performance.now()") - t0
        page.wait_for_timeout(500)
    return out


def measure(html: Path, runs: int) -> list[dict]:
    """Open ``html`` ``runs`` times in a fresh page; times in ms from navigation start."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(html.as_uri())
            page.wait_for_selector("#mynetwork[data-state=still]", state="attached", timeout=120_000)
            page.wait_for_function("() => window.kgTiming.drawn", timeout=120_000)
            timing = page.evaluate("window.kgTiming")
            timing.update(interact(page))
            timing["requests"] = len([u for u in requests if u != html.as_uri()])
            out.append(timing)
            page.close()
        browser.close()
    return out


def medians(timings: list[dict]) -> dict[str, float]:
    keys = ("created", "still", "drawn", "iterations", "select", "filter", "reset")
    return {k: statistics.median(t[k] for t in timings) for k in keys}


def run(nodes: int, edges: int, runs: int, keep: Path | None) -> dict:
    t0 = time.perf_counter()
    builder = corpus(nodes, edges)
    graph = builder.build()
    t1 = time.perf_counter()
    html = render(graph, str(builder.ns.kgo))
    t2 = time.perf_counter()
    folder = keep or Path(tempfile.mkdtemp(prefix="kg-view-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"view-{nodes}x{edges}.html"
    path.write_text(html, encoding="utf-8")
    timings = measure(path, runs)
    median = medians(timings)
    return {"nodes": nodes, "edges": edges, "graph_s": t1 - t0, "render_s": t2 - t1,
            "html_bytes": len(html.encode("utf-8")), "runs": timings, "median": median}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", action="append", metavar="NODESxEDGES",
                        help="graph size (repeatable; default 200x500, 1000x2500, 2000x5000)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="folder to keep the generated pages in")
    parser.add_argument("--html", type=Path, action="append", default=[],
                        help="also time an existing page, e.g. exports/kg.html")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in s.split("x"))
             for s in (args.size or ["200x500", "1000x2500", "2000x5000"])]
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores, {args.runs} runs, medians\n")
    rows = [run(nodes, edges, args.runs, args.keep) for nodes, edges in sizes]
    for html in args.html:
        rows.append({"name": str(html), "html_bytes": html.stat().st_size,
                     "runs": (runs := measure(html.resolve(), args.runs)), "median": medians(runs)})
    print("| graph | render (s) | HTML (MB) | network created (ms) | physics off (ms) "
          "| stabilisation (ms) | first still frame (ms) | iterations | requests |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        m = r["median"]
        name = r.get("name") or f"{r['nodes']:,} × {r['edges']:,}"
        render_s = f"{r['render_s']:.2f}" if "render_s" in r else "–"
        print(f"| {name} | {render_s} | {r['html_bytes'] / 1e6:.2f} | {m['created']:.0f} "
              f"| {m['still']:.0f} | {m['still'] - m['created']:.0f} | {m['drawn']:.0f} "
              f"| {m['iterations']:.0f} | {max(t['requests'] for t in r['runs'])} |")
    print("\n| graph | select an actor (ms) | relation filter (ms) | reset (ms) |\n|---|---:|---:|---:|")
    for r in rows:
        m = r["median"]
        name = r.get("name") or f"{r['nodes']:,} × {r['edges']:,}"
        print(f"| {name} | {m['select']:.0f} | {m['filter']:.0f} | {m['reset']:.0f} |")


if __name__ == "__main__":
    main()
