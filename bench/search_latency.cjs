// How long full-text search takes to show results after the last
// keystroke, in headless chromium: the sample site (or any built site)
// served over HTTP, the results page opened once, then each query typed
// into its box. Timed inside the page, from the input event to the status
// line naming the query (the list is filled just before it), so the
// figure includes the script's typing pause, the index and document
// fetches and the drawing, and not the test driver's round trips.
// The first query of a page load fetches the index cold; later ones reuse
// what it fetched, as a reader typing does.
// Usage: node bench/search_latency.cjs BASE_URL [ROUNDS]
// (bench/search_latency.sh builds the sample site, serves it and runs this).
const { launch } = require("../tests/browser/lib.cjs");

const base = process.argv[2];
const rounds = parseInt(process.argv[3] || "10", 10);
const QUERIES = ["abstract", "abstrct", "abstr", "registries", "hospital coding", "medical records", "cancer"];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  const cold = [];
  const warm = [];
  for (let r = 0; r < rounds; r++) {
    await page.goto(base + "search/");
    for (let i = 0; i < QUERIES.length; i++) {
      const ms = await page.evaluate((q) => new Promise((done) => {
        const input = document.getElementById("search-q");
        const status = document.getElementById("search-status");
        const started = performance.now();
        const seen = new MutationObserver(() => {
          if (status.textContent.includes("“" + q + "”")) {
            seen.disconnect();
            done(performance.now() - started);
          }
        });
        seen.observe(status, { childList: true, characterData: true, subtree: true });
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }), QUERIES[i]);
      (i === 0 ? cold : warm).push(ms);
    }
  }
  await browser.close();
  for (const [name, list] of [["first query (cold)", cold], ["later queries", warm]]) {
    const sorted = list.slice().sort((a, b) => a - b);
    console.log(`${name}: ${sorted.length} queries, median ${percentile(sorted, 0.5).toFixed(1)} ms, ` +
      `p90 ${percentile(sorted, 0.9).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
  }
})();
