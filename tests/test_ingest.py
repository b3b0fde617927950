"""Ingest: the input format of the contract and clear errors for bad files."""

from pathlib import Path

import pytest

from kg.ingest import InputError, read_corpus

from conftest import SEEDS


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_seed_dates_titles_and_ids():
    corpus = read_corpus([SEEDS])
    by_id = {a.id: a for a in corpus.articles}
    assert sorted(by_id) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert by_id["000_beb47e856fafe9a5"].date == "2018-04"
    assert by_id["000_beb47e856fafe9a5"].text.startswith("Het blijft voor Nederland")
    undated = by_id["001_9de4de495be308b9"]
    assert undated.date is None and undated.title == "Nederland koersvast richting Rusland"


def test_date_line_then_title_line(tmp_path):
    p = write(tmp_path, "a b ü.txt", " date 2019-05-13\nRutte praat met Merkel\nDe premier sprak.\n")
    [article] = read_corpus([p]).articles
    assert (article.id, article.date, article.title) == ("a b ü", "2019-05-13", "Rutte praat met Merkel")
    assert article.text.startswith("Rutte praat met Merkel\nDe premier sprak.")


def test_bom_keeps_the_date(tmp_path):
    p = write(tmp_path, "bom.txt", b"\xef\xbb\xbf date 2018-04 Blok ontmoet Lavrov.")
    [article] = read_corpus([p]).articles
    assert article.date == "2018-04" and article.text == "Blok ontmoet Lavrov."


def test_windows_1252_is_read_with_a_warning(tmp_path):
    p = write(tmp_path, "cp.txt", "Blok zei: “Zijn we het eens?” Café.".encode("cp1252"))
    corpus = read_corpus([p])
    assert corpus.articles[0].text == "Blok zei: “Zijn we het eens?” Café."
    assert "Windows-1252" in corpus.warnings[0] and "cp.txt" in corpus.warnings[0]


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x00\x01\x02\xff\xfe\x00garbage", "not a text file"),
    ("dateonly.txt", b" date 2019-05", "no article text"),
    ("baddate.txt", b" date 2019-13 Tekst.", "invalid date line"),
])
def test_bad_files_are_named_in_the_error(tmp_path, name, data, problem):
    p = write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        read_corpus([p])
    assert str(p) in str(err.value) and problem in str(err.value)


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_corpus([tmp_path / "nope"])
    with pytest.raises(InputError, match="no .txt files"):
        read_corpus([tmp_path])


def test_identical_texts_are_read_once_with_both_files_recorded(tmp_path):
    a = write(tmp_path, "a.txt", " date 2019-01 Rutte ontmoet Merkel.")
    b = write(tmp_path, "b.txt", " date 2019-01 Rutte ontmoet Merkel.")
    corpus = read_corpus([tmp_path])
    assert [x.id for x in corpus.articles] == ["a"]
    assert corpus.articles[0].paths == (str(a), str(b))


def test_utf16_with_bom_is_decoded(tmp_path):
    p = write(tmp_path, "u16.txt", " date 2019-05 Rutte ontmoet Merkel.".encode("utf-16"))
    corpus = read_corpus([p])
    assert corpus.articles[0].date == "2019-05" and corpus.articles[0].text == "Rutte ontmoet Merkel."
    assert "UTF-16" in corpus.warnings[0]


def test_html_page_keeps_visible_text_only(tmp_path):
    p = write(tmp_path, "page.txt", "<!DOCTYPE html><html><head><title>Kop</title>"
              "<script>alert(1)</script></head><body><p>Rutte ontmoet Merkel.</p>"
              "<p>Tweede alinea &amp; meer.</p></body></html>")
    corpus = read_corpus([p])
    text = corpus.articles[0].text
    assert "alert" not in text and "<" not in text
    assert text.splitlines() == ["Kop", "Rutte ontmoet Merkel.", "Tweede alinea & meer."]
    assert "HTML" in corpus.warnings[0]


def test_symlink_loop_is_not_followed(tmp_path):
    (tmp_path / "a").mkdir()
    write(tmp_path / "a", "x.txt", "Rutte ontmoet Merkel.")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    assert [a.id for a in read_corpus([tmp_path]).articles] == ["x"]


def test_overlong_paragraph_is_cut_at_sentence_ends():
    from kg.nlp import MAX_PARAGRAPH, paragraphs
    from kg.ingest import Article

    sentence = "Rutte ontmoet Merkel in Berlijn. "
    text = sentence * (3 * MAX_PARAGRAPH // len(sentence))
    parts = paragraphs(Article("big", text.strip(), "t"))
    assert len(parts) >= 3 and all(len(t) <= MAX_PARAGRAPH for _, t in parts)
    assert all(t.startswith("Rutte") for _, t in parts)
    assert "".join(t for _, t in parts) == text.strip()
    assert all(text[o:o + len(t)] == t for o, t in parts)
