// A reader of the sample site in English and Spanish, in a real browser:
// the language switcher leads from an English profile to its Spanish
// version and back, and from a page with no translation to its Spanish
// page (the English text under Spanish furniture, marked as English) and
// back; the Spanish explore page filters, says how many profiles it shows
// and names its terms in Spanish; the Spanish compare page's table and
// status are in Spanish; English titles and passages on Spanish pages are
// marked as English. Usage: node languages.cjs BASE_URL
// With `rows` after BASE_URL (a generated site of more than a hundred
// profiles, all translated), it only checks that the rows the script makes
// on the Spanish explore page (those not on the build's page) name their
// terms in Spanish and the status is Spanish: node languages.cjs BASE_URL rows
const { launch, steps } = require("./lib.cjs");

const base = process.argv[2];
const HIT = "Health Information Technicians";
const HIT_ES = "Técnicos de información de salud";
const HITMR = "Health Information Technologists and Medical Registrars";
const MRS = "Medical Records Specialists";

function same(actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function visibleTitles(page) {
  return page.locator("#explore-table tbody tr:visible th a").allInnerTexts();
}

async function status(page, text) {
  await page.waitForFunction((t) => document.getElementById("explore-status").textContent === t, text)
    .catch(async () => {
      throw new Error("status: " + (await page.locator("#explore-status").innerText()));
    });
}

// The switcher's link to the language named `name`, checked for its
// `lang` and `hreflang`, followed.
async function switchTo(page, name, code) {
  const link = page.locator(".language-switcher a", { hasText: name });
  same(await link.locator("span[lang]").getAttribute("lang"), code);
  same(await link.getAttribute("hreflang"), code);
  await link.click();
  await page.waitForLoadState("load");
  same(await page.locator("html").getAttribute("lang"), code);
}

(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  const code = process.argv[3] === "rows" ? await steps([
    ["rows the script makes name their terms in Spanish", async () => {
      // Sorted by wage, the first page holds profiles from every page of
      // the build's table: most rows are made by the script.
      await page.goto(base + "es/explore/?sort=wage");
      await page.waitForFunction(() => /^Se muestran/.test(document.getElementById("explore-status").textContent));
      const spanish = await page.getByLabel("Educación típica para empezar").locator("option").allInnerTexts();
      const cells = await page.locator("#explore-table tbody tr:visible td:nth-child(4)").allInnerTexts();
      if (cells.length < 100) throw new Error(`${cells.length} rows`);
      const english = cells.filter((c) => c && !spanish.includes(c));
      if (english.length) throw new Error("not Spanish: " + english.slice(0, 3).join("; "));
      if (!cells.some((c) => c)) throw new Error("no education shown");
      same(await page.locator("html").getAttribute("lang"), "es");
    }],
    ["the titles of profiles not translated yet are marked as English", async () => {
      // The synthetic translations' titles start with "[es] "; the others
      // are the English titles, whose cell must say so.
      const marks = await page.locator("#explore-table tbody tr:visible th").evaluateAll((cells) =>
        cells.map((th) => [th.querySelector("a").textContent, th.querySelector("a").getAttribute("lang")]));
      const wrong = marks.filter(([title, lang]) => (title.startsWith("[es] ") ? lang !== null : lang !== "en"));
      if (wrong.length) throw new Error("marked wrong: " + JSON.stringify(wrong.slice(0, 3)));
      if (!marks.some(([, lang]) => lang === "en")) throw new Error("no untranslated profile shown");
    }],
    ["the language switcher leads to the same page of explore", async () => {
      await page.goto(base + "es/explore/");
      await page.locator("#explore-pager a[data-page='2']").first().click();
      await page.waitForURL(/\/es\/explore\/page\/2\/$/);
      const english = page.locator(".language-switcher a[hreflang=en]");
      same(await english.getAttribute("href"), new URL(base).pathname + "explore/page/2/");
      await page.goto(base + "es/explore/page/2/?sort=wage");
      await page.waitForURL(/\/es\/explore\/\?sort=wage&page=2$/);
      same(await english.getAttribute("href"), new URL(base).pathname + "explore/?sort=wage&page=2");
    }],
    ["no script errors", async () => {
      if (errors.length) throw new Error(errors.join("; "));
    }],
  ]) : await steps([
    ["the switcher leads from an English profile to its Spanish version", async () => {
      await page.goto(base + "health-information-technicians/");
      same(await page.locator("html").getAttribute("lang"), "en");
      await switchTo(page, "Español", "es");
      if (!page.url().endsWith("/es/health-information-technicians/")) throw new Error(page.url());
      same(await page.locator("h1").innerText(), HIT_ES);
      // A translation: no notice, and the current language is marked.
      same(await page.locator(".fallback-notice").count(), 0);
      same(await page.locator(".language-switcher [aria-current=page]").getAttribute("lang"), "es");
    }],
    ["and back to English", async () => {
      await switchTo(page, "English", "en");
      if (!page.url().endsWith("/health-information-technicians/") || page.url().includes("/es/")) {
        throw new Error(page.url());
      }
      same(await page.locator("h1").innerText(), HIT);
    }],
    ["from a page with no translation to its Spanish page and back", async () => {
      await page.goto(base + "medical-records-specialists/");
      await switchTo(page, "Español", "es");
      if (!page.url().endsWith("/es/medical-records-specialists/")) throw new Error(page.url());
      // English words under Spanish furniture, marked as English, with a
      // notice that links to the original.
      same(await page.locator("h1").innerText(), MRS);
      same(await page.locator("h1").getAttribute("lang"), "en");
      const notice = page.locator(".fallback-notice");
      if (!(await notice.isVisible())) throw new Error("no notice");
      if (!(await notice.innerText()).includes("todavía no se ha traducido")) throw new Error(await notice.innerText());
      same(await notice.locator("a").getAttribute("hreflang"), "en");
      await switchTo(page, "English", "en");
      if (!page.url().endsWith("/medical-records-specialists/") || page.url().includes("/es/")) {
        throw new Error(page.url());
      }
    }],
    ["the Spanish explore page lists every profile, in Spanish", async () => {
      await page.goto(base + "es/explore/");
      same(await page.locator("html").getAttribute("lang"), "es");
      await page.getByLabel("Buscar por título, otros nombres o código SOC").waitFor();
      same(await visibleTitles(page), [HITMR, MRS, HIT_ES]);
      const clusters = await page.getByLabel("Grupo de carreras").locator("option").allInnerTexts();
      same(clusters, ["Cualquiera", "Ciencias de la salud"]);
      // What the script makes rows from names the terms in Spanish too.
      const index = await page.evaluate(() =>
        fetch(document.getElementById("explore-controls").getAttribute("data-index")).then((r) => r.json()));
      same(index.clusters.map((c) => c.name), ["Ciencias de la salud"]);
      same(index.job_zones.map((c) => c.name), ["Zona de empleo 3: Preparación media", "Zona de empleo 4: Bastante preparación"]);
    }],
    ["searching narrows the rows and the status says so in Spanish", async () => {
      await page.getByLabel("Buscar por título, otros nombres o código SOC").fill("registros");
      await status(page, "Se muestra 1 de 3 perfiles de carreras.");
      same(await visibleTitles(page), [HIT_ES]);
      if (!page.url().includes("q=registros")) throw new Error(page.url());
    }],
    ["a filter keeps only matching rows, and clearing shows all again", async () => {
      await page.getByRole("button", { name: "Borrar la búsqueda y los filtros" }).click();
      await status(page, "Se muestran los 3 perfiles de carreras.");
      await page.getByLabel("Educación típica para empezar").selectOption({ label: "Certificado postsecundario sin título" });
      await status(page, "Se muestra 1 de 3 perfiles de carreras.");
      same(await visibleTitles(page), [MRS]);
      if (!page.url().includes("education=postsecondary-award")) throw new Error(page.url());
      // Switching language keeps the choices.
      await switchTo(page, "English", "en");
      if (!page.url().includes("/explore/?education=postsecondary-award")) throw new Error(page.url());
      await status(page, "Showing 1 of 3 career profiles.");
    }],
    ["the Spanish compare page shows its table and status in Spanish", async () => {
      await page.goto(base + "es/compare/?o=health-information-technicians,medical-records-specialists");
      const heads = page.locator("#compare-table thead th");
      await heads.first().waitFor();
      same(await heads.allInnerTexts(), ["Medida", HIT_ES, MRS]);
      const cluster = page.locator("#compare-table tbody tr", { hasText: "Grupo de carreras" });
      same(await cluster.locator("td").allInnerTexts(), ["Ciencias de la salud", "Ciencias de la salud"]);
      same(await page.locator("#compare-status").innerText(), "Se comparan 2 ocupaciones.");
      same(await heads.nth(1).locator("a").getAttribute("href"), new URL(base).pathname + "es/health-information-technicians/");
      // The profile not translated yet keeps its English title, marked so
      // in the table, the list of chosen occupations and the chooser.
      same(await heads.nth(1).locator("a").getAttribute("lang"), null);
      same(await heads.nth(2).locator("a").getAttribute("lang"), "en");
      same(await page.locator("#compare-chosen a", { hasText: MRS }).getAttribute("lang"), "en");
      same(await page.locator("#compare-add option", { hasText: MRS }).getAttribute("lang"), "en");
      const english = await page.locator(".language-switcher a[hreflang=en]").getAttribute("href");
      same(english, new URL(base).pathname + "compare/?o=health-information-technicians,medical-records-specialists");
      await page.getByRole("button", { name: "Quitar " + MRS }).click();
      await page.waitForFunction(() => document.getElementById("compare-status").textContent.startsWith("Elija"));
      same(await page.locator("#compare-status").innerText(), "Elija al menos dos ocupaciones para comparar (elegidas: 1).");
    }],
    ["Spanish search marks results not translated yet as English", async () => {
      // "medical" is in the English words of the two profiles without a
      // Spanish translation.
      await page.goto(base + "es/search/?q=medical");
      await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
      const results = await page.locator("#search-results li").evaluateAll((items) => items.map((li) => [
        li.querySelector("h2 a").textContent,
        li.querySelector("h2 a").getAttribute("lang"),
        li.querySelector(".search-passage").getAttribute("lang"),
      ]));
      const wrong = results.filter(([title, a, p]) => (title === HIT_ES ? a || p : a !== "en" || p !== "en"));
      if (wrong.length) throw new Error("marked wrong: " + JSON.stringify(wrong));
      if (!results.some(([title]) => title === MRS)) throw new Error("results: " + JSON.stringify(results));
      same(await page.locator(".language-switcher a[hreflang=en]").getAttribute("href"), new URL(base).pathname + "search/?q=medical");
    }],
    ["no script errors", async () => {
      if (errors.length) throw new Error(errors.join("; "));
    }],
  ]);
  await browser.close();
  process.exit(code);
})();
