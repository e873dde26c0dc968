from summarizer.core.segment import detect_language, is_complete, is_dangling, split_document, split_sentences
from summarizer.text import stemmer, stop_words, tokenize


def test_punkt_keeps_abbreviations_whole():
    text = "The U.S. and European states met in Paris. Talks resume this week."
    assert split_sentences(text) == ["The U.S. and European states met in Paris.", "Talks resume this week."]


def test_split_quotation_is_rejoined():
    paragraph = (
        "“We have always talked about this. We hope the Kyiv regime will feel the same way,” "
        "Putin told state TV reporter Pavel Zarubin."
    )
    assert split_sentences(paragraph) == [paragraph]


def test_closing_quote_left_alone_is_reattached():
    sentences = split_sentences("He said “we are ready. ” Then he left the room.")
    assert sentences[0].endswith("”")
    assert not sentences[-1].startswith("”")


def test_other_languages_use_their_punkt_model():
    sentences = split_sentences("Das ist z.B. ein Satz. Und noch einer.", language="german")
    assert sentences == ["Das ist z.B. ein Satz.", "Und noch einer."]


def test_tokenize_unicode_possessives_and_numbers():
    assert tokenize("Russia’s 3,000 violations in Kyiv, U.S. said 3.5") == [
        "russia",
        "3,000",
        "violations",
        "in",
        "kyiv",
        "u.s",
        "said",
        "3.5",
    ]
    assert tokenize("Привет, мир") == ["привет", "мир"]


def test_stemmer_and_stop_words():
    stem = stemmer("english")
    assert stem("talks") == stem("talk")
    assert "the" in stop_words("english") and "putin" not in stop_words("english")


def test_is_complete():
    assert is_complete("Russia and Ukraine said they are open to further ceasefires.")
    assert not is_complete("Halting attacks on civilian targets")
    assert not is_complete("“We are ready for any conversation about how to achieve this.")
    assert not is_complete("and then it ended on a Monday morning.")
    assert not is_complete("Too short.")


def test_is_dangling():
    assert is_dangling("He also said the talks would continue next week.")
    assert is_dangling("“We are ready,” he said on Monday after the meeting.")
    assert not is_dangling("Zelenskyy said the talks would continue next week.")


def test_detect_language():
    assert detect_language("The president said that the talks would be held in the capital next week.") == "english"
    german = "Der Präsident sagte, dass die Gespräche in der nächsten Woche in der Hauptstadt stattfinden werden."
    assert detect_language(german) == "german"


def test_paragraph_breaks_are_hard_boundaries():
    from summarizer.core.segment import split_document

    paragraphs = ["The talks were held in the U.S.", "Officials met again on Monday. Nothing changed."]
    assert split_document(paragraphs) == [
        (0, "The talks were held in the U.S."),
        (1, "Officials met again on Monday."),
        (1, "Nothing changed."),
    ]


def test_split_document_matches_per_paragraph_splitting(seeds_dir):
    from summarizer.core.clean import clean
    from summarizer.core.segment import split_document
    from summarizer.documents import Document

    for path in sorted(seeds_dir.iterdir()):
        paragraphs = clean(Document(id="x", text=path.read_text())).paragraphs
        expected = [(n, s) for n, p in enumerate(paragraphs) for s in split_sentences(p)]
        assert split_document(paragraphs) == expected


def test_split_document_when_the_text_does_not_start_with_a_sentence():
    # The first sentence span starting after the start of the text once raised UnboundLocalError.
    assert split_document(["", "Putin proposed talks. Kyiv agreed."]) == [
        (1, "Putin proposed talks."),
        (1, "Kyiv agreed."),
    ]
    assert split_document(["   ", "One sentence here."]) == [(1, "One sentence here.")]
