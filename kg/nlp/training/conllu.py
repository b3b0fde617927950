"""Read UD CoNLL-U files, harmonise the annotation and turn sentences into spaCy Docs.

Harmonisation (applied to every file, so train, dev and test agree):

* lemmas: Alpino compound / separable-verb joins are removed (``mee_nemen`` -> ``meenemen``);
* XPOS ``_`` (LassySmall v2.0 draft) is treated as missing, not as a tag;
* multiword-token range lines are skipped (their ``SpaceAfter=No`` goes to the last word)
  and empty nodes (``8.1``) are ignored;
* features: ``ExtPos`` is dropped (only in the current files); the 2017 files mark
  possessive pronouns as ``det`` without ``Poss=Yes`` while the current files use
  ``nmod:poss`` + ``Poss=Yes``: the old files are upgraded to the current scheme
  (lemma list in ``data/harmonise.json``);
* relations: ``flat:name`` (2017) -> ``flat`` (current).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

from .paths import DATA_DIR


@dataclass
class Token:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 1-based, 0 = root
    deprel: str
    space_after: bool = True


@dataclass
class Sentence:
    sent_id: str
    tokens: list[Token] = field(default_factory=list)


@lru_cache(maxsize=1)
def harmonise_rules() -> dict:
    with open(DATA_DIR / "harmonise.json", encoding="utf-8") as fh:
        return json.load(fh)


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    """Yield raw sentences (syntactic words only) from a CoNLL-U file."""
    sent = Sentence(sent_id="")
    mwt_end = -1
    mwt_space = True
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if sent.tokens:
                    yield sent
                sent = Sentence(sent_id="")
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    sent.sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                continue
            tid = cols[0]
            if "." in tid:  # empty node (enhanced UD)
                continue
            misc = cols[9]
            if "-" in tid:  # multiword token range
                start, end = tid.split("-")
                mwt_end = int(end)
                mwt_space = "SpaceAfter=No" not in misc
                continue
            idx = int(tid)
            space = "SpaceAfter=No" not in misc
            if mwt_end >= 0 and idx < mwt_end:
                space = False  # inside a multiword token: no space between parts
            elif idx == mwt_end:
                space = mwt_space
                mwt_end = -1
            sent.tokens.append(
                Token(
                    form=cols[1],
                    lemma=cols[2],
                    upos=cols[3],
                    xpos=cols[4],
                    feats=cols[5],
                    head=int(cols[6]) if cols[6] not in ("_", "") else 0,
                    deprel=cols[7],
                    space_after=space,
                )
            )
    if sent.tokens:
        yield sent


def harmonise_lemma(form: str, lemma: str) -> str:
    if lemma == "_" and form != "_":
        return ""  # missing
    if len(lemma) > 1 and "_" in lemma:
        stripped = lemma.replace("_", "")
        return stripped or lemma
    return lemma


def separated_particle(sent: Sentence, tok: Token) -> str | None:
    """The compound:prt particle of a verb when it is a separate word (``stegen ... uit``)."""
    idx = sent.tokens.index(tok) + 1
    for ch in sent.tokens:
        if ch.head == idx and ch.deprel == "compound:prt" and ch.form.isalpha():
            if ch.form.lower() not in tok.form.lower():
                return ch.form.lower()
    return None


def strip_separated_particle(sent: Sentence, tok: Token, lemma: str) -> str:
    """Current Alpino lemmas include a separated particle (``stegen ... uit`` -> ``uitstijgen``),
    the 2017 files do not. The lemmatizer only sees the verb, so training lemmas are the
    particle-less ones; the ``kg_particle_lemmatizer`` component joins the particle again
    at run time from the parse. (Test lemmas are left as they are.)"""
    if tok.upos not in ("VERB", "AUX"):
        return lemma
    prt = separated_particle(sent, tok)
    if prt and lemma.startswith(prt) and len(lemma) > len(prt) + 1:
        return lemma[len(prt):]
    return lemma


def harmonise_sentence(sent: Sentence, for_training: bool = True) -> Sentence:
    rules = harmonise_rules()
    drop_feats = set(rules["drop_features"])
    possessives = set(rules["possessive_pronoun_lemmas"])
    dep_map = rules["deprel_map"]
    out = Sentence(sent_id=sent.sent_id)
    for tok in sent.tokens:
        feats = [] if tok.feats in ("_", "") else tok.feats.split("|")
        feats = [f for f in feats if f.split("=", 1)[0] not in drop_feats]
        deprel = dep_map.get(tok.deprel, tok.deprel)
        lemma = harmonise_lemma(tok.form, tok.lemma)
        if tok.upos == "PRON" and deprel == "det" and lemma.lower() in possessives:
            deprel = "nmod:poss"
        if tok.upos == "PRON" and deprel == "nmod:poss" and lemma.lower() in possessives:
            if not any(f.startswith("Poss=") for f in feats):
                feats.append("Poss=Yes")
        feats = sorted(feats, key=lambda f: f.split("=", 1)[0].lower())
        if for_training:
            lemma = strip_separated_particle(sent, tok, lemma)
        out.tokens.append(
            Token(
                form=tok.form,
                lemma=lemma,
                upos=tok.upos,
                xpos="" if tok.xpos == "_" else tok.xpos,
                feats="|".join(feats),
                head=tok.head,
                deprel=deprel,
                space_after=tok.space_after,
            )
        )
    return out


def read_harmonised(path: str | Path, for_training: bool = True) -> list[Sentence]:
    return [harmonise_sentence(s, for_training) for s in read_conllu(path)]


def sentences_to_doc(vocab: Vocab, sents: Iterable[Sentence]) -> Doc:
    """One Doc holding several sentences (gold tokens, tags, morphs, lemmas, parse)."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(9))
    for sent in sents:
        offset = len(words)
        for i, tok in enumerate(sent.tokens):
            words.append(tok.form)
            spaces.append(tok.space_after)
            tags.append(tok.xpos)
            pos.append(tok.upos)
            morphs.append(tok.feats)
            lemmas.append(tok.lemma)
            head = offset + (tok.head - 1 if tok.head > 0 else i)
            heads.append(head)
            deps.append("ROOT" if tok.head == 0 else tok.deprel)
            starts.append(i == 0)
    if spaces:
        spaces[-1] = False
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=starts,
    )
    if any(tags):
        for token, tag in zip(doc, tags):
            if tag:
                token.tag_ = tag
    return doc


def chunk(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
