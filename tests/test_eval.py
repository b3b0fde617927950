"""kg eval's merge check: actors that share a name are counted and listed."""

from rdflib import Graph

from kg.eval import duplicate_actors

TURTLE = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .
@prefix ent: <https://example.org/kg/entity/> .

ent:United_States a schema:Country ; rdfs:label "United States"@en ; skos:altLabel "VS"@nl, "Amerika"@nl .
ent:Amerika a schema:Country ; rdfs:label "amerika" .
ent:Stef_Blok a schema:Person ; rdfs:label "Stef Blok" .
ent:Blok a schema:Person ; rdfs:label "Blok" .
ent:Donald_Trump a schema:Person ; rdfs:label "Donald Trump" ; skos:altLabel "Trump" .
ent:Melania_Trump a schema:Person ; rdfs:label "Melania Trump" .
ent:Article a schema:NewsArticle ; rdfs:label "Amerika" .
"""


def test_duplicate_actors_by_shared_name_and_by_surname():
    graph = Graph().parse(data=TURTLE, format="turtle")
    actors, duplicates = duplicate_actors(graph)
    ent = "https://example.org/kg/entity/"
    assert actors == 6  # the article is not an actor
    assert duplicates == {
        "amerika": [ent + "Amerika", ent + "United_States"],  # case- and accent-insensitive
        "blok": [ent + "Blok", ent + "Stef_Blok"],            # a surname alone beside the full name
    }  # "Trump" is Donald Trump's alias, not a person of its own: Melania Trump is no duplicate


def test_calibration_table_bins_statements_by_confidence():
    from kg.eval import EvalResult, GraphFact, Score, calibration

    def fact(conf: float) -> GraphFact:
        return GraphFact(f"s{conf}", "a", "meets", "positive", frozenset(), frozenset(), "", "verb", conf)

    result = EvalResult(Score(), {}, 0, 0, matched=[fact(0.62), fact(0.68), fact(0.95)],
                        spurious=[fact(0.64), fact(0.3)])
    assert calibration(result) == [("0.0–0.5", 1, 0.3, 0.0),
                                   ("0.6–0.7", 3, (0.62 + 0.68 + 0.64) / 3, 2 / 3),
                                   ("0.9–1.0", 1, 0.95, 1.0)]
