"""From a question (read in its conversation) to ranked passages.

Steps, each a small function:
1. ``conversation.read`` turns the question and the earlier ones into a ``Turn``: the documents
   in scope, the query (document names left out), the kind of section asked for.
2. Hybrid search within that scope (and, for structural questions, those section kinds): dense
   (Chroma, cosine) and keyword (BM25) candidates, fused, near-duplicates dropped.
3. ``balance``: a comparison gets passages from every document in play, taking turns.

The retriever also keeps each document's reading order and outline, rebuilt on ``refresh``.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.chunking import SEPARATOR, is_note
from assistant.conversation import ASKS_CONTENT, FRAME_WORDS, Turn, named_terms, own_names, read
from assistant.documents import initialism
from assistant.index import DocumentInfo, Index, StoredChunk
from assistant.keywords import KeywordIndex, family, term_set, terms, without_terms, word_pairs
from assistant.outline import Section, bare_title, sections
from assistant.settings import Settings
from assistant.spelling import Speller

log = logging.getLogger(__name__)


@dataclass
class Passage:
    chunk: StoredChunk
    score: float  # fused score
    similarity: float  # cosine similarity to the query (0 when only the keyword search found it)
    sentence_similarities: dict[int, float] = field(default_factory=dict)  # each sentence's cosine (by number), when re-ranked

    @classmethod
    def picked(cls, chunk: StoredChunk) -> Passage:
        """A passage an answer takes by rule (an outline item, a definition), not from a search."""
        return cls(chunk, 1.0, 1.0)

    @property
    def sentence_similarity(self) -> float:
        """Cosine similarity of the passage's sentence nearest to the query (0 when not re-ranked)."""
        return max(self.sentence_similarities.values(), default=0.0)


@dataclass
class Retrieval:
    query: str
    doc_ids: list[str]  # documents searched (empty: all)
    passages: list[Passage]
    scope_terms: set[str]  # words of the names (of documents, of a part of one) the question used to choose its scope


class Retriever:
    def __init__(self, index: Index, embeddings: Embeddings, settings: Settings):
        self.index, self.embeddings, self.settings = index, embeddings, settings
        self._label_vectors: dict[str, list[float]] = {}  # they depend on the model only, not on the index
        self.refresh()

    def refresh(self) -> None:
        """Re-read every chunk from the index."""
        self.generation = self.index.generation()
        self.tokens = self.index.change_tokens()  # read before the contents: a change in between is seen next time
        self.checked_at = time.monotonic()
        self._load(*self.index.contents())

    def _reload(self, doc_id: str) -> None:
        """Re-read one document's chunks (ingested, replaced or removed); keep the others."""
        chunks, documents = self.index.contents(doc_id)
        self._load([c for c in self.chunks.values() if c.doc_id != doc_id] + chunks,
                   [d for d in self.documents.values() if d.doc_id != doc_id] + documents)

    def _load(self, chunks: list[StoredChunk], documents: list[DocumentInfo]) -> None:
        self.chunks = {c.id: c for c in chunks}
        self.reading_order: dict[str, list[StoredChunk]] = {}  # each document's chunks, first to last
        for c in sorted(chunks, key=lambda c: c.start):
            self.reading_order.setdefault(c.doc_id, []).append(c)
        self.keywords = KeywordIndex([c.id for c in chunks], [c.indexed_text for c in chunks])
        self.speller = Speller([c.indexed_text for c in chunks]) if self.settings.mend_typos else None
        self.documents = {d.doc_id: d for d in sorted(documents, key=lambda d: d.doc_id)}
        self.aliases = _aliases(list(self.documents.values()))
        # the places, people and schemes only one document names: a question naming one is about that document
        self.own_names = own_names({d: "\n".join(c.text for c in order) for d, order in self.reading_order.items()}, self.aliases)
        self.outlines: dict[str, list[Section]] = {doc_id: sections(order) for doc_id, order in self.reading_order.items()}
        self._vocabularies: dict[str, frozenset[str]] = {}
        self._phrases: dict[tuple[str, str], bool] = {}

    def vocabulary(self, doc_id: str) -> frozenset[str]:
        """Every index term one document uses (read once, until the index changes)."""
        if doc_id not in self._vocabularies:
            self._vocabularies[doc_id] = frozenset().union(*(term_set(c.indexed_text) for c in self.reading_order.get(doc_id, [])))
        return self._vocabularies[doc_id]

    def is_phrase(self, pair: tuple[str, str]) -> bool:
        """Does the library name one thing by these two index terms: are they written one after
        the other in at least ``phrase_share`` of the passages that use the rarer of the two
        ("family hub", "air quality"; not "partner work", two common words that often meet)?
        Read from the postings of the two words, remembered until the index changes."""
        if pair not in self._phrases:
            rarer = min((self.keywords.holding(word) for word in pair), key=len)
            together = sum(pair in word_pairs(self.chunks[i].text) for i in rarer if i in self.chunks)
            self._phrases[pair] = bool(rarer) and together >= self.settings.phrase_share * len(rarer)
        return self._phrases[pair]

    def names_topic(self, topic: list[str], doc_ids: list[str]) -> bool:
        """Does any of ``doc_ids`` name the topic (index terms): use one of its words, not counting
        the words of making and providing (``named_terms``: "build a new stadium" needs "stadium")?"""
        return any(self.vocabulary(d).intersection(named_terms(topic)) for d in doc_ids)

    def uses(self, term: str) -> bool:
        """Does the library use the word, or a word of its ``family`` ("tourists": "tourism")?"""
        kin = family(term)
        return self.keywords.knows(term) or bool(kin) and any(family(w) == kin for d in self.reading_order for w in self.vocabulary(d))

    def follow(self) -> bool:
        """Reload when another process changed the index (a replica's view of a shared Chroma
        server); the generation is read at most once every ``reload_check_s``. When it moved,
        the documents' change tokens say which documents changed: one reloads only that
        document; more (or an index without tokens) reload everything. True if reloaded."""
        if time.monotonic() - self.checked_at < self.settings.reload_check_s:
            return False
        self.checked_at = time.monotonic()
        now = self.index.generation()
        if now == self.generation:
            return False
        tokens = self.index.change_tokens()
        changed = sorted(d for d in tokens.keys() | self.tokens.keys() if tokens.get(d) != self.tokens.get(d))
        before, self.generation = self.generation[0], now
        if len(changed) == 1:
            log.info("the index changed (generation %s -> %s): reloading %s", before, now[0], changed[0])
            self.tokens = tokens
            self._reload(changed[0])
        elif changed or not tokens:
            log.info("the index changed (generation %s -> %s): reloading everything", before, now[0])
            self.refresh()
        else:
            return False  # the generation caught up with changes already read
        return True

    def label_vector(self, label: str) -> list[float]:
        """The vector of a short label (a priority's title), remembered: labels repeat, questions do not."""
        if label not in self._label_vectors:
            self._label_vectors[label] = self.embeddings.embed_query(label)
        return self._label_vectors[label]

    def related(self, words: list[str], others: list[str]) -> list[list[float]]:
        """How close in meaning each of ``words`` is to each of ``others`` (cosines of the unit-length
        vectors both embedders give), embedded in one batch and not remembered: they are the user's
        words (``label_vector`` keeps only titles)."""
        vectors = np.array(self.embeddings.embed_documents(words + others))
        return (vectors[: len(words)] @ vectors[len(words) :].T).tolist()

    def read(self, question: str, history: list[str] | None = None, doc_id: str | None = None) -> Turn:
        """The question as understood in its conversation (typos mended: ``spelling``); ``doc_id`` (the
        user's choice) fixes the scope."""
        history = history or []
        if self.speller:
            question, history = self.speller.mend(question), [self.speller.mend(h) for h in history]
        turn = read(question, history, self.aliases, self.settings.follow_up_max_words, self.own_names, self.related)
        if doc_id:
            turn.doc_ids = [doc_id]
        return turn

    def search(self, question: str, history: list[str] | None = None, doc_id: str | None = None, k: int | None = None) -> Retrieval:
        turn = self.read(question, history, doc_id)
        return self.find(turn, k or self.settings.top_k, balanced=turn.comparison and len(turn.doc_ids) != 1)

    def find(self, turn: Turn, k: int, doc_ids: list[str] | None = None, kinds: tuple[str, ...] | None = None,
             balanced: bool = False, within: tuple[str, list[str]] | None = None) -> Retrieval:
        """The ``k`` best passages for the turn's query in ``doc_ids`` (default: the turn's scope),
        only from sections of ``kinds`` when given, and ``within`` a part of the documents when given:
        ("priority", titles) or ("section", paths). The words naming that part choose where to
        look: they are left out of the search and of the evidence."""
        s = self.settings
        doc_ids = turn.doc_ids if doc_ids is None else doc_ids
        field, values = within or ("", [])
        where, query = set(terms(" ".join(turn.names))), turn.query  # words that chose where to look, not what
        if values:  # "the Good Health goal ... about mental health": mental health; "the Good Health goal?": good health
            part = set(terms(" ".join(values)))
            if (turn.follow_up and field == "section" and not self._asks_about(turn.question, part | where)
                    and any(quotes_title(turn.question, v.rsplit(SEPARATOR, 1)[-1]) for v in values)):
                query = turn.question  # "and the Lack of rural transport driver?" after another driver: this one, not the other in it
            elif self._asks_about(query, part | where):
                where, query = where | part, without_terms(query, part)
        if turn.vector is None or turn.vector_of != query:  # one answer may search once per document
            turn.vector, turn.vector_of = self.embeddings.embed_query(query), query
        vector = turn.vector
        dense = self.index.dense_search(vector, s.candidates, doc_ids, kinds, within)
        allowed = None
        if doc_ids or kinds or values:
            allowed = {c.id for d in (doc_ids or self.reading_order) for c in self.reading_order.get(d, [])
                       if (not kinds or c.kind in kinds) and (not values or getattr(c, field) in values)}
        keyword = self.keywords.search(query, s.candidates, allowed, frame=FRAME_WORDS)
        similarity = dict(dense)
        if s.fusion == "rrf":
            fused = reciprocal_rank_fusion([[i for i, _ in dense], [i for i, _ in keyword]], s.rrf_k)
        else:
            fused = convex_fusion(dense, keyword, s.dense_weight, self.keywords.known_share(query, FRAME_WORDS))
        passages = [Passage(self.chunks[i], score, similarity.get(i, 0.0)) for i, score in fused if i in self.chunks]
        passages = drop_near_duplicates(passages, s.near_duplicate_jaccard)
        passages = self._rerank(vector, passages, turn)
        if balanced:
            passages = balance(passages)
        return Retrieval(query, doc_ids, passages[:k], where)

    def _asks_about(self, text: str, ignored: set[str]) -> bool:
        """Does ``text`` ask about something the library names, other than the ``ignored`` words and
        the words that frame a question ("What does the Good Health goal promise?" does not)?"""
        return any(self.keywords.knows(t) for t in set(terms(text)) - ignored - FRAME_WORDS - ASKS_CONTENT)

    def _rerank(self, vector: list[float], passages: list[Passage], turn: Turn) -> list[Passage]:
        """Re-rank the top passages by their best sentence (max-sim over sentence vectors): a
        passage whose one sentence says exactly what was asked moves up. Footnotes do not count
        (their vectors hold little but the heading); when the question wants a figure or a name
        (``AnswerType``), only the sentences that give one. A passage whose section title the
        question quotes ("a place of many places") moves up too."""
        s = self.settings
        top = passages[: s.rerank_depth]
        gives = turn.answer_type.gives if turn.answer_type.specific else None
        keep = (lambda text: not is_note(text) and (gives is None or gives(text)))
        similarities = self.index.sentence_similarities(vector, [p.chunk for p in top], keep)
        for p in top:
            p.sentence_similarities = similarities.get(p.chunk.id, {})
            p.score = (1 - s.sentence_weight) * p.score + s.sentence_weight * p.sentence_similarity
            if quotes_title(turn.question, p.chunk.heading):
                p.score += s.named_section_bonus
        return sorted(top, key=lambda p: -p.score) + passages[s.rerank_depth :]


def _aliases(documents: list[DocumentInfo]) -> dict[str, list[str]]:
    """Each document's names: its explicit ones only (a title may be a topic), and its publisher's
    initials ("WNC") when no other document's publisher has the same ones."""
    initials = {d.doc_id: initialism(d.publisher) for d in documents}
    taken = [name for names in initials.values() for name in names]
    return {d.doc_id: d.aliases + [n for n in initials[d.doc_id] if taken.count(n) == 1] for d in documents}


def quotes_title(question: str, heading: str) -> bool:
    """Does the question quote a section title of two index words or more (its number left out)?

    >>> quotes_title("What does the Vision mean by a place of many places?", "A Place of Many Places")
    True
    >>> quotes_title("What is done about poor housing?", "Housing"), quotes_title("Is it a nice place?", "5.2 A Place")
    (False, False)
    """
    title = _words(bare_title(heading))
    return len(terms(title)) >= 2 and f" {title} " in f" {_words(question)} "


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = 60) -> list[tuple[str, float]]:
    """Fuse ranked id lists: each id scores the sum of 1 / (k + rank) over the lists.

    >>> reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=1)
    [('b', 0.8333333333333333), ('a', 0.5), ('c', 0.3333333333333333)]
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def convex_fusion(dense: list[tuple[str, float]], keyword: list[tuple[str, float]], dense_weight: float,
                  keyword_trust: float = 1.0) -> list[tuple[str, float]]:
    """Fuse scores: ``w * cosine + trust * (1 - w) * bm25 / best bm25``. Unlike rank fusion, a
    passage that only one search finds, but finds far ahead of the rest, keeps its lead. The
    keyword search counts for ``keyword_trust`` of its weight: the share of the query it could
    match (``KeywordIndex.known_share``).

    >>> convex_fusion([("a", 0.8), ("b", 0.6)], [("b", 10.0), ("c", 5.0)], 0.5)
    [('b', 0.8), ('a', 0.4), ('c', 0.25)]
    >>> convex_fusion([("a", 0.8), ("b", 0.6)], [("b", 10.0), ("c", 5.0)], 0.5, keyword_trust=0.2)
    [('a', 0.4), ('b', 0.4), ('c', 0.05)]
    """
    best = max((score for _, score in keyword), default=0.0) or 1.0
    scores = {i: dense_weight * sim for i, sim in dense}
    for i, score in keyword:
        scores[i] = scores.get(i, 0.0) + keyword_trust * (1 - dense_weight) * score / best
    return sorted(scores.items(), key=lambda kv: -kv[1])


def drop_near_duplicates(passages: list[Passage], threshold: float) -> list[Passage]:
    """Keep the first of passages whose word sets overlap (Jaccard) more than ``threshold``."""
    kept: list[tuple[Passage, frozenset[str]]] = []
    for p in passages:
        words = term_set(p.chunk.text)
        if all(_jaccard(words, other) <= threshold for _, other in kept):
            kept.append((p, words))
    return [p for p, _ in kept]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def balance(passages: list[Passage]) -> list[Passage]:
    """Interleave documents, each in its own rank order, the best document first."""
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.chunk.doc_id, []).append(p)
    queues = list(by_doc.values())
    out = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out
