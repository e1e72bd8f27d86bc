"""Turn retrieved passages into a short answer in which every sentence cites its passage.

The answer is extractive: it only repeats sentences of the documents, so it cannot state what no
passage says. Three shapes:
- a fact answer: the best supporting sentences, best passage first, each ending with [n];
- a list answer for "which goals / priorities / outcomes ..." questions: one item per matching
  passage, grouped by document, each labelled with its goal (section heading);
- "not found" when the evidence is weak: no sentence of the top passages (read under its section
  heading) holds enough of the question's distinctive words, weighted by IDF, and no passage is
  very similar to the question; or a "how many / when" question finds no sentence with a figure.
  The nearest passages are still shown, and no sentence is claimed as an answer.
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
    r"\b(which|what|list|name)\b.*\b(goals|priorities|priority areas|objectives|aims|outcomes|ambitions|"
    r"principles|themes|commitments|actions|steps)\b",
    re.I,
)
_NUMBER_QUESTION = re.compile(
    r"^\s*(when|how (many|much|big|large|old|long|fast)|what (year|date|percentage|proportion|share|number|amount|figure)"
    r"|what is the (average|total|median|number|rate|percentage|cost|price|budget|population)\b)",
    re.I,
)
# A figure or a date, in digits or in words ("nine years", "a quarter", "double", "in October").
_FIGURE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|"
    r"thousand|million|billion|half|quarter|third|double|twice|triple|january|february|march|april|june|"
    r"july|august|september|october|november|december|spring|summer|autumn|winter)\b",
    re.I,
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
        scorer = _Scorer.for_question(question, retrieval, keywords, self.settings)
        evidence = self.evidence(retrieval, scorer)
        if not retrieval.passages or not self.is_supported(evidence):
            return self._not_found(question, retrieval, evidence)
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
    def evidence(self, retrieval: Retrieval, scorer: _Scorer) -> dict:
        """Two signals from the top passages: how similar the best one is to the question
        (cosine), and how much of the question's weight its best single sentence holds (a
        "how many" question counts only sentences with a figure)."""
        top = retrieval.passages[: self.settings.evidence_passages]
        similarity = max((p.similarity for p in top), default=0.0)
        support = max((scorer.share(s, p.chunk.section) for p in top for s in sentences(p.chunk.text)), default=0.0)
        return {"similarity": round(similarity, 4), "support": round(support, 4)}

    def is_supported(self, evidence: dict) -> bool:
        s = self.settings
        if evidence["similarity"] < s.min_dense_similarity:
            return False
        if evidence["support"] == 0.0:  # no sentence shares a word (or a wanted figure) with the question
            return False
        return evidence["support"] >= s.min_sentence_support or evidence["similarity"] >= s.confident_similarity

    # --- picking sentences -----------------------------------------------------------------
    def _fact_picks(self, passages: list[Passage], scorer: _Scorer) -> list[_Pick]:
        best = [scorer.best(p) for p in passages]
        picks = [best[0]]  # the best passage always speaks first
        top = passages[0].chunk
        lead = sentences(top.text)[0]
        if scorer.share(top.heading) >= self.settings.heading_match and lead != best[0].sentence:
            picks.insert(0, _Pick(passages[0], lead))  # the question names this section: say what it says first
        top_score = scorer.score(best[0].sentence)
        for pick in best[1:]:
            if len(picks) >= self.settings.answer_sentences:
                break
            if top_score and scorer.score(pick.sentence) >= self.settings.extra_sentence_ratio * top_score:
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
            lines.append(f"• {_goal_label(p.passage.chunk.section)} — {_as_sentence(p.sentence)} [{p.n}]")
        return "\n".join(lines)

    def _not_found(self, question: str, retrieval: Retrieval, evidence: dict) -> Answer:
        picks = _number([_Pick(p, "") for p in retrieval.passages[: self.settings.evidence_passages]])
        return Answer(question, NOT_FOUND, False, _citations(picks, self.settings.max_quote_chars), "not_found", retrieval.doc_ids, evidence)


@dataclass
class _Scorer:
    """Scores sentences for one question by the question weight (IDF) of the words they share.

    Words of the current question weigh fully, words only in the earlier question of a
    follow-up weigh ``history_weight`` as much, and words that only name the document in
    scope ("West Northamptonshire") or the task ("compare", "say") do not count.
    """

    weights: dict[str, float]
    wants_number: bool  # a "when / how many" question wants a sentence with a figure
    figure_bonus: float  # share of the question's weight a figure is worth to such a question

    @classmethod
    def for_question(cls, question: str, retrieval: Retrieval, keywords: KeywordIndex, settings: Settings) -> _Scorer:
        own = set(terms(question))
        ignored = QUESTION_WORDS | retrieval.scope_terms
        weights = {t: max(keywords.idf(t), 0.1) * (1.0 if t in own else settings.history_weight)
                   for t in set(terms(retrieval.query)) - ignored}
        return cls(weights, bool(_NUMBER_QUESTION.search(question)), settings.figure_bonus)

    def share(self, sentence: str, section: str = "") -> float:
        """Share of the question's weight in the sentence read under its section heading (0 for
        a figure-less sentence when a figure is wanted)."""
        total = sum(self.weights.values())
        if not total or (self.wants_number and not _FIGURE.search(sentence)):
            return 0.0
        return self._shared(f"{section} {sentence}") / total

    def score(self, sentence: str) -> float:
        bonus = self.figure_bonus * sum(self.weights.values()) if self.wants_number and _FIGURE.search(sentence) else 0.0
        return self._shared(sentence) + bonus

    def _shared(self, sentence: str) -> float:
        words = set(terms(sentence))
        return sum(w for t, w in self.weights.items() if t in words)

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
