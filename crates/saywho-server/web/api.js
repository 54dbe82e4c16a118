// Renders /openapi.json as a page: every endpoint with its parameters, bodies and answers, and
// every schema as JSON. Plain DOM building; descriptions are text with `code` spans.
"use strict";

const METHODS = ["get", "post", "put", "patch", "delete"];

function schemaLink(schema) {
  if (!schema) return document.createTextNode("—");
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop();
    return el("a", { href: "#schema-" + name, text: name });
  }
  if (schema.type === "array" && schema.items) return el("span", {}, "array of ", schemaLink(schema.items));
  return el("code", { text: schema.type || "object" });
}

function contentList(content) {
  const list = el("ul", {});
  for (const [type, media] of Object.entries(content || {})) {
    list.append(el("li", {}, el("code", { text: type }), " — ", schemaLink(media.schema)));
  }
  return list;
}

function endpoint(path, method, op) {
  const section = el("section", { class: "panel endpoint", id: (method + path).replace(/[^a-z0-9]+/gi, "-") });
  section.append(el("h3", {}, el("span", { class: "method " + method, text: method.toUpperCase() }), el("code", { text: path })));
  if (op.summary) section.append(el("p", {}, el("strong", {}, richText(op.summary))));
  if (op.description) {
    for (const para of op.description.split("\n\n")) section.append(el("p", {}, richText(para)));
  }
  if (op.parameters && op.parameters.length) {
    const rows = op.parameters.map((p) =>
      el("tr", {}, el("td", {}, el("code", { text: p.name })), el("td", { text: p.in }),
        el("td", {}, schemaLink(p.schema)), el("td", {}, richText(p.description || ""))));
    section.append(el("h4", { text: "Parameters" }), el("div", { class: "table-wrap" },
      el("table", {}, el("thead", {}, el("tr", {}, ["name", "in", "type", "meaning"].map((h) => el("th", { text: h })))),
        el("tbody", {}, rows))));
  }
  if (op.requestBody) {
    section.append(el("h4", { text: "Request body" }));
    if (op.requestBody.description) section.append(el("p", {}, richText(op.requestBody.description)));
    section.append(contentList(op.requestBody.content));
  }
  const rows = Object.entries(op.responses || {}).map(([status, r]) =>
    el("tr", {}, el("td", {}, el("code", { text: status })), el("td", {}, richText(r.description || "")),
      el("td", {}, contentList(r.content))));
  section.append(el("h4", { text: "Responses" }), el("div", { class: "table-wrap" },
    el("table", {}, el("thead", {}, el("tr", {}, ["status", "meaning", "body"].map((h) => el("th", { text: h })))),
      el("tbody", {}, rows))));
  return section;
}

async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  document.getElementById("api-title").textContent = (spec.info.title || "API") + " " + (spec.info.version || "");
  document.getElementById("api-description").append(richText(spec.info.description || ""));
  document.getElementById("api-version").textContent = spec.openapi;
  const endpoints = document.getElementById("endpoints");
  // The extraction routes first, then operations (the document lists paths alphabetically).
  const paths = Object.entries(spec.paths || {}).sort(([a], [b]) => (b.startsWith("/v1/") - a.startsWith("/v1/")) || a.localeCompare(b));
  for (const [path, item] of paths) {
    for (const method of METHODS) if (item[method]) endpoints.append(endpoint(path, method, item[method]));
  }
  const schemas = document.getElementById("schemas");
  for (const [name, schema] of Object.entries((spec.components || {}).schemas || {})) {
    schemas.append(el("details", { id: "schema-" + name },
      el("summary", {}, el("code", { text: name }), schema.description ? " — " + schema.description : ""),
      el("pre", { class: "json", text: JSON.stringify(schema, null, 2) })));
  }
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }
}

main().catch((e) => {
  document.getElementById("endpoints").append(el("p", { class: "doc-error", text: "Cannot read /openapi.json: " + e.message }));
});
