"""Section kinds for vision-style documents in general, not only the two shipped ones."""

import json

import pytest

from assistant.chunking import chunk
from assistant.documents import load
from assistant.outline import as_text, members, sections
from assistant.structure import Classifier, wanted_kind
from tests.conftest import CORPUS, NORTH, WEST


@pytest.mark.parametrize("title, parent, expected", [
    ("Priority 3: Healthy Lives", None, ("priority", "item")),
    ("Our Priority 4", None, ("priority", "item")),
    ("2. Theme two: Green Places", None, ("priority", "item")),
    ("Priority Goals", ("priority", "item"), ("goal", "container")),
    ("Clean Air", ("goal", "container"), ("goal", "item")),
    ("Suggested outcomes we want by 2030", ("priority", "item"), ("outcome", "container")),
    ("Our priority areas", ("priority", "item"), ("priority_area", "container")),
    ("What we will do: actions", ("priority", "item"), ("action", "container")),
    ("Guiding Principles", None, ("principle", "container")),
    ("Working in the open", ("principle", "container"), ("principle", "item")),
    ("Key drivers for change", None, ("driver", "container")),
    ("Foreword", None, ("foreword", "container")),
    ("1 Introduction", None, ("introduction", "container")),
    ("About Westshire", ("priority", "item"), ("statistics", "container")),
    ("Next steps", None, ("roadmap", "container")),
    ("Stage two", ("roadmap", "container"), ("step", "item")),
    ("Consultation", ("roadmap", "container"), ("step", "item")),
    ("3.1 A greener borough", ("priority", "item"), ("priority", "detail")),
])
def test_headings_are_classified_by_kind(title, parent, expected):
    assert Classifier().classify(title, parent) == expected


def test_a_manifest_can_add_patterns_for_an_unusual_document(tmp_path):
    (tmp_path / "plan.txt").write_text("Ambition 1 Cleaner air\n\nWe will cut emissions from buses.\n\n"
                                       "Ambition 2 Better homes\n\nEvery home is warm.", "utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps({"plan.txt": {"section_kinds": {"priority": ["^Ambition \\d"]}}}), "utf-8")
    chunks = chunk(load(tmp_path / "plan.txt"))
    assert [(c.kind, c.priority) for c in chunks] == [("priority", "Ambition 1 Cleaner air"), ("priority", "Ambition 2 Better homes")]


def test_parts_of_their_own_are_not_nested_in_the_part_before():
    west = sections(chunk(load(CORPUS / f"{WEST}.txt")))
    stats = [s for s in west if "Our People" in s.path]
    assert stats and stats[0].path == "About West Northamptonshire > Our People" and stats[0].kind == "statistics"
    steps = [s.path for s in members(west, ("step",))]
    assert steps == [f"One Roadmap to Thriving Places and People > Step {n}" for n in ("one", "two", "Three")]
    assert not any("Guiding Principles" in s.path and s.kind != "principle" for s in west)


def test_the_outline_shows_the_hierarchy_with_kinds():
    north = sections(chunk(load(CORPUS / f"{NORTH}.txt")))
    text = as_text(north)
    assert "6 Priority 2: Prosperous Place\n" in text and "    Transport  [goal]" in text
    transport = next(s for s in north if s.title == "Transport")
    assert transport.priority == "6 Priority 2: Prosperous Place"


def test_questions_ask_for_a_list_of_a_kind_only_in_the_plural():
    assert wanted_kind("What are the steps of the roadmap?") == "step"
    assert wanted_kind("Which goals address rural transport?") == "goal"
    assert wanted_kind("What is the Transport goal?") is None
