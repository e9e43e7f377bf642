#!/usr/bin/env bash
# Set-up for a fresh machine that has only Node 20 and npm: pnpm (from the npm registry),
# the workspace's dependencies from the frozen lockfile, and a build of every package.
# Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm@$PNPM_VERSION from the npm registry"
  npm install --global --no-audit --no-fund "pnpm@$PNPM_VERSION" >/dev/null
fi

# Dependency build scripts stay blocked except those allowed in pnpm-workspace.yaml;
# onnxruntime-node's (a CUDA download) is never run.
# The browser tests drive Debian's Chromium (Playwright's own download cannot work offline).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium from Debian's packages (browser tests)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; the browser tests need it: sudo apt-get install -y chromium" >&2
  fi
fi

pnpm install --frozen-lockfile --reporter=append-only | tail -n 3
# The cross-runtime tests' runtimes come from npm as devDependencies of tooling/runtimes:
# bun (its install script, allowed in pnpm-workspace.yaml, links the binary of @oven/bun-<platform>),
# deno and workerd (binaries in their optional @deno/*, @cloudflare/workerd-* packages), wrangler.
for bin in bun deno workerd wrangler; do
  tooling/runtimes/node_modules/.bin/"$bin" --version >/dev/null 2>&1 \
    || echo "setup: $bin did not install (tooling/runtimes/node_modules/.bin/$bin); the runtimes tests will fail" >&2
done
pnpm build --output-logs=errors-only
# The workspace's own bins (`convbert`) point into dist/, which exists only now: link them again
# (from the store, no download) so that `bunx convbert` and package scripts find them.
pnpm install --frozen-lockfile --offline --reporter=silent
