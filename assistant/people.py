"""People: does a question ask for someone by name ("who is the leader"), does a sentence name someone?

A "who is the <role>" question is only answered by a sentence that names a person (a title
such as "Cllr" before a name, or "Name Surname, Leader of ..."). Vision documents rarely name
anyone, so without such a sentence the answer is "not found" instead of a sentence about the
role's organisation.

>>> person_asked("Who is the MP for Kettering?"), person_asked("What is the name of the Chief Executive?")
('mp', 'chief executive')
>>> person_asked("Who signed the foreword?"), person_asked("Who took part?"), person_asked("Who is the plan for?")
('', None, None)
>>> names_person("Cllr Jason Smithers, Leader of North Northamptonshire Council", "leader")
True
>>> names_person("Cllr Jason Smithers, Leader of the Council", "chief executive"), names_person("Jane Doe, MP for Corby", "mp")
(False, True)
>>> names_person("The Council leads the partnership."), names_person("Northampton Town, Rugby Club")
(False, False)
"""

from __future__ import annotations

import re

_ROLE = (r"leader|chair|chairman|chairwoman|chairperson|chief executive|mayor|mp|member of parliament|councillor|"
         r"minister|director|head|manager|president|secretary|officer|author|commissioner|cabinet member|portfolio holder")
_PERSON_QUESTION = re.compile(
    rf"^\s*(who('s| is| was| will be)? (the|our|their|its) ([\w'-]+ ){{0,3}}({_ROLE})\b"
    rf"|what('s| is| was) the name of\b|who (signed|wrote|leads|chairs|heads|runs)\b)",
    re.I,
)
_ROLE_WORD = re.compile(rf"\b({_ROLE})\b", re.I)
_TITLE = r"(Cllr|Councillor|Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Professor|Prof|Rev)\.?"
_NAME = r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*"
_NAMED = re.compile(rf"\b{_TITLE} {_NAME}|\b{_NAME} {_NAME}, (the )?(?i:{_ROLE})\b")


def person_asked(question: str) -> str | None:
    """The role whose holder the question asks for ("" for "who signed / wrote ..."), or None
    when it does not ask for a person."""
    match = _PERSON_QUESTION.search(question)
    if not match:
        return None
    role = _ROLE_WORD.search(question)
    return role.group(0).lower() if role else ""


def names_person(text: str, role: str = "") -> bool:
    """Does the text name someone (in ``role``, when given)?"""
    if not _NAMED.search(text):
        return False
    return not role or re.search(rf"\b{re.escape(role)}\b", text, re.I) is not None
