"""RDF: the ontology generated from the vocabulary, SHACL validation, every export format
(same triples, stable bytes, all-or-nothing writes) and the Wikidata links."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import networkx as nx
import pytest
from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, URIRef, XSD
from rdflib.namespace import PROV

from kg.build import build
from kg.export import FORMATS, parse_formats
from kg.graph import Namespaces, WIKIDATA, wikidata_ids
from kg.ontology import ontology
from kg.validate import validate_file, validate_graph
from kg.vocabulary import relation_types

from conftest import ROOT, SEEDS

KGO = Namespaces.from_env().kgo
ENT = Namespaces.from_env().ent
ALL = ["ttl", "nt", "trig", "jsonld", "graphml"]


def kg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT, text=True,
                          capture_output=True, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def all_formats(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("formats")
    build([SEEDS], out, formats=ALL)
    return out


# --- Ontology -------------------------------------------------------------------------


def test_relation_properties_come_from_relations_toml():
    onto = ontology()
    data = tomllib.loads((ROOT / "kg" / "data" / "relations.toml").read_text("utf-8"))["relation"]
    assert len(data) == len(relation_types()) >= 33
    symmetric = set()
    for label, entry in data.items():
        p = KGO[relation_types()[label].local_name]
        assert (p, RDF.type, OWL.ObjectProperty) in onto
        assert set(onto.objects(p, RDFS.label)) == {Literal(label, lang="en"), Literal(entry["nl"], lang="nl")}
        assert {c.language for c in onto.objects(p, RDFS.comment)} == {"en", "nl"}
        assert onto.value(p, KGO.family) == Literal(entry["family"])
        assert onto.value(p, RDFS.isDefinedBy) == URIRef("https://example.org/kg/ontology")
        if (p, RDF.type, OWL.SymmetricProperty) in onto:
            symmetric.add(label)
    assert symmetric == {"meets", "talks with", "negotiates with", "cooperates with", "agrees with"}
    assert onto.value(KGO.ministerOf, RDFS.range) == URIRef("http://schema.org/Country")
    assert onto.value(KGO.succeeds, RDFS.domain) == URIRef("http://schema.org/Person")


def test_ontology_terms_are_described_and_reuse_standard_vocabularies():
    onto = ontology()
    kgo_terms = {s for s in onto.subjects() if str(s).startswith(str(KGO))}
    for term in kgo_terms:
        langs = {x.language for x in onto.objects(term, RDFS.label)}
        assert {"en", "nl"} <= langs, term
        assert onto.value(term, RDFS.isDefinedBy) is not None, term
    # inverse names point at generated relation properties
    inverses = list(onto.subject_objects(OWL.inverseOf))
    assert len(inverses) >= 10 and all((o, KGO.family, None) in onto for _, o in inverses)
    # kgo: terms link to the standard term they refine
    assert (KGO.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo) in onto
    assert (KGO.memberOf, RDFS.subPropertyOf, URIRef("http://schema.org/memberOf")) in onto
    assert (URIRef("https://example.org/kg/ontology"), RDF.type, OWL.Ontology) in onto


def test_export_carries_the_terms_it_uses(seeds_graph):
    onto = ontology()
    used = {p for p in seeds_graph.objects(None, RDF.predicate)}
    used |= {p for p in seeds_graph.predicates() if str(p).startswith(str(KGO))}
    assert KGO.holdsLiable in used and KGO.evidence in used
    for p in used:
        assert set(seeds_graph.predicate_objects(p)) == set(onto.predicate_objects(p)), p
    # exactly one English label per relation (queries join on it)
    for p in seeds_graph.objects(None, RDF.predicate):
        assert len([x for x in seeds_graph.objects(p, RDFS.label) if x.language == "en"]) == 1


def test_kg_export_ontology_and_other_base_iri(tmp_path):
    out = tmp_path / "ontology.ttl"
    proc = kg("export", "--ontology", "--out", out)
    assert proc.returncode == 0, proc.stderr
    g = Graph().parse(out)
    assert len(g) == len(ontology()) and (KGO.meets, RDF.type, OWL.SymmetricProperty) in g
    other = kg("export", "--ontology", "--base-iri", "http://news.example/kg").stdout
    g2 = Graph().parse(data=other, format="turtle")
    assert (URIRef("http://news.example/kg/ontology#meets"), RDF.type, OWL.SymmetricProperty) in g2
    assert not [t for t in g2 if "example.org/kg" in " ".join(map(str, t))]


# --- SHACL ----------------------------------------------------------------------------


def test_seeds_export_conforms_to_the_shapes(seeds_build):
    report = validate_file(seeds_build / "kg.ttl")
    assert report.conforms, [v.line() for v in report.violations]
    proc = kg("validate", seeds_build / "kg.ttl")
    assert proc.returncode == 0 and proc.stdout.strip().endswith("triples)")
    assert "conforms" in proc.stdout and len(proc.stdout.splitlines()) == 1


STMT = URIRef("https://example.org/kg/statement/x")


@pytest.mark.parametrize("change, expected", [
    (lambda g, st: g.set((st, KGO.confidence, Literal("1.5", datatype=XSD.decimal))), "confidence"),
    (lambda g, st: g.set((st, KGO.confidence, Literal(0.5))), "confidence"),
    (lambda g, st: g.set((st, KGO.polarity, Literal("maybe"))), "polarity"),
    (lambda g, st: g.remove((st, KGO.evidence, None)), "evidence"),
    (lambda g, st: g.set((st, KGO.charStart, Literal("12"))), "charStart"),
    (lambda g, st: g.remove((st, PROV.wasDerivedFrom, None)), "wasDerivedFrom"),
    (lambda g, st: g.remove((st, RDF.subject, None)), "subject"),
    (lambda g, st: g.remove((g.value(st, RDF.subject), g.value(st, RDF.predicate),
                             g.value(st, RDF.object))), "without its direct triple"),
    (lambda g, st: g.add((ENT.Russia, KGO.meets, ENT.Netherlands)), "without a positive statement"),
    (lambda g, st: g.remove((ENT.Russia, RDFS.label, None)), "label"),
    (lambda g, st: g.add((ENT.Russia, OWL.sameAs, URIRef("http://dbpedia.org/resource/Russia"))), "sameAs"),
    (lambda g, st: g.set((URIRef("https://example.org/kg/article/000_beb47e856fafe9a5"),
                          URIRef("http://purl.org/dc/terms/date"), Literal("April 2018"))), "date"),
])
def test_shapes_catch_contract_violations(seeds_graph, change, expected):
    g = Graph()
    for t in seeds_graph:
        g.add(t)
    st = next(s for s in g.subjects(KGO.polarity, Literal("positive"))
              if g.value(s, RDF.predicate) == KGO.meets)
    change(g, st)
    report = validate_graph(g, "broken")
    assert not report.conforms
    assert any(expected in v.line() for v in report.violations), [v.line() for v in report.violations]


def test_kg_validate_lists_violations_and_fails(seeds_graph, tmp_path):
    g = Graph()
    for t in seeds_graph:
        g.add(t)
    for st in list(g.subjects(RDF.type, RDF.Statement))[:2]:
        g.set((st, KGO.confidence, Literal("2.0", datatype=XSD.decimal)))
    bad = tmp_path / "bad.nt"
    g.serialize(bad, format="nt", encoding="utf-8")
    proc = kg("validate", bad)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "2 violations" in lines[0] and len(lines) == 3 and "confidence" in lines[1]
    missing = kg("validate", tmp_path / "nope.ttl")
    assert missing.returncode == 2 and "not found" in missing.stderr and "Traceback" not in missing.stderr


# --- Formats --------------------------------------------------------------------------


def test_every_format_holds_the_same_triples(all_formats, seeds_graph):
    triples = set(seeds_graph)
    for name in ("nt", "jsonld"):
        g = Graph().parse(all_formats / FORMATS[name][0], format={"nt": "nt", "jsonld": "json-ld"}[name])
        assert set(g) == triples, name
    ds = Dataset()
    ds.parse(all_formats / "kg.trig", format="trig")
    assert {(s, p, o) for s, p, o, _ in ds.quads()} == triples
    assert validate_file(all_formats / "kg.trig").conforms
    assert validate_file(all_formats / "kg.jsonld").conforms


def test_trig_has_one_named_graph_per_article_and_merged_facts_by_default(all_formats, seeds_graph):
    ds = Dataset()
    ds.parse(all_formats / "kg.trig", format="trig")
    articles = set(seeds_graph.subjects(RDF.type, URIRef("http://schema.org/NewsArticle")))
    named = {c.identifier for c in ds.graphs() if c.identifier != ds.default_graph.identifier and len(c)}
    assert named == articles and len(articles) == 5
    default = ds.default_graph
    assert (ENT.Netherlands, KGO.holdsLiable, ENT.Russia) in default
    assert not list(default.subjects(RDF.type, RDF.Statement))
    for a in articles:
        g = ds.graph(a)
        assert set(g.objects(None, PROV.wasDerivedFrom)) <= {a}
        assert (a, RDF.type, URIRef("http://schema.org/NewsArticle")) in g


def test_ntriples_are_sorted_and_graphml_is_the_actor_network(all_formats, seeds_graph):
    lines = (all_formats / "kg.nt").read_text("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(seeds_graph)
    net = nx.read_graphml(all_formats / "kg.graphml", force_multigraph=True)
    statements = set(seeds_graph.subjects(RDF.type, RDF.Statement))
    assert net.number_of_edges() == len(statements)
    edges = [(net.nodes[u]["label"], d["relation"], net.nodes[v]["label"], d["polarity"])
             for u, v, d in net.edges(data=True)]
    assert ("Stef Blok", "meets", "Sergej Lavrov", "positive") in edges
    assert ("Russia", "shoots down", "MH17", "negative") in edges
    assert net.nodes[str(ENT.Russia)]["sameAs"] == str(WIKIDATA.Q159)


def test_formats_are_byte_stable_across_processes(all_formats, tmp_path):
    """rdflib iterates in hash order: other hash seeds must give the same bytes."""
    for seed in ("1", "2"):
        out = tmp_path / seed
        proc = kg("export", "--graph", all_formats / "kg.ttl", "--format", "nt,trig,jsonld,graphml",
                  "--out", out, env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        for name in ("kg.nt", "kg.trig", "kg.jsonld", "kg.graphml"):
            assert (out / name).read_bytes() == (all_formats / name).read_bytes(), (seed, name)


def test_build_formats_are_all_or_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("kg.ttl", "kg.html", "kg.nt"):
        (out / name).write_text("previous")

    def broken(_graph):
        raise RuntimeError("disk full")

    monkeypatch.setitem(FORMATS, "jsonld", ("kg.jsonld", broken))
    with pytest.raises(RuntimeError):
        build([SEEDS], out, formats=["ttl", "nt", "jsonld"])
    assert sorted(p.name for p in out.iterdir()) == ["kg.html", "kg.nt", "kg.ttl"]
    assert all((out / n).read_text() == "previous" for n in ("kg.ttl", "kg.html", "kg.nt"))


def test_format_option_parsing():
    assert parse_formats("nt,TTL, trig") == ["ttl", "nt", "trig"]
    assert parse_formats("jsonld") == ["ttl", "jsonld"]
    with pytest.raises(ValueError):
        parse_formats("ttl,rdfxml")
    proc = kg("build", "--format", "xml")
    assert proc.returncode == 2 and "choose from ttl, nt, trig, jsonld, graphml" in proc.stderr


# --- Wikidata -------------------------------------------------------------------------


def test_wikidata_links_are_written_for_known_actors(seeds_graph):
    assert (ENT.Russia, OWL.sameAs, WIKIDATA.Q159) in seeds_graph
    assert (ENT.Netherlands, OWL.sameAs, WIKIDATA.Q55) in seeds_graph
    assert (ENT.Vladimir_Poetin, OWL.sameAs, WIKIDATA.Q7747) in seeds_graph
    # people not in the map get no link (no guessing)
    assert seeds_graph.value(ENT.Stef_Blok, OWL.sameAs) is None


def test_wikidata_map_is_well_formed_and_names_known_actors():
    ids = wikidata_ids()
    assert len(ids) > 100 and len(set(ids.values())) == len(ids)
    assert all(q.startswith("Q") and q[1:].isdigit() for q in ids.values())
    countries = {line.split("\t")[0] for line in
                 (ROOT / "kg" / "data" / "countries.tsv").read_text("utf-8").splitlines()
                 if line and not line.startswith("#")}
    gazetteer = tomllib.loads((ROOT / "kg" / "data" / "gazetteer.toml").read_text("utf-8"))
    known = {(e["label"], kind.title() if kind != "party" else "Organization")
             for kind, entries in gazetteer.items() if isinstance(entries, list)
             for e in entries}
    from kg.extract.lexicon import lexicon
    known |= {(c, "Country") for c in countries}
    known |= {(p.label, "Place") for p in lexicon().seat_places.values()}
    assert set(ids) <= known, sorted(set(ids) - known)


def test_mentions_count_sentences_not_readings():
    """Two constructions reading one sentence ('De voorganger van Blok, Halbe Zijlstra')
    are one mention; the same fact in another sentence is a second."""
    from rdflib import Namespace

    from kg.extract.records import ArticleFacts, EntityRef, Relation
    from kg.graph import GraphBuilder
    from kg.ingest import Article

    blok, zijlstra = EntityRef("Stef Blok", "Person"), EntityRef("Halbe Zijlstra", "Person")
    article = Article(id="a", text="x", title="t", date="2019-05")

    def said(start: int, construction: str) -> Relation:
        return Relation("a", blok, "succeeds", zijlstra, "positive", "…", start, start + 10, 0.8,
                        construction)

    builder = GraphBuilder()
    builder.add(article, ArticleFacts("a", [], [said(0, "succession"), said(0, "nominal"),
                                               said(40, "apposition")]))
    graph = builder.build()
    kgo = Namespace("https://example.org/kg/ontology#")
    [(statement, count)] = list(graph.subject_objects(kgo.mentions))
    assert count == Literal(2)
    assert graph.value(statement, kgo.construction) == Literal("succession")  # the first reading
