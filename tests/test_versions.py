"""Versions of one story: exact copies, later versions that add or cut paragraphs, and updated figures."""

from dataclasses import replace

import pytest

from summarizer import Document, summarize
from summarizer.core.pipeline import prepare
from summarizer.core.versions import merge_versions

WIRE = [
    "An earthquake of magnitude 6.1 struck the mountain town of Arlo early on Tuesday, police said.",
    "At least 17 people were killed when the old market hall collapsed in the centre of town.",
    "Rescue teams from three neighbouring provinces searched the rubble through the night.",
    "The regional governor declared a state of emergency and asked the army for help.",
    "Schools in the valley will stay closed until engineers have inspected every building.",
    "The last strong earthquake in the region, in 1987, destroyed more than two hundred homes.",
    "Aid agencies said the hospital in Arlo was short of blood and of surgeons.",
    "The power company said electricity would be restored to most homes by Wednesday evening.",
    "Two bridges on the main road to the coast were closed after cracks appeared in their pillars.",
    "Volunteers set up tents for families whose houses were no longer safe to sleep in.",
    "The national weather service warned of heavy rain in the mountains later in the week.",
    "Mobile networks were overloaded for hours as residents tried to reach their relatives.",
]


def article(doc_id: str, paragraphs: list[str], date: str | None = None) -> Document:
    return Document(id=doc_id, text="\n\n".join(paragraphs), date=date, source="Wire")


def kept_texts(documents: list[Document]) -> dict[str, list[str]]:
    prepared = prepare(documents, language="english", jobs=1)
    versions = merge_versions(prepared.units, prepared.documents)
    kept: dict[str, list[str]] = {d.id: [] for d in documents}
    for unit in versions.units:
        kept[unit.document].append(unit.text)
    return kept


def test_exact_copies_keep_one_set_of_sentences():
    copies = [article(f"v{i}", WIRE) for i in range(5)]
    kept = kept_texts(copies)
    assert kept["v0"] == WIRE
    assert all(kept[f"v{i}"] == [] for i in range(1, 5))


NEW_LEAD = "Rescuers pulled a six-year-old girl alive from the ruins of the market hall on Wednesday."
ADDED = "The government promised money to rebuild the market hall within a year."


@pytest.mark.parametrize("later", [[NEW_LEAD, *WIRE], [*WIRE, ADDED]], ids=["new lead", "added paragraph"])
def test_what_a_later_version_adds_stays(later):
    kept = kept_texts([article("v1", WIRE), article("v2", later)])
    assert kept["v1"] == WIRE
    assert kept["v2"] == [s for s in later if s not in WIRE]


def test_a_paragraph_a_later_version_cut_stays():
    kept = kept_texts([article("v1", WIRE), article("v2", WIRE[:-1])])
    assert kept["v1"] == WIRE and kept["v2"] == []


def test_an_updated_figure_comes_from_the_later_version():
    updated = WIRE[1].replace("At least 17", "At least 23")
    kept = kept_texts([article("v1", WIRE), article("v2", [WIRE[0], updated, *WIRE[2:]])])
    assert WIRE[1] not in kept["v1"]
    assert kept["v2"] == [updated]


def test_dates_decide_which_version_is_later():
    updated = WIRE[1].replace("At least 17", "At least 23")
    newer = article("newer", [WIRE[0], updated, *WIRE[2:]], date="1998-11-02T18:00")
    older = article("older", WIRE, date="1998-11-02T09:00")
    kept = kept_texts([newer, older])  # the newer one given first
    assert updated in kept["newer"] and WIRE[1] not in kept["older"]


def test_different_stories_are_not_versions():
    other = [s.replace("earthquake", "flood").replace("Arlo", "Bena") for s in WIRE[:3]] + [
        "The river rose four metres in a single night after a week of rain.",
        "Farmers lost most of the harvest in the lower valley.",
    ]
    kept = kept_texts([article("quake", WIRE), article("flood", other)])
    assert kept["quake"] == WIRE and len(kept["flood"]) == len(other)


def test_versions_never_confirm_each_other_but_other_outlets_do(seed_documents):
    lead = "Kremlin officials said on Tuesday that a date for the talks had not yet been set by either side."
    first = seed_documents[0]
    later = replace(first, id="later-version", text=lead + "\n\n" + first.text)
    digest = summarize([*seed_documents, later], sentences=8)
    by_id = {d.id: d for d in digest.documents}
    assert by_id["later-version"].copy_of == first.id
    for sentence in digest.sentences:
        assert "later-version" not in sentence.also_reported_by
        if sentence.document == "later-version":
            assert first.id not in sentence.also_reported_by
    assert any(len(s.also_reported_by) >= 2 for s in digest.sentences)
    assert any("another version of" in note and "later-version" in note for note in digest.notes)


@pytest.mark.parametrize("count", [2, 5])
def test_identical_copies_give_no_confirmation(count):
    copies = [article(f"c{i}", WIRE) for i in range(count)]
    digest = summarize(copies, sentences=4)
    assert all(s.also_reported_by == () for s in digest.sentences)
    assert {s.document for s in digest.sentences} == {"c0"}


@pytest.mark.parametrize("mode", ["extractive", "abstractive"])
def test_a_first_version_left_without_sentences_still_names_its_family(mode):
    edited = [s[:-1] + " then." for s in WIRE]  # every sentence of the first version updated a little
    first, later = article("first", WIRE), article("later", edited)
    other = Document(id="other", source="Valley Radio", text=" ".join([
        "A magnitude 6.1 earthquake hit the mountain town of Arlo on Tuesday morning.",
        "Seventeen people or more died when the old market hall fell down in the town centre.",
        "The governor of the region declared an emergency and called in the army.",
    ]))  # fmt: skip
    digest = summarize([first, later, other], sentences=6, mode=mode)
    assert {d.id: d.copy_of for d in digest.documents}["later"] == "first"
    assert all(s.document != "first" for s in digest.sentences)  # every sentence of it was updated
    assert all("later" not in s.also_reported_by and "first" not in s.also_reported_by for s in digest.sentences
               if s.document == "later")  # fmt: skip
    # the family confirms another outlet's sentences, named by its first document (which kept no sentence)
    assert any(s.document == "other" and s.also_reported_by == ("first",) for s in digest.sentences)
