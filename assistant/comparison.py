"""Comparisons side by side: one part per document, headed by its title.

"How do the two plans differ on the economy?" is answered document by document: each part holds
that document's best cited sentences on the topic, searched in that document alone, or a line
saying the document does not cover it. The reader sees who says what; nothing is merged. A
document that uses no word of the topic covers it only if a sentence says it in other words,
the rule a single question follows for the whole library.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answer import Answer, Scorer, as_sentence, citations, is_supported, not_found, number, topic_unnamed
from assistant.conversation import Turn
from assistant.retrieval import Retriever
from assistant.settings import Settings


def side_by_side(turn: Turn, doc_ids: list[str], retriever: Retriever, scorer: Scorer, settings: Settings) -> Answer:
    parts, picks, nearest, evidence = [], [], [], {}
    about = turn.focus_text or turn.topic_text or "this topic"  # "Is sport mentioned in both plans?": sport
    topic = Turn(turn.question, turn.topic_text) if turn.topic_text else turn  # search by the topic, not "how do the two plans differ"
    for doc_id in doc_ids:
        passages = retriever.find(topic, settings.evidence_passages, [doc_id]).passages
        nearest += passages[:1]
        unnamed = topic_unnamed(turn, [doc_id], passages, retriever)
        found, evidence[doc_id] = is_supported(passages, replace(scorer, topic_unknown=unnamed), settings)
        title = retriever.documents[doc_id].title
        if not found:
            parts.append(f"{title}: nothing found about {about}.")
            continue
        best = [scorer.best(p) for p in passages]  # the best-ranked passage speaks first, as in a fact answer
        floor = settings.extra_sentence_ratio * scorer.score(best[0].sentence)
        chosen = ([best[0]] + [p for p in best[1:] if scorer.score(p.sentence) >= floor])[: settings.comparison_sentences]
        picks += chosen
        parts.append((title, chosen))
    if not picks:
        return not_found(turn.question, nearest, turn.doc_ids, evidence, settings)
    number(picks)
    lines = []
    for part in parts:
        if isinstance(part, str):
            lines.append(part)
            continue
        title, chosen = part
        lines.append(f"{title}:")
        lines += [f"• {as_sentence(p.sentence)} [{p.n}]" for p in chosen]
    return Answer(turn.question, "\n".join(lines), True, citations(picks, settings.max_quote_chars), "comparison", turn.doc_ids, evidence)
