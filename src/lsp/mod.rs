//! `careers lsp`: a language server over stdio for the Markdown files of
//! `content/` and for `site.yaml`.
//!
//! It keeps one [`Pipeline`] alive, as `serve` does, and hands it each
//! buffer the editor opens or changes as an overlay of the file
//! ([`Pipeline::set_text`]): the diagnostics are the build's own, found by
//! the build's own stages over the open buffers and the other files on
//! disk, so a `related` slug that names no profile or two pages at one URL
//! show as the editor types. Completion and hovers read the JSON Schema of
//! the content model (`crate::schema`), whose descriptions are the doc
//! comments of the types the build reads, and the resolved site (cluster
//! and area names, profiles). The protocol itself is `lsp-server`'s
//! (rust-analyzer's), with the message types of `lsp-types`.

mod assist;
pub(crate) mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification, request};
use serde_json::{json, Value};

use crate::build::{BuildOptions, Timer};
use crate::diagnostics::{Diagnostic, Severity};
use crate::pipeline::Pipeline;
use text::LspPosition;

/// What stops the server.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("the editor's connection failed: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the editor's connection failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("the editor sent initialize parameters that cannot be read: {0}")]
    Params(#[from] serde_json::Error),
}

/// Runs the server on stdin and stdout until the editor says `exit`.
/// `root` is the site folder; without it, the editor's workspace folder.
pub fn run(root: Option<PathBuf>) -> Result<(), LspError> {
    let (connection, io_threads) = Connection::stdio();
    let params = connection.initialize(capabilities())?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params)?;
    let root = root
        .or_else(|| workspace_root(&params))
        .unwrap_or_else(|| PathBuf::from("."));
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let watch = watches_files(&params);
    let mut server = Server::new(root, today());
    if let Some(message) = &server.unavailable {
        let params = json!({ "type": 2, "message": message });
        let note = Notification::new(notification::ShowMessage::METHOD.into(), params);
        connection.sender.send(note.into()).ok();
    }
    // `initialize` has waited for the editor's `initialized`, after which
    // the server may ask things of it.
    if watch {
        connection.sender.send(watch_request().into()).ok();
    }
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    break;
                }
                let response = server.request(request);
                connection.sender.send(response.into()).ok();
            }
            Message::Notification(note) => {
                for out in server.notification(note) {
                    connection.sender.send(out.into()).ok();
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(connection);
    io_threads.join()?;
    Ok(())
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// What the server offers: whole buffers on every change (profiles are
/// small, and the build reads whole files), completion, hovers and go to
/// definition.
fn capabilities() -> Value {
    json!({
        "textDocumentSync": { "openClose": true, "change": 1, "save": { "includeText": false } },
        "completionProvider": { "triggerCharacters": [":", " ", "[", ",", "-"] },
        "hoverProvider": true,
        "definitionProvider": true,
        "positionEncoding": "utf-16",
    })
}

/// Whether the editor can watch files for the server (then files changed
/// by other programs, such as `careers import` or `git pull`, are read
/// again as they change).
fn watches_files(params: &lsp_types::InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// Asks the editor to report changes to the files a site is made of.
fn watch_request() -> Request {
    let watchers = ["**/*.md", "**/site.yaml", "**/templates/**", "**/static/**"]
        .map(|glob| json!({ "globPattern": glob }));
    Request::new(
        lsp_server::RequestId::from("careers-watch".to_string()),
        request::RegisterCapability::METHOD.into(),
        json!({
            "registrations": [{
                "id": "careers-watch",
                "method": notification::DidChangeWatchedFiles::METHOD,
                "registerOptions": { "watchers": watchers },
            }]
        }),
    )
}

fn workspace_root(params: &lsp_types::InitializeParams) -> Option<PathBuf> {
    #[allow(deprecated)] // `root_uri` is what older editors send.
    let uri = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|f| f.uri.as_str().to_string())
        .or_else(|| params.root_uri.as_ref().map(|u| u.as_str().to_string()))?;
    path_of(&uri)
}

/// The path of a `file:` URI.
pub(crate) fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///c:/x` on Windows, `file:///x` elsewhere; a host part
    // (`file://host/x`) is not a local file.
    let path = rest.strip_prefix('/').map(|p| format!("/{p}"))?;
    let mut bytes = Vec::with_capacity(path.len());
    let mut iter = path.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hex: Vec<u8> = iter.by_ref().take(2).collect();
            let value = std::str::from_utf8(&hex)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())?;
            bytes.push(value);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

/// The `file:` URI of an absolute path.
pub(crate) fn uri_of(path: &Path) -> String {
    let mut uri = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

/// The server's state: the site's pipeline and the open buffers. Public
/// for the latency benchmark (`examples/lsp_latency.rs`), which times
/// [`Server::set_text`] without the stdio transport.
pub struct Server {
    root: PathBuf,
    pipeline: Option<Pipeline>,
    /// Why there is no pipeline (no `content/` folder), told once.
    unavailable: Option<String>,
    /// Open buffers by path.
    open: HashMap<PathBuf, String>,
    /// Files that had diagnostics at the last publication, to clear them.
    published: BTreeSet<PathBuf>,
    today: jiff::civil::Date,
}

impl Server {
    pub fn new(root: PathBuf, today: jiff::civil::Date) -> Self {
        // Drafts are read, as `serve --drafts` does: a profile is usually
        // a draft while it is being written.
        let options = BuildOptions {
            root: root.clone(),
            include_drafts: true,
            ..Default::default()
        };
        let (pipeline, unavailable) = match Pipeline::new(&options, &mut Timer::start()) {
            Ok(pipeline) => (Some(pipeline), None),
            Err(err) => (None, Some(format!("careers lsp: {err}"))),
        };
        Server {
            root,
            pipeline,
            unavailable,
            open: HashMap::new(),
            published: BTreeSet::new(),
            today,
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            request::Completion::METHOD => self.position_request(&request, assist::completion),
            request::HoverRequest::METHOD => self.position_request(&request, assist::hover),
            request::GotoDefinition::METHOD => self.position_request(&request, assist::definition),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("careers lsp does not answer {}", request.method),
                )
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
        }
    }

    /// Answers a request about a place in a buffer with `answer`.
    fn position_request(
        &self,
        request: &Request,
        answer: fn(&assist::Place) -> Value,
    ) -> Result<Value, String> {
        let params: lsp_types::TextDocumentPositionParams =
            serde_json::from_value(request.params.clone())
                .map_err(|err| format!("unreadable parameters: {err}"))?;
        let Some(path) = path_of(params.text_document.uri.as_str()) else {
            return Ok(Value::Null);
        };
        let Some(text) = self.open.get(&path) else {
            return Ok(Value::Null);
        };
        let (Some(pipeline), Some(kind)) = (&self.pipeline, self.kind_of(&path)) else {
            return Ok(Value::Null);
        };
        let position = LspPosition {
            line: params.position.line,
            character: params.position.character,
        };
        let place = assist::Place {
            text,
            kind,
            position,
            site: pipeline.site(),
            root: &self.root,
            content: &pipeline.layout().content,
        };
        Ok(answer(&place))
    }

    /// Whether `path` is a file the server reads: a page of `content/` or
    /// `site.yaml`.
    fn kind_of(&self, path: &Path) -> Option<assist::Kind> {
        let pipeline = self.pipeline.as_ref()?;
        let layout = pipeline.layout();
        if path == layout.config_file {
            return Some(assist::Kind::SiteYaml);
        }
        let rel = path.strip_prefix(&layout.content).ok()?;
        crate::content::is_page_path(rel).then_some(assist::Kind::Page)
    }

    fn notification(&mut self, note: Notification) -> Vec<Notification> {
        let changed = match note.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(note.params)
                    .ok()
                    .and_then(|p| {
                        Some((
                            path_of(p.text_document.uri.as_str())?,
                            Some(p.text_document.text),
                        ))
                    })
            }
            notification::DidChangeTextDocument::METHOD => {
                serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(note.params)
                    .ok()
                    .and_then(|p| {
                        // Full sync: the last change holds the whole text.
                        let text = p.content_changes.into_iter().last()?.text;
                        Some((path_of(p.text_document.uri.as_str())?, Some(text)))
                    })
            }
            notification::DidCloseTextDocument::METHOD => {
                serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(note.params)
                    .ok()
                    .and_then(|p| Some((path_of(p.text_document.uri.as_str())?, None)))
            }
            // A save, or a file changed by another program: read the disk again.
            notification::DidSaveTextDocument::METHOD => {
                serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(note.params)
                    .ok()
                    .and_then(|p| {
                        let path = path_of(p.text_document.uri.as_str())?;
                        let text = self.open.get(&path).cloned();
                        Some((path, text))
                    })
            }
            notification::DidChangeWatchedFiles::METHOD => {
                let paths: BTreeSet<PathBuf> =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(note.params)
                        .map(|p| p.changes)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|change| path_of(change.uri.as_str()))
                        .collect();
                return self.files_changed(&paths);
            }
            _ => None,
        };
        let Some((path, text)) = changed else {
            return Vec::new();
        };
        self.set_text(&path, text)
    }

    /// Takes in files changed on disk (reported by the editor's watcher),
    /// as `serve` takes in its watcher's: open buffers still stand in for
    /// their files.
    fn files_changed(&mut self, paths: &BTreeSet<PathBuf>) -> Vec<Notification> {
        let Some(pipeline) = &mut self.pipeline else {
            return Vec::new();
        };
        let closed: BTreeSet<PathBuf> = paths
            .iter()
            .filter(|p| !self.open.contains_key(*p))
            .cloned()
            .collect();
        let Some(first) = closed.iter().next().cloned() else {
            return Vec::new();
        };
        pipeline.apply(&closed);
        self.publish(&first)
    }

    /// Takes in a buffer's new text (`None`: closed, the disk again) and
    /// returns the diagnostics to publish.
    pub fn set_text(&mut self, path: &Path, text: Option<String>) -> Vec<Notification> {
        match &text {
            Some(text) => self.open.insert(path.to_path_buf(), text.clone()),
            None => self.open.remove(path),
        };
        if self.kind_of(path).is_none() {
            return Vec::new();
        }
        let Some(pipeline) = &mut self.pipeline else {
            return Vec::new();
        };
        pipeline.set_text(path, text);
        self.publish(path)
    }

    /// The build's diagnostics now, one notification per file that has
    /// some or had some at the last publication, and for `edited` (an
    /// empty list tells the editor the file is clean).
    fn publish(&mut self, edited: &Path) -> Vec<Notification> {
        let Some(pipeline) = &self.pipeline else {
            return Vec::new();
        };
        let open_pages: BTreeSet<String> = self
            .open
            .keys()
            .filter_map(|p| p.strip_prefix(&pipeline.layout().content).ok())
            .map(|rel| rel.to_string_lossy().replace('\\', "/"))
            .collect();
        let mut by_file: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        for d in problems(pipeline, &open_pages, self.today) {
            by_file.entry(self.root.join(&d.file)).or_default().push(d);
        }
        let mut notes = Vec::new();
        let files: BTreeSet<PathBuf> = by_file
            .keys()
            .cloned()
            .chain(std::mem::take(&mut self.published))
            .chain([edited.to_path_buf()])
            .collect();
        for file in files {
            let found = by_file.remove(&file).unwrap_or_default();
            let text = match self.open.get(&file) {
                Some(text) => text.clone(),
                None => std::fs::read_to_string(&file).unwrap_or_default(),
            };
            let diagnostics: Vec<Value> = found.iter().map(|d| lsp_diagnostic(d, &text)).collect();
            if !diagnostics.is_empty() {
                self.published.insert(file.clone());
            }
            let params = json!({ "uri": uri_of(&file), "diagnostics": diagnostics });
            notes.push(Notification::new(
                notification::PublishDiagnostics::METHOD.into(),
                params,
            ));
        }
        notes
    }
}

/// Every problem a build of the site as it is now would report, with the
/// warnings `check` gives on stale editor notes of the open pages: the stages' problems, the
/// rules on output paths (two pages at one URL), and what rendering the
/// open pages finds (a link to a missing file).
pub(crate) fn problems(
    pipeline: &Pipeline,
    open_pages: &BTreeSet<String>,
    today: jiff::civil::Date,
) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = pipeline.problems().cloned().collect();
    let site = pipeline.site();
    if let Some(rendering) = pipeline.rendering() {
        let ctx = rendering.ctx(None);
        let outputs = crate::render::outputs(&ctx);
        found.extend(crate::render::collisions::check(&ctx, &outputs).problems);
        for output in outputs
            .iter()
            .filter(|o| o.page().is_some_and(|rel| open_pages.contains(rel)))
        {
            let mut problems = Vec::new();
            match output.render(&ctx, &mut std::io::sink(), &mut problems) {
                Err(crate::render::Failure::Problem(d)) => found.push(d),
                Ok(()) | Err(crate::render::Failure::Io(_)) => {}
            }
            found.extend(problems);
        }
    }
    // Notes are read in the open pages only: finding them parses a body
    // with pulldown-cmark, too slow to repeat for every page of a large
    // site on every keystroke, and `check` lists the others.
    let months = site.config.review_after_months;
    for site_page in site
        .pages
        .iter()
        .filter(|p| open_pages.contains(&p.page.rel_path))
    {
        let notes = crate::check::page_notes(&site_page.page, months, today);
        found.extend(notes.into_iter().filter_map(|(_, warning)| warning));
    }
    found.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    found.dedup();
    found
}

/// A problem as LSP shows it: the build's message with its hint, over the
/// word the build points at.
fn lsp_diagnostic(d: &Diagnostic, text: &str) -> Value {
    let (start, end) = match d.position {
        Some(p) => (
            text::to_lsp(text, p.line, p.column),
            text::token_end(text, p.line, p.column),
        ),
        None => (
            LspPosition {
                line: 0,
                character: 0,
            },
            LspPosition {
                line: 0,
                character: 0,
            },
        ),
    };
    let message = match &d.hint {
        Some(hint) => format!("{}\nhelp: {hint}", d.message),
        None => d.message.clone(),
    };
    json!({
        "range": {
            "start": { "line": start.line, "character": start.character },
            "end": { "line": end.line, "character": end.character },
        },
        "severity": match d.severity { Severity::Error => 1, Severity::Warning => 2 },
        "source": "careers",
        "message": message,
    })
}
