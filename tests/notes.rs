//! Editor notes against CommonMark itself.
//!
//! Documents are generated line by line from container prefixes (block
//! quotes, list items, indentation, tabs) and bodies (text, fences, HTML
//! blocks and comments holding fences, headings, tables, note lines), so
//! that the containers mix in every way. Each note-shaped line carries a
//! unique marker (`#n7z`). The oracle is pulldown-cmark's own HTML for the
//! whole document: a marker is a note when it is published outside code
//! blocks (`<pre><code>`) at the start of a line's text, that is after a line break or
//! a tag and nothing but blanks. The property: `careers` finds exactly the
//! lines the oracle calls notes (applied again to what is left after they
//! are removed, until none is left), and what it renders has none left.
//!
//! Fences are written with tildes: a backtick fence that CommonMark reads
//! as text opens an inline code span, where a line break becomes a space
//! and the oracle could no longer see line starts. Backtick fences have
//! their own tests below.

mod common;

use std::collections::{BTreeSet, HashSet};

use careers::markdown;
use proptest::prelude::*;

/// What can come before a line's body: nothing, blanks, block-quote and
/// list markers, a tab.
fn prefix() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "", " ", "  ", "   ", "    ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "10. ",
    ]);
    prop::collection::vec(piece, 0..3).prop_map(|pieces| pieces.concat())
}

/// A line's body; `None` stands for a note line, numbered later.
fn body() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        4 => Just(None),
        6 => prop::sample::select(vec![
            "text", "more words", "", "", "~~~", "~~~", "~~~~", "~~~ info",
            "<!--", "-->", "<!-- ~~~ -->", "<div>", "</div>", "<pre>", "</pre>",
            "## Heading", "---", "===", "| a | b |", "|---|---|",
            "*em", "em*", "[link](other.md)", "\\#escaped", "# heading", "#", "##x",
        ])
        .prop_map(Some),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((prefix(), body()), 0..30).prop_map(|lines| {
        let mut doc = String::new();
        for (i, (prefix, body)) in lines.into_iter().enumerate() {
            doc.push_str(&prefix);
            match body {
                Some(text) => doc.push_str(text),
                None => doc.push_str(&format!("#n{i}z note")),
            }
            doc.push('\n');
        }
        doc
    })
}

/// The markers (`n7z`) of the note-shaped lines of `doc`, by line.
fn markers(doc: &str) -> Vec<(usize, String)> {
    doc.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let marker = format!("#n{i}z");
            line.contains(&marker).then_some((i, marker))
        })
        .collect()
}

fn html_of(doc: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(doc, markdown::options());
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Whether `marker` is published at the start of a line's text in `html`:
/// outside `<pre>`, after nothing but blanks since a line break or the end
/// of a tag on that line.
fn published_as_note(html: &str, marker: &str) -> bool {
    let Some(at) = html.find(marker) else {
        return false;
    };
    let before = &html[..at];
    // Code blocks are `<pre><code`; a `<pre>` written as raw HTML is text
    // of the page like any other.
    if before.matches("<pre><code").count() > before.matches("</code></pre>").count() {
        return false;
    }
    let trimmed = before.trim_end_matches([' ', '\t']);
    let line = trimmed.rsplit('\n').next().unwrap_or(trimmed);
    // A `>` ends a tag only when the tag opened on this line; a lone `>`
    // is text (raw HTML keeps block-quote markers as text).
    line.is_empty() || (line.ends_with('>') && line.contains('<'))
}

fn oracle(doc: &str) -> BTreeSet<usize> {
    let html = html_of(doc);
    markers(doc)
        .into_iter()
        .filter(|(_, marker)| published_as_note(&html, marker))
        .map(|(line, _)| line)
        .collect()
}

/// The oracle applied until nothing is left: removing the notes of a
/// document can change how CommonMark reads the lines that remain (a
/// lazy `> #x` line becomes a block quote once the line above it is
/// gone), and what remains is what gets published. Lines are numbered in
/// the original document.
fn oracle_until_none_left(doc: &str) -> BTreeSet<usize> {
    let mut lines: Vec<(usize, &str)> = doc.split_inclusive('\n').enumerate().collect();
    let mut all = BTreeSet::new();
    loop {
        let text: String = lines.iter().map(|(_, line)| *line).collect();
        let html = html_of(&text);
        let notes: BTreeSet<usize> = lines
            .iter()
            .filter(|(original, line)| {
                let marker = format!("#n{original}z");
                line.contains(&marker) && published_as_note(&html, &marker)
            })
            .map(|(original, _)| *original)
            .collect();
        if notes.is_empty() {
            return all;
        }
        lines.retain(|(original, _)| !notes.contains(original));
        all.extend(notes);
    }
}

fn found(doc: &str) -> BTreeSet<usize> {
    markdown::editor_notes(doc, 0)
        .into_iter()
        .map(|n| n.line)
        .collect()
}

fn no_links(_: &str) -> Result<String, Option<String>> {
    Err(None)
}

fn rendered(doc: &str) -> String {
    let (stripped, _) = markdown::strip_notes(doc);
    html_of(&stripped)
}

proptest! {
    #![proptest_config(common::proptest_config(2000))]

    #[test]
    fn notes_are_the_lines_commonmark_starts_with_a_hash(doc in document()) {
        let found = found(&doc);
        // Every line CommonMark publishes as a note is one.
        let first = oracle(&doc);
        prop_assert!(found.is_superset(&first), "{:?} misses some of {:?}:\n{}", found, first, doc);
        // And the lines found are exactly those of CommonMark's reading,
        // again after each removal.
        let expected = oracle_until_none_left(&doc);
        prop_assert_eq!(&found, &expected, "document:\n{}\nhtml:\n{}", doc, html_of(&doc));
        // Nothing that CommonMark would publish as a note survives.
        let html = rendered(&doc);
        for (_, marker) in markers(&doc) {
            prop_assert!(
                !published_as_note(&html, &marker),
                "{} reached the page:\n{}\n{}", marker, doc, html
            );
        }
        // And the full renderer agrees with the stripped text.
        let mut broken = Vec::new();
        let page = markdown::render(&doc, 1, "a.md", true, &no_links, &HashSet::new(), &mut broken);
        for line in &found {
            let marker = format!("#n{line}z");
            prop_assert!(!page.html.contains(&marker), "{} in {}", marker, page.html);
        }
    }
}

/// The two leaks of issue 13, with backtick fences: a fence inside a list
/// item ends with the item, and a fence inside an HTML comment is no fence.
#[test]
fn backtick_fences_in_list_items_and_comments_hide_no_note() {
    for (doc, line) in [
        ("- item\n  ```\n  code\n#note after the item\n", 3),
        ("- item\n\n  ```\n  code\n  ```\n#note after the fence\n", 5),
        ("<!--\n```\n-->\n#note after the comment\n", 3),
        ("<!-- ``` -->\n#note after a one-line comment\n", 1),
        ("> ```\n> code\n#note after the quote\n", 2),
    ] {
        assert_eq!(found(doc), BTreeSet::from([line]), "{doc}");
        assert_eq!(oracle_backticks(doc), BTreeSet::from([line]), "{doc}");
        assert!(!rendered(doc).contains("#note"), "{doc}");
    }
}

/// The oracle for documents whose notes are named `#note`.
fn oracle_backticks(doc: &str) -> BTreeSet<usize> {
    let html = html_of(doc);
    doc.lines()
        .enumerate()
        .filter(|(_, line)| line.starts_with("#note"))
        .filter(|(_, line)| published_as_note(&html, line))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn backtick_fenced_code_keeps_its_hashes() {
    let doc = "- item\n\n  ```\n  #include <stdio.h>\n  ```\n\n```\n#!/bin/sh\n```\n";
    assert!(found(doc).is_empty());
    assert!(rendered(doc).contains("#include"));
}

/// `careers check` lists every note `build` leaves out: the two share one
/// finder, and this checks it through both commands on a real site.
#[test]
fn check_lists_every_note_the_build_leaves_out() {
    let body = "## Duties\n\nText.\n\n- item\n  ```\n  code\n#after the fence\n\n<!--\n```\n-->\n#after the comment\n\n> #in a quote\n";
    let site = common::TestSite::new().file(
        "content/techs.md",
        &common::VALID_PROFILE.replace("## Duties\n\nSample text.\n", body),
    );
    let report = site.build();
    assert!(report.succeeded(), "{}", common::show(&report.diagnostics));
    let page = site.output("techs/index.html");
    for note in ["after the fence", "after the comment", "in a quote"] {
        assert!(!page.contains(note), "{note} was published");
    }
    let check = site.run(&["check"]);
    for note in ["after the fence", "after the comment", "in a quote"] {
        assert!(
            check.stdout.contains(&format!("#{note}")),
            "{}",
            check.stdout
        );
    }
}
