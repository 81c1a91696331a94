//! Property-based fuzzing (proptest, stable toolchain) of the code that
//! reads untrusted input: front-matter splitting and YAML loading
//! (`content::parse`, also through `read_source_text` on raw bytes),
//! Markdown rendering with editor notes and link rewriting
//! (`markdown::render`), and the preview server's request paths
//! (`serve::http::resolve_request`).
//!
//! A plain `cargo test` runs a modest number of cases per property (a few
//! seconds in all); `PROPTEST_CASES=N` raises it, and `scripts/fuzz.sh
//! SECONDS` keeps fuzzing with fresh seeds for a time budget. Every failure
//! found becomes a plain `#[test]` at the end of this file, input inlined.

mod common;

use common::proptest_config as config;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use careers::content::{self, SourceFile};
use careers::markdown::{self, BrokenLink};
use careers::serve::http::{resolve_request, Resolved};
use proptest::prelude::*;

// ---------------------------------------------------------------- parsing

fn parse_text(rel_path: &str, text: String) -> Option<content::Page> {
    let file = SourceFile {
        rel_path: rel_path.into(),
        display_path: PathBuf::from("content").join(rel_path),
        text,
    };
    let mut problems = Vec::new();
    let page = content::parse(file, &mut problems);
    for problem in &problems {
        // Displaying quotes the line and draws a caret: must not panic.
        let _ = problem.to_string();
    }
    page
}

/// Bytes through the loader's decoding, then parsed, as a build does.
fn load_and_parse(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.md");
    std::fs::write(&path, bytes).unwrap();
    match content::read_source_text(&path, Path::new("content/page.md")) {
        Ok(text) => {
            parse_text("page.md", text);
        }
        Err(d) => {
            let _ = d.to_string();
        }
    }
}

/// Pieces that front matter is made of, so random text often gets far.
fn yaml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("...\n".to_string()),
        Just("soc: \"29-2071\"\n".to_string()),
        Just("title: T\n".to_string()),
        Just("wages:\n  areas:\n    - area: X\n      hourly: [1, 2, 3, 4, 5]\n".to_string()),
        Just("  - ".to_string()),
        Just("&a [*a, *a]\n".to_string()),
        Just("!!binary aGk=\n".to_string()),
        Just("? [a]\n: b\n".to_string()),
        Just("job_zone: 99999999999999999999\n".to_string()),
        Just("reviewed: 2019-02-30\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        "\\PC{0,12}",
        "[ -~\n]{0,12}",
    ]
}

/// One edit of a valid profile: delete, insert, duplicate or replace.
fn mutate(text: &str, edits: &[(u8, usize, String)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (kind, at, piece) in edits {
        let at = at % (chars.len() + 1);
        match kind % 4 {
            0 => {
                let end = (at + piece.len() % 16).min(chars.len());
                chars.drain(at..end);
            }
            1 => {
                chars.splice(at..at, piece.chars());
            }
            2 => {
                let end = (at + 40).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, copy);
            }
            _ => {
                if at < chars.len() {
                    chars[at] = piece.chars().next().unwrap_or(' ');
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn sample_profile() -> String {
    let path = Path::new(common::REPO).join("content/health-information-technicians.md");
    std::fs::read_to_string(path).unwrap_or_else(|_| common::VALID_PROFILE.to_string())
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
        parse_text("a.md", text.clone());
        parse_text("_index.md", format!("---\n{text}"));
    }

    #[test]
    fn parse_never_panics_on_front_matter_pieces(pieces in prop::collection::vec(yaml_piece(), 0..30)) {
        parse_text("a.md", pieces.concat());
        parse_text("a.md", format!("---\n{}\n---\nbody\n", pieces.concat()));
    }

    #[test]
    fn parse_never_panics_on_mutated_profiles(
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), yaml_piece()), 1..6),
        sample in any::<bool>(),
    ) {
        let base = if sample { sample_profile() } else { common::VALID_PROFILE.to_string() };
        parse_text("a.md", mutate(&base, &edits));
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        load_and_parse(&bytes);
        let mut framed = b"---\ntitle: x\n".to_vec();
        framed.extend_from_slice(&bytes);
        load_and_parse(&framed);
    }
}

// --------------------------------------------------------------- markdown

/// Content files the test resolver knows; every other `.md` is broken.
const PAGES: [&str; 4] = ["a.md", "dir/b.md", "dir/sub/c.md", "d e.md"];

fn resolver(target: &str) -> Result<String, Option<String>> {
    if PAGES.contains(&target) {
        Ok(format!("/resolved/{}/", target.trim_end_matches(".md")))
    } else {
        Err(None)
    }
}

fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[x](a.md)".to_string()),
        Just("[x](../a.md#part)".to_string()),
        Just("[x](b.md?q=1)".to_string()),
        Just("[x](sub/c.md)".to_string()),
        Just("[x](d%20e.md)".to_string()),
        Just("[x](../../../etc.md)".to_string()),
        Just("[x](missing.md)".to_string()),
        Just("[x](<a b.md>)".to_string()),
        Just("[x](https://example.org/a.md)".to_string()),
        Just("![i](a.md)".to_string()),
        Just("[r]: a.md\n".to_string()),
        Just("[r]".to_string()),
        Just("\n#NOTEMARK checked 2/12/15 lh\n".to_string()),
        Just("#note".to_string()),
        Just("x\r#NOTEMARK lone".to_string()),
        Just("```\n".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("## Heading\n".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("    ".to_string()),
        Just("`".to_string()),
        Just("<div>".to_string()),
        Just("|a|b|\n|-|-|\n".to_string()),
        Just("[^1]".to_string()),
        "\\PC{0,10}",
        "[ -~]{0,10}",
    ]
}

/// The hrefs of `<a>` elements, unescaped.
fn hrefs(html: &str) -> Vec<String> {
    html.split("<a href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// Numbers every `NOTEMARK` so each note can be looked for on its own.
fn number_notes(body: &str) -> String {
    let mut out = String::new();
    for (i, part) in body.split("NOTEMARK").enumerate() {
        if i > 0 {
            out.push_str(&format!("NOTEMARK{i}X"));
        }
        out.push_str(part);
    }
    out
}

/// Checks the render of one body against the three promised properties:
/// no panic, no editor note in the HTML, every content link either
/// rewritten through the resolver or reported as broken.
fn check_render(body: &str, raw_html: bool) -> Result<(), TestCaseError> {
    let body = &number_notes(body);
    let notes: Vec<String> = markdown::editor_notes(body, 1)
        .into_iter()
        .map(|n| n.text)
        .collect();
    let mut broken: Vec<BrokenLink> = Vec::new();
    let from = "dir/page.md";
    let rendered = markdown::render(
        body,
        1,
        from,
        raw_html,
        &resolver,
        &HashSet::new(),
        &mut broken,
    );
    for note in &notes {
        let token = note.split_whitespace().next().unwrap_or_default();
        if token.starts_with("NOTEMARK") {
            prop_assert!(
                !rendered.html.contains(token),
                "note {note:?} reached the HTML"
            );
        }
    }
    let broken_targets: HashSet<String> = broken
        .iter()
        .map(|b| markdown::percent_decode(&b.target))
        .collect();
    for href in hrefs(&rendered.html) {
        if let Some((path, _)) = markdown::content_link(&href) {
            // Left as written: it must be one the resolver refused, reported.
            let decoded = markdown::percent_decode(&href);
            prop_assert!(broken_targets.contains(&decoded), "unreported {href}");
            prop_assert!(resolver(&markdown::join_relative(from, &path)).is_err());
        }
    }
    for b in &broken {
        let (path, _) = markdown::content_link(&b.target).expect("a content link");
        prop_assert!(resolver(&markdown::join_relative(from, &path)).is_err());
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn markdown_render_keeps_its_promises(
        pieces in prop::collection::vec(markdown_piece(), 0..40),
        raw_html in any::<bool>(),
    ) {
        check_render(&pieces.concat(), raw_html)?;
    }

    #[test]
    fn markdown_render_never_panics_on_arbitrary_text(body in "\\PC{0,400}") {
        check_render(&body, false)?;
    }
}

// ---------------------------------------------------------- request paths

/// A served folder `site/` with a secret file and a look-alike folder
/// beside it, and symbolic links pointing in and out.
fn served_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    for (rel, text) in [
        ("site/index.html", "home"),
        ("site/a/index.html", "a"),
        ("site/dir/sub/index.html", "sub"),
        ("site/style.css", "css"),
        ("secret.txt", "SECRET"),
        ("site-private/secret.html", "SECRET"),
    ] {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), site.join("up")).unwrap();
        std::os::unix::fs::symlink(site.join("style.css"), site.join("in.css")).unwrap();
    }
    dir
}

fn path_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("..".to_string()),
        Just(".".to_string()),
        Just("%2e%2e".to_string()),
        Just("%2E.".to_string()),
        Just(".%2e".to_string()),
        Just("%252e%252e".to_string()),
        Just("%c0%ae%c0%ae".to_string()),
        Just("%2f".to_string()),
        Just("%5c".to_string()),
        Just("\\".to_string()),
        Just("%00".to_string()),
        Just("%".to_string()),
        Just("%+2".to_string()),
        Just("%zz".to_string()),
        Just("a".to_string()),
        Just("dir".to_string()),
        Just("sub".to_string()),
        Just("index.html".to_string()),
        Just("secret.txt".to_string()),
        Just("site-private".to_string()),
        Just("secret.html".to_string()),
        Just("out.txt".to_string()),
        Just("up".to_string()),
        Just("in.css".to_string()),
        Just("guide".to_string()),
        Just("".to_string()),
        "\\PC{0,6}",
        "(%[0-9a-fA-F]{2}){1,3}",
    ]
}

fn check_request(dir: &Path, base: &str, url_path: &str) -> Result<(), TestCaseError> {
    let root = dir.join("site");
    let real_root = root.canonicalize().unwrap();
    match resolve_request(&root, base, url_path) {
        Resolved::File(file) => {
            prop_assert!(file.starts_with(&real_root), "{url_path} -> {file:?}");
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            prop_assert!(!text.contains("SECRET"), "{url_path} -> {file:?}");
        }
        Resolved::Redirect(to) => {
            prop_assert!(to.starts_with('/'), "{url_path} -> {to}");
            prop_assert!(
                !to.starts_with("//") && !to.starts_with("/\\"),
                "{url_path} -> {to}"
            );
        }
        Resolved::NotFound | Resolved::Refused => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn requests_never_resolve_outside_the_served_folder(
        pieces in prop::collection::vec(path_piece(), 0..8),
        separators in prop::collection::vec(prop_oneof![Just("/"), Just("%2f"), Just("%2F"), Just("//")], 8),
        lead in prop_oneof![Just("/"), Just("//"), Just(""), Just("/guide/")],
        base in prop_oneof![Just("/"), Just("/guide/")],
    ) {
        let dir = SITE.with(|d| d.path().to_path_buf());
        let mut url = lead.to_string();
        for (piece, sep) in pieces.iter().zip(separators.iter().cycle()) {
            url.push_str(piece);
            url.push_str(sep);
        }
        check_request(&dir, base, &url)?;
        check_request(&dir, base, url.trim_end_matches('/'))?;
    }

    #[test]
    fn arbitrary_request_paths_never_resolve_outside(url in "\\PC{0,40}", base in prop_oneof![Just("/"), Just("/guide/")]) {
        let dir = SITE.with(|d| d.path().to_path_buf());
        check_request(&dir, base, &url)?;
    }
}

thread_local! {
    static SITE: tempfile::TempDir = served_site();
}

// ------------------------------------------------------ regression tests
// Failures the fuzzing found, kept with their inputs inlined.

/// `%+2` was decoded as byte 0x02 because `u8::from_str_radix` accepts a
/// sign; an escape now needs two hex digits.
#[test]
fn a_signed_percent_escape_is_refused() {
    let dir = served_site();
    let root = dir.path().join("site");
    assert_eq!(resolve_request(&root, "/", "/%+2"), Resolved::Refused);
    assert_eq!(resolve_request(&root, "/", "/a%-0"), Resolved::Refused);
}

/// A body line starting with a non-ASCII character panicked in the fence
/// tracker (a character count used as a byte index).
#[test]
fn a_line_starting_with_a_non_ascii_character_renders() {
    for body in ["\u{d7cc}:x", "é", "ééé\n#note\n", "~~~é\n~~~\n#note\n"] {
        let mut broken = Vec::new();
        let html = markdown::render(
            body,
            1,
            "a.md",
            false,
            &resolver,
            &HashSet::new(),
            &mut broken,
        )
        .html;
        assert!(!html.contains("#note"), "{body:?}: {html}");
        let _ = markdown::editor_notes(body, 1);
    }
}

/// A request path that is not absolute (`%2f` decodes to `/`) was
/// redirected to itself plus `/`, a relative redirect.
#[test]
fn a_request_path_that_is_not_absolute_is_refused() {
    let dir = served_site();
    let root = dir.path().join("site");
    assert_eq!(resolve_request(&root, "/", "%2f"), Resolved::Refused);
    assert_eq!(resolve_request(&root, "/", "a"), Resolved::Refused);
}
