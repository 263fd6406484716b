#!/usr/bin/env bash
# Install what the renderer tests need, only what is missing; safe to run again.
#   Debian: LuaLaTeX + luatexja (tex tests), poppler-utils (pdftoppm), chromium (HTML tests),
#           fonts-noto-cjk (without it Chromium draws Japanese as tofu in screenshots),
#           git (the pre-commit test builds repositories),
#           neovim (its built-in LSP client attaches `derivetex lsp` in tests/lsp/test_neovim.py).
#   npm:    the pinned KaTeX and MathJax of renderers/ (npm ci, from package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(texlive-luatex texlive-lang-japanese texlive-latex-recommended poppler-utils chromium git
          fonts-noto-cjk neovim)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-system: apt-get install ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-system: Debian packages present"
fi

if [ ! -f renderers/node_modules/.package-lock.json ] \
   || [ renderers/package-lock.json -nt renderers/node_modules/.package-lock.json ]; then
  echo "install-system: npm ci in renderers/"
  (cd renderers && npm ci --no-audit --no-fund)
else
  echo "install-system: renderers/node_modules up to date"
fi
