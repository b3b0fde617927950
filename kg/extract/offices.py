"""Office holders: who held a title's office on the article's date (gazetteer data).

``de Amerikaanse president`` in an article of May 2019 is Donald Trump, and says he
leads the United States; ``premier Rutte`` with no state named leads the Netherlands
because he held that office then. Offices are data with validity dates
(``offices.toml``), checked against the article date, never guessed.
"""

from __future__ import annotations

from kg.extract.lexicon import Lexicon
from kg.extract.records import EntityRef, Office


def _period(date: str) -> tuple[str, str]:
    """An article date ('2019-05' or '2019-05-16') as the days it may mean."""
    if len(date) == 7:
        return date + "-01", date + "-31"
    return date, date


def _in_office(office: Office, date: str | None) -> bool:
    """Whether the office was held by its holder over the whole article date."""
    if not date:
        return False
    first, last = _period(date)
    return office.start <= first and (office.end is None or last < office.end)


def holder(lex: Lexicon, title: str, of: EntityRef, date: str | None) -> EntityRef | None:
    """Who held the office a title names for a state or body on the date."""
    found = {o.holder for o in lex.offices if title in o.titles and o.of == of and _in_office(o, date)}
    return next(iter(found)) if len(found) == 1 else None


def held_office(lex: Lexicon, title: str, person: EntityRef, date: str | None
                ) -> tuple[bool, EntityRef | None]:
    """(whether the data knows this person in an office of this title, the state or body
    of the one held on the date). Without a date nothing can be checked or ruled out."""
    if not date:
        return False, None
    offices = [o for o in lex.offices if title in o.titles and o.holder == person]
    current = [o.of for o in offices if _in_office(o, date)]
    return bool(offices), (current[0] if len(current) == 1 else None)


def administration(word: str, lex: Lexicon) -> EntityRef | None:
    """'regering-Trump', 'kabinet-Rutte': a government named after the person who leads
    it is the state (or body) of that person's office, when the data knows only one."""
    body, _, name = word.partition("-")
    if body.lower() not in lex.government_nouns or not name[:1].isupper():
        return None
    found = {o.of for o in lex.offices if name in (o.holder.label, o.holder.label.split()[-1])}
    return next(iter(found)) if len(found) == 1 else None
