"""Does "What outcomes does West Northamptonshire want for X by 2030?" list the right priority?

`python evals/themes.py` (the corpus must be ingested) asks it for 35 phrasings of the seven
priorities' themes, each of which should get that priority's whole outcome list, and for 20
narrow topics, which should get only the outcomes that speak of them (no "outcomes under ...").
It prints each answer's priority and the totals: right / wrong / no whole list, and how many
narrow topics got a whole list. The phrasings were written from the priorities' titles and
descriptions before any theme rule was measured on them, but the title rule's settings (0.6 and
0.2) were then chosen on them: this is a dev measure, not a held-out one, and not the gold set.
"""

from __future__ import annotations

import argparse
import re

THEMES = {
    1: ["the economy", "the local economy", "jobs and businesses", "the economy and jobs", "enterprise"],
    2: ["transport and connectivity", "getting around", "travel and transport", "connectivity", "roads and public transport"],
    3: ["towns and neighbourhoods", "town centres and villages", "thriving towns", "our towns", "places"],
    4: ["housing", "homes", "better homes", "more homes", "housing quality"],
    5: ["children and young people", "growing up", "kids", "children", "young families"],
    6: ["living and ageing well", "health and care", "older people and health", "ageing well", "adult health and wellbeing"],
    7: ["the council itself", "an efficient council", "council services", "how the council works", "the council's efficiency"],
}
NARROW = ["bus fares", "electric vehicle charging", "the Market Square", "empty properties", "the youth offer", "Ofsted",
          "artificial intelligence", "rough sleeping", "overnight stays", "hospital discharge", "apprenticeships",
          "rail stations", "air pollution", "social prescribing", "temporary accommodation", "business start-ups",
          "carers", "Green Flag parks", "digital skills", "SEND"]
QUESTION = "What outcomes does West Northamptonshire want for {} by 2030?"


def listed_priority(answer_text: str) -> int | None:
    """The number of the priority whose whole outcome list the answer gives, if any."""
    head = answer_text.split("\n")[0]
    m = re.search(r"outcomes under Our Priority (\d+)", head)
    return int(m.group(1)) if m else None


def main() -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    from assistant import Assistant

    assistant = Assistant()
    right = wrong = none = 0
    for wanted, phrasings in THEMES.items():
        for focus in phrasings:
            got = listed_priority(assistant.ask(QUESTION.format(focus)).answer)
            right, wrong, none = right + (got == wanted), wrong + (got not in (wanted, None)), none + (got is None)
            print(f"theme {wanted}  {focus:28s} -> {got}")
    whole = 0
    for focus in NARROW:
        got = listed_priority(assistant.ask(QUESTION.format(focus)).answer)
        whole += got is not None
        print(f"narrow   {focus:28s} -> {got}")
    print(f"themes: {right} right, {wrong} wrong, {none} without a whole list (of {right + wrong + none}); "
          f"narrow topics given a whole list: {whole} of {len(NARROW)}")


if __name__ == "__main__":
    main()
