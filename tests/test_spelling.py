from assistant.spelling import Speller

LIBRARY = ["Transport goals for rural buses. Our priorities: housing, accommodation and the environment."]


def test_a_word_neither_english_nor_the_librarys_is_mended_one_edit_away():
    speller = Speller(LIBRARY)
    assert speller.mend("trnasport and accomodation") == "transport and accommodation"
    assert speller.mend("what are the prioritys") == "what are the priorities"  # the plural meant


def test_english_words_names_and_far_words_stay_as_written():
    speller = Speller(LIBRARY)
    assert speller.mend("Will folks get buses?") == "Will folks get buses?"  # English, though no document says it
    assert speller.mend("Buses in Oundle and Trnasport") == "Buses in Oundle and Trnasport"  # capitalised: maybe a name
    assert speller.mend("xylophnoe lessons") == "xylophnoe lessons"  # no library word one edit away
