#!/usr/bin/env bash
# bash scripts/node-bin.sh [VERSION] — prints the folder that holds the `node` binary of exactly
# that Node.js version (default: the LTS production runs, pinned below), installing it first
# from the npm registry's `node` package, which ships the binary for this platform, into
# ~/.cache/faq-3dsecure-bot/node-VERSION. Put the folder first on PATH and everything started
# from there (npm, Jest and its workers, tsx, Azurite, the bot) runs on that Node.
# .ci/run runs the whole suite on it; npm run bench measures its cold start beside the machine's.
set -euo pipefail
version="${1:-24.21.0}"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/faq-3dsecure-bot/node-$version"
bin="$dir/node_modules/.bin"
if [ "$("$bin/node" --version 2>/dev/null || true)" != "v$version" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node@$version" >&2
fi
"$bin/node" --version >/dev/null
echo "$bin"
