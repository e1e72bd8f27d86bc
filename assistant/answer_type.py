"""What a question wants as its answer: a figure, a person's name, a list of names, or whatever says it best.

Read once per question, then used wherever a sentence is weighed: the re-rank counts only the
sentences that give it, the scorer prefers them, and "found" needs one.

>>> when = AnswerType.of("When was the Big 50 Conference held?")
>>> when.figure, when.gives("The first Big 50 conference was a success."), when.gives("It met in July 2023.")
(True, False, True)
>>> who = AnswerType.of("Who is the leader of the council?")
>>> who.person, who.gives("Cllr Jason Smithers, Leader of the Council"), who.gives("The council leads.")
('leader', True, False)
>>> towns = AnswerType.of("Which towns are named in the plan?")
>>> towns.names, towns.gives("Our towns are thriving."), towns.gives("the towns of Towcester, Brackley and Daventry")
(True, False, True)
>>> AnswerType.of("Why do people live here?").specific
False
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.figures import figures, for_other_group, groups, has_figure, wants_count, wants_figure
from assistant.names import lists_names, wants_names
from assistant.people import names_person, person_asked


@dataclass(frozen=True)
class AnswerType:
    figure: bool = False  # "how many / when": a figure or a date the question does not state itself
    person: str | None = None  # "who is the <role>": someone named in that role ("" any role); None: no person
    stated: frozenset[str] = frozenset()  # the figures the question states (they name what it asks about)
    names: bool = False  # "which towns are mentioned": a sentence that lists places or organisations by name
    count: bool = False  # "how many / how much": a figure that is not a date
    group: frozenset[str] = frozenset()  # the groups of people a figure is asked for ("children"): a figure for others is none

    @classmethod
    def of(cls, question: str) -> AnswerType:
        figure, person = wants_figure(question), person_asked(question)
        names = not figure and person is None and wants_names(question)
        return cls(figure, person, frozenset(figures(question)), names, figure and wants_count(question),
                   groups(question) if figure else frozenset())

    @property
    def specific(self) -> bool:
        """Does the question want a figure, a person or names (rather than any sentence that says it)?"""
        return self.figure or self.person is not None or self.names

    def gives(self, sentence: str) -> bool:
        """Does the sentence hold what the question wants (any sentence does, when it wants nothing specific)?"""
        if self.figure:
            return has_figure(sentence, self.stated, dates=not self.count) and not for_other_group(sentence, self.group)
        if self.person is not None:
            return names_person(sentence, self.person)
        if self.names:
            return lists_names(sentence)
        return True
