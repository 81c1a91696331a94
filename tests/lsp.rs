//! `careers lsp`: the real binary, driven over stdio as an editor drives
//! it (initialize, initialized, didOpen, didChange, completion, hover,
//! definition, shutdown, exit), with the JSON-RPC replies checked.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(30);

/// An editor's side of the connection.
struct Editor {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications read while waiting for something else.
    pending: Vec<Value>,
    next_id: i64,
    root: std::path::PathBuf,
}

impl Editor {
    /// Starts `careers lsp` and initializes it with the site as workspace.
    fn start(site: &TestSite) -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_careers"))
            .arg("lsp")
            .current_dir(site.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("careers lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        // A reader thread, so that a missing reply fails the test instead
        // of hanging it.
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                reader.read_exact(&mut body).unwrap();
                let value: Value = serde_json::from_slice(&body).unwrap();
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        let root = std::fs::canonicalize(site.path()).unwrap();
        let mut editor = Editor {
            child,
            stdin,
            messages,
            pending: Vec::new(),
            next_id: 1,
            root,
        };
        let reply = editor.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": editor.uri(""),
                "capabilities": {
                    "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
                },
                "workspaceFolders": [{ "uri": editor.uri(""), "name": "site" }],
            }),
        );
        let capabilities = &reply["result"]["capabilities"];
        assert_eq!(capabilities["hoverProvider"], true, "{reply}");
        assert_eq!(capabilities["definitionProvider"], true);
        assert_eq!(capabilities["textDocumentSync"]["change"], 1);
        assert!(capabilities["completionProvider"].is_object());
        editor.notify("initialized", json!({}));
        // The server asks to be told of files changed on disk.
        let ask = loop {
            let message = editor.next();
            if message["method"] == "client/registerCapability" {
                break message;
            }
            editor.pending.push(message);
        };
        let registration = &ask["params"]["registrations"][0];
        assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
        let id = ask["id"].clone();
        editor.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));
        editor
    }

    fn uri(&self, rel: &str) -> String {
        let path = self.root.join(rel);
        format!("file://{}", path.display())
            .trim_end_matches('/')
            .to_string()
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(WAIT)
            .expect("the server answers in time")
    }

    /// Sends a request and returns its reply; notifications that come
    /// first are kept for later.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.next();
            if message["id"] == id {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// The next diagnostics published for `rel`.
    fn diagnostics(&mut self, rel: &str) -> Vec<Value> {
        let uri = self.uri(rel);
        let is_it = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.pending.iter().position(is_it) {
            let m = self.pending.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let message = self.next();
            if is_it(&message) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.pending.push(message);
        }
    }

    fn open(&mut self, rel: &str, text: &str) {
        let uri = self.uri(rel);
        let language = if rel.ends_with(".md") {
            "markdown"
        } else {
            "yaml"
        };
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, rel: &str, version: i64, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
    }

    /// A request about a place: the line holding `marker` (its first
    /// occurrence), at the UTF-16 column just after it.
    fn at(&mut self, method: &str, rel: &str, text: &str, marker: &str) -> Value {
        let (line, character) = place_after(text, marker);
        let uri = self.uri(rel);
        self.request(
            method,
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
    }

    /// Ends the session as an editor does; the server exits with 0.
    fn shut_down(mut self) {
        let reply = self.request("shutdown", Value::Null);
        assert!(reply["error"].is_null(), "{reply}");
        assert_eq!(reply["result"], Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

/// The LSP position just after the first `marker` in `text`.
fn place_after(text: &str, marker: &str) -> (usize, usize) {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in text"))
        + marker.len();
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].encode_utf16().count())
}

fn labels(reply: &Value) -> Vec<String> {
    reply["result"]
        .as_array()
        .unwrap_or_else(|| panic!("a list of items: {reply}"))
        .iter()
        .map(|item| item["label"].as_str().unwrap().to_string())
        .collect()
}

fn messages(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

const PROFILE: &str = "content/health-information-technicians.md";

#[test]
fn diagnostics_as_the_editor_types_including_site_wide_ones() {
    let site = TestSite::sample();
    let original = std::fs::read_to_string(site.path().join(PROFILE)).unwrap();
    let mut editor = Editor::start(&site);

    // As saved: the sample profile has notes dated 2015 and 2019, older
    // than the site's 24 months: warnings at their lines, as `check` says.
    editor.open(PROFILE, &original);
    let found = editor.diagnostics(PROFILE);
    assert!(found.iter().all(|d| d["severity"] == 2), "{found:#?}");
    let note = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("note's review date")
        })
        .unwrap_or_else(|| panic!("a stale note: {found:#?}"));
    let note_line = original
        .lines()
        .position(|l| l.starts_with("#match with 1431"))
        .unwrap();
    assert_eq!(note["range"]["start"]["line"], note_line);
    assert_eq!(note["source"], "careers");

    // A typo in a value: the build's message and hint, over the value.
    let typo = original.replace("education: associate", "education: asociate");
    editor.change(PROFILE, 2, &typo);
    let found = editor.diagnostics(PROFILE);
    let error = found
        .iter()
        .find(|d| d["severity"] == 1)
        .unwrap_or_else(|| panic!("an error: {found:#?}"));
    assert_eq!(
        error["message"],
        "`asociate` is not an education level\nhelp: did you mean `associate`?"
    );
    let (line, column) = place_after(&typo, "education: ");
    assert_eq!(
        error["range"]["start"],
        json!({ "line": line, "character": column })
    );
    assert_eq!(
        error["range"]["end"],
        json!({ "line": line, "character": column + "asociate".len() })
    );

    // A `related` slug no profile has (a rule over the whole site), after
    // text whose UTF-16 length differs from its length in characters.
    let related = original.replace(
        "related: [medical-records-specialists,",
        "related: [\"é🙂\", medical-records-specialist,",
    );
    editor.change(PROFILE, 3, &related);
    let found = editor.diagnostics(PROFILE);
    let missing = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .starts_with("related career `medical-records-specialist` is not a profile")
        })
        .unwrap_or_else(|| panic!("the missing related profile: {found:#?}"));
    assert!(missing["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `medical-records-specialists`?"));
    let (line, column) = place_after(&related, "related: [\"é🙂\", ");
    assert_eq!(
        missing["range"]["start"],
        json!({ "line": line, "character": column })
    );

    // The missing profile is written by another program: the editor's
    // watcher says so, and the error goes.
    site.write(
        "content/medical-records-specialist.md",
        "---\ntitle: Medical Records Specialist\nsoc: \"29-2072\"\n---\nText.\n",
    );
    editor.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": editor.uri("content/medical-records-specialist.md"), "type": 1 }] }),
    );
    let found = editor.diagnostics(PROFILE);
    assert!(
        !messages(&found)
            .iter()
            .any(|m| m.contains("`medical-records-specialist` is not a profile")),
        "{found:#?}"
    );
    std::fs::remove_file(site.path().join("content/medical-records-specialist.md")).unwrap();
    editor.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": editor.uri("content/medical-records-specialist.md"), "type": 3 }] }),
    );
    let found = editor.diagnostics(PROFILE);
    assert!(
        messages(&found)
            .iter()
            .any(|m| m.contains("`medical-records-specialist` is not a profile")),
        "{found:#?}"
    );

    // Fixed again: the errors go away.
    editor.change(PROFILE, 4, &original);
    let found = editor.diagnostics(PROFILE);
    assert!(found.iter().all(|d| d["severity"] == 2), "{found:#?}");

    // Another open page takes the profile's URL, in a buffer never saved:
    // the build reports the collision at the page whose URL it is, naming
    // the slug's line in the other file.
    let about = std::fs::read_to_string(site.path().join("content/about.md")).unwrap();
    let colliding = about.replacen(
        "title: About these profiles\n",
        "title: About these profiles\nslug: health-information-technicians\n",
        1,
    );
    editor.open("content/about.md", &colliding);
    let clean = editor.diagnostics("content/about.md");
    assert!(clean.is_empty(), "{clean:#?}");
    let found = editor.diagnostics(PROFILE);
    let collision = messages(&found);
    assert!(
        collision.contains(&"two pages would be published at /health-information-technicians/: content/about.md:3:7 and content/health-information-technicians.md:1:1\nhelp: set a different `slug`, or rename the file".to_string()),
        "a URL collision: {found:#?}"
    );
    // Closed without saving: back to the file on disk, no collision.
    editor.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": editor.uri("content/about.md") } }),
    );
    editor.diagnostics("content/about.md");
    let found = editor.diagnostics(PROFILE);
    assert!(found.iter().all(|d| d["severity"] == 2), "{found:#?}");
    // The file on disk was not touched.
    assert_eq!(
        std::fs::read_to_string(site.path().join("content/about.md")).unwrap(),
        about
    );
    editor.shut_down();
}

#[test]
fn site_yaml_is_checked_and_completed() {
    let site = TestSite::sample();
    let mut editor = Editor::start(&site);
    let text = "title: Careers\nprimary_aera: Washington\n";
    editor.open("site.yaml", text);
    let found = editor.diagnostics("site.yaml");
    assert_eq!(
        messages(&found),
        ["unknown key `primary_aera`\nhelp: did you mean `primary_area`?"]
    );
    assert_eq!(
        found[0]["range"]["start"],
        json!({ "line": 1, "character": 0 })
    );

    // Fixed: no error; the area is one no profile has yet, a warning.
    let text = "title: Careers\nprimary_area: Was\n";
    editor.change("site.yaml", 2, text);
    let found = editor.diagnostics("site.yaml");
    assert!(found.iter().all(|d| d["severity"] == 2), "{found:#?}");
    let reply = editor.at(
        "textDocument/completion",
        "site.yaml",
        text,
        "primary_area: Was",
    );
    assert_eq!(labels(&reply), ["Washington"]);
    // On the empty line after the last line break: the keys of site.yaml.
    let reply = editor.at("textDocument/completion", "site.yaml", text, "Was\n");
    let keys = labels(&reply);
    assert!(
        keys.contains(&"review_after_months".to_string()),
        "{keys:?}"
    );
    let reply = editor.at("textDocument/hover", "site.yaml", text, "prim");
    let hover = reply["result"]["contents"]["value"].as_str().unwrap();
    assert!(hover.contains("headline wages"), "{hover}");
    editor.shut_down();
}

#[test]
fn completion_hover_and_definition_in_front_matter() {
    let site = TestSite::sample();
    let mut editor = Editor::start(&site);
    let text = "---
title: Medical Coders
soc: \"29-2072\"
education: 
holland: C
cluster: 
job_zone: 
related: [medical-records-specialists, he
wages:
  areas:
    - area: Was
      yearly: [1, 2, 3, 4, 5]
      hou
so
---
Text.
";
    editor.open("content/medical-coders.md", text);
    editor.diagnostics("content/medical-coders.md");
    let rel = "content/medical-coders.md";

    let education = labels(&editor.at("textDocument/completion", rel, text, "education: "));
    assert_eq!(
        education,
        [
            "none",
            "high-school",
            "postsecondary-award",
            "some-college",
            "associate",
            "bachelor",
            "master",
            "doctoral"
        ]
    );
    let holland = labels(&editor.at("textDocument/completion", rel, text, "holland: C"));
    assert!(holland.contains(&"CIE".to_string()), "{holland:?}");
    assert!(holland.iter().all(|h| h.starts_with('C')), "{holland:?}");
    let clusters = labels(&editor.at("textDocument/completion", rel, text, "cluster: "));
    assert!(
        clusters.contains(&"Health Science".to_string()),
        "{clusters:?}"
    );
    let zones = labels(&editor.at("textDocument/completion", rel, text, "job_zone: "));
    assert_eq!(zones, ["1", "2", "3", "4", "5"]);
    let related = labels(&editor.at("textDocument/completion", rel, text, "specialists, he"));
    assert_eq!(
        related,
        [
            "health-information-technicians",
            "health-information-technologists-and-medical-registrars"
        ]
    );
    let areas = labels(&editor.at("textDocument/completion", rel, text, "- area: Was"));
    assert_eq!(areas, ["Washington"]);
    let keys = labels(&editor.at("textDocument/completion", rel, text, "      hou"));
    assert_eq!(keys, ["hourly"]);
    let reply = editor.at("textDocument/completion", rel, text, "\nso");
    let top = labels(&reply);
    assert_eq!(top, ["soc", "soc_version"]);
    let item = &reply["result"][1];
    assert_eq!(item["textEdit"]["newText"], "soc_version: ");
    assert!(item["documentation"]["value"]
        .as_str()
        .unwrap()
        .contains("2010 or 2018"));

    let hover = editor.at("textDocument/hover", rel, text, "\nso");
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**soc**"), "{value}");
    assert!(value.contains("NN-NNNN"), "{value}");
    let hover = editor.at("textDocument/hover", rel, text, "      yea");
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Yearly wages"), "{value}");
    let none = editor.at("textDocument/hover", rel, text, "Tex");
    assert_eq!(none["result"], Value::Null);

    let definition = editor.at(
        "textDocument/definition",
        rel,
        text,
        "related: [medical-rec",
    );
    assert_eq!(
        definition["result"]["uri"],
        editor.uri("content/medical-records-specialists.md")
    );
    editor.shut_down();
}

#[test]
fn outside_a_site_it_says_so_and_still_answers() {
    let site = TestSite::new();
    std::fs::remove_dir(site.path().join("content")).unwrap();
    let mut editor = Editor::start(&site);
    let message = editor
        .pending
        .iter()
        .find(|m| m["method"] == "window/showMessage")
        .unwrap_or_else(|| panic!("a message: {:#?}", editor.pending))
        .clone();
    let text = message["params"]["message"].as_str().unwrap();
    assert!(text.contains("content"), "{text}");
    editor.open("content/x.md", "---\ntitle: X\n---\n");
    let reply = editor.at("textDocument/completion", "content/x.md", "---\nti", "ti");
    assert_eq!(reply["result"], Value::Null, "{reply}");
    editor.shut_down();
}
