//! The preview server's HTTP side: files, the reload script and its events.
//!
//! Requests are answered from the folder the engine publishes into. A
//! request path is decoded once and refused if it could reach outside that
//! folder (`..` in any encoding, backslashes, NUL, symlinks that point out),
//! before anything is read. Folders answer with their `index.html`; missing
//! paths get the site's `404.html` with status 404. HTML pages get the live
//! reload script, which listens to `/__careers/events` (server-sent events)
//! and reloads the page or shows the build's errors as an overlay. Before a
//! version without errors exists, every page is the list of errors.
//!
//! Only requests naming this machine in `Host` are answered (a web page
//! elsewhere cannot read the preview through DNS rebinding); a connection
//! must send its request headers within [`HEADER_TIMEOUT`], and at most
//! [`MAX_CONNECTIONS`] are served at once. Building and watching are done
//! elsewhere.

use std::collections::HashSet;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::{broadcast, watch};
use tokio_stream::wrappers::{BroadcastStream, WatchStream};
use tokio_stream::{Stream, StreamExt};

use super::engine::{Engine, Outcome};
use super::Message;

pub const EVENTS_PATH: &str = "/__careers/events";
pub const SCRIPT_PATH: &str = "/__careers/reload.js";
const RELOAD_SCRIPT: &str = include_str!("reload.js");
/// How long a connection may take to send its request headers (and how
/// long a kept-alive connection may sit idle).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 256;

/// What the browser is told after a rebuild.
#[derive(Debug, Clone)]
pub enum Notice {
    /// A new version is published: pages at these URL paths changed
    /// (`None`: all of them) and reload if open.
    Reload(Option<Vec<String>>),
    /// The last rebuild had errors: show them (JSON list of problems).
    Errors(String),
}

/// Shared between the HTTP handlers and the rebuild loop.
pub struct Shared {
    /// The folder being served.
    root: PathBuf,
    base_path: RwLock<String>,
    pub notices: broadcast::Sender<Notice>,
    /// The errors currently shown, for pages opened after the rebuild.
    current_errors: RwLock<Option<String>>,
    /// Whether a version without errors was published yet.
    published: AtomicBool,
    /// Large files that are out of date (made when asked for).
    stale: RwLock<HashSet<String>>,
    /// To the engine's thread.
    messages: std::sync::Mutex<mpsc::Sender<Message>>,
    /// `Host` values answered: loopback names and the bound address.
    hosts: Vec<String>,
    /// Becomes true when serve stops: event streams end then.
    stopping: watch::Sender<bool>,
}

impl Shared {
    pub fn new(
        engine: &Engine,
        first: &Outcome,
        bound: SocketAddr,
        messages: mpsc::Sender<Message>,
    ) -> Self {
        let shared = Shared {
            root: engine.served_dir().to_path_buf(),
            base_path: RwLock::new(String::new()),
            notices: broadcast::channel(16).0,
            current_errors: RwLock::new(None),
            published: AtomicBool::new(false),
            stale: RwLock::new(HashSet::new()),
            messages: std::sync::Mutex::new(messages),
            hosts: allowed_hosts(bound),
            stopping: watch::channel(false).0,
        };
        shared.update(engine, super::errors_json(first));
        shared
    }

    /// Takes in the engine's state after a rebuild.
    pub fn update(&self, engine: &Engine, errors: Option<String>) {
        *write(&self.base_path) = engine.base_path().to_string();
        *write(&self.current_errors) = errors;
        self.published
            .store(engine.has_published(), Ordering::SeqCst);
        self.set_stale(engine.stale_large_files());
    }

    pub fn set_stale(&self, paths: Vec<String>) {
        *write(&self.stale) = paths.into_iter().collect();
    }

    pub fn current_errors(&self) -> Option<String> {
        read(&self.current_errors).clone()
    }
}

/// The `Host` header values a request may carry: loopback names and the
/// bound address, each with and without the port.
fn allowed_hosts(bound: SocketAddr) -> Vec<String> {
    let port = bound.port();
    let ip = match bound.ip() {
        std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        v4 => v4.to_string(),
    };
    let mut hosts = Vec::new();
    for name in ["localhost", "127.0.0.1", "[::1]", ip.as_str()] {
        hosts.push(name.to_string());
        hosts.push(format!("{name}:{port}"));
    }
    hosts
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(get(file))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            check_host,
        ))
        .with_state(shared)
}

/// Serves on `listener` until `stop` resolves, then ends every event
/// stream and returns once open requests are answered (or after a second).
pub async fn run(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    stop: impl Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let app = router(Arc::clone(&shared));
    let limit = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            _ = &mut stop => break,
            permit = Arc::clone(&limit).acquire_owned() => permit,
        };
        let Ok(permit) = permit else { break };
        let (stream, _) = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait a moment.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut stopping = shared.stopping.subscribe();
        connections.spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = stopped(&mut stopping) => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(permit);
        });
        while connections.try_join_next().is_some() {}
    }
    let _ = shared.stopping.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    Ok(())
}

/// Resolves once serve stops.
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await.map(|_| ());
}

/// Refuses requests whose `Host` is not this machine's.
async fn check_host(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.to_ascii_lowercase());
    match host {
        Some(host) if shared.hosts.contains(&host) => next.run(request).await,
        _ => (
            StatusCode::FORBIDDEN,
            "This preview answers only requests for localhost.\n",
        )
            .into_response(),
    }
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        RELOAD_SCRIPT,
    )
        .into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let current = shared.current_errors();
    let first =
        tokio_stream::iter(current.map(|json| Ok(Event::default().event("errors").data(json))));
    let updates =
        BroadcastStream::new(shared.notices.subscribe()).filter_map(|notice| match notice {
            Ok(Notice::Reload(urls)) => {
                let data = urls.map_or_else(
                    || "*".to_string(),
                    |u| serde_json::to_string(&u).unwrap_or_else(|_| "*".into()),
                );
                Some(Ok(Event::default().event("reload").data(data)))
            }
            Ok(Notice::Errors(json)) => Some(Ok(Event::default().event("errors").data(json))),
            Err(_) => None,
        });
    // The stream ends when serve stops, so an open tab never holds it up.
    let stopping = WatchStream::new(shared.stopping.subscribe())
        .filter(|stop| *stop)
        .map(|_| None);
    let stream = first
        .chain(updates)
        .map(Some)
        .merge(stopping)
        .take_while(Option::is_some)
        .filter_map(|event| event);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn file(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if !shared.published.load(Ordering::SeqCst) {
        return error_page(&shared);
    }
    let base_path = read(&shared.base_path).clone();
    let path = request.uri().path().to_string();
    match resolve_request(&shared.root, &base_path, &path) {
        Resolved::File(file) => {
            make_if_stale(&shared, &file).await;
            send_file(&file, StatusCode::OK).await
        }
        Resolved::Redirect(to) => {
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
        }
        Resolved::NotFound => {
            // A large file not made yet since serve started or since it
            // was removed: make it now, then answer as if it had been there.
            let rel = path.strip_prefix(base_path.as_str()).unwrap_or(&path);
            if want_if_stale(&shared, rel.trim_start_matches('/')).await {
                if let Resolved::File(file) = resolve_request(&shared.root, &base_path, &path) {
                    return send_file(&file, StatusCode::OK).await;
                }
            }
            not_found(&shared.root).await
        }
        Resolved::Refused => {
            (StatusCode::BAD_REQUEST, "This path is not allowed.\n").into_response()
        }
    }
}

/// A large file that is out of date is made (by the engine's thread)
/// before it is sent, so what is served always equals what a build writes.
async fn make_if_stale(shared: &Shared, file: &Path) {
    let Ok(real_root) = shared.root.canonicalize() else {
        return;
    };
    let Some(rel) = file
        .strip_prefix(&real_root)
        .ok()
        .map(|r| r.to_string_lossy().replace('\\', "/"))
    else {
        return;
    };
    want_if_stale(shared, &rel).await;
}

/// Asks the engine for the large file at `rel` if it is out of date and
/// waits until it is made. Returns whether it was asked for.
async fn want_if_stale(shared: &Shared, rel: &str) -> bool {
    if !read(&shared.stale).contains(rel) {
        return false;
    }
    let (reply, done) = tokio::sync::oneshot::channel();
    let sent = shared
        .messages
        .lock()
        .map(|tx| tx.send(Message::Want(rel.to_string(), reply)).is_ok())
        .unwrap_or(false);
    if sent {
        let _ = tokio::time::timeout(Duration::from_secs(120), done).await;
    }
    sent
}

/// Every page before the site has built once without errors: the errors,
/// with the reload script, so the page reloads when they are fixed.
fn error_page(shared: &Shared) -> Response {
    let problems: Vec<serde_json::Value> = shared
        .current_errors()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>The site did not build</title></head><body>\n<main>\n<h1>The site did not build</h1>\n<ul>\n",
    );
    for problem in &problems {
        let field = |name: &str| problem[name].as_str().unwrap_or_default().to_string();
        html.push_str(&format!(
            "<li><code>{}</code>: {}{}</li>\n",
            escape_html(&field("location")),
            escape_html(&field("message")),
            match field("hint") {
                hint if hint.is_empty() => String::new(),
                hint => format!("<br>help: {}", escape_html(&hint)),
            }
        ));
    }
    html.push_str("</ul>\n<p>Fix the file and save it: this page reloads by itself.</p>\n</main>\n</body></html>\n");
    let body = inject_script(html.into_bytes());
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn not_found(root: &Path) -> Response {
    let page = root.join("404.html");
    if page.is_file() {
        send_file(&page, StatusCode::NOT_FOUND).await
    } else {
        (StatusCode::NOT_FOUND, "Not found\n").into_response()
    }
}

async fn send_file(path: &Path, status: StatusCode) -> Response {
    let Ok(bytes) = tokio::fs::read(path).await else {
        return (StatusCode::NOT_FOUND, "Not found\n").into_response();
    };
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html { inject_script(bytes) } else { bytes };
    let mut content_type = mime.essence_str().to_string();
    if mime.type_() == "text"
        || mime.essence_str() == "application/javascript"
        || mime.essence_str() == "application/json"
    {
        content_type.push_str("; charset=utf-8");
    }
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the reload script before `</body>` (or at the end). Only `serve`
/// does this; built sites never carry it.
pub fn inject_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>\n");
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash, or the site's base.
    Redirect(String),
    NotFound,
    /// The path tries to leave the served folder, or cannot be decoded.
    Refused,
}

/// Maps a URL path to a file inside `root`, refusing anything that could
/// reach outside it. Only the part below `base_path` is served.
pub fn resolve_request(root: &Path, base_path: &str, url_path: &str) -> Resolved {
    // Redirects echo `url_path`, so it must be an absolute path as sent.
    if !url_path.starts_with('/') {
        return Resolved::Refused;
    }
    let Some(decoded) = decode_path(url_path) else {
        return Resolved::Refused;
    };
    if decoded.contains(['\\', '\0']) || decoded.split('/').any(|part| part == ".." || part == ".")
    {
        return Resolved::Refused;
    }
    if !decoded.starts_with('/') {
        return Resolved::Refused;
    }
    let Some(rel) = decoded.strip_prefix(base_path) else {
        if format!("{decoded}/") == base_path || decoded == "/" {
            return Resolved::Redirect(base_path.to_string());
        }
        return Resolved::NotFound;
    };
    let rel = Path::new(rel);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Resolved::Refused;
    }
    let candidate = root.join(rel);
    // Symlinks are followed only when they stay inside the served folder.
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), candidate.canonicalize()) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Resolved::Refused;
    }
    if real.is_dir() {
        if !url_path.ends_with('/') {
            return Resolved::Redirect(format!("{url_path}/"));
        }
        let index = real.join("index.html");
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    Resolved::File(real)
}

/// Percent-decodes a URL path into UTF-8 text; `None` for invalid escapes
/// or bytes that are not UTF-8.
fn decode_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            // Two hex digits exactly: `from_str_radix` alone would take `+2`.
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site/a")).unwrap();
        std::fs::write(dir.path().join("site/a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn serves_files_and_folders() {
        let dir = site();
        let root = dir.path().join("site");
        let real = root.canonicalize().unwrap();
        assert_eq!(
            resolve_request(&root, "/", "/a/"),
            Resolved::File(real.join("a/index.html"))
        );
        assert_eq!(
            resolve_request(&root, "/", "/a"),
            Resolved::Redirect("/a/".into())
        );
        assert_eq!(
            resolve_request(&root, "/", "/a/index.html"),
            Resolved::File(real.join("a/index.html"))
        );
        assert_eq!(resolve_request(&root, "/", "/nothing"), Resolved::NotFound);
        assert_eq!(
            resolve_request(&root, "/guide/", "/"),
            Resolved::Redirect("/guide/".into())
        );
    }

    #[test]
    fn refuses_every_way_out() {
        let dir = site();
        let root = dir.path().join("site");
        for attempt in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/a/%2e%2e/%2e%2e/secret.txt",
            "/..%5csecret.txt",
            "/%5c..%5csecret.txt",
            "/a/..\\..\\secret.txt",
            "/%00",
            "/%ff",
            "/%2",
            "//etc/passwd",
            "/./a/",
        ] {
            let resolved = resolve_request(&root, "/", attempt);
            assert!(
                matches!(resolved, Resolved::Refused | Resolved::NotFound),
                "{attempt}: {resolved:?}"
            );
            assert!(
                !matches!(resolved, Resolved::File(ref f) if f.ends_with("secret.txt")),
                "{attempt}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_that_point_out_are_refused() {
        let dir = site();
        let root = dir.path().join("site");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(resolve_request(&root, "/", "/link.txt"), Resolved::Refused);
    }

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let html = inject_script(b"<html><body><p>x</p></body></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.contains("<p>x</p><script src=\"/__careers/reload.js\" defer></script>\n</body>")
        );
    }
}
