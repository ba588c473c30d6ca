// locqa review --web: the page. Our own script, no library. Every text from the articles
// goes into the page through textContent (never innerHTML), so it stays text.
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  const state = {
    data: null, // GET /api/state
    current: null, // id of the card with the keyboard focus
    filters: { article: "", check: "", severity: "", state: "todo" },
    mode: {}, // card id -> "edit" | "approve"
    notices: {}, // card id -> {kind, text}
    drafts: {}, // card id -> edited text
    previews: {}, // card id -> findings of the draft
    kept: new Set(), // cards decided since the filters last changed: they stay in view
    busy: new Set(), // cards with a request in flight: no second one (double submit)
    status: "", // what the last action did
    statusBad: false, // it failed
  };

  // ------------------------------------------------------------------ helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function api(method, path, body) {
    const options = { method, headers: {}, credentials: "same-origin" };
    if (method !== "GET") {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = csrf;
      options.body = JSON.stringify(body || {});
    }
    const response = await fetch(path, options);
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = { error: "the server's answer was not JSON (" + response.status + ")" };
    }
    return { status: response.status, data };
  }

  // The text with the findings' spans marked: <mark> per run of characters covered by the
  // same findings, its title the findings' codes and messages.
  function marked(text, findings) {
    const cuts = new Set([0, text.length]);
    const spans = findings.filter(
      (f) => f.start !== null && f.end !== null && f.start <= f.end && f.end <= text.length
    );
    for (const f of spans) {
      cuts.add(f.start);
      cuts.add(f.end);
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const out = el("span", { class: "text" });
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = text.slice(a, b);
      const covering = spans.filter((f) => f.start <= a && b <= f.end && f.start < f.end);
      if (!covering.length) {
        out.append(piece);
        continue;
      }
      const worst = covering.some((f) => f.severity === "error")
        ? "error"
        : covering.some((f) => f.severity === "warning")
          ? "warning"
          : "info";
      const title = covering.map((f) => f.check + ": " + f.message).join("\n");
      out.append(el("mark", { class: "sev-" + worst, title }, piece));
    }
    return out;
  }

  // The result of a suggestion: the replaced part highlighted.
  function result(text, start, end) {
    return el(
      "span",
      { class: "text" },
      text.slice(0, start),
      el("ins", {}, text.slice(start, end)),
      text.slice(end)
    );
  }

  // ------------------------------------------------------------------ filtering

  const TODO = new Set(["open", "skipped"]);

  function visible(card) {
    const f = state.filters;
    if (state.kept.has(card.id)) return true;
    if (f.article && card.article !== f.article) return false;
    // what the entry was flagged for, also once it is decided
    if (f.check && !card.codes.includes(f.check)) return false;
    if (f.severity && !card.severities.includes(f.severity)) return false;
    if (f.state === "todo") return TODO.has(card.state);
    if (f.state === "decided") return !TODO.has(card.state);
    if (f.state && f.state !== "all") return card.state === f.state;
    return true;
  }

  function shown() {
    return state.data ? state.data.cards.filter(visible) : [];
  }

  // ------------------------------------------------------------------ rendering

  function select(id, label, name, options) {
    const node = el("select", {
      id,
      "aria-label": label,
      onchange: (event) => {
        state.filters[name] = event.target.value;
        state.kept.clear();
        render();
      },
    });
    for (const [value, text] of options) {
      node.append(el("option", { value, selected: state.filters[name] === value }, text));
    }
    return el("label", {}, label + " ", node);
  }

  function toolbar() {
    const cards = state.data.cards;
    const checks = Array.from(new Set(cards.flatMap((c) => c.codes)));
    checks.sort();
    const progress = state.data.progress;
    const percent = progress.total ? Math.round((100 * progress.reviewed) / progress.total) : 100;
    return el(
      "header",
      { id: "toolbar" },
      el("h1", {}, "locqa review"),
      el(
        "div",
        { id: "progress", role: "status" },
        el("span", { id: "progress-text" }, `${progress.reviewed} of ${progress.total} reviewed`),
        el("progress", { max: progress.total || 1, value: progress.reviewed })
      ),
      el(
        "div",
        { id: "filters" },
        select("filter-article", "Article", "article", [
          ["", "all articles"],
          ...state.data.articles.map((a) => [a.name, `${a.name} (${a.open})`]),
        ]),
        select("filter-check", "Check", "check", [["", "all checks"], ...checks.map((c) => [c, c])]),
        select("filter-severity", "Severity", "severity", [
          ["", "all severities"],
          ["error", "error"],
          ["warning", "warning"],
          ["info", "info"],
        ]),
        select("filter-state", "State", "state", [
          ["todo", "to review"],
          ["open", "open"],
          ["skipped", "skipped"],
          ["decided", "decided"],
          ["all", "all"],
        ])
      ),
      el("p", { id: "status", role: "status", class: state.statusBad ? "bad" : null }, state.status),
      el(
        "p",
        { id: "keys" },
        "Keys: j/k next/previous · 1–9 accept suggestion · a accept all · e edit · " +
          "p approve · s skip · in the editor Ctrl+Enter save, Alt+Enter check, Esc cancel" +
          ` (${percent} % done)`
      )
    );
  }

  function articleList() {
    const list = el("ul", {});
    for (const article of state.data.articles) {
      list.append(
        el(
          "li",
          {},
          el(
            "button",
            {
              class: "article" + (state.filters.article === article.name ? " chosen" : ""),
              type: "button",
              "data-article": article.name,
              onclick: () => {
                state.filters.article = state.filters.article === article.name ? "" : article.name;
                state.kept.clear();
                render();
              },
            },
            article.name,
            el("span", { class: "count", title: "open findings' entries" }, String(article.open))
          )
        )
      );
    }
    return el("nav", { id: "articles", "aria-label": "Articles" }, el("h2", {}, "Articles"), list);
  }

  function findingList(card, findings) {
    const list = el("ul", { class: "findings" });
    for (const f of findings) {
      const span =
        f.start !== null && f.end !== null
          ? el("q", { class: "span" }, card.msgstr.slice(f.start, f.end))
          : null;
      list.append(
        el(
          "li",
          { class: "finding sev-" + f.severity },
          el("code", { class: "check" }, f.check),
          el("span", { class: "severity" }, f.severity),
          el("span", { class: "message" }, f.message),
          span,
          f.number ? el("span", { class: "ref" }, `→ suggestion ${f.number}`) : null
        )
      );
    }
    return list;
  }

  function suggestionList(card) {
    const box = el("div", { class: "suggestions" });
    for (const s of card.suggestions) {
      const replaced = card.msgstr.slice(s.start, s.end);
      box.append(
        el(
          "div",
          { class: "suggestion", "data-number": s.number },
          el(
            "button",
            {
              type: "button",
              class: "accept",
              "data-number": s.number,
              onclick: () => accept(card, [s.number]),
            },
            `Accept ${s.number}`
          ),
          el("code", { class: "check" }, s.check),
          el("span", { class: "safety" }, s.safety + (s.caveat ? ", " + s.caveat : "")),
          el("del", {}, replaced),
          " → ",
          el("ins", {}, s.replacement || "(delete)"),
          el("div", { class: "result" }, result(s.result, s.start, s.result_end))
        )
      );
    }
    if (card.accept_all && card.suggestions.length > 1) {
      box.append(
        el(
          "div",
          { class: "suggestion all" },
          el(
            "button",
            { type: "button", class: "accept-all", onclick: () => accept(card, []) },
            "Accept all"
          ),
          el("div", { class: "result" }, card.all_result || "")
        )
      );
    }
    return box;
  }

  function editor(card) {
    const area = el("textarea", {
      class: "edit-text",
      rows: Math.min(12, 2 + Math.ceil(card.msgstr.length / 90)),
      "aria-label": "New translation",
      oninput: (event) => {
        state.drafts[card.id] = event.target.value;
        delete state.previews[card.id];
      },
      onkeydown: (event) => editorKeys(event, card),
    });
    area.value = card.id in state.drafts ? state.drafts[card.id] : card.msgstr;
    const preview = state.previews[card.id];
    return el(
      "div",
      { class: "editor" },
      area,
      el(
        "div",
        { class: "buttons" },
        el("button", { type: "button", class: "check-edit", onclick: () => check(card) }, "Check"),
        el("button", { type: "button", class: "save-edit", onclick: () => save(card) }, "Save"),
        el("button", { type: "button", class: "cancel", onclick: () => cancel(card) }, "Cancel")
      ),
      preview
        ? el(
            "div",
            { class: "preview" },
            preview.length
              ? el("p", {}, `The checks find ${preview.length} finding(s) in the edited text:`)
              : el("p", { class: "clean" }, "The checks find nothing in the edited text."),
            findingList({ msgstr: state.drafts[card.id] || card.msgstr }, preview)
          )
        : null
    );
  }

  function approver(card) {
    const input = el("input", {
      type: "text",
      class: "comment",
      placeholder: "why it is right (optional)",
      "aria-label": "Comment",
      onkeydown: (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          approve(card, input.value);
        } else if (event.key === "Escape") {
          event.preventDefault();
          cancel(card);
        }
      },
    });
    const codes = Array.from(new Set(card.findings.map((f) => f.check))).join(", ");
    return el(
      "div",
      { class: "approver" },
      el("p", {}, `Approve as it is, overriding ${codes || "no finding"}.`),
      input,
      el(
        "button",
        { type: "button", class: "confirm-approve", onclick: () => approve(card, input.value) },
        "Approve"
      ),
      el("button", { type: "button", class: "cancel", onclick: () => cancel(card) }, "Cancel")
    );
  }

  function context(label, near) {
    if (!near) return null;
    return el(
      "div",
      { class: "context" },
      el("span", { class: "label" }, label),
      el("span", { class: "text" }, near.source),
      " → ",
      el("span", { class: "text" }, near.msgstr)
    );
  }

  function cardNode(card) {
    const notice = state.notices[card.id];
    const mode = state.mode[card.id];
    const open = TODO.has(card.state);
    const node = el(
      "article",
      {
        class: "card state-" + card.state + (state.current === card.id ? " current" : ""),
        id: "card-" + card.id,
        "data-id": card.id,
        tabindex: "-1",
        onclick: () => {
          if (state.current !== card.id) focus(card.id, false);
        },
      },
      el(
        "header",
        {},
        el("span", { class: "where" }, `${card.path}:${card.line}`),
        card.msgctxt ? el("span", { class: "msgctxt" }, card.msgctxt) : null,
        el("span", { class: "badge state" }, card.state),
        card.comment ? el("span", { class: "comment-shown" }, card.comment) : null
      ),
      context("before", card.before),
      el(
        "div",
        { class: "pair" },
        el("div", { class: "source" }, el("h3", {}, "English"), el("span", { class: "text" }, card.source)),
        el(
          "div",
          { class: "target" },
          el("h3", {}, "Translation"),
          marked(card.msgstr, card.findings),
          card.mt !== card.msgstr ? el("div", { class: "mt" }, "MT: ", el("span", { class: "text" }, card.mt)) : null
        )
      ),
      context("after", card.after),
      notice ? el("div", { class: "notice " + notice.kind, role: "alert" }, notice.text) : null,
      card.findings.length ? findingList(card, card.findings) : null,
      open && card.suggestions.length ? suggestionList(card) : null,
      open && mode === "edit" ? editor(card) : null,
      open && mode === "approve" ? approver(card) : null,
      open && !mode
        ? el(
            "div",
            { class: "actions" },
            el("button", { type: "button", class: "edit", onclick: () => startEdit(card) }, "Edit"),
            el("button", { type: "button", class: "approve", onclick: () => startApprove(card) }, "Approve"),
            el("button", { type: "button", class: "skip", onclick: () => skip(card) }, "Skip")
          )
        : null
    );
    return node;
  }

  function render() {
    if (!state.data) return;
    const cards = shown();
    if (!cards.some((c) => c.id === state.current)) state.current = cards.length ? cards[0].id : null;
    const main = el("main", { id: "cards" });
    if (!cards.length) main.append(el("p", { id: "empty" }, "No entry to review with these filters."));
    for (const card of cards) main.append(cardNode(card));
    document.body.replaceChildren(toolbar(), el("div", { id: "layout" }, articleList(), main));
    const node = state.current && document.getElementById("card-" + state.current);
    if (node) {
      const field = node.querySelector("textarea, input.comment");
      if (field) field.focus();
    }
  }

  function focus(id, scroll) {
    state.current = id;
    for (const node of document.querySelectorAll("article.card")) {
      node.classList.toggle("current", node.dataset.id === id);
    }
    const node = document.getElementById("card-" + id);
    if (node && scroll) node.scrollIntoView({ block: "nearest" });
  }

  // ------------------------------------------------------------------ actions

  async function load() {
    const { status, data } = await api("GET", "/api/state");
    if (status !== 200) {
      document.body.replaceChildren(el("p", { class: "notice error" }, data.error || "error"));
      return;
    }
    state.data = data;
    render();
  }

  function replaceCard(card) {
    const index = state.data.cards.findIndex((c) => c.id === card.id);
    if (index >= 0) state.data.cards[index] = card;
  }

  // After a decision: the next entry to review becomes current, and the whole state is read
  // again (a decision may have approved identical entries elsewhere).
  async function decided(card, response) {
    const { status, data } = response;
    if (status !== 409) delete state.mode[card.id];
    if (status === 200) {
      delete state.drafts[card.id];
      delete state.previews[card.id];
      const saved = data.saved;
      const parts = [];
      if (saved) {
        parts.push(`Saved (${saved.decision}).`);
        if (saved.twins) parts.push(`Also applied to ${saved.twins} identical entr(y/ies).`);
        if (saved.left) parts.push(`${saved.left} finding(s) left, so the entry stays open.`);
      }
      state.notices[card.id] = { kind: "saved", text: parts.join(" ") || "Skipped." };
      state.status = `${card.path}:${card.line}: ${state.notices[card.id].text}`;
      state.statusBad = false;
      const order = shown().map((c) => c.id);
      const next = order[order.indexOf(card.id) + 1] || null;
      state.kept.add(card.id);
      replaceCard(data);
      if ((data.state === "skipped" || !TODO.has(data.state)) && next) state.current = next;
    } else if (status === 409) {
      // the card now shows the current text; an edit stays open with the reviewer's text,
      // to save again on top of the current version or to cancel
      replaceCard(data.card);
      const mine = state.drafts[card.id];
      const kept = mine !== undefined && mine !== data.card.msgstr ? ` Your text was: ${mine}` : "";
      state.notices[card.id] = { kind: "stale", text: data.error + "." + kept };
      if (state.mode[card.id] !== "edit") delete state.mode[card.id];
      state.status = `${card.path}:${card.line}: not saved (changed by someone else)`;
      state.statusBad = true;
    } else {
      state.notices[card.id] = { kind: "error", text: data.error || `error ${status}` };
      state.status = `${card.path}:${card.line}: not saved`;
      state.statusBad = true;
    }
    const fresh = await api("GET", "/api/state");
    if (fresh.status === 200) state.data = fresh.data;
    render();
    if (state.current) focus(state.current, true);
  }

  // One request per card at a time: a double click or a repeated key does not send a
  // second decision made on the same (soon old) version.
  async function once(card, work) {
    if (state.busy.has(card.id)) return;
    state.busy.add(card.id);
    try {
      await work();
    } finally {
      state.busy.delete(card.id);
    }
  }

  function accept(card, numbers) {
    return once(card, async () =>
      decided(card, await api("POST", `/api/cards/${card.id}/accept`, { version: card.version, numbers }))
    );
  }

  function startEdit(card) {
    state.mode[card.id] = "edit";
    state.current = card.id;
    delete state.notices[card.id];
    render();
  }

  function startApprove(card) {
    state.mode[card.id] = "approve";
    state.current = card.id;
    delete state.notices[card.id];
    render();
  }

  function cancel(card) {
    delete state.mode[card.id];
    delete state.drafts[card.id];
    delete state.previews[card.id];
    render();
  }

  function draft(card) {
    return card.id in state.drafts ? state.drafts[card.id] : card.msgstr;
  }

  async function check(card) {
    const { status, data } = await api("POST", `/api/cards/${card.id}/preview`, { text: draft(card) });
    if (status === 200) state.previews[card.id] = data.findings;
    else state.notices[card.id] = { kind: "error", text: data.error || `error ${status}` };
    render();
  }

  function save(card) {
    return once(card, async () => {
      const text = draft(card);
      const response = await api("POST", `/api/cards/${card.id}/edit`, { version: card.version, text });
      if (response.status === 422) {
        state.notices[card.id] = { kind: "error", text: response.data.error };
        render();
        return;
      }
      await decided(card, response);
    });
  }

  function approve(card, comment) {
    return once(card, async () =>
      decided(card, await api("POST", `/api/cards/${card.id}/approve`, { version: card.version, comment }))
    );
  }

  function skip(card) {
    return once(card, async () => decided(card, await api("POST", `/api/cards/${card.id}/skip`, {})));
  }

  // ------------------------------------------------------------------ keyboard

  function editorKeys(event, card) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save(card);
    } else if (event.key === "Enter" && event.altKey) {
      event.preventDefault();
      check(card);
    } else if (event.key === "Escape") {
      event.preventDefault();
      cancel(card);
    }
  }

  function move(step) {
    const cards = shown();
    if (!cards.length) return;
    const index = cards.findIndex((c) => c.id === state.current);
    const next = cards[Math.max(0, Math.min(cards.length - 1, index + step))];
    focus(next.id, true);
  }

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) return;
    if (target instanceof HTMLSelectElement) return;
    if (event.ctrlKey || event.metaKey || event.altKey || !state.data) return;
    const card = state.data.cards.find((c) => c.id === state.current);
    const key = event.key;
    if (key === "j" || key === "ArrowDown") move(1);
    else if (key === "k" || key === "ArrowUp") move(-1);
    else if (!card || !TODO.has(card.state)) return;
    else if (/^[1-9]$/.test(key) && card.suggestions.some((s) => s.number === Number(key))) accept(card, [Number(key)]);
    else if (key === "a" && card.accept_all) accept(card, []);
    else if (key === "e") startEdit(card);
    else if (key === "p") startApprove(card);
    else if (key === "s") skip(card);
    else return;
    event.preventDefault();
  });

  load();
})();
