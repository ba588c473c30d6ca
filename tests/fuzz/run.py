"""Fuzz the parsers for a bounded time: ``python tests/fuzz/run.py --seconds 60``.

Targets (each in its own process, atheris/libFuzzer with ``-max_total_time``):

* ``markdown`` - :func:`locqa.markdown.parse_document` on any text: it returns a document
  whose identity splice gives back every byte, or raises InputError; nothing else.
* ``catalog`` - :func:`locqa.catalog.read_catalog` on mutated PO bytes: a catalogue or
  InputError.
* ``annotate`` - :func:`locqa.annotate.annotate_po` on mutated PO bytes with a finding for
  its first entry: InputError, or a file that polib reads and a second run leaves alone.

Seeds: the fixture articles and catalogues written from them. A crash leaves its input in
``build/fuzz/crash-*``; turn it into a regression test (tests/test_bad_input.py or
tests/test_properties.py). Without atheris (no wheel for the platform), the same targets
run under hypothesis for the same time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TARGETS = ("markdown", "catalog", "annotate")


# ------------------------------------------------------------------ the targets


def fuzz_markdown(data: bytes) -> None:
    from locqa.errors import InputError
    from locqa.markdown import decode, parse_document, splice

    try:
        text = decode(data, "fuzz.md")
        doc = parse_document(text, "fuzz.md")
    except InputError:
        return
    if splice(doc, {i: s.text for i, s in enumerate(doc.segments)}) != text:
        raise AssertionError("identity splice changed the text")
    for seg in doc.segments:
        for start, end in seg.pieces:
            if not 0 <= start <= end <= len(text):
                raise AssertionError(f"piece out of range: {seg}")


def _po_file(data: bytes) -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="locqa-fuzz-"))
    path = tmp / "fuzz.po"
    path.write_bytes(data)
    return path


def _cleanup(path: Path) -> None:
    for child in path.parent.iterdir():
        child.unlink()
    path.parent.rmdir()


def fuzz_catalog(data: bytes) -> None:
    from locqa.catalog import read_catalog
    from locqa.errors import InputError

    path = _po_file(data)
    try:
        read_catalog(path, "nl", "fuzz.po")
    except InputError:
        pass
    finally:
        _cleanup(path)


def fuzz_annotate(data: bytes) -> None:
    import polib

    from locqa.annotate import annotate_po
    from locqa.errors import InputError
    from locqa.findings import Finding, Severity

    path = _po_file(data)
    try:
        try:
            entries = [e for e in polib.pofile(str(path)) if not e.obsolete]
        except Exception:
            entries = []
        findings = [
            Finding(
                check="ENC001",
                severity=Severity.WARNING,
                message="fuzz \x1b[2J finding",
                path="x.md",
                line=1,
                msgid=e.msgid,
                msgstr=e.msgstr,
                msgctxt=e.msgctxt,
            )
            for e in entries[:2]
        ]
        try:
            annotate_po(path, findings)
        except InputError:
            return
        once = path.read_bytes()
        if annotate_po(path, findings) or path.read_bytes() != once:
            raise AssertionError("annotation is not idempotent")
    finally:
        _cleanup(path)


FUNCS = {"markdown": fuzz_markdown, "catalog": fuzz_catalog, "annotate": fuzz_annotate}


# ------------------------------------------------------------------ seeds


def make_seeds(target: str, corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    fixtures = REPO / "tests" / "fixtures"
    articles = sorted(fixtures.rglob("*.md")) + sorted((REPO / "content").rglob("*.md"))
    if target == "markdown":
        for i, path in enumerate(articles):
            (corpus / f"seed-{i}").write_bytes(path.read_bytes())
        return
    with tempfile.TemporaryDirectory() as tmp:
        import shutil

        from locqa.cli import main

        root = Path(tmp) / "tree"
        shutil.copytree(fixtures / "tree", root)
        main(["extract", "--root", str(root), "-q"])
        for i, path in enumerate(sorted((root / "locales").rglob("*.po*"))):
            (corpus / f"seed-{i}").write_bytes(path.read_bytes())


# ------------------------------------------------------------------ runners


def run_atheris(target: str, libfuzzer_args: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        import locqa.annotate
        import locqa.catalog
        import locqa.markdown  # noqa: F401

    atheris.Setup([sys.argv[0], *libfuzzer_args], FUNCS[target])
    atheris.Fuzz()


def run_hypothesis(target: str, seconds: float) -> int:
    import time

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sys.path.insert(0, str(REPO / "tests"))
    from strategies import rich_markdown_documents

    data = (
        rich_markdown_documents().map(lambda t: t.encode("utf-8"))
        if target == "markdown"
        else st.binary(max_size=4000)
    )
    deadline = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < deadline:
        given(data)(
            settings(
                max_examples=2000,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )(FUNCS[target])
        )()
        runs += 1
    print(f"{target}: {runs} x 2000 hypothesis examples, no crash")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="time per target")
    parser.add_argument("--target", choices=TARGETS, action="append")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "fuzz")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    targets = args.target or list(TARGETS)
    if args.child:
        run_atheris(targets[0], rest)
        return 0
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris not installed: using hypothesis", file=sys.stderr)
        return max(run_hypothesis(t, args.seconds) for t in targets)
    failed = []
    for target in targets:
        corpus = args.out / f"corpus-{target}"
        make_seeds(target, corpus)
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "--target",
            target,
            f"-max_total_time={args.seconds}",
            f"-artifact_prefix={args.out}/crash-{target}-",
            "-max_len=20000",
            "-timeout=20",
            "-rss_limit_mb=2048",
            str(corpus),
        ]
        print(f"fuzzing {target} for {args.seconds} s ...", flush=True)
        path = f"{REPO / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
        env = {**os.environ, "PYTHONPATH": path}
        proc = subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        tail = "\n".join(proc.stderr.splitlines()[-25:])
        if proc.returncode != 0:
            failed.append(target)
            print(f"{target}: CRASH (exit {proc.returncode})\n{tail}", file=sys.stderr)
        else:
            print(f"{target}: ok - {proc.stderr.splitlines()[-1] if proc.stderr else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
