"""Questions about the library itself, answered from its catalogue, not from passages;
"which document is that from?", answered from the citations of the answer it follows; and a
greeting or a request for help, answered with what the assistant does.

"What documents can I ask about?" lists the documents; "Who published the West plan?", "When was
the North vision written?" and "Is it a draft?" give the publisher, date or status the catalogue
records for each document in scope (``corpus/manifest.json``, or what ingest read from the file).
The answer says where it comes from and quotes no passage: the documents' text is not where these
facts are kept. A question about anything else than the document itself ("When was West
Northamptonshire Council created?") is left to the other answers.

>>> asks_library("What documents do you have?"), asks_library("Which plans can I ask about?")
(True, True)
>>> asked_fields("Who published the West plan?"), asked_fields("When was the North vision written?")
(['publisher'], ['date'])
>>> asked_fields("Is the vision still a draft?"), asked_fields("When was West Northamptonshire Council created?")
(['status'], [])
>>> asked_fields("How old is the population in the West?")
[]
"""

from __future__ import annotations

import re

from assistant.answer import Answer
from assistant.index import DocumentInfo

_DOCUMENTS = r"(documents?|plans?|visions?|strategies|strategy|files?|sources?|reports?)"
_LIBRARY = re.compile(
    rf"\b(what|which)\s+{_DOCUMENTS}\s+(do you have|have you got|are (there|available|loaded|indexed|in here)|"
    r"(can|could|do) (i|we) (ask|search|query|use)|do you (cover|know))"
    rf"|\blist (the|all|your) {_DOCUMENTS}\b|\bwhat (can|could) (i|we) ask( you)?( about)?\W*$", re.I)
# "which document is that from?", "which plan says that?", "where does it say that?": the previous answer's source
_SOURCE = re.compile(rf"^\W*(and\s+|so\s+)?((which|what)\s+({_DOCUMENTS}|one|section|part|page|chapter)\s+(is|was|are)\s+"
                     r"(it|that|this|these|those)\s+(from|in|on)"
                     rf"|(which|what)\s+({_DOCUMENTS}|one)\s+(says?|said|mentions?|is\s+(it|that)\s+(from|in))\s+(it|that|this|so)"
                     r"|where\s+(does|did|is)\s+(it|that|this)\s+(say|said|come from|from|written|stated)"
                     r"|what('s|\s+is)\s+the\s+source)\b", re.I)
# A greeting, thanks or a request for help, alone
_HELP = re.compile(r"^\W*((hi|hello|hey|good (morning|afternoon|evening)|thanks?( you)?|thank you( very much)?|cheers|ok(ay)?|help|"
                   r"what can you do|who are you|what are you|how (do|can) i use (this|you))\W*)+$", re.I)
# The document itself as the subject: "the West plan", "this vision", "it"
_SUBJECT = r"(the |this |that |your )?([\w'-]+ ){0,3}(plan|vision|document|strategy|it|they|these|them|each|both)"
_FIELDS = {
    "publisher": re.compile(rf"\bwho\s+(wrote|writes|published|publishes|produced|authored|issued|owns|is behind)\s+{_SUBJECT}\b"
                            rf"|\bwho\s+(is|are) the (authors?|publishers?) of\b|\bwho\s+(was|were) {_SUBJECT}\s+(written|published|produced) by\b", re.I),
    "date": re.compile(rf"\bwhen\s+(was|were|is|are)\s+{_SUBJECT}\s+(written|published|released|produced|issued|dated|put together)\b"
                       r"|\b(publication|release) date\b", re.I),
    "status": re.compile(rf"\b(is|are)\s+{_SUBJECT}\s+(still\s+)?(a |an |the )?(draft|final|finished|adopted|approved|agreed)\b"
                         rf"|\bwhat is the status of\b|\b{_SUBJECT}'?s status\b", re.I),
}
_SAYS = {"publisher": "published by {}", "date": "dated {}", "status": "status: {}"}


def asks_source(question: str) -> bool:
    """Does a follow-up ask where the previous answer comes from ("which document is that from?")?

    >>> asks_source("which document is it from?"), asks_source("Which plan says that?"), asks_source("where does it say that?")
    (True, True, True)
    >>> asks_source("which section is that in?"), asks_source("What page is it on?")
    (True, True)
    >>> asks_source("Which plan says more about buses?"), asks_source("Which document mentions family hubs?")
    (False, False)
    """
    return bool(_SOURCE.search(question))


def provenance(question: str, earlier: str, answer: Answer) -> Answer:
    """Where the answer to the ``earlier`` question comes from: the document and section of each
    passage it cited, with those passages cited again."""
    if not answer.found or not answer.citations:
        return Answer(question, f'The answer to "{earlier}" quoted no passage that answers it.', False, answer.citations,
                      "not_found", answer.scope)
    lines = [f'The answer to "{earlier}" comes from:']
    for title in dict.fromkeys(c.title for c in answer.citations):
        lines.append(f"{title}:")
        lines += [f"• {c.section or 'opening page'}{f', p. {c.page}' if c.page else ''} [{c.n}]" for c in answer.citations if c.title == title]
    return Answer(question, "\n".join(lines), True, answer.citations, "fact", sorted({c.doc_id for c in answer.citations}))


def asks_help(question: str) -> bool:
    """Is the message a greeting, thanks or a request for help, with nothing asked of the documents?

    >>> asks_help("hello"), asks_help("Thanks!"), asks_help("What can you do?"), asks_help("help")
    (True, True, True, True)
    >>> asks_help("What help is there for carers?"), asks_help("hello, what are the priorities?")
    (False, False)
    """
    return bool(_HELP.match(question))


def help_answer(question: str, documents: dict[str, DocumentInfo]) -> Answer:
    """What the assistant does, with questions to try on the library's first document."""
    titles = sorted(d.title for d in documents.values())
    first = titles[0] if titles else "a document"
    text = (f"I answer questions about the {len(titles)} document{'s' if len(titles) != 1 else ''} in the library, "
            "quoting the passages each answer comes from, and I say so when they do not answer. Try "
            f'"Give me an overview of {first}", "Which goals address transport?", "Compare the documents on housing", '
            'or "What documents can I ask about?".')
    return Answer(question, text, True, [], "catalogue", [d.doc_id for d in documents.values()])


def asks_library(question: str) -> bool:
    """Does the question ask which documents there are?"""
    return bool(_LIBRARY.search(question))


def asked_fields(question: str) -> list[str]:
    """Which of publisher, date and status the question asks about its document."""
    return [name for name, pattern in _FIELDS.items() if pattern.search(question)]


def library(question: str, documents: dict[str, DocumentInfo], most: int) -> Answer:
    """The documents of the library (the ``most`` first, by title), with what the catalogue records of each."""
    listed = sorted(documents.values(), key=lambda d: d.title.lower())
    lines = [f"The library holds {len(listed)} document{'s' if len(listed) != 1 else ''} (from its catalogue):"]
    lines += [f"• {d.title}{_described(d, ['publisher', 'date', 'status'])}" for d in listed[:most]]
    if len(listed) > most:
        lines.append(f"… and {len(listed) - most} more (the About the documents tab lists them all).")
    return Answer(question, "\n".join(lines), True, [], "catalogue", [d.doc_id for d in listed[:most]])


def catalogue_answer(question: str, doc_ids: list[str], documents: dict[str, DocumentInfo], fields: list[str]) -> Answer:
    """What the catalogue records of the documents in scope: their publisher, date or status."""
    lines = ["From the library's catalogue (not a passage of the documents):"]
    for doc_id in doc_ids:
        info = documents[doc_id]
        lines.append(f"• {info.title}{_described(info, fields) or ' — the catalogue records nothing of that.'}")
    return Answer(question, "\n".join(lines), True, [], "catalogue", doc_ids)


def _described(info: DocumentInfo, fields: list[str]) -> str:
    said = [_SAYS[f].format(getattr(info, f)) for f in fields if getattr(info, f, "")]
    return f" — {', '.join(said)}." if said else ""
