from assistant.cleaning import PAGE_BREAK, clean
from tests.conftest import CORPUS


def test_banners_contents_and_html_are_removed_from_the_shipped_documents():
    for path in CORPUS.glob("*.txt"):
        text = clean(path.read_text("utf-8"), ["DRAFT"])
        assert "DRAFT" not in text.split("\n")
        assert "....." not in text
        assert "<p>" not in text and "<ul" not in text and "•" not in text
        assert "THRIVING PLACE" not in text  # running header repeated on every page


def test_layout_table_becomes_one_paragraph_and_list_per_column():
    text = clean((CORPUS / "north-northamptonshire-vision-2050.txt").read_text("utf-8"))
    assert "A PROUD PLACE: A place with clear goals and a plan of how to get there, where people feel inspired and safe.\n- Bold civic leadership" in text
    assert "- Transport that allows everyone to access everything the area has to offer" in text


def test_data_table_rows_become_sentences():
    text = clean("Age\tEngland\tNorth\n0-15\t5.0%\t10.9%\n65+\t20.1%\t30.4%")
    assert text == "Age 0-15: England 5.0%; North 10.9%.\n\nAge 65+: England 20.1%; North 30.4%."


def test_sentence_broken_by_a_page_and_footnote_is_mended_and_keeps_its_page_break():
    text = clean(f"We must be more effective with the\n\n¹ Source: ONS.\n{PAGE_BREAK}resources we have.")
    assert text.startswith("We must be more effective with the ")
    assert text.replace(PAGE_BREAK, "").startswith("We must be more effective with the resources we have.")
    assert text.count(PAGE_BREAK) == 1
    assert text.endswith("¹ Source: ONS.")


def test_markdown_emphasis_and_links_read_as_text():
    assert clean("We aim **to make it great** ([site](http://x.org)).") == "We aim to make it great (site)."
