//! `careers serve` over real HTTP: files, types, 404, HEAD, path escapes,
//! live rebuilds with reload and error events, and a clean Ctrl-C.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A running `careers serve` on a free port, stopped (Ctrl-C) on drop.
struct Server {
    child: Child,
    port: u16,
    tmp: tempfile::TempDir,
}

impl Server {
    fn start(site: &TestSite) -> Server {
        Self::start_with(site, Stdio::null())
    }

    fn start_with(site: &TestSite, stderr: Stdio) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_careers"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path())
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok());
        let port = port.unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, port, tmp }
    }

    /// Sends `method path` exactly as given (no normalisation).
    fn request(&self, method: &str, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_lowercase(), body.to_string())
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        self.request("GET", path)
    }

    /// Polls `path` until its body contains `text`.
    fn wait_for(&self, path: &str, text: &str) -> Duration {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if self.get(path).2.contains(text) {
                return started.elapsed();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{path} never showed {text:?}");
    }

    fn interrupt(&mut self) -> std::process::ExitStatus {
        self.signal("INT", Duration::from_secs(10))
    }

    /// Sends SIG`name` and waits up to `limit` for serve to end.
    fn signal(&mut self, name: &str, limit: Duration) -> std::process::ExitStatus {
        Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(started.elapsed() < limit, "serve did not stop on SIG{name}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_pages_with_types_index_404_and_head() {
    let site = TestSite::sample();
    let server = Server::start(&site);
    let (status, head, body) = server.get("/health-information-technicians/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("Health Information Technicians"));
    assert!(
        body.contains("/__careers/reload.js"),
        "the reload script is added in serve mode"
    );
    let (status, head, _) = server.get("/static/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found") || body.to_lowercase().contains("not found"));
    let (status, head, body) = server.request("HEAD", "/about/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"));
    assert!(body.is_empty());
    assert_eq!(
        server.get("/about").0,
        301,
        "a folder without its slash redirects"
    );
}

#[test]
fn path_escapes_are_refused_in_every_encoding() {
    let site = TestSite::sample();
    std::fs::write(site.path().join("secret.txt"), "TOP SECRET").unwrap();
    let server = Server::start(&site);
    for attempt in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/static/..\\..\\secret.txt",
        "/%252e%252e/secret.txt",
        "//etc/passwd",
        "/%00/etc/passwd",
        "/static/%ff%fe",
    ] {
        let (status, _, body) = server.get(attempt);
        assert!(status == 400 || status == 404, "{attempt}: {status}");
        assert!(
            !body.contains("TOP SECRET") && !body.contains("root:"),
            "{attempt} leaked a file"
        );
    }
}

#[test]
fn serve_never_touches_output_and_build_output_has_no_reload_script() {
    let site = TestSite::sample();
    let server = Server::start(&site);
    assert_eq!(server.get("/").0, 200);
    assert!(!site.path().join("output").exists(), "serve wrote output/");
    drop(server);
    assert!(site.build().succeeded());
    let html = site.output("health-information-technicians/index.html");
    assert!(
        !html.contains("__careers"),
        "build output carries the reload script"
    );
}

#[test]
fn edits_rebuild_and_errors_keep_the_last_good_site() {
    let site = TestSite::sample();
    let server = Server::start(&site);
    let profile = site
        .path()
        .join("content/health-information-technicians.md");
    let original = std::fs::read_to_string(&profile).unwrap();
    let mut events = EventStream::open(server.port);

    std::fs::write(
        &profile,
        original.replace("## Job duties", "## Daily job duties"),
    )
    .unwrap();
    server.wait_for("/health-information-technicians/", "Daily job duties");
    assert_eq!(
        events.next_event(),
        "reload [\"/health-information-technicians/\"]",
        "the edited page goes out first"
    );

    std::fs::write(&profile, original.replace("job_zone: 3", "job_zone: 9")).unwrap();
    let errors = events.next_event_named("errors");
    assert!(errors.starts_with("errors"), "{errors}");
    assert!(
        errors.contains("content/health-information-technicians.md:")
            && errors.contains("no job zone 9"),
        "{errors}"
    );
    let (status, _, body) = server.get("/health-information-technicians/");
    assert_eq!(status, 200);
    assert!(
        body.contains("Daily job duties"),
        "the last good page is still served"
    );

    std::fs::write(&profile, &original).unwrap();
    assert!(events
        .next_event_named("reload")
        .contains("/health-information-technicians/"));
    server.wait_for("/health-information-technicians/", "<h2 id=\"job-duties\"");
}

#[test]
fn ctrl_c_stops_cleanly_and_removes_the_preview_folder() {
    let site = TestSite::sample();
    let mut server = Server::start(&site);
    assert_eq!(server.get("/").0, 200);
    let status = server.interrupt();
    assert!(status.success(), "exit status {status:?}");
    let left: Vec<_> = std::fs::read_dir(server.tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "serve left {left:?} behind");
}

/// Reads the server-sent events stream.
struct EventStream {
    reader: BufReader<TcpStream>,
}

impl EventStream {
    fn open(port: u16) -> Self {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /__careers/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 2 {
            line.clear();
        }
        EventStream { reader }
    }

    /// The next event called `name`, skipping others.
    fn next_event_named(&mut self, name: &str) -> String {
        loop {
            let event = self.next_event();
            if event.starts_with(name) {
                return event;
            }
        }
    }

    /// The next event as `name data`, skipping keep-alive comments.
    fn next_event(&mut self) -> String {
        let mut name = String::new();
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                self.reader.read_line(&mut line).unwrap() > 0,
                "event stream closed"
            );
            let text = line.trim_end();
            if let Some(n) = text.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(data) = text.strip_prefix("data: ") {
                if !name.is_empty() {
                    return format!("{name} {data}");
                }
            }
        }
    }
}

#[test]
fn a_real_browser_reloads_on_save_and_shows_the_error_overlay() {
    let site = TestSite::sample();
    let server = Server::start(&site);
    let script = std::path::Path::new(REPO).join("tests/browser/serve_reload.cjs");
    assert!(
        std::path::Path::new(REPO)
            .join("tools/node_modules/playwright-core")
            .exists(),
        "playwright-core is missing: run scripts/install-test-tools.sh"
    );
    let out = Command::new("node")
        .arg(script)
        .arg(format!("http://127.0.0.1:{}/", server.port))
        .arg(site.path())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("4 passed, 0 failed"), "{stdout}");
}

impl Server {
    /// The status of `GET /` sent with `Host: host`.
    fn status_with_host(&self, host: &str) -> u16 {
        status_of(self.port, host, "/")
    }
}

#[test]
fn started_on_broken_content_every_url_shows_the_errors_then_the_site() {
    let site = TestSite::sample();
    let profile = site
        .path()
        .join("content/health-information-technicians.md");
    let original = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(&profile, original.replace("job_zone: 3", "job_zone: 9")).unwrap();
    let server = Server::start(&site);
    for path in ["/", "/health-information-technicians/", "/no/such/page/"] {
        let (_, head, body) = server.get(path);
        assert!(head.contains("text/html"), "{path}: {head}");
        assert!(
            body.contains("content/health-information-technicians.md")
                && body.contains("no job zone 9")
                && body.contains(http_script()),
            "{path} does not show the error with the reload script: {body}"
        );
    }
    let mut events = EventStream::open(server.port);
    std::fs::write(&profile, &original).unwrap();
    assert!(events.next_event_named("reload").starts_with("reload"));
    let (status, _, body) = server.get("/health-information-technicians/");
    assert_eq!(status, 200);
    assert!(body.contains("<h2 id=\"job-duties\""), "{body}");
    assert_eq!(server.get("/no/such/page/").0, 404);
}

fn http_script() -> &'static str {
    "/__careers/reload.js"
}

#[test]
fn no_existing_page_is_missing_while_the_site_rebuilds() {
    let site = TestSite::sample();
    let server = Server::start(&site);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let port = server.port;
    let pages = [
        "/",
        "/health-information-technicians/",
        "/medical-records-specialists/",
        "/occupations.csv",
        "/explore/index.json",
    ];
    let readers: Vec<_> = (0..3)
        .map(|i| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut bad = Vec::new();
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = pages[(n + i) % pages.len()];
                    let status = status_of(port, "localhost", path);
                    if status != 200 {
                        bad.push(format!("{path}: {status}"));
                    }
                    n += 1;
                }
                (n, bad)
            })
        })
        .collect();
    let config = site.path().join("site.yaml");
    let original = std::fs::read_to_string(&config).unwrap();
    let profile = site
        .path()
        .join("content/health-information-technicians.md");
    let text = std::fs::read_to_string(&profile).unwrap();
    for round in 0..10 {
        // site.yaml re-renders every output; a wage edit many.
        std::fs::write(
            &config,
            original.replace("Washington Career Profiles", &format!("Profiles {round}")),
        )
        .unwrap();
        server.wait_for("/", &format!("Profiles {round}"));
        std::fs::write(
            &profile,
            text.replace("43500", &format!("{}", 43600 + round)),
        )
        .unwrap();
        server.wait_for("/", &format!("43,{}", 600 + round));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for reader in readers {
        let (n, bad) = reader.join().unwrap();
        assert!(n > 10, "only {n} requests made");
        assert!(bad.is_empty(), "answered with other than 200: {bad:?}");
    }
}

/// The status of `GET path` sent with `Host: host` (a free function, so
/// reader threads can use it without the server).
fn status_of(port: u16, host: &str, path: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_deleted_static_file_leaves_the_preview() {
    let site = TestSite::sample().file("static/notice.txt", "synthetic notice\n");
    let server = Server::start(&site);
    assert_eq!(server.get("/static/notice.txt").0, 200);
    std::fs::remove_file(site.path().join("static/notice.txt")).unwrap();
    let started = Instant::now();
    while server.get("/static/notice.txt").0 != 404 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the deleted file is still served"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_c_stops_at_once_with_an_event_stream_open() {
    let site = TestSite::sample();
    let mut server = Server::start(&site);
    let _events = EventStream::open(server.port);
    let started = Instant::now();
    let status = server.interrupt();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?} to stop",
        started.elapsed()
    );
    let left: Vec<_> = std::fs::read_dir(server.tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "serve left {left:?} behind");
}

#[test]
fn sigterm_and_sighup_clean_up_like_ctrl_c() {
    for signal in ["TERM", "HUP"] {
        let site = TestSite::sample();
        let mut server = Server::start(&site);
        let _events = EventStream::open(server.port);
        assert_eq!(server.get("/").0, 200);
        let status = server.signal(signal, Duration::from_secs(5));
        assert!(status.success(), "SIG{signal}: exit status {status:?}");
        let left: Vec<_> = std::fs::read_dir(server.tmp.path()).unwrap().collect();
        assert!(left.is_empty(), "SIG{signal}: serve left {left:?} behind");
    }
}

#[test]
fn only_this_machines_names_are_answered() {
    let site = TestSite::sample();
    let server = Server::start(&site);
    let port = server.port;
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
    ] {
        assert_eq!(server.status_with_host(&host), 200, "Host: {host}");
    }
    for host in [
        "attacker.example",
        "attacker.example:80",
        "localhost.attacker.example",
    ] {
        assert_eq!(server.status_with_host(host), 403, "Host: {host}");
    }
}

#[test]
fn a_connection_that_never_finishes_its_headers_is_closed() {
    let site = TestSite::sample();
    let server = Server::start(&site);
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let closed = slow.read_to_end(&mut rest).is_ok();
    assert!(closed, "the connection was still open after 20 s");
    assert!(
        started.elapsed() >= Duration::from_secs(5),
        "closed too early, before the header timeout"
    );
    // Others are served meanwhile and after.
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn a_wage_edit_reaches_every_listing_and_both_downloads() {
    // The trial: the Washington median yearly wage of Health
    // Information Technicians from 43500 to 43700.
    let site = TestSite::sample();
    let server = Server::start(&site);
    for (path, old) in [
        ("/occupations.csv", "43500"),
        ("/rankings/highest-paying/", "43,500"),
    ] {
        server.wait_for(path, old);
    }
    let profile = site
        .path()
        .join("content/health-information-technicians.md");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(&profile, text.replace("43500", "43700")).unwrap();
    for (path, new) in [
        ("/health-information-technicians/", "43,700"),
        ("/", "43,700"),
        ("/rankings/highest-paying/", "43,700"),
        ("/explore/index.json", "[43700,"),
        // The sample site's three profiles share one figure file.
        ("/compare/figures/0.json", "43,700"),
        ("/occupations.csv", "43700"),
        ("/occupations.json", "43700"),
    ] {
        server.wait_for(path, new);
        assert!(
            !server.get(path).2.contains(&new.replace('7', "5")),
            "{path} still shows the old figure"
        );
    }
}

#[test]
fn serve_keeps_going_when_its_terminal_is_gone() {
    let site = TestSite::sample();
    let mut server = Server::start_with(&site, Stdio::piped());
    // The reader of stderr quits: every later write to it fails (EPIPE).
    drop(server.child.stderr.take());
    let profile = site
        .path()
        .join("content/health-information-technicians.md");
    let text = std::fs::read_to_string(&profile).unwrap();
    for round in 0..3 {
        std::fs::write(
            &profile,
            text.replace("## Job duties", &format!("## Duties {round}")),
        )
        .unwrap();
        server.wait_for(
            "/health-information-technicians/",
            &format!("Duties {round}"),
        );
    }
    assert!(server.child.try_wait().unwrap().is_none(), "serve ended");
}

#[test]
fn the_sites_strings_files_are_watched_from_the_first_one() {
    // No `i18n/` folder when serve starts: the first strings file, its
    // edits and its removal each reach the preview, as a build would.
    let site = TestSite::sample();
    let server = Server::start(&site);
    server.wait_for("/es/", "Ir al contenido principal");
    std::fs::create_dir(site.path().join("i18n")).unwrap();
    let strings = site.path().join("i18n/es.yaml");
    std::fs::write(&strings, "skip_to_content: Saltar al contenido\n").unwrap();
    server.wait_for("/es/", "Saltar al contenido");
    std::fs::write(&strings, "skip_to_content: Saltar al texto\n").unwrap();
    server.wait_for("/es/", "Saltar al texto");
    std::fs::remove_file(&strings).unwrap();
    server.wait_for("/es/", "Ir al contenido principal");
}
