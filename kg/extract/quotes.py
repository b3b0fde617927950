"""Quotations: who speaks the sentences of a quote.

News quotes a speaker over several sentences and tags only one of them:
``"Iran heeft al een reputatie", zegt Koopmans. "Er zijn zware verdenkingen. Minister
Blok moet om opheldering vragen."`` Every sentence of a quotation is spoken by its tag's
speaker; a tag follows the quote (``", zegt X``, ``", aldus X``) or introduces it
(``X zegt: "``, or a bare ``CDA-Kamerlid Van Helvert: "``), and a quotation that goes
on right after a tagged one, with no sentence of the narrator between, keeps its
speaker. Quotation marks are read per paragraph, in word order, since the sentence
splitter often leaves an opening mark at the end of the sentence before.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.context import verb_lemmas
from kg.extract.lexicon import Lexicon

OPENING = ("„", "“", '"')
CLOSING = ("”", '"')
SPEAKER_POS = ("NOUN", "PROPN")


@dataclass(frozen=True)
class Quotation:
    """The words between a pair of quotation marks, and who speaks them."""

    start: int          # index of the opening mark
    end: int            # index of the closing mark (or the paragraph's end)
    speaker: Token | None

    def holds(self, tok: Token) -> bool:
        return self.start < tok.i < self.end


def quotation_spans(doc: Doc) -> list[tuple[int, int]]:
    """Pairs of (opening, closing) mark indices; German '„…“' closes with '“'."""
    spans, opened = [], None
    for tok in doc:
        if opened is None:
            if tok.text in OPENING:
                opened = tok
        elif tok.text in CLOSING or (tok.text == "“" and opened.text == "„"):
            spans.append((opened.i, tok.i))
            opened = None
    if opened is not None and opened.i + 1 < len(doc):
        spans.append((opened.i, len(doc)))
    return spans


def _speech_verb(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and bool(set(verb_lemmas(tok)) & lex.speech_verbs)


def _subject_of(verb: Token, lo: int, hi: int) -> Token | None:
    """The verb's subject within the tag (tokens lo..hi), else, since inverted tags are
    often misparsed, the first noun or name after the verb."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and lo <= c.i < hi), None)
    if subject is not None:
        return _named(subject)
    return next((t for t in verb.doc[verb.i + 1: hi] if t.pos_ in SPEAKER_POS), None)


def _named(phrase: Token) -> Token:
    """'VVD'er Koopmans', 'de minister, Blok': the name in apposition to a noun."""
    if phrase.pos_ != "NOUN":
        return phrase
    return next((c for c in phrase.children if c.dep_ in ("appos", "flat", "nmod")
                 and c.pos_ == "PROPN" and c.i > phrase.i), phrase)


def _tag_after(doc: Doc, end: int, lex: Lexicon) -> Token | None:
    """'", zegt VVD'er Koopmans.' / '", aldus de minister.'"""
    if end >= len(doc):
        return None
    sent_end = doc[end].sent.end if doc[end].sent.end > end + 1 else doc[end + 1].sent.end \
        if end + 1 < len(doc) else end + 1
    words = [t for t in doc[end + 1: sent_end] if not t.is_punct]
    if not words:
        return None
    first = words[0]
    if first.lower_ in lex.source_markers:
        return next((t for t in words[1:] if t.pos_ in SPEAKER_POS), None)
    if _speech_verb(first, lex):
        return _subject_of(first, first.i, sent_end)
    return None


def _tag_before(doc: Doc, start: int, lex: Lexicon) -> Token | None:
    """'Koopmans zegt: "' / 'CDA-Kamerlid Van Helvert: "'."""
    if start == 0 or doc[start - 1].text != ":":
        return None
    colon = doc[start - 1]
    lead = [t for t in doc[colon.sent.start: colon.i] if not t.is_punct]
    verbs = [t for t in lead if t.pos_ in ("VERB", "AUX")]
    if verbs:
        speech = next((v for v in verbs if _speech_verb(v, lex)), None)
        return _subject_of(speech, colon.sent.start, colon.i) if speech is not None else None
    heads = [t for t in lead if not lead[0].i <= t.head.i < colon.i or t.head == t]
    names = [t for t in lead if t.pos_ == "PROPN"]
    head = heads[0] if heads else None
    return head if head is not None and head.pos_ in SPEAKER_POS else (names[0] if names else None)


def quotations(doc: Doc, lex: Lexicon) -> list[Quotation]:
    out: list[Quotation] = []
    for start, end in quotation_spans(doc):
        speaker = _tag_after(doc, end, lex) or _tag_before(doc, start, lex)
        if speaker is None and out and out[-1].speaker is not None \
                and _continues(doc, out[-1].end, start):
            speaker = out[-1].speaker
        out.append(Quotation(start, end, speaker))
    return out


def _continues(doc: Doc, previous_end: int, start: int) -> bool:
    """Nothing but the tag lies between two quotations: the sentence that holds the
    first one's closing mark reaches the second one's opening mark (or the one right
    before it)."""
    if previous_end >= len(doc):
        return False
    return doc[previous_end].sent.end >= start


def quoted_sentences(doc: Doc, lex: Lexicon) -> dict[int, Quotation]:
    """Sentence start → the spoken quotation that holds most of its words."""
    quotes = [q for q in quotations(doc, lex) if q.speaker is not None]
    out: dict[int, Quotation] = {}
    for sent in doc.sents:
        words = [t.i for t in sent if not t.is_punct]
        for q in quotes:
            inside = sum(q.start < i < q.end for i in words)
            if words and inside * 2 > len(words):
                out[sent.start] = q
                break
    return out

