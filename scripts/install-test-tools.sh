#!/usr/bin/env bash
# Installs what the test suite needs besides Rust, on a fresh Debian machine:
# a Java runtime and the Nu Html Checker (npm package vnu-jar) for HTML
# validity, Debian's chromium for browser tests, playwright-core to drive
# it, and axe-core for the accessibility checks. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "install-test-tools: please install $* (needs root)" >&2
    exit 1
  fi
}

command -v java >/dev/null 2>&1 || apt_install default-jre-headless
command -v npm >/dev/null 2>&1 || apt_install npm
command -v chromium >/dev/null 2>&1 || apt_install chromium

if [ ! -f tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -d tools/node_modules/playwright-core ] || [ ! -f tools/node_modules/axe-core/axe.min.js ]; then
  (cd tools && npm install --no-audit --no-fund --loglevel=error)
fi
echo "test tools ready: $(java -version 2>&1 | head -n 1); vnu.jar $(node -p "require('./tools/node_modules/vnu-jar/package.json').version"); playwright-core $(node -p "require('./tools/node_modules/playwright-core/package.json').version"); axe-core $(node -p "require('./tools/node_modules/axe-core/package.json').version"); $(chromium --version 2>/dev/null)"
