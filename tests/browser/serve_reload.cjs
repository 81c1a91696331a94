// A real browser on `careers serve`: an open profile updates itself when its
// Markdown file is saved, shows an overlay when the file breaks the build,
// and drops the overlay when it is fixed. Usage: node serve_reload.cjs URL SITE_DIR
const fs = require("fs");
const path = require("path");
const { launch, steps } = require("./lib.cjs");

const [url, siteDir] = process.argv.slice(2);
const file = path.join(siteDir, "content/health-information-technicians.md");
const original = fs.readFileSync(file, "utf8");

(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  let reloads = 0;
  page.on("load", () => { reloads += 1; });
  const code = await steps([
    ["opens a profile", async () => {
      await page.goto(url + "health-information-technicians/");
      await page.getByRole("heading", { level: 1, name: "Health Information Technicians" }).waitFor();
      // Give the page's event stream a moment to connect.
      await page.waitForTimeout(300);
    }],
    ["shows an edit without a manual reload", async () => {
      const before = reloads;
      fs.writeFileSync(file, original.replace("## Job duties", "## Job duties, edited in the browser test"));
      await page.getByRole("heading", { name: "Job duties, edited in the browser test" }).waitFor({ timeout: 30000 });
      // The new heading can be in the page before its `load` event has
      // fired: wait for the event too.
      const deadline = Date.now() + 30000;
      while (reloads <= before && Date.now() < deadline) await page.waitForTimeout(50);
      if (reloads <= before) throw new Error("the page did not reload itself");
    }],
    ["shows an overlay when the file breaks the build", async () => {
      fs.writeFileSync(file, original.replace("job_zone: 3", "job_zone: 9"));
      const overlay = page.locator("#careers-error-overlay");
      await overlay.waitFor({ state: "visible", timeout: 30000 });
      const text = await overlay.innerText();
      if (!text.includes("content/health-information-technicians.md:") || !text.includes("no job zone 9")) {
        throw new Error("overlay lacks file, line and message: " + text);
      }
      if ((await page.getByRole("alert").count()) !== 1) throw new Error("the overlay is not an alert");
    }],
    ["removes the overlay when the file is fixed", async () => {
      fs.writeFileSync(file, original);
      await page.locator("#careers-error-overlay").waitFor({ state: "detached", timeout: 30000 });
      await page.getByRole("heading", { name: "Job duties", exact: true }).waitFor({ timeout: 30000 });
    }],
  ]);
  fs.writeFileSync(file, original);
  await browser.close();
  process.exit(code);
})();
