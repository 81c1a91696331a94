// axe-core in headless chromium: every page given reports no WCAG 2.1 A or
// AA violation, checked after its scripts have run (the explore controls
// shown, the compare table filled, search results listed). Usage: node axe_pages.cjs BASE_URL PATH...
const path = require("path");
const { launch, steps } = require("./lib.cjs");

const AXE = path.join(__dirname, "../../tools/node_modules/axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const [base, ...paths] = process.argv.slice(2);

async function audit(page, rel) {
  await page.goto(base + rel, { waitUntil: "networkidle" });
  if (rel.startsWith("explore/")) await page.locator("#explore-controls").waitFor({ state: "visible" });
  if (rel.startsWith("compare/")) await page.locator("#compare-table thead").waitFor({ state: "attached" });
  if (rel.startsWith("search/?q=")) await page.locator("#search-results li").first().waitFor();
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
  if (result.violations.length > 0) {
    const lines = result.violations.map((v) =>
      `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}: ${n.failureSummary}`).join("\n"));
    throw new Error(`${result.violations.length} violation(s) on ${rel}:\n${lines.join("\n")}`);
  }
}

(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  const code = await steps(paths.map((rel) => [`axe: ${rel || "home"}`, async () => {
    await audit(page, rel);
    if (errors.length) throw new Error("script errors: " + errors.join("; "));
  }]));
  await browser.close();
  process.exit(code);
})();
