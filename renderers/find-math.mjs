#!/usr/bin/env node
// Which formulas would MathJax 3 find in a page's text, with its default delimiters?
//
// stdin:  [{"id": str, "text": str}, ...]
// stdout: [{"id": str, "math": [{"tex": str, "display": bool}, ...]}, ...]
// Exit 0 when the answer was printed; exit 2 on unusable input.
//
// This is MathJax's own FindTeX (inline \(...\), display $$...$$ and \[...\], environments,
// escapes), the search a site running MathJax with its default configuration does.

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { FindTeX } = require("mathjax-full/js/input/tex/FindTeX.js");

function main() {
  let pages;
  try {
    pages = JSON.parse(readFileSync(0, "utf8"));
    if (!Array.isArray(pages)) throw new Error("stdin must be a JSON array of pages");
    pages.forEach((p, i) => {
      if (typeof p?.id !== "string" || typeof p?.text !== "string") {
        throw new Error(`page ${i}: "id" and "text" must be strings`);
      }
    });
  } catch (err) {
    process.stderr.write(`find-math: ${err.message}\n`);
    process.exit(2);
  }
  const find = new FindTeX({}); // MathJax 3's defaults
  const results = pages.map((p) => ({
    id: p.id,
    // An escaped \$ comes back as an item with display null: it is text, not math.
    math: find
      .findMath([p.text])
      .filter((item) => item.display !== null)
      .map((item) => ({ tex: item.math, display: item.display })),
  }));
  process.stdout.write(JSON.stringify(results) + "\n");
}

main();
