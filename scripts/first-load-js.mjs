// Prints the first-load JavaScript of an App Router page from a finished `next build` (Next 16 with
// Turbopack no longer prints the size column): the root main files plus the layout's and page's entry
// chunks, raw and gzip, and whether any of them carries Monaco or chart code.
// Usage: node scripts/first-load-js.mjs /models
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const route = process.argv[2] ?? "/models";
const next = path.resolve(".next");
const build = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8"));
const manifestFile = path.join(next, "server", "app", route === "/" ? "" : route, "page_client-reference-manifest.js");
// The manifest is a script that assigns to its global object (`self`): run it in a context of its own.
const sandbox = {};
sandbox.self = sandbox;
vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
const manifest = sandbox.__RSC_MANIFEST[`${route === "/" ? "" : route}/page`];
const files = new Set(build.rootMainFiles);
for (const [entry, chunks] of Object.entries(manifest.entryJSFiles)) {
  if (entry === "[project]/app/layout" || entry.endsWith(`/app${route === "/" ? "" : route}/page`)) for (const c of chunks) files.add(c);
}
let raw = 0;
let gzip = 0;
const suspicious = [];
for (const file of files) {
  const buf = readFileSync(path.join(next, file));
  raw += buf.length;
  gzip += gzipSync(buf, { level: 9 }).length;
  if (/monaco-editor|editor\.main|recharts|ResponsiveContainer/.test(buf.toString("utf8"))) suspicious.push(file);
}
console.log(`${route}: ${files.size} chunks, ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzip`);
console.log(suspicious.length ? `Monaco/chart code found in: ${suspicious.join(", ")}` : "no Monaco or chart code");
