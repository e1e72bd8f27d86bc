"""Keyword search (bm25s) on small real texts: exact words win, filters hold, nothing scoreless."""

from assistant.keywords import KeywordIndex, terms

TEXTS = {
    "a": "HS2 will stop at the new station by 2033.",
    "b": "Buses reach every village; the bus timetable is published.",
    "c": "The MASH front door helps children at risk.",
    "d": "Every village has a park and a bus shelter.",
}


def index() -> KeywordIndex:
    return KeywordIndex(list(TEXTS), list(TEXTS.values()))


def test_exact_names_and_figures_find_their_passage():
    assert index().search("When does HS2 arrive?", 3)[0][0] == "a"
    assert index().search("MASH", 3) == [("c", index().search("MASH", 3)[0][1])]


def test_results_are_ranked_limited_and_never_scoreless():
    hits = index().search("bus village", 5)
    assert {i for i, _ in hits} == {"b", "d"} and hits[0][1] >= hits[1][1] > 0  # a word in half the texts still counts
    assert len(index().search("bus village", 1)) == 1
    assert index().search("unicorn", 5) == [] and index().search("the of", 5) == []


def test_allowed_ids_filter_the_results():
    assert [i for i, _ in index().search("bus village", 5, allowed={"d"})] == ["d"]


def test_idf_ranks_rare_words_higher_and_unknown_words_highest():
    keywords = index()
    assert keywords.idf("mash") > keywords.idf("village")
    assert keywords.idf("unicorn") == max(keywords.idf(w) for w in ("mash", "village", "bus"))


def test_an_empty_index_finds_nothing():
    assert KeywordIndex([], []).search("bus", 5) == []


def test_contractions_make_no_terms_and_content_words_are_not_stop_words():
    assert terms("I'm sure we'll see they don't") == ["sure"]
    assert terms("empty homes, energy bills and a fire") == ["empty", "home", "energy", "bill", "fire"]


def test_words_that_only_say_what_to_do_are_not_searched_for():
    texts = {**TEXTS, "said": "Residents say what they want; the document will say more.", "libraries": "Visitors to 17 libraries."}
    keywords = KeywordIndex(list(texts), list(texts.values()))
    assert [i for i, _ in keywords.search("What does the document say about libraries?", 5)] == ["libraries"]


def test_frame_words_count_only_beside_a_word_that_tells():
    frame = frozenset({"village"})
    assert index().search("tram village", 4, frame=frame) == []  # "tram" in no passage: only the frame is left
    assert [i for i, _ in index().search("park village", 4, frame=frame)] == ["d", "b"]  # beside "park" it counts: "b" by it alone


def test_a_plural_in_ies_is_its_singular_in_y():
    assert terms("inequalities families priorities") == terms("inequality family priority") == ["inequality", "family", "priority"]
    assert terms("ties lies") == ["tie", "lie"]  # four letters: the plain fold
