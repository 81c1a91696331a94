//! Editing front matter as text, and writing the YAML text that goes in.
//!
//! Re-serialising YAML would lose the editor's comments, key order and
//! quoting, so an import finds the span of one top-level block (`wages`,
//! `outlook`) with `yaml::top_level_block` and replaces just those bytes;
//! everything before and after it is copied unchanged, line endings
//! included. The scalar writers here quote a value only when YAML needs it.
//! Whether the result is a valid profile is checked by `apply`, not here.

use std::ops::Range;

use crate::yaml;

/// The YAML between the `---` fences of a file (without its byte-order
/// mark, as `content::load` gives it), found as a build finds it. `None`
/// when there is no front matter, or it is never closed.
fn front_matter(text: &str) -> Option<Range<usize>> {
    crate::content::fences(text).ok().flatten().map(|f| f.yaml)
}

/// Replaces the top-level `key` block of the front matter with `block`
/// (YAML text with `\n` line ends, ending in one), or inserts it when the
/// key is missing: `wages` before `outlook`, anything else at the end.
/// The file's own line ending is used for the new lines.
pub fn replace_block(text: &str, key: &str, block: &str) -> Option<String> {
    let front = front_matter(text)?;
    let yaml_text = &text[front.clone()];
    let block = if text.contains("\r\n") {
        block.replace('\n', "\r\n")
    } else {
        block.to_string()
    };
    let span = match yaml::top_level_block(yaml_text, key) {
        Some(span) => span,
        None => {
            let at = match (key, yaml::top_level_block(yaml_text, "outlook")) {
                ("wages", Some(outlook)) => outlook.start,
                _ => yaml_text.len(),
            };
            at..at
        }
    };
    let (start, end) = (front.start + span.start, front.start + span.end);
    Some(format!("{}{block}{}", &text[..start], &text[end..]))
}

/// A scalar: plain when YAML reads it back as the same string in block and
/// flow context alike, double-quoted otherwise. Text with a comma is quoted
/// even where YAML would not need it, as editors write it.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_string()
    } else {
        quoted(text)
    }
}

pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let special_start = "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace();
    let special_inside = text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.ends_with(char::is_whitespace)
        || text.chars().any(char::is_control)
        || text.contains([',', '[', ']', '{', '}']);
    let lower = text.to_lowercase();
    let not_a_string = matches!(
        lower.as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) || text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+');
    !(special_start || special_inside || not_a_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\ntitle: A # note\nsoc: \"29-2071\"\nwages:\n  areas:\n    - area: X\n      hourly: [1, 2, 3, 4, 5]\n# outlook next\noutlook:\n  areas: []\n---\nBody\n";

    #[test]
    fn replaces_only_the_block() {
        let new = replace_block(FILE, "wages", "wages:\n  areas: []\n").unwrap();
        assert_eq!(
            new,
            "---\ntitle: A # note\nsoc: \"29-2071\"\nwages:\n  areas: []\n# outlook next\noutlook:\n  areas: []\n---\nBody\n"
        );
    }

    #[test]
    fn inserts_a_missing_block() {
        let without = "---\ntitle: A\nsoc: \"29-2071\"\noutlook:\n  areas: []\n---\nBody\n";
        let new = replace_block(without, "wages", "wages: {}\n").unwrap();
        assert_eq!(
            new,
            "---\ntitle: A\nsoc: \"29-2071\"\nwages: {}\noutlook:\n  areas: []\n---\nBody\n"
        );
        let new = replace_block(
            "---\r\ntitle: A\r\n---\r\n",
            "outlook",
            "outlook:\n  x: 1\n",
        );
        assert_eq!(
            new.unwrap(),
            "---\r\ntitle: A\r\noutlook:\r\n  x: 1\r\n---\r\n"
        );
    }

    #[test]
    fn no_front_matter_no_edit() {
        assert_eq!(replace_block("Body\n", "wages", "wages: {}\n"), None);
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(scalar("Washington"), "Washington");
        assert_eq!(scalar("Adams, Chelan"), "\"Adams, Chelan\"");
        assert_eq!(scalar("Mount Vernon-Anacortes"), "Mount Vernon-Anacortes");
        assert_eq!(scalar("2018-2028"), "\"2018-2028\"");
        assert_eq!(scalar("Note: this"), "\"Note: this\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("*stars"), "\"*stars\"");
        assert_eq!(scalar("say \"hi\""), "say \"hi\"");
        assert_eq!(quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
