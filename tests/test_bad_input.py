"""Bad and odd input through the real command line, one test per case (tests/data/bad/).

Each case is built on top of existing exports: a stop must leave them byte-identical and
leave no temporary file; a build or skip must say which file and why on stderr."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from conftest import ROOT

BAD = ROOT / "tests" / "data" / "bad"
DCT = "http://purl.org/dc/terms/"


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "kg.ttl").write_text("previous ttl")
    (folder / "kg.html").write_text("previous html")
    return folder


def kg_build(*inputs, out: Path):
    return subprocess.run([sys.executable, "-m", "kg", "build", *map(str, inputs), "--out", str(out),
                           "--quiet"], cwd=ROOT, capture_output=True, text=True)


def assert_stopped(proc, out: Path, name: str, problem: str):
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and problem in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert (out / "kg.ttl").read_text() == "previous ttl"
    assert (out / "kg.html").read_text() == "previous html"
    assert sorted(p.name for p in out.iterdir()) == ["kg.html", "kg.ttl"]


def built(proc, out: Path) -> Graph:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    g = Graph()
    g.parse(out / "kg.ttl", format="turtle")
    return g


def article(g: Graph, identifier: str):
    return g.value(predicate=URIRef(DCT + "identifier"), object=Literal(identifier))


@pytest.mark.parametrize("name, problem", [
    ("empty.txt", "empty file"),
    ("date-only.txt", "no article text (only a date line)"),
    ("bad-date.txt", "invalid date line"),
    ("binary.txt", "not a text file"),
])
def test_stops_with_one_line_naming_the_file(name, problem, out):
    assert_stopped(kg_build(BAD / name, out=out), out, name, problem)


def test_missing_path_stops(out):
    assert_stopped(kg_build(BAD / "nope.txt", out=out), out, "nope.txt", "no such file or folder")


def test_folder_without_text_files_stops(out):
    assert_stopped(kg_build(BAD / "no-text-folder", out=out), out, "no-text-folder", "no .txt files")


@pytest.mark.parametrize("name", ["latin1.txt", "windows-1252.txt"])
def test_legacy_encodings_build_with_a_warning(name, out):
    proc = kg_build(BAD / name, out=out)
    g = built(proc, out)
    assert f"{name}: not UTF-8, read as Windows-1252" in proc.stderr
    a = article(g, name[:-4])
    assert str(g.value(a, URIRef(DCT + "title"))) == "Rutte en Merkel"


def test_bom_keeps_the_date(out):
    g = built(kg_build(BAD / "bom.txt", out=out), out)
    assert str(g.value(article(g, "bom"), URIRef(DCT + "date"))) == "2019-05"


def test_utf16_is_decoded(out):
    proc = kg_build(BAD / "utf16.txt", out=out)
    g = built(proc, out)
    assert "utf16.txt: UTF-16 text" in proc.stderr
    assert str(g.value(article(g, "utf16"), URIRef(DCT + "date"))) == "2019-05"


def test_html_page_builds_from_its_visible_text(out):
    proc = kg_build(BAD / "page.txt", out=out)
    g = built(proc, out)
    assert "page.txt: HTML page" in proc.stderr
    assert str(g.value(article(g, "page"), URIRef(DCT + "title"))) == "Rutte in Berlijn"
    assert "alert" not in (out / "kg.ttl").read_text(encoding="utf-8")


def test_names_with_spaces_and_unicode_keep_their_identifier(out):
    import pyoxigraph

    g = built(kg_build(BAD / "naam met spaties é ü.txt", out=out), out)
    a = article(g, "naam met spaties é ü")
    assert a is not None and " " not in str(a)
    store = pyoxigraph.Store()
    store.load(path=str(out / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)


def test_same_text_twice_gives_one_set_of_facts_and_records_both_files(out):
    proc = kg_build(BAD / "twin-a.txt", BAD / "twin-b.txt", out=out)
    g = built(proc, out)
    assert "twin-b.txt: same text as" in proc.stderr
    a = article(g, "twin-a")
    assert article(g, "twin-b") is None
    assert {str(s) for s in g.objects(a, URIRef(DCT + "source"))} == {"twin-a.txt", "twin-b.txt"}


def test_oversized_article_is_skipped_with_a_warning(tmp_path, out):
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(BAD / "bom.txt", corpus / "ok.txt")
    sentence = "Premier Mark Rutte ontmoet bondskanselier Angela Merkel in Berlijn. "
    (corpus / "huge.txt").write_text(" date 2019-05 " + sentence * (5_000_000 // len(sentence)))
    proc = kg_build(corpus, out=out)
    g = built(proc, out)
    assert "huge.txt: skipped (5.0 MB" in proc.stderr
    assert article(g, "ok") is not None and article(g, "huge") is None


def test_only_skipped_inputs_stop_the_build(tmp_path, out):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "huge.txt").write_text(" date 2019-05 " + "x " * 1_100_000)
    assert_stopped(kg_build(corpus, out=out), out, "huge.txt", "no articles to build")


def test_symlink_loop_is_not_followed(tmp_path, out):
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(BAD / "bom.txt", corpus / "ok.txt")
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    g = built(kg_build(corpus, out=out), out)
    assert article(g, "ok") is not None


def test_file_that_disappears_while_reading_is_skipped(tmp_path, monkeypatch):
    from kg.ingest import read_corpus

    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(BAD / "bom.txt", corpus / "a.txt")
    shutil.copy(BAD / "twin-a.txt", corpus / "b.txt")
    real = Path.read_bytes

    def vanish(self):
        if self.name == "b.txt":
            os.unlink(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", vanish)
    result = read_corpus([corpus])
    assert [a.id for a in result.articles] == ["a"]
    assert any("b.txt: skipped (disappeared while reading)" in w for w in result.warnings)


def test_debug_shows_the_traceback(out):
    proc = subprocess.run([sys.executable, "-m", "kg", "--debug", "build", str(BAD / "empty.txt"),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0 and "Traceback" in proc.stderr and "empty file" in proc.stderr


def test_a_title_ending_a_paragraph_is_read_without_error():
    # Found by the 10,000-article benchmark: the title was the paragraph's last token.
    from sentences import facts

    assert facts("Het gesprek was met Wang Huiyao, de minister") == []


def test_an_extraction_fault_on_one_article_warns_and_keeps_the_others(tmp_path, monkeypatch):
    """A bug hit by one article (a fault injected here) leaves that article's facts out
    with a warning naming its file; the others are built. ``--strict`` stops instead."""
    import kg.workers
    from kg.build import build
    from kg.ingest import InputError

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(" date 2019-05\nMinister Blok ontmoet Lavrov in Moskou.\n")
    (corpus / "odd.txt").write_text(" date 2019-05\nRutte bezoekt Merkel in Berlijn.\n")
    real = kg.workers.extract_article

    def faulty(article, paragraphs):
        if article.id == "odd":
            raise IndexError("injected")
        return real(article, paragraphs)

    monkeypatch.setattr(kg.workers, "extract_article", faulty)
    out = tmp_path / "out"
    report = build([corpus], out, n_process=1, use_cache=False)
    assert any("odd.txt: extraction failed (IndexError: injected)" in w for w in report.warnings)
    g = Graph()
    g.parse(out / "kg.ttl", format="turtle")
    labels = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert "Sergej Lavrov" in labels and "Angela Merkel" not in labels
    with pytest.raises(InputError, match="odd.txt: extraction failed"):
        build([corpus], tmp_path / "strict", n_process=1, use_cache=False, strict=True)
    assert not (tmp_path / "strict" / "kg.ttl").exists()
