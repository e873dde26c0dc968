import io
import json
import re
from dataclasses import replace

import pytest

from summarizer.sources.ingest import InputError, decode, load_inputs, load_paths, parse_bytes


def test_directory_loads_sorted_files(seeds_dir):
    result = load_paths([str(seeds_dir)])
    assert [d.id for d in result.documents] == sorted(p.stem for p in seeds_dir.iterdir())


def test_glob_pattern(seeds_dir):
    result = load_paths([str(seeds_dir / "00[0-1]*.txt")])
    assert len(result.documents) == 2


def test_missing_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(InputError) as error:
        load_paths([str(tmp_path / "nope.txt")])
    assert "nope.txt: no such file or directory" in str(error.value)


def test_empty_file_and_empty_directory(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(InputError, match=r"empty\.txt: empty file"):
        load_paths([str(empty)])
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(InputError, match="directory contains no files"):
        load_paths([str(folder)])


def test_binary_file_is_rejected(tmp_path):
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError, match=r"image\.bin: binary file"):
        load_paths([str(binary)])
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(InputError, match="a PDF file"):
        load_paths([str(pdf)])


def test_bad_file_among_good_ones_is_a_warning(tmp_path, seeds_dir):
    (tmp_path / "a.txt").write_text((seeds_dir / "000_b8d4d1304aba4b28.txt").read_text())
    (tmp_path / "b.txt").write_text("")
    result = load_paths([str(tmp_path)])
    assert len(result.documents) == 1
    assert result.warnings and "b.txt" in result.warnings[0]


def test_encodings_bom_and_legacy():
    text, notes = decode("\ufeffKyiv said so.".encode("utf-8"), "x")
    assert text == "Kyiv said so." and notes == ()
    text, notes = decode("Café crème à Genève, répondit le ministre français.".encode("cp1252"), "x")
    assert "Café" in text and notes and "decoded as" in notes[0]
    text, notes = decode("Kyiv said so.".encode("utf-16"), "x")
    assert text == "Kyiv said so."


def test_invalid_utf8_bytes_are_tolerated(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"The talks went well. " * 20 + b"\xff\xfe\xfa bad bytes here. " + b"More text follows. " * 5)
    result = load_paths([str(path)])
    assert result.documents[0].notes


def test_json_records_and_jsonl(tmp_path):
    records = [{"id": "a", "text": "First article.", "source": "AP", "title": "T"}, {"text": "Second."}]
    (tmp_path / "x.json").write_text(json.dumps(records))
    documents = load_paths([str(tmp_path / "x.json")]).documents
    assert documents[0].id == "a" and documents[0].source == "AP" and documents[1].id == "x#1"
    (tmp_path / "y.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    assert len(load_paths([str(tmp_path / "y.jsonl")]).documents) == 2


def test_json_without_text_names_the_record(tmp_path):
    (tmp_path / "bad.json").write_text(json.dumps([{"title": "no text"}, {"text": "ok"}]))
    with pytest.raises(InputError, match="record bad#0 has no 'text'"):
        load_paths([str(tmp_path / "bad.json")])


def test_invalid_json_is_an_error(tmp_path):
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(InputError, match="invalid JSON"):
        load_paths([str(tmp_path / "bad.json")])


def test_cluster_file(tmp_path):
    cluster = {
        "id": "M1",
        "documents": [{"id": "d1", "text": "One."}, {"id": "d2", "text": "Two."}],
        "references": ["ref"],
    }
    (tmp_path / "M1.json").write_text(json.dumps(cluster))
    assert [d.id for d in load_paths([str(tmp_path / "M1.json")]).documents] == ["d1", "d2"]


def test_markdown_is_stripped_to_text(tmp_path):
    (tmp_path / "a.md").write_text("# Big news\n\nThe **minister** said [this](http://x).\n\n![photo](p.jpg)\n")
    document = load_paths([str(tmp_path / "a.md")]).documents[0]
    assert document.title == "Big news"
    assert "The minister said this." in document.text and "http" not in document.text


def test_html_main_text_is_extracted(tmp_path):
    paragraphs = "".join(
        f"<p>The finance minister said on Monday that the budget deficit would shrink by {n} percent.</p>"
        for n in range(1, 8)
    )
    html = (
        f"<html><head><title>Budget news</title></head><body><nav>Home | World | Sports</nav>"
        f"<article><h1>Budget news</h1>{paragraphs}</article><footer>Copyright 2025</footer></body></html>"
    )
    (tmp_path / "a.html").write_text(html)
    document = load_paths([str(tmp_path / "a.html")]).documents[0]
    assert "budget deficit would shrink by 3 percent" in document.text
    assert "Home | World" not in document.text


def test_stdin_text_and_jsonl():
    result = load_inputs(["-"], stdin=io.BytesIO(b"Plain text from a pipe. It has two sentences."))
    assert result.documents[0].text.startswith("Plain text")
    lines = b'{"text": "One article here."}\n{"text": "Another article here."}\n'
    assert len(load_inputs([], stdin=io.BytesIO(lines)).documents) == 2


def test_rss_feed(tmp_path):
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Planet</title>
    <item><title>Story one</title><link>http://x/1</link><pubDate>Mon, 21 Apr 2025 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;The mayor opened the new bridge on Monday.&lt;/p&gt;</description></item>
    </channel></rss>"""
    (tmp_path / "feed.xml").write_text(feed)
    document = load_paths([str(tmp_path / "feed.xml")]).documents[0]
    assert document.source == "Daily Planet" and document.date == "2025-04-21T10:00:00Z"  # a feed item keeps its time
    assert document.text == "The mayor opened the new bridge on Monday."


def test_duplicate_ids_are_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("First.")
    (tmp_path / "b" / "x.txt").write_text("Second.")
    ids = [d.id for d in load_paths([str(tmp_path)]).documents]
    assert ids == ["x", "x~2"]


def test_parse_bytes_whitespace_only():
    with pytest.raises(InputError, match="empty"):
        parse_bytes(b"  \n\n ", name="blank")


TEXT = "Zelenskyy said “Kyiv is ready” — the café’s owner, Ms. Müller, agreed. Über 30 percent of naïve voters.\n" * 4
PLAIN = "Zelenskyy said Kyiv is ready; the cafe owner, Ms. Muller, agreed. Déjà vu, señor, à bientôt.\n" * 4
RUSSIAN = "Президент России Владимир Путин предложил провести прямые переговоры с Украиной впервые за годы.\n" * 4


@pytest.mark.parametrize(
    "codec, text, note",
    [
        ("utf-8", TEXT, None),
        ("utf-8-sig", TEXT, None),
        ("utf-16", TEXT, "UTF-16"),
        ("utf-16-le", TEXT, "UTF-16-LE (no byte-order mark)"),
        ("utf-16-be", TEXT, "UTF-16-BE (no byte-order mark)"),
        ("utf-32", TEXT, "UTF-32"),
        ("cp1252", TEXT, "decoded as cp1252"),
        ("latin-1", PLAIN, "decoded as cp1252"),
        ("iso-8859-15", PLAIN, "decoded as cp1252"),
        ("cp1251", RUSSIAN, "guessed as cp1251"),
        ("koi8-r", RUSSIAN, "guessed as koi8_r"),
        ("utf-16-le", RUSSIAN, "UTF-16-LE (no byte-order mark)"),
    ],
)
def test_one_text_in_many_encodings_decodes_to_itself(codec, text, note):
    decoded, notes = decode(text.encode(codec), "x.txt")
    assert decoded == text
    assert (notes == ()) if note is None else (note in notes[0])


def test_utf8_with_one_bad_byte_stays_utf8_with_a_note():
    data = TEXT.encode("utf-8")
    decoded, notes = decode(data[:40] + b"\xff" + data[40:], "x.txt")
    assert decoded.replace("\ufffd", "") == TEXT and "1 bad byte" in notes[0] and "offset 40" in notes[0]


def test_a_bad_jsonl_line_is_a_warning_and_the_other_records_stay(tmp_path):
    path = tmp_path / "day.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{not json\n{"id": "c", "text": "Three."}\n{"id": "d"}\n')
    loaded = load_paths([str(path)])
    assert [d.id for d in loaded.documents] == ["a", "c"]
    assert any("line 2 skipped" in w for w in loaded.warnings) and any("line 4 skipped" in w for w in loaded.warnings)


def test_a_jsonl_file_with_no_usable_record_names_its_own_line(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "One."}\n{"id": "b"}\n')
    (tmp_path / "b.jsonl").write_text("\n\n\n{not json\n")
    loaded = load_paths([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")])
    assert [d.id for d in loaded.documents] == ["a"]
    about_b = [w for w in loaded.warnings if "b.jsonl" in w]
    assert any("b.jsonl: no usable record (line 4 skipped: invalid JSON" in w for w in about_b), loaded.warnings


def test_a_malformed_feed_item_is_reported(tmp_path):
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>'
        "<item><title>Talks</title><description>Putin proposed talks on Monday.</description></item>"
        "<item><title></title><description></description></item>"
        "<item><title>Broken &amp entity</title><description>Kyiv said it was ready.</description></item>"
        "</channel></rss>"
    )
    loaded = load_paths([str(feed)])
    assert len(loaded.documents) == 2
    assert any("entry 2 has no text" in w for w in loaded.warnings)
    assert any("malformed feed" in w for w in loaded.warnings)


def test_a_record_with_its_whole_text_in_the_title_is_an_article(tmp_path):
    path = tmp_path / "ecb.jsonl"
    path.write_text('{"id": "x", "title": "Tara Reid checks into rehab", "text": ""}\n')
    assert load_paths([str(path)]).documents[0].text == "Tara Reid checks into rehab"


def test_eval_reads_a_text_digest_as_its_sentences(seeds_dir, tmp_path):
    from summarizer import summarize
    from summarizer.delivery.render.digest import render
    from summarizer.sources.summary_files import read_sentences

    digest = summarize(load_paths([str(seeds_dir)]).documents, sentences=4)
    for fmt in ("text", "json"):
        path = tmp_path / f"digest.{fmt}"
        path.write_text(render(digest, fmt))
        assert read_sentences(str(path)) == [s.text for s in digest.sentences]


def test_markdown_front_matter_is_read_not_summarised(tmp_path):
    page = tmp_path / "bridge.md"
    page.write_text(
        '---\ntitle: "Harbor bridge reopens"\ndate: 2025-04-21\nsource: City Paper\ntags: [news]\n---\n\n'
        "# A heading\n\nThe harbor bridge reopened on Monday after two years of repairs.\n"
    )
    (document,) = load_paths([str(page)]).documents
    assert (document.title, document.date, document.source) == ("Harbor bridge reopens", "2025-04-21", "City Paper")
    assert "tags" not in document.text and "---" not in document.text and "title:" not in document.text


# Characters no field of a document keeps: C0 and C1 controls but tab and newline, U+FFFE / U+FFFF, surrogates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
DIRTY = "Talks\x01 resume\x08 in\x0b Geneva\x1b[31m today\x1b[0m \ufffe\uffff\x7f\x85end"
BODY = "The envoys met on Monday morning in Geneva to resume the talks. They spoke for three hours."


def assert_safe(document) -> None:
    for name, value in vars(document).items():
        if isinstance(value, str):
            assert not UNSAFE.search(value), (name, value)
            assert name == "text" or "\n" not in value, (name, value)  # every other field is one line


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.json", json.dumps({"id": "a\x1b", "text": BODY + "\x0c" + DIRTY, "title": DIRTY, "source": "AP\x01",
                               "url": "https://x.example/\x1b[1m1", "date": "2025-04-21\x00"})),
        ("a.jsonl", json.dumps({"text": BODY + "\r\n" + DIRTY, "title": DIRTY, "source": "AP\x9f"}) + "\n"),
        ("a.md", f"---\ntitle: {DIRTY}\nsource: AP\x01\n---\n\n# Heading\n\n{BODY}\x08 &#1; &#x1b;\n"),
        ("a.html", "<html><head><title>Talks&#1; resume&#x1B; in Geneva&#xFFFE;</title>"
                   "<meta property='og:site_name' content='Planet\x08 &#x1b;News'></head><body><article>"
                   + f"<p>{BODY}&#11; {DIRTY}</p>" * 4 + "</article></body></html>"),
        ("a.txt", f"{BODY}\x0c\n{DIRTY}\n{BODY}\n"),
        ("a.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Planet\x01 News</title><item>'
                  f"<title>{DIRTY}</title><link>http://x.example/1</link><description>{BODY} {DIRTY}</description>"
                  "</item></channel></rss>"),
        ("a.json", json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Planet\x1b News", "items": [
            {"id": "1\x01", "title": DIRTY, "url": "https://x.example/1", "content_text": f"{BODY} {DIRTY}"}]})),
    ],
    ids=["json", "jsonl", "markdown", "html", "text", "rss", "json-feed"],
)  # fmt: skip
def test_no_field_of_any_format_keeps_a_control_character(tmp_path, name, content) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (document,) = load_paths([str(path)]).documents
    assert_safe(document)
    assert "envoys met on Monday" in document.text
    if document.title and "Talks" in document.title:
        assert document.title.startswith("Talks resume in") and "[31m" not in document.title, document.title


def test_html_with_a_reference_to_a_control_character_keeps_its_article(tmp_path) -> None:
    """lxml drops a whole page for one "&#1;"; cp1252's &#150; (an en dash in HTML) stays."""
    page = "<html><head><title>Budget news</title></head><body><article>" + "".join(
        f"<p>The minister said on Monday the deficit would shrink by {n} percent &#150; &#1;&#x1b;&#65535; a cut.</p>"
        for n in range(1, 8)) + "</article></body></html>"  # fmt: skip
    (tmp_path / "page.html").write_text(page)
    (document,) = load_paths([str(tmp_path / "page.html")]).documents
    assert "shrink by 3 percent – a cut." in " ".join(document.text.split())
    assert_safe(document)


def test_a_lone_surrogate_is_replaced_with_a_warning_naming_the_file_and_line(tmp_path) -> None:
    # As a JSON escape: a "\ud800" alone is no character and cannot be written as UTF-8.
    record = '{"id": "b", "text": "Talks resumed on Monday in Geneva.", "title": "T\\ud800alks", "source": "A\\udfffP"}'
    pair = '{"id": "c", "text": "An emoji \\ud83d\\ude00 stays one character.", "title": "Fine"}'
    (tmp_path / "day.jsonl").write_text('{"id": "a", "text": "First."}\n' + record + "\n" + pair + "\n")
    loaded = load_paths([str(tmp_path / "day.jsonl")])
    first, second, third = loaded.documents
    assert (second.title, second.source) == ("T\ufffdalks", "A\ufffdP") and third.text.count("😀") == 1
    assert loaded.warnings == [f"{tmp_path / 'day.jsonl'}: line 2: invalid Unicode (a lone surrogate) in title, "
                               "source; replaced by \ufffd"]  # fmt: skip
    (tmp_path / "many.json").write_text(f"[{pair}, {record}]")
    loaded = load_paths([str(tmp_path / "many.json")])
    assert loaded.warnings == [f"{tmp_path / 'many.json'}: record 1: invalid Unicode (a lone surrogate) in title, "
                               "source; replaced by \ufffd"]  # fmt: skip
    for document in [*loaded.documents, first, second, third]:
        assert_safe(document)
        document.text.encode("utf-8")


def test_a_lone_surrogate_in_a_feed_entry_is_named(tmp_path) -> None:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Planet", "items": [
        {"id": "1", "title": "T\ud800alks", "url": "https://x.example/1", "content_text": BODY}]}  # fmt: skip
    (tmp_path / "feed.json").write_text(json.dumps(feed))
    loaded = load_paths([str(tmp_path / "feed.json")])
    assert loaded.documents[0].title == "T\ufffdalks"
    assert loaded.warnings == [f"{tmp_path / 'feed.json'}: entry 1: invalid Unicode (a lone surrogate) in title; "
                               "replaced by \ufffd"]  # fmt: skip


def test_an_aggregators_feed_file_keeps_each_items_outlet(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Aggregator</title>
    <id>urn:agg</id><updated>2025-04-21T08:00:00Z</updated>
    <entry><title>Bridge reopens</title><id>urn:1</id><link href="http://x.example/1"/><updated>2025-04-21T08:00:00Z</updated>
    <source><id>urn:ap</id><title>AP News</title></source><summary>The harbour bridge reopened on Tuesday.</summary></entry>
    <entry><title>Bridge open</title><id>urn:2</id><link href="http://x.example/2"/><updated>2025-04-21T09:00:00Z</updated>
    <summary>The bridge is open again after repairs.</summary></entry></feed>"""
    (tmp_path / "agg.atom").write_text(atom)
    assert [d.source for d in load_paths([str(tmp_path / "agg.atom")]).documents] == ["AP News", "Aggregator"]


def test_documents_given_to_the_library_are_made_safe_as_files_are(seed_documents):
    from summarizer import Document, summarize

    hostile = Document(id="x", title="T\ud800itle \x01\x1b[31m", source="AP\x1b", text=seed_documents[0].text + "\x0b")
    digest = summarize([hostile, *seed_documents[1:]], sentences=3)
    rendered = json.dumps(digest.to_dict(), ensure_ascii=False)
    rendered.encode("utf-8")  # a lone surrogate left anywhere cannot be encoded
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\ufffe]", rendered)
    assert any("lone surrogate" in note and "title" in note for note in digest.notes), digest.notes


def test_documents_given_to_daily_are_made_safe_as_files_are(seed_documents):
    from summarizer import Document, daily

    hostile = Document(id="x", title="T\ud800itle \x01\x1b[31m", source="AP\x1b", text=seed_documents[0].text + "\x0b",
                       date="2025-04-21T08:00:00")  # fmt: skip
    others = [replace(d, date="2025-04-21T09:00:00") for d in seed_documents[1:]]
    result = daily([hostile, *others], jobs=1)
    rendered = json.dumps(result.to_dict(), ensure_ascii=False)
    rendered.encode("utf-8")  # a lone surrogate left anywhere cannot be encoded
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\ufffe]", rendered)
    assert '"AP"' in rendered  # the outlet, its escape sequence gone


def _whole_file_documents(path):
    """What reading a file whole gives: its documents and warnings, or its error."""
    from summarizer.sources.ingest import read_bytes

    warnings: list[str] = []
    try:
        return parse_bytes(read_bytes(str(path)), name=path.stem, path=str(path), suffix=path.suffix,
                           warnings=warnings), warnings  # fmt: skip
    except InputError as error:
        return str(error), warnings


def _read_documents(path):
    from summarizer.sources.ingest import read_file

    warnings: list[str] = []
    try:
        return read_file(path, warnings), warnings
    except InputError as error:
        return str(error), warnings


_RECORD_LINES = [
    json.dumps({"id": "a", "text": "Plain ASCII text.", "title": "A"}),
    json.dumps({"id": "b", "text": "Déjà vu in Zürich, 1 500 € and ✓."}, ensure_ascii=False),
    '{"id": "c", "text": "A raw line separator \u2028 and next line \x85 inside a string."}',  # str.splitlines splits
    "",
    "{not json",
    json.dumps({"id": "d"}),
    json.dumps({"id": "e", "text": "   "}),
    json.dumps({"id": "f", "text": "Carriage return ends this line."}) + "\r",
    "\f" + json.dumps({"id": "g", "text": "A form feed before it."}),
]


@pytest.mark.parametrize("seed", range(6))
def test_a_jsonl_file_read_a_line_at_a_time_gives_what_reading_it_whole_gives(tmp_path, seed):
    # Lines in a shuffled order, with or without a last newline, short and longer than the start that decides
    # the file is plain UTF-8; the same documents, warnings and errors as reading the whole text at once.
    import random

    rng = random.Random(seed)
    lines = [rng.choice(_RECORD_LINES) for _ in range((3, 40, 3000)[seed % 3])]
    lines = [line.replace('"id": "', f'"id": "{n}-') for n, line in enumerate(lines)]
    path = tmp_path / "day.jsonl"
    path.write_bytes(("\n".join(lines) + rng.choice(["", "\n", "\n\n", "\r\n"])).encode())
    whole = _whole_file_documents(path)
    assert _read_documents(path) == whole
    from summarizer.sources.ingest import _read_json_lines

    if isinstance(whole[0], list):  # read a line at a time indeed, not whole again
        assert _read_json_lines(path, []) is not None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"  \n\n",
        "\ufeff".encode() + b'{"text": "After a byte-order mark."}\n',
        b'{"text": "Latin-1 caf\xe9."}\n',
        b'{"text": "Fine."}\n' * 5000 + b'{"text": "A bad byte \xff far into the file."}\n',
        b'{"id": "x"}\n{oops\n',
        b"%PDF-1.4\n",
        b'{"text": "Controls."}\n' + b"\x01\x02\x03\x04" * 100 + b"\n",
        "\u2028\u2029\n".encode() * 3,
    ],
)
def test_a_jsonl_file_that_is_not_plain_utf8_or_has_no_record_reads_as_before(tmp_path, content):
    path = tmp_path / "odd.ndjson"
    path.write_bytes(content)
    assert _read_documents(path) == _whole_file_documents(path)
