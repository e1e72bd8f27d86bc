"""Keyword search: BM25 (bm25s, sparse matrices) over the same chunks as the vector index.

Dense embeddings miss exact names and figures ("HS2", "£15 billion", "MASH"); BM25 catches
them. The keyword index is rebuilt in memory from the chunks stored in Chroma, so the two can
never disagree.

>>> terms("The Councils' transport plans, 2030!")
['council', 'transport', 'plan', '2030']
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from functools import lru_cache

import bm25s
import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets its own logger to DEBUG: keep the CLI's stderr clean

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
# scikit-learn's list lacks some forms of "do"; left in, "does" folds to "doe" and outweighs
# every real word of "What does the plan say about X?". It also holds nouns and adjectives that
# a question can be about ("empty homes", "energy bills", "fire", "front doors", "top employers"):
# those stay words.
# Chat writes question words without their apostrophe ("whats the plan about"): stop words too.
STOP_WORDS = (ENGLISH_STOP_WORDS | {"does", "did", "doing", "whats", "hows", "whos", "wheres", "whens", "thats"}) - {
    "amount", "bill", "bottom", "call", "cry", "detail", "empty", "fill", "fire", "front", "full", "interest",
    "mill", "move", "serious", "side", "system", "thick", "thin", "top"}
# A contraction's tail and a possessive are no words: "I'm", "don't", "we'll", "council's".
_CONTRACTION = re.compile(r"n't\b|'(s|m|re|ve|ll|d)\b")


# Plurals of words ending in "s" that the fold below would get wrong ("buses" is no "buse"): a
# rule cannot tell them from "houses" or "causes", so they are listed.
_PLURALS_IN_ES = {"buses": "bus", "minibuses": "minibus", "gases": "gas", "campuses": "campus", "bonuses": "bonus",
                  "viruses": "virus", "censuses": "census", "focuses": "focus", "statuses": "status", "lenses": "lens"}


@lru_cache(maxsize=50_000)
def term_set(text: str) -> frozenset[str]:
    """The distinct ``terms`` of a text, remembered: passages and sentences are scored for every question."""
    return frozenset(terms(text))


def word_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The pairs of ``terms`` that follow each other in a text (across stop words).

    >>> sorted(word_pairs("Provide a family hub in each area"))
    [('family', 'hub'), ('hub', 'area'), ('provide', 'family')]
    """
    words = terms(text)
    return frozenset(zip(words, words[1:]))


def without_terms(text: str, dropped: set[str] | frozenset[str], instead: str = "") -> str:
    """The text without the words whose index terms are ``dropped``, as written otherwise; with
    ``instead`` standing where the first of them stood.

    >>> without_terms("What does the Proud Place priority say about housing?", {"proud", "place"})
    'What does the priority say about housing?'
    >>> without_terms("Where does it want to be on skills by 2050?", {"skill"}, instead="health")
    'Where does it want to be on health by 2050?'
    """
    out: list[str] = []
    for word in text.split():
        if not set(terms(word)) & dropped:
            out.append(word)
        elif instead:
            out.append(instead)
            instead = ""
    return " ".join(out)


def terms(text: str) -> list[str]:
    """Lower-cased words without stop words, with a light plural/possessive fold.

    >>> terms("The council's businesses, homes and buses, and its priorities")
    ['council', 'business', 'home', 'bus', 'priority']
    >>> terms("I'm sure they don't")
    ['sure']
    """
    out = []
    for token in _TOKEN.findall(_CONTRACTION.sub(" ", text.lower().replace("’", "'"))):
        if token in STOP_WORDS:
            continue
        if token in _PLURALS_IN_ES:
            token = _PLURALS_IN_ES[token]
        elif token.endswith("sses"):
            token = token[:-2]  # "businesses" -> "business", as the singular reads
        elif len(token) > 4 and token.endswith("ies"):
            token = token[:-3] + "y"  # "inequalities" -> "inequality", "families" -> "family"
        elif len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
            token = token[:-1]
        out.append(token)
    return out


def family(term: str, letters: int = 6) -> str:
    """The first ``letters`` letters of a word, which it shares with the words of its family
    ("tourist", "tourism"); "" for a shorter word, which has no family but itself.

    >>> family("tourists") == family("tourism"), family("volunteer") == family("voluntary"), family("bus")
    (True, True, '')
    """
    return term[:letters] if len(term) >= letters else ""


# Words that say what the user wants done (or how sure an answer should be), not what the answer
# is about: they do not count when checking whether the passages cover the question.
QUESTION_WORDS = frozenset(terms(" ".join([
    "compare", "comparison", "contrast", "differ", "difference", "different", "differently", "similar", "similarity",
    "agree", "disagree", "alike", "unlike", "versus", "similarly", "detail", "details", "elaborate", "expand",
    "document", "documents", "say", "said", "mention", "mentioned", "describe", "described",
    "explain", "tell", "treat", "approach", "address", "addressed", "cover", "covered",
    "discuss", "discussed", "talk", "list", "summarise", "summarize", "according",
    # how sure: "Is the population expected to grow?" asks what the documents say will happen
    "expected", "predicted", "forecast", "projected", "anticipated", "likely",
])))


class KeywordIndex:
    """Okapi BM25 (as rank-bm25 scored it) over sparse matrices (bm25s): a query costs the
    postings of its words, not a walk over every passage, so 50,000 passages answer in
    milliseconds. bm25s stores Robertson term weights with an always-positive idf; each query
    word's scores are rescaled to Okapi's idf, whose floor keeps a word found in most passages
    slightly useful (bm25s's own Robertson idf drops it to zero; its Lucene and ATIRE idfs weigh
    it more, which cited worse passages on the dev set)."""

    def __init__(self, ids: list[str], texts: list[str]):
        self.ids = ids
        self.position = {i: n for n, i in enumerate(ids)}
        tokens = [terms(t) for t in texts]
        frequency = Counter(t for doc in tokens for t in set(doc))  # passages holding each word
        self._idf = _okapi_idf(frequency, len(tokens))
        self.bm25 = bm25s.BM25(method="robertson", idf_method="bm25+") if ids else None
        if self.bm25 is not None:
            self.bm25.index(tokens, show_progress=False)
        # bm25s's weight is idf_bm25+ * tf / (tf + k1 * norm); Okapi's is idf_okapi * (k1 + 1) * tf / (...)
        k1 = self.bm25.k1 if self.bm25 is not None else 1.5
        self._rescale = {t: (k1 + 1) * self._idf[t] / math.log((len(tokens) + 1) / f) for t, f in frequency.items()}

    def knows(self, term: str) -> bool:
        """Does any passage use the word?"""
        return term in self._idf

    def search(self, query: str, k: int, allowed: set[str] | None = None, frame: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
        """Ids of the best ``k`` chunks with a BM25 score above zero. Words that only say what to do
        with the answer (``QUESTION_WORDS``: "say", "compare", "document") are not searched for:
        "What do the plans say about libraries?" is not about passages that say "say". The words of
        ``frame`` ("want", "plan") count only beside a known word that is not one of them: "does the
        north want more tourists?" ("tourists" in no passage) is not about passages that say "want"."""
        query_terms = [t for t in terms(query) if t in self.bm25.vocab_dict and t not in QUESTION_WORDS] if self.bm25 is not None else []
        if not any(t not in frame for t in query_terms):
            return []
        scores = sum(self._rescale[t] * self.bm25.get_scores([t]) for t in query_terms)
        if allowed is not None:
            mask = np.zeros(len(self.ids), bool)  # built from the allowed ids: cost grows with them, not the index
            mask[[self.position[i] for i in allowed if i in self.position]] = True
            scores = np.where(mask, scores, 0.0)
        top = np.argpartition(-scores, min(k, len(scores) - 1))[: k + 1] if len(scores) > k + 1 else np.arange(len(scores))
        order = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in order[:k] if scores[i] > 0]

    def known_share(self, query: str, frame: frozenset[str] = frozenset()) -> float:
        """The share of the query's weight (idf) in words some passage uses: 1.0 when the library
        knows every word asked about, less when the rarest words are ones it never uses ("climate
        change": only "change" is searchable, and a passage holding it says little of climate).

        >>> index = KeywordIndex(["a", "b", "c"], ["climate targets", "a change of plan", "green spaces"])
        >>> index.known_share("climate change"), index.known_share("green spaces")
        (1.0, 1.0)
        >>> 0.0 < index.known_share("weather change") < 1.0, index.known_share("weather")
        (True, 0.0)
        """
        asked = set(terms(query)) - QUESTION_WORDS - frame
        total = sum(self.idf(t) for t in asked)
        return sum(self.idf(t) for t in asked if self.knows(t)) / total if total else 1.0

    def holding(self, term: str) -> list[str]:
        """Ids of the passages that use the word (its postings)."""
        if self.bm25 is None or term not in self.bm25.vocab_dict:
            return []
        return [self.ids[i] for i in np.flatnonzero(self.bm25.get_scores([term]))]

    def idf(self, term: str) -> float:
        """Inverse document frequency; a word the corpus never uses gets the highest value."""
        return self._idf.get(term, max(self._idf.values(), default=1.0))


def _okapi_idf(frequency: Counter, n: int, epsilon: float = 0.25) -> dict[str, float]:
    """Okapi BM25's idf, log((N - n + 0.5) / (n + 0.5)), from how many of the ``n`` passages hold
    each word; a word in more than half of them is floored at a quarter of the average (as
    rank-bm25 does)."""
    idf = {t: math.log(n - f + 0.5) - math.log(f + 0.5) for t, f in frequency.items()}
    floor = epsilon * (sum(idf.values()) / len(idf)) if idf else 0.0
    return {t: v if v > 0 else floor for t, v in idf.items()}
