"""Names: does a question ask which places or organisations a document names, does a sentence list some?

"Which towns are mentioned in the North vision?" is answered by the sentence that lists them
("its major towns (Corby, Kettering, Wellingborough)"), not by one about towns in general.
Retrieval ranks such a question's passages by their best sentence *that lists names*, as it does
with figures for "how many".

>>> wants_names("Which towns are mentioned in the North vision?"), wants_names("Name the market towns in the West plan")
(True, True)
>>> wants_names("Which stately homes does the plan mention?"), wants_names("Which towns are growing?")
(True, False)
>>> wants_names("What services are mentioned for older people?"), wants_names("What is the town called?")
(False, False)
>>> lists_names("from its major towns (Corby, Kettering, Wellingborough) to idyllic villages")
True
>>> lists_names("Althorp, Sulgrave Manor, Canons Ashby and Kelmarsh Manor"), lists_names("Towns, villages and countryside")
(True, False)
"""

from __future__ import annotations

import re

# Things a document calls by their proper names: places, buildings, organisations.
_NAMED_THINGS = (r"towns?|villages?|places|cities|city|homes|houses|manors|estates|parks|rivers|waterways|attractions|"
                 r"landmarks|sites|venues|areas|districts|companies|employers|brands|universities|colleges|organisations|"
                 r"organizations")
_ASKS_NAMES = re.compile(
    rf"^\s*(please\s+)?(name|list)\s+(the|all|every|any|some)\s+([\w'-]+\s+){{0,2}}({_NAMED_THINGS})\b"
    rf"|\b(which|what)\s+(are\s+the\s+)?([\w'-]+\s+){{0,2}}({_NAMED_THINGS})\b.*\b(mention|mentions|mentioned|named|listed)\b",
    re.I,
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*"
_LIST = re.compile(rf"\b{_NAME}(?:,\s+{_NAME})+,?\s+(?:and|&)\s+{_NAME}|\b{_NAME}(?:,\s+{_NAME}){{2,}}")


def wants_names(question: str) -> bool:
    """Does the question ask for places or organisations by name ("which towns are mentioned")?"""
    return _ASKS_NAMES.search(question) is not None


def lists_names(sentence: str) -> bool:
    """Does the sentence list two or more proper names ("Towcester, Brackley and Daventry")?"""
    return _LIST.search(sentence) is not None
