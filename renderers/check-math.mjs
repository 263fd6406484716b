#!/usr/bin/env node
// Render gate: does every math block render in KaTeX (strict) and in MathJax 3?
//
// stdin:  [{"id": str, "tex": str, "display": bool}, ...]
// stdout: [{"id": str, "katex": {"ok": bool, "error": str|null},
//                      "mathjax": {"ok": bool, "error": str|null}}, ...]
// Exit 0 when the verdicts were printed (whatever they are); exit 2 on unusable input.
//
// One process renders every block, so hundreds of blocks cost one Node start-up.

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const katex = require("katex");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { CHTML } = require("mathjax-full/js/output/chtml.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

// 'noundefined' would turn an unknown macro into red text instead of an error, and
// 'autoload' is pointless once every package is loaded: the gate wants errors.
const PACKAGES = AllPackages.filter((p) => p !== "noundefined" && p !== "autoload");

function makeMathJax() {
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX({
    packages: PACKAGES,
    tags: "ams",
    // Throw instead of building an <merror>, so the message reaches the report.
    formatError: (_jax, err) => {
      throw err;
    },
  });
  const chtml = new CHTML({ fontURL: "" });
  const doc = mathjax.document("", { InputJax: tex, OutputJax: chtml });
  return { adaptor, tex, doc };
}

function checkKatex(block) {
  try {
    katex.renderToString(block.tex, {
      displayMode: block.display,
      strict: "error",
      throwOnError: true,
      output: "htmlAndMathml",
    });
    return { ok: true, error: null };
  } catch (err) {
    return { ok: false, error: String(err.message ?? err) };
  }
}

function checkMathJax(mj, block) {
  mj.tex.reset(); // forget \label and tag numbers of the previous block
  try {
    const out = mj.doc.convert(block.tex, { display: block.display });
    const html = mj.adaptor.outerHTML(out);
    // An <merror> that did not go through formatError still shows in the output tree.
    if (html.includes("<mjx-merror") || html.includes("data-mjx-error")) {
      const title = /data-mjx-error="([^"]*)"/.exec(html);
      return { ok: false, error: title ? title[1] : "MathJax produced an error node" };
    }
    return { ok: true, error: null };
  } catch (err) {
    return { ok: false, error: String(err.message ?? err) };
  }
}

function readBlocks() {
  let data;
  try {
    data = JSON.parse(readFileSync(0, "utf8"));
  } catch (err) {
    throw new Error(`stdin is not JSON: ${err.message}`);
  }
  if (!Array.isArray(data)) throw new Error("stdin must be a JSON array of blocks");
  data.forEach((b, i) => {
    if (typeof b !== "object" || b === null) throw new Error(`block ${i} is not an object`);
    if (typeof b.id !== "string") throw new Error(`block ${i}: "id" must be a string`);
    if (typeof b.tex !== "string") throw new Error(`block ${i}: "tex" must be a string`);
    if (typeof b.display !== "boolean") throw new Error(`block ${i}: "display" must be a boolean`);
  });
  return data;
}

function main() {
  let blocks;
  try {
    blocks = readBlocks();
  } catch (err) {
    process.stderr.write(`check-math: ${err.message}\n`);
    process.exit(2);
  }
  const mj = makeMathJax();
  const results = blocks.map((b) => ({
    id: b.id,
    katex: checkKatex(b),
    mathjax: checkMathJax(mj, b),
  }));
  process.stdout.write(JSON.stringify(results) + "\n");
}

main();
