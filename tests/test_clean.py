from summarizer.core.clean import (
    clean,
    fix_missing_spaces,
    normalize_unicode,
    remove_bylines,
    remove_captions,
    remove_furniture,
    remove_headings,
    split_blocks,
)
from summarizer.documents import Document


def test_normalize_unicode_removes_invisibles_and_odd_spaces():
    text = "Putin\u00a0said\u200b it.\r\nNext\u2009line\ufeff"
    assert normalize_unicode(text) == "Putin said it.\nNext line"


def test_normalize_unicode_composes_accents():
    assert normalize_unicode("cafe\u0301") == "café"


def test_missing_space_after_sentence_end_is_restored():
    fixed, found = fix_missing_spaces("Hostilities resumed once the truce ended.Meanwhile, Kyiv waited.")
    assert fixed == "Hostilities resumed once the truce ended. Meanwhile, Kyiv waited."
    assert len(found) == 1


def test_missing_space_after_closing_quote():
    fixed, _ = fix_missing_spaces("a deal was possible “this week.”Despite this, nothing moved.")
    assert "“this week.” Despite" in fixed


def test_abbreviations_and_decimals_stay_whole():
    text = "The U.S. economy grew 3.5 percent, said Mr.Smith of Amazon.com today."
    fixed, found = fix_missing_spaces(text)
    assert fixed == text and found == []


def test_caption_with_photo_credit_is_removed():
    blocks = [
        "Russian President Vladimir Putin listens at the Kremlin in Moscow, Russia, Wednesday, March 26, 2025. "
        "(Vyacheslav Prokofyev, Sputnik, Kremlin Pool Photo via AP)",
        "Russian President Vladimir Putin proposed on Monday bilateral talks with Ukraine.",
    ]
    result = remove_captions(blocks)
    assert result.blocks == blocks[1:]
    assert result.removed[0].step == "caption"


def test_caption_lines_and_credit_only_lines():
    blocks = ["Image copyright PA", "Getty Images", "Photo: Jane Doe/Reuters", "The vote was held on Monday."]
    assert remove_captions(blocks).blocks == ["The vote was held on Monday."]


def test_inline_photo_credit_is_cut_but_sentence_kept():
    long_block = " ".join(["The minister spoke for an hour about the budget and its effects."] * 10)
    result = remove_captions([long_block + " (Photo by John Smith/Getty Images)"])
    assert result.blocks == [long_block]


def test_bylines_desk_tags_and_lone_agency():
    blocks = [
        "DE Online Desk :",
        "reuters",
        "By Jane Doe and John Roe",
        "Published: March 3, 2025",
        "The talks began on Monday.",
    ]
    result = remove_bylines(blocks)
    assert result.blocks == ["The talks began on Monday."]
    assert result.source == "Reuters"
    # A health wire's dated dateline (Multi-News s010; it had become a story headline).
    lead = "THURSDAY, Jan. 6 (HealthDay News) -- A blood test may spot the disease early."
    assert remove_bylines([lead]).blocks == ["A blood test may spot the disease early."]
    assert {r.step for r in result.removed} == {"byline"}


def test_dateline_prefix_is_stripped_and_agency_kept_as_source():
    result = remove_bylines(["MOSCOW (Reuters) - Russia said on Monday it was open to talks."])
    assert result.blocks == ["Russia said on Monday it was open to talks."]
    assert result.source == "Reuters"


def test_byline_rule_does_not_eat_sentences_starting_with_by():
    sentence = "By Monday, both sides had accused each other of violating the truce."
    assert remove_bylines([sentence]).blocks == [sentence]


def test_comment_share_and_navigation_furniture():
    blocks = [
        "The talks are a follow-up to a Paris meeting last week.",
        "Post a Comment",
        "We love comments! We appreciate your queries but to protect from being spammed, all comments "
        "will be moderated by our human moderators. Read our full comment policy.",
        "Previous Post Next Post",
        "Contact Form",
    ]
    assert remove_furniture(blocks).blocks == blocks[:1]


def test_tail_after_comment_section_goes_but_a_long_paragraph_survives():
    body = "Officials said the agreement would be signed within days, according to people familiar with it."
    long_paragraph = " ".join([body] * 4)
    blocks = [
        body,
        body,
        "Tags",
        "Comments (0)",
        "What is your opinion on this topic?",
        "Leave the first comment",
        long_paragraph,
    ]
    assert remove_furniture(blocks).blocks == [body, body, long_paragraph]


def test_web_furniture_from_scrapes():
    blocks = [
        "Tweet with a location",
        "You can add location information to your Tweets, such as your city or "
        "precise location, from the web and via third-party applications.",
        "Advertisement",
        "Story Continued Below",
        "___",
        "Read more: something",
        "The senator resigned on Friday.",
    ]
    assert remove_furniture(blocks).blocks == ["The senator resigned on Friday."]


def test_furniture_words_inside_real_sentences_are_kept():
    sentence = (
        "The newsletter, which has 40,000 subscribers, said the company would share more details "
        "with investors next month."
    )
    assert remove_furniture([sentence]).blocks == [sentence]


def test_headline_becomes_title_and_body_headings_are_marked_not_deleted():
    blocks = [
        "Putin hints at bilateral talks with Kyiv, truce falters",
        "Putin proposed talks on Monday.",
        "Halting Attacks on Civilian Targets",
        "Zelenskyy said Kyiv was ready.",
        "200 g sugar",
        "Moderator: Jane Doe",
    ]
    result = remove_headings(blocks)
    assert result.blocks == blocks[1:]
    assert [result.blocks[i] for i in result.headings] == ["Halting Attacks on Civilian Targets"]
    assert result.title == "Putin hints at bilateral talks with Kyiv, truce falters"
    # With a title from the page's metadata, a sentence-case first line is content.
    assert remove_headings(blocks, has_title=True).blocks == blocks


def test_section_headings_never_become_digest_sentences():
    from summarizer import summarize

    text = (
        "Putin proposed talks on Monday, the Kremlin said.\n\nWhat Happens Next For Ukraine?\n\nKyiv said it was ready."
    )
    digest = summarize([text], sentences=3)
    assert "What Happens Next For Ukraine?" not in [s.text for s in digest.sentences]


def test_title_case_question_headline_is_removed():
    result = remove_headings(["Putin Says Yes to Peace Talks — Will Ukraine Respond?", "Putin spoke on TV."])
    assert result.blocks == ["Putin spoke on TV."]


def test_split_blocks_one_paragraph_per_line():
    assert split_blocks("First para.\nSecond para.\n\nThird.") == ["First para.", "Second para.", "Third."]


def test_split_blocks_keeps_headline_and_lone_agency_apart():
    assert split_blocks("Putin hints at talks\n\nreuters\n\nBody.") == ["Putin hints at talks", "reuters", "Body."]


def test_split_blocks_joins_hard_wrapped_text():
    line = "word " * 14
    text = "\n".join([line.strip()] * 6) + "\n\n" + "\n".join([line.strip()] * 5)
    blocks = split_blocks(text)
    assert len(blocks) == 2


def test_clean_records_every_removal_on_a_seed(seeds_dir):
    path = seeds_dir / "001_018146ee782bba89.txt"
    cleaned = clean(Document(id="x", text=path.read_text(encoding="utf-8")))
    steps = [r.step for r in cleaned.removed]
    assert steps.count("furniture") == 4 and "headline" in steps
    assert cleaned.title == "Putin Says Yes to Peace Talks — Will Ukraine Respond?"
    assert not any("Comment" in p for p in cleaned.paragraphs)


def test_positional_photo_captions_and_widget_labels():
    from summarizer.core.clean import strip_widget_labels

    caption = (
        "Douglas Owsley, a physical anthropologist at the Smithsonian Institution, left, and archaeologist "
        "William Kelso unveil the reconstruction in Washington."
    )
    assert remove_captions([caption, "The museum opened the exhibit on Wednesday."]).blocks == [
        "The museum opened the exhibit on Wednesday."
    ]
    assert remove_captions(["A photo of the teen who went missing on April 14."]).blocks == []
    assert strip_widget_labels("CLOSE Scientists say they found evidence.") == (
        "Scientists say they found evidence.",
        ["CLOSE"],
    )
    assert strip_widget_labels("CLOSED for repairs, the bridge waits.")[1] == []


def test_web_archive_notices_are_furniture():
    blocks = [
        "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. "
        "Flowing in every day, these data are added to the Wayback Machine after an embargo period.",
        "The seed for Wide00014 was:",
        "The senator resigned on Friday.",
    ]
    assert remove_furniture(blocks).blocks == ["The senator resigned on Friday."]


def test_glued_headline_byline_and_inline_share_widgets():
    from summarizer.core.clean import strip_glued_furniture

    text = (
        "Huntsman to skip Nevada debate in protest By Justin Sink - Tweet Jon Huntsman announced Friday that he "
        'will boycott the debate. Tweet View Comments "Next Tuesday, Gov. Huntsman will boycott it," he said.'
    )
    cleaned, removed = strip_glued_furniture(text)
    assert cleaned.startswith("Jon Huntsman announced Friday")
    assert "View Comments" not in cleaned and len(removed) == 2
    sentence = "The bill was passed By Congress - after a long fight, officials said."
    assert strip_glued_furniture(sentence)[0] == sentence


def test_a_photo_credit_or_a_desk_names_the_outlet_when_nothing_else_does(seeds_dir):
    from summarizer import load_paths

    sources = {d.id[:3]: clean(d).source for d in load_paths([str(seeds_dir)]).documents}
    assert sources == {"000": "AP", "001": None, "002": None, "003": "Reuters", "004": "DE Online"}
    assert clean(Document(id="x", text="Sports Desk:\n\nThe home side won the match on Sunday.")).source is None
    credited = Document(
        id="y", text="Crowds gather. (AP Photo/Jane Doe)\n\nThe march went on for hours.", source="Metro"
    )
    assert clean(credited).source == "Metro"  # what the file says comes first
