// Layout shifts while the explore and compare scripts take over, recorded
// by the browser (PerformanceObserver "layout-shift", as Lighthouse's
// cumulative layout shift counts them), on a phone-sized and a desktop
// window: each page's total must stay below 0.05. Then the rows the
// explore script makes for a further page must read as the build's own
// page of them. Usage: node layout_shift.cjs BASE_URL
const { launch, steps } = require("./lib.cjs");

const base = process.argv[2];
const LIMIT = 0.05;

// Starts recording before any of the page's own code runs.
const RECORD = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__shifts.push(entry.value);
    }
  }).observe({ type: "layout-shift", buffered: true });
};

async function shiftOf(browser, viewport, url, ready) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.addInitScript(RECORD);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(ready);
  // Let the last frames be laid out and reported.
  await page.waitForTimeout(500);
  const shifts = await page.evaluate(() => window.__shifts);
  await context.close();
  if (errors.length) throw new Error(errors.join("; "));
  const total = shifts.reduce((a, b) => a + b, 0);
  console.log(`  ${url} at ${viewport.width}x${viewport.height}: layout shift ${total.toFixed(4)}`);
  if (total >= LIMIT) throw new Error(`layout shift ${total} (${shifts.join(", ")})`);
}

// The cells of the table's rows as a reader meets them: text and classes.
async function rowsOf(page) {
  return page.locator("#explore-table tbody tr").evaluateAll((rows) =>
    rows.map((tr) => Array.from(tr.children).map((cell) =>
      [cell.tagName, cell.className, cell.textContent.replace(/\s+/g, " ").trim(),
        (cell.querySelector("a") || {}).href || ""].join("|"))));
}

const PHONE = { width: 412, height: 823 };
const DESKTOP = { width: 1280, height: 720 };

(async () => {
  const browser = await launch();
  const explored = () => /Showing/.test(document.getElementById("explore-status").textContent);
  const compared = () => document.querySelectorAll("#compare-table thead th").length === 3;
  let ids = [];
  const code = await steps([
    ["explore: the script takes over without moving the page", async () => {
      await shiftOf(browser, PHONE, base + "explore/", explored);
      await shiftOf(browser, DESKTOP, base + "explore/", explored);
    }],
    ["compare: choosing from the URL fills the table without moving the page", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(base + "explore/");
      ids = await page.locator("#explore-table tbody tr").evaluateAll((rows) =>
        rows.slice(0, 2).map((tr) => tr.getAttribute("data-id")));
      await context.close();
      const url = base + "compare/?o=" + ids.join(",");
      await shiftOf(browser, PHONE, url, compared);
      await shiftOf(browser, DESKTOP, url, compared);
      await shiftOf(browser, PHONE, base + "compare/", () => document.getElementById("compare-status").textContent !== "");
    }],
    ["the script's rows of page 2 read as the build's page 2", async () => {
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const built = await plain.newPage();
      await built.goto(base + "explore/page/2/");
      const expected = await rowsOf(built);
      await plain.close();
      if (expected.length === 0) throw new Error("the build has no page 2");
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(base + "explore/");
      await page.waitForFunction(explored);
      const first = await page.locator("#explore-table tbody tr").first().getAttribute("data-id");
      await page.locator("#explore-pager a[data-page='2']").first().click();
      // The worker answers a moment after the click: wait for its rows.
      await page.waitForURL(/\/explore\/page\/2\/$/);
      await page.waitForFunction((id) =>
        document.querySelector("#explore-table tbody tr").getAttribute("data-id") !== id, first);
      const made = await rowsOf(page);
      await context.close();
      if (JSON.stringify(made) !== JSON.stringify(expected)) {
        throw new Error(`script rows differ:\n${JSON.stringify(made.slice(0, 3))}\nbuild:\n${JSON.stringify(expected.slice(0, 3))}`);
      }
    }],
  ]);
  await browser.close();
  process.exit(code);
})();
