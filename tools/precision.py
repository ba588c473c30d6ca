"""Measured precision per check: label a random sample of findings, keep the labels as data.

    python tools/precision.py run --lang nl --out build/precision/nl-findings.json
    python tools/precision.py sample --lang nl --findings build/precision/nl-findings.json
    python tools/precision.py show --lang nl --findings build/precision/nl-findings.json
    python tools/precision.py label --lang nl --from decisions.tsv
    python tools/precision.py compute --lang nl --findings build/precision/nl-findings.json \\
        --write docs/precision/figures.json

``run`` builds a throw-away locqa project from the development corpus (``en/`` and
``<lang>/`` of ``../shared/corpus/commerce-learn``, copied to a temporary folder, never into
the repository), runs ``locqa extract`` and ``locqa check --format json`` with LanguageTool
and every check selected (opt-in ones too),
and keeps the JSON report. ``run --skip-languagetool`` leaves LanguageTool out (a minute
instead of ten, for work on the other checks); ``compute --write`` on such a report keeps
the figures of the checks it did not run (LT001, LT002) as they are in the figures file.

``sample`` draws, for every check, a seeded random sample of findings that have no label yet
and appends them (unlabelled) to the label file ``docs/precision/<lang>.jsonl``, until the
check has ``--n`` (or all its findings). Checks whose findings carry an external rule id
(LT001: the LanguageTool rule) are stratified by rule: spelling rules (``MORFOLOGIK_*``)
get ``--n`` each, every other rule with at least 10 findings ``--n-rule``, and the rarer
rules ``--n-rule`` together. Draws are seeded per language, check and stratum, so the same
findings and labels give the same draw. ``show`` prints the pending findings with their
source and translation in the terminal, for a person to judge (the corpus text never goes
into the repository); ``label`` records the decisions, one line per finding:
``HANDLE<TAB>true|false<TAB>why`` (the handle is the one ``show`` prints).

``compute`` matches the labels to the current findings and prints precision per check: the
share of labelled findings that are real defects, with the number labelled, a 95 % Wilson
score interval and the number of current findings without a label. A stratified check's
precision is weighted by the number of findings per rule. ``--write`` keeps the figures as
JSON for ``tools/docgen.py``.

The label file holds no corpus text. A label's key is the article path (relative to the
language folder), the first 16 hex digits of the SHA-256 of the msgid, the check code, the
rule id, the flagged text (``msgstr[start:end]``, at most 40 characters) and the index of
that occurrence among the findings with the same key; offsets and line numbers are not part
of it, so labels survive re-runs. ``label`` is ``true`` for a real defect (a reviewer must
change the text), ``false`` for a false alarm, ``null`` while pending; ``why`` says why.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from corpus_project import project_flags

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "commerce-learn"
LABELS_DIR = REPO / "docs" / "precision"
COMMAND = "nox -s precision"
#: How the JSON report's ``summary.skipped`` names LanguageTool (its entries start so, any
#: case: "languagetool (--skip-languagetool)"), and the checks it runs.
LANGUAGETOOL = "languagetool"
LANGUAGETOOL_CHECKS = ("LT001", "LT002")
TEXT_LIMIT = 40
SPELLING_PREFIX = "MORFOLOGIK_"
MIN_STRATUM = 10  # a rule with fewer findings is sampled in one pool with the other rare ones
OTHER_RULES = "(other rules)"
Z95 = 1.959963984540054

# Characters JSON allows raw but an editor or a terminal may hide or act on.
_UNSAFE_RAW = re.compile("[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


# ----------------------------------------------------------------------------- keys


@dataclass(frozen=True, slots=True, order=True)
class Key:
    """What identifies a finding across runs (no offsets, no line numbers, no corpus text
    beyond the flagged words)."""

    check: str
    rule: str
    path: str
    msgid_sha256: str
    text: str
    occurrence: int

    @property
    def handle(self) -> str:
        """A short stable name for the command line (``label``)."""
        raw = json.dumps(
            [self.check, self.rule, self.path, self.msgid_sha256, self.text, self.occurrence]
        )
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:10]


def msgid_digest(msgid: str) -> str:
    return hashlib.sha256(msgid.encode("utf-8")).hexdigest()[:16]


def article_path(path: str, lang: str) -> str:
    """*path* relative to the language folder: ``content/nl/b2b/x.md`` → ``b2b/x.md``."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if lang in parts:
        rest = parts[parts.index(lang) + 1 :]
        if rest:
            return PurePosixPath(*rest).as_posix()
    return PurePosixPath(*parts).as_posix()


def flagged_text(finding: Mapping[str, Any]) -> str:
    start, end = finding.get("start"), finding.get("end")
    if start is None or end is None:
        return ""
    text: str = finding["msgstr"][start:end]
    return text[:TEXT_LIMIT]


def keyed(findings: Iterable[Mapping[str, Any]], lang: str) -> dict[Key, Mapping[str, Any]]:
    """Every finding under its :class:`Key`. Findings that share all but the occurrence are
    numbered in document order (line, context, start, end, message)."""
    groups: dict[tuple[str, str, str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for f in findings:
        base = (
            f["check"],
            f.get("rule") or "",
            article_path(f["path"], lang),
            msgid_digest(f["msgid"]),
            flagged_text(f),
        )
        groups[base].append(f)
    out: dict[Key, Mapping[str, Any]] = {}
    for base, members in groups.items():
        members.sort(
            key=lambda f: (
                f.get("line") or 0,
                f.get("msgctxt") or "",
                -1 if f.get("start") is None else f["start"],
                -1 if f.get("end") is None else f["end"],
                f.get("message") or "",
            )
        )
        for index, f in enumerate(members):
            out[Key(*base, occurrence=index)] = f
    return out


def strata(keys: Iterable[Key]) -> dict[Key, str]:
    """The sampling stratum of every finding within its check: ``""`` for a check without
    rule ids; else the rule id when it is a spelling rule or has at least
    :data:`MIN_STRATUM` findings, and :data:`OTHER_RULES` for the rarer rules pooled."""
    keys = list(keys)
    sizes = Counter((k.check, k.rule) for k in keys)
    out: dict[Key, str] = {}
    for k in keys:
        if not k.rule or is_spelling(k.rule) or sizes[(k.check, k.rule)] >= MIN_STRATUM:
            out[k] = k.rule
        else:
            out[k] = OTHER_RULES
    return out


def is_spelling(rule: str) -> bool:
    return rule.startswith(SPELLING_PREFIX)


# ----------------------------------------------------------------------------- labels


@dataclass(slots=True)
class Label:
    key: Key
    label: bool | None = None
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.key.path,
            "msgid_sha256": self.key.msgid_sha256,
            "check": self.key.check,
            "rule": self.key.rule or None,
            "text": self.key.text,
            "occurrence": self.key.occurrence,
            "label": self.label,
            "why": self.why,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Label:
        key = Key(
            check=data["check"],
            rule=data.get("rule") or "",
            path=data["path"],
            msgid_sha256=data["msgid_sha256"],
            text=data.get("text") or "",
            occurrence=int(data.get("occurrence") or 0),
        )
        value = data.get("label")
        if value is not None and not isinstance(value, bool):
            raise ValueError(f"label must be true, false or null, not {value!r}")
        return cls(key, value, data.get("why") or "")


def labels_path(lang: str) -> Path:
    return LABELS_DIR / f"{lang}.jsonl"


def read_labels(path: Path) -> dict[Key, Label]:
    labels: dict[Key, Label] = {}
    if not path.is_file():
        return labels
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = Label.from_json(json.loads(line))
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: bad label: {exc}") from exc
        if item.key in labels:
            raise SystemExit(f"{path}:{number}: duplicate label key")
        labels[item.key] = item
    return labels


def dump_line(data: Mapping[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    return _UNSAFE_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_labels(path: Path, labels: Iterable[Label]) -> None:
    lines = [dump_line(item.to_json()) for item in sorted(labels, key=lambda item: item.key)]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    tmp.replace(path)


# ----------------------------------------------------------------------------- sampling


def targets(
    keys: Iterable[Key], n: int, n_rule: int
) -> dict[tuple[str, str], tuple[int, list[Key]]]:
    """Per (check, stratum): how many labels it should have and its findings (sorted)."""
    groups: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for key, name in strata(keys).items():
        groups[(key.check, name)].append(key)
    out: dict[tuple[str, str], tuple[int, list[Key]]] = {}
    for (check, rule), members in sorted(groups.items()):
        want = n if not rule or is_spelling(rule) else n_rule
        out[(check, rule)] = (min(want, len(members)), sorted(members))
    return out


def draw(
    keys: Iterable[Key], known: Iterable[Key], *, n: int, n_rule: int, seed: int, lang: str
) -> list[Key]:
    """Findings to add to the label file: per stratum, a seeded random sample of those not
    in *known*, enough to reach the stratum's target. Same inputs, same draw."""
    have = set(known)
    chosen: list[Key] = []
    for (check, rule), (want, members) in targets(keys, n, n_rule).items():
        missing = want - sum(1 for k in members if k in have)
        if missing <= 0:
            continue
        pool = [k for k in members if k not in have]
        rng = random.Random(f"{seed}:{lang}:{check}:{rule}")
        chosen += sorted(rng.sample(pool, min(missing, len(pool))))
    return chosen


# ----------------------------------------------------------------------------- figures


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (0..1 each end)."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


@dataclass(slots=True)
class Tally:
    findings: int = 0
    true: int = 0
    false: int = 0
    pending: int = 0

    @property
    def labelled(self) -> int:
        return self.true + self.false


@dataclass(slots=True)
class CheckFigures:
    check: str
    findings: int
    labelled: int
    true: int
    pending: int
    unlabelled: int
    precision: float | None
    low: float | None
    high: float | None
    weighted: bool
    rules: dict[str, Tally] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "findings": self.findings,
            "labelled": self.labelled,
            "true": self.true,
            "pending": self.pending,
            "unlabelled": self.unlabelled,
            "precision": _round(self.precision),
            "low": _round(self.low),
            "high": _round(self.high),
            "weighted_by_rule": self.weighted,
        }
        if self.weighted:
            rules = {}
            for rule, t in sorted(self.rules.items()):
                p = t.true / t.labelled if t.labelled else None
                lo, hi = wilson(t.true, t.labelled) if t.labelled else (None, None)
                rules[rule] = {
                    "findings": t.findings,
                    "labelled": t.labelled,
                    "true": t.true,
                    "precision": _round(p),
                    "low": _round(lo),
                    "high": _round(hi),
                }
            data["rules"] = rules
        return data


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def stratified(tallies: Mapping[str, Tally]) -> tuple[float | None, float | None, float | None]:
    """Precision of a check sampled per stratum: each stratum's share weighted by its number
    of findings (strata without labels left out), with a normal interval on Agresti–Coull
    adjusted shares and the finite-population correction."""
    used = {s: t for s, t in tallies.items() if t.labelled}
    total = sum(t.findings for t in used.values())
    if not total:
        return (None, None, None)
    estimate = variance = 0.0
    for t in used.values():
        weight = t.findings / total
        estimate += weight * t.true / t.labelled
        adjusted = (t.true + 2) / (t.labelled + 4)
        fpc = (t.findings - t.labelled) / (t.findings - 1) if t.findings > 1 else 0.0
        variance += weight * weight * adjusted * (1 - adjusted) / (t.labelled + 4) * fpc
    half = Z95 * math.sqrt(variance)
    return (estimate, max(0.0, estimate - half), min(1.0, estimate + half))


def compute(
    findings: Mapping[Key, Mapping[str, Any]], labels: Mapping[Key, Label]
) -> tuple[dict[str, CheckFigures], list[Label]]:
    """Figures per check, and the labels that match no current finding (stale)."""
    per: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for key, name in strata(findings).items():
        tally = per[key.check][name]
        tally.findings += 1
        item = labels.get(key)
        if item is None:
            continue
        if item.label is None:
            tally.pending += 1
        elif item.label:
            tally.true += 1
        else:
            tally.false += 1
    out: dict[str, CheckFigures] = {}
    for check, groups in sorted(per.items()):
        total = Tally()
        for t in groups.values():
            total.findings += t.findings
            total.true += t.true
            total.false += t.false
            total.pending += t.pending
        weighted = any(groups.keys() - {""})
        if weighted:
            precision, low, high = stratified(groups)
        elif total.labelled:
            precision = total.true / total.labelled
            low, high = wilson(total.true, total.labelled)
        else:
            precision = low = high = None
        out[check] = CheckFigures(
            check=check,
            findings=total.findings,
            labelled=total.labelled,
            true=total.true,
            pending=total.pending,
            unlabelled=total.findings - total.labelled - total.pending,
            precision=precision,
            low=low,
            high=high,
            weighted=weighted,
            rules=dict(groups) if weighted else {},
        )
    stale = [item for key, item in sorted(labels.items()) if key not in findings]
    return out, stale


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def table(figures: Mapping[str, CheckFigures]) -> str:
    head = f"{'check':<8} {'findings':>8} {'labelled':>8} {'true':>5} {'precision':>9}"
    head += f"  {'95% interval':<13} {'no label':>8}"
    lines = [head]
    for check, fig in figures.items():
        interval = "" if fig.low is None else f"{percent(fig.low)}–{percent(fig.high)}"
        mark = "*" if fig.weighted else ""
        lines.append(
            f"{check:<8} {fig.findings:>8} {fig.labelled:>8} {fig.true:>5} "
            f"{percent(fig.precision) + mark:>9}  {interval:<13} {fig.unlabelled + fig.pending:>8}"
        )
        for rule, t in sorted(fig.rules.items(), key=lambda kv: (-kv[1].findings, kv[0])):
            p = t.true / t.labelled if t.labelled else None
            lo, hi = wilson(t.true, t.labelled) if t.labelled else (None, None)
            interval = "" if lo is None else f"{percent(lo)}–{percent(hi)}"
            lines.append(
                f"  {rule[:34]:<34} {t.findings:>5} {t.labelled:>5} {t.true:>4} "
                f"{percent(p):>5}  {interval:<13}"
            )
    if any(f.weighted for f in figures.values()):
        lines.append("* weighted by the number of findings per rule (stratified sample)")
    return "\n".join(lines)


def figures_document(
    existing: Mapping[str, Any] | None,
    lang: str,
    figures: Mapping[str, CheckFigures],
    corpus: str,
    labels_file: str,
) -> dict[str, Any]:
    """The figures JSON with *lang*'s entry replaced (other languages kept)."""
    languages = dict((existing or {}).get("languages", {}))
    languages[lang] = {
        "corpus": corpus,
        "labels": labels_file,
        "checks": {check: fig.to_json() for check, fig in sorted(figures.items())},
    }
    return {
        "command": COMMAND,
        "note": "precision = labelled findings that are real defects / labelled findings; "
        "low/high: 95% Wilson interval (weighted_by_rule: stratified estimate)",
        "languages": dict(sorted(languages.items())),
    }


def overall(checks: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """A language's precision over the findings a user sees (the checks on by default):
    each labelled check's precision weighted by its number of findings, as a stratified
    sample is read. Findings of checks without labels are counted apart, not guessed."""
    from locqa.checks import load_checks
    from locqa.checks.base import REGISTRY

    load_checks()
    shown = {c: f for c, f in checks.items() if c in REGISTRY and not REGISTRY[c].opt_in}
    measured = {c: f for c, f in shown.items() if f.get("labelled") and f.get("findings")}
    total = sum(f["findings"] for f in measured.values())
    precision = (
        round(sum(f["findings"] * f["precision"] for f in measured.values()) / total, 4)
        if total
        else None
    )
    return {
        "precision": precision,
        "findings": total,
        "labelled": sum(f["labelled"] for f in measured.values()),
        "unmeasured": sum(f.get("findings", 0) for c, f in shown.items() if c not in measured),
    }


# ----------------------------------------------------------------------------- commands


def load_findings(path: Path, lang: str) -> dict[Key, Mapping[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return keyed(data["findings"], lang)


def cmd_run(args: argparse.Namespace) -> int:
    corpus: Path = args.corpus.resolve()
    lang: str = args.lang
    if not (corpus / "en").is_dir() or not (corpus / lang).is_dir():
        print(f"precision: no corpus at {corpus} (expected en/ and {lang}/)", file=sys.stderr)
        return 2
    out: Path = args.out.resolve()
    with tempfile.TemporaryDirectory(prefix="locqa-precision-") as tmp:
        work = Path(tmp)
        shutil.copytree(corpus / "en", work / "content" / "en")
        shutil.copytree(corpus / lang, work / "content" / lang)
        glossary = REPO / "locales" / "glossary"
        if glossary.is_dir():
            shutil.copytree(glossary, work / "locales" / "glossary")
        paths = [*project_flags(work), "--lang", lang]
        locqa = [sys.executable, "-c", "import sys; from locqa.cli import main; sys.exit(main())"]
        done = subprocess.run([*locqa, "extract", "-q", *paths], cwd=work, check=False)
        if done.returncode != 0:
            print(f"precision: locqa extract failed ({done.returncode})", file=sys.stderr)
            return done.returncode
        report = work / "findings.json"
        check = [*locqa, "check", "-q", *paths, "--select", ",".join(_every_check())]
        check += ["--no-cache", "--format", "json", "-o"]
        if args.skip_languagetool:
            check.insert(check.index("--no-cache"), "--skip-languagetool")
        done = subprocess.run([*check, str(report)], cwd=work, check=False)
        if done.returncode not in (0, 1):
            print(f"precision: locqa check failed ({done.returncode})", file=sys.stderr)
            return done.returncode
        data = json.loads(report.read_text(encoding="utf-8"))
        skipped = data["summary"]["skipped"]
        if args.skip_languagetool:
            skipped = [s for s in skipped if not is_languagetool(s)]
        # what the language lacks everywhere (LanguageTool has no Japanese speller) is no
        # gap of this machine
        skipped = [s for s in skipped if "has no speller" not in s]
        if skipped:
            print(f"precision: checkers skipped: {skipped}", file=sys.stderr)
            return 3
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(report, out)
    counts = Counter(f["check"] for f in data["findings"])
    print(f"wrote {args.out}: {len(data['findings'])} findings")
    print("  ".join(f"{c} {n}" for c, n in sorted(counts.items())))
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    findings = load_findings(args.findings, args.lang)
    path = args.labels or labels_path(args.lang)
    labels = read_labels(path)
    known = [key for key in labels if key in findings]
    new = draw(findings, known, n=args.n, n_rule=args.n_rule, seed=args.seed, lang=args.lang)
    for key in new:
        labels[key] = Label(key)
    write_labels(path, labels.values())
    per = Counter(k.check for k in new)
    print(f"{path}: {len(new)} finding(s) added to label")
    for check, n in sorted(per.items()):
        print(f"  {check} {n}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    findings = load_findings(args.findings, args.lang)
    labels = read_labels(args.labels or labels_path(args.lang))
    codes = set(args.check or ())
    for key, item in sorted(labels.items()):
        if codes and key.check not in codes:
            continue
        if item.label is not None and not args.all:
            continue
        f = findings.get(key)
        if f is None:
            continue
        state = "pending" if item.label is None else f"{item.label} ({item.why})"
        rule = f" [{key.rule}]" if key.rule else ""
        print(f"=== {key.handle} {key.check}{rule} {key.path}:{f.get('line')} {state}")
        print(f"    flagged: {key.text!r}")
        print(f"    message: {f.get('message')}")
        if f.get("suggestion") is not None:
            print(f"    suggest: {f['suggestion']!r}")
        print(f"    EN: {f['msgid']}")
        print(f"    {args.lang.upper()}: {f['msgstr']}")
    return 0


def cmd_label(args: argparse.Namespace) -> int:
    path = args.labels or labels_path(args.lang)
    labels = read_labels(path)
    by_handle = {key.handle: key for key in labels}
    source = Path(args.source).read_text(encoding="utf-8") if args.source else sys.stdin.read()
    changed = 0
    for number, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        handle, value, *rest = [part.strip() for part in line.split("\t")]
        if handle not in by_handle:
            print(f"line {number}: no label {handle}", file=sys.stderr)
            return 2
        if value not in ("true", "false", "null"):
            print(f"line {number}: label must be true, false or null", file=sys.stderr)
            return 2
        item = labels[by_handle[handle]]
        item.label = None if value == "null" else value == "true"
        item.why = rest[0] if rest else ""
        changed += 1
    write_labels(path, labels.values())
    print(f"{path}: {changed} label(s) recorded")
    return 0


def is_languagetool(skipped: str) -> bool:
    return skipped.lower().startswith(LANGUAGETOOL)


def skipped_checks(path: Path) -> set[str]:
    """The checks a findings report did not run (LT001 when LanguageTool was skipped)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    skipped = data.get("summary", {}).get("skipped") or []
    return set(LANGUAGETOOL_CHECKS) if any(is_languagetool(s) for s in skipped) else set()


def cmd_compute(args: argparse.Namespace) -> int:
    findings = load_findings(args.findings, args.lang)
    not_run = skipped_checks(args.findings)
    path = args.labels or labels_path(args.lang)
    labels = read_labels(path)
    figures, stale = compute(findings, labels)
    print(f"precision on {args.lang}: {len(findings)} findings, {len(labels)} labels in {path}")
    print(table(figures))
    whole = overall({c: f.to_json() for c, f in figures.items()})
    if whole["precision"] is not None:
        print(
            f"overall: {percent(whole['precision'])} of the {whole['findings']} findings of "
            f"default checks are real (each check's precision weighted by its findings; "
            f"{whole['labelled']} labels; {whole['unmeasured']} findings of checks without labels)"
        )
    if stale:
        print(f"{len(stale)} label(s) match no current finding (kept; the finding is gone)")
    if args.write:
        existing = None
        if args.write.is_file():
            existing = json.loads(args.write.read_text(encoding="utf-8"))
        try:
            shown = path.resolve().relative_to(REPO).as_posix()
        except ValueError:
            shown = str(path)
        document = figures_document(existing, args.lang, figures, args.corpus_name, shown)
        if not_run:  # keep what the figures file says about the checks this run left out
            kept = (existing or {}).get("languages", {}).get(args.lang, {}).get("checks", {})
            checks = document["languages"][args.lang]["checks"]
            checks.update({c: kept[c] for c in not_run if c in kept})
            document["languages"][args.lang]["checks"] = dict(sorted(checks.items()))
            print(f"kept the figures of {', '.join(sorted(not_run))} (not run in this report)")
        entry = document["languages"][args.lang]
        entry["overall"] = overall(entry["checks"])
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {args.write}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python tools/precision.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = top.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.add_argument("--lang", required=True, help="target language folder, e.g. nl")
        p.add_argument("--labels", type=Path, help="label file (default docs/precision/LANG.jsonl)")
        return p

    run = command("run", "run extract + check (LanguageTool included) on the corpus")
    run.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    run.add_argument("--out", type=Path, required=True)
    run.add_argument(
        "--skip-languagetool",
        action="store_true",
        help="run without LanguageTool (no LT001 findings; compute keeps LT001's figures)",
    )
    run.set_defaults(func=cmd_run)

    sample = command("sample", "append a seeded random sample of unlabelled findings")
    sample.add_argument("--findings", type=Path, required=True)
    sample.add_argument("--n", type=int, default=30, help="labels per check (and spelling rule)")
    sample.add_argument("--n-rule", type=int, default=10, help="labels per other rule id")
    sample.add_argument("--seed", type=int, default=12)
    sample.set_defaults(func=cmd_sample)

    show = command("show", "print pending findings with source and translation")
    show.add_argument("--findings", type=Path, required=True)
    show.add_argument("--check", action="append", help="only this check code (repeatable)")
    show.add_argument("--all", action="store_true", help="labelled ones too")
    show.set_defaults(func=cmd_show)

    label = command("label", "record decisions: lines HANDLE<TAB>true|false|null<TAB>why")
    label.add_argument("--from", dest="source", help="file of decisions (default: stdin)")
    label.set_defaults(func=cmd_label)

    comp = command("compute", "precision per check from the labels and current findings")
    comp.add_argument("--findings", type=Path, required=True)
    comp.add_argument("--write", type=Path, help="figures JSON, e.g. docs/precision/figures.json")
    comp.add_argument(
        "--corpus-name", default="../shared/corpus/commerce-learn", help="shown in the figures"
    )
    comp.set_defaults(func=cmd_compute)
    return top


def _every_check() -> list[str]:
    """Every check's code, the opt-in ones too: their precision is measured like the rest."""
    from locqa.checks import load_checks
    from locqa.checks.base import REGISTRY

    load_checks()
    return sorted(REGISTRY)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
