import pytest

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


# A title before a name ends no sentence, in any language the splitter serves. English: the sentence of issue 35
# (the first half was lost, the rest split after "Lt. Gov."), then titles Punkt's model does not know or splits
# before a name that is also a word; the others as their news write them.
TITLED_SENTENCES = {
    "english": [
        "Former New York Gov. David Paterson (D) said Sunday that Lt. Gov. Kathy Hochul will be well-suited for "
        "the job.",
        "Texas Gov. Greg Abbott on Wednesday signed into law a bill that bans abortion after six weeks.",
        "Gov.-elect Glenn Youngkin named his cabinet on Monday, and Sen. Tim Kaine (D-Va.) congratulated him.",
        "Clayton County Police Sgt. Joanne Southerland found a panel at the back wall, said Capt. Ray Peavy.",
        "Gen. Mark Milley and Adm. Mike Gilday testified before Sens. Joe Manchin and Lisa Murkowski.",
        "Mr. Trump is slated to join Gov. Greg Abbott and Dr. Anthony Fauci in St. Louis on Wednesday.",
        "House Republicans elevated Rep. Elise Stefanik (R-N.Y.) to replace Rep. Liz Cheney (R-Wyo.) as the "
        "party's conference chair.",
        "LARAMIE, Wyo. _ A roofer pleaded guilty on Monday to the murder of a college student.",
        "After a visit to the U.S. Holocaust Memorial Museum in Washington, D.C., Greene said she had made a "
        "mistake.",
        "The law was blocked by the 5th U.S. Circuit Court of Appeals, and the E.U. and U.K. opened an inquiry.",
        "Portland leaders opted to stop fighting last year, and Mt. Tabor's reservoirs stayed open.",
    ],
    "german": ["Bundesgesundheitsminister Prof. Dr. Karl Lauterbach (SPD) hat am Montag neue Regeln vorgestellt.",
               "Hr. Müller und Fr. Schmidt trafen sich in St. Pauli mit Dipl.-Ing. Weber."],
    "french": ["M. Macron a reçu le Pr. Didier Raoult à l'Élysée mardi soir.",
               "Le gén. François Lecointre a remis sa démission au président."],
    "spanish": ["El Sr. Sánchez y la Sra. Díaz se reunieron el lunes en Madrid.",
                "La Dra. García y el Dr. Simón comparecieron ayer ante la prensa."],
    "italian": ["Il sig. Rossi ha parlato con il dott. Verdi e con il gen. Figliuolo a Roma."],
    "portuguese": ["O Sr. Bolsonaro e o Gen. Pazuello chegaram ao Palácio do Planalto na segunda-feira."],
    "dutch": ["Dhr. Rutte en mevr. Kaag spraken dinsdag met prof. Kuipers over de maatregelen."],
    "polish": ["Ks. Jan Kowalski i gen. Jarosław Mika przybyli w poniedziałek do Warszawy."],
    "czech": ["MUDr. Jan Novák a Ing. Andrej Babiš jednali v pondělí v Praze."],
    "swedish": ["Prof. Anders Tegnell sade på måndagen att läget är allvarligt."],
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(TITLED_SENTENCES))
def test_a_title_before_a_name_ends_no_sentence(language):
    sentences = TITLED_SENTENCES[language]
    assert split_sentences(" ".join(sentences), language=language) == sentences
    assert [s for _, s in split_document([" ".join(sentences)], language=language)] == sentences


@pytest.mark.parametrize(
    "text",
    [
        "He lived on Elm St. The house burned down in the night.",  # a street, then a new sentence
        "Speaking to the Gov. He said nothing at all that day.",
        "Drilling spread across the western U.S. They cheered the ruling on Wednesday.",
        "She was born in Athens, Tex. Her father ran a ranch there.",  # a state Punkt knows, at a sentence end
        "He spoke in Washington, D.C. ``They can help change the climate,'' he said.",
    ],
)
def test_a_sentence_may_still_end_after_an_abbreviation(text):
    assert len(split_sentences(text)) == 2


def test_no_sentence_of_real_news_ends_with_a_title(shared_data):
    import json

    from summarizer.core.titles import TITLES

    titles = TITLES["english"]
    ends = []
    for line in (shared_data / "allsides_days" / "allsides_days_dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for _, sentence in split_document(record["text"].split("\n\n")):
            last = sentence.rsplit(maxsplit=1)[-1]
            if last.endswith(".") and last[:-1].lstrip("(").lower() in titles:
                ends.append(sentence)
    assert ends == []  # Punkt alone left 34 ("... to oust Gov.", "Texas Gov.", "Sens.")


def test_a_unit_moved_to_another_document_position_is_dataclasses_replace_field_for_field():
    from dataclasses import MISSING, fields, replace

    from summarizer.documents import Unit

    unit = Unit("Text.", "d7", 3, 4, 2, ("text",), ("text",), False, 0.5, True)  # no field at its default
    assert all(getattr(unit, f.name) != f.default for f in fields(Unit) if f.default is not MISSING)
    assert unit.in_document(0) == replace(unit, doc_order=0)
