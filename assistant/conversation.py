"""Read a question in its conversation: which documents, what kind of answer, about what.

History arrives as the earlier questions (the CLI's ``--history``, the API's list). Each one is
read in turn, so the state carries forward as a person would expect:
- a question that names no document keeps the conversation's documents ("What are the
  priorities?" after a question about West Northamptonshire is about West Northamptonshire);
- a follow-up ("and for housing?", "what about the North?", "its priorities", "tell me more")
  keeps the frame of the question before it (what was asked: "outcomes by 2030") and swaps in
  its own topic, or keeps the old topic when it brings none;
- a question that names a document ("... in West Northants", "what about the North?") moves
  the conversation to it; a comparison ("compare", "both", "each") opens it to every document.

>>> docs = {"north": ["North Northamptonshire"], "west": ["West Northamptonshire", "West Northants"]}
>>> t = read("and what about housing?", ["What outcomes does West Northamptonshire want for transport by 2030?"], docs)
>>> t.doc_ids, t.kind, t.focus_text, t.query
(['west'], 'outcome', 'housing', 'What outcomes does want for housing by 2030?')
>>> read("what about the North?", ["What does West Northants plan for skills?"], docs).doc_ids
['north']
>>> read("What do the two plans each say about data?", [], docs).comparison, read("How many homes are built each year?", [], docs).comparison
(True, False)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer_type import AnswerType
from assistant.figures import in_measure_words, wants_figure
from assistant.keywords import QUESTION_WORDS, terms, without_terms
from assistant.structure import ANY_KIND, CARDINALS, IS_A_KIND, KIND_WORD, LINE_KINDS, LIST_QUALIFIERS, PRIORITY_NUMBER, cardinal, kind_named, wanted_kind

_FOLLOW_UP = re.compile(
    r"^(and|but|also|what about|how about|what of|same|so|then|or|is that|are they|does it|do they|tell me more)\b"
    r"|\b(it|its|they|them|their|that|those|these|this one|there|the same|as well|likewise|related|relevant|corresponding)\b",
    re.I,
)
# "each" compares ("What do the plans each say?"), but not in "each other" or "each year".
_COMPARE = re.compile(
    r"\b(compare|compared|comparison|contrast|both|each(?!\s+(?:other|one|year|month|week|day|time)s?\b)|differ|differs|"
    r"difference|differences|different(ly)?\s+(from|to|than|on|in|about)|how different|versus|vs|"
    r"two (documents|plans|visions|strategies|councils|authorities|areas)|the documents|in common|similarities|similar|"
    r"which (plan|document|vision|one)|which of the (two|plans|documents)|(plans|documents|visions) (agree|disagree|overlap))\b",
    re.I,
)
# "want to achieve", "is hoping to do": what a plan sets out to do. Alone, it asks for the plan's purpose; about
# something ("what does the West want to achieve for older people?"), for its goals about it.
_AIMING_TO = r"(trying|tries|try|wants?|hopes?|hoping|seeks?|seeking|sets? out|aims?|aiming|expects?|intends?) to (do|achieve|accomplish)"
_AIMS_ABOUT = re.compile(rf"\b{_AIMING_TO}\b", re.I)
# Words asking for a document as a whole ("a quick overview", "the big picture", "in a few sentences",
# "a one-line summary", "its purpose", "what is it trying to achieve", "what is it for?").
# "What is a vision?" asks what the word means, even beside a document's name: no overview.
_DEFINITION = re.compile(r"\b(a|an)\s+(vision|plan|document|strategy)\b", re.I)
_OVERVIEW = re.compile(
    r"\b((quick|brief|short|general|high[- ]level|simple|rough)\s+)?(summar(y|ise|ize)|overview|outline|rundown|synopsis)\b"
    r"|\b(in a nutshell|gist|describe|explain)\b|\b(main|key|big)\s+(points?|ideas?|themes?|messages?|picture)\b"
    r"|\b(in )?(a few|one|two|three|\d+)[ -](sentences?|words?|lines?|paragraphs?)\b|\b(about|cover|covers|for)\s*[?.!]*$"
    r"|\b(purpose|mission|" + _AIMING_TO + r")\b"
    r"|\b(vision|mission|purpose|lead|headline)\s+statement\b"  # "the vision statement", "its overall aim": the plan's own purpose
    r"|\b(headline|overall|overarching|central|core|main|ultimate|primary)\s+(ambition|aim|vision|goal|message|objective)\b",
    re.I,
)
# Words that introduce what a structural question is about ("goals that address rural transport").
_CONNECTOR = re.compile(r"\b(address\w*|about|on|for|regarding|concerning|relat\w* to|to do with|cover\w*|tackl\w*|"
                        r"deal\w* with|around|involv\w*|mention\w*|help\w*|support\w*|improv\w*|reduc\w*)\b", re.I)
# "the third priority", "the second one" (after a list of priorities): a priority by its place.
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r"|(\d+)(?:st|nd|rd|th)|(?:number|no\.?)\s*(\d+))\b", re.I)
_NEXT_ONE = re.compile(r"\bthe\s+(next|following|previous)(\s+one)?\s*[?.!]*\s*$", re.I)  # "and the next one?"
_ORDINAL_PRIORITY = re.compile(_ORDINAL.pattern + r"\s+priority\b", re.I)
_PLACE = r"\b(" + "|".join(_ORDINALS) + r"|last|final|(\d+)(?:st|nd|rd|th))"
# "the second one" after a list: its item by place (not "the final One West plan": a name).
_ORDINAL_ONE = re.compile(_PLACE + r"\s+(?-i:ones?)\b", re.I)
# "the last step", "the second guiding principle": one item of a list by its place ("the third priority" above).
_ORDINAL_ITEM = re.compile(_PLACE + r"\s+(guiding\s+)?"
                           r"(?P<kind>step|stage|principle|driver|goal|objective|outcome|commitment|action|priority)\b", re.I)
# "step two", "priority 3", "goal number 4", "which priority is number 3?": one item by the number after its kind
# (two digits at most: "outcomes 2030" is a year).
_NUMBERED_ITEM = re.compile(r"\b(?P<kind>step|stage|phase|principle|driver|goal|objective|outcome|priority)"
                            r"(\s+(is\s+)?(number|no\.?))?\s+(?P<n>\d{1,2}|" + "|".join(CARDINALS) + r")\b(?!\s*%)", re.I)
_IN_A_PRIORITY = (None, "priority", "goal", "outcome", "priority_area", "action")  # what a priority's place can narrow
# "which one is about jobs?", "which is about housing?", "the transport one" after a list ask for one of its
# items, not which document (unless "of the plans").
_WHICH_ITEM = re.compile(r"\bwhich (ones?|is|are|of (them|those|these))\b(?!\s+of\s+the\s+(two|plans?|documents?|visions?)\b)"
                         r"|\bthe\s+(?!" + _PLACE + r"\b|other\b)[a-z]+\s+(?-i:one)\s*[?.!]*$", re.I)
# "which priority is that in?", "what goal is it under?": the item of that kind about what was asked before
_WHICH_KIND = re.compile(r"\b(which|what)\s+(" + ANY_KIND + r")\b", re.I)
_DOCUMENT_NOUN = r"(plan|vision|document|strategy)"  # after a document's name, part of it ("the West plan")
# A qualifier written in lower case still names a document before a document noun ("the west plan",
# "north and west plans", "north vision's") or after "the" ("does the north want tourists", "and the
# north's?"); elsewhere, or as a part of a place ("the north of the county", "the west end", "the West
# Coast"), it is a direction.
_QUALIFIED = (rf"\b{{q}}((\s+(and|or|&)\s+\w+)?\s+{_DOCUMENT_NOUN}s?\b|'s\s+{_DOCUMENT_NOUN}\b)"
              rf"|\bthe\s+{{q}}\b(?!-|\s+(of|side|end|bank|east|west|north|south|midlands|country)\b|(?-i:\s+[A-Z]))")
Related = Callable[[list[str], list[str]], list[list[float]]]  # how close in meaning each word is to each other word (cosines)
# "and older people?", "what about parks?": a follow-up that puts a new topic in place of the old one, unless it
# points back at it ("and what does it cost?").
_SWAP = re.compile(r"^\s*(and|or|what about|how about|what of)\b", re.I)
# "how does that compare with older people?": the earlier answer set beside another topic (what follows), not another document
_COMPARED_WITH = re.compile(
    r"\b(compare[sd]?|comparison|contrast(s|ed)?|stacks? up)\s+((it|that|this|them|those|these)\s+)?(with|to|against)\s+(?P<other>.+)", re.I)
_ABOUT = re.compile(r"\b(?:about|regarding|concerning|on)\s+", re.I)  # what a question asks about follows these words
_BACK_REFERENCE = re.compile(r"\b(it|its|they|them|their|that|those|these|this)\b", re.I)
_LOOK_LIKE = re.compile(r"\blook(s|ing)?\s+like\b", re.I)  # "what will the North look like in 2050?" asks about the North
# "care about", "think about": verbs of concern that frame what comes after "about" ("care" is a topic too: social care).
_CONCERN = re.compile(r"\b(cares?|cared|caring|think(s|ing)?|worr(y|ies|ied)|bother(s|ed)?)\s+(?=about\b)", re.I)
# The plan's author as the subject of the question ("will the council help small shops?", "is the council going to
# ...", "what is the authority doing about ..."): who acts, not what is asked about. Not the council of a council
# service ("will my council tax rise?") nor the council a question asks about ("how is the council run?", "is the council a priority?").
_BE = "is|are|was|were|be|been"
_AUXILIARY = rf"{_BE}|will|would|do|does|did|can|could|should|has|have|had|may|might|must"  # verbs a question opens with
_AUTHOR_ACTS = re.compile(rf"\b({_AUXILIARY})\s+"
                          r"(the|our|my|your)\s+(local\s+)?(council|authority)(?=\s+[\w'’-]+\s+\w)"
                          r"(?!\s+(a|an|the|tax|houses?|housing|homes?|services?|estates?|flats?|tenants?|staff|budgets?|meetings?)\b)", re.I)
# "planning" as the verb a question is put in ("Is the North planning new stations?", "what are they planning for
# buses?"), not town planning ("what about planning?", "is the planning system changing?").
_PLANNING_VERB = re.compile(rf"\b({_BE})\b((?:\s+[\w'’-]+){{0,3}}?)\s+planning\b", re.I)
# A figure asked without saying of what ("how many will be built?", "and how much has been invested?")
_HOW_MANY_OF_IT = re.compile(rf"^\W*(and\s+|so\s+)?how\s+(many|much)\s+({_AUXILIARY})\b", re.I)
# The earlier question again, in one document: "only in the North vision", "just the West", "for the North plan?"
_IN_SCOPE = re.compile(r"\s*(only|just|in|for|within|from)\b", re.I)
# A question that ends by asking what a document says ("what does the West say?", "and what does the North
# want?"): in a conversation, what it says on the topic asked about; alone, an overview.
_WHAT_IT_SAYS = re.compile(r"\b(say|says|want|wants)\W*$", re.I)
# Words that rule a document out when they come right before its name ("not in the North", "apart from the West plan").
_EXCLUDING = (r"\b(not|except(\s+for)?|excluding|exclude|ignoring|ignore|apart\s+from|other\s+than|rather\s+than|"
              r"without|leaving\s+out|leave\s+out|besides|but\s+not)\s+((in|from|for|about|of)\s+)?")
# "what about the other plan?": the documents the conversation has not been about.
_OTHER = re.compile(rf"\b(the\s+)?other\s+({_DOCUMENT_NOUN}|one|council|area)\b", re.I)
# "the two councils", "both areas": every document, named as an alias names one (as in ``_COMPARE``; "the two
# plans" are frame words already)
_BOTH = re.compile(r"\b(the\s+)?(two|both)\s+(councils|authorities|areas)\b", re.I)
_MORE = re.compile(r"\b(tell me more|more detail|more about (that|this|it)|elaborate|expand on|go on)\b", re.I)
# Words that frame a question without saying what it is about.
FRAME_WORDS = frozenset(terms("what which who how why when where list name give tell show does do did is are was were "
                              "the plan plans vision document documents say says said want wants make makes more about main key "
                              "common achieve achieved delivered implemented realised accomplished called one ones related "
                              "relevant corresponding "
                              "happen happens happening happened going taken intend intends intended aiming like planned")) | QUESTION_WORDS
# Verbs that ask what a part of a document holds ("What does the Good Health goal offer?"), not about what.
ASKS_CONTENT = frozenset(terms("offer mean promise pledge involve include contain propose entail aim set out stand for"))
# Verbs that ask where something sits in a list ("which priority does X fall under?", "which goals include X?")
_LOCATING_VERBS = "belong belongs fall falls come comes sit sits fit fits include includes contain contains feature features appear appears go goes"
_LOCATING = re.compile(r"\b(" + "|".join(_LOCATING_VERBS.split()) + r")\b", re.I)
_LOCATING_TERMS = frozenset(terms(_LOCATING_VERBS))
_QUALIFIER_BEFORE_KIND = re.compile(r"\b([\w-]+)\s+(?=(" + ANY_KIND + r")\b)", re.I)  # "key priority": a word and the kind after it
_WORD = re.compile(r"[\w'’-]+")  # a word as the user wrote it ("children's", "cost-of-living")
_LIST_QUALIFIERS = frozenset(terms(" ".join(LIST_QUALIFIERS)))  # "the seven priorities": no topic


@dataclass
class Turn:
    question: str  # as asked
    query: str  # what is searched: the question completed from the conversation, document names left out
    doc_ids: list[str] = field(default_factory=list)  # the documents in scope ([]: all)
    names: list[str] = field(default_factory=list)  # the document names the conversation used
    kind: str | None = None  # the kind of section asked for (structure.KINDS), if any
    topic: list[str] = field(default_factory=list)  # what the question is about, as index terms
    topic_text: str = ""  # the same in the user's words ("jobs", not "job"): what a topic search embeds
    focus: list[str] = field(default_factory=list)  # the topic a structural question narrows to ("goals about X")
    focus_text: str = ""  # that topic in the user's words, for messages
    follow_up: bool = False
    comparison: bool = False
    overview: bool = False
    more: bool = False  # "tell me more": the same question, a longer answer
    priority_number: int | None = None  # a priority named by its place ("the third priority"; "the second" after a list of them), -1 the last
    item_number: int | None = None  # one item of the list of ``kind`` by its place, -1 the last ("the last step")
    priority_text: str = ""  # the earlier question that named the priority "its goals" belong to ("" : this one)
    earlier: str = ""  # a follow-up's earlier questions, as asked ("What is the Good Health goal?" before "what priority is it under?")
    answer_type: AnswerType = field(default_factory=AnswerType)  # a figure, a name, or any sentence that says it
    places: list[str] = field(default_factory=list)  # the topic's proper names that chose the scope ("corby")
    excluded: list[str] = field(default_factory=list)  # documents the conversation ruled out ("ignoring the West plan")
    narrowing_query: str = ""  # the old topic with the new one, if the documents do not answer the new topic alone
    kind_implied: bool = False  # the kind was read from "what does X want to achieve for Y?", not named: a list only if one speaks of Y
    # a figure asked of what the conversation was about ("how fast has it grown?", "how much money?"): the earlier
    # question's words say what it is about as much as its own words do
    of_earlier: bool = False
    vector: list[float] | None = field(default=None, repr=False)  # the query's embedding, once computed
    vector_of: str = field(default="", repr=False)  # the query it was computed for

    @property
    def asked(self) -> str:
        """The words the topic was asked in: the question's own, or the earlier questions' when the
        question only moves them ("and in the North?" after "How will West Northants support carers?").

        >>> Turn("and in the North?", "", topic=["support", "carer"], follow_up=True, earlier="How will the West support carers?").asked
        'How will the West support carers?'
        """
        return self.earlier if self.follow_up and not set(self.topic) & set(terms(self.question)) else self.question


def read(question: str, history: list[str], aliases: dict[str, list[str]], max_follow_up_words: int = 8,
         proper_names: dict[str, frozenset[str]] | None = None, related: Related | None = None) -> Turn:
    """The question as understood after the conversation ``history`` (oldest first);
    ``proper_names`` are the names each document alone uses (``own_names``); ``related`` tells how
    close in meaning two words are (without it, a new topic replaces all of the old one)."""
    turn = None
    for earlier in history:
        turn = _read_one(earlier, turn, aliases, max_follow_up_words, proper_names or {}, related)
    return _read_one(question, turn, aliases, max_follow_up_words, proper_names or {}, related)


def _read_one(question: str, before: Turn | None, aliases: dict[str, list[str]], max_words: int,
              proper_names: dict[str, frozenset[str]], related: Related | None = None) -> Turn:
    """The question read after ``before``; a document the conversation ruled out stays out of every
    later turn, a comparison's included ("Apart from the North vision, what is said about skills?"
    ... "compare that with jobs": in the West plan), until a question names it again."""
    turn = _read_turn(question, before, aliases, max_words, proper_names, related)
    excluded = (set(before.excluded) - set(turn.doc_ids) if before else set()) | set(turn.excluded)
    turn.excluded = sorted(excluded)
    if excluded and not turn.doc_ids:
        turn.doc_ids = [d for d in aliases if d not in excluded]
    return turn


def _read_turn(question: str, before: Turn | None, aliases: dict[str, list[str]], max_words: int,
               proper_names: dict[str, frozenset[str]], related: Related | None = None) -> Turn:
    named = mentions(question, aliases)
    used = [a for names in named.values() for a in names]
    ruled_out, question_left = excluded(question, named)
    if ruled_out:  # "not the North", "ignoring the West plan": the documents named and not ruled out, else all the others
        named = {d: n for d, n in named.items() if d not in ruled_out} or dict.fromkeys((d for d in aliases if d not in ruled_out), [])
    own = _BOTH.sub(" ", _OTHER.sub(" ", without_phrases(question_left, used))).strip()  # "the other plan" names a document, as an alias does
    own = _LOOK_LIKE.sub(" ", _CONCERN.sub("", own))  # "do they care about parks?": parks, not care; "what will X look like?": X
    own = _PLANNING_VERB.sub(_as_verb, _AUTHOR_ACTS.sub(r"\1", own))  # "will the council help small shops?": small shops
    own = in_measure_words(own)  # "how many folks live there?": the population
    topic, kind = topic_terms(own), wanted_kind(own)
    implied = kind is None and bool(topic) and bool(_AIMS_ABOUT.search(own))
    if implied:  # "what is the North trying to achieve on transport?": its goals about transport, as "its aims for transport"
        kind = "goal"
    if before is not None and topic and set(topic) <= ASKS_CONTENT and _BACK_REFERENCE.search(question):
        topic = []  # "what does it mean?", "what does that involve?": what the earlier answer was about, again
    if named and not kind and topic and set(topic) <= _ABOUT_ITSELF:  # about the named document itself: search for it
        own = named_as_this(question_left, used)
    if kind is None and before is not None and (which := _WHICH_KIND.search(own)) and _FOLLOW_UP.search(question):
        kind = kind_named(which.group(2))  # "what goal is that under?": one of that kind, as "which goal"
    which_item = before is not None and before.kind is not None and bool(_WHICH_ITEM.search(question))
    # "compare", "both", ... or two documents named at once ("the north and the west on buses")
    comparison = bool(_COMPARE.search(_WHICH_ITEM.sub(" ", question) if which_item else question)) or (
        len(named) > 1 and not ruled_out)
    other_topic = before is not None and not named and _compares_with_a_topic(question)
    comparison = comparison and not other_topic  # the conversation's documents stay; the new topic takes the old one's place
    places = []
    if not named and not comparison and not (before and before.names):  # "a new hospital in Corby": where Corby is
        owners = owner(question, proper_names)
        named = dict.fromkeys(owners, [])
        places = [t for t in topic if owners and t in proper_names[owners[0]]]
    # "what are the commitments?" after a question about one priority: its commitments
    narrows = before is not None and kind in _IN_A_PRIORITY[2:] and not topic and not named
    # a follow-up by its words ("and for housing?", "which one ...?" after a list), a narrowing one, a short
    # question that can only mean something in context ("why?"), or one that only moves it ("only in the North")
    follow_up = before is not None and (which_item or narrows or _is_follow_up(question, max_words) or (
        not topic and not kind and (_IN_SCOPE.match(question) or _WHAT_IT_SAYS.search(question) if named
                                    else len(question.split()) <= max_words)) or (
        _asks_a_figure_in_passing(question) and before.kind is None and before.topic and not named))
    doc_ids = list(named) if named else ([] if comparison or before is None else before.doc_ids)
    # "the housing goals", "which priority does tourism fall under?": those about housing, tourism
    focus_text = _focus_text(own, kind) or (topic_words(own) if implied else "")  # "want to achieve in education": education
    if kind in LINE_KINDS and focus_text:  # "statistics about children": a question for figures about children
        kind = None
    # a summary asked for, a named document and nothing asked about it, or a comparison with nothing to compare on
    overview = (_asks_overview(own, bool(named)) or (comparison and not kind)) and not topic and not wants_figure(question)
    turn = Turn(question, own, doc_ids, used, kind, topic, topic_words(own), topic_terms(focus_text), focus_text,
                follow_up, comparison, overview=overview, more=bool(_MORE.search(question)),
                answer_type=AnswerType.of(question), places=places, excluded=sorted(ruled_out), kind_implied=implied)
    if follow_up:
        turn.earlier = f"{before.earlier} {before.question}".strip()
    numbered = _NUMBERED_ITEM.search(own)
    if _ORDINAL_PRIORITY.search(own) or (numbered and numbered.group("kind").lower() == "priority"):
        turn.priority_number = place(own) or _number(numbered)  # "the third priority", "priority two"
        if turn.kind == "priority":  # "which priority is number 3?": that priority, not the list
            turn.kind, turn.overview = None, False
    elif (item := _ORDINAL_ITEM.search(own) or numbered) and not (before and before.kind == "priority"):
        turn.kind, turn.overview = kind_named(item.group("kind")), False  # "the last step", "step two": that item
        turn.item_number = _number(item) if item is numbered else _item_place(item)
    elif before and before.kind not in (None, "priority") and not kind and (bare := _follow_up_place(own, before.item_number)):
        # "what is the second one?", "who takes part in the first?" after a list of steps: that step, in the list's documents
        turn.kind, turn.item_number, turn.overview, turn.follow_up = before.kind, bare, False, True
        _without_ordinal(turn, own)  # "tell me more about the second": the ordinal is no topic
        turn.doc_ids = turn.doc_ids or before.doc_ids
        _keep_priority(turn, before)  # "and the second?" after "the first goal under Proud Place": its second goal
        return turn
    # after a list of priorities ("the second one", "the goals under the third") or one priority ("and the second?",
    # "the next one?" after "What is the first priority?"): a priority by its place, in the same documents
    after_priority = before is not None and (before.kind == "priority" or (before.kind is None and before.priority_number))
    if after_priority and turn.priority_number is None and turn.kind in _IN_A_PRIORITY:
        turn.priority_number = _follow_up_place(own, before.priority_number)
        if turn.priority_number:  # "the outcomes for the fifth": the ordinal is no topic
            _without_ordinal(turn, own)
        if turn.priority_number and turn.kind in (None, "priority"):  # "tell me more about the third one": that priority, not the list again
            turn.kind, turn.overview, turn.topic, turn.topic_text, turn.follow_up = None, False, [], "", True
            return turn
    if not follow_up:
        return turn
    turn.comparison = comparison or (before.comparison and not named)
    if before.doc_ids and not named and _OTHER.search(question):  # "and the other plan?"
        turn.doc_ids = [d for d in aliases if d not in before.doc_ids] or before.doc_ids
    elif before.doc_ids and named and comparison:  # "how does that compare with the North?": both sides
        turn.doc_ids = list(dict.fromkeys(before.doc_ids + turn.doc_ids))
    turn.names = turn.names or before.names
    if turn.kind and turn.kind != before.kind and not topic:  # "its priorities?": a new question about the same documents
        if before.kind == "priority" and before.focus and turn.kind in _IN_A_PRIORITY:
            # "which priority is about homes?" ... "what are its outcomes?": that priority's, found by the same topic
            _same_topic(turn, before)
            turn.query = f"{own} {before.focus_text}"
        elif turn.kind in _IN_A_PRIORITY[2:] or _WHICH_KIND.search(question) or IS_A_KIND.search(question):
            if turn.kind in _IN_A_PRIORITY[2:]:  # "What is the first priority?" ... "what are its commitments?": that priority's
                _keep_priority(turn, before)
            if (before.focus or (before.kind is None and before.topic and not before.overview)) and _FOLLOW_UP.search(question):
                # "What does the plan say about transport?" ... "what are its outcomes?" / "which priority is that in?" /
                # "is that a priority?";
                # "Which goals are about children?" ... "which priority are they under?": those about transport, children
                _same_topic(turn, before)
                if not before.focus:
                    turn.focus, turn.focus_text = before.topic, before.topic_text
                turn.query = f"{own} {turn.focus_text}"
        return turn
    # "how fast is it growing?" after "which driver is about population?": a figure about it, not another driver
    figure_of_it = bool(topic) and turn.answer_type.figure and not kind and _BACK_REFERENCE.search(question) is not None
    if not (turn.priority_number and before.kind == "priority") and not figure_of_it:  # "what is priority two about?" after the list: that one
        if not turn.kind:
            turn.kind, turn.kind_implied = before.kind, before.kind_implied
    if which_item:  # "which one is about housing?" after the goals of one priority: one of its goals
        _keep_priority(turn, before)
    turn.of_earlier = figure_of_it or (not kind and before.kind is None and _asks_a_figure_in_passing(question))
    if figure_of_it:
        turn.query = f"{before.focus_text or before.topic_text} {own}"
    elif topic and before.kind:  # a new topic in the old frame ("outcomes by 2030" ... "and for housing?")
        turn.query = _frame(before, own, turn.topic_text)
        if not turn.focus:  # "and buses in towns?" after "Which goals address rural transport?": the goals about that
            turn.focus, turn.focus_text = topic, turn.topic_text
    elif topic:  # a fact follow-up: the old question's words stay in the search, weighted low when scoring
        turn.query = f"{before.query} {own}"
        if (other_topic or _SWAP.match(question) and not _BACK_REFERENCE.search(question)) and not set(topic) <= set(places):
            # "and older people?" after young people: the old topic goes ("what about Daventry?" moves the old
            # question to another place); "what about affordability?" after housing narrows it instead, which
            # the answer tries when the new topic alone finds nothing
            swapped = _replaced(before.topic, topic, related, _asked_about(before.query))
            turn.query, turn.narrowing_query = _frame(before, own, turn.topic_text, swapped), turn.query
    else:  # the old question again, in a new scope or at more length ("Priority 3 in the West plan" ... "and in the North?")
        _same_topic(turn, before)
        turn.query = f"{before.query} {own}"
        turn.overview = before.overview
        _keep_priority(turn, before)
        if turn.item_number is None:  # "what is step 3?" after the steps: that one; "and in the North?": the same one
            turn.item_number = before.item_number
    return turn


def _compares_with_a_topic(question: str) -> bool:
    """Does the question set something beside a topic of its own ("how does that compare with older
    people?"), rather than beside another document ("with the other plan", "with both councils")? A
    document named by an alias ("with the North") is the caller's to rule out.

    >>> _compares_with_a_topic("how does that compare with older people?"), _compares_with_a_topic("how does it compare to the other plan?")
    (True, False)
    >>> _compares_with_a_topic("compare that with what it says about jobs"), _compares_with_a_topic("How do they compare on housing?")
    (True, False)
    >>> _compares_with_a_topic("how does that compare with both councils?")
    False
    """
    compared = _COMPARED_WITH.search(question)
    other = compared.group("other") if compared else ""
    return bool(topic_terms(other)) and not (_OTHER.search(other) or _COMPARE.search(other))  # "both", "two councils": documents


def _as_verb(planning: re.Match) -> str:
    """The words of a ``_PLANNING_VERB`` match without "planning" when it is the verb ("is the North
    planning ..."), as written when it follows "the" or "a" ("is the planning system ...")."""
    before = planning.group(2).split()
    return planning.group(0) if before and before[-1].lower() in ("the", "a", "an", "our", "its") else planning.group(1) + planning.group(2)


def _without_ordinal(turn: Turn, own: str) -> None:
    """The turn's topic without the ordinal that chose an item by its place."""
    rest = _ORDINAL.sub(" ", own)
    turn.topic, turn.topic_text = topic_terms(rest), topic_words(rest)
    turn.focus_text = _focus_text(rest, turn.kind)
    turn.focus = topic_terms(turn.focus_text)


def _frame(before: Turn, own: str, topic_text: str, dropped: list[str] | None = None) -> str:
    """The earlier question with the new topic where its own stood (or only the ``dropped`` words of it): "What
    does say about older people?" of "What does the West plan say about young people?" and "and older people?".
    The embedder reads a question as written, not one with "and older people?" after its end; an earlier
    question without its topic in words (a part named, "the Good Health goal") is followed by the new one."""
    dropped = set(before.topic if dropped is None else dropped)
    if topic_text and dropped & set(terms(before.query)):
        return without_terms(before.query, dropped, instead=_as_written(own, topic_text))
    return f"{without_terms(before.query, dropped)} {own}"


def _as_written(text: str, topic_text: str) -> str:
    """The words of ``text`` from the first to the last of ``topic_text``, as written: a title keeps its
    small words.

    >>> _as_written("and the Lack of rural transport driver?", "Lack rural transport")
    'Lack of rural transport'
    """
    words = _WORD.findall(text)
    wanted = set(topic_text.split())
    at = [i for i, w in enumerate(words) if w in wanted]
    return " ".join(words[at[0] : at[-1] + 1]) if at else topic_text


def _asked_about(question: str) -> list[str]:
    """The topic words after the question's last "about" ("on", "regarding"), if it has one.

    >>> _asked_about("What does the Prosperous Place priority say about housing?"), _asked_about("What is the male life expectancy?")
    (['housing'], [])
    """
    return topic_terms(_ABOUT.split(question)[-1]) if _ABOUT.search(question) else []


def _replaced(old: list[str], new: list[str], related: Related | None, about: list[str] = ()) -> list[str]:
    """The word of the old topic a new one stands in for: the closest in meaning to it ("male" of "male
    life expectancy", for "women"; "young" of "young people", for "older people"), among the words the
    old question asked ``about`` if it did ("housing", not "place", of "What does the Prosperous Place
    priority say about housing?", for "and about transport?"); all of it without ``related``.

    >>> _replaced(["male", "life", "expectancy"], ["women"], lambda words, others: [[0.5], [0.2], [0.2]])
    ['male']
    >>> _replaced(["prosperous", "place", "housing"], ["transport"], lambda words, others: [[0.1]] * len(words), ["housing"])
    ['housing']
    """
    rest = [w for w in old if w not in new]
    rest = [w for w in rest if w in about] or rest
    if related is None or len(rest) < 2:
        return rest
    closeness = [max(row) for row in related(rest, new)]
    return [rest[closeness.index(max(closeness))]]


def _focus_text(own: str, kind: str | None) -> str:
    """The topic a question narrows its list to: "the housing goals", "goals about housing",
    "which priority does tourism fall under?" (the last two only when a kind is asked for)."""
    return focus_words(own) or (modifier_words(own) or located_words(own) if kind else "")


def _same_topic(turn: Turn, before: Turn) -> None:
    """The follow-up is about what the earlier question was about."""
    turn.topic, turn.topic_text, turn.focus, turn.focus_text = before.topic, before.topic_text, before.focus, before.focus_text


def _keep_priority(turn: Turn, before: Turn) -> None:
    """A follow-up that names no priority of its own is about the one the earlier question named."""
    if turn.priority_number is None and not PRIORITY_NUMBER.search(turn.question):
        turn.priority_number, turn.priority_text = before.priority_number, before.priority_text or before.question


def _item_place(match: re.Match) -> int | None:
    """The place an ordinal match gives, -1 for "last" / "final"."""
    return -1 if match.group(1).lower() in ("last", "final") else place(match.group(0))


def _number(match: re.Match) -> int:
    """The number a ``_NUMBERED_ITEM`` match gives ("step two" -> 2, "priority 3" -> 3)."""
    return cardinal(match.group("n"))


def _bare_place(text: str) -> int | None:
    """The place an ordinal gives when it stands for an item ("the third", "the second one",
    "number 4"), not when it qualifies another noun ("second homes").

    >>> _bare_place("the goals under the third?"), _bare_place("the second one"), _bare_place("what about second homes?")
    (3, 2, None)
    >>> _bare_place("the outcomes of the last one"), _bare_place("the last ten years")
    (-1, None)
    >>> _bare_place("what goals does the second have?")
    2
    """
    if one := _ORDINAL_ONE.search(text):  # "the second one", "the last one"
        return _item_place(one)
    m = _ORDINAL.search(text)
    if not m or re.match(r"\s+(?!(ones?|priority|priorities|of|in|on|for|and|or|"
                         r"have|has|say|says|cover|covers|include|includes|contain|contains|mean|means|do|does|is|are)\b)\w",
                         text[m.end():], re.I):
        return None
    return place(text)


def _follow_up_place(text: str, number: int | None) -> int | None:
    """The place of the item a follow-up stands for: by its ordinal (``_bare_place``: "the third"), or after
    (before) the earlier question's item ``number`` ("and the next one?"); not the next of something else
    ("the next steps").

    >>> _follow_up_place("and the next one?", 2), _follow_up_place("what about the previous?", 2), _follow_up_place("the third?", 2)
    (3, 1, 3)
    >>> _follow_up_place("What are the next steps?", 2), _follow_up_place("and the next one?", None)
    (None, None)
    """
    if at := _bare_place(text):
        return at
    moved = _NEXT_ONE.search(text)
    if not moved or not number or number < 1:
        return None
    return number + 1 if moved.group(1).lower() in ("next", "following") else (number - 1 or None)


def place(text: str) -> int | None:
    """The place an ordinal gives.

    >>> place("tell me more about the third one"), place("the 2nd priority"), place("number 5"), place("What is the priority?")
    (3, 2, 5, None)
    """
    m = _ORDINAL.search(text)
    if not m:
        return None
    digits = m.group(2) or m.group(3)
    return int(digits) if digits else _ORDINALS.index(m.group(1).lower()) + 1


def _asks_overview(own: str, named: bool) -> bool:
    """Words asking for a summary, or a named document and nothing asked about it ("What is the
    West Northants plan?", "Tell me about the North Northamptonshire Vision"); the caller checks
    that no topic is left."""
    return bool(_OVERVIEW.search(own)) or (named and not _DEFINITION.search(own))


def _asks_a_figure_in_passing(question: str) -> bool:
    """A figure asked for in three words or fewer ("how much money?", "how many homes?"), or one
    that does not say of what ("how many will be built?"): of what the conversation was about,
    after a question about a topic.

    >>> _asks_a_figure_in_passing("how much money?"), _asks_a_figure_in_passing("How many people live in the West?")
    (True, False)
    >>> _asks_a_figure_in_passing("and how many will be built by 2030?")
    True
    """
    return (len(question.split()) <= 3 and AnswerType.of(question).figure) or bool(_HOW_MANY_OF_IT.search(question))


def _is_follow_up(question: str, max_words: int) -> bool:
    short = len(question.split()) <= max_words
    return bool(_FOLLOW_UP.search(question)) and (short or question.lower().startswith(("and", "what about", "how about")))


def topic_terms(text: str) -> list[str]:
    """The index terms of what a question is about: no question words, kinds, frame words, figures,
    places in a list ("the second one") or words asking for a summary.

    >>> topic_terms("Which goals address rural transport?"), topic_terms("What is the second one?")
    (['rural', 'transport'], [])
    >>> topic_terms("the second guiding principle"), topic_terms("second homes"), topic_terms("the final One plan")
    ([], ['second', 'home'], ['final'])
    """
    text = _NUMBERED_ITEM.sub(" ", _ORDINAL_ITEM.sub(" ", _ORDINAL_ONE.sub(" ", text)))
    text = _MORE.sub(" ", KIND_WORD.sub(" ", _OVERVIEW.sub(" ", text)))  # "the overall aim": no topic, though "aim" is a kind
    return [t for t in terms(text) if t not in FRAME_WORDS and not t[0].isdigit()]


# The council and its words of making, providing and changing: a question names what is made or changed with
# them ("will the council build a new stadium", "how will they tackle flooding"), and the documents use them
# for anything, so they never show that its topic is named.
_PROVIDING = frozenset(terms("council build create open get introduce provide deliver add set put develop new going "
                             "improve improving reduce reducing increase increasing tackle tackling boost"))
# words of a document's own making: "How was the North vision developed?", "Who wrote the West plan?"
_ABOUT_ITSELF = frozenset(terms("write wrote written writing produced prepared drafted drawn consulted consultation developed "
                                "created authored"))


def named_terms(topic: list[str]) -> list[str]:
    """The words of a topic that must be named for it to be found: its words without the words
    of making and providing, or all of them when that is all it is.

    >>> named_terms(["build", "new", "stadium"]), named_terms(["build", "new"])
    (['stadium'], ['build', 'new'])
    """
    return [t for t in topic if t not in _PROVIDING] or topic


def topic_words(text: str) -> str:
    """The words of ``text`` that carry its ``topic_terms``, as the user wrote them: the embedder
    reads "jobs" and "families", not the index terms "job" and "family".

    >>> topic_words("Compare what the two plans say about jobs."), topic_words("Do both plans help families?")
    ('jobs', 'help families')
    """
    topic = set(topic_terms(text))
    return " ".join(w for w in _WORD.findall(text) if set(terms(w)) & topic)


def modifier_words(text: str) -> str:
    """The topic words right before the first word naming a kind of section, unless they only
    qualify the list ("the seven priorities", "the current goals").

    >>> modifier_words("What are the rural transport goals?"), modifier_words("What are the seven priorities?")
    ('rural transport', '')
    >>> modifier_words("the children and young people outcomes"), modifier_words("the plans and the goals")
    ('children and young people', '')
    >>> modifier_words("What values underpin how the council works?")
    ''
    """
    kind = KIND_WORD.search(text)
    words = _WORD.findall(text[: kind.start()]) if kind else []
    modifiers: list[str] = []
    for word in reversed(words):
        if word.lower() in ("and", "&") and modifiers:  # "children and young people outcomes"
            modifiers.insert(0, word)
        elif set(topic_terms(word)) - _LIST_QUALIFIERS:
            modifiers.insert(0, word)
        else:
            break
    return " ".join(modifiers[1:] if modifiers and modifiers[0].lower() in ("and", "&") else modifiers)


def focus_words(text: str) -> str:
    """The words after the first word that introduces a topic, without a closing time frame
    ("by 2030" frames the question, it is not the topic); none means "all of them".

    >>> focus_words("Which goals address rural transport?"), focus_words("What goals sit under the Proud Place priority?")
    ('rural transport', '')
    >>> focus_words("What outcomes does it want for homes by 2030?")
    'homes'
    """
    text = KIND_WORD.sub(" ", text)
    m = _CONNECTOR.search(text)
    if not m or not topic_terms(text[m.end():]):
        return ""
    focus = re.sub(r"[?.!\s]+$", "", text[m.end():].strip())
    focus = re.sub(r"\s+(by|in|until|before)\s+(the\s+end\s+of\s+)?\d{4}$", "", focus, flags=re.I)
    focus = re.sub(rf"\s+(in|of|from)\s+(the\s+|this\s+|that\s+)?{_DOCUMENT_NOUN}$", "", focus, flags=re.I)
    focus = re.sub(r"\s+(in|of|from|for|by|within|across|at)$", "", focus, flags=re.I)  # "homes in [West Northants]"
    focus = re.sub(r"\s+(?-i:ones?)$", "", focus)  # "the transport one"
    return re.sub(r"^(the|our|its|their)\s+", "", focus, flags=re.I)


def located_words(text: str) -> str:
    """What a question asks the place of, in a list of sections: the topic words of "which
    <kind> (singular) ..." and "is ... a <kind>", or of "which <kinds> include ..." and "where
    does ... fit in the <kinds>", less those verbs.

    >>> located_words("Which priority does tourism fall under?"), located_words("Under which goal is safety?")
    ('tourism', 'safety')
    >>> located_words("Which priorities include broadband?"), located_words("Which priorities are shared?")
    ('broadband', '')
    >>> located_words("Where does skills fit in the priorities?"), located_words("Which priority comes first?")
    ('skills', '')
    >>> located_words("Is housing a priority in both plans?"), located_words("Is the council a key priority?")
    ('housing', 'council')
    """
    which = _WHICH_KIND.search(text)
    is_a = not which and IS_A_KIND.search(text)
    one_of = (which and not which.group(2).lower().endswith("s")) or is_a  # "which priority", "is X a goal"
    if not (one_of or (_LOCATING.search(text) and (which or re.search(r"\bwhere\b", text, re.I)))):
        return ""
    if is_a:  # "is the council a key priority?": only the words right before the kind qualify it
        text = _QUALIFIER_BEFORE_KIND.sub(lambda m: " " if set(terms(m.group(1))) <= _LIST_QUALIFIERS else m.group(0), text)
    words = topic_words(_ORDINAL.sub(" ", text)).split()
    return " ".join(w for w in words if set(terms(w)) - _LOCATING_TERMS - (frozenset() if is_a else _LIST_QUALIFIERS))


def mentions(question: str, aliases: dict[str, list[str]]) -> dict[str, list[str]]:
    """For each document the question names, the names it used: an alias, or the word that tells
    two aliases apart ("the North" when the others are "North ..." and "West ...").

    >>> mentions("What about the North?", {"n": ["North Northamptonshire"], "w": ["West Northamptonshire"]})
    {'n': ['North']}
    """
    found = {}
    telling = qualifiers(aliases)
    for doc_id, names in aliases.items():
        used = [n for n in names if n and re.search(rf"\b{re.escape(n)}\b", question, re.I)]
        used += [q for q in telling[doc_id] if re.search(rf"\b{re.escape(q)}\b(?!\s+\w*[Nn]orth|\s+[A-Z])", question)
                 or re.search(_QUALIFIED.format(q=re.escape(q)), question, re.I)]
        if used:
            found[doc_id] = used
    return found


def excluded(question: str, named: dict[str, list[str]]) -> tuple[set[str], str]:
    """The documents of ``named`` (``mentions``) that the question rules out ("not the North",
    "ignoring the West plan", "except for the North vision"), and the question without those words.

    >>> excluded("What is said about health, not in the North vision?", {"n": ["North"]})
    ({'n'}, 'What is said about health,  ?')
    >>> excluded("Is the North vision not ambitious?", {"n": ["North"]})[0]
    set()
    """
    ruled_out = set()
    for doc_id, names in named.items():
        for name in names:
            phrase = re.compile(_EXCLUDING + rf"(the\s+)?{re.escape(name)}('s)?(\s+{_DOCUMENT_NOUN}s?)?\b", re.I)
            if phrase.search(question):
                ruled_out.add(doc_id)
                question = phrase.sub(" ", question)
    return ruled_out, question


def own_names(texts: dict[str, str], aliases: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """For each document, the capitalised words inside its sentences that no other document uses
    and no document writes in lower case: the names of its own places, people and schemes. The
    words of the documents' names are left out (``mentions`` reads those).

    >>> own_names({"n": "We love Corby. It is near (Kettering).", "w": "Go to Daventry, then to Corby."}, {"n": ["North"], "w": ["West"]})
    {'n': frozenset({'kettering'}), 'w': frozenset({'daventry'})}
    """
    documents_using = Counter(w for t in texts.values() for w in set(re.findall(r"[a-z]+", t.lower())))
    lower = set().union(*(re.findall(r"\b[a-z]+\b", t) for t in texts.values()))
    lower |= {w for names in aliases.values() for n in names for w in re.findall(r"[a-z]+", n.lower())}
    inside = {d: {w.lower() for w in re.findall(r"(?:(?<=[a-z,;(’'] )|(?<=\())[A-Z][A-Za-z]+", t)} for d, t in texts.items()}
    return {d: frozenset(w for w in words - lower if documents_using[w] == 1) for d, words in inside.items()}


def owner(question: str, names: dict[str, frozenset[str]]) -> list[str]:
    """The one document whose own names (``own_names``) the question uses, capitalised and not as
    its first word; none when it uses none, or the names of two documents.

    >>> names = {"n": frozenset({"corby"}), "w": frozenset({"daventry"})}
    >>> owner("Is there a new hospital in Corby?", names), owner("From Daventry to Corby?", names), owner("Corby?", names)
    (['n'], [], [])
    """
    used = {w.lower() for w in re.findall(r"(?<=\W)[A-Z][A-Za-z]+", question)}
    found = [d for d, own in names.items() if own & used]
    return found if len(found) == 1 else []


def qualifiers(aliases: dict[str, list[str]]) -> dict[str, list[str]]:
    """For each document, the first words of its aliases whose rest is another document's
    alias's rest (one pass over the names, however many documents there are).

    >>> qualifiers({"n": ["North Northamptonshire"], "w": ["West Northamptonshire"], "c": ["Corby Town"]})
    {'n': ['North'], 'w': ['West'], 'c': []}
    """
    split = {d: [n.split(" ", 1) for n in names if " " in n] for d, names in aliases.items()}
    owners: dict[str, set[str]] = {}
    for d, pairs in split.items():
        for _, rest in pairs:
            owners.setdefault(rest, set()).add(d)
    return {d: list(dict.fromkeys(first for first, rest in pairs if owners[rest] - {d} and first[:1].isupper()))
            for d, pairs in split.items()}


def named_as_this(text: str, phrases: list[str]) -> str:
    """The text with each document name made "this <noun>", for a question about the document
    itself: "developed" alone is nothing to search for, "this vision developed" is.

    >>> named_as_this("How was the North vision developed?", ["North"])
    'How was this vision developed?'
    >>> named_as_this("Who wrote One West Northamptonshire?", ["One West Northamptonshire"])
    'Who wrote this document?'
    """
    for phrase in sorted(phrases, key=len, reverse=True):
        text = re.sub(rf"\b(the\s+)?{re.escape(phrase)}('s)?(\s+{_DOCUMENT_NOUN})?\b",
                      lambda m: f"this {m.group(4) or 'document'}", text, flags=re.I)
    return text


def without_phrases(text: str, phrases: list[str]) -> str:
    """The text without the phrases, and without the noun that makes one the name of a document
    ("the West plan", "the North Northamptonshire vision"): the question's topic is what is left.

    >>> without_phrases("What does West Northants say about parks?", ["West Northants"])
    'What does say about parks?'
    >>> without_phrases("What does the West plan say about airports?", ["West"])
    'What does say about airports?'
    >>> without_phrases("What does West Northants plan for buses?", ["West Northants"])  # a verb
    'What does plan for buses?'
    """
    for phrase in sorted(phrases, key=len, reverse=True):
        text = re.sub(rf"\bthe\s+{re.escape(phrase)}\s+{_DOCUMENT_NOUN}('s)?\b|\b{re.escape(phrase)}'s\s+{_DOCUMENT_NOUN}\b"
                      rf"|\b(the\s+)?{re.escape(phrase)}('s)?\b", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip()
