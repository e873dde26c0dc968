"""Cleaning: small named steps that strip what scrapers leave in news text.

Each block step takes the document's blocks (paragraphs) and returns the blocks
it keeps plus a record of what it removed, so `--explain` and JSON output can
show exactly what was taken out and why. Nothing here guesses at the content
of a story: the steps look for the shapes of page furniture (captions,
bylines, comment widgets, share bars, headings).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .documents import CleanDocument, Document, Removal

__all__ = ["BLOCK_STEPS", "StepResult", "clean"]

# --------------------------------------------------------------------------
# Text-level steps


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_unicode(text: str) -> str:
    """NFC, one kind of newline, no invisible characters, plain spaces.

    NFC rather than NFKC: compatibility folding would turn "½" into "1⁄2" and
    "…" into "...", which changes what the reader sees.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\u2029", "\n\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# A sentence end glued to the next sentence: "ended.Meanwhile", "week.”Despite".
# Two lowercase letters or digits before the stop keep "U.S.", "e.g." and
# "Mr.Smith" whole; a digit after the stop keeps "3.5" whole.
_GLUED_SENTENCES = re.compile(r"(?<=[a-zà-ÿ0-9%][a-zà-ÿ0-9%])([.!?]+[\"”’)]?)(?=[A-ZÀ-Þ][a-zà-ÿ])")


# Widget labels scrapes glue to the start of a paragraph: "CLOSE Scientists say ...".
_LEADING_WIDGET = re.compile(
    r"^(?:CLOSE|WATCH|VIDEO|PHOTOS?|EXCLUSIVE|ADVERTISEMENT|SPONSORED|GALLERY)\s*[:|–—-]?\s+(?=[A-Z\"“])"
)


def strip_widget_labels(text: str) -> tuple[str, list[str]]:
    """Remove a widget label glued to the start of a paragraph; return what was removed."""
    match = _LEADING_WIDGET.match(text)
    if not match:
        return text, []
    return text[match.end() :], [match.group().strip()]


# A headline and byline glued to the first paragraph: "Headline By Jane Doe - Tweet Body ...".
_GLUED_BYLINE = re.compile(
    r"^.{10,160}?\s+By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s+[-–—|]\s+(?:Tweet\s+)?(?=[A-Z])"
)
# Share widgets left inside a paragraph.
_INLINE_WIDGETS = re.compile(r"\s(?:Tweet\s+)?View Comments\s|\s-\s+Tweet\s")


def strip_glued_furniture(text: str) -> tuple[str, list[str]]:
    """Remove a headline-and-byline prefix and inline share widgets; return what was removed."""
    removed = []
    match = _GLUED_BYLINE.match(text)
    if match:
        removed.append(match.group().strip())
        text = text[match.end() :]
    for widget in _INLINE_WIDGETS.finditer(text):
        removed.append(widget.group().strip())
    return _INLINE_WIDGETS.sub(" ", text), removed


def fix_missing_spaces(text: str) -> tuple[str, list[str]]:
    """Put a space back between sentences that lost it; return what was fixed."""
    fixed = [text[max(0, m.start() - 12) : m.end() + 12] for m in _GLUED_SENTENCES.finditer(text)]
    return _GLUED_SENTENCES.sub(r"\1 ", text), fixed


_WRAP_SLACK = 25


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks: one per line, unless the text is hard-wrapped.

    Scraped news puts one paragraph on a line; e-mail and some archives wrap
    lines at a fixed width. When most long lines end within a few characters
    of the widest one, single newlines are joined and blank lines separate
    paragraphs.
    """
    lines = text.split("\n")
    long_lines = [len(line) for line in lines if len(line) > 30]
    if len(long_lines) >= 4:
        width = max(long_lines)
        near_width = sum(1 for n in long_lines if n >= width - _WRAP_SLACK)
        if width <= 100 and near_width >= 0.7 * len(long_lines):
            paragraphs = re.split(r"\n\s*\n", text)
            return [" ".join(p.split()) for p in paragraphs if p.strip()]
    blocks: list[str] = []
    after_blank = True
    for line in lines:
        line = line.strip()
        if not line:
            after_blank = True
            continue
        # A line broken mid-sentence: the next starts in lowercase.
        if not after_blank and line[0].islower() and not re.search(r"[.!?:”\"]$", blocks[-1]):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
        after_blank = False
    return blocks


# --------------------------------------------------------------------------
# Block-level steps


@dataclass
class StepResult:
    blocks: list[str]
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    source: str | None = None
    headings: list[int] = field(default_factory=list)  # kept blocks that are section headings


def _words(text: str) -> int:
    return len(text.split())


_CREDIT_WORDS = (
    r"photo|photos|photograph|photographer|image|images|getty|ap|afp|reuters|epa|pool|file|"
    r"credit|courtesy|shutterstock|xinhua|sputnik|ansa|efe|dpa|bloomberg|handout|illustration"
)
_TRAILING_CREDIT = re.compile(rf"\s*\((?=[^()]*\b(?:{_CREDIT_WORDS})\b)[^()]{{2,200}}\)\s*$", re.I)
_INLINE_CREDIT = re.compile(r"\s*\((?:photo|image|picture|credit)s?\s*(?:by|:|credit)[^()]{1,120}\)", re.I)
_CAPTION_START = re.compile(
    r"^(?:(?:an? |this )?(?:photo|image|picture|file photo) (?:of|shows|taken)\b"
    r"|(?:photo|image|picture|caption|video|file photo)s?\s*(?:copyright|caption|credit)?\s*[:|/–—-]"
    r"|(?:image|photo|picture) (?:copyright|caption|credit)\b"
    r"|file\s*[–—-]\s"
    r"|\(?(?:photo|image|picture)s?\s+by\s)",
    re.I,
)
_CREDIT_ONLY = re.compile(
    r"^(?:photo|image|picture|getty images?|ap photo|afp photo|reuters photo|epa|shutterstock)"
    r"(?:\s*(?:/|via|:|–|—|-)\s*[\w .,'/&-]{0,60})?$",
    re.I,
)


_POSITION_IN_PHOTO = re.compile(
    r"(?:,\s*(?:left|right|center|centre|top|bottom|second from (?:left|right))\s*,|"
    r"\((?:left|right|center|centre|top|bottom|pictured|above|below)\))",
    re.I,
)


def _credited_agency(credit: str) -> str | None:
    """The agency a photo credit names as its distributor ("... Pool Photo via AP)", "(AP Photo/Jane Doe)")."""
    found = _CREDIT_AGENCY.search(credit)
    return _AGENCIES[(found.group(1) or found.group(2)).lower()] if found else None


def remove_captions(blocks: list[str]) -> StepResult:
    """Photo captions and credits: "... (Jane Doe, AP Photo)", "Image copyright PA", "X, left, and Y ...".

    The agency a caption's credit names ("via AP", "AP Photo") is kept as the document's source, used only
    when nothing else (the file, a byline, an agency tag) says who published it."""
    kept, removed, source = [], [], None
    for block in blocks:
        credit_agency = _credited_agency(block) if _TRAILING_CREDIT.search(block) or _CREDIT_ONLY.match(block) else None
        source = source or credit_agency
        positional = _POSITION_IN_PHOTO.search(block) and _words(block) <= 60
        if _CREDIT_ONLY.match(block) or positional or (_CAPTION_START.match(block) and _words(block) <= 80):
            removed.append(Removal("caption", block))
            continue
        credit = _TRAILING_CREDIT.search(block)
        if credit and _words(block) <= 80:
            removed.append(Removal("caption", block))
            continue
        if credit:
            removed.append(Removal("caption", credit.group().strip()))
            block = block[: credit.start()].rstrip()
        for match in _INLINE_CREDIT.finditer(block):
            removed.append(Removal("caption", match.group().strip()))
        block = _INLINE_CREDIT.sub("", block)
        kept.append(block)
    return StepResult(kept, removed, source=source)


_AGENCIES = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "bloomberg": "Bloomberg",
    "cnn": "CNN",
    "bbc": "BBC",
    "bbc news": "BBC",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "efe": "EFE",
    "dpa": "dpa",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "interfax": "Interfax",
    "healthday": "HealthDay",
    "healthday news": "HealthDay",
}
_AGENCY_NAMES = "|".join(sorted((re.escape(a) for a in _AGENCIES), key=len, reverse=True))
_CREDIT_AGENCY = re.compile(rf"\bvia\s+(?:the\s+)?({_AGENCY_NAMES})\s*\)?\s*$|\b({_AGENCY_NAMES})\s+photo\b", re.I)
_AGENCY_ONLY = re.compile(rf"^(?:by\s+|source\s*:\s*|from\s+)?({_AGENCY_NAMES})\s*[.:]?$", re.I)
_DESK = re.compile(
    r"^((?:[\w.&'-]+\s+){0,4}?)(?:online\s+)?(?:news\s+)?(?:desk|bureau|staff|wire|correspondent|reporter|team)\s*[:|–—-]?\s*$",
    re.I,
)
_BYLINE_CONNECTORS = {"and", "&", "|", "/", "-", "–", "—", "of", "the", "in", "for", "at"}


def _is_byline(block: str) -> bool:
    """ "By Jane Doe and John Roe, Reuters": "By" then names, connectors only."""
    words = block.rstrip(".").replace(",", " ").split()
    if len(words) < 2 or len(words) > 12 or words[0].lower() != "by":
        return False
    rest = words[1:]
    return rest[0][0].isupper() and all(w[0].isupper() or w.lower() in _BYLINE_CONNECTORS for w in rest)


_DATE_ONLY = re.compile(
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:[ ,]+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\.?$",
    re.I,
)
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Za-z.'’/-]*(?:[ ,]+[A-Za-z0-9.'’/-]+){{0,5}}\s*)?\((?:{_AGENCY_NAMES})\)\s*(?:[-–—:]+\s*)?",
    re.I,
)
_DESK_PREFIX = re.compile(r"^(?:[A-Z][\w&'-]*\s+){0,3}(?:online\s+)?(?:desk|bureau)\s*:\s+", re.I)


_DESK_OUTLET = re.compile(
    r"^((?:[A-Z]{2,}|[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,2}?(?:\s+Online)?)\s+(?:desk|bureau)\b", re.I
)


def _desk_outlet(block: str) -> str | None:
    """The outlet a desk line names ("DE Online Desk :" -> "DE Online"): an acronym or an online edition, not a
    section ("Sports Desk", "News Desk")."""
    found = _DESK_OUTLET.match(block.strip())
    if not found:
        return None
    name = found.group(1)
    words = name.split()
    if any(w.isupper() and len(w) >= 2 and w.isalpha() for w in words) or (len(words) > 1 and words[-1] == "Online"):
        return name
    return None


def remove_bylines(blocks: list[str]) -> StepResult:
    """Bylines, desk and agency tags, date stamps and datelines.

    A lone agency tag ("reuters") tells us the outlet, so it is kept as the
    document's source.
    """
    kept, removed, source, desk = [], [], None, None
    for position, block in enumerate(blocks):
        agency = _AGENCY_ONLY.match(block)
        if agency:
            removed.append(Removal("byline", block))
            source = source or _AGENCIES[agency.group(1).lower()]
            continue
        if _words(block) <= 12 and (_DESK.match(block) or _is_byline(block) or _DATE_ONLY.match(block)):
            removed.append(Removal("byline", block))
            desk = desk or _desk_outlet(block)
            continue
        if position <= 3:
            for pattern in (_DESK_PREFIX, _DATELINE):
                prefix = pattern.match(block)
                if prefix and prefix.end() < len(block):
                    removed.append(Removal("byline", prefix.group().strip()))
                    agency_in_prefix = re.search(rf"\(({_AGENCY_NAMES})\)", prefix.group(), re.I)
                    if agency_in_prefix:
                        source = source or _AGENCIES[agency_in_prefix.group(1).lower()]
                    block = block[prefix.end() :]
        kept.append(block)
    return StepResult(kept, removed, source=source or desk)  # an agency tag says more than a desk's name


# Page furniture. Patterns anchored at the start apply to short blocks only;
# "signatures" are phrases no news sentence uses, matched anywhere in a block
# of moderate length.
_FURNITURE_START = re.compile(
    r"^(?:"
    r"(?:post|leave|add|write|view|show|read|load|see)(?: (?:a|the first|your|all|\d+|our))? comments?\b"
    r"|comments?\s*(?:\(\d+\)|:|\d+)?\s*$"
    r"|\d+\s+comments?\s*$"
    r"|(?:previous|next|older|newer) (?:post|article|story|page)\b"
    r"|contact (?:form|us)\s*$"
    r"|(?:tags?|topics?|related(?: articles| stories| posts| coverage| content)?|see also|more from [\w ]+|"
    r"recommended(?: for you)?|trending(?: now)?|most (?:read|popular|viewed)|popular stories|you may also like|"
    r"more stories|latest news|top stories|editor's picks)\s*:?\s*$"
    r"|skip to (?:main )?content|back to top|jump to"
    r"|(?:share|tweet|e-?mail|print|pin|whatsapp|facebook|twitter|linkedin|reddit|google plus|copy link|"
    r"flipboard|messenger|pinterest)(?:\s+(?:this|on|via|to|it)\b.*)?\s*$"
    r"|share (?:this|the) (?:article|story|page|post)"
    r"|click (?:here|to|on|the|image|photo|above|below)\b"
    r"|advertisement\b"
    r"|ad\s*$"
    r"|sponsored(?: content| links?)?\b"
    r"|story continue[sd] below"
    r"|continue reading\b"
    r"|read (?:more|next|full story)\b"
    r"|(?:also|related|read|more|see|watch|listen|recommended|exclusive)\s*:"
    r"|exclusive\s*$"
    r"|sign (?:up|in)\b"
    r"|subscribe\b"
    r"|(?:get|receive) (?:our|the|push|breaking|daily)\b"
    r"|newsletter\b"
    r"|follow (?:us|@)"
    r"|download (?:our|the) app"
    r"|text size\b"
    r"|(?:listen|watch) (?:to )?(?:this|the) (?:article|story|video)"
    r"|play (?:video|facebook|twitter|youtube)"
    r"|image \d+ of \d+"
    r"|\d+ of \d+ (?:photos|images)"
    r"|(?:copyright|©)\s"
    r"|have a (?:news )?tip\b"
    r")",
    re.I,
)
_FURNITURE_SIGNATURES = re.compile(
    r"(?:comment policy|comments (?:will be|are) moderated|we love comments|be the first to comment"
    r"|what is your opinion on this"
    r"|join the (?:conversation|discussion)"
    r"|add location information to your tweets|tweet with a location|twitter stores that location"
    r"|add a location to your tweets"
    r"|enable javascript|javascript is (?:disabled|required)|your browser (?:does not|doesn't) support"
    r"|verify you(?:'|’)re not a robot|we use cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences)"
    r"|all rights reserved|may not be (?:published|reproduced), broadcast|rewritten or redistributed"
    r"|scroll down for (?:video|more)"
    r"|please (?:enable|turn on|update) (?:javascript|your browser)"
    r"|e-?mail this to a friend|(?:sign up|subscribe) (?:for|to) (?:our|the) (?:\w+ )?newsletter"
    r"|get (?:breaking news|push notifications)|breaking news emails"
    r"|this (?:article|story) (?:has been|was) (?:automatically )?(?:generated|published) from (?:a|an) (?:syndicated|agency) feed"
    r"|terms of (?:use|service) and privacy policy|privacy policy and terms"
    r"|tips@|@\w+\.com\b(?=[^.]*tip)"
    r")",
)  # matched against lowercased text: seven times faster than re.I on alternations this long
# Web-archive capture notices, which scrapes of archived pages carry: furniture at any length.
_ARCHIVE_NOTICE = re.compile(
    r"crawl data to the internet archive|added to the wayback machine|crawls are part of an effort to archive"
    r"|the seed for [\w ]{1,40} was\b|this crawl was run at a level|warc files associated with this crawl"
    r"|focused crawls are collections|slash pages from every domain|incoming inter-domain link"
    r"|most highly ranked urls per domain|from every linked-to domain|every host in the wayback machine",
)  # matched against lowercased text, like _FURNITURE_SIGNATURES
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
# Comment sections and navigation end an article: what follows them is page
# furniture too, unless a real paragraph turns up.
_TAIL_MARKER = re.compile(
    r"^(?:post a comment|leave a comment|leave the first comment|comments?\s*(?:\(\d+\))?|tags?|"
    r"previous post|related(?: articles| stories)?|share this(?: article| story)?)\b",
    re.I,
)
_REAL_PARAGRAPH_WORDS = 45


def _split_furniture_tail(block: str) -> tuple[str, str]:
    """A block whose furniture signature comes after real sentences: (the sentences, the furniture)."""
    lowered = block.lower()
    found = _FURNITURE_SIGNATURES.search(lowered) or _ARCHIVE_NOTICE.search(lowered)
    if found is None or len(lowered) != len(block) or _words(block) <= 25:
        return block, ""
    cut = block.rfind(". ", 0, found.start())
    if cut < 0.3 * len(block):
        return block, ""
    return block[: cut + 1], block[cut + 2 :]


def remove_furniture(blocks: list[str]) -> StepResult:
    """Comment, share, navigation, advert, cookie and newsletter furniture."""
    kept: list[str] = []
    removed: list[Removal] = []
    in_tail = False
    for position, block in enumerate(blocks):
        words = _words(block)
        if in_tail and words < _REAL_PARAGRAPH_WORDS:
            removed.append(Removal("furniture", block))
            continue
        in_tail = False
        body, tail = _split_furniture_tail(block)
        if tail:  # real sentences, then a share bar or a copyright line glued to them
            removed.append(Removal("furniture", tail))
            kept.append(body)
            continue
        if (
            _SYMBOLS_ONLY.match(block)
            or (words <= 40 and _FURNITURE_START.match(block))
            or (words <= 80 and _FURNITURE_SIGNATURES.search(block.lower()))
            or _ARCHIVE_NOTICE.search(block.lower())
        ):
            removed.append(Removal("furniture", block))
            if _TAIL_MARKER.match(block) and kept and position >= len(blocks) // 2:  # a tail follows a body
                in_tail = True
            continue
        kept.append(block)
    return StepResult(kept, removed)


_TERMINAL = re.compile(r"[.!?…:;][\"”’')\]]*$|[\"”’][.!?]?$")
# List items, table rows and "Label: value" lines are content, however short: a recipe's
# "200 g Zucker" or "Moderator: Jane Doe" must survive (measured on trafilatura's pages).
_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪►✓]|\d+(?:[.,)]|\s)|\(?[a-zA-Z0-9]\)\s)")
_LABELLED = re.compile(r"^[^:]{1,40}:\s*\S")
_MAX_HEADLINE_WORDS = 20  # a headline, kicker or standfirst before the body
_MAX_HEADING_WORDS = 12  # a section heading inside the body


def _is_title_case(block: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", block) if len(w) >= 4]
    if len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _is_heading(block: str) -> bool:
    """A section heading: short, Title Case or capitals, not a sentence, not a list item."""
    if _words(block) > _MAX_HEADING_WORDS or _LIST_ITEM.match(block) or _LABELLED.match(block):
        return False
    if not _TERMINAL.search(block):
        return _is_title_case(block) or (block.isupper() and _words(block) >= 2)
    # Title Case lines that end in "?" or "!" are headlines, not sentences.
    return block[-1] in "?!" and _is_title_case(block)


def _is_headline(block: str) -> bool:
    """A line before the body that is not a sentence: a headline in any case, a kicker, a dateline."""
    if _is_heading(block):
        return True
    return (
        _words(block) <= _MAX_HEADLINE_WORDS
        and not _TERMINAL.search(block)
        and not _LIST_ITEM.match(block)
        and not _LABELLED.match(block)
    )


def remove_headings(blocks: list[str], *, has_title: bool = False) -> StepResult:
    """Headlines before the body go (the first becomes the title, unless the document has one).

    Section headings inside the body stay in the text, which they belong to, and are
    listed in `headings` (indices into the blocks kept): they are not sentences, so the
    digest never picks them. With a title known from metadata (an HTML page), the lines
    before the body are content too: only a title-like heading is taken for a headline.
    """
    kept: list[str] = []
    removed: list[Removal] = []
    headings: list[int] = []
    title = None
    for block in blocks:
        leading = not kept
        if leading and (_is_heading(block) or (not has_title and _is_headline(block))):
            removed.append(Removal("headline", block))
            title = title or block
            continue
        if not leading and _is_heading(block):
            headings.append(len(kept))
        kept.append(block)
    return StepResult(kept, removed, title=title, headings=headings)


def remove_repeated_title(blocks: list[str], title: str | None) -> StepResult:
    """A title given in the metadata and repeated as the first line of the text."""
    if not title or len(blocks) < 2:  # an article that is only its title is still an article
        return StepResult(blocks)
    first = blocks[0]
    if " ".join(first.split()).lower().strip(" .") == " ".join(title.split()).lower().strip(" ."):
        return StepResult(blocks[1:], [Removal("headline", first)])
    return StepResult(blocks)


BLOCK_STEPS: tuple[Callable[[list[str]], StepResult], ...] = (
    remove_furniture,
    remove_bylines,
    remove_captions,
)


def clean(document: Document) -> CleanDocument:
    """Run every cleaning step over one document."""
    text = normalize_unicode(document.text)
    blocks = split_blocks(text)
    removed: list[Removal] = []
    result = remove_repeated_title(blocks, document.title)
    blocks, removed = result.blocks, list(result.removed)
    title, source = document.title, document.source
    for step in BLOCK_STEPS:
        result = step(blocks)
        blocks = result.blocks
        removed.extend(result.removed)
        title = title or result.title
        source = source or result.source
    result = remove_headings(blocks, has_title=bool(document.title))
    blocks, headings = result.blocks, result.headings
    removed.extend(result.removed)
    title = title or result.title
    if not blocks:
        # A one-line article ("Tara Reid enters rehab") looks like a headline; it is the whole article.
        headlines = [r for r in removed if r.step == "headline"]
        if headlines:
            restored = max(headlines, key=lambda r: len(r.text))
            removed.remove(restored)
            blocks = [restored.text]
    paragraphs = []
    for block in blocks:
        block, labels = strip_widget_labels(block)
        removed.extend(Removal("widget", label) for label in labels)
        block, glued = strip_glued_furniture(block)
        removed.extend(Removal("byline" if " By " in g else "widget", g) for g in glued)
        fixed_block, fixes = fix_missing_spaces(block)
        removed.extend(Removal("missing-space", f) for f in fixes)
        paragraphs.append(fixed_block)
    return CleanDocument(
        document=document,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        title=title,
        source=source,
        headings=tuple(headings),
    )
