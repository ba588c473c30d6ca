"""Word alignment of translation pairs with eflomal, a maintained statistical aligner
(Östling and Tiedemann's Bayesian IBM model with Markov chain Monte Carlo sampling; PyPI
``eflomal``, GPL-3.0, installed with ``pip install 'locqa[align]'``).

eflomal reads whitespace-separated tokens, one pair a line, lowercases them itself and
writes Pharaoh links (``i-j``: source token i, target token j) in both directions; a link
kept here is one both directions agree on (their intersection: fewer links, each more
certain). Nothing is downloaded: the model is estimated from the pairs given. The sampler
is seeded from the system, so two runs may differ in a few links: callers cache the result
of a corpus (the check engine caches corpus checks by the digest of every unit).
"""

from __future__ import annotations

import importlib.util
import tempfile
from collections.abc import Sequence
from pathlib import Path

#: The PyPI distribution that aligns, and the extra that installs it.
ALIGNER = "eflomal"
EXTRA = "locqa[align]"

Link = tuple[int, int]


def missing() -> str | None:
    """Why alignment cannot run here, or None when it can."""
    if importlib.util.find_spec(ALIGNER) is None:
        return f"the word aligner {ALIGNER} is not installed (pip install '{EXTRA}')"
    return None


def align(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
) -> list[frozenset[Link]]:
    """The links of each (source tokens, target tokens) pair that both directions of
    eflomal agree on. Tokens must not contain whitespace. Raises ImportError when eflomal is
    not installed (:func:`missing` says so first)."""
    if not pairs:
        return []
    import eflomal

    source = [" ".join(tokens) for tokens, _ in pairs]
    target = [" ".join(tokens) for _, tokens in pairs]
    with tempfile.TemporaryDirectory(prefix="locqa-align-") as work:
        forward, reverse = Path(work) / "forward", Path(work) / "reverse"
        eflomal.Aligner().align(
            source,
            target,
            links_filename_fwd=str(forward),
            links_filename_rev=str(reverse),
            quiet=True,
        )
        both = zip(_links(forward, len(pairs)), _links(reverse, len(pairs)), strict=True)
        return [
            frozenset((i, j) for i, j in f & r if i < len(s) and j < len(t))
            for (f, r), (s, t) in zip(both, pairs, strict=True)
        ]


def _links(path: Path, count: int) -> list[set[Link]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines += [""] * (count - len(lines))  # eflomal leaves no line for a trailing empty pair
    found: list[set[Link]] = []
    for line in lines[:count]:
        links: set[Link] = set()
        for pair in line.split():
            i, _, j = pair.partition("-")
            links.add((int(i), int(j)))
        found.append(links)
    return found


__all__ = ["ALIGNER", "EXTRA", "Link", "align", "missing"]
