"""The facts the seeds must yield, checked in the exported Turtle (contract model)."""

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV

from kg.graph import Namespaces

NS = Namespaces.from_env()
KGO, ENT = NS.kgo, NS.ent


def statements(g, s_label, rel, o_label):
    """Statement nodes for (subject label, relation label, object label)."""
    q = """
    SELECT ?st ?s ?p ?o WHERE {
      ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
      ?s rdfs:label ?sl . ?o rdfs:label ?ol . ?p rdfs:label ?pl .
      FILTER(STR(?sl) = ?S && STR(?ol) = ?O && STR(?pl) = ?P && lang(?pl) = "en")
    }"""
    return list(g.query(q, initBindings={"S": Literal(s_label), "P": Literal(rel),
                                           "O": Literal(o_label)}))


def article_of(g, st):
    art = g.value(st, PROV.wasDerivedFrom)
    return str(g.value(art, URIRef("http://purl.org/dc/terms/identifier")))


def test_blok_meets_lavrov_in_moscow(seeds_graph):
    g = seeds_graph
    rows = statements(g, "Stef Blok", "meets", "Sergej Lavrov") + \
        statements(g, "Sergej Lavrov", "meets", "Stef Blok")
    assert rows, "Stef Blok meets Sergej Lavrov not found"
    st, s, p, o = rows[0]
    assert (s, p, o) in g, "positive fact must also be a direct triple"
    assert article_of(g, st) == "000_beb47e856fafe9a5"
    assert "Blok" in str(g.value(st, KGO.evidence)) and "Lavrov" in str(g.value(st, KGO.evidence))
    art = g.value(st, PROV.wasDerivedFrom)
    assert str(g.value(art, URIRef("http://purl.org/dc/terms/date"))) == "2018-04"
    assert (p, RDF.type, URIRef("http://www.w3.org/2002/07/owl#SymmetricProperty")) in g


def test_netherlands_holds_russia_liable_with_australia(seeds_graph):
    g = seeds_graph
    for holder in ("Netherlands", "Australia"):
        rows = statements(g, holder, "holds liable", "Russia")
        assert rows, f"{holder} holds liable Russia not found"
        st, s, p, o = rows[0]
        assert (s, p, o) in g
        assert article_of(g, st) == "003_6d9564fc6a10be2a"
        assert "aansprakelijk gesteld" in str(g.value(st, KGO.evidence))
        assert str(g.value(st, KGO.polarity)) == "positive"
    labels = {str(x) for x in g.objects(ENT.Netherlands, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))}
    assert "Nederland" in labels


def test_tillerson_meets_lavrov(seeds_graph):
    g = seeds_graph
    rows = statements(g, "Rex Tillerson", "meets", "Sergej Lavrov") + \
        statements(g, "Sergej Lavrov", "meets", "Rex Tillerson")
    assert rows
    st = rows[0][0]
    assert article_of(g, st) == "004_177681b7bbdc17ad"
    assert "Tillerson" in str(g.value(st, KGO.evidence))


def test_russia_denies_shooting_down_mh17(seeds_graph):
    g = seeds_graph
    rows = statements(g, "Russia", "shoots down", "MH17")
    assert rows, "negative statement Russia shoots down MH17 not found"
    st, s, p, o = rows[0]
    assert str(g.value(st, KGO.polarity)) == "negative"
    assert g.value(st, KGO.attributedTo) == ENT.Russia
    assert "ontkend" in str(g.value(st, KGO.evidence))
    assert article_of(g, st) == "003_6d9564fc6a10be2a"
    assert (s, p, o) not in g, "a denied fact must not be a direct triple"


def test_no_negative_fact_is_a_direct_triple(seeds_graph):
    g = seeds_graph
    for st in g.subjects(KGO.polarity, Literal("negative")):
        triple = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        positive_twin = any(str(g.value(x, KGO.polarity)) == "positive"
                            for x in g.subjects(RDF.subject, triple[0])
                            if g.value(x, RDF.predicate) == triple[1] and g.value(x, RDF.object) == triple[2])
        assert positive_twin or triple not in g


def test_every_direct_triple_has_a_positive_statement(seeds_graph):
    g = seeds_graph
    props = set(g.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#ObjectProperty")))
    for s, p, o in g:
        if p in props and str(s).startswith(str(ENT)) and isinstance(o, URIRef) and str(o).startswith(str(ENT)):
            backed = [st for st in g.subjects(RDF.subject, s)
                      if g.value(st, RDF.predicate) == p and g.value(st, RDF.object) == o
                      and str(g.value(st, KGO.polarity)) == "positive"]
            assert backed, f"direct triple {s} {p} {o} has no statement node"


def test_entities_are_merged_and_labelled(seeds_graph):
    g = seeds_graph
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert str(g.value(ENT.Netherlands, label)) == "Netherlands"
    assert (ENT.Netherlands, RDF.type, URIRef("http://schema.org/Country")) in g
    blok = [s for s in g.subjects(label, Literal("Stef Blok"))]
    assert len(blok) == 1
    assert (blok[0], RDF.type, URIRef("http://schema.org/Person")) in g
    assert not list(g.subjects(label, Literal("Blok"))), "surname must merge into Stef Blok"
