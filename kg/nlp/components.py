"""Custom spaCy components of nl_kg_news.

``kg_particle_lemmatizer``: joins a separated verb particle to the verb lemma
(``stapt ... uit`` -> ``uitstappen``), as the UD Dutch lemmas do.

``kg_simplemma_lemmatizer``: overwrites ``token.lemma_`` with simplemma's Dutch lemma
for tokens whose (predicted) UPOS is in ``upos``. Added after the trainable
lemmatizer only when it beats it on held-out dev data for those UPOS.
Import this module (``import kg.nlp.components``) before ``spacy.load``
of a pipeline that contains the component.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "kg_simplemma_lemmatizer",
    default_config={"upos": ["VERB"]},
)
def make_simplemma_lemmatizer(nlp: Language, name: str, upos: Iterable[str]):
    return SimplemmaLemmatizer(name, list(upos))


class _NoWeights:
    """Rule components have no weights: serialising them is their config alone."""

    def to_disk(self, path, *, exclude=tuple()):
        pass

    def from_disk(self, path, *, exclude=tuple()):
        return self

    def to_bytes(self, *, exclude=tuple()):
        return b""

    def from_bytes(self, data, *, exclude=tuple()):
        return self


class SimplemmaLemmatizer(_NoWeights):
    def __init__(self, name: str, upos: list[str]):
        import simplemma

        self.name = name
        self.upos = set(upos)
        self._lemmatize = simplemma.lemmatize
        self._cache: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.pos_ in self.upos:
                lem = self._cache.get(tok.text)
                if lem is None:
                    lem = self._lemmatize(tok.text, lang="nl")
                    if len(lem) > 1 and "_" in lem:  # simplemma keeps Alpino joins: af_lopen -> aflopen
                        lem = lem.replace("_", "")
                    if len(self._cache) < 200_000:
                        self._cache[tok.text] = lem
                tok.lemma_ = lem
        return doc



PARTICLE_POS = {"ADP", "ADV"}  # chosen on held-out dev; ADJ/NOUN particles (bekend staan, plaats maken) are rarer and riskier


@Language.factory("kg_particle_lemmatizer", default_config={"particle_pos": sorted(PARTICLE_POS)})
def make_particle_lemmatizer(nlp: Language, name: str, particle_pos: Iterable[str]):
    return ParticleLemmatizer(name, set(particle_pos))


class ParticleLemmatizer(_NoWeights):
    """Join a separated verb particle to the verb's lemma, as UD Dutch (Alpino) does:
    ``Hij stapt morgen uit`` -> lemma of ``stapt`` = ``uitstappen``.

    Uses the parser's ``compound:prt`` relation; runs after the lemmatizer(s) and parser."""

    def __init__(self, name: str, particle_pos: set[str]):
        self.name = name
        self.particle_pos = particle_pos

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.dep_ != "compound:prt" or tok.head == tok:
                continue
            verb = tok.head
            prt = tok.text.lower()
            if not prt.isalpha() or tok.pos_ not in self.particle_pos or verb.pos_ not in ("VERB", "AUX"):
                continue
            if prt in verb.text.lower():
                continue  # not separated ("uitstappen", "uitgestapt")
            lemma = verb.lemma_
            if lemma and not lemma.startswith(prt):
                verb.lemma_ = prt + lemma
        return doc
