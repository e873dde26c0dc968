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


# A lead's count given again, and one quotation (core/facts.py): sentences of real days (allsides_days,
# 2021-05-07 and 2021-06-05), two outlets' articles of one day, cut to what the marks read.
JOBS = [
    "The U.S. economy added just 266,000 jobs in April, a mere fraction of economists' expectations of nearly a "
    "million.",
    "President Joe Biden said the economy has a long way to go before recovering from its pandemic slump.",
]
JOBS_OTHER = [
    "Wall Street shrugged off the report on Friday.",
    "America's employers added just 266,000 jobs last month, sharply lower than in March.",
    "The pandemic that put 20,000,000 people out of work a year ago is not over.",
]
RULING = [
    "A federal judge ruled late on Friday that California's assault weapons ban is unconstitutional.",
    'Judge Roger Benitez argued firearms like the AR-15 are "ordinary, popular, modern rifles" and useful for '
    "self defense.",
]
RULING_OTHER = [
    "California's attorney general said the state would appeal.",
    "The banned weapons, the judge wrote, are fairly ordinary, popular, modern rifles.",
    'Governor Gavin Newsom called the "Second Amendment Sanctuary" decision a disgrace.',
]


def marks_of(first, second, dates=("2021-05-07T09:00:00Z", "2021-05-07T15:00:00Z"), names=("Outlet A", "Outlet B")):
    from summarizer.core.facts import fact_marks
    from summarizer.core.pipeline import prepare

    documents = [
        Document(id="a", text=" ".join(first), source=names[0], date=dates[0]),
        Document(id="b", text=" ".join(second), source=names[1], date=dates[1]),
    ]
    prepared = prepare(documents, language="english", jobs=1)
    position = {(u.document, u.index): k for k, u in enumerate(prepared.units)}
    marks = fact_marks(prepared.units, prepared.documents, outlets=list(names))
    return lambda a, b: marks.marked(position[a], position[b], 0.0)


def test_a_lead_and_another_outlets_sentence_giving_its_count_are_one_fact():
    marked = marks_of(JOBS, JOBS_OTHER)
    assert marked(("a", 0), ("b", 1)) and marked(("b", 1), ("a", 0))
    assert not marked(("a", 1), ("b", 1))  # no count in the first
    assert not marks_of(JOBS, JOBS_OTHER, dates=(None, None))(("a", 0), ("b", 1))  # undated: never joined
    assert not marks_of(JOBS, JOBS_OTHER, names=("Wire", "Wire"))(("a", 0), ("b", 1))  # one outlet


def test_two_later_sentences_sharing_a_count_are_not_joined():
    later = ["Markets fell.", "The pandemic that put 20,000,000 people out of work is far from over, he said."]
    assert not marks_of(later, JOBS_OTHER)(("a", 1), ("b", 2))  # neither is a lead: the count names an event
    assert marks_of(["Some 20,000,000 people lost work, the report found."], JOBS_OTHER)(("a", 0), ("b", 2))


def test_one_quotation_said_by_two_outlets_is_one_fact():
    marked = marks_of(RULING, RULING_OTHER, dates=("2021-06-05", "2021-06-05"))
    assert marked(("a", 1), ("b", 1))  # the quoted words, said again
    assert not marked(("a", 0), ("b", 0))
    assert not marked(("a", 1), ("b", 2))  # a title in quotation marks is a name, not a statement


def test_a_quoted_term_or_one_shared_quoted_word_joins_nothing():
    # A term in quotation marks is no statement: the ruling on the "assault weapons" ban and the judge's words.
    lead = ['A federal judge ruled on Friday that California\'s "assault weapons" ban is unconstitutional.']
    quoted = ["The state will appeal.", '"This case is not about extraordinary weapons," Judge Benitez wrote.']
    assert not marks_of(lead, quoted, dates=("2021-06-05", "2021-06-05"))(("a", 0), ("b", 1))
    # The question's word in the answer: asked why he was "so confident", Biden answered "I'm not confident".
    question = ['A reporter asked: "Why are you so confident about Putin?"']
    answer = ["Reporters pressed him.", 'Biden replied: "I\'m not confident."']
    assert not marks_of(question, answer, dates=("2021-06-16", "2021-06-16"))(("a", 0), ("b", 1))
    # One statement quoted by two outlets, in parts: two words in common.
    other = ['"The banned weapons are not extraordinary. This is an average case," the judge wrote.']
    assert marks_of(other, quoted, dates=("2021-06-05", "2021-06-05"))(("a", 0), ("b", 1))
    # Within one article, a speaker's statements share their topic's words: not one fact.
    speaker = ["The senator spoke.", '"Nothing environmental or cultural was weighed," he said.',
               '"You cannot mine without harming cultural and environmental values," he added.']  # fmt: skip
    assert not marks_of(speaker, answer, dates=("2021-06-05", "2021-06-05"))(("a", 1), ("a", 2))


def test_the_digest_tells_a_lead_s_count_once_and_names_the_other_outlet():
    other = ["Wall Street shrugged off the report on Friday.", "Employers hired 266,000 workers in April, sharply "
             "lower than in March.", "Hiring in restaurants and bars led the gains."]  # fmt: skip
    documents = [
        Document(id="a", text=" ".join(JOBS), source="Outlet A", date="2021-05-07T09:00:00Z"),
        Document(id="b", text=" ".join(other), source="Outlet B", date="2021-05-07T15:00:00Z"),
    ]
    counted = [s for s in summarize(documents, sentences=3, differences=False).sentences if "266,000" in s.text]
    before = summarize(documents, sentences=3, other_words=False, differences=False)
    assert sum("266,000" in s.text for s in before.sentences) == 2  # without the marks: the count twice
    assert len(counted) == 1
    assert counted[0].also_reported_by == ("b" if counted[0].document == "a" else "a",)


def test_one_reader_of_dates_says_which_dates_each_use_takes() -> None:
    from datetime import datetime, timezone

    from summarizer.documents import moment

    utc = timezone.utc
    assert moment("2025-04-21T09:30:00Z") == datetime(2025, 4, 21, 9, 30, tzinfo=utc)
    assert moment("2025-04-21T11:30:00+02:00") == moment("2025-04-21T09:30:00Z")  # the same instant
    assert moment("2025-04-21") == datetime(2025, 4, 21, tzinfo=utc)  # a date alone is its midnight, UTC
    assert moment("2025-04-21", with_time=True) is None  # the ranking's recent hours need an hour
    assert moment("09/10/1998 04:25:00") is None and moment("yesterday") is None and moment(None) is None
    assert moment("09/10/1998 04:25:00", newswire=True) == datetime(1998, 9, 10, 4, 25, tzinfo=utc)  # DUC, TAC
