// Shared by every page of saywho serve. Plain JS, no build step, no dependencies.
// Data from the server or the user is only ever put into the page as text (textContent,
// createElement), never as HTML, so an article cannot inject markup or script.
"use strict";

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Text with `code` spans written in backticks, as the API's descriptions use them. */
function richText(text) {
  const frag = document.createDocumentFragment();
  String(text || "").split("`").forEach((part, i) => {
    frag.append(i % 2 ? el("code", { text: part }) : document.createTextNode(part));
  });
  return frag;
}

/** Empties a node. */
function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** The `{"error": {"kind", "message"}}` of a failed response, or a stand-in. */
async function errorOf(response) {
  try {
    const body = await response.json();
    if (body && body.error) return body.error;
  } catch (_) { /* not JSON */ }
  return { kind: "http_" + response.status, message: response.statusText || "request failed" };
}

/** Saves `text` as a file named `name`. */
function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: type || "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The corpus page's link appears in the navigation when the server has one (`--db`).
fetch("/healthz").then((r) => r.json()).then((health) => {
  const nav = document.querySelector(".top nav");
  if (!health.corpus || !nav || nav.querySelector('a[href="/corpus"]')) return;
  nav.insertBefore(el("a", { href: "/corpus", text: "Corpus" }), nav.querySelector('a[href="/api"]'));
}).catch(() => { /* the page works without it */ });
