"""Length-ratio bounds for TRN005, measured per language from the development corpus.

    python tools/measure_length.py --lang ja            # extracts the corpus, prints bounds
    python tools/measure_length.py --lang ja --locales /path/to/project/locales

The ratio is the translation's prose length over the source's (``translated_lengths``:
markup, bare addresses and the words both sides have as written left out), over every entry
of the language's catalogues. The bounds are
the 0.5th and 99.5th percentiles for entries whose source has at least
``LENGTH_MIN_CHARS`` characters, and the 0.5th percentile for shorter ones (from
``SHORT_MIN_CHARS``): the values of a profile's ``[length]`` table (docs/languages.md).
Machine translation that is truncated or padded is in the tails; correct text is not.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from corpus_project import project_flags

from locqa.checks.translation import LENGTH_MIN_CHARS, SHORT_MIN_CHARS, translated_lengths
from locqa.lang import profile

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "commerce-learn"


def ratios(locales: Path, lang: str) -> tuple[list[float], list[float]]:
    """(ratios of entries with long sources, ratios of short ones) in *locales*/<lang>."""
    long: list[float] = []
    short: list[float] = []
    for po in sorted((locales / lang).rglob("*.po")):
        for entry in polib.pofile(str(po)):
            if not entry.msgid or not entry.msgstr or entry.obsolete:
                continue
            src, tgt = translated_lengths(entry.msgid, entry.msgstr)
            if src < SHORT_MIN_CHARS or tgt == 0:
                continue
            (long if src >= LENGTH_MIN_CHARS else short).append(tgt / src)
    return long, short


def percentile(values: list[float], share: float) -> float:
    cuts = statistics.quantiles(values, n=1000, method="inclusive")
    return cuts[round(share * 1000) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", required=True)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--locales", type=Path, help="an extracted project's locales folder")
    args = parser.parse_args(argv)
    found = profile(args.lang)
    with tempfile.TemporaryDirectory(prefix="locqa-length-") as tmp:
        locales = args.locales
        if locales is None:
            work = Path(tmp)
            shutil.copytree(args.corpus / "en", work / "content" / "en")
            shutil.copytree(args.corpus / found.folder, work / "content" / found.folder)
            flags = [*project_flags(work), "--lang", found.code, "-q"]
            cmd = [sys.executable, "-m", "locqa.cli", "extract", *flags]
            if subprocess.run(cmd, cwd=work, check=False).returncode != 0:
                return 2
            locales = work / "locales"
        long, short = ratios(locales, found.folder)
    print(f"# {found.code}: {len(long)} long and {len(short)} short entries")
    print("[length]")
    print(f"low = {percentile(long, 0.005):.2f}")
    print(f"high = {percentile(long, 0.995):.2f}")
    print(f"short_low = {percentile(short, 0.005):.2f}")
    print(f"# median {statistics.median(long):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
