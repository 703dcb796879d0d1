#!/usr/bin/env bash
# One-time set-up of a fresh machine of this kind (Debian, Node 20, root): pnpm, bun, Chromium for
# the browser tests, and the workspace's packages. Safe to run again; it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
# wrangler's offline settings, from their one source (readable before anything is installed).
eval "$(node --input-type=module -e 'import { offlineEnv } from "./packages/wrangler-local/index.mjs";
for (const [k, v] of Object.entries(offlineEnv)) console.log(`export ${k}=${v}`);')"

if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "12.21.0" ]; then
  npm install -g pnpm@12.21.0 bun@1.4.5
fi
if ! command -v bun >/dev/null; then npm install -g bun@1.4.5; fi

if ! command -v chromium >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium libxml2-utils >/dev/null
fi

# Native addons (better-sqlite3) build with node-gyp against the headers of the Node on this
# machine; pnpm does not read npm's `nodedir` setting, and without it node-gyp tries to download
# headers from the internet, which this network refuses.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi

pnpm install --frozen-lockfile
