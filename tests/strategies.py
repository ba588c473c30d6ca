"""Hypothesis strategies that generate documentation-style Markdown."""

from __future__ import annotations

from hypothesis import strategies as st

WORD = st.text(alphabet="abcdeéëfghijklmnopqrstuvwxyzABCZ0123456789ÄøßçĳЖ中", min_size=1, max_size=8)
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
            word = f"[{word}](https://example.com/{draw(WORD)} \"T {word}\")"
        elif kind == 4:
            word = f"[!UICONTROL {word}]"
        out.append(word + draw(PUNCT))
    text = " ".join(out)
    return text + draw(st.sampled_from(["", " ", "  ", "\t"]))


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> list[str]:
    kind = draw(st.integers(0, 9 if depth == 0 else 2))
    if kind == 0:
        return [f"{'#' * draw(st.integers(1, 6))} {draw(inline())}" + draw(st.sampled_from(["", " {#anchor-1}"]))]
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
        rows = [[draw(inline()).strip().replace("|", "\\|") for _ in range(cols)] for _ in range(draw(st.integers(1, 3)))]
        out = ["| " + " | ".join(r) + " |" for r in rows]
        return [out[0], "|" + "---|" * cols, *out[1:]]
    if kind == 4:
        note = draw(st.sampled_from(["NOTE", "TIP", "IMPORTANT"]))
        return [f">[!{note}]", ">", *[f">{draw(inline())}" for _ in range(draw(st.integers(1, 2)))]]
    if kind == 5:
        return ["<div class=\"x\">", f"  <p>{draw(WORD)}</p>", "</div>"]
    if kind == 6:
        return ["```js", f"const {draw(WORD)} = 1;", "```"]
    if kind == 7:
        return [f"![{draw(WORD)}](img/{draw(WORD)}.png)" + draw(st.sampled_from(["", '{width="300"}']))]
    if kind == 8:
        return ["{{$include /help/_includes/" + draw(WORD) + ".md}}"]
    return [f"\t{draw(inline())}"]


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[str] = []
    if draw(st.booleans()):
        title = draw(inline()).strip().replace("'", "''")
        lines += ["---", f"title: '{title}'", f"description: {draw(WORD)} {draw(WORD)}", "exl-id: 1234-abcd", "---"]
    for _ in range(draw(st.integers(1, 6))):
        lines += draw(block())
        lines.append("")
    text = eol.join(lines) + draw(st.sampled_from(["", eol, eol + eol]))
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text
