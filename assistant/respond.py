"""Choose the shape of an answer from how the question reads, then build it.

- the library itself ("What documents can I ask about?", "Who published the West plan?") -> catalogue
- an acronym to spell out ("What does LAP stand for?") -> acronyms.definition
- the period a document covers ("How long does the plan run?") -> horizon.horizon
- a priority named ("What is priority 6?")      -> lists.one_priority
- an overview ("Summarise X")                  -> lists.overview
- a kind of section, no focus ("the goals of X", "compare the priorities of both plans") -> lists.complete_list
- a kind of section and a focus ("goals about X", "the X goals") -> lists.themed_list, else lists.topical_list;
  a kind only implied ("what does the plan want to achieve for X?") that lists nothing -> the fact answer
- a comparison over two or more documents       -> comparison.side_by_side (with no topic: the overviews)
- anything else                                 -> answer.fact_answer (or "not found"), only from the part
  of a document the question names, if any ("What does the Proud Place priority say about housing?",
  "What does the Good Health goal say about mental health?": lists.named_part); when the part is silent on
  it, what the rest of its document says, as the closest answer ("The Green Growth goal does not speak of
  jobs; elsewhere ...": lists.elsewhere)
A structural shape that finds nothing in the outline falls through to the fact answer; when the
documents have no section of the kind asked for, the answer opens by saying so (``lists.without_kind``).
"""

from __future__ import annotations

from dataclasses import replace

from assistant import acronyms, catalogue, lists
from assistant.answer import Answer, Scorer, fact_answer, topic_unnamed
from assistant.comparison import side_by_side
from assistant.conversation import Turn
from assistant.horizon import asks_horizon, horizon
from assistant.keywords import terms
from assistant.retrieval import Retriever
from assistant.settings import Settings

# Words that only say where to look: they must not count as evidence for an answer.
_WHERE = frozenset(terms("plan plans document documents vision strategy two"))


class Answerer:
    def __init__(self, settings: Settings):
        self.settings = settings

    def answer(self, turn: Turn, retriever: Retriever, k: int | None = None) -> Answer:
        s = self.settings
        if catalogue.asks_help(turn.question):  # "hello", "what can you do?"
            return catalogue.help_answer(turn.question, retriever.documents)
        if catalogue.asks_library(turn.question):  # "What documents can I ask about?"
            return catalogue.library(turn.question, retriever.documents, s.max_listed_documents)
        if fields := catalogue.asked_fields(turn.question):  # "Who published the West plan?": the catalogue's record
            return catalogue.catalogue_answer(turn.question, lists.scope(turn, retriever, s), retriever.documents, fields)
        spelled = acronyms.definition(turn.question, turn.doc_ids, retriever, s, turn.earlier)  # "What does LAP stand for?"
        if spelled:
            return spelled
        if asks_horizon(turn.question, turn.topic) and not turn.kind:  # "How long does the plan run?": the year in its title
            shaped = horizon(turn, lists.scope(turn, retriever, s), retriever, s)
            if shaped:
                return shaped
        # The documents an answer covers: only the shapes built per document need them.
        docs = lists.scope(turn, retriever, s) if turn.overview or turn.kind or turn.comparison else []
        if not turn.kind and not turn.comparison:  # "What is priority 6?": that priority, if the question names one
            shaped = lists.one_priority(turn, docs or turn.doc_ids or sorted(retriever.outlines), retriever, s)
            if shaped:
                return shaped
        if turn.overview and not turn.kind:
            shaped = lists.overview(turn, docs, retriever, s)
            if shaped:
                return shaped
        kind_absent = False  # a kind of section the documents asked about do not have: the fact answer says so
        if turn.kind and (not turn.focus or (not turn.comparison and lists.names_a_priority(turn, docs, retriever))):
            shaped = lists.complete_list(turn, docs, retriever, s)
            if shaped:
                return shaped
            kind_absent = not turn.focus
        if turn.kind and turn.focus:
            shaped = lists.themed_list(turn, docs, retriever, s) or lists.topical_list(turn, docs, retriever, s)
            if shaped.found or not turn.kind_implied:
                return shaped
            turn = replace(turn, kind=None)  # "what does X want to achieve for Y?" and no goal speaks of Y: what the documents say of it
        if turn.comparison and len(docs) > 1:
            scorer = Scorer.for_question(turn.question, turn.query, retriever.keywords, s, _WHERE | set(terms(" ".join(turn.names))))
            return side_by_side(turn, docs, retriever, scorer, s)
        # "What does the Prosperous Place priority say about housing?": only what that priority says, as for a named goal
        part = lists.named_part(turn, turn.doc_ids or sorted(retriever.outlines), retriever)
        answer = self._fact(turn, retriever, k, part)
        if not answer.found and turn.narrowing_query:  # "what about affordability?" after housing: of housing
            answer = self._fact(replace(turn, query=turn.narrowing_query), retriever, k, part)
        if part and not answer.found and (rest := lists.without_part(turn, part)):  # the part is silent: is the rest of its document?
            answer = lists.elsewhere(answer, self._fact(rest, retriever, k), part, rest, retriever)
        return lists.without_kind(answer, turn, docs, retriever) if kind_absent else answer

    def _fact(self, turn: Turn, retriever: Retriever, k: int | None,
              part: tuple[list[str], tuple[str, list[str]]] | None = None) -> Answer:
        """The fact answer, only from the ``part`` of the documents the question names (``lists.named_part``), if any."""
        s = self.settings
        docs, within = part or (None, None)
        retrieval = retriever.find(turn, k or s.top_k, docs, within=within)
        # "how fast has it grown?" after population: "population" weighs as much as "fast" and "grown" together
        scorer = Scorer.for_question(turn.question, retrieval.query, retriever.keywords, s, retrieval.scope_terms,
                                     history_weight=1.0 if turn.of_earlier else None)
        evidence = retrieval.passages[: s.evidence_passages]
        # named in the library, but in the documents asked about, and by the passages to quote, with the place that chose
        # the scope? (a named part is exempt from the phrase rule: "Tell me about the Green Growth goal" is about that section)
        scorer = replace(scorer, topic_unknown=topic_unnamed(turn, retrieval.doc_ids, evidence, retriever, scorer.topic_unknown,
                                                             phrase=not part))
        return fact_answer(turn.question, retrieval, scorer, s, s.answer_sentences * 2 if turn.more else None)

