"""Typos mended against the library's own words, before a question is read.

Chat is typed fast: "trnasport goals in the north", "wat are the prioritys". A misspelt word
matches no passage and no kind of section, so the question loses what it is about. A word is
mended only when it is neither a word of the library nor an English word (pyspellchecker's
dictionary), is written in lower case (a capitalised word may be a name: "Oundle"), and one edit
(a letter added, dropped, changed or two swapped) turns it into a word the library uses, the
most frequent such word winning ("-ys" is read as the plural "-ies" first). So "folks" and
"kids" stay (English words), "trnasport" becomes "transport", and nothing is mended into a word
the documents never use.

>>> speller = Speller(["Transport goals and transport priorities. The priority is housing."])
>>> speller.mend("trnasport goals in the north"), speller.mend("What are the prioritys?")
('transport goals in the north', 'What are the priorities?')
>>> speller.mend("Will folks in Oundle get buses?")
'Will folks in Oundle get buses?'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spellchecker import SpellChecker

from assistant.keywords import STOP_WORDS

_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")  # a lower-case word of four letters or more, alone


@lru_cache(maxsize=1)
def _english() -> SpellChecker:
    return SpellChecker(distance=1)  # its English word list ships inside the package


class Speller:
    def __init__(self, texts: list[str]):
        counts = Counter(w for t in texts for w in re.findall(r"[a-z]+", t.lower()))
        self.library = SpellChecker(language=None, distance=1)
        self.library.word_frequency.load_json({w: n for w, n in counts.items() if w not in STOP_WORDS})

    def mend(self, question: str) -> str:
        """The question with each misspelt word replaced by the library word one edit away."""
        return _WORD.sub(lambda m: self._mended(m.group()), question)

    def _mended(self, word: str) -> str:
        if word in self.library or word in _english():
            return word
        if word.endswith("ys") and (plural := word[:-2] + "ies") in self.library:
            return plural  # "prioritys": the plural meant, two edits away
        return self.library.correction(word) or word
