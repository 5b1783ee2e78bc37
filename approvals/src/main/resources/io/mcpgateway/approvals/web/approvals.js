// MCP Gateway approvals page: live updates over SSE, local times, keyboard shortcuts.
// Everything works without this script (plain links and forms); it only adds convenience.
(function () {
  "use strict";

  var body = document.body;
  var page = body.getAttribute("data-page");

  function localTimes(root) {
    var rtf = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }) : null;
    root.querySelectorAll("time[datetime]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (isNaN(d)) { return; }
      t.title = d.toISOString();
      var text = d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
      if (rtf) {
        var minutes = Math.round((d.getTime() - Date.now()) / 60000);
        var rel = Math.abs(minutes) < 60 ? rtf.format(minutes, "minute")
          : Math.abs(minutes) < 1440 ? rtf.format(Math.round(minutes / 60), "hour")
          : rtf.format(Math.round(minutes / 1440), "day");
        text += " (" + rel + ")";
      }
      t.textContent = text;
    });
  }

  function announce(text) {
    var live = document.getElementById("announce");
    if (live) { live.textContent = text; }
  }

  function refreshRows(changedId) {
    var tbody = document.getElementById("rows");
    if (!tbody) { return; }
    var before = {};
    tbody.querySelectorAll("tr[data-id]").forEach(function (tr) { before[tr.getAttribute("data-id")] = true; });
    fetch("/approvals/rows" + window.location.search, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.text(); })
      .then(function (html) {
        tbody.innerHTML = html;
        var added = [];
        tbody.querySelectorAll("tr[data-id]").forEach(function (tr) {
          var id = tr.getAttribute("data-id");
          if (!before[id] || id === changedId) { tr.classList.add("fresh"); }
          if (!before[id]) { added.push(tr.getAttribute("data-summary") || id); }
        });
        var count = tbody.querySelectorAll("tr[data-id]").length;
        var empty = document.getElementById("empty");
        if (empty) { empty.hidden = count > 0; }
        localTimes(tbody);
        if (added.length) { announce("New approval request: " + added.join("; ")); }
      })
      .catch(function () { announce("Could not refresh the list; reload the page."); });
  }

  function changedHere(id) {
    var comment = document.getElementById("comment");
    var busy = comment && (comment.value.trim() !== "" || document.activeElement === comment);
    if (!busy) { window.location.reload(); return; }
    var banner = document.getElementById("changed");
    if (banner) { banner.hidden = false; }
    announce("Request " + id + " changed; reload to see it.");
  }

  function listen() {
    if (!window.EventSource) { return; }
    var indicator = document.getElementById("live");
    var source = new EventSource("/approvals/events");
    source.addEventListener("open", function () { if (indicator) { indicator.classList.add("on"); indicator.textContent = "Live"; } });
    source.addEventListener("error", function () { if (indicator) { indicator.classList.remove("on"); indicator.textContent = "Reconnecting"; } });
    source.addEventListener("change", function (e) {
      var data;
      try { data = JSON.parse(e.data); } catch (err) { return; }
      if (page === "list") { refreshRows(data.id); }
      if (page === "detail" && data.id === body.getAttribute("data-id")) { changedHere(data.id); }
    });
  }

  function keyboard() {
    document.addEventListener("keydown", function (e) {
      var tag = (e.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) { return; }
      if (e.key === "/" && page === "list") {
        var first = document.querySelector("form.filters select, form.filters input");
        if (first) { e.preventDefault(); first.focus(); }
      } else if ((e.key === "j" || e.key === "k") && page === "list") {
        var links = Array.prototype.slice.call(document.querySelectorAll("#rows td.id a"));
        if (!links.length) { return; }
        var at = links.indexOf(document.activeElement);
        var next = e.key === "j" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
        links[at < 0 ? 0 : next].focus();
        e.preventDefault();
      } else if (e.key === "c" && page === "detail") {
        var comment = document.getElementById("comment");
        if (comment) { e.preventDefault(); comment.focus(); }
      } else if (e.key === "g" && page === "detail") {
        window.location.href = "/approvals";
      }
    });
  }

  function denyNeedsReason() {
    var form = document.getElementById("decide");
    if (!form) { return; }
    form.addEventListener("submit", function (e) {
      var submitter = e.submitter;
      var comment = document.getElementById("comment");
      if (submitter && submitter.value === "deny" && comment && comment.value.trim() === "") {
        e.preventDefault();
        var msg = document.getElementById("comment-hint");
        if (msg) { msg.textContent = "A denial needs a reason: the requester and the agent see it."; }
        comment.focus();
      }
    });
  }

  localTimes(document);
  listen();
  keyboard();
  denyNeedsReason();
})();
