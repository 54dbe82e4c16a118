// The corpus page: search, the report's numbers and charts, and the speakers, over the store
// of `saywho serve --db`. Text from the store goes into the page as text only (common.js).
"use strict";

const $ = (id) => document.getElementById(id);
const GENDERS = ["female", "male", "unknown"];

/** The form's non-empty fields as a query string. */
function queryString(extra) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($("filters"))) if (String(value).trim()) params.set(key, value);
  for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
  return params.toString();
}

async function getJSON(path) {
  const response = await fetch(path);
  if (!response.ok) {
    const error = await errorOf(response);
    throw new Error(error.kind + ": " + error.message);
  }
  return response.json();
}

/** A link only for web addresses: a stored URL could be `javascript:`. */
function safeLink(url, text) {
  return /^https?:\/\//i.test(url || "") ? el("a", { href: url, rel: "noopener noreferrer", text }) : document.createTextNode(text);
}

function renderHits(hits) {
  const list = $("hits");
  clear(list);
  if (!hits.length) list.append(el("li", { class: "hint", text: "No quote matches." }));
  for (const h of hits) {
    const source = [h.title || h.doc_id, h.outlet, h.date].filter(Boolean).join(" · ");
    list.append(el("li", { class: "hit" },
      el("p", { class: "hit-text" },
        el("span", { class: "context", text: h.before ? "…" + h.before + " " : "" }),
        el("mark", { class: "q c0", text: h.quote }),
        el("span", { class: "context", text: h.after ? " " + h.after + "…" : "" })),
      el("p", { class: "hit-meta" },
        el("strong", { text: h.speaker || "speaker not found" }),
        h.speaker_gender ? " (" + h.speaker_gender + ")" : "",
        " · " + h.kind + (h.cue ? " · " + h.cue : "") + (h.channel ? " · " + h.channel : "") + " · ",
        safeLink(h.url, source))));
  }
}

/** A bar of `share` (0–1) of the full width. */
function bar(share, className) {
  const b = el("div", { class: "bar " + (className || "") });
  b.style.width = Math.max(0, Math.min(100, share * 100)).toFixed(1) + "%";
  return b;
}

/** A stacked bar of women, men and unknown. */
function genderBar(share) {
  const total = GENDERS.reduce((n, g) => n + (share[g] || 0), 0) || 1;
  const stack = el("div", { class: "stack", role: "img",
    "aria-label": GENDERS.map((g) => g + " " + Math.round(100 * (share[g] || 0) / total) + "%").join(", ") });
  for (const g of GENDERS) stack.append(bar((share[g] || 0) / total, "g-" + g));
  return stack;
}

function countTable(title, rows) {
  if (!rows || !rows.length) return null;
  const max = Math.max(...rows.map((r) => r.quotes)) || 1;
  return el("div", {}, el("h3", { text: title }), el("table", { class: "counts" },
    el("tbody", {}, rows.slice(0, 10).map((r) => el("tr", {},
      el("td", { text: r.name + (r.gender ? " (" + r.gender + ")" : "") }),
      el("td", { class: "num", text: r.quotes }),
      el("td", { class: "bar-cell" }, bar(r.quotes / max)))))));
}

function shareTable(title, groups) {
  if (!groups || !groups.length) return null;
  return el("div", {}, el("h3", { text: title }), el("table", { class: "counts" },
    el("tbody", {}, groups.map((g) => el("tr", {},
      el("td", { text: g.group }),
      el("td", { class: "bar-cell" }, genderBar(g.quotes)))))));
}

function renderReport(r) {
  const box = $("report");
  clear(box);
  box.append(
    el("p", {}, el("strong", { text: r.quotes }), " quotes in ", el("strong", { text: r.documents_with_quotes }),
      " of ", el("strong", { text: r.documents }), " documents" + (r.errors ? " (" + r.errors + " failed)" : "") + "."),
    el("h3", { text: "Women, men and unknown" }),
    el("p", { class: "hint", text: "By quotes:" }), genderBar(r.gender.quotes),
    el("p", { class: "hint", text: "By people:" }), genderBar(r.gender.people),
    el("ul", { class: "legend" }, GENDERS.map((g) => el("li", {}, el("span", { class: "swatch g-" + g, "aria-hidden": "true" }), " " + g))),
    countTable("Most quoted people", r.people),
    countTable("Most quoted organisations", r.organizations),
    // Most quotes name no channel; the table is about those that do.
    countTable("Channels", (r.channels || []).filter((c) => c.key !== "(none)").map((c) => Object.assign({}, c, { gender: null }))),
    shareTable("By outlet (quotes)", r.gender_by_outlet),
    shareTable("By month (quotes)", r.gender_by_month));
}

function renderSpeakers(speakers) {
  const table = $("speakers-table");
  clear(table);
  table.append(el("thead", {}, el("tr", {}, ["name", "type", "gender", "quotes", "documents", "also named"].map((h) => el("th", { text: h })))));
  table.append(el("tbody", {}, speakers.map((s) => el("tr", {},
    el("td", {}, el("button", { type: "button", class: "link", onclick: () => chooseSpeaker(s.key) }, s.name)),
    el("td", { text: s.type }), el("td", { text: s.gender }),
    el("td", { class: "num", text: s.quotes }), el("td", { class: "num", text: s.documents }),
    el("td", { text: (s.names || []).filter((n) => n !== s.name).slice(0, 4).join(", ") })))));
}

function chooseSpeaker(key) {
  $("filters").elements.speaker.value = key;
  load();
}

async function load() {
  $("status").textContent = "Searching…";
  $("status").classList.remove("error");
  try {
    const [search, report, speakers] = await Promise.all([
      getJSON("/v1/search?" + queryString({ limit: 50 })),
      getJSON("/v1/report?" + queryString()),
      getJSON("/v1/speakers?" + queryString({ limit: 30 })),
    ]);
    renderHits(search.hits);
    renderReport(report);
    renderSpeakers(speakers.speakers);
    $("status").textContent = search.hits.length + " quotes shown.";
  } catch (e) {
    $("status").textContent = e.message;
    $("status").classList.add("error");
  }
}

$("filters").addEventListener("submit", (e) => { e.preventDefault(); load(); });
load();
