"""What each section of a vision document is: its kind, its role, and the priority it sits under.

Vision-style documents share a vocabulary: priorities ("Priority 2: Prosperous Place", "Our
Priority 4"), goals ("Priority Goals"), outcomes ("Suggested outcomes we want by 2030"), priority
areas ("Suggested priority areas for shared development"), actions ("we will continue to..."),
principles, drivers, a foreword, an introduction, a roadmap with steps, a statistics page. A
heading is classified by the first rule its title matches; a heading that names a *group*
("Priority Goals", "Our Guiding Principles", "Drivers", "Next Steps") is a container, and every
unclassified heading under it is an item of the group's kind. An unclassified heading under an
item (the "5.1 ..." under "5 Priority 1") is a detail of that item. A manifest entry may add
patterns for an unusual document (``{"section_kinds": {"goal": ["^Ambition \\\\d"]}}``).

>>> k = Classifier()
>>> k.classify("6 Priority 2: Prosperous Place", None)
('priority', 'item')
>>> k.classify("6.2 Priority Goals", ("priority", "item"))
('goal', 'container')
>>> k.classify("Transport", ("goal", "container"))
('goal', 'item')
>>> k.classify("6.1 Thriving businesses", ("priority", "item"))
('priority', 'detail')
>>> k.classify("One Roadmap to Thriving Places and People", ("priority", "item"))
('roadmap', 'container')
>>> k.classify("Wider Socialisation", ("roadmap", "container"))
('step', 'item')
"""

from __future__ import annotations

import re
# The kinds a section can have, and the words that name each (as an item, then as a group).
KINDS = ("foreword", "introduction", "statistics", "vision", "driver", "principle", "priority", "goal",
         "outcome", "priority_area", "action", "roadmap", "step", "other")
# Kinds that open a part of their own: met as a minor heading inside another part, they start a new one.
PART_KINDS = {"foreword", "introduction", "statistics", "roadmap"}
CARDINALS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")  # numbers written as words
_NUMBER = r"(?:\d+|[ivx]+|" + "|".join(CARDINALS) + ")"
RULES: list[tuple[str, str, str]] = [  # (kind, role, pattern) in the order they are tried
    ("foreword", "container", r"\b(foreword|preface|message from)\b"),
    ("introduction", "container", r"\b(introduction|our journey|purpose|background|about this (plan|document|vision))\b"),
    ("statistics", "container", r"^about\b|\b(statistics|facts and figures|key facts|at a glance|in numbers|our place in numbers)\b"),
    ("roadmap", "container", r"\b(roadmap|next steps|way forward|what happens next|timeline)\b"),
    ("step", "item", rf"^(step|stage|phase)\s+{_NUMBER}\b"),
    ("priority", "item", rf"^(\d+(\.\d+)*\.?\s+)?(our\s+)?(priority|theme)\s+{_NUMBER}\b"),
    ("outcome", "container", r"\boutcomes?\b"),
    ("priority_area", "container", r"\b(priority areas?|areas (for|we will)|focus areas?)\b"),
    ("action", "container", r"\b(continue to|actions|commitments|what we will do)\b"),
    ("goal", "container", r"\b(goals|objectives|aims)\b"),
    ("principle", "container", r"\bprinciples\b"),
    ("driver", "container", r"\b(drivers|challenges)\b"),
    ("vision", "container", r"\b(vision|mission|what we want to be)\b"),
]
# Kinds whose heading names one member ("Priority 2", "Step one"), not a group.
ITEM_KINDS = {"priority", "step"}
# The kind of the members of a group, where it differs from the group's own.
MEMBER_KIND = {"roadmap": "step"}
# What a user calls each kind in a question ("the goals", "its priorities").
KIND_WORDS = {
    "priority": r"priorit(y|ies)|themes?",
    "goal": r"(priority )?goals?|objectives?|aims?|ambitions?|targets?",
    "outcome": r"outcomes?",
    "priority_area": r"priority areas?(?: for (?:shared )?development)?|areas? for (?:shared )?development|focus areas?",
    "action": r"actions?|commitments?",
    "principle": r"(guiding )?principles?|values",
    "driver": r"drivers?|challenges",
    "step": r"steps?|stages?|roadmap|next steps|what\s+(happens|comes)\s+next|what(\'s|\s+is)\s+next",
    "statistics": r"statistics?|stats|key (facts|figures|numbers)|facts and figures",
}
# Any word of a kind, longest first: "priority areas" is one kind, not "priority" and a topic "areas".
ANY_KIND = "|".join(sorted(KIND_WORDS.values(), key=len, reverse=True))
KIND_WORD = re.compile(rf"\b({ANY_KIND})\b", re.I)
# Kinds whose sections are lists of short lines ("77.6% People in employment"): each line is an item.
LINE_KINDS = {"statistics"}
# Words that qualify a list of a kind without choosing among its items ("the seven priorities", "the current
# goals", "a key priority"); any other word before a kind does ("the housing goals").
LIST_QUALIFIERS = ("seven current overall new draft proposed suggested strategic top main key core big biggest major "
                   "important different various specific stated official final existing agreed council sit listed named "
                   "individual separate full complete entire").split()
# "is housing a (key) priority?", "is that a goal?", "is housing one of the goals?", "is transport among the
# priorities?", "does the plan have a goal about jobs?": asks whether something is one of a list.
_IS_A = (r"^\s*(is|are|was|were|does|do|has|have)\b.*\b(an?|(one\s+of|among(st)?)(\s+(the|its|their))?)\s+"
         r"((" + "|".join(LIST_QUALIFIERS) + r")\s+)?")
IS_A_KIND = re.compile(_IS_A + r"(" + "|".join(KIND_WORDS.values()) + r")\b", re.I)
# "priority 2", in a question or a heading: a priority by its number.
PRIORITY_NUMBER = re.compile(r"\bpriority\s+(\d+)\b", re.I)
# A question about "goals" is about everything a plan wants to achieve, whatever the plan calls it.
GOAL_LIKE = ("goal", "outcome", "priority_area", "action")


def cardinal(number: str) -> int:
    """The number written in digits or as a word (``CARDINALS``).

    >>> cardinal("seven"), cardinal("Two"), cardinal("12")
    (7, 2, 12)
    """
    return int(number) if number.isdigit() else CARDINALS.index(number.lower()) + 1


class Classifier:
    """Classify headings with the built-in rules plus a document's own ``extra`` patterns."""

    def __init__(self, extra: dict[str, list[str]] | None = None):
        own = [(kind, "item" if kind in ITEM_KINDS else "container", p) for kind, patterns in (extra or {}).items() for p in patterns]
        self.rules = [(kind, role, re.compile(p, re.I)) for kind, role, p in own + RULES]

    def classify(self, title: str, parent: tuple[str, str] | None) -> tuple[str, str]:
        """``(kind, role)`` of a heading, given its parent's ``(kind, role)``."""
        for kind, role, pattern in self.rules:
            if pattern.search(title):
                if role == "container" and not _is_group(title, kind):
                    role = "item"
                return kind, role
        if parent is None:
            return "other", "part"
        kind, role = parent
        if role == "container":
            return MEMBER_KIND.get(kind, kind), "item"
        return kind, "detail"


def _is_group(title: str, kind: str) -> bool:
    """Does the heading name a group ("Priority Goals") rather than one member ("Our goal")? Only
    goals are named both ways; an outcomes heading or an "About ..." page groups its bullets."""
    return kind != "goal" or bool(re.search(r"\b(goals|objectives|aims)\b", title, re.I))


def kind_named(word: str) -> str | None:
    """The kind a word of ``KIND_WORDS`` names, singular or plural ("principle", "priority areas").

    >>> kind_named("principle"), kind_named("priority areas"), kind_named("stage"), kind_named("homes")
    ('principle', 'priority_area', 'step', None)
    """
    return next((kind for kind, words in KIND_WORDS.items() if re.fullmatch(words, word, re.I)), None)


def wanted_kind(text: str) -> str | None:
    """The kind of section a question asks a list of, by the plural it uses ("outcomes" ->
    outcome), or by "which" before a singular ("which priority is about homes?" picks from the
    list). Another singular asks about one section ("the Good Health goal"): no list.

    >>> wanted_kind("What are the guiding principles of the plan?"), wanted_kind("What outcomes by 2030?")
    ('principle', 'outcome')
    >>> wanted_kind("What is the Good Health goal?") is None, wanted_kind("How many people live here?") is None
    (True, True)
    >>> wanted_kind("Which priority is about homes?"), wanted_kind("What stage is the plan at?") is None
    ('priority', True)
    >>> wanted_kind("What happens next with the Vision?"), wanted_kind("What will change in the next decade?")
    ('step', None)
    >>> wanted_kind("What priority areas for shared development are listed?"), wanted_kind("What are the priority goals?")
    ('priority_area', 'goal')
    >>> wanted_kind("List every goal"), wanted_kind("What does each priority say about homes?")
    ('goal', 'priority')
    >>> wanted_kind("Is housing a priority in both plans?"), wanted_kind("is that a goal?"), wanted_kind("Is the goal clear?")
    ('priority', 'goal', None)
    >>> wanted_kind("Is housing one of the goals?"), wanted_kind("Does it have a goal about jobs?"), wanted_kind("Is it a key goal?")
    ('goal', 'goal', 'goal')
    >>> wanted_kind("Does it have a clear goal?") is None  # "clear" may be what is asked about: one goal, not which
    True
    """
    best = None
    for kind, words in KIND_WORDS.items():
        m = re.search(rf"\b({words})\b", text, re.I)
        if m and (best is None or m.start() < best[1] or (m.start() == best[1] and len(m.group()) > best[2])):
            best = (kind, m.start(), len(m.group()), m.group())
    if best is None:
        return None
    plural = re.search(r"(s|roadmap|next)$", best[3].split(" for ")[0], re.I)  # "priority areas for shared development"
    # "which priority is about homes?": one of the list; "list every goal": all of it
    chosen = re.search(r"\b(which|every|each|all)\s+$", text[: best[1]], re.I)
    asked = re.search(_IS_A + "$", text[: best[1]], re.I)  # "is housing a priority?": is it one of the list
    return best[0] if plural or chosen or asked else None
