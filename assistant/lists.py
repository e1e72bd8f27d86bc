"""Answers built from a document's structure rather than from its top passages.

- ``complete_list``: "What are the priorities / goals / principles / steps of X?" lists every item
  of that kind from the outline, in document order, each with its lead sentence and citation;
  "the last step", "the second principle" gives that one item.
  A question naming a priority ("the Proactive Place goals", "priority 2") lists only its items.
- ``overview``: "Summarise X" gives the document's own statement of purpose, then each priority
  with its one-line description.
- ``themed_list``: "What outcomes do they want for housing?" lists all the outcomes of the one
  priority whose own description matches the topic clearly, or else whose title alone does
  ("homes": "More and Better Quality Homes"); cosines and margins in settings. Words every
  priority uses ("local" in "local businesses") do not choose.
- ``topical_list``: "Which goals address X?" ranks only sections of those kinds, keeps the ones
  that speak of X, groups them by document and priority, names each by its title, and says so
  when a document has none.
Every line quotes a sentence of the passage it cites, so these answers stay extractive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from assistant.answer import Answer, Pick, Scorer, as_sentence, citations, not_found, number, sentences
from assistant.chunking import SEPARATOR, quotable
from assistant.conversation import ASKS_CONTENT, Turn, named_terms, topic_terms
from assistant.keywords import term_set, terms, without_terms
from assistant.outline import Section, bare_title, members
from assistant.retrieval import Passage, Retriever, quotes_title
from assistant.settings import Settings
from assistant.structure import ANY_KIND, CARDINALS, GOAL_LIKE, LINE_KINDS, PRIORITY_NUMBER, cardinal, kind_named

PLURAL = {"priority": "priorities", "goal": "goals", "outcome": "outcomes", "priority_area": "priority areas",
          "action": "commitments", "principle": "principles", "driver": "drivers", "step": "steps", "statistics": "statistics"}
SINGULAR = {"priority": "priority", "goal": "goal", "outcome": "outcome", "priority_area": "priority area",
            "action": "commitment", "principle": "principle", "driver": "driver", "step": "step", "statistics": "statistic"}
NONE_OF = {"statistics": "no statistics page"}  # a document without a statistics page may still give figures elsewhere
_PURPOSE = re.compile(r"\bour (vision|mission|aim|purpose|ambition)\b.*\bis\b|\b(this|the)\b[\w\s]{0,40}\b(plan|vision|strategy) is\b(?! not)", re.I)
BULLET_KINDS = ("outcome", "priority_area", "action")  # kinds a plan states as bullet lists under each priority
# "the seven priorities", "its 4 guiding principles": how many items of a kind the question expects
_COUNTED = re.compile(rf"\b({'|'.join(CARDINALS[1:])}|\d+)\s+(?:main\s+|key\s+|stated\s+)?({ANY_KIND})\b", re.I)
_TITLE_AND_KIND = re.compile(rf"([^.?!,;:]+?)\s+({ANY_KIND})\b", re.I)  # "what is the Good Health goal": the words before a kind


def scope(turn: Turn, retriever: Retriever, settings: Settings) -> list[str]:
    """The documents an answer covers: those the conversation names, or that have the item it
    names by title and kind ("the Good Health goal": the North vision's); else every document of a
    small library, or in a larger one the few whose passages rank highest for the question; of
    those, the ones with as many items as the question counts, if any ("the seven priorities")."""
    if turn.doc_ids:
        return turn.doc_ids
    if not turn.comparison and (items := named_items(f"{turn.earlier} {turn.question}", sorted(retriever.outlines), retriever)):
        return list(items)
    if len(retriever.outlines) <= settings.scope_documents:
        docs = sorted(retriever.outlines)
    else:
        ranked = retriever.find(turn, settings.candidates).passages
        docs = list(dict.fromkeys(p.chunk.doc_id for p in ranked))[: settings.scope_documents]
    return _counting(turn, docs, retriever) or docs


def _counting(turn: Turn, docs: list[str], retriever: Retriever) -> list[str]:
    """The documents with as many items of the asked kind as the question counts ("the seven
    priorities": the plan with seven); none when it counts none, or no document has that many."""
    counted = _COUNTED.search(turn.question) if turn.kind else None
    if not counted or kind_named(counted.group(2)) != turn.kind:
        return []
    n = cardinal(counted.group(1))
    outlines = {d: retriever.outlines.get(d, []) for d in docs}
    return [d for d, outline in outlines.items() if len(items(outline, stated_kind(outline, turn.kind) or turn.kind)) == n]


def anchor(question: str, outline: list[Section], number: int | None = None) -> str | None:
    """The priority a question names: by number ("priority 2", or ``number``: "the second
    priority"), else by every word of its title ("the Proactive Place goals")."""
    titles = _priority_titles(outline)
    asked = PRIORITY_NUMBER.search(question)
    number = number or (int(asked.group(1)) if asked else None)
    if number == -1:  # "the last one"
        return titles[-1] if titles else None
    if number:
        numbered = [t for t in titles if re.search(rf"\bpriority\s+{number}\b", t, re.I)]
        if numbered or not any(PRIORITY_NUMBER.search(t) for t in titles):
            return (numbered or titles[number - 1 : number] or [None])[0]
    words = set(terms(question))
    return next((t for t in titles if (own := _name_words(t)) and own <= words), None)


def named_priority(turn: Turn, outline: list[Section], text: str | None = None) -> str | None:
    """The priority the question (or ``text``: the question as its conversation completed it)
    names, else the one the earlier question named ("What is the first priority?" ... "what are
    its commitments?")."""
    return (anchor(turn.question if text is None else text, outline, turn.priority_number)
            or (anchor(turn.priority_text, outline) if turn.priority_text else None))


def _priority_titles(outline: list[Section]) -> list[str]:
    """The titles of a document's priorities, in reading order."""
    return list(dict.fromkeys(s.priority for s in outline if s.priority))


def _name_words(priority: str) -> set[str]:
    """The topic words of a priority's name ("Proud Place": proud, place)."""
    return set(topic_terms(priority_name(priority)))


def priority_name(title: str) -> str:
    """A priority's title without its number.

    >>> priority_name("Our Priority 4: More and Better Quality Homes"), priority_name("6 Priority 2: Prosperous Place")
    ('More and Better Quality Homes', 'Prosperous Place')
    """
    return re.sub(r"\b(our\s+)?priority\s+\d+:?\s*", "", bare_title(title), flags=re.I).strip()


def items(outline: list[Section], kind: str, priority: str | None = None) -> list[tuple[str, Passage, str]]:
    """(label, passage, sentence) for every item of ``kind`` in reading order. A priority is
    represented by its first section; a group of bullets (a list of outcomes) by each bullet."""
    if kind == "priority":
        firsts = {}
        for s in outline:
            if s.priority and s.priority not in firsts:
                firsts[s.priority] = s
        return [(title, Passage.picked(s.chunks[0]), _lead(s.chunks[0].text)) for title, s in firsts.items()]
    out = []
    for s in members(outline, (kind,), priority):
        if _one_item(s):
            out.append((s.title, Passage.picked(s.chunks[0]), _lead(s.chunks[0].text)))
            continue
        for c in s.chunks:  # a group of bullets: each bullet is an item
            out += [(s.priority or s.title, Passage.picked(c), b) for b in bullets(c.text) if quotable(b)]
    return out


def stated_kind(outline: list[Section], kind: str, priority: str | None = None) -> str | None:
    """The kind a document states ``kind`` as (within ``priority``, if given): itself, except that
    a plan without "goals" states them as the first goal-like kind it has (outcomes, priority
    areas, commitments); None when it has none of them."""
    if kind != "goal":
        return kind
    return next((k for k in GOAL_LIKE if members(outline, (k,), priority)), None)


def bullets(text: str) -> list[str]:
    r"""A group's items: its bullet lines (one item, however many sentences), else its sentences.

    >>> bullets("- Homes are warm. They are cheap.\n- Buses run."), bullets("Homes are warm. Buses run.")
    (['Homes are warm. They are cheap.', 'Buses run.'], ['Homes are warm.', 'Buses run.'])
    >>> bullets("77.6% People in employment\n(age 16-64)\n19,050 Number of businesses")
    ['77.6% People in employment\n(age 16-64)', '19,050 Number of businesses']
    """
    lines = [line.strip()[2:].strip() for line in text.splitlines() if line.strip().startswith(("- ", "• "))]
    out: list[str] = []
    for line in lines or sentences(text):  # "77.6% People in employment" / "(age 16-64)": one item
        if out and line.startswith("("):
            out[-1] = f"{out[-1]}\n{line}"  # kept as written: a citation quotes it line by line
        else:
            out.append(line)
    return out


def anchored(turn: Turn, docs: list[str], retriever: Retriever, text: str | None = None) -> dict[str, str | None]:
    """For each document, the priority the conversation names in it (``named_priority``); when
    it names one, only the documents that have it."""
    anchors = {doc_id: named_priority(turn, retriever.outlines.get(doc_id, []), text) for doc_id in docs}
    return {doc_id: a for doc_id, a in anchors.items() if a} if any(anchors.values()) else anchors


def names_a_priority(turn: Turn, docs: list[str], retriever: Retriever) -> bool:
    """Is the focus only the name of the priority the conversation names ("Which goals are about
    Prosperous Place?")? Then the question asks for all of that priority's items."""
    return any(within and set(turn.focus) <= _name_words(within)
               for within in anchored(turn, docs, retriever).values())


def named_part(turn: Turn, docs: list[str], retriever: Retriever) -> tuple[list[str], tuple[str, list[str]]] | None:
    """The part of the documents a question names to ask what it says: an item by its title and
    kind ("the Good Health goal", "the Skills gaps driver"), else a priority ("the Prosperous
    Place priority", "priority 1 of the West plan"). Returns the documents that have it and the
    part as ``Retriever.find`` takes it, (metadata field, values); None when it names none. A
    follow-up keeps the part its conversation named ("what does it say about jobs?" after "Tell
    me about the Green Growth goal"): it is read from the question completed by the conversation;
    but "tell me more" asks for more than the part says, so it does not."""
    text = turn.query if turn.follow_up and not turn.more else turn.question
    if items := named_items(text, docs, retriever):
        return list(items), ("section", [path for paths in items.values() for path in paths])
    priorities = {doc_id: title for doc_id, title in anchored(turn, docs, retriever, text).items() if title}
    return (list(priorities), ("priority", list(priorities.values()))) if priorities else None


def named_items(text: str, docs: list[str], retriever: Retriever) -> dict[str, list[str]]:
    """For each of ``docs`` that has them, the paths of the items the text names by title, then
    kind ("the Good Health goal", "the Skills gaps driver"; not "the ambitions for town centres").
    A title of one word must be named as "the <title> <kind>", in the kind's own singular word:
    "the Housing goal" names the North's Housing goal; "the housing goals" and "the housing
    target" ask for what is said about housing, and name none."""
    named = [(kind_named(m.group(2)), m.group(2).lower(), m.group(1).lower()) for m in _TITLE_AND_KIND.finditer(text)]
    items = {doc_id: [s.path for s in retriever.outlines.get(doc_id, []) if s.role == "item"
                      and any(kind == s.kind and _names_title(text, before, word, s) for kind, word, before in named)] for doc_id in docs}
    return {doc_id: paths for doc_id, paths in items.items() if paths}


def _names_title(text: str, before: str, kind_word: str, section: Section) -> bool:
    """Does ``text`` name the section by its title, right ``before`` a kind word? A title of two
    words or more is quoted (``quotes_title``); a one-word title needs "the <title>" and the kind's
    own singular word.

    >>> housing = Section("north", "6 Priority 2: Prosperous Place > 6.2 Priority Goals > Housing", "goal", "item", "6 Priority 2: Prosperous Place")
    >>> _names_title("", "what does the housing", "goal", housing), _names_title("", "what are the housing", "goals", housing)
    (True, False)
    >>> _names_title("", "what is the housing", "target", housing), _names_title("", "what is affordable housing", "goal", housing)
    (False, False)
    """
    title = bare_title(section.title).lower()
    if len(terms(title)) > 1:
        return before.endswith(title) and quotes_title(text, section.title)
    return kind_word == section.kind and re.search(rf"\bthe {re.escape(title)}$", before) is not None


def complete_list(turn: Turn, docs: list[str], retriever: Retriever, settings: Settings) -> Answer | None:
    """Every item of the asked kind, per document, grouped under their priorities; a document
    without one says so in a line of its own. A plan without "goals" is said to have none, and
    its goals are the first goal-like kind it has: "One West Northamptonshire has no goals; it
    sets out 49 outcomes:". None when no document has one (``without_kind`` then says so)."""
    lines, picks = [], []
    for doc_id, within in anchored(turn, docs, retriever).items():
        outline = retriever.outlines.get(doc_id, [])
        kind = stated_kind(outline, turn.kind, within) or turn.kind
        found = items(outline, kind, within)
        title = retriever.documents[doc_id].title
        if not found and not within:
            lines.append(f"{title}: {_none_of(turn.kind)}.")
            continue
        # "the last step": that one, in a document that names items of that kind
        n = turn.item_number if kind == turn.kind else None
        n = len(found) + 1 + n if n and n < 0 else n
        if n and 1 <= n <= len(found):
            lines.append(f"{title} — {SINGULAR[turn.kind]} {n} of {len(found)}:")
            _add_items(found[n - 1 : n], lines, picks)
            continue
        if not found:
            continue
        shown = found[: settings.structure_items]
        only = "only " if n else ""  # "the fifth principle" of four: all four
        count = _count(len(found), kind) + (f", the first {len(shown)} shown" if len(shown) < len(found) else "")
        if kind != turn.kind:  # "the goals" of a plan that sets out outcomes
            lines.append(f"{title} has no {PLURAL[turn.kind]}; it sets out {count}:")
        else:
            lines.append(f"{title} — {only}{count}:")
        _add_grouped(shown, lines, picks)
    if not picks:
        return None
    return _listed(turn, lines, picks, settings, "list")


def _add_grouped(found: list[tuple[str, Passage, str]], lines: list, picks: list[Pick]) -> None:
    """Items labelled by the group they sit under (bullets of a list of outcomes, by their priority;
    lines of a statistics page, by its heading) go under a line naming it, once; items with names
    of their own (goals, steps), or one to a priority (the priorities themselves), keep their labels."""
    labels = [label for label, _, _ in found]
    if len(set(labels)) == len(labels):
        _add_items(found, lines, picks)
        return
    under = None
    for label, passage, sentence in found:
        if label != under:
            lines.append(f"{label}:")
            under = label
        _add_items([("", passage, sentence)], lines, picks)


def without_kind(answer: Answer, turn: Turn, docs: list[str], retriever: Retriever) -> Answer:
    """A structural question about a kind of section no document in ``docs`` has ("the principles
    of the North vision"): the answer (a fact answer, or "not found") opens by saying so, and with
    what the document has instead, so its quotes are not read as the items asked for.

    The note for a document with 8 drivers, 3 priorities, 25 goals and 4 steps (in its reading
    order), asked for its principles: "North Northamptonshire Vision 2050 (BIG50) has no
    principles; it has 8 drivers, 3 priorities, 25 goals and 4 steps." """
    notes = []
    for doc_id in docs:
        outline = retriever.outlines.get(doc_id, [])
        has = [_count(len(items(outline, kind)), kind) for kind in dict.fromkeys(s.kind for s in outline) if kind in PLURAL]
        instead = f"; it has {', '.join(has[:-1])} and {has[-1]}" if len(has) > 1 else f"; it has {has[0]}" if has else ""
        notes.append(f"{retriever.documents[doc_id].title} has {_none_of(turn.kind)}{instead}.")
    return replace(answer, answer="\n".join(notes + [answer.answer]))


def without_part(turn: Turn, part: tuple[list[str], tuple[str, list[str]]]) -> Turn | None:
    """The question without the name of the part it named, over the part's documents: what the
    rest of them says ("What does the Green Growth goal say about jobs?": jobs, in the North
    vision); None when nothing else was asked."""
    named = set(terms(" ".join(part[1][1])))
    topic = [t for t in turn.topic if t not in named]
    return replace(turn, question=without_terms(turn.question, named), query=without_terms(turn.query, named), topic=topic,
                   doc_ids=turn.doc_ids or part[0], vector=None) if topic else None


def elsewhere(within: Answer, outside: Answer, part: tuple[list[str], tuple[str, list[str]]], turn: Turn,
              retriever: Retriever) -> Answer:
    """A question about a named part that the part does not answer ("What does the Green Growth
    goal say about jobs?"): when the document answers it outside the part, that answer as the
    closest one (the question, about the part, is not answered), opening by saying the part does
    not speak of it; otherwise the part's own "not found"."""
    if not outside.found:
        return within
    topic = set(turn.topic) - ASKS_CONTENT  # "What does the Good Health goal offer older people?": older people
    asked = " ".join(w for w in turn.topic_text.split() if set(terms(w)) & topic) or "this"
    where = " and ".join(retriever.documents[d].title for d in turn.doc_ids) or "the documents"
    verb = "do" if len(part[1][1]) > 1 else "does"
    return replace(outside, answer=f"{part_label(part, retriever)} {verb} not speak of {asked}; elsewhere in {where}:\n{outside.answer}",
                   found=False, kind="closest")


def part_label(part: tuple[list[str], tuple[str, list[str]]], retriever: Retriever) -> str:
    """What a reader calls a named part: "The Green Growth goal", "Priority 2: Prosperous Place"."""
    docs, (field, values) = part
    if field == "priority":
        return " and ".join(dict.fromkeys(bare_title(v) for v in values))
    kinds = {s.path: s.kind for doc_id in docs for s in retriever.outlines.get(doc_id, []) if s.path in values}
    named = [f"{bare_title(path.rsplit(SEPARATOR, 1)[-1])} {SINGULAR.get(kinds.get(path, ''), 'section')}" for path in values]
    return "The " + " and the ".join(dict.fromkeys(named))


def overview(turn: Turn, docs: list[str], retriever: Retriever, settings: Settings) -> Answer | None:
    lines, picks = [], []
    for doc_id in docs:
        outline = retriever.outlines.get(doc_id, [])
        purpose = _purpose(outline)
        priorities = items(outline, "priority")
        if not purpose and not priorities:
            continue
        lines.append(f"{retriever.documents[doc_id].title}:")
        if purpose:
            picks.append(purpose)
            lines.append(("", purpose))
        if priorities:
            lines.append(f"Its {len(priorities)} priorities:")
        _add_items(priorities, lines, picks)
    if not picks:
        return None
    return _listed(turn, lines, picks, settings, "overview")


def one_priority(turn: Turn, docs: list[str], retriever: Retriever, settings: Settings) -> Answer | None:
    """ "What is priority 6?", "Tell me about the Proud Place priority", "the third one" (after
    the list of priorities): that priority's lead sentence, then its goals (or, in a plan without
    goals, its outcomes, priority areas or commitments: the first it has). None when the question
    names no priority, or asks about more than the priority's name."""
    lines, picks = [], []
    for doc_id in docs:
        outline = retriever.outlines.get(doc_id, [])
        within = named_priority(turn, outline)
        if not within or not (set(turn.topic) <= _name_words(within) or (turn.priority_number and _names_a_priority(turn.topic, outline))):
            continue  # "and the second priority?" after the Proud Place one: the second, not Proud Place's words
        lines.append(f"{retriever.documents[doc_id].title}:")
        _add_items([(bare_title(t), p, s) for t, p, s in items(outline, "priority") if t == within], lines, picks)
        kind = stated_kind(outline, "goal", within)
        found = items(outline, kind, within)[: settings.structure_items] if kind else []
        if found:
            lines.append(f"Its {_count(len(found), kind)}:")
            _add_items([(label if label != within else "", p, s) for label, p, s in found], lines, picks)
    return _listed(turn, lines, picks, settings, "list") if picks else None


def _names_a_priority(topic: list[str], outline: list[Section]) -> bool:
    """Are the topic's words all words of one priority's name?"""
    return bool(topic) and any(set(topic) <= _name_words(t) for t in _priority_titles(outline))


def themed_list(turn: Turn, docs: list[str], retriever: Retriever, settings: Settings) -> Answer | None:
    """ "What outcomes do they want for housing?": when the topic is clearly one priority's theme,
    the complete list of that priority's outcomes (or priority areas, or commitments)."""
    if turn.kind not in BULLET_KINDS or len(docs) != 1:
        return None
    doc_id = docs[0]
    outline = retriever.outlines.get(doc_id, [])
    focus = _without_common_words(turn.focus_text, outline)
    topic = Turn(focus, focus)
    described: dict[str, float] = {}  # each priority's best description passage
    for p in retriever.find(topic, settings.candidates, [doc_id], ("priority",)).passages:
        described[p.chunk.priority] = max(described.get(p.chunk.priority, 0.0), p.similarity)
    theme = _clear_winner(described, settings.theme_similarity, settings.theme_margin)
    if not theme:  # the descriptions do not decide: does one priority's title name the topic?
        titles = _priority_titles(outline)
        titled = {t: float(np.dot(topic.vector, retriever.label_vector(priority_name(t)))) for t in titles}
        theme = _clear_winner(titled, settings.theme_title_similarity, settings.theme_title_margin)
    if not theme:
        return None
    found = items(outline, turn.kind, theme)[: settings.structure_items]
    if not found:
        return None
    lines, picks = [f"{retriever.documents[doc_id].title} — {PLURAL[turn.kind]} under {theme}:"], []
    _add_items([("", passage, sentence) for _, passage, sentence in found], lines, picks)
    return _listed(turn, lines, picks, settings, "list")


def _without_common_words(text: str, outline: list[Section]) -> str:
    """The text without the words every priority of the outline uses: they cannot tell one
    priority's theme from another's ("local" in "local economy", when each priority speaks of
    local things). The text as it is when it has no other word.

    >>> from assistant.chunking import Chunk
    >>> def section(priority, text):
    ...     return Section("d", priority, "outcome", "group", priority, [Chunk("c", "d", "D", priority, None, 0, 1, text)])
    >>> outline = [section("1 Jobs", "Local firms grow."), section("2 Homes", "Local homes are built.")]
    >>> _without_common_words("local economy", outline), _without_common_words("local", outline), _without_common_words("local homes", [])
    ('economy', 'local', 'local homes')
    """
    used: dict[str, set[str]] = {}
    for s in outline:
        if s.priority:
            used.setdefault(s.priority, set()).update(*(term_set(c.text) for c in s.chunks))
    common = set.intersection(*used.values()) if len(used) > 1 else set()
    rest = without_terms(text, common)
    return rest if terms(rest) else text


def _clear_winner(scores: dict[str, float], floor: float, margin: float) -> str | None:
    """The key with the highest score, when it reaches ``floor`` and leads the next by ``margin``.

    >>> _clear_winner({"a": 0.7, "b": 0.4}, 0.6, 0.2), _clear_winner({"a": 0.7, "b": 0.6}, 0.6, 0.2)
    ('a', None)
    """
    ranked = sorted(scores.items(), key=lambda kv: -kv[1]) + [("", 0.0)]
    (best, first), (_, second) = ranked[0], ranked[1]
    return best if best and first >= floor and first - second >= margin else None


@dataclass
class _Item:
    """One goal, outcome (a bullet), priority area or priority, scored against a focus."""

    label: str
    passage: Passage
    quote: str  # what the list line quotes: a bullet whole, else the sentence closest to the focus
    similarity: float  # cosine of its sentence closest to the focus
    share: float  # share of the focus's words it holds


def topical_list(turn: Turn, docs: list[str], retriever: Retriever, settings: Settings) -> Answer:
    """Items of the asked kinds that speak of the turn's focus, grouped by document and priority,
    the closest first. Every goal, outcome or priority area is judged on its own (each bullet of a
    list of outcomes is one item; a priority is all of its text): see ``_speaking``. A document
    with no such item says so."""
    kinds = GOAL_LIKE if turn.kind == "goal" else (turn.kind,)
    focus = turn.focus_text
    scorer = Scorer.for_question(focus, focus, retriever.keywords, settings)
    # a focus with a word the library never uses ("domestic abuse", "affordable flats") is only half named by an item
    # holding its other words: "Gross Domestic Product" does not speak of it, "affordable homes" does (closer in meaning)
    named_floor = 0.0 if all(retriever.uses(t) for t in named_terms(turn.focus)) else settings.list_half_named_similarity
    vector = retriever.embeddings.embed_query(focus)  # not ``label_vector``: its cache keeps every label, and topics are the user's words
    groups, nearest = [], []
    for doc_id, within in anchored(turn, docs, retriever).items():
        outline = retriever.outlines.get(doc_id, [])
        own = kinds if turn.kind not in GOAL_LIKE or any(s.kind in kinds for s in outline) else GOAL_LIKE  # no "outcomes": its goals
        scored = _scored_items(outline, own, within, vector, scorer, retriever)
        nearest += [i.passage for i in sorted(scored, key=lambda i: -i.similarity)[:1]]
        groups.append((doc_id, _speaking(scored, settings, named_floor)))
    if not any(kept for _, kept in groups):
        wanted = PLURAL.get(turn.kind, "sections")
        return not_found(turn.question, nearest, turn.doc_ids, {"support": 0.0},
                         settings, f"No {wanted} in the documents speak of {focus}. The nearest passages are listed below.")
    groups.sort(key=lambda g: -max((i.similarity for i in g[1]), default=-1.0))
    lines, picks = [], []
    for doc_id, kept in groups:
        title = retriever.documents[doc_id].title
        if not kept:
            lines.append(f"{title}: no {SINGULAR.get(turn.kind, 'section')} found about {focus}.")
            continue
        lines.append(f"{title}:")
        _add_items([(i.label, i.passage, i.quote) for i in _by_priority(kept)], lines, picks)
    return _listed(turn, lines, picks, settings, "list")


def _scored_items(outline: list[Section], kinds: tuple[str, ...], within: str | None, vector: list[float],
                  scorer: Scorer, retriever: Retriever) -> list[_Item]:
    """Every item of ``kinds`` (under the priority ``within``, if given) in reading order, scored."""
    priorities = kinds == ("priority",)
    # (label, chunk, text, key): the parts with one key make one item (a priority's chunks; a goal or a
    # driver written over several chunks); each bullet of a list of outcomes is an item of its own
    if priorities:
        parts = [(bare_title(s.priority), c, c.text, s.priority) for s in outline if s.priority and s.priority == (within or s.priority)
                 for c in s.chunks]
    else:
        parts = [(_label(c), c, text, s.path if _one_item(s) else f"{c.id} {text}") for kind in kinds
                 for s in members(outline, (kind,), within) for c in s.chunks
                 for text in ([c.text] if _one_item(s) else [b for b in bullets(c.text) if quotable(b)])]
    chunks = list({c.id: c for _, c, _, _ in parts}.values())
    similarities = retriever.index.sentence_similarities(vector, chunks)
    by_sentence = {c.id: {s: similarities.get(c.id, {}).get(n, 0.0) for n, s in enumerate(sentences(c.text))} for c in chunks}
    # a priority is also as close as its title ("homes": "More and Better Quality Homes")
    titles = dict.fromkeys(label for label, _, _, _ in parts) if priorities else {}
    titled = {label: float(np.dot(vector, retriever.label_vector(priority_name(label)))) for label in titles}
    scored: dict[str, _Item] = {}
    for label, chunk, text, key in sorted(parts, key=lambda part: part[1].start):
        own = [s for s in sentences(text) if quotable(s)] or [text]
        similarity, sentence = max((by_sentence[chunk.id].get(s, 0.0), s) for s in own)
        similarity = max(similarity, titled.get(label, 0.0))
        bullet = chunk.role != "item" and not priorities
        item = _Item(label, Passage.picked(chunk), text if bullet else sentence, similarity, scorer.share(text, chunk.section))
        if key in scored:  # the item's closest sentence so far, with the most of the focus's words
            item, other = sorted([scored[key], item], key=lambda i: -i.similarity)
            item.share = max(item.share, other.share)
        scored[key] = item
    return list(scored.values())


def _speaking(items: list[_Item], settings: Settings, named_floor: float = 0.0) -> list[_Item]:
    """The items that speak of the focus, at most ``list_items``, the closest first.

    - By name: the item uses a word of the focus, unless it is far less close in meaning than
      the closest such item (``list_passing``: "transport" named in passing in a list of what
      healthy lives need) or than ``named_floor`` (the focus is only half named: see
      ``topical_list``). So does an item very close in meaning (``list_item_similarity``).
    - By meaning: when the ranked similarities drop clearly (``list_break``), the items above
      the largest drop. "children" ranks two goals at 0.46 and 0.41, then the rest from 0.30
      down ("Every child gets an excellent education" never says "children"); a flat ranking
      has no such drop. This counts only where the closest item reaches ``list_topic_similarity``.

    >>> s = Settings(list_item_similarity=0.5, list_topic_similarity=0.4, list_passing=0.1, list_break=0.05, list_items=8)
    >>> [i.label for i in _speaking([_Item("a", None, "", 0.45, 1.0), _Item("b", None, "", 0.41, 0.0),
    ...                              _Item("c", None, "", 0.2, 1.0), _Item("d", None, "", 0.3, 0.0)], s)]
    ['a', 'b']
    >>> [i.label for i in _speaking([_Item("a", None, "", 0.33, 1.0), _Item("b", None, "", 0.32, 0.0), _Item("d", None, "", 0.31, 0.0)], s)]
    ['a']
    >>> [i.label for i in _speaking([_Item("a", None, "", 0.42, 0.0), _Item("b", None, "", 0.34, 0.0)], s)], _speaking([_Item("b", None, "", 0.38, 0.0)], s)
    (['a'], [])
    >>> [[i.label for i in _speaking([_Item("a", None, "", 0.33, 1.0)], s, floor)] for floor in (0.0, 0.35)]
    [['a'], []]
    """
    named = [i for i in items if i.share > 0 and i.similarity >= named_floor]
    closest_named = max((i.similarity for i in named), default=0.0)
    anchors = [i for i in named if i.similarity >= closest_named - settings.list_passing]
    anchors += [i for i in items if i.similarity >= settings.list_item_similarity]
    ranked = sorted(items, key=lambda i: -i.similarity)[: settings.list_items + 1]
    above = []
    if ranked and ranked[0].similarity >= settings.list_topic_similarity:
        drop, at = max(((a.similarity - b.similarity, n) for n, (a, b) in enumerate(zip(ranked, ranked[1:]))), default=(0.0, 0))
        above = ranked[: at + 1] if drop >= settings.list_break else []
    return sorted({id(i): i for i in above + anchors}.values(), key=lambda i: -i.similarity)[: settings.list_items]


def _by_priority(kept: list[_Item]) -> list[_Item]:
    """Items grouped by their priority, the group of the closest item first (each group keeps its order)."""
    order = list(dict.fromkeys(i.passage.chunk.priority for i in kept))
    return sorted(kept, key=lambda i: order.index(i.passage.chunk.priority))


def _none_of(kind: str) -> str:
    """ "no principles", "no statistics page"."""
    return NONE_OF.get(kind, f"no {PLURAL[kind]}")


def _count(n: int, kind: str) -> str:
    """ "7 priorities", "1 step"."""
    return f"{n} {PLURAL[kind] if n != 1 else SINGULAR[kind]}"


def _add_items(found: list[tuple[str, Passage, str]], lines: list, picks: list[Pick]) -> None:
    """Each (label, passage, sentence) becomes a pick and a list line."""
    for label, passage, sentence in found:
        picks.append(Pick(passage, sentence))
        lines.append((label, picks[-1]))


def _listed(turn: Turn, lines: list, picks: list[Pick], settings: Settings, kind: str) -> Answer:
    """Number the picks in order, then write each (label, pick) line as "• label — sentence [n]"."""
    number(picks)
    text = []
    for line in lines:
        if isinstance(line, str):
            text.append(line)
        else:
            label, pick = line
            text.append(f"• {label + ' — ' if label else ''}{as_sentence(pick.sentence)} [{pick.n}]")
    return Answer(turn.question, "\n".join(text), True, citations(picks, settings.max_quote_chars), kind, turn.doc_ids)


def _one_item(section: Section) -> bool:
    """Is the section one item (a goal, a step), or a group whose bullets or lines are its items?"""
    return section.role == "item" and section.kind not in LINE_KINDS


def _lead(text: str) -> str:
    return next((s for s in sentences(text) if quotable(s)), text)


def _purpose(outline: list[Section]) -> Pick | None:
    """The document's own statement of what it is for: the first "Our vision is / This plan is"
    sentence of its vision or introduction sections, else the first sentence of the first one."""
    candidates = [s for s in outline if s.kind == "vision"] + [s for s in outline if s.kind == "introduction"]
    for s in candidates:
        for c in s.chunks:
            for sentence in sentences(c.text):
                if _PURPOSE.search(sentence):
                    return Pick(Passage.picked(c), sentence)
    return Pick(Passage.picked(candidates[0].chunks[0]), _lead(candidates[0].chunks[0].text)) if candidates else None


def _label(chunk) -> str:
    """A goal's name: its own title, with the priority it serves; a bullet's: its group and priority."""
    own = chunk.heading if chunk.role == "item" else SINGULAR.get(chunk.kind, chunk.heading)
    priority = bare_title(chunk.priority)
    return f"{own[:1].upper()}{own[1:]} ({priority})" if priority and priority != own else own
