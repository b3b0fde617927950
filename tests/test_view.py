"""The HTML view in a real headless Chromium: offline, complete, informative, safe."""

from pathlib import Path

from kg.build import build


def open_view(browser, html: Path):
    page = browser.new_page(bypass_csp=True)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(html.as_uri())
    page.wait_for_function("typeof network !== 'undefined' && network.body !== undefined")
    return page, requests, dialogs


def test_view_offline_counts_and_evidence(chromium, seeds_build, seeds_graph, tmp_path):
    page, requests, _ = open_view(chromium, seeds_build / "kg.html")
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    nodes = page.evaluate("network.body.data.nodes.length")
    edges = page.evaluate("network.body.data.edges.length")
    entities = seeds_graph.query("""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t .
        FILTER(?t IN (<http://schema.org/Person>, <http://schema.org/Country>, <http://schema.org/Organization>,
                      <http://schema.org/Place>, <http://schema.org/Event>)) }""")
    statements = seeds_graph.query("SELECT (COUNT(?s) AS ?n) WHERE { ?s a rdf:Statement }")
    assert nodes == int(next(iter(entities))[0])
    assert edges == int(next(iter(statements))[0])
    title = page.evaluate("""() => {
        const byLabel = {};
        network.body.data.nodes.get().forEach(n => byLabel[n.label] = n.id);
        const a = byLabel['Stef Blok'], b = byLabel['Sergej Lavrov'];
        const e = network.body.data.edges.get().find(e => e.relation === 'meets' &&
            ((e.from === a && e.to === b) || (e.from === b && e.to === a)));
        return e ? e.title : null; }""")
    assert title and "ontmoeting tussen Blok en Lavrov" in title and "000_beb47e856fafe9a5" in title
    page.select_option("#kg-relation", "meets")
    hidden = page.evaluate("network.body.data.edges.get().filter(e => e.hidden).length")
    shown = page.evaluate("network.body.data.edges.get().filter(e => !e.hidden).map(e => e.relation)")
    assert hidden > 0 and set(shown) == {"meets"}
    page.screenshot(path=str(tmp_path / "seeds-view.png"))
    page.close()


def test_hostile_article_runs_no_script(chromium, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "xss.txt").write_text(
        " date 2019-05\n<script>window.__xss = 1</script> Rutte </script><img src=x onerror=\"window.__xss=2\">\n"
        "Premier Mark Rutte ontmoet bondskanselier Angela Merkel in Berlijn <b onmouseover=alert(1)>x</b>.\n",
        encoding="utf-8")
    build([corpus], tmp_path / "out")
    html = (tmp_path / "out" / "kg.html").read_text(encoding="utf-8")
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    page, requests, dialogs = open_view(chromium, tmp_path / "out" / "kg.html")
    titles = page.evaluate("network.body.data.edges.get().map(e => e.title).join(' ')")
    assert "<script>window.__xss = 1</script>" in titles, "hostile text should arrive as plain text"
    page.hover("#mynetwork")
    assert page.evaluate("window.__xss") is None and dialogs == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    page.close()
