// Compare on a site of more than a thousand profiles, where the page leaves
// the chooser's options out (a megabyte of them at 10,000): a compare URL
// still shows its occupations from their figure files, the chooser fills
// from the explore index when the reader goes to it, and an occupation
// chosen there is added. Usage: node compare_large.cjs BASE_URL ID1 ID2 TITLE3
const { launch, steps } = require("./lib.cjs");

const [base, first, second, third] = process.argv.slice(2);

(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  const asked = [];
  page.on("request", (request) => asked.push(new URL(request.url()).pathname));
  const heads = () => page.locator("#compare-table thead th").allInnerTexts();
  const code = await steps([
    ["a compare URL shows its occupations without the index", async () => {
      await page.goto(base + `compare/?o=${first},${second}`);
      await page.locator("#compare-table thead th").nth(2).waitFor();
      const options = await page.locator("#compare-add option").count();
      if (options !== 0) throw new Error(`${options} options in the page`);
      if (asked.some((path) => path.endsWith("/explore/index.json"))) throw new Error("the index was fetched");
    }],
    ["going to the chooser fills it from the explore index", async () => {
      await page.getByLabel("Add an occupation").focus();
      await page.waitForFunction(() => document.querySelectorAll("#compare-add option").length > 1000);
      if (!asked.some((path) => path.endsWith("/explore/index.json"))) throw new Error("no index fetched");
    }],
    ["an occupation chosen there is added, in the URL", async () => {
      await page.getByLabel("Add an occupation").selectOption({ label: third });
      await page.getByRole("button", { name: "Add to comparison" }).click();
      await page.locator("#compare-table thead th").nth(3).waitFor();
      const titles = await heads();
      if (titles.length !== 4 || titles[3] !== third) throw new Error(JSON.stringify(titles));
      if (!page.url().includes(`${first},${second},`)) throw new Error(page.url());
    }],
    ["no script errors", async () => {
      if (errors.length) throw new Error(errors.join("; "));
    }],
  ]);
  await browser.close();
  process.exit(code);
})();
