"""The named-query library: headers, parameters, and pinned answers on the seeds."""

import re

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.query import QueryError, load_store, named_queries, run, run_oxigraph, with_values

QUERIES = named_queries()
PARAMS = {"actor-facts": {"actor": "Stef Blok"}, "article-evidence": {"article": "000_beb47e856fafe9a5"}}


def rows(graph, name, **params):
    result = run(graph, QUERIES[name].read_text("utf-8"), params or PARAMS.get(name))
    names = [str(v) for v in result.vars]
    return [{n: ("" if r[i] is None else str(r[i])) for i, n in enumerate(names)} for r in result]


def test_library_has_at_least_ten_self_describing_queries():
    assert len(QUERIES) >= 10
    for name, path in QUERIES.items():
        lines = path.read_text("utf-8").splitlines()
        assert lines[0].startswith("# ") and len(lines[0]) > 20, name
        header = [l for l in lines[1:] if l.startswith("#")]
        assert any(l.startswith("# Example output on seeds/") for l in header), name
        assert len(header) >= 2, name
        text = "\n".join(l for l in lines if not l.startswith("#"))
        assert "PREFIX kgo:" in text  # self-contained: its own PREFIX lines
        prepareQuery(text)  # parses as SPARQL 1.1
        for param in re.findall(r"^# param: (\w+)", path.read_text("utf-8"), re.M):
            assert f"?{param}" in text


def test_queries_with_limit_are_fully_ordered():
    for name, path in QUERIES.items():
        text = path.read_text("utf-8")
        if "LIMIT" not in text.upper():
            continue
        order = re.search(r"ORDER BY (.+)", text).group(1)
        group = re.search(r"GROUP BY (.+)", text)
        keys = group.group(1).split() if group else re.findall(r"\?\w+", text.split("WHERE")[0])
        assert all(k in order for k in keys), (name, keys, order)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_runs_on_the_seeds(seeds_graph, name):
    rows(seeds_graph, name)


def test_who_met_whom_has_the_blok_lavrov_meeting(seeds_graph):
    got = rows(seeds_graph, "who-met-whom")
    blok = [r for r in got if {r["subject"], r["object"]} == {"Stef Blok", "Sergej Lavrov"}
            and r["relation"] == "meets"]
    assert blok and blok[0]["date"] == "2018-04" and blok[0]["article"] == "000_beb47e856fafe9a5"
    assert "ontmoeting tussen Blok en Lavrov" in blok[0]["evidence"]
    assert [r["date"] for r in got] == sorted(r["date"] for r in got)


def test_denials_have_russias_denial_of_shooting_down_mh17(seeds_graph):
    got = rows(seeds_graph, "denials")
    assert {"subject": "Russia", "relation": "shoots down", "object": "MH17", "saidBy": "Russia",
            "article": "003_6d9564fc6a10be2a"}.items() <= got[0].items() or any(
        r["subject"] == "Russia" and r["object"] == "MH17" and r["saidBy"] == "Russia" for r in got)
    assert any("ontkend" in r["evidence"] for r in got)


def test_responsibility_and_accusations_met_by_denials(seeds_graph):
    got = {(r["accuser"], r["relation"], r["accused"]) for r in rows(seeds_graph, "responsibility")}
    assert ("Netherlands", "holds liable", "Russia") in got
    pairs = rows(seeds_graph, "accusations-and-denials")
    assert {"accuser": "Netherlands", "accusation": "holds liable", "accused": "Russia",
            "deniedRelation": "shoots down", "deniedObject": "MH17", "deniedBy": "Russia"}.items() \
        <= next(r for r in pairs if r["accuser"] == "Netherlands").items()


def test_actor_parameter_and_article_parameter(seeds_graph):
    blok = rows(seeds_graph, "actor-facts", actor="stef blok")  # any case
    assert blok and all("Stef Blok" in (r["subject"], r["object"]) for r in blok)
    assert ("Stef Blok", "meets", "Sergej Lavrov") in {(r["subject"], r["relation"], r["object"]) for r in blok}
    evidence = rows(seeds_graph, "article-evidence")
    starts = [int(r["start"]) for r in evidence]
    assert evidence and starts == sorted(starts)
    assert rows(seeds_graph, "article-evidence", article="no-such-article") == []


def test_timeline_counts_and_most_connected(seeds_graph):
    timeline = rows(seeds_graph, "timeline")
    months = [r["month"] for r in timeline]
    assert months == sorted(months) and "2018-04" in months
    per_month = {r["month"]: int(r["facts"]) for r in rows(seeds_graph, "facts-per-month")}
    assert sum(per_month.values()) == len(timeline)
    assert per_month == {m: months.count(m) for m in set(months)}
    top = rows(seeds_graph, "most-connected")
    assert ("Russia", "Country") in {(r["actor"], r["type"]) for r in top[:3]}
    counts = [int(r["facts"]) for r in top]
    assert counts == sorted(counts, reverse=True) and len(top) <= 20
    relations = {r["relation"]: r for r in rows(seeds_graph, "relation-counts")}
    assert relations["shoots down"]["negative"] == "1" and relations["meets"]["dutch"] == "ontmoet"


def test_actors_carry_wikidata_links(seeds_graph):
    actors = {r["actor"]: r for r in rows(seeds_graph, "actors")}
    assert actors["Russia"]["wikidata"] == "http://www.wikidata.org/entity/Q159"
    assert actors["Russia"]["type"] == "Country" and int(actors["Russia"]["facts"]) >= 3
    assert actors["Sergej Lavrov"]["wikidata"] == ""


def test_parameters_bind_the_same_way_for_oxigraph(seeds_build, seeds_graph):
    store = load_store(seeds_build / "kg.ttl")
    for name, params in PARAMS.items():
        text = QUERIES[name].read_text("utf-8")
        ox = [tuple(map(str, r)) for r in run_oxigraph(store, text, params)]
        rd = [tuple(map(str, r)) for r in run(seeds_graph, text, params)]
        assert ox == rd and ox, name
    hostile = 'x" } } DELETE WHERE { ?s ?p ?o } #'
    assert list(run_oxigraph(store, QUERIES["actor-facts"].read_text("utf-8"), {"actor": hostile})) == []
    assert len(store) == len(seeds_graph)


def test_with_values_escapes_and_places_the_binding():
    text = "# { not here\nSELECT ?x WHERE { ?x ?p ?actor }"
    bound = with_values(text, {"actor": 'a "quoted"\nname'})
    assert bound.startswith("SELECT ?x WHERE { VALUES ?actor { \"a \\\"quoted\\\"\\nname\" }")
    assert with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": "v"}).index("VALUES") > 30
    with pytest.raises(QueryError):
        with_values("nonsense", {"a": "b"})
