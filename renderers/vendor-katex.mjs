#!/usr/bin/env node
// Vendor the pinned KaTeX for offline HTML pages: node vendor-katex.mjs <outdir>
//
// Writes <outdir>/katex.min.js, <outdir>/katex.inline.css (every font as a woff2 data: URI,
// the woff/ttf fallbacks dropped: every browser that runs KaTeX 0.16 reads woff2) and
// <outdir>/KATEX_VERSION. A page that inlines both files renders with no network at all.

import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const outdir = process.argv[2];
if (!outdir) {
  process.stderr.write("usage: node vendor-katex.mjs <outdir>\n");
  process.exit(2);
}

const dist = dirname(require.resolve("katex/dist/katex.min.css"));
const { version } = require("katex/package.json");
let css = readFileSync(join(dist, "katex.min.css"), "utf8");

// Each @font-face src lists woff2, woff and ttf; keep woff2 only, inlined.
css = css.replace(/src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)[^;}]*/g, (_m, name) => {
  const data = readFileSync(join(dist, "fonts", `${name}.woff2`)).toString("base64");
  return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
});
if (/url\(fonts\//.test(css)) {
  process.stderr.write("vendor-katex: a font reference was not inlined; KaTeX's CSS changed?\n");
  process.exit(1);
}

mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, "katex.inline.css"), css);
writeFileSync(join(outdir, "katex.min.js"), readFileSync(join(dist, "katex.min.js")));
writeFileSync(join(outdir, "KATEX_VERSION"), `${version}\n`);
process.stdout.write(`KaTeX ${version}: ${outdir}/katex.min.js, katex.inline.css\n`);
