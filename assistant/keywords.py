"""Keyword search: BM25 (rank-bm25) over the same chunks as the vector index.

Dense embeddings miss exact names and figures ("HS2", "£15 billion", "MASH"); BM25 catches
them. The keyword index is rebuilt in memory from the chunks stored in Chroma, so the two can
never disagree; for a few thousand chunks that takes milliseconds.

>>> terms("The Councils' transport plans, 2030!")
['council', 'transport', 'plan', '2030']
"""

from __future__ import annotations

import re

import numpy as np
from rank_bm25 import BM25Okapi
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


def terms(text: str) -> list[str]:
    """Lower-cased words without stop words, with a light plural/possessive fold."""
    out = []
    for token in _TOKEN.findall(text.lower().replace("’", "'").replace("'s", "")):
        if token in ENGLISH_STOP_WORDS:
            continue
        if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
            token = token[:-1]
        out.append(token)
    return out


# Words that say what the user wants done, not what the answer is about: they do not count
# when checking whether the passages cover the question.
QUESTION_WORDS = frozenset(terms(" ".join([
    "compare", "comparison", "contrast", "differ", "difference", "similar", "similarity",
    "document", "documents", "say", "said", "mention", "mentioned", "describe", "described",
    "explain", "tell", "treat", "approach", "address", "addressed", "cover", "covered",
    "discuss", "discussed", "talk", "list", "summarise", "summarize", "according",
])))


class KeywordIndex:
    def __init__(self, ids: list[str], texts: list[str]):
        self.ids = ids
        self.tokens = [terms(t) for t in texts]
        self.bm25 = BM25Okapi(self.tokens) if ids else None

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Ids of the best ``k`` chunks with a BM25 score above zero."""
        query_terms = terms(query)
        if self.bm25 is None or not query_terms:
            return []
        scores = self.bm25.get_scores(query_terms)
        order = np.argsort(-scores)
        hits = [(self.ids[i], float(scores[i])) for i in order if scores[i] > 0]
        if allowed is not None:
            hits = [h for h in hits if h[0] in allowed]
        return hits[:k]

    def idf(self, term: str) -> float:
        """Inverse document frequency; a word the corpus never uses gets the highest value."""
        if self.bm25 is None:
            return 0.0
        return float(self.bm25.idf.get(term, max(self.bm25.idf.values(), default=1.0)))
