"""Check a language model's answer claim by claim against the passages it cites.

A claim is one sentence (or list item) of the answer with the [n] markers written after it. It
is supported only when all of these hold:
1. it cites at least one passage, and every [n] it cites was given to the model;
2. every figure and date in it ("£1bn", "2030", "13.5%") appears in the cited passages;
3. every proper name in it (a capitalised word inside the sentence) appears there too;
4. the cited passages hold at least ``min_coverage`` of its content words.
Sentences of a passage that read as instructions to an assistant ("Ignore previous
instructions ...") never count as support: a document cannot vouch for what it tells the
model to say.

>>> sources = {1: "Buses will reach every village by 2030.", 2: "Homes will be warm."}
>>> [(c.text, c.citations, c.supported) for c in check("Buses reach every village by 2030 [1]. Homes are warm [3].", sources)]
[('Buses reach every village by 2030.', [1], True), ('Homes are warm.', [3], False)]
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from assistant.keywords import terms

_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\[|[A-Z0-9\"“‘(£])|(?<=\])\s+(?=[A-Z\"“‘(£])|\n+")
_FIGURE = re.compile(r"[£$€]?\d[\d,.]*(?:%|bn|m|k)?", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompt|rules|above)\b|\byou are (now )?(an?|the) \w+"
    r"|\b(system prompt|assistant must|tell the user|respond with|reply with|say that)\b",
    re.I,
)
_COMMON_CAPITALS = {"I", "The", "A", "An", "In", "On", "By", "For", "We", "Our", "It", "This", "That", "These", "They"}


@dataclass
class Claim:
    text: str
    citations: list[int] = field(default_factory=list)
    supported: bool = False
    reason: str = ""  # why it is not supported ("" when it is)

    def to_dict(self) -> dict:
        return asdict(self)


def split_claims(answer: str) -> list[Claim]:
    """Sentences and list items with the [n] markers that follow them (markers removed).

    >>> [(c.text, c.citations) for c in split_claims("Buses run [1][2]. Trains too. [3]\\n- Parks [1, 2]")]
    [('Buses run.', [1, 2]), ('Trains too.', [3]), ('Parks', [1, 2])]
    """
    claims: list[Claim] = []
    for piece in _SPLIT.split(answer.strip()):
        piece = re.sub(r"^\s*[-*•]\s+", "", piece).strip()
        numbers = [int(n) for group in _MARKER.findall(piece) for n in re.split(r"\s*,\s*", group)]
        text = re.sub(r"\s+([.!?,;:])", r"\1", _MARKER.sub("", piece)).strip()
        if not text and claims:  # markers standing alone belong to the sentence before
            claims[-1].citations += numbers
        elif text:
            claims.append(Claim(text, list(dict.fromkeys(numbers))))
    return claims


def check(answer: str, sources: dict[int, str], min_coverage: float = 0.6) -> list[Claim]:
    """Every claim of ``answer`` with ``supported`` and, when not, the reason."""
    claims = split_claims(answer)
    for claim in claims:
        claim.reason = _problem(claim, sources, min_coverage)
        claim.supported = not claim.reason
    return claims


def support_text(passage: str) -> str:
    """The passage without its sentences that address an assistant rather than a reader."""
    return " ".join(s for s in re.split(r"(?<=[.!?])\s+", passage) if not _INSTRUCTION.search(s))


def coverage(claim: str, passage: str) -> float:
    """Share of the claim's content words found in the passage (a shared 5-letter stem counts).

    >>> coverage("Buses reaching villages", "Buses will reach every village.")
    1.0
    """
    wanted = terms(claim)
    if not wanted:
        return 0.0
    have = set(terms(passage))
    stems = {w[:5] for w in have if len(w) >= 5}
    return sum(w in have or (len(w) >= 5 and w[:5] in stems) for w in wanted) / len(wanted)


def _problem(claim: Claim, sources: dict[int, str], min_coverage: float) -> str:
    if not claim.citations:
        return "cites no source"
    unknown = [n for n in claim.citations if n not in sources]
    if unknown:
        return f"cites [{unknown[0]}], which is not a source"
    cited = " ".join(support_text(sources[n]) for n in claim.citations)
    flat = cited.replace(",", "").lower()
    for figure in _FIGURE.findall(claim.text):
        figure = figure.rstrip(".,").replace(",", "").lower()
        if figure and figure not in flat:
            return f"the figure {figure} is not in the cited passage"
    lowered = cited.lower()
    for name in _NAME.findall(claim.text):
        if name not in _COMMON_CAPITALS and name.lower() not in lowered:
            return f"the name {name} is not in the cited passage"
    share = coverage(claim.text, cited)
    if share < min_coverage:
        return f"the cited passage holds {share:.0%} of its words"
    return ""
