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

from assistant.keywords import QUESTION_WORDS, terms

_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\[|[A-Z0-9\"“‘(£])|(?<=\])\s+(?=[A-Z\"“‘(£])|\n+")
_FIGURE = re.compile(r"[£$€]?\d[\d,.]*(?:%|bn|m|k)?", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompt|rules|above)\b|\byou are (now )?(an?|the) \w+"
    r"|\b(system prompt|assistant must|tell the user|respond with|reply with|say that)\b",
    re.I,
)
# How a writer frames a fact ("the plan promises ..."), not the fact: not counted in coverage.
_FRAMING = QUESTION_WORDS | frozenset(terms(
    "plan document vision strategy promise aim commit intend want seek propose set out include state note "
    "highlight focus also aims commits intends wants seeks proposes sets includes states notes highlights focuses"))
_COMMON_CAPITALS = {"I", "The", "A", "An", "In", "On", "By", "For", "We", "Our", "It", "This", "That", "These", "They"}


@dataclass
class Claim:
    text: str
    citations: list[int] = field(default_factory=list)
    supported: bool = False
    reason: str = ""  # why it is not supported ("" when it is)
    attributed: bool = False  # the model gave no [n]; the checker found the passage that supports it

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
        if not re.search(r"[A-Za-z]", text):  # markers or a list number alone belong to the sentence before
            if claims:
                claims[-1].citations += [n for n in numbers if n not in claims[-1].citations]
        else:
            claims.append(Claim(text, list(dict.fromkeys(numbers))))
    return claims


def check(answer: str, sources: dict[int, str], min_coverage: float = 0.7) -> list[Claim]:
    """Every claim of ``answer`` with ``supported`` and, when not, the reason."""
    claims = split_claims(answer)
    for claim in claims:
        claim.reason = unsupported_reason(claim.text, claim.citations, sources, min_coverage)
        claim.supported = not claim.reason
    return claims


def attribute(claims: list[Claim], sources: dict[int, str], min_coverage: float = 0.7) -> list[Claim]:
    """Give a claim the model left uncited the one source that supports it, if one does (the
    same checks as a cited claim); a wrong [n] is never replaced: it stays flagged.

    >>> [c] = attribute(check("Buses reach every village.", {1: "Homes are warm.", 2: "Buses will reach every village."}), {1: "Homes are warm.", 2: "Buses will reach every village."})
    >>> (c.citations, c.supported, c.attributed)
    ([2], True, True)
    """
    for claim in claims:
        if claim.citations:
            continue
        ranked = sorted(sources, key=lambda n: -coverage(claim.text, support_text(sources[n])))
        for n in ranked[:1]:
            if not unsupported_reason(claim.text, [n], sources, min_coverage):
                claim.citations, claim.supported, claim.reason, claim.attributed = [n], True, "", True
    return claims


def support_text(passage: str) -> str:
    """The passage without its sentences that address an assistant rather than a reader."""
    return " ".join(s for s in re.split(r"(?<=[.!?])\s+", passage) if not _INSTRUCTION.search(s))


def coverage(claim: str, passage: str) -> float:
    """Share of the claim's content words found in the passage (a shared 5-letter stem counts).

    >>> coverage("Buses reaching villages", "Buses will reach every village.")
    1.0
    """
    wanted = [w for w in terms(claim) if w not in _FRAMING]
    if not wanted:
        return 0.0
    have = set(terms(passage))
    stems = {w[:5] for w in have if len(w) >= 5}
    return sum(w in have or (len(w) >= 5 and w[:5] in stems) for w in wanted) / len(wanted)


def unsupported_reason(text: str, citations: list[int], sources: dict[int, str], min_coverage: float = 0.7) -> str:
    """Why the passages ``citations`` do not support ``text``, or "" when they do.

    Support is local: one sentence (or two neighbouring ones) of a cited passage, read with the
    passage's heading line, must hold the claim's figures, names and words together, so a
    figure from one line and a label from another do not make a fact. A claim citing several
    passages may join the best such piece of each.

    >>> table = "Plan. Our Place.\\n\\n£282,744 Average house price\\n£950 - £1,100 Average rent"
    >>> unsupported_reason("The average house price is £950.", [1], {1: table})
    'the figure £950 is not in the cited passage'
    >>> unsupported_reason("The average house price is £282,744.", [1], {1: table})
    ''
    """
    if not citations:
        return "cites no source"
    unknown = [n for n in citations if n not in sources]
    if unknown:
        return f"cites [{unknown[0]}], which is not a source"
    pieces = [_pieces(sources[n]) for n in citations]
    if len(citations) == 1:
        reasons = [_reason(text, piece, min_coverage) for piece in pieces[0]]
        closest = max(range(len(reasons)), key=lambda i: _coverage(text, pieces[0][i]))
        return "" if "" in reasons else reasons[closest]  # why the closest piece falls short
    best = [max(options, key=lambda piece: _fit(text, piece)) for options in pieces if options]
    return _reason(text, (" ".join(h for h, _ in best), " ".join(s for _, s in best)), min_coverage)


def _pieces(source: str) -> list[str]:
    """A passage's sentences and pairs of neighbouring sentences of one paragraph (a list item
    or a table row stands alone), each after the passage's heading line (the text before a
    blank line, when the passage has one)."""
    heading, _, body = source.partition("\n\n") if "\n\n" in source else ("", "", source)
    windows = []
    for line in body.split("\n"):
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", support_text(line)) if s.strip()]
        windows += sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]
    return [(heading, w) for w in windows] or [(heading, "")]


def _fit(text: str, piece: tuple[str, str]) -> float:
    flat = " ".join(piece).replace(",", "").lower()
    figures = [f for f in _figures(text)]
    return _coverage(text, piece) + sum(f in flat for f in figures) / max(1, len(figures))


def _figures(text: str) -> list[str]:
    return [f.rstrip(".,").replace(",", "").lower() for f in _FIGURE.findall(text) if f.rstrip(".,")]


def _coverage(text: str, piece: tuple[str, str]) -> float:
    """Coverage by the sentence of the claim's words that its heading does not already hold: a
    heading naming the place must not make any sentence under it support any claim."""
    heading, sentence = piece
    have = set(terms(heading))
    rest = " ".join(w for w in terms(text) if w not in have)
    return coverage(rest, sentence) if rest else 1.0


def _reason(text: str, piece: tuple[str, str], min_coverage: float) -> str:
    flat = " ".join(piece).replace(",", "").lower()
    for figure in _figures(text):
        if figure not in flat:
            return f"the figure {figure} is not in the cited passage"
    lowered = " ".join(piece).lower()
    for name in _NAME.findall(text):
        if name not in _COMMON_CAPITALS and name.lower() not in lowered:
            return f"the name {name} is not in the cited passage"
    share = _coverage(text, piece)
    if share < min_coverage:
        return f"the cited passage holds {share:.0%} of its words"
    return ""
