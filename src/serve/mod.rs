//! `careers serve`: build, serve over HTTP, rebuild on save, reload pages.
//!
//! Serve = the build pipeline kept warm ([`engine`]) + a file watcher + an
//! HTTP server ([`http`]). The site is built into a temporary folder of its
//! own, never into `output/`, and removed when serve stops. Saves are
//! debounced (an editor's burst of writes gives one rebuild), sorted into
//! what they touch, and applied incrementally; open pages then reload, or
//! show the errors over the last good version.

pub mod engine;
pub mod http;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use serde::Serialize;

use engine::{Changes, Engine, Outcome};
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

/// How long the watcher waits for an editor's burst of writes to end.
const QUIET: Duration = Duration::from_millis(15);
const MAX_WAIT: Duration = Duration::from_millis(500);

/// Runs until Ctrl-C. `ready` is called with the address once serving.
pub fn serve(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let work_dir = tempfile::Builder::new()
        .prefix("careers-serve-")
        .tempdir()?;
    // The watcher reports absolute paths; compare them with absolute ones.
    let root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.clone());
    let (engine, first) = Engine::new(&root, options.include_drafts, work_dir.path())?;
    report(&first);
    let (notices, _) = tokio::sync::broadcast::channel(16);
    let shared = Arc::new(Shared {
        root: RwLock::new(engine.served_dir().to_path_buf()),
        base_path: RwLock::new(engine.base_path().to_string()),
        notices,
        current_errors: RwLock::new(errors_json(&first)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .map_err(|source| ServeError::Listen { address, source })?;
    let local = listener.local_addr()?;
    let (events_tx, events_rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events_tx.send(event);
    })
    .map_err(|source| ServeError::Watch {
        path: options.root.clone(),
        source,
    })?;
    watch_site(&mut watcher, engine.layout())?;
    let rebuilds = {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || rebuild_loop(engine, events_rx, &shared, watcher))
    };
    ready(local);
    let app = http::router(Arc::clone(&shared));
    let served = runtime.block_on(async {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    drop(rebuilds); // The loop ends with the process; its folder goes with `work_dir`.
    served.map_err(ServeError::Io)
}

/// Watches the folders a site is made of: recursively where they exist,
/// and the site folder itself (not recursively) for site.yaml and for
/// folders that appear later.
fn watch_site(
    watcher: &mut impl Watcher,
    layout: &crate::config::Layout,
) -> Result<(), ServeError> {
    let watch = |w: &mut dyn Watcher, path: &Path, mode| {
        w.watch(path, mode).map_err(|source| ServeError::Watch {
            path: path.to_path_buf(),
            source,
        })
    };
    watch(watcher, &layout.root, RecursiveMode::NonRecursive)?;
    for dir in [
        &layout.content,
        &layout.templates,
        &layout.static_dir,
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
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    shared: &Shared,
    mut watcher: notify::RecommendedWatcher,
) {
    // A change that arrives while listings wait to be re-rendered goes
    // first: the page being edited matters more than the listings.
    let mut carried = None;
    loop {
        let first = match carried.take() {
            Some(event) => event,
            None => match events.recv() {
                Ok(event) => event,
                Err(_) => return,
            },
        };
        let Some(paths) = next_batch(first, &events) else {
            return;
        };
        let changes = classify(&engine, &paths);
        if changes == Changes::default() {
            continue;
        }
        if changes.everything {
            let _ = watch_site(&mut watcher, engine.layout());
        }
        let outcome = engine.apply(&changes);
        publish(&engine, &outcome, shared);
        while engine.has_deferred() {
            match events.recv_timeout(QUIET * 3) {
                Ok(event) => {
                    carried = Some(event);
                    break;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let listings = engine.run_deferred();
                    publish(&engine, &listings, shared);
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}

/// Points the server at the engine's output and tells open pages.
fn publish(engine: &Engine, outcome: &Outcome, shared: &Shared) {
    report(outcome);
    *write(&shared.root) = engine.served_dir().to_path_buf();
    *write(&shared.base_path) = engine.base_path().to_string();
    let errors = errors_json(outcome);
    *write(&shared.current_errors) = errors.clone();
    let notice = match errors {
        Some(json) => Notice::Errors(json),
        None => Notice::Reload(outcome.urls.clone()),
    };
    let _ = shared.notices.send(notice);
}

/// Gathers the rest of the burst that `first` started.
fn next_batch(
    first: notify::Result<notify::Event>,
    events: &mpsc::Receiver<notify::Result<notify::Event>>,
) -> Option<BTreeSet<PathBuf>> {
    let mut paths = BTreeSet::new();
    collect(first, &mut paths);
    let started = std::time::Instant::now();
    while started.elapsed() < MAX_WAIT {
        match events.recv_timeout(QUIET) {
            Ok(event) => collect(event, &mut paths),
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
    Some(paths)
}

fn collect(event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
    if let Ok(event) = event {
        if !matches!(event.kind, notify::EventKind::Access(_)) {
            paths.extend(event.paths);
        }
    }
}

/// Sorts changed paths into what they require.
pub fn classify(engine: &Engine, paths: &BTreeSet<PathBuf>) -> Changes {
    let layout = engine.layout();
    let theme = &layout.theme;
    let mut changes = Changes::default();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_editor_scratch(&name) {
            continue;
        }
        if let Ok(rel) = path.strip_prefix(&layout.content) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            let markdown = rel.ends_with(".md");
            if markdown && path.is_file() && engine.knows(&rel) {
                changes.content.insert(rel);
            } else if markdown || path.is_file() || engine.knows_asset(&rel) {
                changes.everything = true; // added, removed or renamed
            }
            // Anything else is gone again already: an editor's or a tool's
            // temporary file (sed, some IDEs), never part of the site.
        } else if path.starts_with(&layout.templates) || path.starts_with(theme.join("templates")) {
            changes.templates = true;
        } else if path.starts_with(&layout.static_dir) || path.starts_with(theme.join("static")) {
            changes.static_files = true;
        } else if path == &layout.config_file || path.starts_with(layout.root.join("themes")) {
            changes.everything = true;
        } else if path.parent() == Some(layout.root.as_path())
            && ["content", "templates", "static", "themes"].contains(&name.as_str())
        {
            changes.everything = true; // a site folder appeared or went
        }
    }
    changes
}

/// Swap, backup and lock files editors write beside the real one.
fn is_editor_scratch(name: &str) -> bool {
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || (name.starts_with('.') && name.contains(".careers-tmp-"))
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
            eprintln!("{d}");
        }
        eprintln!(
            "✗ {errors} error(s): still serving the last good version ({}, {:.1} ms)",
            outcome.kind, outcome.elapsed_ms
        );
    } else {
        let warnings = outcome.diagnostics.len();
        eprintln!(
            "✓ {}: rendered {} page(s) in {:.1} ms{}",
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

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}
