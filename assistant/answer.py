"""Answers and citations, and the extractive fact answer every other shape builds on.

The answer is extractive: it only repeats sentences of the documents, so it cannot state what no
passage says. This module holds what every answer shape shares (``Answer``, ``Citation``, the
sentence ``Scorer``, numbering and quoting) and the two plain shapes:
- a fact answer: the best supporting sentences, best passage first, each ending with [n];
- "closest" when the fitted "found" model finds the evidence too weak to answer but not weak
  enough to dismiss (``found.FoundModel.verdict``): the answer says the documents do not seem to
  answer it, then quotes the sentences that come closest, cited; it claims nothing (``found`` is
  False), and the reader judges;
- "not found" when the evidence is weak: no sentence of the top passages (read under its section
  heading) holds enough of the question's distinctive words, weighted by IDF, and no passage is
  very similar to the question; or a "how many / when" question finds no sentence with a figure,
  or a "who is the <role>" question no sentence that names someone in the question's terms; or
  no passage uses a single word of what the question is about ("flooding") and no sentence
  says anything close to it.
  The nearest passages are still shown, and no sentence is claimed as an answer.
Lists, overviews and comparisons are in ``lists`` and ``comparison``; ``respond`` picks the shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from assistant.chunking import quotable, split_sentences as sentences
from assistant.answer_type import AnswerType
from assistant.found import found_model
from assistant.conversation import Turn, named_terms, topic_terms
from assistant.keywords import QUESTION_WORDS, KeywordIndex, family, term_set, terms
from assistant.retrieval import Passage, Retrieval, Retriever
from assistant.settings import Settings

NOT_FOUND = "The documents do not appear to answer this question. The nearest passages are listed below in case they help."
CLOSEST = "The documents do not seem to answer this in so many words. The closest they come:"

@dataclass
class Citation:
    n: int
    doc_id: str
    title: str
    section: str
    page: str | None
    text: str  # the quoted passage
    quote: str  # the sentences of the passage that the answer uses, one a line ("" when none)
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
    kind: str = "fact"  # fact | list | overview | comparison | catalogue | closest | not_found
    scope: list[str] = field(default_factory=list)
    evidence: dict = field(default_factory=dict)
    mode: str = "extractive"  # or "generative": written by the language model, every claim checked
    notice: str = ""  # why a generative answer fell back to the extractive one
    claims: list[dict] = field(default_factory=list)  # generative: {text, citations, supported, reason}

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def sources_label(self) -> str:
        """What the cited passages are to the reader."""
        if self.found:
            return "Sources"
        if self.kind == "closest":
            return "Closest passages (they may not answer the question)"
        return "Nearest passages (they do not answer the question)"


@dataclass
class Pick:
    passage: Passage
    sentence: str
    n: int = 0
    score: float = 0.0  # how well the sentence answers (``Scorer.best``)


def fact_answer(question: str, retrieval: Retrieval, scorer: Scorer, settings: Settings, sentences_wanted: int | None = None) -> Answer:
    """The best supporting sentences, best passage first; "not found" when the evidence is weak."""
    found, evidence = is_supported(retrieval.passages, scorer, settings)
    if not found and not evidence.get("closest"):
        return not_found(question, retrieval.passages, retrieval.doc_ids, evidence, settings)
    picks = _fact_picks(retrieval.passages, scorer, settings, sentences_wanted or settings.answer_sentences)
    text = " ".join(f"{as_sentence(p.sentence)} [{p.n}]" for p in picks)
    if not found:
        return Answer(question, f"{CLOSEST}\n{text}", False, citations(picks, settings.max_quote_chars), "closest", retrieval.doc_ids, evidence)
    return Answer(question, text, True, citations(picks, settings.max_quote_chars), "fact", retrieval.doc_ids, evidence)


def not_found(question: str, passages: list[Passage], doc_ids: list[str], evidence: dict, settings: Settings,
              text: str = "") -> Answer:
    picks = number([Pick(p, "") for p in passages[: settings.evidence_passages]])
    return Answer(question, text or NOT_FOUND, False, citations(picks, settings.max_quote_chars), "not_found", doc_ids, evidence)


def evidence(passages: list[Passage], scorer: Scorer, settings: Settings) -> dict:
    """What the top passages offer as evidence: the best passage's cosine, the best sentence's
    cosine, and the largest share of the question's weight one sentence holds (read under its
    heading; for a "how many / when" question only sentences with a figure count); and whether a
    sentence gives the figure or the name the question wants (``AnswerType``)."""
    top = passages[: settings.evidence_passages]
    said = [(p.chunk.section, s) for p in top for s in sentences(p.chunk.text)]
    wanted = scorer.answer_type
    giving = [(section, s) for section, s in said if wanted.specific and wanted.gives(s)]
    return {
        "similarity": round(max((p.similarity for p in top), default=0.0), 4),
        "sentence_similarity": round(max((p.sentence_similarity for p in top), default=0.0), 4),
        "support": round(max((scorer.share(s, section) for section, s in said), default=0.0), 4),
        "wants_number": float(wanted.figure),
        "has_figure": float(wanted.figure and bool(giving)),
        "wants_person": float(wanted.person is not None),
        "names_person": float(wanted.person is not None and any(scorer.share(s, section) > 0 for section, s in giving)),
        "topic_unknown": float(scorer.topic_unknown),
    }


def said_in_kin_words(topic: list[str], passages: list[Passage]) -> bool:
    """Do the passages use a word of the ``family`` of a word of the topic? A library that never
    says "tourists" still speaks of them when the passages to quote say "tourism"."""
    wanted = {family(t) for t in named_terms(topic)} - {""}
    return any(family(t) in wanted for p in passages for t in term_set(p.chunk.text))


def phrase_named(question: str, topic: list[str], is_phrase: Callable[[tuple[str, str]], bool]) -> set[str]:
    """The topic's two words, when the topic is a phrase the library names one thing by
    (``Retriever.is_phrase``), side by side in the question too ("family hubs"). Empty for any
    other topic ("stop young people getting into crime" may be answered without "young people").

    >>> pairs = {("family", "hub"), ("young", "people")}
    >>> sorted(phrase_named("Does the North mention family hubs?", ["family", "hub"], pairs.__contains__))
    ['family', 'hub']
    >>> phrase_named("How do young people avoid crime?", ["young", "people", "avoid", "crime"], pairs.__contains__)
    set()
    """
    words, wanted = terms(question), set(named_terms(topic))
    named = len(wanted) == 2 and any(set(pair) == wanted and is_phrase(pair) for pair in zip(words, words[1:]))
    return wanted if named else set()


def said_together(words: set[str], passages: list[Passage]) -> bool:
    """Does one sentence of the passages hold all the words (or words of their families)? "a
    family home" and "an innovation hub", in two sentences, do not speak of family hubs; "fibre
    connecting our communities ... digital technology" does speak of digital connectivity.

    >>> from assistant.chunking import Chunk
    >>> passage = Passage(Chunk("c", "d", "D", "S", None, 0, 9, "A family home. An innovation hub."), 1.0, 1.0)
    >>> said_together({"family", "hub"}, [passage]), said_together({"innovation", "hub"}, [passage])
    (False, True)
    """
    wanted = {family(w) or w for w in words}
    return any(wanted <= {family(t) or t for t in term_set(s)} for p in passages for s in sentences(p.chunk.text))


def topic_unnamed(turn: Turn, doc_ids: list[str], passages: list[Passage], retriever: Retriever, unknown: bool = False,
                  phrase: bool = True) -> bool:
    """Is what the turn asks about left unnamed by the documents and the passages to quote? It is
    when it is ``unknown`` to the library or no word of it is in ``doc_ids``, unless the passages
    speak of it in words of the same family ("tourists": "tourism"); and, with ``phrase``, when it
    is a phrase the library names one thing by and no sentence of the passages holds both its
    words ("family hubs": not "a family home" and "an innovation hub"); and when a proper name chose
    the scope (``turn.places``) and no sentence names it with the rest of the topic ("a new hospital
    in Corby": hospitals, and Corby, but never both)."""
    if doc_ids and turn.topic and not unknown:
        unknown = not retriever.names_topic(turn.topic, doc_ids)
    if unknown and said_in_kin_words(turn.topic, passages):
        unknown = False
    if phrase and turn.topic and not unknown:
        unknown = not said_together(phrase_named(turn.asked, turn.topic, retriever.is_phrase), passages)
    if turn.places and not unknown:
        unknown = not placed_together(turn.places, turn.topic, passages)
    return unknown


def placed_together(places: list[str], topic: list[str], passages: list[Passage]) -> bool:
    """Does a sentence of the passages name one of the ``places`` together with the rest of the
    topic (or are the places all the topic is)? "the population of Corby" needs a sentence with
    both; a document that gives a population and, elsewhere, names Corby does not say it."""
    rest = set(topic) - set(places)
    return not rest or any(words & set(places) and words & rest
                           for p in passages for words in map(term_set, sentences(p.chunk.text)))


def is_supported(passages: list[Passage], scorer: Scorer, settings: Settings) -> tuple[bool, dict]:
    """Is there an answer at all? Never when neither the best passage nor its best sentence
    reaches ``min_dense_similarity``, never a "how many / when" answer without a figure; a "who
    is the <role>" question is answered exactly when a sentence about it names someone in that
    role. Otherwise the fitted model decides (``found_model``), or, without one, the thresholds:
    enough sentence support, or a very similar passage or sentence.
    A topic no passage names and no sentence comes close to (``confident_sentence_similarity``)
    is never answered, but the model may still find its closest sentences worth quoting
    (``evidence["closest"]``: the middle answer)."""
    ev = evidence(passages, scorer, settings)
    if not passages or max(ev["similarity"], ev["sentence_similarity"]) < settings.min_dense_similarity:
        return False, ev
    if ev["wants_number"] and not ev["has_figure"]:
        return False, ev  # "when / how many" and not one figure or date to give
    if ev["wants_person"]:  # "who is the leader of X": answered exactly when a sentence about it names someone
        return bool(ev["names_person"]), ev
    # no passage uses a word of what was asked about, and no sentence says anything close
    unnamed = ev["topic_unknown"] and ev["sentence_similarity"] < settings.confident_sentence_similarity
    model = found_model(settings.found_model)
    if model:
        ev["p_found"] = round(model.probability(ev), 4)
        verdict = model.verdict(ev["p_found"])
        if unnamed and verdict == "found":
            verdict = "closest"  # never an answer; its closest sentences may still be quoted
        ev["closest"] = float(verdict == "closest")  # not an answer, but worth quoting (``closest``)
        return verdict == "found", ev
    if unnamed:
        return False, ev
    if ev["sentence_similarity"] >= settings.confident_sentence_similarity and not ev["wants_number"]:
        return True, ev  # one sentence says it, in other words
    if ev["support"] == 0.0:  # no sentence shares a word (or a wanted figure) with the question
        return False, ev
    return ev["support"] >= settings.min_sentence_support or ev["similarity"] >= settings.confident_similarity, ev


def _fact_picks(passages: list[Passage], scorer: Scorer, settings: Settings, wanted: int) -> list[Pick]:
    best = [scorer.best(p) for p in passages]
    picks = [best[0]]  # the best passage always speaks first
    top = passages[0].chunk
    lead = sentences(top.text)[0]
    if scorer.share(top.heading) >= settings.heading_match and lead != best[0].sentence:
        picks.insert(0, Pick(passages[0], lead))  # the question names this section: say what it says first
    for pick in best[1:]:
        if len(picks) >= wanted:
            break
        if best[0].score and pick.score >= settings.extra_sentence_ratio * best[0].score:
            picks.append(pick)
    return number(picks)


@dataclass
class Scorer:
    """Scores sentences for one question by the question weight (IDF) of the words they share.

    Words of the current question weigh fully; words only in the earlier question of a follow-up
    weigh ``history_weight`` as much, all together (so "How many businesses are there?" after a
    question about house prices is about businesses); words that only name the document in scope
    ("West Northamptonshire") or the task ("compare", "say") do not count.
    """

    weights: dict[str, float]
    answer_type: AnswerType  # a figure, a name, or any sentence that says it
    type_bonus: float  # share of the question's weight a sentence giving the wanted figure or name gains
    meaning_weight: float = 0.0  # choosing a sentence: weight of its cosine to the question, as a share of the question's weight
    # the question is about something (no document name) and no passage uses any word of it, or (placed by a
    # proper name, "a hospital in Corby") no sentence names the place together with the rest
    topic_unknown: bool = False

    @classmethod
    def for_question(cls, question: str, query: str, keywords: KeywordIndex, settings: Settings, ignored: set[str] = frozenset(),
                     history_weight: float | None = None) -> Scorer:
        """Weights for the words of ``query``; those of ``question`` itself weigh fully, the others all
        together ``history_weight`` of them (``settings.history_weight`` unless given)."""
        own = set(terms(question))
        idf = {t: max(keywords.idf(t), 0.1) for t in set(terms(query)) - QUESTION_WORDS - set(ignored)}
        own_total = sum(w for t, w in idf.items() if t in own)
        earlier_total = sum(w for t, w in idf.items() if t not in own)
        # the earlier question's words, all together, weigh ``history_weight`` of the new question's
        history = settings.history_weight if history_weight is None else history_weight
        scale = history * own_total / earlier_total if own_total and earlier_total else 1.0
        weights = {t: w if t in own else w * scale for t, w in idf.items()}
        topic = set(named_terms(topic_terms(question))) - set(ignored)
        unknown = bool(topic) and not any(keywords.knows(t) for t in topic)
        return cls(weights, AnswerType.of(question), settings.answer_type_bonus, settings.sentence_meaning_weight, unknown)

    def share(self, sentence: str, section: str = "") -> float:
        """Share of the question's weight in the sentence read under its section heading (0 for
        a figure-less sentence when a figure is wanted)."""
        total = sum(self.weights.values())
        if not total or (self.answer_type.figure and not self.answer_type.gives(sentence)):
            return 0.0
        return self._shared(f"{section} {sentence}") / total

    def score(self, sentence: str) -> float:
        wanted = self.answer_type.specific and self.answer_type.gives(sentence)
        bonus = self.type_bonus * sum(self.weights.values()) if wanted else 0.0
        return self._shared(sentence) + bonus

    def _shared(self, sentence: str) -> float:
        words = term_set(sentence)
        return sum(w for t, w in self.weights.items() if t in words)

    def best(self, passage: Passage) -> Pick:
        """The passage's best sentence: the question weight it holds, plus ``meaning_weight`` of
        the question's weight times its cosine similarity to the question (known for re-ranked
        passages), so that "kids ... enough exercise" quotes "physically active children" and not
        the shortest line; among equals the shorter, then the earlier one."""
        numbered = [(i, s) for i, s in enumerate(sentences(passage.chunk.text)) if quotable(s)] or [(-1, passage.chunk.text)]
        meaning = self.meaning_weight * sum(self.weights.values())
        scored = [(self.score(s) + meaning * passage.sentence_similarities.get(i, 0.0), -len(s.split()), -i, s) for i, s in numbered]
        score, _, _, sentence = max(scored)
        return Pick(passage, sentence, score=score)


def number(picks: list[Pick]) -> list[Pick]:
    """Give each distinct passage a citation number in order of first use."""
    numbers: dict[str, int] = {}
    for p in picks:
        p.n = numbers.setdefault(p.passage.chunk.id, len(numbers) + 1)
    return picks


def citations(picks: list[Pick], max_chars: int) -> list[Citation]:
    out: dict[int, Citation] = {}
    for p in picks:
        c = p.passage.chunk
        if p.n in out:
            out[p.n].quote = f"{out[p.n].quote}\n{p.sentence}".strip()  # one quoted sentence a line
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


def as_sentence(text: str) -> str:
    """A quote as one line that ends as a sentence does.

    >>> as_sentence("77.6% People in employment\\n(age 16-64)"), as_sentence("Buses run!")
    ('77.6% People in employment (age 16-64).', 'Buses run!')
    """
    text = " ".join(text.split())
    return text if re.search(r"[.!?…]$", text) else text + "."
