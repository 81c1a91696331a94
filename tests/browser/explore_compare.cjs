// A reader on the sample site's explore and compare pages, in a real
// browser: searching and filtering show the right rows and put the state in
// the URL, a URL with a query applies it, a compare URL shows both
// occupations side by side, and without JavaScript the compare page shows
// its note and no empty table. Usage: node explore_compare.cjs BASE_URL
const { launch, steps } = require("./lib.cjs");

const base = process.argv[2];
const HIT = "Health Information Technicians";
const HITMR = "Health Information Technologists and Medical Registrars";
const MRS = "Medical Records Specialists";

async function visibleTitles(page) {
  return page.locator("#explore-table tbody tr:visible th a").allInnerTexts();
}

// The table's rows as the reader sees them once the explore script has
// answered: it filters in a worker, so rows change a moment after input.
async function titlesAre(page, expected) {
  try {
    await page.waitForFunction((want) => {
      const rows = document.querySelectorAll("#explore-table tbody tr:not([hidden]) th a");
      return JSON.stringify(Array.from(rows, (a) => a.textContent)) === want;
    }, JSON.stringify(expected), { timeout: 30000 });
  } catch (err) {
    throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(await visibleTitles(page))}`);
  }
}

function same(actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  const code = await steps([
    ["explore shows every profile and its controls", async () => {
      await page.goto(base + "explore/");
      await page.getByLabel("Search by title, other names or SOC code").waitFor();
      await titlesAre(page, [HIT, HITMR, MRS]);
    }],
    ["typing a search narrows the rows and announces the count", async () => {
      await page.getByLabel("Search by title, other names or SOC code").fill("records");
      await titlesAre(page, [HIT, MRS]);
      const status = await page.locator("#explore-status").innerText();
      if (!status.includes("2 of 3")) throw new Error("status: " + status);
      if (!page.url().includes("q=records")) throw new Error("no query in " + page.url());
    }],
    ["a filter keeps only matching rows, and the URL says so", async () => {
      await page.getByLabel("Typical entry education").selectOption("associate");
      await titlesAre(page, [HIT]);
      if (!page.url().includes("education=associate")) throw new Error("no filter in " + page.url());
      await page.getByRole("button", { name: "Clear search and filters" }).click();
      await page.waitForFunction(() => document.querySelectorAll("#explore-table tbody tr:not([hidden])").length === 3);
    }],
    ["also-called names and SOC codes are searched", async () => {
      await page.getByLabel("Search by title, other names or SOC code").fill("medical records technicians");
      await titlesAre(page, [HIT]);
      await page.getByLabel("Search by title, other names or SOC code").fill("29-2072");
      await titlesAre(page, [MRS]);
    }],
    ["a shared URL applies its query", async () => {
      // MRS has no published median, so it sorts last; a value no
      // control offers is ignored.
      await page.goto(base + "explore/?q=Records&sort=wage&zone=nonsense");
      await page.getByLabel("Search by title, other names or SOC code").waitFor();
      await titlesAre(page, [HIT, MRS]);
      same(await page.getByLabel("Search by title, other names or SOC code").inputValue(), "Records");
      same(await page.getByLabel("Sort by").inputValue(), "wage");
      const sorted = await page.locator("th[data-sort=wage]").getAttribute("aria-sort");
      if (sorted !== "descending") throw new Error("aria-sort: " + sorted);
    }],
    ["a shared URL fills the controls before the index arrives", async () => {
      // Held back until the controls are checked: a reader with a slow
      // connection sees the link's query at once, never an empty box.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route("**/explore/index.json", async (route) => { await held; await route.continue(); });
      await page.goto(base + "explore/?q=Records&sort=wage");
      same(await page.getByLabel("Search by title, other names or SOC code").inputValue(), "Records");
      same(await page.getByLabel("Sort by").inputValue(), "wage");
      release();
      await titlesAre(page, [HIT, MRS]);
      await page.unroute("**/explore/index.json");
    }],
    ["a worker, not the page, reads and filters the index", async () => {
      const workers = page.workers().map((w) => w.url());
      if (!workers.some((url) => url.endsWith("/explore.js"))) throw new Error("workers: " + workers);
    }],
    ["without workers, the page itself does the same", async () => {
      const context = await browser.newContext();
      const plain = await context.newPage();
      await plain.addInitScript(() => { delete window.Worker; });
      await plain.goto(base + "explore/?q=Records&sort=wage");
      await plain.waitForFunction(() => /2 of 3/.test(document.getElementById("explore-status").textContent));
      await titlesAre(plain, [HIT, MRS]);
      if (plain.workers().length) throw new Error("a worker started");
      await context.close();
    }],
    ["words from the profiles' full text combine with the filters", async () => {
      // "abstract" is only in the body of the registrars' profile.
      await page.goto(base + "explore/?text=abstract");
      await page.waitForFunction(() => document.querySelectorAll("#explore-table tbody tr:not([hidden])").length === 1);
      await titlesAre(page, [HITMR]);
      same(await page.getByLabel("Words anywhere in the profile").inputValue(), "abstract");
      await page.getByLabel("Typical entry education").selectOption("postsecondary-award");
      await page.waitForFunction(() => document.querySelectorAll("#explore-table tbody tr:not([hidden])").length === 0);
      if (!page.url().includes("text=abstract") || !page.url().includes("education=postsecondary-award")) {
        throw new Error("not in the URL: " + page.url());
      }
    }],
    ["a compare URL shows both occupations", async () => {
      await page.goto(base + "compare/?o=health-information-technicians,medical-records-specialists");
      const heads = page.locator("#compare-table thead th");
      await heads.first().waitFor();
      same(await heads.allInnerTexts(), ["Measure", HIT, MRS]);
      const table = await page.locator("#compare-table").innerText();
      if (!table.includes("$43,500") || !table.includes("$31,610 to $65,620")) throw new Error(table);
      if (await page.locator("#compare-needs-js").isVisible()) throw new Error("the no-JavaScript note shows");
    }],
    ["occupations are added and removed with buttons, in the URL", async () => {
      await page.getByLabel("Add an occupation").selectOption({ label: HITMR });
      await page.getByRole("button", { name: "Add to comparison" }).click();
      // Its figures are fetched when it is chosen.
      await page.locator("#compare-table thead th").nth(3).waitFor();
      same((await page.locator("#compare-table thead th").allInnerTexts()).length, 4);
      if (!page.url().includes("health-information-technologists")) throw new Error(page.url());
      await page.getByRole("button", { name: "Remove " + HIT }).click();
      await page.waitForFunction(() => document.querySelectorAll("#compare-table thead th").length === 3);
      same(await page.locator("#compare-table thead th").allInnerTexts(), ["Measure", MRS, HITMR]);
      if (page.url().includes("o=health-information-technicians")) throw new Error(page.url());
    }],
    ["no script errors", async () => {
      if (errors.length) throw new Error(errors.join("; "));
    }],
    ["without JavaScript, compare shows its note and no empty table", async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const plain = await context.newPage();
      await plain.goto(base + "compare/?o=health-information-technicians,medical-records-specialists");
      if (!(await plain.locator("#compare-needs-js").isVisible())) throw new Error("the note is hidden");
      for (const hidden of ["#compare-table", "#compare-caption", "#compare-result", "#compare-add"]) {
        if (await plain.locator(hidden).isVisible()) throw new Error(hidden + " shows without JavaScript");
      }
      // Nor do assistive technologies meet it: no table in the page's tree.
      const tree = await plain.locator("main").ariaSnapshot();
      if (/^\s*- (table|combobox|button)\b/m.test(tree)) throw new Error(tree);
      await context.close();
    }],
  ]);
  await browser.close();
  process.exit(code);
})();
