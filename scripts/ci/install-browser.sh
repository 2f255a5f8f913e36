#!/usr/bin/env bash
# Installs what the browser end-to-end test (scripts/test.d/browser.sh) needs on a fresh
# Debian machine: Debian's chromium, and playwright-core from npm into crates/serve/e2e
# (pinned by the committed package-lock.json; playwright-core downloads no browser of its
# own: the test drives /usr/bin/chromium). Run as root by .ci/run; idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
chromium --version

if ! command -v npm >/dev/null 2>&1; then
  echo "install-browser: npm is missing; the browser test will report it" >&2
  exit 0
fi
e2e=crates/serve/e2e
if [ ! -f "$e2e/node_modules/playwright-core/package.json" ]; then
  (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
node -e "console.log('playwright-core', require('./$e2e/node_modules/playwright-core/package.json').version)"
