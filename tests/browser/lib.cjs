// Shared by the browser tests: Debian's chromium driven by playwright-core,
// both installed by scripts/install-test-tools.sh.
const path = require("path");
const { chromium } = require(path.join(__dirname, "../../tools/node_modules/playwright-core"));

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    // The machine has no network: keep chromium from trying to reach one.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/// Runs named steps in order, printing each; exits non-zero on the first failure.
async function steps(list) {
  let passed = 0;
  for (const [name, run] of list) {
    try {
      await run();
      passed += 1;
      console.log(`ok: ${name}`);
    } catch (err) {
      console.log(`FAILED: ${name}\n${err.stack || err}`);
      console.log(`${passed} passed, 1 failed`);
      return 1;
    }
  }
  console.log(`${passed} passed, 0 failed`);
  return 0;
}

module.exports = { launch, steps };
