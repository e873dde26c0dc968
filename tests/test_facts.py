"""One fact in other words (core/facts.py): two named outlets' same-day leads are one fact told once, and the
outlet whose lead was left out confirms the one told."""

import pytest

from summarizer import Document, summarize

# The issue's day (allsides_days, 2021-06-03): one fact, in two outlets' words, each its article's lead.
FIRST = [
    "President Biden has decided against appointing his own commission to investigate the Jan. 6 insurrection, "
    "the White House said on Thursday.",
    "Senate Republicans blocked a bipartisan commission last week, and Democrats are weighing a select committee.",
    "Press secretary Jen Psaki said the Justice Department's prosecutions would go on.",
]
SECOND = [
    "President Joe Biden has no plans to create a presidential panel to investigate the January 6 attack on the "
    "Capitol, a spokeswoman said.",
    "House Speaker Nancy Pelosi has said she could form a committee of the House instead.",
    "More than 400 people have been charged over the riot.",
]


def outlets(first_date: str | None, second_date: str | None, names=("Outlet A", "Outlet B")) -> list[Document]:
    return [
        Document(id="a", text=" ".join(FIRST), source=names[0], date=first_date),
        Document(id="b", text=" ".join(SECOND), source=names[1], date=second_date),
    ]


def leads_in(digest) -> list[str]:
    return [s.document for s in digest.sentences if s.index == 0]


def test_two_outlets_same_day_leads_are_one_fact_and_confirm_each_other():
    documents = outlets("2021-06-03T14:00:00Z", "2021-06-03T18:30:00Z")
    before = summarize(documents, sentences=2, other_words=False, differences=False)
    assert sorted(leads_in(before)) == ["a", "b"]  # without the rule: the fact twice
    digest = summarize(documents, sentences=2, differences=False)
    assert len(leads_in(digest)) == 1
    lead = next(s for s in digest.sentences if s.index == 0)
    assert lead.also_reported_by == ("b" if lead.document == "a" else "a",)


@pytest.mark.parametrize(
    ("dates", "names"),
    [
        ((None, None), ("Outlet A", "Outlet B")),
        (("2021-06-03", None), ("Outlet A", "Outlet B")),
        (("2021-06-01", "2021-06-03"), ("Outlet A", "Outlet B")),
        (("2021-06-03", "2021-06-03"), (None, None)),  # two stories of one wire service look like this
        (("2021-06-03", "2021-06-03"), ("Wire", "Wire")),
    ],
    ids=["undated", "one undated", "days apart", "no outlet names", "one outlet"],
)
def test_leads_undated_days_apart_or_of_no_two_named_outlets_are_not_joined(dates, names):
    digest = summarize(outlets(*dates, names=names), sentences=2, differences=False)
    assert sorted(leads_in(digest)) == ["a", "b"]
