// A static file server that compresses as static hosts do (gzip level 6,
// for text types), for measuring a built site with Lighthouse.
// Usage: node serve-gzip.cjs DIR PORT
const http = require("http");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const root = path.resolve(process.argv[2]);
const port = Number(process.argv[3] || 8080);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

http
  .createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(root, rel);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (rel.endsWith("/")) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) {
        if (!rel.endsWith("/") && fs.existsSync(path.join(file, "index.html"))) {
          res.writeHead(301, { Location: rel + "/" }).end();
          return;
        }
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      const type = TYPES[path.extname(file)] || "application/octet-stream";
      const headers = { "Content-Type": type, "Cache-Control": "no-cache" };
      if (TYPES[path.extname(file)] && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
        body = zlib.gzipSync(body, { level: 6 });
        headers["Content-Encoding"] = "gzip";
      }
      headers["Content-Length"] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
