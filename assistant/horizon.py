"""The year a document looks ahead to: "How long does the West plan run?", "What period does it cover?"

A vision or plan names its horizon in its title ("Vision 2050", "Our Vision for 2030"), and its
text says what it wants by then. A question about the time frame is answered document by
document: the title's year, then the sentence of the document that uses that year and comes
closest in meaning to the question, quoted and cited. A document whose title holds no year is
left to the fact answer.

>>> asks_horizon("How long does the plan run?"), asks_horizon("What time frame does it cover?")
(True, True)
>>> asks_horizon("How do the two documents differ in the year they look ahead to?"), asks_horizon("How long is the vision meant to last?")
(True, True)
>>> asks_horizon("Which plan looks further ahead?")
True
>>> asks_horizon("How long is the waiting list?"), asks_horizon("What is the time frame for net zero?")
(False, False)
>>> title_year("North Northamptonshire Vision 2050 (BIG50)"), title_year("Transport Plan"), title_year("Plan 2021-2031")
('2050', None, '2031')
"""

from __future__ import annotations

import re

from assistant.answer import Answer, Pick, as_sentence, citations, number, sentences
from assistant.chunking import quotable
from assistant.conversation import Turn, topic_terms
from assistant.keywords import terms
from assistant.retrieval import Passage, Retriever
from assistant.settings import Settings

_DOCUMENT = r"(plan|vision|strategy|document|it|they|them|each|both)"
_ASKS = re.compile(
    r"\b(time ?frames?|timescales?|time horizons?|horizons?|end dates?)\b"
    rf"|\bhow long (does|do|will|is|are) (the |this |that |each |both )?([\w'-]+ ){{0,3}}{_DOCUMENT}\b"
    r"|\b(what|which) (period|years?|dates?)\b.*\b(cover|span|run|last|look|aim|target|end)"
    r"|\blook(s|ing)? (ahead|forward) to\b|\buntil when\b|\bhow far (ahead|forward|into the future)\b"
    r"|\blooks? (further|farther|furthest|farthest) (ahead|forward|into the future)\b"
    rf"|\bwhen (does|do|will) (the |this |that |each |both )?([\w'-]+ ){{0,3}}{_DOCUMENT} (end|finish|expire|run out)\b",
    re.I)
# the words of a question about a time span: anything else is a topic ("the time frame for net zero")
_SPAN_WORDS = frozenset(terms("time frame timeframe timescale horizon end date period cover span run last long look ahead "
                              "forward far farther farthest furthest future year finish expire differ meant supposed intended designed"))
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def asks_horizon(question: str, topic: list[str] | None = None) -> bool:
    """Does the question ask for the period a document covers, and about nothing else (its
    ``topic``, default the question's own, holds only words of time spans)?"""
    topic = topic_terms(question) if topic is None else topic
    return bool(_ASKS.search(question)) and set(topic) <= _SPAN_WORDS


def title_year(title: str) -> str | None:
    """The last year a title names (a plan "2021-2031" runs to 2031), or None."""
    years = [m.group(0) for m in _YEAR.finditer(title)]
    return years[-1] if years else None


def horizon(turn: Turn, docs: list[str], retriever: Retriever, settings: Settings) -> Answer | None:
    """Per document of ``docs``: its title's year and the sentence using that year closest to the
    question. None when no document's title names a year."""
    vector = None  # the question's embedding, made once a document has a year to look for
    lines, picks = [], []
    for doc_id in docs:
        title = retriever.documents[doc_id].title
        year = title_year(title)
        chunks = [c for c in retriever.reading_order.get(doc_id, []) if year in c.text] if year else []
        if not chunks:
            continue
        vector = vector or retriever.embeddings.embed_query(turn.question)
        similarities = retriever.index.sentence_similarities(vector, chunks, lambda text, year=year: year in text and quotable(text))
        scored = [(similarity, chunk, i) for chunk in chunks for i, similarity in similarities.get(chunk.id, {}).items()]
        if not scored:
            continue
        _, chunk, i = max(scored, key=lambda s: s[0])
        picks.append(Pick(Passage.picked(chunk), sentences(chunk.text)[i]))
        lines.append((f"{title} (the year in its title: {year}):", picks[-1]))
    if not picks:
        return None
    number(picks)
    text = "\n".join(f"{head}\n• {as_sentence(pick.sentence)} [{pick.n}]" for head, pick in lines)
    return Answer(turn.question, text, True, citations(picks, settings.max_quote_chars), "fact", turn.doc_ids)
