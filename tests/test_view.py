"""The HTML view in a real headless Chromium: offline, complete, informative, safe."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.build import build
from kg.extract.records import ArticleFacts, EntityRef, Mention, Relation
from kg.graph import GraphBuilder, Namespaces
from kg.ingest import Article
from kg.view import options, render

SCHEMA = "http://schema.org/"
RECORD = """() => {
  window.__csp = []; window.__errors = [];
  document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));
  window.addEventListener('error', e => window.__errors.push(String(e.message)));
}"""
ID = "x<img src=y onerror=alert(3)>"  # a file name: no "/" possible
HOSTILE = ['<script>window.__xss = 1</script>', '</script><img src=x onerror="window.__xss=2">',
           '<a href="javascript:window.__xss=3">link</a>', "<svg onload=window.__xss=4>"]


def kgo(graph) -> str:
    return dict(graph.namespaces())["kgo"]


def open_view(browser, html: Path):
    """The page as a user opens it from disk, with everything it tries recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen = {"requests": [], "dialogs": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.add_init_script(f"({RECORD})()")
    page.goto(html.as_uri())
    page.wait_for_selector("#mynetwork[data-state=still]", state="attached")
    return page, seen


def assert_quiet(page, seen, html: Path):
    """Nothing requested but the file itself, no script error, no CSP violation, no dialog."""
    assert seen["requests"] == [html.as_uri()]
    assert seen["errors"] == [] and seen["dialogs"] == []
    assert page.evaluate("window.__csp") == [] and page.evaluate("window.__errors") == []


def statements(graph) -> dict[str, dict]:
    """Per statement: relation, article date, confidence, endpoint types (from SPARQL)."""
    rows = graph.query("""
        SELECT ?st ?rel ?date ?conf ?s ?o ?stype ?otype WHERE {
          ?st a rdf:Statement ; rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o ;
              kgo:confidence ?conf ; prov:wasDerivedFrom ?a .
          ?p rdfs:label ?rel . FILTER(lang(?rel) = "en")
          ?s a ?stype . ?o a ?otype .
          FILTER(STRSTARTS(STR(?stype), "http://schema.org/") && STRSTARTS(STR(?otype), "http://schema.org/"))
          OPTIONAL { ?a dcterms:date ?date } }""", initNs={"kgo": kgo(graph)})
    return {str(r.st): {"relation": str(r.rel), "month": str(r.date or "")[:7], "confidence": float(r.conf),
                        "types": {str(r.stype)[len(SCHEMA):], str(r.otype)[len(SCHEMA):]},
                        "ends": {str(r.s), str(r.o)}} for r in rows}


def hidden_edges(page) -> set[str]:
    return set(page.evaluate("edges.get({filter: e => e.hidden}).map(e => e.id)"))


def test_view_is_offline_complete_and_carries_evidence(chromium, seeds_build, seeds_graph, tmp_path):
    html = seeds_build / "kg.html"
    page, seen = open_view(chromium, html)
    participants = {str(r.e) for r in seeds_graph.query("""SELECT DISTINCT ?e WHERE {
        VALUES ?role { rdf:subject rdf:object kgo:about kgo:for kgo:location kgo:attributedTo }
        ?st a rdf:Statement ; ?role ?e . }""", initNs={"kgo": kgo(seeds_graph)})}
    facts = statements(seeds_graph)
    assert set(page.evaluate("network.body.data.nodes.getIds()")) == participants
    assert set(page.evaluate("network.body.data.edges.getIds()")) == set(facts) and len(facts) > 10
    assert page.evaluate("network.physics.options.enabled") is False

    meets = [r for r in seeds_graph.query("""SELECT ?st ?ev ?id WHERE {
        ?st rdf:predicate kgo:meets ; rdf:subject ?s ; rdf:object ?o ; kgo:evidence ?ev ;
            prov:wasDerivedFrom/dcterms:identifier ?id .
        ?s rdfs:label|skos:altLabel ?sn . ?o rdfs:label|skos:altLabel ?on .
        FILTER((CONTAINS(?sn, "Blok") && CONTAINS(?on, "Lavrov")) || (CONTAINS(?sn, "Lavrov") && CONTAINS(?on, "Blok")))
        }""", initNs={"kgo": kgo(seeds_graph)})]
    assert meets, "the seeds state that Blok meets Lavrov"
    st, evidence, article = (str(x) for x in meets[0])
    edge = page.evaluate("id => edges.get(id)", st)
    assert "ontmoeting tussen Blok en Lavrov" in evidence
    assert evidence in edge["title"] and article in edge["title"] and "confidence 0." in edge["title"]
    assert edge["label"] == "meets" and edge["arrows"] == "", "meets is symmetric: no arrow"

    every = page.evaluate("edges.get()")
    assert all(e["evidence"] in e["title"] for e in every)
    assert all(e["dashes"] == (e["polarity"] == "negative") for e in every)
    assert all(e["arrows"] == "to" for e in every if e["relation"] in ("holds liable", "leads"))
    russia = page.evaluate("nodes.get(nodes.getIds().find(id => id.endsWith('/Russia')))")
    assert russia["shape"] == "square" and "Country" in russia["title"] and "Rusland" in russia["title"]
    assert f"{sum(russia['id'] in f['ends'] for f in facts.values())} facts" in russia["title"]
    page.screenshot(path=str(tmp_path / "seeds-view.png"))
    assert_quiet(page, seen, html)
    page.close()


def test_each_filter_hides_exactly_the_facts_it_should(chromium, seeds_build, seeds_graph):
    page, seen = open_view(chromium, seeds_build / "kg.html")
    facts = statements(seeds_graph)
    count = lambda: page.text_content("#kg-count")  # noqa: E731

    page.select_option("#kg-relation", "meets")
    assert hidden_edges(page) == {st for st, f in facts.items() if f["relation"] != "meets"} != set()
    meets = len(facts) - len(hidden_edges(page))
    assert count() == f"{meets} of {len(facts)} facts shown"
    page.click("#kg-reset")
    assert hidden_edges(page) == set()

    page.uncheck(".kg-type[value=Country]")
    assert hidden_edges(page) == {st for st, f in facts.items() if "Country" in f["types"]} != set()
    assert page.evaluate("nodes.get({filter: n => n.entityType === 'Country'}).every(n => n.hidden)")
    page.click("#kg-reset")

    months = sorted({f["month"] for f in facts.values() if f["month"]})
    assert len(months) > 1
    page.select_option("#kg-from", months[-1])
    assert hidden_edges(page) == {st for st, f in facts.items() if f["month"] < months[-1]} != set()
    page.select_option("#kg-from", "")
    page.select_option("#kg-to", months[0])
    assert hidden_edges(page) == {st for st, f in facts.items() if not f["month"] or f["month"] > months[0]}
    page.click("#kg-reset")

    steps = math.floor(min(f["confidence"] for f in facts.values()) * 20) + 1  # of 0.05
    page.focus("#kg-confidence")
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    threshold = steps / 20
    assert page.text_content("#kg-confidence-value") == f"{threshold:.2f}"
    assert hidden_edges(page) == {st for st, f in facts.items() if f["confidence"] < threshold} != set()
    shown_nodes = set(page.evaluate("nodes.get({filter: n => !n.hidden}).map(n => n.id)"))
    assert shown_nodes == set().union(*(f["ends"] for f in facts.values() if f["confidence"] >= threshold))
    page.click("#kg-reset")
    assert hidden_edges(page) == set() and count() == f"{len(facts)} of {len(facts)} facts shown"
    page.close()


def click_node(page, node_id: str) -> None:
    x, y = page.evaluate("""id => { const p = network.canvasToDOM(network.getPosition(id));
        const r = container.getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""", node_id)
    page.mouse.click(x, y)


def test_clicking_a_node_lists_its_facts_with_evidence(chromium, seeds_build, seeds_graph, tmp_path):
    page, seen = open_view(chromium, seeds_build / "kg.html")
    russia = page.evaluate("nodes.getIds().find(id => id.endsWith('/Russia'))")
    click_node(page, russia)
    assert page.evaluate("network.getSelectedNodes()") == [russia]
    assert page.text_content("#kg-panel-title") == "Russia"
    rows = list(seeds_graph.query("""SELECT DISTINCT ?st ?ev WHERE {
        VALUES ?role { rdf:subject rdf:object kgo:about kgo:for kgo:location kgo:attributedTo }
        ?st ?role ?e ; kgo:evidence ?ev . }""", initNs={"kgo": kgo(seeds_graph)}, initBindings={"e": URIRef(russia)}))
    items = page.locator("#kg-facts > li")
    assert items.count() == len(rows) > 3
    panel = page.text_content("#kg-facts")
    assert all(str(r.ev) in panel for r in rows)
    opacity = page.evaluate("() => Object.fromEntries(nodes.getIds().map(id => [id, network.body.nodes[id].options.opacity]))")
    bright = set(page.evaluate("id => network.getConnectedNodes(id)", russia)) | {russia}
    assert {n for n, o in opacity.items() if o == 1} == bright and set(opacity.values()) == {1, 0.15}

    page.locator("#kg-facts .kg-actor", has_text="Netherlands").first.click()
    assert page.text_content("#kg-panel-title") == "Netherlands"
    page.fill("#kg-search", "rusland")
    page.press("#kg-search", "Enter")
    assert page.text_content("#kg-panel-title") == "Russia"
    page.screenshot(path=str(tmp_path / "russia-selected.png"))
    page.keyboard.press("Escape")
    assert page.locator("#kg-facts > li").count() == 0
    page.close()


def test_hostile_article_runs_no_script(chromium, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / f"{ID}.txt").write_text(
        f" date 2019-05\n{HOSTILE[0]} Rutte {HOSTILE[1]}\n"
        f"Premier Mark Rutte ontmoet bondskanselier Angela Merkel in Berlijn {HOSTILE[2]} {HOSTILE[3]}.\n",
        encoding="utf-8")
    build([corpus], tmp_path / "out")
    html = tmp_path / "out" / "kg.html"
    text = html.read_text(encoding="utf-8")
    assert all(h not in text for h in HOSTILE) and "<img src=y" not in text
    page, seen = open_view(chromium, html)
    edges = page.evaluate("edges.get()")
    assert edges and all(HOSTILE[0] in e["title"] and ID in e["title"] for e in edges), \
        "the hostile title and file name should arrive as plain text"
    for node in page.evaluate("nodes.getIds()"):
        click_node(page, node)
        assert page.evaluate("window.__xss") is None
    click_node(page, edges[0]["from"])
    panel = page.text_content("#kg-panel")
    assert HOSTILE[0] in panel and HOSTILE[1] in panel and ID in panel
    assert page.evaluate("document.querySelectorAll('#kg-panel :is(script, img, a, svg, b)').length") == 0
    x, y = page.evaluate("""id => { const e = edges.get(id), a = network.getPosition(e.from), b = network.getPosition(e.to);
        const p = network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
        const r = container.getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""", edges[0]["id"])
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = page.locator("div.vis-tooltip")
    assert HOSTILE[0] in tooltip.inner_text() and ID in tooltip.inner_text()
    assert tooltip.evaluate("t => [...t.querySelectorAll('*')].every(c => c.tagName === 'BR')"), "text only"
    assert page.evaluate("window.__xss") is None
    assert_quiet(page, seen, html)
    page.close()


def hostile_graph():
    """Every string a page shows (names, aliases, titles, ids, evidence) is hostile."""
    a, b = EntityRef(f"A {HOSTILE[0]}", "Person"), EntityRef(f"B {HOSTILE[1]}", "Organization")
    article = Article(id=f"id {HOSTILE[3]}", text="", title=HOSTILE[1], date="2020-01-02")
    facts = ArticleFacts(article.id, mentions=[Mention(article.id, 0, 5, HOSTILE[2], a)])
    facts.relations.append(Relation(article.id, a, "accuses", b, "negative", " ".join(HOSTILE),
                                    0, 10, 0.5, "test", about=b))
    builder = GraphBuilder(Namespaces.from_env("https://example.org/kg/"))
    builder.add(article, facts)
    return builder.build(), str(builder.ns.kgo)


def test_hostile_names_titles_and_ids_stay_text(chromium, tmp_path):
    graph, ns = hostile_graph()
    html = tmp_path / "hostile.html"
    html.write_text(render(graph, ns), encoding="utf-8")
    assert all(h not in html.read_text(encoding="utf-8") for h in HOSTILE)
    page, seen = open_view(chromium, html)
    node = page.evaluate("nodes.getIds().find(id => nodes.get(id).label.startsWith('A '))")
    click_node(page, node)
    panel = page.text_content("#kg-panel")
    assert all(h in panel for h in HOSTILE), panel
    assert HOSTILE[2] in page.evaluate("id => nodes.get(id).title", node)
    page.fill("#kg-search", HOSTILE[2])
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [node]
    assert page.evaluate("window.__xss") is None
    assert_quiet(page, seen, html)
    page.close()


def test_same_graph_same_bytes(seeds_build, seeds_graph):
    """The view depends on the graph's content only: a re-read graph renders identically."""
    html = render(seeds_graph, kgo(seeds_graph))
    assert html == render(seeds_graph, kgo(seeds_graph)) == (seeds_build / "kg.html").read_text("utf-8")
    assert '"randomSeed": 7' in html


def test_large_graphs_get_a_bounded_stabilisation():
    small, large = options(20, 30), options(2000, 5000)
    assert small["physics"]["stabilization"]["iterations"] == 1000
    assert 50 <= large["physics"]["stabilization"]["iterations"] <= 100
    assert large["edges"]["smooth"] is False and large["interaction"]["hideEdgesOnDrag"]
    assert options(10**6, 10**6)["physics"]["stabilization"]["iterations"] == 50


def test_an_empty_graph_still_gives_a_working_page(chromium, tmp_path):
    html = tmp_path / "empty.html"
    html.write_text(render(Graph(), "https://example.org/kg/ontology#"), encoding="utf-8")
    page, seen = open_view(chromium, html)
    assert page.text_content("#kg-count") == "0 of 0 facts shown"
    assert_quiet(page, seen, html)
    page.close()


@pytest.mark.parametrize("size", [(300, 700)])
def test_a_larger_graph_becomes_still(chromium, tmp_path, size):
    """A synthetic graph shaped like kg's (bench/view.py) loads and stops moving."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_view", Path(__file__).parent.parent / "bench" / "view.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    builder = bench.corpus(*size)
    html = tmp_path / "large.html"
    html.write_text(render(builder.build(), str(builder.ns.kgo)), encoding="utf-8")
    page, seen = open_view(chromium, html)
    assert page.evaluate("[nodes.length, edges.length]") == list(size)
    moved = page.evaluate("""() => new Promise(done => { const before = JSON.stringify(network.getPositions());
        setTimeout(() => done(JSON.stringify(network.getPositions()) !== before), 300); })""")
    assert moved is False
    assert_quiet(page, seen, html)
    page.close()


def test_a_graph_beyond_the_actor_limit_shows_its_best_connected_actors(chromium, tmp_path, monkeypatch):
    """Above kg.view.MAX_ACTORS the page keeps the best-ranked actors and the facts among
    them, and says so; the hub actor is always kept."""
    import importlib.util

    import kg.view

    spec = importlib.util.spec_from_file_location("bench_view", Path(__file__).parent.parent / "bench" / "view.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    builder = bench.corpus(300, 700)
    graph = builder.build()
    monkeypatch.setattr(kg.view, "MAX_ACTORS", 100)
    html = tmp_path / "capped.html"
    html.write_text(render(graph, str(builder.ns.kgo)), encoding="utf-8")
    page, seen = open_view(chromium, html)
    nodes, ends = page.evaluate("[nodes.getIds(), edges.get().map(e => [e.from, e.to])]")
    assert len(nodes) == 100 and all(a in nodes and b in nodes for a, b in ends)
    note = page.text_content("#kg-note")
    assert note.startswith("Showing the 100 best-connected of 300 actors") and f"{len(ends)} facts among them" in note
    degree = {}
    for st in graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                             URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement")):
        for p in ("subject", "object"):
            e = str(graph.value(st, URIRef(f"http://www.w3.org/1999/02/22-rdf-syntax-ns#{p}")))
            degree[e] = degree.get(e, 0) + 1
    assert max(degree, key=degree.get) in nodes
    assert_quiet(page, seen, html)
    page.close()
