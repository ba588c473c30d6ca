"""Hypothesis strategies that generate documentation-style Markdown."""

from __future__ import annotations

from hypothesis import strategies as st

WORD = st.text(
    alphabet="abcdeéëfghijklmnopqrstuvwxyzABCZ0123456789ÄøßçĳЖ中", min_size=1, max_size=8
)
PUNCT = st.sampled_from(["", ",", ".", "!", "?", ":", " -", " &", " \\|", " 'x'", ' "q"'])


@st.composite
def inline(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=8))
    out = []
    for word in words:
        kind = draw(st.integers(0, 9))
        if kind == 0:
            word = f"**{word}**"
        elif kind == 1:
            word = f"*{word}*"
        elif kind == 2:
            word = f"`{word}`"
        elif kind == 3:
            word = f'[{word}](https://example.com/{draw(WORD)} "T {word}")'
        elif kind == 4:
            word = f"[!UICONTROL {word}]"
        out.append(word + draw(PUNCT))
    text = " ".join(out)
    return text + draw(st.sampled_from(["", " ", "  ", "\t"]))


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> list[str]:
    kind = draw(st.integers(0, 9 if depth == 0 else 2))
    if kind == 0:
        return [
            f"{'#' * draw(st.integers(1, 6))} {draw(inline())}"
            + draw(st.sampled_from(["", " {#anchor-1}"]))
        ]
    if kind == 1:
        return [draw(inline()) for _ in range(draw(st.integers(1, 3)))]
    if kind == 2:
        marker = draw(st.sampled_from(["-", "*", "1."]))
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            lines.append(f"{marker} {draw(inline())}")
            if depth < 2 and draw(st.booleans()):
                indent = " " * (len(marker) + 1)
                lines += [indent + line for line in draw(block(depth + 1)) if line]
        return lines
    if kind == 3:
        cols = draw(st.integers(1, 3))
        rows = [
            [draw(inline()).strip().replace("|", "\\|") for _ in range(cols)]
            for _ in range(draw(st.integers(1, 3)))
        ]
        out = ["| " + " | ".join(r) + " |" for r in rows]
        return [out[0], "|" + "---|" * cols, *out[1:]]
    if kind == 4:
        note = draw(st.sampled_from(["NOTE", "TIP", "IMPORTANT"]))
        return [f">[!{note}]", ">", *[f">{draw(inline())}" for _ in range(draw(st.integers(1, 2)))]]
    if kind == 5:
        return ['<div class="x">', f"  <p>{draw(WORD)}</p>", "</div>"]
    if kind == 6:
        return ["```js", f"const {draw(WORD)} = 1;", "```"]
    if kind == 7:
        return [
            f"![{draw(WORD)}](img/{draw(WORD)}.png)" + draw(st.sampled_from(["", '{width="300"}']))
        ]
    if kind == 8:
        return ["{{$include /help/_includes/" + draw(WORD) + ".md}}"]
    return [f"\t{draw(inline())}"]


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[str] = []
    if draw(st.booleans()):
        title = draw(inline()).strip().replace("'", "''")
        lines += [
            "---",
            f"title: '{title}'",
            f"description: {draw(WORD)} {draw(WORD)}",
            "exl-id: 1234-abcd",
            "---",
        ]
    for _ in range(draw(st.integers(1, 6))):
        lines += draw(block())
        lines.append("")
    text = eol.join(lines) + draw(st.sampled_from(["", eol, eol + eol]))
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


# --------------------------------------------------------------------------- richer documents
# Used by tests/test_properties.py and tests/fuzz: everything above plus what real docs and
# broken tools produce: mixed line endings, tabs, deeper and mixed lists, HTML blocks and
# comments left open at the end of the file, unmatched inline markup, scripts of every kind.

RICH_WORD = st.one_of(
    WORD,
    st.sampled_from(
        [
            "naïve",
            "e\u0301",
            "𝔘𝔫𝔦",
            "😀",
            "مرحبا",
            "שלום",
            "日本語",
            "a\u00a0b",
            "x\u200by",
            "Ǆ",
            "İ",
            "ß",
            "ﬁ",
            "\\*",
            "\\_",
            "&amp;",
            "&#169;",
            "<br>",
            "`",
            "*",
            "_",
            "[",
            "](",
            "<",
            "~~",
            "$x$",
            "\\",
        ]
    ),
)


@st.composite
def rich_inline(draw: st.DrawFn) -> str:
    words = draw(st.lists(RICH_WORD, min_size=1, max_size=6))
    text = " ".join(words)
    if draw(st.booleans()):
        text = draw(inline()).rstrip() + " " + text
    if not text.strip(" \t") or text.lstrip(" \t")[0] in "#>-+*=|0123456789`~<":
        text = "w " + text  # keep the line a paragraph line
    return text + draw(st.sampled_from(["", " ", "  ", "\t", " \t"]))


@st.composite
def rich_block(draw: st.DrawFn, depth: int = 0) -> list[str]:
    kind = draw(st.integers(0, 9))
    if kind == 0 and depth < 4:
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "1)", "10."]))
        indent = " " * (len(marker) + 1) if draw(st.integers(0, 3)) else "\t"
        if indent == "\t" and len(marker) > 3:
            indent = " " * (len(marker) + 1)
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            lines.append(f"{marker} {draw(rich_inline())}")
            if draw(st.booleans()):
                lines += [indent + line if line else line for line in draw(rich_block(depth + 1))]
        return lines
    if kind == 1:
        return ["<!-- " + draw(WORD), draw(rich_inline()), "-->"]
    if kind == 2:
        return [f"<table><tr><td>{draw(WORD)}</td></tr></table>"]
    if kind == 3:
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        return [
            "",
            fence + draw(st.sampled_from(["", "yaml", 'js title="x"'])),
            draw(rich_inline()),
            f"\t{draw(WORD)}",
            fence,
        ]
    if kind == 4:
        return [f"    {draw(WORD)} code", f"\t{draw(WORD)}"]
    if kind == 5:
        cols = draw(st.integers(1, 3))
        row = [draw(rich_inline()).strip().replace("|", "\\|") or "x" for _ in range(cols)]
        return ["|" + "|".join(f" {c} " for c in row) + "|", "|" + ":--|" * cols]
    if kind == 6:
        return [f"> {draw(rich_inline())}", f"> > {draw(rich_inline())}", f"lazy {draw(WORD)}"]
    if kind == 7:
        # (no pipe: "a \\| b" over "---" is a one-column table, not a heading)
        return [draw(rich_inline()).replace("|", "/"), "===" if draw(st.booleans()) else "---"]
    return draw(block())


@st.composite
def front_matter(draw: st.DrawFn) -> list[str]:
    title = draw(WORD)
    style = draw(st.integers(0, 4))
    if style == 0:
        value = f'"{title} \\"quoted\\" ü"'
    elif style == 1:
        value = f"'{title}: it''s'"
    elif style == 2:
        return ["---", "title: >-", f"  {title} folded", f"  second {draw(WORD)}", "---"]
    elif style == 3:
        return ["---", "description: |", f"  {title}", "  literal", "title: plain", "---"]
    else:
        value = f"{title} plain"
    return ["---", f"title: {value}", "keywords: [a, b]", "---"]


@st.composite
def rich_markdown_documents(draw: st.DrawFn) -> str:
    """Documents with BOM, CR/LF/CRLF (mixed), tabs, HTML, open constructs at EOF."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines += draw(front_matter())
        lines.append("")
    for _ in range(draw(st.integers(1, 5))):
        lines += draw(rich_block())
        lines.append("")
    tail = draw(st.integers(0, 4))  # something left open at the very end of the file
    if tail == 1:
        lines += ["<div>", draw(rich_inline())]
    elif tail == 2:
        lines += ["<!-- open comment", draw(rich_inline())]
    elif tail == 3:
        lines += ["| a | b |", "|---|---|", f"| {draw(WORD)} | *open `code"]
    eols = draw(st.sampled_from(["\n", "\r\n", "mixed"]))
    out = []
    for line in lines:
        eol = draw(st.sampled_from(["\n", "\r\n", "\r"])) if eols == "mixed" else eols
        out.append(line + eol)
    text = "".join(out)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no line break at the end of the file
    if draw(st.integers(0, 4)) == 0:
        text = "\ufeff" + text
    return text
