"""NER training data: the Europeana Newspapers Dutch corpus (CC0) as spaCy Docs.

The ``.bio`` file is one ``token TAG`` pair per line, 182k tokens, no sentence
breaks, IOB1/IOB2 mixed and OCR tokens with glued punctuation (``kwestien,``).
We split punctuation off tokens (entity spans keep only the word part), repair
the IOB scheme to IOB2 and split sentences on sentence-final punctuation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

LEAD = re.compile(r"^([\"'(\[„“‘,]+)(.+)$")
TRAIL = re.compile(r"^(.+?)([\"'),.;:!?\]”’]+)$")
ABBREV_MAX = 3  # "Mr." "St." "Z." are not sentence ends


def read_bio(path: str | Path) -> list[tuple[str, str]]:
    pairs = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(" ")
            if len(parts) < 2 or not parts[0]:
                continue
            tok, tag = " ".join(parts[:-1]), parts[-1]
            if tag not in ("O",) and not re.match(r"^[BI]-(PER|LOC|ORG|MISC)$", tag):
                tag = "O"
            pairs.append((tok, tag))
    return pairs


def to_iob2(tags: list[str]) -> list[str]:
    out = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def split_token(tok: str) -> tuple[list[str], int]:
    """Split glued punctuation. Returns pieces and index of the word piece."""
    lead, core, trail = "", tok, ""
    m = LEAD.match(core)
    if m and len(core) > 1:
        lead, core = m.group(1), m.group(2)
    m = TRAIL.match(core)
    if m and len(core) > 1:
        core, trail = m.group(1), m.group(2)
        # keep abbreviation dots ("Mr.", "J.") with the word
        if trail == "." and len(core) <= ABBREV_MAX - 1 and core[:1].isupper():
            core, trail = core + ".", ""
    pieces = []
    if lead:
        pieces.append(lead)
    core_i = len(pieces)
    pieces.append(core)
    if trail:
        pieces.append(trail)
    return pieces, core_i


def bio_sentences(pairs: list[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
    sent: list[tuple[str, str]] = []
    tags = to_iob2([t for _, t in pairs])
    for i, ((tok, _), tag) in enumerate(zip(pairs, tags)):
        sent.append((tok, tag))
        nxt = pairs[i + 1][0] if i + 1 < len(pairs) else ""
        ends = tok in (".", "!", "?") or (
            tok[-1:] in ".!?" and len(tok) > ABBREV_MAX and not tok.endswith("..")
        )
        if ends and (not nxt or nxt[:1].isupper() or nxt[:1] in "\"'„(") and len(sent) >= 3:
            yield sent
            sent = []
        elif len(sent) >= 120:  # OCR noise without punctuation: cut long runs
            yield sent
            sent = []
    if sent:
        yield sent


def bio_doc(vocab: Vocab, sents: list[list[tuple[str, str]]]) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    ents: list[tuple[int, int, str]] = []
    open_ent: list | None = None
    for sent in sents:
        first = True
        for tok, tag in sent:
            pieces, core_i = split_token(tok)
            base = len(words)
            for j, p in enumerate(pieces):
                words.append(p)
                spaces.append(j == len(pieces) - 1)
                starts.append(first and j == 0)
            first = False
            core = base + core_i
            trailing = core_i < len(pieces) - 1
            if tag.startswith("B-"):
                if open_ent:
                    ents.append(tuple(open_ent))
                open_ent = [core, core + 1, tag[2:]]
            elif tag.startswith("I-") and open_ent and open_ent[2] == tag[2:]:
                open_ent[1] = core + 1
            else:
                if open_ent:
                    ents.append(tuple(open_ent))
                open_ent = None
            if open_ent and trailing:
                # punctuation glued after the word closes the entity ("Italië," -> Italië ,)
                ents.append(tuple(open_ent))
                open_ent = None
        if open_ent:
            ents.append(tuple(open_ent))
            open_ent = None
    if spaces:
        spaces[-1] = False
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    spans = [Span(doc, s, e, label=l) for s, e, l in ents if e > s]
    # drop overlaps defensively
    spans.sort(key=lambda sp: sp.start)
    clean, last = [], -1
    for sp in spans:
        if sp.start >= last:
            clean.append(sp)
            last = sp.end
    doc.set_ents(clean, default="outside")
    return doc


def europeana_docs(vocab: Vocab, path: str | Path, sents_per_doc: int = 10) -> list[Doc]:
    sents = list(bio_sentences(read_bio(path)))
    return [bio_doc(vocab, sents[i : i + sents_per_doc]) for i in range(0, len(sents), sents_per_doc)]
