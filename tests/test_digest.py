"""The public API end to end on the seed articles."""

import pytest

from summarizer import Digest, Document, NothingToSummarize, load_paths, summarize


@pytest.fixture(scope="module")
def seed_documents(seeds_dir):
    return load_paths([str(seeds_dir)]).documents


def test_api_accepts_plain_strings():
    digest = summarize(
        [
            "The council approved the budget on Tuesday after a long debate.",
            "On Tuesday the council approved the budget, ending weeks of debate.",
        ],
        sentences=1,
    )
    assert isinstance(digest, Digest) and len(digest.sentences) == 1
    assert digest.sentences[0].document in ("doc1", "doc2")
    assert len(digest.sentences[0].also_reported_by) == 1


def test_seed_digest_has_no_junk_and_no_repeated_fact(seed_documents):
    digest = summarize(seed_documents, sentences=8)
    assert len(digest.sentences) == 8
    junk = ("Comment", "Photo", "Desk", "reuters", "Previous Post", "Tags", "(AP)")
    for sentence in digest.sentences:
        assert not any(j in sentence.text for j in junk), sentence.text
        assert sentence.text[0].isupper() or sentence.text[0] in '“"'
        assert sentence.text.rstrip('”"’')[-1] in ".!?"
    lead_like = [s for s in digest.sentences if "first time" in s.text]
    assert len(lead_like) == 1, "the lead fact must be stated once"


def test_seed_digest_covers_the_main_facts(seed_documents):
    text = summarize(seed_documents, words=250).text.lower()
    for fact in ("talks", "easter", "ceasefire", "london"):
        assert fact in text


def test_sources_are_reported(seed_documents):
    digest = summarize(seed_documents, sentences=5)
    lead = digest.sentences[0]
    assert len(lead.also_reported_by) >= 3
    assert lead.document not in lead.also_reported_by


def test_budgets(seed_documents):
    assert summarize(seed_documents, words=60).word_count <= 60
    assert len(summarize(seed_documents, bytes=500).text.encode()) <= 500
    assert len(summarize(seed_documents, ratio=0.05).sentences) == round(0.05 * 115)


def test_single_one_sentence_article():
    digest = summarize(["Officials confirmed the bridge will reopen on Friday morning."])
    assert [s.text for s in digest.sentences] == ["Officials confirmed the bridge will reopen on Friday morning."]


def test_identical_articles_give_one_copy_of_each_fact(seed_documents):
    copies = [Document(id=f"copy{i}", text=seed_documents[0].text) for i in range(5)]
    digest = summarize(copies, sentences=5)
    texts = [s.text for s in digest.sentences]
    assert len(set(texts)) == len(texts)
    # Copies are one text, not five confirmations of each fact.
    assert all(s.also_reported_by == () for s in digest.sentences)
    assert [d.copy_of for d in digest.documents] == [None, "copy0", "copy0", "copy0", "copy0"]
    assert sum("counted once" in note for note in digest.notes) == 4


def test_near_copies_count_once_but_other_outlets_still_confirm(seed_documents):
    edited = Document(id="edited", text=seed_documents[0].text.replace("Monday", "Monday evening"))
    digest = summarize([*seed_documents, edited], sentences=5)
    assert digest.documents[-1].copy_of == seed_documents[0].id
    assert all("edited" not in s.also_reported_by for s in digest.sentences)
    assert any(len(s.also_reported_by) >= 2 for s in digest.sentences)


def test_non_english_article_gets_a_digest():
    german = (
        "Die Regierung hat am Montag einen neuen Haushalt vorgelegt. Der Finanzminister sagte, die Schulden "
        "würden sinken. Die Opposition kritisierte den Plan scharf. Im Parlament wird nächste Woche abgestimmt."
    )
    digest = summarize([german], sentences=2)
    assert len(digest.sentences) == 2 and digest.options.language == "german"


def test_nothing_left_after_cleaning():
    with pytest.raises(NothingToSummarize):
        summarize(["Advertisement\n\nComments (0)\n\n___"])


def test_bad_options_are_value_errors(seed_documents):
    with pytest.raises(ValueError):
        summarize(seed_documents, sentences=0)
    with pytest.raises(ValueError):
        summarize(seed_documents, similarity="jaccard")


@pytest.mark.parametrize("similarity", ["overlap", "bm25", "cosine"])
@pytest.mark.parametrize("order", ["article", "score", "source"])
def test_every_method_and_order_works(seed_documents, similarity, order):
    digest = summarize(seed_documents, sentences=4, similarity=similarity, order=order)
    assert len(digest.sentences) == 4
    if order == "score":
        scores = [s.score for s in digest.sentences]
        assert scores == sorted(scores, reverse=True)


def test_a_string_is_one_document():
    digest = summarize("Putin proposed talks on Monday. Kyiv said it was ready for any discussion.", sentences=1)
    assert len(digest.documents) == 1 and digest.sentences[0].document == "doc1"


@pytest.mark.parametrize(
    "text, language",
    [
        ("Президент России Владимир Путин предложил провести прямые переговоры с Украиной. Киев ответил.", "russian"),
        ("اقترح الرئيس الروسي فلاديمير بوتين إجراء محادثات مباشرة مع أوكرانيا. وقالت كييف إنها مستعدة.", "arabic"),
        ("De minister-president heeft vandaag het nieuwe kabinet gepresenteerd aan de koning.", "dutch"),
    ],
)
def test_languages_are_detected_not_taken_for_english(text, language):
    assert summarize([text], sentences=1).options.language == language


def test_a_script_without_spaces_gets_a_clear_message():
    with pytest.raises(NothingToSummarize, match="Chinese"):
        summarize(["普京周一提议与乌克兰举行直接谈判。乌克兰总统表示基辅准备好进行任何讨论。"])


def test_an_unbroken_megabyte_line_is_cut_into_bounded_pieces():
    digest = summarize([" ".join(["lorem ipsum dolor sit"] * 50_000)])
    assert digest.word_count <= 7 * 150


def test_options_fail_before_any_work():
    from summarizer import DigestOptions, OptionsError

    for bad in ({"similarity": "jaccard"}, {"language": "klingon"}, {"mode": "poetic"}, {"words": 0}):
        with pytest.raises(OptionsError):
            DigestOptions(**bad)


def test_an_update_digest_leaves_out_what_the_reader_has_seen(seed_documents):
    from summarizer.core.represent import build_term_space
    from summarizer.text import stemmer

    old, new = seed_documents[:2], seed_documents[2:]
    update = summarize(new, sentences=4, seen=old)
    generic = summarize(new, sentences=4)
    assert [s.text for s in update.sentences] != [s.text for s in generic.sentences]
    # No sentence of the update restates a sentence already read (cosine above the seen threshold).
    from summarizer.core.pipeline import prepare

    seen_units = prepare(old, language="english").units
    chosen = [u for u in prepare(new, language="english").units if u.text in {s.text for s in update.sentences}]
    space = build_term_space([*chosen, *seen_units], stem=stemmer("english"))
    tfidf = space.tfidf()
    similarity = (tfidf[: len(chosen)] @ tfidf[len(chosen) :].T).toarray()
    assert (update.options.seen_weight * similarity.max(axis=1) <= update.options.redundancy).all()


def test_a_query_focuses_the_digest(seed_documents):
    query = "talks in London with the United States and European nations"
    focused = summarize(seed_documents, sentences=2, query=query)
    assert any("London" in s.text for s in focused.sentences)
    assert focused.options.query == query
