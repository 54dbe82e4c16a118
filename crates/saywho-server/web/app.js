// The article page: sends the pasted or dropped input to the API and shows each quote
// highlighted in its speaker's colour. Every piece of article text goes into the page through
// text nodes only (see common.js).
"use strict";

const PALETTE_SIZE = 8;
const $ = (id) => document.getElementById(id);

/** The current results: one entry per document, {record, text, error}. */
let results = [];
let current = 0;
let fileName = null;

/** Offsets from the API are Unicode code points; JS strings index UTF-16 code units. */
function codePointIndex(text) {
  const units = [];
  let u = 0;
  for (const ch of text) {
    units.push(u);
    u += ch.length;
  }
  units.push(u);
  return (cp) => units[Math.max(0, Math.min(cp, units.length - 1))];
}

/** How to read the input: the select's choice, or a guess from the file name and contents. */
function detectMode(source) {
  const chosen = $("mode").value;
  if (chosen !== "auto") return chosen;
  if (fileName) {
    if (/\.html?$/i.test(fileName)) return "html";
    if (/\.(jsonl|ndjson)$/i.test(fileName)) return "jsonl";
  }
  const head = source.trimStart().slice(0, 2000);
  if (/^</.test(head) && /<(!doctype|html|head|body|article|p|div)\b/i.test(head)) return "html";
  const lines = source.split("\n").filter((l) => l.trim());
  if (lines.length && lines.every((l) => {
    try {
      const v = JSON.parse(l);
      return v && typeof v === "object" && !Array.isArray(v);
    } catch (_) {
      return false;
    }
  })) return "jsonl";
  return "text";
}

function setStatus(message, isError) {
  const status = $("status");
  status.textContent = message;
  status.classList.toggle("error", Boolean(isError));
}

async function run() {
  const source = $("source").value;
  if (!source.trim()) {
    setStatus("Paste an article or open a file first.", true);
    $("source").focus();
    return;
  }
  const mode = detectMode(source);
  const id = fileName ? fileName.replace(/\.[^.]*$/, "") : "article";
  setStatus("Reading as " + (mode === "html" ? "an HTML page" : mode === "jsonl" ? "JSONL" : "text") + "…");
  $("run").disabled = true;
  try {
    if (mode === "jsonl") await runBatch(source);
    else await runOne(mode, source, id);
  } catch (e) {
    setStatus("The server could not be reached: " + e.message, true);
  } finally {
    $("run").disabled = false;
  }
}

async function runOne(mode, source, id) {
  const body = mode === "html" ? { html: source, id } : { text: source, id };
  const response = await fetch("/v1/extract", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const error = await errorOf(response);
    setStatus(error.kind + ": " + error.message, true);
    return;
  }
  const record = await response.json();
  show([{ record, text: record.text !== undefined ? record.text : source }]);
}

async function runBatch(source) {
  const lines = source.split("\n").filter((l) => l.trim());
  const response = await fetch("/v1/extract/batch", {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: lines.join("\n") + "\n",
  });
  if (!response.ok) {
    const error = await errorOf(response);
    setStatus(error.kind + ": " + error.message, true);
    return;
  }
  const out = (await response.text()).split("\n").filter((l) => l.trim());
  const docs = out.map((line, i) => {
    let record;
    try {
      record = JSON.parse(line);
    } catch (_) {
      return { error: { kind: "malformed_json", message: "unreadable answer line" }, record: { id: "line-" + (i + 1) } };
    }
    if (record.error) return { error: record.error, record };
    let text = record.text;
    if (text === undefined) {
      try {
        text = JSON.parse(lines[i]).text;
      } catch (_) { /* the server read it, so it parses */ }
    }
    return { record, text: text || "" };
  });
  show(docs);
}

/** Shows a set of documents, with a picker when there are several. */
function show(docs) {
  results = docs;
  current = 0;
  const picker = $("docs");
  clear(picker);
  docs.forEach((doc, i) => {
    const label = doc.error
      ? doc.record.id + " — " + doc.error.kind
      : doc.record.id + " — " + doc.record.quotes.length + " quotes";
    picker.append(el("option", { value: i, text: label }));
  });
  $("doc-picker").hidden = docs.length < 2;
  $("result").hidden = false;
  const failed = docs.filter((d) => d.error).length;
  const quotes = docs.reduce((n, d) => n + (d.error ? 0 : d.record.quotes.length), 0);
  setStatus(
    (docs.length > 1 ? docs.length + " documents, " : "") + quotes + (quotes === 1 ? " quote" : " quotes") + " found" +
      (failed ? ", " + failed + " failed" : "") + "."
  );
  render();
}

/** Colour index of each speaking entity, in order of first quote. */
function colours(record) {
  const colour = new Map();
  for (const q of record.quotes) {
    if (q.speaker && !colour.has(q.speaker.entity)) colour.set(q.speaker.entity, colour.size % PALETTE_SIZE);
  }
  return colour;
}

function render() {
  hideTip();
  const doc = results[current];
  const article = $("article");
  clear(article);
  clear($("speakers"));
  // A pasted text has no title; a batch's documents are told apart by their ids.
  $("doc-title").textContent = doc.record.title || (results.length > 1 ? doc.record.id : "");
  $("doc-title").hidden = !$("doc-title").textContent;
  const meta = doc.record;
  $("doc-meta").textContent = [meta.author, meta.date, meta.outlet, meta.url].filter(Boolean).join(" · ");
  $("doc-meta").hidden = !$("doc-meta").textContent;
  $("json").textContent = JSON.stringify(doc.record, null, 2);
  if (doc.error) {
    article.append(el("p", { class: "doc-error", text: doc.error.kind + ": " + doc.error.message }));
    return;
  }
  const colour = colours(doc.record);
  renderArticle(article, doc.text, doc.record, colour);
  renderSpeakers(doc.record, colour);
}

/** The article's text with quote, cue and speaker-mention elements. */
function renderArticle(container, text, record, colour) {
  const at = codePointIndex(text);
  const spans = [];
  const seen = new Set();
  const addSpan = (span, type, extra) => {
    if (!span) return;
    const key = type + span.start + ":" + span.end;
    if (seen.has(key)) return;
    seen.add(key);
    spans.push(Object.assign({ start: span.start, end: span.end, type }, extra));
  };
  // A channel badge where a speaker's channel changes, not on every fragment of their quotes.
  const lastChannel = new Map();
  record.quotes.forEach((q, i) => {
    const who = q.speaker ? q.speaker.entity : -1;
    const badge = Boolean(q.channel) && lastChannel.get(who) !== q.channel;
    lastChannel.set(who, q.channel);
    addSpan(q, "quote", { index: i, badge });
    addSpan(q.cue, "cue", { index: i });
    if (q.speaker) addSpan(q.speaker.mention, "mention", { index: i });
  });
  // Quotes first where spans start together; a span that overlaps one already placed is left
  // out rather than breaking the text.
  spans.sort((a, b) => a.start - b.start || (a.type === "quote" ? -1 : 1));
  let pos = 0;
  for (const span of spans) {
    if (span.start < pos || span.end <= span.start) continue;
    container.append(text.slice(at(pos), at(span.start)));
    container.append(spanElement(span, text.slice(at(span.start), at(span.end)), record, colour));
    pos = span.end;
  }
  container.append(text.slice(at(pos)));
}

function spanElement(span, words, record, colour) {
  const q = record.quotes[span.index];
  if (span.type === "cue") return el("span", { class: "cue" }, words);
  if (span.type === "mention") return el("span", { class: "mention" }, words);
  const c = q.speaker ? colour.get(q.speaker.entity) : null;
  const mark = el("mark", {
    class: "q " + (c === null || c === undefined ? "nobody" : "c" + c),
    tabindex: 0,
    "data-quote": span.index,
    "data-speaker": q.speaker ? q.speaker.name : "",
    "data-entity": q.speaker ? q.speaker.entity : "",
    "aria-label": "Quote by " + (q.speaker ? q.speaker.name : "an unknown speaker") + ": " + words,
  }, words);
  const wrap = document.createDocumentFragment();
  wrap.append(mark);
  if (span.badge) wrap.append(el("span", { class: "chan", "aria-label": "channel: " + q.channel }, q.channel));
  return wrap;
}

function renderSpeakers(record, colour) {
  const list = $("speakers");
  const counts = new Map();
  let nobody = 0;
  for (const q of record.quotes) {
    if (q.speaker) counts.set(q.speaker.entity, (counts.get(q.speaker.entity) || 0) + 1);
    else nobody++;
  }
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (!rows.length && !nobody) list.append(el("li", { class: "hint", text: "No quotes found." }));
  for (const [entity, n] of rows) {
    const e = record.entities[entity] || { name: "?", gender: "unknown", type: "" };
    const button = el("button", {
      type: "button",
      class: "speaker",
      "aria-pressed": "false",
      "data-entity": entity,
      onclick: () => focusSpeaker(String(entity), button),
    },
    el("span", { class: "swatch c" + colour.get(entity), "aria-hidden": "true" }),
    el("span", { class: "name", text: e.name }),
    el("span", { class: "gender", text: e.gender + (e.type && e.type !== "person" ? ", " + e.type : "") }),
    el("span", { class: "count", text: n + (n === 1 ? " quote" : " quotes") }));
    list.append(el("li", {}, button));
  }
  if (nobody) list.append(el("li", { class: "hint", text: nobody + " without a speaker" }));
}

/** Dims every quote but the speaker's; the same button again shows all. */
function focusSpeaker(entity, button) {
  const on = button.getAttribute("aria-pressed") !== "true";
  for (const b of document.querySelectorAll(".speaker")) b.setAttribute("aria-pressed", "false");
  button.setAttribute("aria-pressed", on ? "true" : "false");
  $("article").classList.toggle("filtering", on);
  for (const mark of document.querySelectorAll("#article mark.q")) {
    mark.classList.toggle("chosen", on && mark.dataset.entity === entity);
  }
}

/** The tooltip of a quote: speaker, kind, confidence, cue and channel. */
function showTip(mark, pointerY) {
  const q = results[current].record.quotes[Number(mark.dataset.quote)];
  if (!q) return;
  const tip = $("tip");
  clear(tip);
  const entity = q.speaker ? results[current].record.entities[q.speaker.entity] : null;
  tip.append(
    el("strong", { text: q.speaker ? q.speaker.name : "Speaker not found" }),
    entity ? el("span", { class: "tip-sub", text: " (" + entity.gender + ")" }) : null,
    el("dl", {},
      el("dt", { text: "kind" }), el("dd", { text: q.kind }),
      el("dt", { text: "confidence" }), el("dd", { text: Math.round(q.confidence * 100) + "%" }),
      el("dt", { text: "cue" }), el("dd", { text: q.cue ? q.cue.text : "—" }),
      el("dt", { text: "channel" }), el("dd", { text: q.channel || "—" }),
      q.speaker && q.speaker.mention ? [el("dt", { text: "named as" }), el("dd", { text: q.speaker.mention.text })] : null)
  );
  tip.hidden = false;
  mark.setAttribute("aria-describedby", "tip");
  // Under the line of the quote the pointer is on (a quote may run over many lines), or its
  // first line for keyboard focus.
  const lines = [...mark.getClientRects()];
  const box = lines.find((r) => pointerY !== undefined && pointerY >= r.top && pointerY <= r.bottom) ||
    lines[0] || mark.getBoundingClientRect();
  const width = tip.offsetWidth;
  const left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 8));
  tip.style.left = left + "px";
  tip.style.top = (window.scrollY + box.bottom + 6) + "px";
}

function hideTip() {
  $("tip").hidden = true;
  for (const m of document.querySelectorAll("mark[aria-describedby]")) m.removeAttribute("aria-describedby");
}

function wireArticle() {
  const article = $("article");
  const markOf = (e) => e.target.closest && e.target.closest("mark.q");
  article.addEventListener("mouseover", (e) => { const m = markOf(e); if (m) showTip(m, e.clientY); });
  article.addEventListener("mouseout", (e) => { if (markOf(e) && document.activeElement !== markOf(e)) hideTip(); });
  article.addEventListener("focusin", (e) => { const m = markOf(e); if (m) showTip(m); });
  article.addEventListener("focusout", hideTip);
  article.addEventListener("click", (e) => { const m = markOf(e); if (m) { m.focus(); showTip(m, e.clientY); } });
  article.addEventListener("keydown", (e) => {
    const m = markOf(e);
    if (!m) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      const button = document.querySelector('.speaker[data-entity="' + CSS.escape(m.dataset.entity) + '"]');
      if (button) focusSpeaker(m.dataset.entity, button);
      showTip(m);
    } else if (e.key === "Escape") {
      hideTip();
    }
  });
}

async function readFile(file) {
  fileName = file.name;
  $("source").value = await file.text();
  setStatus("Opened " + file.name + ". Select “Find quotes”.");
}

function wireInput() {
  $("run").addEventListener("click", run);
  $("source").addEventListener("input", () => { fileName = null; });
  $("source").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
  });
  $("file").addEventListener("change", (e) => {
    if (e.target.files[0]) readFile(e.target.files[0]);
  });
  const zone = $("input");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("dropping"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("dropping"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dropping");
    if (e.dataTransfer.files[0]) readFile(e.dataTransfer.files[0]);
  });
  $("example").addEventListener("click", async () => {
    const response = await fetch("/example.txt");
    fileName = null;
    $("mode").value = "auto";
    $("source").value = await response.text();
    run();
  });
  $("docs").addEventListener("change", (e) => { current = Number(e.target.value); render(); });
  $("copy").addEventListener("click", async () => {
    const json = JSON.stringify(results[current].record, null, 2);
    try {
      await navigator.clipboard.writeText(json);
      setStatus("JSON copied.");
    } catch (_) {
      setStatus("Copying is not allowed here; use Download JSON.", true);
    }
  });
  $("download").addEventListener("click", () => {
    if (results.length > 1) {
      download("quotes.jsonl", results.map((d) => JSON.stringify(d.record)).join("\n") + "\n", "application/x-ndjson");
    } else {
      download((results[current].record.id || "quotes") + ".json", JSON.stringify(results[current].record, null, 2));
    }
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(); });
}

wireInput();
wireArticle();
