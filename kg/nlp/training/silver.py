"""Silver NER on modern Dutch news: a data-driven gazetteer typed by context rules.

1. Tokenise a slice of the bench news corpus (rule-based sentence split).
2. Collect candidate names: maximal runs of capitalised tokens, optionally joined by
   name particles (``van der``, ``de``), not counting the sentence-initial token alone.
3. Type each candidate by votes from high-precision contexts (word lists in
   ``data/ner_lexicon.json``): a person title before it (``minister``, ``woordvoerder``,
   ``de heer``) -> PER; ``zegt X`` / ``X zegt`` -> PER; ``in/uit/naar X`` -> LOC; an
   organisation head word inside the name (``ministerie``, ``partij``, ``Raad``) -> ORG;
   known country/city and organisation lists. Surnames inherit PER from full names
   (``Mark Rutte`` -> ``Rutte``).
4. Label sentences with the gazetteer (longest match). A sentence is kept only if
   every capitalised non-initial token is explained (part of a typed name, a known
   non-entity, or a nationality adjective), so the silver annotation is complete.

Only derived annotations are stored (in the cache folder, outside git).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .paths import DATA_DIR

SENT_END = re.compile(r"(?<=[.!?])\s+(?=[\"'„“(]?[A-Z0-9])")
ADJ_SUFFIX = ("se", "sche", "ische", "ese", "ers", "aanse", "aans")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with open(DATA_DIR / "ner_lexicon.json", encoding="utf-8") as fh:
        lex = json.load(fh)
    lex["_titles"] = {t.lower() for t in lex["person_titles"]}
    lex["_particles"] = {p.lower() for p in lex["name_particles"]}
    lex["_org_heads"] = {h.lower() for h in lex["org_heads"]}
    lex["_loc_preps"] = {p.lower() for p in lex["loc_prepositions"]}
    lex["_say"] = {v.lower() for v in lex["person_before_verbs"]}
    lex["_places"] = set(lex["places"])
    lex["_orgs"] = set(lex["org_names"])
    lex["_not"] = set(lex["not_entities"])
    return lex


def is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or (tok[0].isdigit() and any(c.isupper() for c in tok))) and any(c.isalpha() for c in tok)


def candidate_spans(words: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, allowing particles between capitalised tokens."""
    lex = lexicon()
    spans = []
    i, n = 0, len(words)
    while i < n:
        if not is_cap(words[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            if is_cap(words[j]):
                j += 1
                continue
            # particles: van / van der / de ... followed by a capitalised token
            k = j
            while k < n and words[k].lower() in lex["_particles"] and k - j < 3:
                k += 1
            if k > j and k < n and is_cap(words[k]):
                j = k + 1
                continue
            break
        spans.append((i, j))
        i = j
    return spans


def split_sentences(text: str) -> list[str]:
    out = []
    for para in text.split("\n"):
        para = para.strip()
        if para:
            out.extend(s.strip() for s in SENT_END.split(para) if s.strip())
    return out


def _iter_sentences(path: Path, max_articles: int, nlp: Language):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= max_articles:
                break
            art = json.loads(line)
            for sent in split_sentences(art.get("text") or ""):
                if 6 <= len(sent.split()) <= 60:
                    toks = [t for t in nlp.tokenizer(sent) if not t.is_space]
                    yield [t.text for t in toks], [bool(t.whitespace_) for t in toks]


def common_words(sentences: list[list[str]], ratio: float = 0.5) -> set[str]:
    """Lower-cased forms that occur mostly in lower case: ordinary words, not names."""
    low: Counter = Counter()
    cap: Counter = Counter()
    for words in sentences:
        for k, w in enumerate(words):
            if w.islower():
                low[w] += 1
            elif k > 0 and is_cap(w):
                cap[w.lower()] += 1
    return {w for w, n in low.items() if n >= 3 and n >= ratio * cap.get(w, 0)}


def build_gazetteer(sentences: list[list[str]], min_votes: int = 2, min_share: float = 0.75) -> dict[str, str]:
    """Type candidate names by context votes; returns {name: label}."""
    lex = lexicon()
    votes: dict[str, Counter] = defaultdict(Counter)
    freq: Counter = Counter()
    common = common_words(sentences)
    for words in sentences:
        lower = [w.lower() for w in words]
        for s, e in candidate_spans(words):
            # trim ordinary words that are capitalised by position ("Volgens", "In", "De")
            while s < e and words[s].lower() in common:
                s += 1
            while e > s and words[e - 1].lower() in common:
                e -= 1
            if e <= s or (s == 0 and e - s == 1):
                continue  # a lone sentence-initial capital tells nothing
            if e - s == 1 and words[s].lower().endswith(ADJ_SUFFIX):
                continue  # nationality adjectives ("Russische", "Amerikaanse") are not names
            if words[e - 1].endswith("."):
                continue  # tokeniser left a sentence-final dot on the name
            name = " ".join(words[s:e])
            freq[name] += 1
            prev = lower[s - 1] if s > 0 else ""
            prev2 = " ".join(lower[max(0, s - 2) : s])
            nxt = lower[e] if e < len(words) else ""
            if prev in lex["_titles"] or prev2 in lex["_titles"]:
                votes[name]["PER"] += 1
            if nxt in lex["_say"] or (prev in lex["_say"] and s >= 1):
                votes[name]["PER"] += 1
            if prev in lex["_loc_preps"] and (s < 2 or lower[s - 2] not in ("de", "het")):
                votes[name]["LOC"] += 1
            toks = [w.lower() for w in words[s:e]]
            if any(t in lex["_org_heads"] for t in toks) or any(
                t.endswith(h) for t in toks for h in ("ministerie", "partij", "bank", "raad", "commissie", "universiteit", "rechtbank")
            ):
                votes[name]["ORG"] += 2
    gaz: dict[str, str] = {}
    for name, c in votes.items():
        total = sum(c.values())
        label, top = c.most_common(1)[0]
        if top >= min_votes and top / total >= min_share and freq[name] >= 2:
            gaz[name] = label
    # list knowledge overrides votes
    for name in lex["_places"]:
        gaz[name] = "LOC"
    for name in lex["_orgs"]:
        gaz[name] = "ORG"
    for name in lex["_not"]:
        gaz.pop(name, None)
    def not_a_name(n: str) -> bool:
        if n in lex["_places"] or n in lex["_orgs"]:
            return False
        if " " in n:
            return False
        low = n.lower()
        return (
            low in common
            or low.endswith(ADJ_SUFFIX)  # Nederlandse, Russische
            or (low.endswith("er") and (n[:-2] in lex["_places"] or n[:-3] in lex["_places"]))  # Limburger
        )

    for name in [n for n in gaz if not_a_name(n)]:
        gaz.pop(name)
    # surnames of typed persons ("Mark Rutte" -> "Rutte"), if not typed otherwise
    surname = Counter()
    for name, label in list(gaz.items()):
        parts = name.split()
        if label == "PER" and len(parts) >= 2:
            surname[parts[-1]] += 1
            # "Van der Laan" style surnames
            for k in range(1, len(parts)):
                if parts[k].lower() in lex["_particles"]:
                    surname[" ".join(parts[k:])[:1].upper() + " ".join(parts[k:])[1:]] += 1
                    break
    for sn, n in surname.items():
        if sn not in gaz and sn not in lex["_not"] and not not_a_name(sn):
            gaz[sn] = "PER"
    return gaz


def label_sentence(words: list[str], gaz: dict[str, str], max_len: int = 6) -> tuple[list[tuple[int, int, str]], bool]:
    """Longest-match labelling; returns (entities, complete?)."""
    lex = lexicon()
    ents = []
    covered = [False] * len(words)
    i = 0
    while i < len(words):
        hit = None
        for L in range(min(max_len, len(words) - i), 0, -1):
            name = " ".join(words[i : i + L])
            if name in gaz:
                # do not cut a longer capitalised name in the middle
                end = i + L
                if end < len(words) and is_cap(words[end]) and L == 1 and i > 0:
                    continue
                hit = (i, end, gaz[name])
                break
        if hit:
            ents.append(hit)
            for k in range(hit[0], hit[1]):
                covered[k] = True
            i = hit[1]
        else:
            i += 1
    complete = True
    for k, w in enumerate(words):
        if covered[k] or not is_cap(w):
            continue
        if k == 0 or words[k - 1] in (":", '"', "'", "„", "“", "(", "-", "–"):
            continue  # sentence/quote-initial capital
        if w in lex["_not"] or w.lower().endswith(ADJ_SUFFIX) and k + 1 < len(words) and words[k + 1].islower():
            continue
        if w.isupper() and len(w) <= 1:
            continue
        complete = False
        break
    # an entity must not be glued to another capitalised token (partial names)
    for (s1, e1, _), (s2, e2, _) in zip(ents, ents[1:]):
        if e1 == s2:
            complete = False  # two names back to back: probably one unknown longer name
    for s, e, _ in ents:
        if (s > 0 and is_cap(words[s - 1]) and s - 1 > 0 and not covered[s - 1]) or (e < len(words) and is_cap(words[e]) and not covered[e]):
            complete = False
    return ents, complete


def silver_docs(nlp: Language, news_path: Path, n_sentences: int = 4000, seed: int = 0,
                max_articles: int = 4000, empty_share: float = 0.15) -> tuple[list[Doc], dict]:
    """Build silver NER docs (one sentence per Doc) from the first `max_articles` news articles."""
    rng = random.Random(seed)
    pairs = list(_iter_sentences(news_path, max_articles, nlp))
    sentences = [w for w, _ in pairs]
    gaz = build_gazetteer(sentences)
    labelled, empty = [], []
    for words, spaces in pairs:
        ents, complete = label_sentence(words, gaz)
        if not complete:
            continue
        (labelled if ents else empty).append((words, spaces, ents))
    rng.shuffle(labelled)
    rng.shuffle(empty)
    n_empty = int(n_sentences * empty_share)
    chosen = labelled[: n_sentences - n_empty] + empty[:n_empty]
    rng.shuffle(chosen)
    docs = []
    for words, spaces, ents in chosen:
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        doc.set_ents([Span(doc, s, e, label=l) for s, e, l in ents], default="outside")
        docs.append(doc)
    stats = {
        "articles": max_articles,
        "sentences_seen": len(sentences),
        "gazetteer": dict(Counter(gaz.values())),
        "complete_with_entities": len(labelled),
        "complete_without": len(empty),
        "docs": len(docs),
        "entities": dict(Counter(e.label_ for d in docs for e in d.ents)),
    }
    return docs, stats
