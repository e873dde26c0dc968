"""Does a rewritten sentence parse? Link Grammar (CMU's parser, Debian's `python3-link-grammar`).

A fusion joins pieces of several sentences; the token checks in `fuse.guard`
cannot see whether the joins form a sentence. Link Grammar can: a sentence
whose every word takes part in one linkage ("parses with no null word") is
grammatical as far as its English dictionary knows. It runs offline, needs no
model download, and gives the same answer for the same text every time: no
time limit is set, so no answer depends on the machine's speed.

Only about half of real news sentences parse completely (long quotes,
headline fragments, rare names), so a fusion that parses completely is never
worse than its best source; that is the rule the abstractive mode applies.
The parser is optional: where it is not installed, `link_parser()` is None
and fusions are checked with the trigram model of the cluster instead
(`fuse.TrigramModel`); the digest's stats name the check that was used.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

__all__ = ["LinkParser", "Parse", "link_parser"]

# Where Debian's package puts the bindings: read from there when the virtual environment cannot see them.
DEBIAN_BINDINGS = Path("/usr/lib/python3/dist-packages/linkgrammar")
# Subject links: S (subject–verb), SI (inverted: verb–subject), SX/SXI ("I"), SF (filler "it"/"there").
_SUBJECT_LINK = re.compile(r"^(S|SI|SX|SXI|SF|SFI)[a-z*]*$")
_WORD_TAGS = re.compile(r"(\[[^\]]*\]|\.[a-z][a-z0-9-]*)+$")
# Verb subscripts: .v and .w (verbs), .q (verbs of saying), .g (gerunds), with tense marks such as "-d".
_VERB_TAG = re.compile(r"\.[vwqg](-[a-z]+)?$")


@dataclass(frozen=True)
class Parse:
    """What the rest of the guard needs of a complete parse."""

    subject_verbs: tuple[tuple[str, str], ...]  # each subject link's two words, lowercased, in sentence order
    verbs: tuple[str, ...] = ()  # the words the parse takes as verbs, lowercased, in sentence order


def _import_bindings() -> ModuleType | None:
    try:
        import linkgrammar

        return linkgrammar
    except ImportError:
        pass
    tag = f"cpython-{sys.version_info.major}{sys.version_info.minor}"
    if not (DEBIAN_BINDINGS / "__init__.py").exists() or not list(DEBIAN_BINDINGS.glob(f"_clinkgrammar.{tag}*.so")):
        return None
    spec = importlib.util.spec_from_file_location(
        "linkgrammar", DEBIAN_BINDINGS / "__init__.py", submodule_search_locations=[str(DEBIAN_BINDINGS)]
    )
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules["linkgrammar"] = module
    try:
        spec.loader.exec_module(module)
    except Exception:  # a broken or mismatched install is the same as none
        del sys.modules["linkgrammar"]
        return None
    return module


def _word(token: str) -> str:
    """'announced.q-d' -> 'announced'; 'Ahmadinejad[!<CAPITALIZED-WORDS>]' -> 'ahmadinejad'."""
    return _WORD_TAGS.sub("", token).lower()


class LinkParser:
    """Complete parses of English sentences, cached by text."""

    def __init__(self, bindings: ModuleType):
        bindings.LG_Error.set_handler(lambda error, data: None)  # the library's notices are not ours to print
        self._bindings = bindings
        self._dictionary = bindings.Dictionary("en")
        # No null words and one linkage: "does it parse completely?" and no more work than that.
        self._options = bindings.ParseOptions(max_null_count=0, linkage_limit=1, verbosity=0)
        self.name = bindings.Clinkgrammar.linkgrammar_get_version()

    @functools.lru_cache(maxsize=4096)  # noqa: B019 -- one parser per process, kept for the process's life
    def parse(self, text: str) -> Parse | None:
        """The parse of `text` when every word links, else None."""
        sentence = self._bindings.Sentence(text, self._dictionary, self._options)
        linkages = sentence.parse()
        linkage = next(iter(linkages), None)
        if linkage is None:
            return None
        pairs = []
        for link in linkage.links():
            label = link.left_label
            if _SUBJECT_LINK.match(label):  # subject then verb, or verb then subject when inverted
                pairs.append((_word(link.left_word), _word(link.right_word)))
        words = [linkage.word(k) for k in range(linkage.num_of_words())]
        return Parse(tuple(pairs), tuple(_word(w) for w in words if _VERB_TAG.search(w)))


@functools.cache
def link_parser() -> LinkParser | None:
    """The process's parser, or None when Link Grammar is not installed."""
    bindings = _import_bindings()
    if bindings is None:
        return None
    try:
        return LinkParser(bindings)
    except Exception:  # bindings without an English dictionary
        return None


def subjects_from_one_source(parse: Parse, sources: Sequence[Sequence[str]]) -> bool:
    """Every subject and its verb stand in one source, in the order they have in the parse (tokens lowercased)."""
    for first, second in parse.subject_verbs:
        if not any(first in tokens and second in tokens[tokens.index(first) + 1 :] for tokens in sources):
            return False
    return True
