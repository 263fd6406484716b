#!/usr/bin/env node
// Side-by-side preview: each block rendered by KaTeX (HTML) and by MathJax 3 (SVG).
//
// stdin:  [{"id": str, "tex": str, "display": bool}, ...]   (same as check-math.mjs)
// stdout: an HTML page; open it (or screenshot it with headless Chromium) to compare
//         how the two renderers draw our notation. KaTeX's CSS and fonts are linked
//         from node_modules, so the page works from this checkout only.

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const katex = require("katex");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const tex = new TeX({ packages: AllPackages, tags: "ams" });
const doc = mathjax.document("", { InputJax: tex, OutputJax: new SVG({ fontCache: "local" }) });

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const katexCss = pathToFileURL(require.resolve("katex/dist/katex.min.css")).href;
const blocks = JSON.parse(readFileSync(0, "utf8"));

const rows = blocks.map((b) => {
  let k;
  try {
    k = katex.renderToString(b.tex, { displayMode: b.display, strict: "error", throwOnError: true });
  } catch (err) {
    k = `<span class="err">${escape(err.message)}</span>`;
  }
  tex.reset();
  const m = adaptor.outerHTML(doc.convert(b.tex, { display: b.display }));
  return `<section><h2>${escape(b.id)}</h2><div class="k">${k}</div><div class="m">${m}</div></section>`;
});

process.stdout.write(`<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>KaTeX vs MathJax</title>
<link rel="stylesheet" href="${katexCss}">
<style>body{font-family:"Noto Serif CJK JP",serif;margin:12px;width:900px}
section{border:1px solid #ccc;margin:4px 0;padding:0 8px} h2{font:12px monospace;margin:4px 0}
.k{border-left:4px solid #36c;padding-left:6px} .m{border-left:4px solid #c63;padding-left:6px}
.err{color:#c00;font:12px monospace}</style></head>
<body><p style="font:12px monospace"><span style="color:#36c">blue: KaTeX ${katex.version} strict</span>,
<span style="color:#c63">orange: MathJax 3 SVG</span></p>
${rows.join("\n")}
</body></html>
`);
