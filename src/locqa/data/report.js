// locqa report filters. Only toggles `hidden` and classes; never writes HTML.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-f]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.seg"));
  var counters = Array.prototype.slice.call(document.querySelectorAll(".visible-count"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.article"));
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".toc a"));
  var status = document.getElementById("status");

  function checkedValues(name) {
    var values = new Set();
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (box.name === name && box.checked) {
        values.add(box.value);
      }
    });
    return values;
  }

  function apply() {
    var severities = checkedValues("severity");
    var checks = checkedValues("check");
    var statuses = checkedValues("status");
    var byStatus = form.querySelector("input[name=status]") !== null;
    var only = form.querySelector("input[name=only]").checked;
    var visible = new Set();
    findings.forEach(function (item) {
      var on = severities.has(item.dataset.sev) && checks.has(item.dataset.check) &&
        (!byStatus || statuses.has(item.dataset.status));
      item.hidden = !on;
      if (on) {
        visible.add(item.id);
      }
    });
    marks.forEach(function (mark) {
      var on = mark.dataset.f.split(" ").some(function (id) { return visible.has(id); });
      mark.classList.toggle("off", !on);
    });
    rows.forEach(function (row) {
      var flagged = row.querySelector("li.finding:not([hidden])") !== null;
      row.hidden = only && !flagged && row.dataset.changed !== "1";
    });
    sections.forEach(function (section) {
      if (section.querySelector("tr.seg") === null) {
        return;
      }
      var shown = section.querySelector("tr.seg:not([hidden]), li.finding:not([hidden])");
      section.hidden = only && shown === null;
    });
    tocLinks.forEach(function (link) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      link.parentElement.hidden = Boolean(target && target.hidden);
    });
    counters.forEach(function (counter) {
      var section = document.getElementById(counter.dataset.for);
      var shown = section ? section.querySelectorAll("li.finding:not([hidden])").length : 0;
      var total = section ? section.querySelectorAll("li.finding").length : 0;
      counter.textContent = total ? "Showing " + shown + " of " + total + " findings." : "";
    });
    status.textContent = "Showing " + visible.size + " of " + findings.length + " findings";
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelectorAll("button[data-all], button[data-none]").forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.dataset.all || button.dataset.none;
      var state = Boolean(button.dataset.all);
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (box.name === name) {
          box.checked = state;
        }
      });
      apply();
    });
  });
  apply();
})();
