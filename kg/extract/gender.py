"""Gender agreement between a personal pronoun and the people it may refer to.

'hij', 'hem' and 'zijn' refer to a man; 'haar', and 'zij'/'ze' with a singular verb, to a
woman. A person's gender comes from the first name (``kg/data/first_names.toml``) or a
gendered title ('koningin', 'mevrouw'); unknown stays compatible with both. Agreement is
a hard filter on antecedents, as in sieve-based coreference (Lee et al. 2013).
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon
from kg.extract.records import EntityRef


def pronoun_gender(pronoun: Token, lex: Lexicon) -> str | None:
    word = pronoun.lower_
    if word in lex.masculine_pronouns:
        return "m"
    if word in lex.feminine_pronouns:
        return "f"
    if word in lex.plural_pronouns:
        return "f" if verb_numbers(pronoun.head) == {"Sing"} else None
    return None


def verb_numbers(verb: Token) -> set[str]:
    """The grammatical numbers of a verb and of its auxiliaries and copula."""
    return {n for t in [verb, *verb.children] if t == verb or t.dep_ in ("aux", "aux:pass", "cop")
            for n in t.morph.get("Number")}


def plural_verb(verb: Token) -> bool:
    """The finite verb (or its auxiliary) agrees with a plural subject."""
    return "Plur" in verb_numbers(verb)


def person_gender(person: EntityRef, title: str | None, lex: Lexicon) -> str | None:
    first = person.label.split()[0] if " " in person.label else ""
    if first in lex.female_names or title in lex.female_titles:
        return "f"
    if first in lex.male_names or title in lex.male_titles:
        return "m"
    return None


def agreeing(pronoun: Token, lex: Lexicon,
             titles: dict[EntityRef, tuple[str, EntityRef | None]]) -> Callable[[EntityRef], bool]:
    """A test for the people the pronoun can refer to."""
    wanted = pronoun_gender(pronoun, lex)
    if wanted is None:
        return lambda person: True
    return lambda person: person_gender(person, titles.get(person, (None,))[0], lex) in (None, wanted)
