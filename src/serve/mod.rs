//! `careers serve`: build, serve over HTTP, rebuild on save, reload pages.
//!
//! Serve = the build pipeline kept warm ([`engine`]) + a file watcher + an
//! HTTP server ([`http`]). The site is built into a temporary folder of its
//! own, never into `output/`, and removed when serve stops (Ctrl-C, SIGTERM
//! or SIGHUP). Saves are debounced (an editor's burst of writes gives one
//! rebuild) and handed to the engine as the paths they touched; open pages
//! then reload, or show the errors over the last good version. One thread
//! owns the engine: the watcher and the HTTP side send it messages.

pub mod engine;
pub mod http;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use serde::Serialize;

use engine::{Engine, Outcome};
use http::{Notice, Shared};

/// What `careers serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: std::net::IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub include_drafts: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Build(#[from] crate::build::BuildError),
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot watch {path}: {source}")]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    #[error("cannot create the preview folder: {0}")]
    Io(#[from] std::io::Error),
}

/// What the engine's thread is told.
pub enum Message {
    /// Something changed on disk.
    Changed(notify::Result<notify::Event>),
    /// A reader asks for a large file that is out of date: make it, then
    /// answer.
    Want(String, tokio::sync::oneshot::Sender<()>),
}

/// Writes a line to the terminal. Serve keeps running when its terminal
/// is gone (stderr closed, or a pipe whose reader quit): the preview is what
/// matters, so a failed write is dropped instead of panicking as `eprintln!`
/// does, and unlike [`crate::console`], which ends a command whose reader
/// left. Control characters are escaped as the console does.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stderr().lock(), "{}", crate::console::escape_controls(&text));
    }};
}

/// How long the watcher waits for an editor's burst of writes to end.
const QUIET: Duration = Duration::from_millis(15);
const MAX_WAIT: Duration = Duration::from_millis(500);

/// Runs until Ctrl-C, SIGTERM or SIGHUP. `ready` is called with the
/// address once serving.
pub fn serve(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let work_dir = tempfile::Builder::new()
        .prefix("careers-serve-")
        .tempdir()?;
    // The watcher reports absolute paths; compare them with absolute ones.
    let root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.clone());
    let (engine, first) =
        Engine::new(&root, options.include_drafts, &work_dir.path().join("site"))?;
    report(&first);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .map_err(|source| ServeError::Listen { address, source })?;
    let local = listener.local_addr()?;
    if !options.bind.is_loopback() {
        tell!(
            "warning: serving on {} makes drafts and errors readable by other machines on the network; \
             use --bind 127.0.0.1 unless you mean to share the preview",
            options.bind
        );
    }
    let (messages_tx, messages) = mpsc::channel();
    let shared = Arc::new(Shared::new(&engine, &first, local, messages_tx.clone()));
    let watcher_tx = messages_tx;
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = watcher_tx.send(Message::Changed(event));
    })
    .map_err(|source| ServeError::Watch {
        path: options.root.clone(),
        source,
    })?;
    watch_site(&mut watcher, engine.layout())?;
    let rebuilds = {
        let shared = Arc::clone(&shared);
        let restart = (root.clone(), options.include_drafts);
        std::thread::spawn(move || rebuild_loop(engine, messages, &shared, watcher, restart))
    };
    ready(local);
    let served = runtime.block_on(http::run(listener, Arc::clone(&shared), stop_signal()));
    drop(rebuilds); // The loop ends with the process; its folder goes with `work_dir`.
    runtime.shutdown_timeout(Duration::from_millis(200));
    served.map_err(ServeError::Io)
}

/// Resolves on Ctrl-C, SIGTERM or SIGHUP: each stops serve the same way,
/// so the temporary folder is always removed.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let (Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
            _ = hup.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Watches the folders a site is made of: recursively where they exist,
/// and the site folder itself (not recursively) for site.yaml and for
/// folders that appear later.
fn watch_site(
    watcher: &mut impl Watcher,
    layout: &crate::config::Layout,
) -> Result<(), ServeError> {
    let watch = |w: &mut dyn Watcher, path: &std::path::Path, mode| {
        w.watch(path, mode).map_err(|source| ServeError::Watch {
            path: path.to_path_buf(),
            source,
        })
    };
    watch(watcher, &layout.root, RecursiveMode::NonRecursive)?;
    // `i18n/` holds the site's strings files, read with the templates.
    for dir in [
        &layout.content,
        &layout.templates,
        &layout.static_dir,
        &layout.root.join("i18n"),
        &layout.root.join("themes"),
    ] {
        if dir.is_dir() {
            watch(watcher, dir, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

fn rebuild_loop(
    mut engine: Engine,
    messages: mpsc::Receiver<Message>,
    shared: &Shared,
    mut watcher: notify::RecommendedWatcher,
    restart: (PathBuf, bool),
) {
    // A change that arrives while listings wait to be re-rendered goes
    // first: the page being edited matters more than the listings.
    let mut carried = None;
    loop {
        let first = match carried.take() {
            Some(event) => event,
            None => match next_change(&mut engine, &messages, shared, None) {
                Ok(Some(event)) => event,
                Ok(None) => continue,
                Err(()) => return,
            },
        };
        let Some(paths) = next_batch(first, &mut engine, &messages, shared) else {
            return;
        };
        if !paths.is_empty() {
            if paths
                .iter()
                .any(|p| p.parent() == Some(engine.layout().root.as_path()))
            {
                // A site folder may have appeared: watch it too.
                let _ = watch_site(&mut watcher, engine.layout());
            }
            let outcome = guarded(&mut engine, &restart, |e| e.apply(&paths));
            publish(&engine, &outcome, shared);
        }
        // Listings left for later go out unless another edit comes first
        // (a scratch-only batch above must not strand them).
        while engine.has_deferred() {
            match next_change(&mut engine, &messages, shared, Some(QUIET * 3)) {
                Ok(Some(event)) => {
                    carried = Some(event);
                    break;
                }
                Ok(None) => {
                    let listings = guarded(&mut engine, &restart, Engine::run_deferred);
                    publish(&engine, &listings, shared);
                }
                Err(()) => return,
            }
        }
    }
}

/// Runs `work` on the engine. A panic (a bug in careers) becomes an error
/// on the overlay instead of ending the rebuilds; the engine then starts
/// over from the files, as a fresh `serve` would.
fn guarded(
    engine: &mut Engine,
    restart: &(PathBuf, bool),
    work: impl FnOnce(&mut Engine) -> Outcome,
) -> Outcome {
    match std::panic::catch_unwind(AssertUnwindSafe(|| work(engine))) {
        Ok(outcome) => outcome,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            let folder = engine.served_dir().to_path_buf();
            if let Ok((fresh, _)) = Engine::new(&restart.0, restart.1, &folder) {
                *engine = fresh;
            }
            let problem = crate::diagnostics::Diagnostic::error(
                "careers",
                format!("careers failed while rebuilding (a bug: {message}); the preview started over from the files"),
            )
            .with_hint("please report this with the file you were editing");
            Outcome {
                diagnostics: vec![problem],
                published: false,
                rendered: 0,
                elapsed_ms: 0.0,
                kind: "internal error",
                urls: None,
            }
        }
    }
}

/// Waits for the next change on disk (up to `timeout`, when given),
/// answering requests for large files meanwhile. `Ok(None)` on time-out,
/// `Err` when every sender is gone.
fn next_change(
    engine: &mut Engine,
    messages: &mpsc::Receiver<Message>,
    shared: &Shared,
    timeout: Option<Duration>,
) -> Result<Option<notify::Result<notify::Event>>, ()> {
    loop {
        let message = match timeout {
            Some(t) => match messages.recv_timeout(t) {
                Ok(m) => m,
                Err(mpsc::RecvTimeoutError::Timeout) => return Ok(None),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(()),
            },
            None => messages.recv().map_err(|_| ())?,
        };
        match message {
            // careers' own reads (of content, of copied files when it
            // fingerprints them) are reported too; they change nothing.
            Message::Changed(Ok(event)) if matches!(event.kind, notify::EventKind::Access(_)) => {}
            Message::Changed(event) => return Ok(Some(event)),
            Message::Want(path, reply) => {
                engine.materialize(&path);
                shared.set_stale(engine.stale_large_files());
                let _ = reply.send(());
            }
        }
    }
}

/// Points the server at the engine's output and tells open pages.
fn publish(engine: &Engine, outcome: &Outcome, shared: &Shared) {
    report(outcome);
    shared.update(engine, errors_json(outcome));
    let notice = match shared.current_errors() {
        Some(json) => Notice::Errors(json),
        None => Notice::Reload(outcome.urls.clone()),
    };
    let _ = shared.notices.send(notice);
}

/// Gathers the rest of the burst that `first` started, leaving out the
/// scratch files editors write beside the real ones.
fn next_batch(
    first: notify::Result<notify::Event>,
    engine: &mut Engine,
    messages: &mpsc::Receiver<Message>,
    shared: &Shared,
) -> Option<BTreeSet<PathBuf>> {
    let mut paths = BTreeSet::new();
    collect(first, &mut paths);
    let started = std::time::Instant::now();
    while started.elapsed() < MAX_WAIT {
        match next_change(engine, messages, shared, Some(QUIET)) {
            Ok(Some(event)) => collect(event, &mut paths),
            Ok(None) => break,
            Err(()) => return None,
        }
    }
    paths.retain(|path| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        !is_editor_scratch(&name.unwrap_or_default())
    });
    Some(paths)
}

fn collect(event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
    if let Ok(event) = event {
        if !matches!(event.kind, notify::EventKind::Access(_)) {
            paths.extend(event.paths);
        }
    }
}

/// Swap, backup and lock files editors write beside the real one.
fn is_editor_scratch(name: &str) -> bool {
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

#[derive(Serialize)]
struct OverlayProblem {
    location: String,
    message: String,
    hint: Option<String>,
    source: Option<String>,
}

/// The errors of a rebuild as the overlay shows them; `None` without errors.
fn errors_json(outcome: &Outcome) -> Option<String> {
    let problems: Vec<OverlayProblem> = outcome
        .errors()
        .map(|d| OverlayProblem {
            location: match d.position {
                Some(p) => format!("{}:{}:{}", d.file.display(), p.line, p.column),
                None => d.file.display().to_string(),
            },
            message: d.message.clone(),
            hint: d.hint.clone(),
            source: d.source_line.clone(),
        })
        .collect();
    (!problems.is_empty()).then(|| serde_json::to_string(&problems).unwrap_or_default())
}

fn report(outcome: &Outcome) {
    let errors = outcome.errors().count();
    if errors > 0 {
        for d in outcome.errors() {
            tell!("{d}");
        }
        tell!(
            "✗ {errors} error(s): still serving the last good version ({}, {:.1} ms)",
            outcome.kind,
            outcome.elapsed_ms
        );
    } else {
        let warnings = outcome.diagnostics.len();
        tell!(
            "✓ {}: rendered {} file(s) in {:.1} ms{}",
            outcome.kind,
            outcome.rendered,
            outcome.elapsed_ms,
            if warnings > 0 {
                format!(" ({warnings} warning(s); `careers check` lists them)")
            } else {
                String::new()
            }
        );
    }
}
