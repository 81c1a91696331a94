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
/// The file's own line ending (`\n`, `\r\n` or a lone `\r`) is used for
/// the new lines.
pub fn replace_block(text: &str, key: &str, block: &str) -> Option<String> {
    // Lone `\r` breaks become `\n` for finding the block, as the loader
    // does; that keeps every byte offset, so the span found applies to
    // `text` itself.
    let lines = crate::content::normalize_lone_cr(text.to_string());
    let span = block_span(&lines, key)?;
    let ending = line_ending(text);
    let block = match ending {
        "\n" => block.to_string(),
        other => block.replace('\n', other),
    };
    let (before, after) = (text.get(..span.start)?, text.get(span.end..)?);
    Some(format!("{before}{block}{after}"))
}

/// The line break a file uses: `\r\n` if it has one, else a lone `\r` if
/// it has one, else `\n`.
fn line_ending(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else if text.contains('\r') {
        "\r"
    } else {
        "\n"
    }
}

/// Where the `key` block is in a file with `\n` or `\r\n` breaks, or the
/// empty span where it goes when the front matter has none.
fn block_span(text: &str, key: &str) -> Option<Range<usize>> {
    let front = front_matter(text)?;
    let yaml_text = &text[front.clone()];
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
    Some(front.start + span.start..front.start + span.end)
}

/// The comments inside the top-level `key` block, which replacing the block
/// drops: each with its 1-based line in the file and its text from `#`.
pub fn comments_in_block(text: &str, key: &str) -> Vec<(usize, String)> {
    let lines = crate::content::normalize_lone_cr(text.to_string());
    let Some(span) = block_span(&lines, key) else {
        return Vec::new();
    };
    let (Some(before), Some(block)) = (lines.get(..span.start), lines.get(span.clone())) else {
        return Vec::new();
    };
    let first_line = before.matches('\n').count() + 1;
    let mut scanner = CommentScanner::default();
    block
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let comment = scanner.comment(line)?;
            Some((first_line + i, comment.trim_end().to_string()))
        })
        .collect()
}

/// Finds YAML comments line by line: a `#` at the start of a line or after
/// white space, outside quoted scalars (which may run over several lines)
/// and outside block scalars (`|`, `>`), whose lines are text.
#[derive(Default)]
struct CommentScanner {
    quote: Option<char>,
    /// The indentation of the line that opened a block scalar.
    block_scalar: Option<usize>,
}

impl CommentScanner {
    fn comment<'a>(&mut self, line: &'a str) -> Option<&'a str> {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(opened_at) = self.block_scalar {
            if line.trim().is_empty() || indent > opened_at {
                return None;
            }
            self.block_scalar = None;
        }
        let mut previous: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        let mut comment_at = None;
        while let Some((i, c)) = chars.next() {
            match (self.quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some('"'), '"') => self.quote = None,
                (Some('\''), '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                    chars.next();
                }
                (Some('\''), '\'') => self.quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if opens_scalar(line.get(..i).unwrap_or_default()) => {
                    self.quote = Some(c);
                }
                (None, '#') if previous.is_none_or(char::is_whitespace) => {
                    comment_at = Some(i);
                    break;
                }
                _ => {}
            }
            previous = Some(c);
        }
        let content = line
            .get(..comment_at.unwrap_or(line.len()))
            .unwrap_or_default();
        if self.quote.is_none() && opens_block_scalar(content) {
            self.block_scalar = Some(indent);
        }
        comment_at.and_then(|i| line.get(i..))
    }
}

/// Whether a quote after `before` starts a quoted scalar rather than being
/// a character of a plain one (`O'Brien`).
fn opens_scalar(before: &str) -> bool {
    let before = before.trim_end();
    before.is_empty() || before.ends_with([':', '-', '[', '{', ',', '?'])
}

/// `key: |`, `- >-`, `key: |2+`: the line's value is a block scalar.
fn opens_block_scalar(content: &str) -> bool {
    let value = content.trim_end();
    let indicators = value.trim_end_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
    let Some(before) = indicators
        .strip_suffix('|')
        .or_else(|| indicators.strip_suffix('>'))
    else {
        return false;
    };
    let before = before.trim_end();
    before.ends_with(':') || before.ends_with('-') || before.is_empty()
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
    fn keeps_lone_cr_line_breaks() {
        let file = FILE.replace('\n', "\r");
        let new = replace_block(&file, "wages", "wages:\n  areas: []\n").unwrap();
        assert_eq!(
            new,
            "---\rtitle: A # note\rsoc: \"29-2071\"\rwages:\r  areas: []\r# outlook next\routlook:\r  areas: []\r---\rBody\r"
        );
    }

    #[test]
    fn no_front_matter_no_edit() {
        assert_eq!(replace_block("Body\n", "wages", "wages: {}\n"), None);
    }

    #[test]
    fn finds_the_comments_a_replaced_block_drops() {
        let file = "---\ntitle: A # kept\nwages: # from the 2019 seed\n  source: \"ESD # 2\" # the agency\n  note: 'it''s # not' # quoted\n  text: |\n    # text, not a comment\n  # a comment again\n  areas:\n    - area: O'Brien # odd\n      hourly: [1, 2] #no space\n#after\noutlook: {} # kept\n---\n";
        let found = comments_in_block(file, "wages");
        assert_eq!(
            found,
            [
                (3, "# from the 2019 seed".to_string()),
                (4, "# the agency".to_string()),
                (5, "# quoted".to_string()),
                (8, "# a comment again".to_string()),
                (10, "# odd".to_string()),
                (11, "#no space".to_string()),
            ]
        );
        assert_eq!(
            comments_in_block(&file.replace('\n', "\r"), "wages").len(),
            6
        );
        assert!(comments_in_block(file, "missing").is_empty());
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
