#!/usr/bin/env bash
# Installs the MCP clients the interop tests (InteropIT) run against the gateway: the official
# conformance suite, the MCP Inspector, Claude Code, and a Node 22 for them (the suite needs it).
# Versions are pinned in package-lock.json; node_modules stays in this folder (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is required to install the interop clients" >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error
./node_modules/.bin/node --version >/dev/null
