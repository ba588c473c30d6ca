"""Benchmarks: the whole pipeline on a real corpus and on copies of it scaled ×2, ×4…

    python tools/bench.py [--corpus DIR] [--scales 1,2,4] [--limit N] [--out FILE]

Every stage runs as its own process (``python -m locqa.cli …``), so the peak RSS reported
for a stage is that stage's alone. Each scale is run cold (no catalogues, no cache) and then
warm (the same corpus again, unchanged). Translate Toolkit's ``pofilter`` (all its default
checks) runs on the same catalogues in the same run, for comparison. LanguageTool batching
is compared with one request per segment on a sample of segments.

Figures are written to ``build/bench/results.json`` and printed as a table. Nothing here is
asserted: the numbers are measurements, to be read.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus_project import project_flags

from locqa import __version__
from locqa.atomic import write_text

DEFAULT_CORPUS = Path("../shared/corpus/commerce-learn")
STAGES = ("extract", "check", "fix", "build")


def _measure(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """Run *argv*; return (wall seconds, peak RSS in MiB of that process tree, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def make_corpus(
    corpus: Path, work: Path, scale: int, limit: int | None, termbase: Path | None
) -> tuple[Path, Path]:
    """A source and a target tree holding *scale* copies of the corpus (or its first *limit*
    articles), each copy in its own folder. Copies are identical texts: LanguageTool and the
    cache see each distinct text once, which is what happens with real repeated content."""
    src, tgt = work / "content" / "en", work / "content" / "nl"
    if src.exists():
        return src, tgt
    if termbase is not None and termbase.is_file():  # the default termbase path of a project
        dest = work / "locales" / "glossary" / "en-nl.tbx"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(termbase, dest)
    articles = sorted(p.relative_to(corpus / "en") for p in (corpus / "en").rglob("*.md"))
    if limit:
        articles = articles[:limit]
    for copy in range(scale):
        for rel in articles:
            for side, root in (("en", src), ("nl", tgt)):
                dest = root / f"copy{copy + 1}" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(corpus / side / rel, dest)
    return src, tgt


def run_pipeline(work: Path, mode: str, jobs: int | None, skip_lt: bool) -> dict[str, Any]:
    paths = project_flags(work)
    py = [sys.executable, "-m", "locqa.cli"]
    extra = ["--skip-languagetool"] if skip_lt else []
    if jobs:
        extra += ["--jobs", str(jobs)]
    stats_file = work / f"check-stats-{mode}.json"
    commands = {
        "extract": [*py, "extract", "-q", *paths],
        "check": [
            *py,
            "check",
            "-q",
            *paths,
            *extra,
            "--stats",
            str(stats_file),
            "--format",
            "json",
            "-o",
            str(work / f"findings-{mode}.json"),
        ],
        "fix": [*py, "fix", "-q", *paths, *extra],
        "build": [*py, "build", "-q", *paths],
    }
    result: dict[str, Any] = {"mode": mode, "seconds": {}, "peak_rss_mib": {}}
    for stage in STAGES:
        seconds, rss, _ = _measure(commands[stage], work)
        result["seconds"][stage] = round(seconds, 3)
        result["peak_rss_mib"][stage] = round(rss, 1)
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    result["seconds"]["total"] = round(sum(result["seconds"][s] for s in STAGES), 3)
    result["check_phases"] = {k: round(v, 3) for k, v in stats["seconds"].items()}
    lt = stats["seconds"].get("languagetool", 0.0)
    result["languagetool_seconds"] = round(lt, 3)
    result["languagetool_share_of_check"] = round(lt / result["seconds"]["check"], 3)
    result.update(
        articles=stats["articles"],
        segments=stats["units"],
        words=stats["words"],
        findings=stats["findings"],
        cache_hits=stats["cache_hits"],
        cache_misses=stats["cache_misses"],
    )
    result["segments_per_second"] = round(stats["units"] / result["seconds"]["total"], 1)
    result["check_segments_per_second"] = round(stats["units"] / result["seconds"]["check"], 1)
    return result


def alignment_cost(work: Path) -> dict[str, Any] | None:
    """The cost of the bilingual lexicon (issue 14): ``locqa terms`` word-aligns every
    segment with eflomal; ``check --select MNG003,MNG007`` aligns once and runs both
    lexical checks. None without the aligner."""
    if importlib.util.find_spec("eflomal") is None:
        return None
    py = [sys.executable, "-m", "locqa.cli"]
    paths = project_flags(work)
    terms_s, terms_rss, _ = _measure(
        [*py, "terms", "-q", *paths, "-o", str(work / "terms.txt")], work
    )
    checks_s, checks_rss, _ = _measure(
        [*py, "check", "-q", *paths, "--skip-languagetool", "--no-cache", "--no-annotate",
         "--select", "MNG003,MNG007", "--format", "json", "-o", str(work / "lexical.json")],
        work,
    )  # fmt: skip
    return {
        "terms_seconds": round(terms_s, 3),
        "terms_peak_rss_mib": round(terms_rss, 1),
        "lexical_checks_seconds": round(checks_s, 3),
        "lexical_checks_peak_rss_mib": round(checks_rss, 1),
    }


def run_pofilter(work: Path) -> float | None:
    exe = shutil.which("pofilter")
    if exe is None:
        return None
    out = work / "pofilter-out"
    shutil.rmtree(out, ignore_errors=True)
    seconds, _, _ = _measure([exe, "--progress=none", "-i", "locales/nl", "-o", str(out)], work)
    return round(seconds, 3)


def batching_comparison(corpus: Path, sample: int) -> dict[str, Any] | None:
    from locqa.languagetool import LanguageToolSession, compare_batching
    from locqa.markdown import read_document

    texts: list[str] = []
    for path in sorted((corpus / "nl").rglob("*.md")):
        texts.extend(s.text for s in read_document(path).segments)
        if len(texts) >= sample:
            break
    with LanguageToolSession() as session:
        session.check_texts(texts[:5], "nl")  # warm up the JVM
        cmp = compare_batching(session, texts[:sample], "nl")
    return {
        "texts": cmp.texts,
        "unique_texts": cmp.unique_texts,
        "batched_seconds": round(cmp.batched_seconds, 3),
        "batched_requests": cmp.batched_requests,
        "per_segment_seconds": round(cmp.per_segment_seconds, 3),
        "per_segment_requests": cmp.per_segment_requests,
        "speedup": round(cmp.speedup, 2),
        "same_results": cmp.same_results,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python tools/bench.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scales", default="1,2,4", help="corpus copies per run (default 1,2,4)")
    parser.add_argument("--limit", type=int, help="only the first N articles (a smoke run)")
    parser.add_argument("--jobs", type=int, help="passed to locqa (default: cores)")
    parser.add_argument("--skip-languagetool", action="store_true")
    parser.add_argument(
        "--termbase",
        type=Path,
        default=Path("locales/glossary/en-nl.tbx"),
        help="TBX termbase copied into each benchmark project",
    )
    parser.add_argument(
        "--languagetool-scales",
        default="1",
        help="scales at which LanguageTool runs (default 1). Copies repeat the same texts, "
        "which locqa sends to LanguageTool once, so its cost does not grow with copies; "
        "larger scales measure the rest of the pipeline",
    )
    parser.add_argument(
        "--batching-sample",
        type=int,
        default=300,
        help="segments for the LanguageTool batching comparison (0: skip)",
    )
    parser.add_argument("--work", type=Path, default=Path("build/bench/work"))
    parser.add_argument("--out", type=Path, default=Path("build/bench/results.json"))
    args = parser.parse_args(argv)
    if not (args.corpus / "en").is_dir():
        print(
            f"locqa bench: error: no corpus at {args.corpus} (expected en/ and nl/)",
            file=sys.stderr,
        )
        return 2
    runs = []
    lt_scales = {int(s) for s in args.languagetool_scales.split(",") if s.strip()}
    scales = [int(s) for s in args.scales.split(",")]
    for scale in scales:
        skip_lt = args.skip_languagetool or scale not in lt_scales
        work = (args.work / f"x{scale}").resolve()
        shutil.rmtree(work, ignore_errors=True)
        make_corpus(args.corpus.resolve(), work, scale, args.limit, args.termbase)
        for mode in ("cold", "warm"):
            result = run_pipeline(work, mode, args.jobs, skip_lt)
            result["scale"] = scale
            result["languagetool"] = not skip_lt
            result["pofilter_seconds"] = run_pofilter(work)
            if result["pofilter_seconds"]:
                result["check_to_pofilter_ratio"] = round(
                    result["seconds"]["check"] / result["pofilter_seconds"], 2
                )
            runs.append(result)
            print(_row(result), flush=True)
    alignment = alignment_cost((args.work / "x1").resolve()) if 1 in scales else None
    if alignment:
        print(f"alignment (x1): {alignment}", flush=True)
    batching = None
    if args.batching_sample and not args.skip_languagetool:
        batching = batching_comparison(args.corpus, args.batching_sample)
    report = {
        "locqa": __version__,
        "machine": {
            "python": platform.python_version(),
            "cores": os.cpu_count(),
            "platform": platform.platform(),
        },
        "command": "python tools/bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "runs": runs,
        "languagetool_batching": batching,
        "alignment": alignment,
    }
    write_text(args.out, json.dumps(report, indent=2) + "\n")
    print(_table(runs, batching))
    print(f"wrote {args.out}")
    return 0


def _row(r: dict[str, Any]) -> str:
    s = r["seconds"]
    return (
        f"x{r['scale']} {r['mode']:<4} {r['articles']:>5} articles {r['segments']:>6} segments"
        f"  extract {s['extract']:7.2f}s  check {s['check']:7.2f}s  fix {s['fix']:7.2f}s"
        f"  build {s['build']:6.2f}s  LT {r['languagetool_seconds']:6.2f}s"
        f"  pofilter {r.get('pofilter_seconds') or 0:6.2f}s"
    )


def _table(runs: list[dict[str, Any]], batching: dict[str, Any] | None) -> str:
    head = (
        "| scale | run | LanguageTool | articles | segments | words | extract s | check s "
        "| fix s | build s | total s | seg/s | LT share | peak RSS MiB | pofilter s "
        "| check/pofilter |"
    )
    lines = [head, "|" + "---|" * 16]
    for r in runs:
        s = r["seconds"]
        lines.append(
            f"| x{r['scale']} | {r['mode']} | {'yes' if r['languagetool'] else 'no'} "
            f"| {r['articles']} | {r['segments']} | {r['words']} "
            f"| {s['extract']:.2f} | {s['check']:.2f} | {s['fix']:.2f} | {s['build']:.2f} "
            f"| {s['total']:.2f} | {r['segments_per_second']:.0f} "
            f"| {r['languagetool_share_of_check']:.0%} | {max(r['peak_rss_mib'].values()):.0f} "
            f"| {r.get('pofilter_seconds') or '-'} | {r.get('check_to_pofilter_ratio', '-')} |"
        )
    if batching:
        lines.append("")
        lines.append(
            f"LanguageTool batching: {batching['texts']} segments in "
            f"{batching['batched_requests']} requests {batching['batched_seconds']:.2f}s vs "
            f"{batching['per_segment_requests']} requests {batching['per_segment_seconds']:.2f}s "
            f"one per segment: ×{batching['speedup']:.1f} "
            f"(same results: {batching['same_results']})"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
