"""Figures: does a question ask for one ("how many", "when"), does a sentence give one?

A "how many / when" question is only answered by a sentence with a figure or a date, in
digits or in words ("nine years", "a quarter", "double", "in October"). Retrieval ranks such a
question's passages by their best sentence *with a figure*, and the answer refuses when the
passages hold none.

>>> wants_figure("How many folks live in West Northants?"), wants_figure("What is the male life expectancy?")
(True, True)
>>> wants_figure("In what year will it reach net zero?"), wants_figure("By when will the homes be built?")
(True, True)
>>> wants_figure("Why do folks live here?"), wants_figure("What is the Good Health goal?"), wants_figure("In what way will it help?")
(False, False, False)
>>> wants_figure("What is the size of the population?"), wants_figure("What is the aim for life expectancy?")
(True, False)
>>> wants_figure("What shared services will councils run?"), wants_figure("Which yearly events are planned?"), wants_figure("What dates are set?")
(False, False, True)
>>> has_figure("434,349 The total population (2023)"), has_figure("a quarter of residents"), has_figure("People are proud.")
(True, True, False)

A figure counts a group of people, and a figure for one group is no answer about another:
"60.3% adults overweight" does not say how many children are.

>>> groups("What percentage of children are overweight?"), groups("60.3% adults overweight"), groups("the cost of care")
(frozenset({'children'}), frozenset({'adults'}), frozenset())
>>> for_other_group("60.3% adults overweight", groups("What share of kids are overweight?"))
True
>>> for_other_group("47.1% physically active children and young people", groups("How many kids are active?"))
False

"How many" wants a quantity: a year or a month is no answer to it ("the conference in July 2023").

>>> wants_count("How many people came?"), wants_count("When did it start?"), has_figure("It met in July 2023.", dates=False)
(True, False, False)

A figure the question states itself names what it asks about, so it is no answer: "When was
the Big 50 Conference held?" is answered by "in July 2023", not by "the Big 50 conference".

>>> figures("Between 2011 and 2021 the population grew by 13.5%, over double")
['2011', '2021', '13.5%', 'double']
>>> has_figure("The first Big 50 conference", stated=figures("When was the Big 50 Conference held?"))
False
"""

from __future__ import annotations

import re
from collections.abc import Collection

# "(by / in / since ...) when", "how many / much / long ...", "(in) what / which year ...", or "what is the <...> rate / price
# / population ..." (the measure may come after other words: "the male life expectancy", "the size of the population",
# but not after a preposition that makes it the topic of something else: "the aim for life expectancy").
_MEASURE = (r"average|total|median|number|rate|percentage|proportion|share|amount|figure|cost|price|budget|"
            r"population|expectancy|dates?|salary|pay|income|wages?")
_FIGURE_QUESTION = re.compile(
    r"^\s*((by|in|from|since|until|till|to) )?(when|how (many|much|big|large|old|long|fast|often|soon)"
    r"|(what|which) (year|date|time|percentage|proportion|share|number|amount|figure)s?\b"
    rf"|what('s| is| are| was| were) the ((?!(for|on|about|regarding|around|towards|to|in) )[\w'-]+ ){{0,3}}({_MEASURE})\b)",
    re.I,
)
_MONTHS_AND_SEASONS = (r"january|february|march|april|june|july|august|september|october|november|december|"
                       r"spring|summer|autumn|winter")
_FIGURE = re.compile(
    r"\d(?:[\d,.:/-]*\d)?%?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|"
    rf"thousand|million|billion|half|quarter|third|double|twice|triple|{_MONTHS_AND_SEASONS})\b",
    re.I,
)


# "how many people / how much money": a quantity, which a year or a month does not give
_COUNT_QUESTION = re.compile(r"^\s*how (many|much|big|large)\b|\b(what|which) (percentage|proportion|share|number|amount)s?\b", re.I)
_DATE = re.compile(r"(1[89]|20)\d\d|" + _MONTHS_AND_SEASONS)


# the groups of people a figure may count, each with the words that name it
_GROUPS = {name: re.compile(rf"\b({words})\b", re.I) for name, words in {
    "children": r"child|children|childrens|kids?|young people|youths?|pupils?|teenagers?|teens?|boys|girls",
    "adults": r"adults?|grown-ups?",
    "older people": r"older|elderly|over[- ](65|75)s?|pensioners?|retired",
    "men": r"men|male|males",
    "women": r"women|female|females",
}.items()}


def groups(text: str) -> frozenset[str]:
    """The groups of people ``text`` names (children, adults, older people, men, women)."""
    return frozenset(name for name, words in _GROUPS.items() if words.search(text))


def for_other_group(sentence: str, asked: frozenset[str]) -> bool:
    """Does the sentence count only other groups than the ones asked about?"""
    named = groups(sentence)
    return bool(asked and named) and not asked & named


# Everyday words for the measures documents report, each with the documents' name for it:
# "how many people live in X" / "residents does X have" (its population), "how long do men live"
# (their life expectancy), "people who have a job" (people in employment).
_RESIDENTS = r"people|folks?|residents|inhabitants|persons"
_MEASURES = [
    (re.compile(rf"\b(how many) ({_RESIDENTS})( (will|would|do|does|did|currently|now|actually))* (live|living|reside|residing)\b", re.I),
     lambda m: f"{m.group(1)} population"),
    (re.compile(rf"\b(how many) ({_RESIDENTS})(?= (are|were|will there be) (there|in|living)\b| (does|do|will|did) ([\w'-]+ ){{0,4}}have\b)", re.I),
     lambda m: f"{m.group(1)} population"),
    (re.compile(r"\b(how long (do|does|will|can|did) ([\w'-]+ ){1,3}?)(live|survive)\b", re.I), lambda m: f"{m.group(1)}live (life expectancy)"),
    (re.compile(r"\b(have|has|got|with) (a |paid )?jobs?\b|\bare (in work|working|employed)\b", re.I), lambda m: "are in employment"),
]


def in_measure_words(question: str) -> str:
    """The question with everyday words for a measure named as documents name it.

    >>> in_measure_words("How many folks live in West Northants?")
    'How many population in West Northants?'
    >>> in_measure_words("How many people will live there by 2030?"), in_measure_words("how many residents does Corby have?")
    ('How many population there by 2030?', 'how many population does Corby have?')
    >>> in_measure_words("How long do men live here?"), in_measure_words("What share of people have a job?")
    ('How long do men live (life expectancy) here?', 'What share of people are in employment?')
    >>> in_measure_words("How long is the plan?"), in_measure_words("Will people get jobs?")
    ('How long is the plan?', 'Will people get jobs?')
    """
    for words, measure in _MEASURES:
        question = words.sub(measure, question)
    return question


def wants_figure(question: str) -> bool:
    return bool(_FIGURE_QUESTION.search(question))


def wants_count(question: str) -> bool:
    """Does the question ask for a quantity ("how many", "what percentage"), not a date?"""
    return bool(_COUNT_QUESTION.search(question))


def figures(text: str) -> list[str]:
    """The figures and dates in ``text``, as written (words in lower case)."""
    return [m.group(0).lower() for m in _FIGURE.finditer(text)]


def has_figure(text: str, stated: Collection[str] = (), dates: bool = True) -> bool:
    """Does ``text`` hold a figure or (unless ``dates`` is False) a date, other than those ``stated`` by the question?"""
    return any(f not in stated and (dates or not _DATE.fullmatch(f)) for f in figures(text))
