"""Titles written before a name, per language, and other abbreviations the sentence splitter must know.

Punkt learns abbreviations from the corpus its model was trained on, and the models shipped know only some of
the titles news writes before a name: the English one knows Sen. and Rep. but not Gov., Capt. or Sgt.; the German
one not Prof. or Hr.; the Spanish one not Sra.; and even a known one ends a sentence when the name after it is
also a common word (Gen. Miles). A title is never the last word of a sentence in news, so a period after one ends
no sentence when a name follows (segment.py). Entries are lower case without the final period, as Punkt keeps
its abbreviations; a title written without a period (French Mme, Polish dr) needs no entry.
"""

from __future__ import annotations

from functools import cache

__all__ = ["ABBREVIATIONS", "BEFORE_NAMES", "TITLES", "titles_of"]

# fmt: off
# Civil, military, academic and religious titles and forms of address, by the language that writes them.
TITLES: dict[str, frozenset[str]] = {
    "english": frozenset({
        "mr", "mrs", "ms", "messrs", "mmes", "dr", "drs", "prof", "rev", "fr", "msgr", "st", "hon", "pres",
        "gov", "lt", "sen", "sens", "rep", "reps", "atty", "gen", "gens", "adm", "col", "maj", "capt", "cmdr",
        "cmdt", "sgt", "cpl", "pvt", "pfc", "brig", "supt", "insp", "det", "amb", "sec",
    }),
    "german": frozenset({"hr", "hrn", "fr", "dr", "prof", "dipl", "ing", "st", "hl", "pfr", "gen", "bgm"}),
    "french": frozenset({"m", "mm", "dr", "pr", "me", "mgr", "gén", "col", "cdt", "lt", "st", "ste"}),
    "spanish": frozenset({
        "sr", "sra", "srta", "sres", "sras", "d", "dña", "dr", "dra", "lic", "ing", "prof", "gral", "cnel",
        "tte", "sto", "sta", "excmo", "excma", "mons",
    }),
    "italian": frozenset({
        "sig", "sigg", "dott", "dr", "prof", "avv", "ing", "arch", "on", "sen", "gen", "col", "mons", "s", "cav",
    }),
    "portuguese": frozenset({"sr", "sra", "srs", "srta", "d", "dr", "dra", "prof", "profa", "eng", "gen", "cel",
                             "sto", "sta", "s"}),
    "dutch": frozenset({"dhr", "mevr", "mr", "dr", "drs", "prof", "ir", "ing", "st", "gen"}),
    "swedish": frozenset({"dr", "prof", "hr"}),
    "danish": frozenset({"dr", "prof", "hr", "fr"}),
    "norwegian": frozenset({"dr", "prof", "hr", "fr"}),
    "finnish": frozenset({"prof", "dos", "tri"}),
    "estonian": frozenset({"hr", "pr", "dr", "prof"}),
    "polish": frozenset({"p", "dr", "prof", "mgr", "inż", "ks", "gen", "płk", "św", "hab"}),
    "czech": frozenset({"p", "pí", "dr", "ing", "mgr", "mudr", "judr", "phdr", "rndr", "prof", "doc", "sv", "gen"}),
    "slovene": frozenset({"g", "ga", "dr", "prof", "mag", "sv"}),
    "turkish": frozenset({"dr", "prof", "doç", "av", "op", "yrd", "org", "korg"}),
    "greek": frozenset({"κ", "δρ", "καθ"}),
}

# Abbreviations that stand before a name as titles do (the U.S. Holocaust Memorial Museum, the 5th U.S. Circuit
# Court of Appeals, Mt. Tabor): Punkt cut 47 sentences of the benchmark sets after one of the first four, 42 of
# them wrongly; the 4 true ends are before a stop word ("... across the western U.S. They cheered ...") and stay.
# Mt. (Mount) is only ever a mountain's name's first word; it was cut off in DUC 2007 ("... and Mt." / "Tabor").
BEFORE_NAMES: dict[str, frozenset[str]] = {"english": frozenset({"u.s", "u.n", "u.k", "e.u", "mt", "mts"})}

# Abbreviations that are no title and no word (US states in AP style, as in "Rep. Liz Cheney (R-Wyo.) as the
# party's ..."): known to Punkt, and a period after one ends a sentence when a capitalised stop word follows
# (Athens, Tex. His father ...), as Punkt alone did not decide. The ones that are also words (Ill., Mass., Wash.,
# Ore., Miss.) are left out: "He felt ill. John came." is two sentences.
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "english": frozenset({
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ind", "kan", "kans", "ky", "la", "md",
        "mich", "minn", "mo", "mont", "neb", "nev", "n.h", "n.j", "n.m", "n.y", "n.c", "n.d", "okla", "pa", "r.i",
        "s.c", "s.d", "tenn", "tex", "vt", "va", "w.va", "wis", "wyo", "d.c",
    }),
}
# fmt: on


@cache
def titles_of(language: str) -> frozenset[str]:
    """The titles of a language and the abbreviations it writes before a name; a language with none of its own
    listed (split by English Punkt) gets English's."""
    key = language if language in TITLES else "english"
    return TITLES[key] | BEFORE_NAMES.get(key, frozenset())
