"""Versions of one story: exact copies, later versions that add or cut paragraphs, and updated figures. A family
of versions decides counting (one outlet) and wording (which version's sentence is shown); every sentence of
every version stays as evidence for the ranking and the differences."""

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
    """The sentences each version is shown with (every other one is a repeat of another version's)."""
    prepared = prepare(documents, language="english", jobs=1)
    versions = merge_versions(prepared.units, prepared.documents)
    assert versions.units == prepared.units  # no sentence is deleted
    kept: dict[str, list[str]] = {d.id: [] for d in documents}
    for position, unit in enumerate(versions.units):
        if position not in versions.shown_as:
            kept[unit.document].append(unit.text)
        else:  # a repeat stands for a sentence that is shown, of another version of the same story
            shown = versions.units[versions.shown_as[position]]
            assert position not in versions.shown_as.values() and shown.document != unit.document
            assert versions.outlet_of(shown.doc_order) == versions.outlet_of(unit.doc_order)
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


def evidence_of(documents: list[Document], language: str = "english", **options):
    """The Evidence the differences step is handed for these documents (and the digest)."""
    from summarizer import DigestOptions
    from summarizer.core.pipeline import summarize_prepared

    caught = []

    def differences(evidence):
        caught.append(evidence)
        return (), None

    prepared = prepare(documents, language=language, jobs=1)
    digest = summarize_prepared(prepared, options=DigestOptions(language=language, sentences=4, **options),
                                differences=differences)  # fmt: skip
    return caught[0], prepared, digest


LOCAL = "The Arlo Gazette's own reporter saw the market hall fall from across the square."
GERMAN = [
    "Ein Erdbeben der Stärke 6,1 hat am Dienstag die Bergstadt Arlo erschüttert, teilte die Polizei mit.",
    "Mindestens 17 Menschen kamen ums Leben, als die alte Markthalle im Zentrum einstürzte.",
    "Rettungsteams aus drei Nachbarprovinzen durchsuchten die ganze Nacht die Trümmer.",
    "Der Gouverneur der Region rief den Notstand aus und bat die Armee um Hilfe.",
    "Die Schulen im Tal bleiben geschlossen, bis Ingenieure jedes Gebäude geprüft haben.",
    "Das letzte starke Beben in der Region zerstörte 1987 mehr als zweihundert Häuser.",
]


@pytest.mark.parametrize(
    ("language", "wire", "copy", "source"),
    [
        ("english", WIRE, [*WIRE, LOCAL], "Daily Mirror"),  # an agency's text word for word plus a local sentence
        ("english", WIRE, [WIRE[0], WIRE[1].replace("17", "18"), *WIRE[2:]], "AP"),  # one figure changed
        ("german", GERMAN, [*GERMAN, "Unser Reporter sah die Halle vom Marktplatz aus einstürzen."], "Lokalblatt"),
    ],
    ids=["copy and a local sentence", "one-figure variant", "German copy"],
)
def test_a_syndicated_copy_keeps_every_sentence_as_evidence(language, wire, copy, source):
    documents = [Document(id="agency", text="\n\n".join(wire), source="Agency", date="2021-06-03T09:00"),
                 Document(id="copy", text="\n\n".join(copy), source=source, date="2021-06-03T10:00")]  # fmt: skip
    evidence, prepared, _ = evidence_of(documents, language=language)
    assert [u.text for u in evidence.units] == [u.text for u in prepared.units]  # the copy's sentences are all there
    assert dict(evidence.families) == {0: 0, 1: 0} and evidence.outlet_of(1) == 0
    copy_units = [k for k, u in enumerate(evidence.units) if u.document == "copy"]
    shown = {evidence.shown_as.get(k, k) for k in range(len(evidence.units))}
    for k in copy_units:  # each sentence of the copy is shown itself or stands for the agency's same sentence
        text = evidence.units[k].text
        if k in evidence.shown_as:
            assert evidence.units[evidence.shown_as[k]].text == text and k not in shown
        else:
            assert text not in wire  # its own sentence, or the later figure
    agency_units = [k for k, u in enumerate(evidence.units) if u.document == "agency"]
    assert len(agency_units) == len(wire) and all(k in evidence.shown_as or k in shown for k in agency_units)


def test_the_later_wording_of_an_edited_sentence_is_shown_from_its_version():
    updated = WIRE[1].replace("At least 17", "At least 23")
    other = Document(id="radio", source="Valley Radio", text=" ".join([
        "A magnitude 6.1 earthquake hit the mountain town of Arlo on Tuesday morning.",
        "At least 23 people died when the old market hall fell down in the town centre.",
    ]))  # fmt: skip
    documents = [article("v1", WIRE, date="1998-11-02T09:00"),
                 article("v2", [WIRE[0], updated, *WIRE[2:]], date="1998-11-02T18:00"), other]  # fmt: skip
    for weight in (0.0, 0.5, 1.0):
        digest = summarize(documents, sentences=6, repeat_weight=weight)
        texts = [s.text for s in digest.sentences]
        assert WIRE[1] not in texts  # the earlier figure is never shown
        assert all(s.document == "v2" for s in digest.sentences if s.text == updated)
        assert all("v2" not in s.also_reported_by for s in digest.sentences)  # a family is named by its first


def test_a_repeat_weighing_nothing_ranks_as_if_it_were_not_there():
    import numpy as np
    import scipy.sparse as sp

    from summarizer.core.rank import rank

    rng = np.random.default_rng(7)
    dense = rng.random((6, 6))
    graph = sp.csr_matrix(np.triu(dense, 1) + np.triu(dense, 1).T)
    indices = np.asarray([0, 1, 2, 0, 1, 2])
    weights = np.asarray([1.0, 1.0, 1.0, 1.0, 0.0, 0.0])
    options = dict(position_prior=0.5, damping=0.85, tolerance=1e-10, max_iterations=500)
    weighted, _ = rank(graph, indices=indices, weights=weights, **options)
    alone, _ = rank(sp.csr_matrix(graph.toarray()[:4, :4]), indices=indices[:4], **options)
    assert np.allclose(weighted[:4], alone, atol=1e-8) and np.allclose(weighted[4:], 0.0, atol=1e-8)
    full, _ = rank(graph, indices=indices, weights=np.ones(6), **options)
    assert np.array_equal(full, rank(graph, indices=indices, **options)[0])  # weight 1 everywhere: unweighted


def test_the_versions_that_carry_a_sentence_weigh_within_their_family_only():
    import numpy as np

    from summarizer.core.rank import _with_evidence

    documents = [article("v1", WIRE), article("v2", WIRE[:-1]), article("v3", WIRE[:-1]), article("other", [ADDED])]
    prepared = prepare(documents, language="english", jobs=1)
    versions = merge_versions(prepared.units, prepared.documents)
    carried = versions.carried()
    shown = [i for i, u in enumerate(versions.units) if i not in versions.shown_as]
    assert [int(carried[i]) for i in shown] == [3] * 11 + [1, 1]  # v1 (its last sentence cut by v2 and v3), then ADDED
    prior = np.asarray([0.4, 0.2, 0.2, 0.2])
    moved = _with_evidence(prior, np.asarray([1.0, 3.0, 1.0, 1.0]), np.asarray([0, 1, 1, 2]))
    assert moved[0] == pytest.approx(0.4) and moved[3] == pytest.approx(0.2)  # the other families keep theirs
    assert moved[1] == pytest.approx(0.3) and moved[2] == pytest.approx(0.1)  # 3:1 within the family's 0.4
