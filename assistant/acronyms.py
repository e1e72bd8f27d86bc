"""Acronyms: the ones the documents spell out, and questions that ask what one stands for.

A plan writes an acronym out once, "our Local Area Partnerships (LAPs)", and then uses it
bare. A new partner asks "What does LAP stand for?"; the answer is that sentence, quoted.
An acronym the documents use but never spell out ("ONS") is said to be so, with the passages
that use it: the answer never guesses an expansion.

>>> spelled_out("demand on our multi-agency safeguarding hub (MASH) and Local Area Partnerships (LAPs).")
{'MASH': 'multi-agency safeguarding hub', 'LAP': 'Local Area Partnerships'}
>>> spelled_out("boosting our GVA (gross value added)."), spelled_out("the NHS (see page 4)")
({'GVA': 'gross value added'}, {})
>>> asked("What does LAP stand for?"), asked("what's SEND?"), asked("What is a hub?")
((['LAP'], True), (['SEND'], True), ([], False))
>>> asked("what do laps stand for")  # small letters: only candidates, to be found spelled out
(['LAPS', 'LAP'], False)
"""

from __future__ import annotations

import re

from assistant.answer import Answer, Pick, as_sentence, citations, not_found, number, sentences
from assistant.keywords import STOP_WORDS
from assistant.retrieval import Passage, Retriever
from assistant.settings import Settings

# "(LAPs)", "(SEND)", "(AI)": two to eight letters, capitals first, an optional plural "s"
_IN_BRACKETS = re.compile(r"\(([A-Z][A-Z&]{1,7})s?\)")
# "GVA (gross value added)": the acronym first, its words in the brackets after it
_BEFORE_BRACKETS = re.compile(r"\b([A-Z][A-Z&]{1,7})s?\s+\(([^()]{3,80})\)")
# words an expansion may hold that its acronym skips: "needs and disabilities (SEND)"
_SKIPPED = frozenset("and of for the in on to &".split())
# "What does X stand for / mean?", "What is X short for?", "meaning of X", "define X": any case
_STAND_FOR = re.compile(r"\b(stands?|stood|short|abbreviation|acronym|expand|expansion|meaning|define|definition)\b"
                        r"|\bwhat (do|does) (?:an? |the )?\w+ mean\b", re.I)
_ASKING = frozenset("stand stands stood short mean means meant abbreviation acronym expand expansion meaning define definition".split())
# "What is (a / the) X?", "What are X?", "what's X": only an acronym written in capitals
_WHAT_IS = re.compile(r"^\s*(?i:what|who)(?:'s|’s| is| are| was)\s+(?:an? |the )?([A-Z][A-Z&]{1,7})s?\s*\??\s*$")
_CAPITALS = re.compile(r"\b([A-Z][A-Z&]{1,7})s?\b")
# "what does that stand for?", "and what does it mean?": the acronym asked about before (not "what does it mean for families?")
_IT_STANDS_FOR = re.compile(r"\b(it|that|this|those|these|they)\s+(stands?\s+for|short\s+for|means?)\W*$", re.I)


def spelled_out(text: str) -> dict[str, str]:
    """Each acronym the text spells out, with its expansion as written: the words just before the
    brackets whose initials give its letters (hyphenated words count each part; "and", "of" ...
    may be skipped). Brackets that do not follow their words are no definition."""
    found = {}
    for match in _IN_BRACKETS.finditer(text):
        short = match.group(1)
        words = re.split(r"[\s\-]+", text[: match.start()].strip())
        letters, start = short.replace("&", ""), len(words)
        for i in range(len(words) - 1, -1, -1):
            if not letters:
                break
            word = words[i].strip("“”\"'‘’,;:")
            if word[:1].lower() == letters[-1].lower():
                letters, start = letters[:-1], i
            elif word.lower() not in _SKIPPED:
                break
        if not letters:
            found[short] = _expansion(text[: match.start()], len(words) - start)
    for match in _BEFORE_BRACKETS.finditer(text):  # "our GVA (gross value added)": the words follow
        short, expansion = match.group(1), match.group(2).strip()
        initials = [w[0] for w in re.split(r"[\s\-]+", expansion) if w and w.lower() not in _SKIPPED]
        if "".join(initials).lower() == short.replace("&", "").lower():
            found.setdefault(short, expansion)
    return found


def _expansion(before: str, n_words: int) -> str:
    """The last ``n_words`` words (hyphen parts counted apart) of ``before``, as written."""
    parts = re.findall(r"[^\s\-]+[\s\-]*", before.rstrip())
    return "".join(parts[-n_words:]).strip()


def asked(question: str, earlier: str = "") -> tuple[list[str], bool]:
    """The acronyms a question may ask to have spelled out, upper-cased, and whether it wrote them
    in capitals. Words in small letters ("what does lap stand for") are only candidates: they
    count when a document spells them out. "What does that stand for?" asks for the acronyms of
    the ``earlier`` questions of its conversation, the latest first.

    >>> asked("what does that stand for?", "What is said about SEND and MASH?")
    (['MASH', 'SEND'], True)
    >>> "SEND" in asked("what does it mean for families?", "What is said about SEND?")[0]
    False
    """
    short = _WHAT_IS.match(question)
    if short:
        return [short.group(1)], True
    if not _STAND_FOR.search(question):
        return [], False
    capitals = _CAPITALS.findall(question)
    if capitals:
        return capitals, True
    if _IT_STANDS_FOR.search(question) and (before := _CAPITALS.findall(earlier)):
        return before[::-1], True
    words = [w for w in re.findall(r"[a-z&]{2,8}", question.lower()) if w not in STOP_WORDS | _ASKING]
    return [form.upper() for w in words for form in ([w, w[:-1]] if w.endswith("s") else [w])], False


def definition(question: str, doc_ids: list[str], retriever: Retriever, settings: Settings, earlier: str = "") -> Answer | None:
    """The answer to "What does X stand for?": the sentences of ``doc_ids`` (all documents when
    empty) that spell X out, each quoted; when they only use X (written in capitals in the
    question), "not spelled out" with the passages that use it. None when the question asks for
    no acronym or no document uses it. ``earlier``: the conversation's earlier questions."""
    candidates, in_capitals = asked(question, earlier)
    if not candidates:  # most questions: nothing to read
        return None
    chunks = [c for d in (doc_ids or sorted(retriever.reading_order)) for c in retriever.reading_order.get(d, [])]
    spelled: dict[str, dict[str, tuple[str, Pick]]] = {}  # candidate -> its expansions (lower case) -> (as written, sentence)
    for chunk in (c for c in chunks if "(" in c.text):
        for sentence in sentences(chunk.text):
            for short, expansion in spelled_out(sentence).items():
                if short in candidates:
                    spelled.setdefault(short, {}).setdefault(expansion.lower(), (expansion, Pick(Passage.picked(chunk), sentence)))
    for short in (c for c in candidates if c in spelled):
        expansions, picks = zip(*spelled[short].values())
        number(list(picks))
        text = "\n".join([f"{short}: {' / '.join(expansions)}, as the documents spell it out:"]
                         + [f"{as_sentence(p.sentence)} [{p.n}]" for p in picks])
        return Answer(question, text, True, citations(list(picks), settings.max_quote_chars), "fact", doc_ids)
    for short in candidates if in_capitals else []:
        using = [Passage.picked(c) for c in chunks if re.search(rf"\b{re.escape(short)}s?\b", c.text)]
        if using:
            text = f"The documents use “{short}” but do not spell it out. The passages that use it are listed below."
            return not_found(question, using, doc_ids, {}, settings, text)
    return None
