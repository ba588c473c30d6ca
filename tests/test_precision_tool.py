"""tools/precision.py: label keys, sampling, Wilson intervals, figures (no corpus, no LT)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from precision import (
    OTHER_RULES,
    Key,
    Label,
    compute,
    draw,
    keyed,
    main,
    read_labels,
    targets,
    wilson,
    write_labels,
)


def finding(
    check: str = "TRN002",
    msgstr: str = "Klik op Save en daarna op Save.",
    start: int | None = 8,
    end: int | None = 12,
    *,
    msgid: str = "Click Save and then Save.",
    path: str = "content/nl/guide/page.md",
    line: int = 12,
    rule: str | None = None,
    message: str = "English word left in",
) -> dict[str, Any]:
    return {
        "path": path,
        "line": line,
        "msgctxt": None,
        "msgid": msgid,
        "msgstr": msgstr,
        "check": check,
        "rule": rule,
        "severity": "warning",
        "message": message,
        "start": start,
        "end": end,
        "suggestion": None,
        "fix": None,
        "status": "open",
        "resolution": None,
    }


def many(check: str, count: int, rule: str | None = None) -> list[dict[str, Any]]:
    """*count* findings of *check*, each in its own segment."""
    return [
        finding(check, f"tekst nummer {i} fout", 6, 12, msgid=f"text {check} {rule} {i}", rule=rule)
        for i in range(count)
    ]


# ----------------------------------------------------------------------------- keys


def test_key_has_no_offsets_and_survives_shifted_text() -> None:
    before = keyed([finding()], "nl")
    # a later run: the article gained lines, the segment moved, the MT gained a prefix
    moved = finding(msgstr="Nu: Klik op Save en daarna op Save.", start=12, end=16, line=40)
    after = keyed([moved], "nl")
    assert list(before) == list(after)
    key = next(iter(before))
    assert key == Key("TRN002", "", "guide/page.md", key.msgid_sha256, "Save", 0)
    assert len(key.msgid_sha256) == 16


def test_repeated_flagged_text_is_numbered_in_document_order() -> None:
    second = finding(start=26, end=30)
    first = finding()
    keys = keyed([second, first], "nl")
    assert [(k.text, k.occurrence) for k in keys] == [("Save", 0), ("Save", 1)]
    assert (
        keys[Key("TRN002", "", "guide/page.md", next(iter(keys)).msgid_sha256, "Save", 0)]["start"]
        == 8
    )


def test_flagged_text_is_cut_and_unspanned_findings_have_none() -> None:
    long = finding("TRN005", "x" * 100, 0, 100)
    unspanned = finding("STR001", "", None, None)
    keys = keyed([long, unspanned], "nl")
    assert sorted(len(k.text) for k in keys) == [0, 40]


def test_path_is_relative_to_the_language_folder() -> None:
    for path in ("content/nl/a/b.md", "/tmp/x/content/nl/a/b.md", "nl/a/b.md", "a/b.md"):
        (key,) = keyed([finding(path=path)], "nl")
        assert key.path == "a/b.md"


def test_label_file_round_trip_is_sorted_and_holds_no_segment_text(tmp_path: Path) -> None:
    keys = list(keyed([finding(), finding("ENC003", "a\u200bb", 1, 2)], "nl"))
    path = tmp_path / "nl.jsonl"
    write_labels(path, [Label(keys[0], True, "real"), Label(keys[1], None)])
    text = path.read_text(encoding="utf-8")
    assert "\u200b" not in text and "\\u200b" in text  # invisible characters escaped
    assert "Klik op" not in text and "Click Save" not in text
    rows = [json.loads(line) for line in text.splitlines()]
    assert [r["check"] for r in rows] == ["ENC003", "TRN002"]
    assert set(rows[0]) == {
        "path",
        "msgid_sha256",
        "check",
        "rule",
        "text",
        "occurrence",
        "label",
        "why",
    }
    again = read_labels(path)
    assert {k: (v.label, v.why) for k, v in again.items()} == {
        keys[0]: (True, "real"),
        keys[1]: (None, ""),
    }
    write_labels(path, reversed(list(again.values())))
    assert path.read_text(encoding="utf-8") == text


def test_bad_label_value_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nl.jsonl"
    (key,) = keyed([finding()], "nl")
    row = Label(key).to_json() | {"label": "yes"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"nl\.jsonl:1"):
        read_labels(path)


# ----------------------------------------------------------------------------- sampling


def test_draw_is_seeded_and_independent_of_input_order() -> None:
    keys = list(keyed(many("TRN002", 50), "nl"))
    one = draw(keys, [], n=30, n_rule=10, seed=12, lang="nl")
    shuffled = keys[:]
    random.Random(5).shuffle(shuffled)
    assert draw(shuffled, [], n=30, n_rule=10, seed=12, lang="nl") == one
    assert len(one) == len(set(one)) == 30
    assert draw(keys, [], n=30, n_rule=10, seed=13, lang="nl") != one


def test_draw_tops_up_to_the_target_and_takes_all_of_a_small_check() -> None:
    keys = list(keyed(many("TRN002", 50) + many("ENC003", 4), "nl"))
    first = draw(keys, [], n=30, n_rule=10, seed=12, lang="nl")
    assert sum(k.check == "ENC003" for k in first) == 4
    assert draw(keys, first, n=30, n_rule=10, seed=12, lang="nl") == []
    more = draw(keys, first, n=40, n_rule=10, seed=12, lang="nl")
    assert len(more) == 10 and not set(more) & set(first)


def test_languagetool_sample_is_stratified_by_rule() -> None:
    found = (
        many("LT001", 200, "MORFOLOGIK_RULE_NL_NL")
        + many("LT001", 40, "COMMA_PARENTHESIS_WHITESPACE")
        + many("LT001", 3, "DUBBEL_DE")
        + many("LT001", 4, "HET_FIETS")
    )
    keys = list(keyed(found, "nl"))
    plan = {stratum: want for (_, stratum), (want, _) in targets(keys, 30, 10).items()}
    assert plan == {"MORFOLOGIK_RULE_NL_NL": 30, "COMMA_PARENTHESIS_WHITESPACE": 10, OTHER_RULES: 7}
    chosen = draw(keys, [], n=30, n_rule=10, seed=12, lang="nl")
    assert sum(k.rule.startswith("MORFOLOGIK_") for k in chosen) == 30
    assert len(chosen) == 47


# ----------------------------------------------------------------------------- figures


def test_wilson_interval() -> None:
    low, high = wilson(26, 30)
    assert low == pytest.approx(0.7032, abs=1e-4)
    assert high == pytest.approx(0.9469, abs=1e-4)
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson(10, 10)[1] == 1.0 and wilson(0, 10)[0] == 0.0
    assert wilson(0, 0) == (0.0, 1.0)


def test_compute_counts_labels_pending_unlabelled_and_stale() -> None:
    found = keyed(many("TRN002", 10), "nl")
    keys = sorted(found)
    labels = {k: Label(k, i < 6, "x") for i, k in enumerate(keys[:8])}
    labels[keys[8]] = Label(keys[8])  # drawn, not judged yet
    gone = Key("TRN002", "", "old.md", "0" * 16, "Save", 0)
    labels[gone] = Label(gone, True, "finding no longer reported")
    figures, stale = compute(found, labels)
    fig = figures["TRN002"]
    assert (fig.findings, fig.labelled, fig.true, fig.pending, fig.unlabelled) == (10, 8, 6, 1, 1)
    assert fig.precision == 0.75 and not fig.weighted
    assert (fig.low, fig.high) == wilson(6, 8)
    assert [item.key for item in stale] == [gone]


def test_stratified_precision_is_weighted_by_findings_per_rule() -> None:
    spelling = keyed(many("LT001", 90, "MORFOLOGIK_RULE_NL_NL"), "nl")
    comma = keyed(many("LT001", 10, "COMMA_PARENTHESIS_WHITESPACE"), "nl")
    labels = {k: Label(k, i < 5) for i, k in enumerate(sorted(spelling)[:10])}  # 50 %
    labels |= {k: Label(k, True) for k in sorted(comma)}  # 100 %, all labelled
    figures, _ = compute({**spelling, **comma}, labels)
    fig = figures["LT001"]
    assert fig.weighted and fig.labelled == 20 and fig.true == 15
    assert fig.precision == pytest.approx(0.9 * 0.5 + 0.1 * 1.0)
    assert fig.low is not None and fig.high is not None
    assert fig.low < fig.precision < fig.high
    rules = fig.to_json()["rules"]
    assert rules["COMMA_PARENTHESIS_WHITESPACE"]["precision"] == 1.0
    assert rules["MORFOLOGIK_RULE_NL_NL"]["labelled"] == 10


def test_sample_label_compute_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    findings = tmp_path / "findings.json"
    findings.write_text(json.dumps({"findings": many("TRN002", 12)}), encoding="utf-8")
    labels = tmp_path / "nl.jsonl"
    common = ["--lang", "nl", "--labels", str(labels)]
    assert main(["sample", *common, "--findings", str(findings), "--n", "5"]) == 0
    assert len(read_labels(labels)) == 5
    assert main(["show", *common, "--findings", str(findings)]) == 0
    handles = [line.split()[1] for line in capsys.readouterr().out.splitlines() if "===" in line]
    decisions = tmp_path / "decisions.tsv"
    decisions.write_text(
        "".join(f"{h}\t{'true' if i else 'false'}\twhy {i}\n" for i, h in enumerate(handles)),
        encoding="utf-8",
    )
    assert main(["label", *common, "--from", str(decisions)]) == 0
    out = tmp_path / "figures.json"
    out.write_text(json.dumps({"languages": {"de": {"checks": {}}}}), encoding="utf-8")
    assert main(["compute", *common, "--findings", str(findings), "--write", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert set(doc["languages"]) == {"de", "nl"}  # other languages kept
    fig = doc["languages"]["nl"]["checks"]["TRN002"]
    assert (fig["findings"], fig["labelled"], fig["true"], fig["unlabelled"]) == (12, 5, 4, 7)
    assert doc["command"] == "nox -s precision"
    # labels survive a re-run where every finding moved
    moved = [f | {"line": f["line"] + 7} for f in many("TRN002", 12)]
    findings.write_text(json.dumps({"findings": moved}), encoding="utf-8")
    assert main(["compute", *common, "--findings", str(findings)]) == 0
    assert "TRN002         12        5     4       80%" in capsys.readouterr().out
