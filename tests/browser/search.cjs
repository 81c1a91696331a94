// A reader searching the sample site's full text in a real browser: the
// header's box leads to the results page, which finds a profile by a word
// that appears only in its body, by that word misspelt (one edit) and by a
// prefix while typing, shows the matching passage with the word
// highlighted, and keeps the query in the URL. Without JavaScript the box
// leads to the explore page. Usage: node search.cjs BASE_URL
// With a query and a title after BASE_URL, it only checks that the query
// finds that title first (a word with a typo in its first two letters,
// which picks another index shard; a Spanish inflection on the Spanish
// results page): node search.cjs BASE_URL QUERY TITLE
const { launch, steps } = require("./lib.cjs");

const base = process.argv[2];
const HITMR = "Health Information Technologists and Medical Registrars";

function same(actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function titles(page) {
  return page.locator("#search-results li h2 a").allInnerTexts();
}

// Types `text` into the results page's box and waits for the status to
// name it, in quotes of any language (“…” in English, «…» in Spanish);
// prints how long the results took (not asserted: speed is measured,
// never asserted).
async function search(page, text) {
  const started = Date.now();
  await page.locator("#search-q").fill(text);
  await page.waitForFunction((t) => {
    const status = document.getElementById("search-status").textContent;
    return status.includes("“" + t + "”") || status.includes("«" + t + "»");
  }, text);
  console.log(`  "${text}": results in ${Date.now() - started} ms`);
}

(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  const [typo, typoTitle] = process.argv.slice(3);
  const code = typo ? await steps([
    [`"${typo}" finds "${typoTitle}" first`, async () => {
      await page.goto(base + "search/");
      await search(page, typo);
      same((await titles(page))[0], typoTitle);
      const marks = await page.locator("#search-results li .search-passage mark").allInnerTexts();
      if (!marks.length) throw new Error("no highlighted word");
    }],
    ["no script errors", async () => {
      if (errors.length) throw new Error(errors.join("; "));
    }],
  ]) : await steps([
    ["the header box leads to the results page", async () => {
      await page.goto(base + "about/");
      await page.getByLabel("Search careers").fill("abstract");
      await page.getByLabel("Search careers").press("Enter");
      await page.waitForURL(/\/search\/\?q=abstract$/);
      await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
      same(await titles(page), [HITMR]);
    }],
    ["the passage shows the body-only word highlighted", async () => {
      const marks = await page.locator("#search-results li .search-passage mark").allInnerTexts();
      same(marks, ["Abstract"]);
      const status = await page.locator("#search-status").innerText();
      if (!status.startsWith("1 result for")) throw new Error("status: " + status);
    }],
    ["a misspelt word (one edit) still finds it", async () => {
      await search(page, "abstrct");
      same(await titles(page), [HITMR]);
      if (!page.url().endsWith("?q=abstrct")) throw new Error("no query in " + page.url());
    }],
    ["a prefix finds it while typing", async () => {
      await search(page, "abstr");
      same(await titles(page), [HITMR]);
    }],
    ["a title word ranks its profile first", async () => {
      await search(page, "registrars");
      same((await titles(page))[0], HITMR);
    }],
    ["the link to explore carries the words, for the filters", async () => {
      const href = await page.locator("#search-explore").getAttribute("href");
      if (!href.endsWith("explore/?text=registrars")) throw new Error("href: " + href);
    }],
    ["a word nowhere in the site finds nothing", async () => {
      await search(page, "zzyzx");
      same(await titles(page), []);
      same(await page.locator("#search-status").innerText(), "No results for “zzyzx”.");
    }],
    ["without JavaScript the header box leads to the explore page", async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const plain = await context.newPage();
      await plain.goto(base + "about/");
      const action = await plain.locator("form.site-search").getAttribute("action");
      same(new URL(action, base).href, new URL("explore/", base).href);
      await context.close();
    }],
    ["no script errors", async () => {
      if (errors.length) throw new Error(errors.join("; "));
    }],
  ]);
  await browser.close();
  process.exit(code);
})();
