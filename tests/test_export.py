"""Export: valid Turtle that a second store reads the same way, byte-identical rebuilds."""

import pyoxigraph
import pytest
from rdflib import Graph

from kg.build import build
from kg.graph import slug, unique_slugs

from conftest import ROOT, SEEDS, copy_seeds


def test_turtle_parses_in_rdflib_and_oxigraph_to_the_same_triples(seeds_build, seeds_graph):
    store = pyoxigraph.Store()
    store.load(path=str(seeds_build / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(seeds_graph) > 100
    ox_subjects = {q.subject.value for q in store}
    rdflib_subjects = {str(s) for s in seeds_graph.subjects()}
    assert ox_subjects == rdflib_subjects


def test_rebuild_is_byte_identical_whatever_the_input_order(seeds_build, tmp_path):
    shuffled = copy_seeds(tmp_path / "in")
    out = tmp_path / "out"
    build(sorted(shuffled.glob("*.txt"), reverse=True), out)
    assert (out / "kg.ttl").read_bytes() == (seeds_build / "kg.ttl").read_bytes()
    assert (out / "kg.html").read_bytes() == (seeds_build / "kg.html").read_bytes()


def test_committed_exports_match_the_code(seeds_build):
    """exports/ is regenerated whenever the code changes (run `kg build`)."""
    for name in ("kg.ttl", "kg.html"):
        assert (ROOT / "exports" / name).read_bytes() == (seeds_build / name).read_bytes(), \
            f"exports/{name} is stale: run 'kg build' and commit it"


@pytest.mark.parametrize("name", ['O\'Brien "quoted"', "<script>", "a b c", "🙂 emoji",
                                  "שלום", "Syrië", "", "../../etc"])
def test_slugs_make_valid_iris(name):
    s = slug(name)
    assert s and all(c.isascii() and (c.isalnum() or c == "_") for c in s)
    g = Graph()
    g.parse(data=f"<https://example.org/kg/entity/{s}> <http://x/p> \"v\" .", format="turtle")
    assert len(g) == 1


def test_distinct_names_never_share_an_iri():
    names = ["Syrië", "Syrie", "O'Brien", "O Brien", "A-B", "A B", "🙂", "🙃"]
    slugs = unique_slugs(set(names))
    assert len(set(slugs.values())) == len(names)
    assert unique_slugs({"Syrië"}) == {"Syrië": "Syrie"}


def test_rebuild_in_two_processes_is_byte_identical(seeds_build, tmp_path):
    out = tmp_path / "out"
    build([SEEDS], out, n_process=2)
    assert (out / "kg.ttl").read_bytes() == (seeds_build / "kg.ttl").read_bytes()
    assert (out / "kg.html").read_bytes() == (seeds_build / "kg.html").read_bytes()
