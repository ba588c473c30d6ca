"""Bad input: one line ``locqa: error: path:line: message``, exit code 2, nothing changed.

Every case runs through :func:`locqa.cli.main` for ``extract``, ``build`` and
``check --skip-languagetool`` on a project whose catalogues and build output already
exist, and compares every byte of the project before and after.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po

from conftest import snapshot
from locqa import markdown
from locqa.catalog import check_po_syntax, read_catalog, serialize
from locqa.cli import main
from locqa.errors import InputError
from locqa.markdown import MAX_ARTICLE_BYTES, MAX_BLOCK_LEVEL, parse_document, read_document

INDEX_PO = "locales/nl/LC_MESSAGES/index.po"
TBX = "locales/glossary/en-nl.tbx"

# (path relative to the project, new bytes from the file's current bytes or None)
Mutation = Callable[[bytes | None], bytes]


def _truncate_mid_msgstr(po: bytes | None) -> bytes:
    assert po is not None
    start = po.index(b'msgstr "Winkelinstallatie"')
    return po[: start + len(b'msgstr "Winkel')]


def _duplicate_entry(po: bytes | None) -> bytes:
    assert po is not None
    return po + b'\n#: content/en/index.md:9\nmsgid "Store setup"\nmsgstr "Winkel instellen"\n'


def _deep_list(_: bytes | None) -> bytes:
    return b"# Title\n\n" + b"".join(b"  " * i + b"- item\n" for i in range(1000))


def _dangling_keyword(po: bytes | None) -> bytes:
    assert po is not None
    return po + b"\nmsgid_plural\n"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx type="TBX-Basic" xml:lang="en"><text><body>&lol3;</body></text></tbx>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx type="TBX-Basic" xml:lang="en"><text><body>&xxe;</body></text></tbx>
"""
DOCTYPE_ONLY = b"""<?xml version="1.0"?>
<!DOCTYPE tbx SYSTEM "https://example.com/tbx.dtd">
<tbx type="TBX-Basic" xml:lang="en"><text><body/></text></tbx>
"""

# case -> (file, mutation, expected start of the message after "locqa: error: ", commands)
ALL = ("extract", "build", "check")
CASES: dict[str, tuple[str, Mutation, str, tuple[str, ...]]] = {
    "binary-png": (
        "content/nl/index.md",
        lambda _: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "content/nl/index.md:1: not valid UTF-8",
        ALL,
    ),
    "latin-1": (
        "content/en/index.md",
        lambda _: b"# Title\n\nCaf\xe9 and cr\xe8me\n",
        "content/en/index.md:3: not valid UTF-8",
        ALL,
    ),
    "nul-byte": (
        "content/nl/index.md",
        lambda _: b"# Titel\n\nTekst\x00met NUL\n",
        "content/nl/index.md:3: contains a NUL byte",
        ALL,
    ),
    "50-mb-article": (
        "content/en/index.md",
        lambda _: b"# Big\n\n" + b"word " * (50 * 1024 * 1024 // 5),
        "content/en/index.md:1: article is larger than 10 MiB",
        ALL,
    ),
    "deeply-nested-list": (
        "content/en/index.md",
        _deep_list,
        f"content/en/index.md:{MAX_BLOCK_LEVEL // 2 + 3}: lists or block quotes nested",
        ALL,
    ),
    "ten-thousand-list-markers": (
        "content/nl/index.md",
        lambda _: b"# Titel\n\n" + b"- " * 10_000 + b"diep\n",
        "content/nl/index.md:3: lists or block quotes nested",
        ALL,
    ),
    "deeply-nested-quote": (
        "content/nl/index.md",
        lambda _: b"# Titel\n\n" + b">" * 10_000 + b" diep\n",
        "content/nl/index.md:3: lists or block quotes nested",
        ALL,
    ),
    "unterminated-front-matter": (
        "content/nl/index.md",
        lambda _: b"---\ntitle: Winkel\n\n# Titel\n",
        "content/nl/index.md:1: front matter opened with '---' is never closed",
        ALL,
    ),
    "unterminated-code-fence": (
        "content/en/index.md",
        lambda _: b"# Title\n\nText.\n\n```bash\nbin/magento setup:upgrade\n\nMore text.\n",
        "content/en/index.md:5: code fence opened with '```' is never closed",
        ALL,
    ),
    "unterminated-fence-in-list": (
        "content/nl/index.md",
        lambda _: b"# Titel\n\n- stap\n\n  ~~~\n  code\n- volgende\n",
        "content/nl/index.md:5: code fence opened with '~~~' is never closed",
        ALL,
    ),
    "invalid-yaml": (
        "content/en/index.md",
        lambda _: b"---\ntitle: ok\ndescription: [oops\n---\n# T\n",
        "content/en/index.md:",
        ALL,
    ),
    "yaml-nested-too-deep": (  # libyaml's composer would overflow the C stack
        "content/en/index.md",
        lambda _: b"---\ntitle: x\nk: " + b"[" * 100_000 + b"]" * 100_000 + b"\n---\n# T\n",
        # our own guard, or libyaml's own limit (PyYAML >= 6.0.4) when it fires first
        "content/en/index.md:3: ",
        ALL,
    ),
    "yaml-not-a-mapping": (
        "content/nl/index.md",
        lambda _: b"---\n- a\n- b\n---\n# T\n",
        "content/nl/index.md:2: front matter must be a YAML mapping",
        ALL,
    ),
    "po-truncated-mid-msgstr": (
        INDEX_PO,
        _truncate_mid_msgstr,
        f"{INDEX_PO}:",
        ALL,
    ),
    "po-duplicate-entry": (
        INDEX_PO,
        _duplicate_entry,
        f"{INDEX_PO}:",
        ALL,
    ),
    "po-dangling-keyword": (
        INDEX_PO,
        _dangling_keyword,
        f"{INDEX_PO}:",
        ALL,
    ),
    "po-not-utf8": (
        INDEX_PO,
        lambda po: (po or b"") + b'\nmsgid "x"\nmsgstr "\xff"\n',
        f"{INDEX_PO}:",
        ALL,
    ),
    "po-unknown-charset": (
        INDEX_PO,
        lambda po: (po or b"").replace(b"charset=utf-8", b"charset=no-such-codec"),
        f"{INDEX_PO}:14: cannot parse catalogue",
        ALL,
    ),
    "translation-without-source": (
        "content/nl/extra/new.md",
        lambda _: b"# Nieuw\n",
        "content/nl/extra/new.md:1: translation has no source",
        ALL,
    ),
    "tbx-billion-laughs": (TBX, lambda _: BILLION_LAUGHS, "", ("check",)),
    "tbx-external-entity": (TBX, lambda _: EXTERNAL_ENTITY, "", ("check",)),
    "tbx-doctype": (TBX, lambda _: DOCTYPE_ONLY, "", ("check",)),
}

PARAMS = [
    pytest.param(case, command, id=f"{case}-{command}")
    for case, (_, _, _, commands) in sorted(CASES.items())
    for command in commands
]


def without_cache(files: dict[str, bytes]) -> dict[str, bytes]:
    """The check engine's SQLite cache (``.cache/``) is not project content."""
    return {rel: data for rel, data in files.items() if not rel.startswith(".cache/")}


def run(root: Path, command: str) -> int:
    extra = ["--skip-languagetool", "--color", "never"] if command == "check" else []
    return main([command, "--root", str(root), "-q", *extra])


@pytest.fixture
def built(tree: Path) -> Path:
    """The fixture tree after a successful extract and build."""
    assert run(tree, "extract") == 0
    assert run(tree, "build") == 0
    return tree


@pytest.mark.parametrize(("case", "command"), PARAMS)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    built: Path, case: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rel, mutate, message, _ = CASES[case]
    target = built / rel
    old = target.read_bytes() if target.is_file() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(mutate(old))
    before = snapshot(built)
    capsys.readouterr()
    assert run(built, command) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    line = err.strip()
    assert line.startswith("locqa: error: "), line
    if rel == TBX:  # the termbase is named by its full path
        assert re.match(r"locqa: error: \S*en-nl\.tbx:2: ", line), line
    else:
        assert line.startswith(f"locqa: error: {message}"), line
        assert re.match(r"locqa: error: \S+:\d+: \S", line), line  # path:line: message
    assert without_cache(snapshot(built)) == without_cache(before)


# ------------------------------------------------------------------ markdown guards


def test_nesting_below_the_limit_round_trips_and_loses_nothing() -> None:
    """markdown-it drops everything after its own nesting limit without a word; below our
    limit every list level is extracted and the text after the list is not lost."""

    def nested(depth: int) -> str:
        return "".join("  " * i + f"- item {i}\n" for i in range(depth)) + "\nAfter the list.\n"

    depth = MAX_BLOCK_LEVEL // 2  # two levels per list
    doc = parse_document(nested(depth), "deep.md")
    assert [s.text for s in doc.segments] == [f"item {i}" for i in range(depth)] + [
        "After the list."
    ]
    new = {i: f"punt {i}" for i in range(len(doc.segments))}
    assert parse_document(markdown.splice(doc, new)).segments[-1].text == f"punt {depth}"
    with pytest.raises(InputError) as info:
        parse_document(nested(depth + 1), "deeper.md")
    assert info.value.line == depth + 1


@pytest.mark.parametrize(
    "text",
    [
        "```\ncode\n```",  # closing line without a newline at the end of the file
        "````\n```\nstill code\n````\n",  # a shorter fence inside a longer one
        "- item\n\n  ```js\n  x = 1;\n  ```\n",
        "> ```\n> quoted\n> ```\n",
        "~~~\n\n\n~~~\n",
    ],
)
def test_closed_fences_are_accepted(text: str) -> None:
    parse_document(text, "ok.md")


@pytest.mark.parametrize(
    ("text", "line"),
    [("```", 1), ("# T\n\n```\n", 3), ("````\ncode\n```\n", 1), ("> ```\n> x\n\nafter\n", 1)],
)
def test_unclosed_fences_are_refused_with_the_opening_line(text: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_document(text, "bad.md")
    assert info.value.line == line
    assert "never closed" in info.value.message


def test_size_limit_is_checked_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"\xff" * (MAX_ARTICLE_BYTES + 1))  # not UTF-8 either: size wins
    with pytest.raises(InputError) as info:
        read_document(path, display="big.md")
    assert (info.value.path, info.value.line) == ("big.md", 1)
    path.write_bytes(b"a" * MAX_ARTICLE_BYTES)
    read_document(path)  # exactly at the limit: accepted


# ------------------------------------------------------------------ catalogue guards


def _po(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "x.po"
    path.write_bytes(data)
    return path


HEADER = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("body", "line", "text"),
    [
        (b'msgid "a"\nmsgstr "b', 6, "not terminated"),
        (b'msgid "a"\nmsgstr ""\n"first line\\n"\n"second', 8, "not terminated"),
        (b'msgid "a"\nmsgstr "b" trailing\n', 6, "not terminated"),
        (b'msgid "a"\nmsgstr "b"\nnonsense\n', 7, "unexpected text"),
        (b'msgid "a"\n', 5, "missing msgstr"),
        (b'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 8, "duplicate entry"),
        (
            b'msgctxt "k"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "k"\nmsgid "a"\nmsgstr "c"\n',
            9,
            "duplicate entry",
        ),
    ],
)
def test_malformed_catalogue_names_the_line(
    tmp_path: Path, body: bytes, line: int, text: str
) -> None:
    with pytest.raises(InputError) as info:
        read_catalog(_po(tmp_path, HEADER + body), "nl", "x.po")
    assert info.value.path == "x.po"
    assert info.value.line == line, info.value
    assert text in info.value.message


def test_same_msgid_in_different_contexts_is_not_a_duplicate(tmp_path: Path) -> None:
    data = HEADER + b'msgid "a"\nmsgstr "b"\n\nmsgctxt "variant 2"\nmsgid "a"\nmsgstr "c"\n'
    catalog = read_catalog(_po(tmp_path, data), "nl")
    assert sorted((m.context or "", m.string) for m in catalog if m.id) == [
        ("", "b"),
        ("variant 2", "c"),
    ]


def test_obsolete_duplicates_are_tolerated_like_gettext(tmp_path: Path) -> None:
    data = HEADER + b'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "old"\n'
    read_catalog(_po(tmp_path, data), "nl")


def test_babel_silently_merges_duplicates_so_we_check(tmp_path: Path) -> None:
    """Documents why :func:`check_duplicates` exists: Babel keeps only one of them."""
    data = HEADER + b'msgid "a"\nmsgstr "first"\n\nmsgid "a"\nmsgstr "second"\n'
    merged = read_po(io.BytesIO(data))
    assert len([m for m in merged if m.id]) == 1
    assert len([e for e in polib.pofile(data.decode()) if e.msgid == "a"]) == 2


def test_syntax_check_accepts_what_babel_writes(built: Path) -> None:
    for path in (built / "locales").rglob("*.po*"):
        text = path.read_text(encoding="utf-8")
        check_po_syntax(text, str(path))
        catalog = read_catalog(path, None)
        check_po_syntax(serialize(catalog).decode("utf-8"), str(path))


@pytest.mark.parametrize(
    "line",
    [
        'msgid "a \\"quoted\\" word"',
        'msgstr[1] "x"',
        'msgid_plural "xs"',
        '"continued" "twice"',
        '#~ msgid "obsolete',  # obsolete entries are comments to the lexical check
        '#| msgid "previous',
        "   ",
        "",
    ],
)
def test_syntax_check_accepts_valid_lines(line: str) -> None:
    check_po_syntax(line + "\n", "x.po")
