"""Questions read in their conversation (history given as the earlier questions)."""

from assistant.conversation import mentions, named_terms, read, topic_terms
from assistant.keywords import terms
from tests.conftest import NORTH, WEST

ALIASES = {NORTH: ["North Northamptonshire", "North Northants", "BIG50"], WEST: ["West Northamptonshire", "West Northants", "One West"]}


def test_documents_are_recognised_by_their_aliases_and_their_distinguishing_word():
    assert mentions("What does West Northants plan for buses?", ALIASES) == {WEST: ["West Northants"]}
    assert list(mentions("Compare North Northamptonshire and West Northamptonshire", ALIASES)) == [NORTH, WEST]
    assert list(mentions("What about the North?", ALIASES)) == [NORTH]
    assert mentions("What about Northamptonshire?", ALIASES) == {}
    assert mentions("trains on the West Coast Main Line", ALIASES) == {}  # a capitalised name, not the document


def test_a_question_naming_no_document_keeps_the_conversations_document():
    turn = read("What are the priorities?", ["What does the One West Northamptonshire plan say about transport?"], ALIASES)
    assert turn.doc_ids == [WEST] and turn.kind == "priority" and not turn.focus


def test_a_follow_up_keeps_the_frame_and_swaps_the_topic():
    turn = read("and what about housing?", ["What outcomes does West Northamptonshire want for transport by 2030?"], ALIASES)
    assert turn.doc_ids == [WEST] and turn.kind == "outcome" and turn.focus_text == "housing"
    assert "transport" not in turn.query and "housing" in turn.query and "2030" in turn.query


def test_a_fact_follow_up_swaps_its_topic_unless_it_points_back_at_it():
    turn = read("and older people?", ["What does the West plan say about young people?"], ALIASES)
    assert turn.doc_ids == [WEST] and "young" not in turn.query and "older" in turn.query  # young people outweighed older ones
    assert "young" in turn.narrowing_query  # tried when older people alone find nothing
    turn = read("and what does it cost?", ["What does the West plan say about parks?"], ALIASES)
    assert "parks" in turn.query  # "it": still the parks


def test_comparing_with_another_topic_keeps_the_documents_and_swaps_the_topic():
    turn = read("how does that compare with older people?", ["What does the West plan say about young people?"], ALIASES)
    assert turn.doc_ids == [WEST] and not turn.comparison  # the West's older people, not both documents side by side
    assert "older" in turn.query and "young" not in turn.query
    other_plan = read("how does that compare with the North?", ["What does the West plan say about young people?"], ALIASES)
    assert other_plan.comparison and set(other_plan.doc_ids) == {NORTH, WEST}


def test_a_figure_asked_in_a_few_words_is_of_the_earlier_topic():
    money = read("how much money?", ["What does the West plan say about regeneration?"], ALIASES)
    assert money.follow_up and money.doc_ids == [WEST] and "regeneration" in money.query
    fresh = read("How many people live in North Northamptonshire?", ["What does the West plan say about regeneration?"], ALIASES)
    assert not fresh.follow_up and "regeneration" not in fresh.query


def test_care_about_frames_the_topic_rather_than_being_it():
    assert read("Do both plans care about the environment?", [], ALIASES).topic == ["environment"]
    assert "care" in read("What does the West plan say about social care?", [], ALIASES).topic


def test_only_the_ones_of_a_document_narrows_the_earlier_list_to_it():
    turn = read("only the North ones", ["Which goals are about health?"], ALIASES)  # "ones" was a topic
    assert (turn.doc_ids, turn.kind, turn.focus) == ([NORTH], "goal", ["health"])


def test_a_bare_ordinal_after_a_list_of_steps_is_that_step():
    turn = read("who takes part in the first?", ["What are the steps in the West roadmap?"], ALIASES)
    assert (turn.doc_ids, turn.kind, turn.item_number) == ([WEST], "step", 1)
    assert read("what happens in the first year?", ["What are the steps in the West roadmap?"], ALIASES).item_number is None


def test_a_follow_up_naming_another_document_moves_there_with_the_old_topic():
    turn = read("what about the North?", ["What does West Northamptonshire plan for skills?"], ALIASES)
    assert turn.doc_ids == [NORTH] and turn.topic == ["skill"]


def test_what_does_a_document_say_asks_for_the_earlier_topic_there_and_alone_for_an_overview():
    for question in ["what does West Northamptonshire say?", "What does the West plan want?", "what does One West say?"]:
        turn = read(question, ["What does the North vision say about tourism?"], ALIASES)
        assert turn.doc_ids == [WEST] and turn.topic == ["tourism"] and not turn.overview, question
        assert read(question, [], ALIASES).overview, question
    turn = read("Tell me about the West plan", ["What does the North vision say about tourism?"], ALIASES)
    assert turn.overview and not turn.topic  # the document as a whole: a new question


def test_a_follow_up_that_only_moves_the_question_is_judged_as_the_question_asked_there(corpus_assistant):
    # only the West speaks of carers; the North's "support" sentences are no answer about carers
    answer = corpus_assistant.ask("and in North Northamptonshire?", ["How will the West plan support carers?"])
    assert not answer.found
    assert not corpus_assistant.ask("How will the North Northamptonshire vision support carers?").found  # as asked alone
    assert corpus_assistant.ask("How will the West plan support carers?").found


def test_the_verbs_that_ask_what_will_be_done_are_no_part_of_the_topic():
    from assistant.conversation import topic_terms
    assert topic_terms("What will happen to bus services?") == ["bus", "service"]
    assert topic_terms("Is anything happening about loneliness?") == ["loneliness"]
    assert topic_terms("What steps are being taken on air quality?") == ["air", "quality"]
    assert topic_terms("What do they intend to do about crime?") == ["crime"]


def test_three_turn_dialogue_keeps_its_document_throughout():
    history = ["How many children are in care in West Northamptonshire?", "And how many have a child protection plan?"]
    turn = read("And how many have an Education and Health Care Plan?", history, ALIASES)
    assert turn.doc_ids == [WEST]


def test_its_priorities_and_tell_me_more():
    turn = read("its priorities?", ["What does the North Northamptonshire Vision say about the environment?"], ALIASES)
    assert turn.doc_ids == [NORTH] and turn.kind == "priority" and not turn.focus
    more = read("tell me more about that", ["What is the Good Health goal in the North Northamptonshire Vision?"], ALIASES)
    assert more.more and more.doc_ids == [NORTH] and "health" in more.query.lower()
    same = read("does the North say the same?", ["What does the West plan say about buses?"], ALIASES)
    assert same.follow_up and same.doc_ids == [NORTH] and same.topic == ["bus"] and not same.overview


def test_a_comparison_opens_the_conversation_to_every_document():
    turn = read("How do both plans treat housing?", ["What does West Northants say about parks?"], ALIASES)
    assert turn.comparison and turn.doc_ids == []


def test_each_year_and_each_other_do_not_make_a_comparison(corpus_assistant):
    assert read("What do the two plans each say about data?", [], ALIASES).comparison
    assert not read("How will the towns get along with each other?", [], ALIASES).comparison
    answer = corpus_assistant.ask("How many affordable homes will be built each year?")
    assert answer.kind == "fact" and "650" in answer.answer  # not "North ...: nothing found about this topic"


def test_follow_ups_never_cite_a_document_the_conversation_excluded(corpus_assistant):
    dialogue = ["What does the One West Northamptonshire plan say about transport?", "What are the priorities?",
                "and what about housing?", "tell me more about that"]
    for i in range(1, len(dialogue)):
        answer = corpus_assistant.ask(dialogue[i], dialogue[:i])
        assert answer.citations and {c.doc_id for c in answer.citations} == {WEST}, dialogue[i]


def test_a_question_about_a_named_document_as_a_whole_asks_for_an_overview():
    for question in ["Give me a quick overview of the One West Northamptonshire plan.", "Tell me about the West Northants plan.",
                     "Describe the North Northamptonshire Vision in a few sentences.", "What's the big picture of the BIG50 Vision?",
                     "What is the purpose of the BIG50 vision?", "What is the West Northants plan trying to achieve?",
                     "What does the North Northamptonshire vision want to achieve by 2050?",
                     "What will North Northamptonshire be like in 2050?", "What will West Northants look like in 2030?"]:
        turn = read(question, [], ALIASES)
        assert turn.overview and not turn.topic, question
    for question in ["Give me an overview of transport in West Northants.", "What does West Northants say about parks?",
                     "What does West Northants want to achieve for young people?",
                     "How many over 65s are there in the North?"]:  # a figure, about a group the index has no word for
        assert not read(question, [], ALIASES).overview, question
    turn = read("and the North?", ["What outcomes does West Northamptonshire want for housing by 2030?"], ALIASES)
    assert not turn.overview and turn.kind == "outcome"  # the earlier question's frame, not the whole document
    assert not read("What is a Vision, according to the North Northamptonshire document?", [], ALIASES).overview  # a definition


def test_the_other_plan_and_which_plan():
    turn = read("what about the other plan?", ["What does West Northants say about buses?"], ALIASES)
    assert turn.doc_ids == [NORTH] and turn.topic == ["bus"] and "plan" not in turn.query.split()[-2:]
    turn = read("How does that compare with the North?", ["What does West Northants say about buses?"], ALIASES)
    assert turn.comparison and turn.doc_ids == [WEST, NORTH]
    assert read("Which plan says more about tourism?", [], ALIASES).comparison


def test_a_closing_in_the_plan_is_no_part_of_the_topic():
    assert read("Are there any goals on housing in the North Northamptonshire Vision?", [], ALIASES).focus_text == "housing"


def test_a_priority_by_its_place_and_a_bare_why():
    assert read("What is the third priority of the West Northants plan?", [], ALIASES).priority_number == 3
    turn = read("tell me more about the third one", ["What are West Northamptonshire's priorities?"], ALIASES)
    assert turn.priority_number == 3 and turn.kind is None and turn.doc_ids == [WEST]
    turn = read("what goals come under the second?", ["What are the North Northamptonshire Vision's priorities?"], ALIASES)
    assert turn.priority_number == 2 and turn.kind == "goal"
    assert read("What are the first steps?", ["What are the North Northamptonshire Vision's priorities?"], ALIASES).priority_number is None
    turn = read("why?", ["What does the North Northamptonshire Vision say about transport?"], ALIASES)
    assert turn.follow_up and turn.topic == ["transport"]


def test_which_one_after_a_list_asks_for_one_of_its_items():
    turn = read("which one is about jobs?", ["What are North Northamptonshire's goals?"], ALIASES)
    assert turn.follow_up and not turn.comparison and turn.kind == "goal" and turn.doc_ids == [NORTH] and turn.topic == ["job"]
    assert read("Which one of the plans mentions HS2?", ["What are North Northamptonshire's goals?"], ALIASES).comparison
    assert read("Which one mentions HS2?", ["What does West Northants say about rail?"], ALIASES).comparison  # no list before


def test_an_item_named_by_its_place_asks_for_that_item_of_the_list():
    turn = read("What's the last step of the West roadmap?", [], ALIASES)
    assert (turn.kind, turn.item_number, turn.overview) == ("step", -1, False)
    assert (read("What is the second guiding principle?", [], ALIASES).kind, read("the 3rd outcome?", [], ALIASES).item_number) == ("principle", 3)
    assert read("What is the third priority?", [], ALIASES).priority_number == 3  # a priority is read as before


def test_its_list_after_which_priority_is_that_prioritys_list():
    turn = read("Which priority is about homes in the West plan?", [], ALIASES)
    assert turn.kind == "priority" and turn.focus == ["home"]
    turn = read("what are its outcomes?", ["Which priority is about homes in the West plan?"], ALIASES)
    assert turn.kind == "outcome" and turn.focus == ["home"] and turn.doc_ids == [WEST]
    assert not read("what are its priorities?", ["What does the West plan say about transport?"], ALIASES).focus  # the whole list


def test_its_list_after_a_question_about_one_priority_is_that_prioritys_list():
    turn = read("what are its commitments?", ["What is the West plan's first priority?"], ALIASES)
    assert (turn.kind, turn.priority_number, turn.doc_ids) == ("action", 1, [WEST])
    turn = read("what are its goals?", ["Tell me about the Proud Place priority"], ALIASES)
    assert turn.kind == "goal" and turn.priority_text == "Tell me about the Proud Place priority"


def test_the_second_one_after_a_list_is_its_second_item():
    turn = read("what is the second one?", ["What are the steps of the North Northamptonshire roadmap?"], ALIASES)
    assert (turn.kind, turn.item_number, turn.doc_ids, turn.topic) == ("step", 2, [NORTH], [])
    assert read("and the last one?", ["What are the guiding principles of the West plan?"], ALIASES).item_number == -1
    named = read("How will the final One West Northamptonshire plan be agreed?", ["What are the steps of the West roadmap?"], ALIASES)
    assert named.item_number is None and "final" in named.topic  # "One" names the plan here


def test_a_bare_place_after_a_list_of_priorities_is_that_priority_and_no_topic():
    fifth = read("what are the outcomes for the fifth?", ["What are the West plan's priorities?"], ALIASES)
    assert (fifth.kind, fifth.priority_number, fifth.focus, fifth.topic) == ("outcome", 5, [], [])
    homes = read("what about second homes?", ["What are the West plan's priorities?"], ALIASES)
    assert homes.priority_number is None and "second" in homes.topic  # an ordinal before a noun qualifies it
    last = read("what are the outcomes of the last one?", ["What are the West plan's priorities?"], ALIASES)
    assert (last.kind, last.priority_number, last.topic) == ("outcome", -1, [])


def test_the_last_priority_and_another_priority_after_one_named_by_its_title(corpus_assistant):
    last = corpus_assistant.ask("what are the outcomes of the last one?", ["What are the priorities of the West plan?"])
    assert last.kind == "list" and {c.section.split(" > ")[0] for c in last.citations} == {"Our Priority 7: An Efficient & Enabling Council"}
    second = corpus_assistant.ask("and the second priority?", ["Tell me about the North vision's Proud Place priority"])
    assert second.kind == "list" and second.citations[0].section.startswith("6 Priority 2: Prosperous Place")
    assert not any("Proud Place" in c.section for c in second.citations)  # the earlier priority's name is no topic now


def test_an_item_named_by_the_number_after_its_kind_is_that_item():
    step = read("What is step 2 of the West roadmap?", [], ALIASES)
    assert (step.kind, step.item_number, step.overview, step.doc_ids) == ("step", 2, False, [WEST])
    assert (read("What does step three involve?", [], ALIASES).item_number, read("principle no. 4?", [], ALIASES).item_number) == (3, 4)
    assert read("Tell me about priority two in the North vision", [], ALIASES).priority_number == 2
    which = read("Which priority is number 3?", [], ALIASES)
    assert (which.kind, which.priority_number, which.topic) == (None, 3, [])  # that priority, not the list of them
    after = read("what is priority two about?", ["What are the priorities?"], ALIASES)
    assert (after.kind, after.priority_number) == (None, 2)
    assert read("what is step 3?", ["What are the steps of the roadmap?"], ALIASES).item_number == 3
    called = read("What is Priority 7 called?", [], ALIASES)
    assert (called.priority_number, called.topic) == (7, [])  # "called" asks its name: no topic
    # a number that is not a place: a count, a year, a pronoun
    assert read("Which goal is one of the most important?", [], ALIASES).item_number is None
    assert read("What are the outcomes 2030?", [], ALIASES).item_number is None
    assert read("Are the 3 priorities the same?", [], ALIASES).priority_number is None


def test_the_noun_after_a_documents_name_is_part_of_the_name_but_a_verb_is_not():
    assert read("What does the West Northants plan say about airports?", [], ALIASES).query == "What does say about airports?"
    assert read("What is North Northamptonshire's vision for parks?", [], ALIASES).query == "What is for parks?"
    assert read("What does West Northants plan for buses?", [], ALIASES).query == "What does plan for buses?"


def test_a_kind_asked_after_a_topic_narrows_to_that_topic_and_priority_areas_are_one_kind():
    turn = read("what are the priority areas for that?", ["What does West Northants say about older people?"], ALIASES)
    assert turn.kind == "priority_area" and turn.focus_text == "older people" and turn.doc_ids == [WEST]
    whole = read("what are its outcomes?", ["Give me an overview of West Northants"], ALIASES)
    assert whole.kind == "outcome" and not whole.focus  # after an overview: all of them


def test_a_place_only_one_document_names_scopes_a_question_that_names_no_document():
    names = {NORTH: frozenset({"corby", "kettering"}), WEST: frozenset({"daventry", "towcester"})}
    assert read("Is there a plan for a new hospital in Corby?", [], ALIASES, proper_names=names).doc_ids == [NORTH]
    assert read("what about Daventry?", ["Is there a new hospital in Corby?"], ALIASES, proper_names=names).doc_ids == [WEST]
    assert read("and what about housing?", ["Is there a new hospital in Corby?"], ALIASES, proper_names=names).doc_ids == [NORTH]
    assert read("Buses from Daventry to Corby?", [], ALIASES, proper_names=names).doc_ids == []  # two documents' places
    assert read("What does West Northants say about Corby?", [], ALIASES, proper_names=names).doc_ids == [WEST]  # a name wins
    # a conversation that named its document keeps it: a follow-up never leaves a scope the user chose
    assert read("and in Corby?", ["What does the West plan say about transport?"], ALIASES, proper_names=names).doc_ids == [WEST]
    assert read("Compare the plans on Corby", [], ALIASES, proper_names=names).doc_ids == []


def test_which_kind_is_that_in_after_a_topic_asks_for_the_item_about_that_topic():
    turn = read("which priority is that in?", ["What does the West plan say about mental health?"], ALIASES)
    assert (turn.kind, turn.focus_text, turn.doc_ids) == ("priority", "mental health", [WEST])
    turn = read("what goal is that under?", ["What does the North vision say about tourism?"], ALIASES)
    assert (turn.kind, turn.focus_text) == ("goal", "tourism")
    whole = read("what are its priorities?", ["What does the West plan say about transport?"], ALIASES)
    assert whole.kind == "priority" and not whole.focus  # the plan's priorities, all of them
    under = read("which priority are they under?", ["Which goals are about children?"], ALIASES)
    assert (under.kind, under.focus_text) == ("priority", "children")  # the goals' topic


def test_what_a_document_is_for_and_a_one_line_summary_ask_for_the_overview():
    for question in ("What are the two documents for?", "Give me a one-line summary of each plan", "Summarise each plan in one line"):
        turn = read(question, [], ALIASES)
        assert turn.overview and not turn.topic, question
    assert not read("What are the plans for housing?", [], ALIASES).overview  # "for" before a topic
    assert not read("What is the Big 50 conference for?", [], ALIASES).overview  # what a thing named in it is for


def test_a_vision_statement_or_an_overall_aim_asks_for_the_overview():
    # "aim", "ambition" and "objective" are words for goals: they were left as a one-word topic ("headline")
    for question in ("What is the West plan's vision statement?", "What's the headline ambition of the North vision?",
                     "What is the overall aim of the West plan?", "What is the ultimate objective of the plan?"):
        turn = read(question, [], ALIASES)
        assert turn.overview and not turn.topic, question
    assert not read("What is the main aim for transport?", [], ALIASES).overview  # a topic left: a fact question


def test_key_facts_ask_for_the_statistics_page_and_statistics_about_a_topic_are_a_fact_question():
    for question in ("What are the key facts about West Northamptonshire?", "What are the statistics?", "Key figures for the West plan"):
        turn = read(question, [], ALIASES)
        assert turn.kind == "statistics" and not turn.focus, question
    assert read("What statistics are there on housing?", [], ALIASES).kind is None


def test_a_lower_case_qualifier_names_a_document_before_a_document_noun_or_at_the_end():
    assert mentions("priorities of the west plan", ALIASES) == {WEST: ["West"]}
    assert list(mentions("how do the north and west plans differ", ALIASES)) == [NORTH, WEST]
    assert list(mentions("what about transport in the north", ALIASES)) == [NORTH]
    assert mentions("buses north of the river", ALIASES) == {}  # a direction
    assert mentions("does the north want more tourists", ALIASES) == {NORTH: ["North"]}  # "the north", as a subject
    for direction in ("buses in the north of the county", "theatres in the west end", "jobs in the north east"):
        assert mentions(direction, ALIASES) == {}, direction
    turn = read("whats the west plan about", [], ALIASES)  # chat drops the apostrophe
    assert turn.doc_ids == [WEST] and turn.overview and not turn.topic


def test_a_comparison_with_nothing_to_compare_on_asks_for_the_overviews():
    for question in ("How are the two plans similar?", "what do both plans have in common", "Compare the two documents",
                     "How is the West plan different from the North vision?", "Where do the plans agree?"):
        turn = read(question, [], ALIASES)
        assert turn.comparison and turn.overview and not turn.topic, question
    structural = read("Compare the priorities of both plans", [], ALIASES)
    assert structural.kind == "priority" and not structural.overview  # their lists, side by side
    assert not read("How do the plans differ on housing?", [], ALIASES).overview
    agree = read("Do the plans agree on housing?", [], ALIASES)
    assert agree.comparison and agree.topic == ["housing"]


def test_one_item_of_a_list_asked_for_by_its_topic_or_its_number():
    goals = ["What are the goals of Prosperous Place?"]
    for question in ("which is about housing?", "tell me more about the housing one"):
        turn = read(question, goals, ALIASES)
        assert turn.kind == "goal" and turn.focus == ["housing"] and turn.priority_text == goals[0], question
    assert read("tell me about number 5", ["What are the West plan's priorities?"], ALIASES).priority_number == 5
    assert not read("What is the final One West plan?", [], ALIASES).follow_up  # a name, not "the X one"


def test_a_new_topic_in_a_list_follow_up_narrows_the_list_to_it():
    turn = read("and buses in towns?", ["Which goals address rural transport?"], ALIASES)
    assert turn.kind == "goal" and turn.focus == ["bus", "town"] and "rural" not in turn.query


def test_asking_for_more_detail_keeps_the_topic():
    turn = read("give me more detail", ["What does the North vision say about tourism?"], ALIASES)
    assert turn.more and turn.topic == ["tourism"] and turn.doc_ids == [NORTH]


def test_words_right_before_a_kind_choose_among_its_items_unless_they_only_qualify_the_list():
    assert read("What are the housing goals of the North vision?", [], ALIASES).focus == ["housing"]
    assert read("List the West plan's health outcomes", [], ALIASES).focus == ["health"]
    for question in ("What are the seven priorities of the One West Northamptonshire plan?", "What are the suggested outcomes?",
                     "What values underpin how West Northamptonshire will work?"):
        assert not read(question, [], ALIASES).focus, question


def test_two_documents_named_at_once_or_different_from_each_other_are_compared():
    for question in ("how is the north different from the west on housing", "the north and the west on buses",
                     "What do North Northamptonshire and West Northamptonshire say about buses?"):
        turn = read(question, [], ALIASES)
        assert turn.comparison and turn.doc_ids == [NORTH, WEST], question
    assert not read("What different kinds of homes does the West plan want?", [], ALIASES).comparison


def test_a_document_ruled_out_stays_out_of_the_conversation():
    for question in ("Ignoring the West plan, what is said about health?", "What is said about health, not in the West plan?",
                     "except for the West Northants plan, what is said about health?"):
        turn = read(question, [], ALIASES)
        assert turn.doc_ids == [NORTH] and turn.topic == ["health"] and not turn.comparison, question
    turn = read("and older people?", ["What does the West plan say about transport, not the North?"], ALIASES)
    assert turn.doc_ids == [WEST] and not turn.comparison
    assert read("Is the North vision not ambitious?", [], ALIASES).doc_ids == [NORTH]  # "not" before no name
    # a comparison later in the conversation compares only what is left; naming the document again lets it back in
    turn = read("compare that with jobs", ["Apart from the North vision, what is said about skills?"], ALIASES)
    assert turn.doc_ids == [WEST] and turn.excluded == [NORTH]
    assert read("what about the North?", ["Apart from the North vision, what is said about skills?"], ALIASES).doc_ids == [NORTH]


def test_what_does_it_mean_asks_about_what_the_earlier_answer_was_about():
    turn = read("what does it involve?", ["What are the steps of the North's next steps?", "what is the last one?"], ALIASES)
    assert turn.kind == "step" and turn.item_number == -1 and not turn.topic
    turn = read("what does it mean?", ["What are the West's guiding principles?", "which one is about prevention?"], ALIASES)
    assert turn.kind == "principle" and turn.focus == ["prevention"]


def test_a_figure_asked_of_an_item_is_a_fact_question_about_its_topic():
    turn = read("how fast is it growing?", ["What are the drivers in the North vision?", "which is about population?"], ALIASES)
    assert turn.kind is None and turn.doc_ids == [NORTH] and "population" in turn.query
    assert read("how many are there?", ["What are the North's goals?"], ALIASES).kind == "goal"  # the list's own count


def test_tell_me_more_about_the_second_after_a_list_is_its_second_item():
    turn = read("tell me more about the second", ["What are the North's drivers?"], ALIASES)
    assert turn.kind == "driver" and turn.item_number == 2 and not turn.topic and not turn.focus
    turn = read("what goals does the second have?", ["What are the North's priorities?"], ALIASES)
    assert turn.kind == "goal" and turn.priority_number == 2  # an ordinal before a verb stands for an item


def test_only_in_a_document_asks_the_earlier_question_there():
    turn = read("only in the North vision", ["What are the goals about housing?"], ALIASES)
    assert turn.doc_ids == [NORTH] and turn.kind == "goal" and turn.focus == ["housing"] and not turn.overview
    assert read("What is the North vision?", ["What are the goals about housing?"], ALIASES).overview  # a new question


def test_how_a_list_will_be_achieved_asks_about_the_same_items():
    turn = read("how will they be achieved?", ["Which outcomes are about children in the West plan?"], ALIASES)
    assert turn.doc_ids == [WEST] and turn.kind == "outcome" and turn.focus == ["children"]  # not outcomes that say "achieved"
    turn = read("how will they be delivered?", ["Which outcomes are about children in the West plan?"], ALIASES)
    assert turn.focus == ["children"]  # not "No outcomes in the documents speak of delivered"


def test_which_priority_something_falls_under_asks_for_the_priority_about_it():
    for question, focus in (("Which priority does tourism fall under in the North vision?", ["tourism"]),
                            ("Under which priority is the Tourism goal?", ["tourism"]),
                            ("Which priorities include broadband?", ["broadband"]),
                            ("Where does skills fit in the West plan's priorities?", ["skill"])):
        turn = read(question, [], ALIASES)
        assert turn.kind == "priority" and turn.focus == focus, question
    for question in ("Which priorities does the West plan have?", "Which priorities are most important?"):
        assert not read(question, [], ALIASES).focus, question  # the whole list


def test_is_it_a_kind_asks_for_the_item_of_that_kind_about_it():
    turn = read("Is tourism a goal of the North vision?", [], ALIASES)
    assert turn.kind == "goal" and turn.focus == ["tourism"] and turn.doc_ids == [NORTH]
    turn = read("is that a priority?", ["What does the West plan say about homelessness?"], ALIASES)
    assert turn.kind == "priority" and turn.focus == ["homelessness"] and turn.doc_ids == [WEST]
    assert read("Is the goal clear?", [], ALIASES).kind is None  # about one goal, not which
    for question, kind, focus in (("Is housing one of the goals?", "goal", ["housing"]),
                                  ("Is transport among the West plan's priorities?", "priority", ["transport"]),
                                  ("Does the North have a goal about jobs?", "goal", ["job"]),
                                  ("Is the council a priority in the West plan?", "priority", ["council"])):
        turn = read(question, [], ALIASES)
        assert (turn.kind, turn.focus) == (kind, focus), question
    assert read("Is housing a key priority?", [], ALIASES).focus == ["housing"]  # "key" qualifies the kind
    assert not read("Does the North vision have a clear goal?", [], ALIASES).focus  # "clear" is no topic of a list


def test_which_are_about_x_after_a_list_lists_those_of_that_kind(corpus_assistant):
    answer = corpus_assistant.ask("which are about the environment?", ["What are the North's goals?"])
    assert answer.kind == "list" and answer.citations
    assert all(" > 6.2 Priority Goals > " in c.section for c in answer.citations)


def test_the_related_items_keep_the_earlier_topic(corpus_assistant):
    answer = corpus_assistant.ask("and what are the related outcomes in the West plan?", ["Which goals are about skills?"])
    assert answer.kind == "list" and answer.citations and {c.doc_id for c in answer.citations} == {WEST}
    assert all("skill" in c.quote for c in answer.citations)


def test_the_council_acting_and_planning_as_a_verb_are_no_topic():
    assert read("Will the council help small shops in West Northants?", [], ALIASES).topic == ["help", "small", "shop"]
    assert read("Is the North planning new train stations?", [], ALIASES).topic == ["new", "train", "station"]
    assert read("What is West Northants planning for buses?", [], ALIASES).topic == ["bus"]
    assert read("What's planned for young carers?", [], ALIASES).topic == ["young", "carer"]
    # the council asked about, a council service, and town planning stay topics
    assert "council" in read("How is the West Northamptonshire Council run?", [], ALIASES).topic
    assert "council" in read("Is the council a priority in the West plan?", [], ALIASES).topic
    assert "council" in read("Will my council tax go up?", [], ALIASES).topic
    assert "planning" in read("What does West Northants say about planning?", [], ALIASES).topic
    assert "planning" in read("Is the planning system changing in the West?", [], ALIASES).topic


def test_what_the_council_will_do_is_answered_about_the_topic_not_the_council(corpus_assistant):
    answer = corpus_assistant.ask("How will the council work with the NHS in West Northants?")
    assert answer.found and answer.answer.startswith("Our emergency NHS services")  # not "West Northamptonshire Council strives ..."
    answer = corpus_assistant.ask("What is West Northants planning for buses?")
    assert answer.found and "planning system" not in answer.answer  # "A planning system that supports swift ... decisions"


def test_a_figure_asked_without_saying_of_what_is_of_the_earlier_topic(corpus_assistant):
    turn = read("how many will be built?", ["What does the West plan say about homes?"], ALIASES)
    assert turn.follow_up and turn.doc_ids == [WEST] and "home" in terms(turn.query)
    answer = corpus_assistant.ask("how many are made by car?", ["What does the North vision say about journeys?"])
    assert answer.found and "80% of our journeys are made by car" in answer.answer
    assert not read("How many people live in West Northamptonshire?", ["What does the North say about homes?"], ALIASES).follow_up


def test_what_a_plan_wants_to_achieve_about_a_topic_asks_for_its_goals():
    turn = read("What does the West want to achieve for older people by 2030?", [], ALIASES)
    assert (turn.kind, turn.kind_implied, turn.focus_text) == ("goal", True, "older people")
    assert read("What does the North aim to achieve in education?", [], ALIASES).focus_text == "education"
    alone = read("What is the One West plan trying to achieve?", [], ALIASES)  # no topic: the plan's purpose
    assert alone.overview and alone.kind is None
    assert not read("What are the West's aims for older people?", [], ALIASES).kind_implied  # the kind named


def test_what_a_plan_wants_to_achieve_is_listed_from_its_goals_or_else_answered(corpus_assistant):
    answer = corpus_assistant.ask("What does the West want to achieve for older people by 2030?")
    assert answer.kind == "list" and "The elderly and younger adults with care and support needs" in answer.answer.split("\n")[1]
    # no goal of the West speaks of tourism: what the plan says of it, not "No goals ... speak of tourism"
    answer = corpus_assistant.ask("What does the West intend to do about tourism?")
    assert answer.kind != "list" and not answer.answer.startswith("No goals")


def test_a_new_topic_stands_where_the_old_one_stood_in_the_question():
    turn = read("and on transport?", ["Where does the North want to be on skills by 2050?"], ALIASES)
    assert turn.query == "Where does want to be on transport by 2050?"  # not "... by 2050? and on transport?"
    title = read("and the Lack of rural transport driver?", ["What does the Skills gaps driver say?"], ALIASES)
    assert "Lack of rural transport driver" in title.query  # the title as written, small words and all


def test_a_follow_up_on_another_topic_answers_about_it_not_the_old_one(corpus_assistant):
    answer = corpus_assistant.ask("and on transport?", ["Where does the North want to be on skills by 2050?"])
    assert answer.found and "skills" not in answer.citations[0].quote  # was "gain the skills to get them" first


def test_the_second_or_the_next_one_after_a_priority_or_an_item_is_the_one_at_that_place():
    first = "What is the first priority of the West plan?"
    for follow_up, number in (("and the second?", 2), ("and the next one?", 2), ("what about the last one?", -1)):
        turn = read(follow_up, [first], ALIASES)
        assert (turn.priority_number, turn.doc_ids, turn.topic) == (number, [WEST], []), follow_up
    assert read("and the previous one?", ["What is step two in the West plan?"], ALIASES).item_number == 1
    outcomes = read("what are the outcomes of the third?", ["What is priority 1 of the West plan?"], ALIASES)
    assert (outcomes.kind, outcomes.priority_number) == ("outcome", 3)  # as after the list of priorities; was priority 1's
    assert read("and the next one?", ["What are the next steps in the West plan?"], ALIASES).item_number is None  # no item to move from


def test_the_next_item_of_a_priority_stays_in_that_priority(corpus_assistant):
    answer = corpus_assistant.ask("and the following one?", ["What is the first goal under Proud Place?"])
    assert answer.answer.startswith("North Northamptonshire Vision 2050 (BIG50) — goal 2 of 6:")  # not "goal 2 of 25" and the West's


def test_the_two_councils_compare_the_documents_and_are_no_topic():
    turn = read("What are the two councils doing about skills?", [], ALIASES)
    assert turn.comparison and turn.topic == ["skill"]  # not "council": "George Candler, Chief Executive of ... Council"


def test_improving_or_tackling_something_must_name_that_thing():
    assert named_terms(topic_terms("How will they tackle flooding?")) == ["flooding"]
    assert named_terms(topic_terms("How will they improve air quality?")) == ["air", "quality"]


def test_a_plan_that_only_tackles_other_things_does_not_answer_about_flooding(corpus_assistant):
    answer = corpus_assistant.ask("How will the North tackle flooding?")  # was "tackle those complex problems head on"
    assert not answer.found
