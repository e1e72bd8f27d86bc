"""Turn retrieved passages into a short answer in which every sentence cites its passage.

The answer is extractive: it only repeats sentences of the documents, so it cannot state what no
passage says. Three shapes:
- a fact answer: the best supporting sentences, best passage first, each ending with [n];
- a list answer for "which goals / priorities / outcomes ..." questions: one item per matching
  passage, grouped by document, each labelled with its goal (section heading);
- "not found" when the evidence is weak: the best passage is not similar enough to the question,
  or the passages lack most of the question's distinctive words. The nearest passages are still
  shown, and no sentence is claimed as an answer.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from assistant.chunking import SEPARATOR
from assistant.cleaning import BULLET
from assistant.keywords import QUESTION_WORDS, KeywordIndex, terms
from assistant.retrieval import Passage, Retrieval
from assistant.settings import Settings

NOT_FOUND = "The documents do not appear to answer this question. The nearest passages are listed below in case they help."
_LIST_QUESTION = re.compile(
    r"\b(which|what|list|name)\b.*\b(goals?|priorities|priority areas|objectives|aims|outcomes|ambitions|"
    r"principles|themes|commitments|actions|steps)\b",
    re.I,
)
_NUMBER_QUESTION = re.compile(
    r"^\s*(when|how (many|much|big|large|old|long|fast)|what (year|date|percentage|proportion|share|number|amount|figure))\b", re.I
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(£])|\n")


@dataclass
class Citation:
    n: int
    doc_id: str
    title: str
    section: str
    page: int | None
    text: str  # the quoted passage
    quote: str  # the sentence(s) of the passage that the answer uses ("" when none)
    score: float
    chunk_id: str
    start: int
    end: int


@dataclass
class Answer:
    question: str
    answer: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    kind: str = "fact"  # fact | list | not_found
    scope: list[str] = field(default_factory=list)
    evidence: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Pick:
    passage: Passage
    sentence: str
    n: int = 0


def sentences(text: str) -> list[str]:
    """Split a passage into sentences and list items (bullet marks removed).

    >>> sentences("Buses run. Trains too.\\n- More trains")
    ['Buses run.', 'Trains too.', 'More trains']
    """
    parts = (s.strip() for s in _SENTENCE.split(text))
    return [p[len(BULLET):] if p.startswith(BULLET) else p for p in parts if p]


def is_list_question(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question))


class Answerer:
    def __init__(self, settings: Settings):
        self.settings = settings

    def answer(self, question: str, retrieval: Retrieval, keywords: KeywordIndex) -> Answer:
        weights = {t: max(keywords.idf(t), 0.1) for t in set(terms(retrieval.query)) - QUESTION_WORDS}
        evidence = self.evidence(retrieval, weights)
        if not retrieval.passages or not self.is_supported(evidence):
            return self._not_found(question, retrieval, evidence)
        scorer = _Scorer(weights, bool(_NUMBER_QUESTION.search(question)))
        if is_list_question(retrieval.query):
            picks = self._list_picks(retrieval.passages, scorer)
            text = self._list_text(picks)
            kind = "list"
        else:
            picks = self._fact_picks(retrieval.passages, scorer)
            text = " ".join(f"{_as_sentence(p.sentence)} [{p.n}]" for p in picks)
            kind = "fact"
        citations = _citations(picks, self.settings.max_quote_chars)
        return Answer(question, text, True, citations, kind, retrieval.doc_ids, evidence)

    # --- is there an answer at all? ---------------------------------------------------------
    def evidence(self, retrieval: Retrieval, weights: dict[str, float]) -> dict:
        """Two signals: how similar the best passage is, and how much of the question's
        weight (IDF of its words) the top passages contain."""
        top = retrieval.passages[:3]
        similarity = max((p.similarity for p in top), default=0.0)
        present = set().union(*(terms(p.chunk.indexed_text) for p in top)) if top else set()
        total = sum(weights.values())
        coverage = sum(w for t, w in weights.items() if t in present) / total if total else 0.0
        return {"similarity": round(similarity, 4), "coverage": round(coverage, 4)}

    def is_supported(self, evidence: dict) -> bool:
        s = self.settings
        return evidence["similarity"] >= s.min_dense_similarity and evidence["coverage"] >= s.min_term_coverage

    # --- picking sentences -----------------------------------------------------------------
    def _fact_picks(self, passages: list[Passage], scorer: _Scorer) -> list[_Pick]:
        best = [scorer.best(p) for p in passages]
        picks = [best[0]]  # the best passage always speaks first
        top_score = scorer.score(best[0].sentence)
        for pick in best[1:]:
            if len(picks) >= self.settings.answer_sentences:
                break
            if top_score and scorer.score(pick.sentence) >= 0.6 * top_score:
                picks.append(pick)
        return _number(picks)

    def _list_picks(self, passages: list[Passage], scorer: _Scorer) -> list[_Pick]:
        best = [scorer.best(p) for p in passages]
        keep = [b for b in best if scorer.score(b.sentence) > 0 or b.passage.similarity >= self.settings.min_dense_similarity]
        keep = keep[: self.settings.list_items] or best[:1]
        order = list(dict.fromkeys(p.passage.chunk.doc_id for p in keep))
        return _number(sorted(keep, key=lambda p: order.index(p.passage.chunk.doc_id)))

    @staticmethod
    def _list_text(picks: list[_Pick]) -> str:
        lines, title = [], None
        for p in picks:
            if p.passage.chunk.title != title:
                title = p.passage.chunk.title
                lines.append(f"{title}:")
            lines.append(f"• {_goal_label(p.passage.chunk.section)}: {_as_sentence(p.sentence)} [{p.n}]")
        return "\n".join(lines)

    def _not_found(self, question: str, retrieval: Retrieval, evidence: dict) -> Answer:
        picks = _number([_Pick(p, "") for p in retrieval.passages[:3]])
        return Answer(question, NOT_FOUND, False, _citations(picks, self.settings.max_quote_chars), "not_found", retrieval.doc_ids, evidence)


@dataclass
class _Scorer:
    """Scores sentences for one question: the question weight (IDF) of the words they share."""

    weights: dict[str, float]
    wants_number: bool  # a "when / how many" question also wants a figure

    def score(self, sentence: str) -> float:
        words = set(terms(sentence))
        shared = sum(w for t, w in self.weights.items() if t in words)
        bonus = 0.5 * sum(self.weights.values()) if self.wants_number and re.search(r"\d", sentence) else 0.0
        return shared + bonus

    def best(self, passage: Passage) -> _Pick:
        """The passage's best sentence; among equals the shorter, then the earlier one."""
        candidates = [s for s in sentences(passage.chunk.text) if not s.endswith(":")] or [passage.chunk.text]
        scored = [(self.score(s), -len(s.split()), -i, s) for i, s in enumerate(candidates)]
        return _Pick(passage, max(scored)[3])


def _number(picks: list[_Pick]) -> list[_Pick]:
    """Give each distinct passage a citation number in order of first use."""
    numbers: dict[str, int] = {}
    for p in picks:
        p.n = numbers.setdefault(p.passage.chunk.id, len(numbers) + 1)
    return picks


def _citations(picks: list[_Pick], max_chars: int) -> list[Citation]:
    out: dict[int, Citation] = {}
    for p in picks:
        c = p.passage.chunk
        if p.n in out:
            out[p.n].quote = f"{out[p.n].quote} {p.sentence}".strip()
            continue
        out[p.n] = Citation(p.n, c.doc_id, c.title, c.section, c.page, _excerpt(c.text, p.sentence, max_chars),
                            p.sentence, round(p.passage.score, 6), c.id, c.start, c.end)
    return list(out.values())


def _excerpt(text: str, sentence: str, max_chars: int) -> str:
    """The passage, or a window of it around ``sentence`` when it is longer than ``max_chars``."""
    if len(text) <= max_chars:
        return text
    at = max(text.find(sentence), 0)
    start = max(0, min(at - (max_chars - len(sentence)) // 2, len(text) - max_chars))
    window = text[start : start + max_chars]
    return ("…" if start else "") + window.strip() + ("…" if start + max_chars < len(text) else "")


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if re.search(r"[.!?…]$", text) else text + "."


def _goal_label(section: str) -> str:
    """A goal's short name: its heading, or its top-level section when the heading is generic."""
    parts = section.split(SEPARATOR)
    return parts[-1] if len(parts[-1].split()) <= 5 else parts[0]
