//! Editor notes, found with CommonMark's own structure.
//!
//! A note is a line whose text, as CommonMark reads it, starts with `#`
//! followed by a character other than a space, a tab or another `#`:
//! `#checked 2/12/15 lh`. "As CommonMark reads it" means after the markers
//! of the containers the line is in (`>` of a block quote, `- ` or `1. ` of
//! a list item) and its indentation, so `> #note` and `  #note` inside a
//! list item are notes; lines of code blocks (fenced or indented) never
//! are, and a backslash (`\#tag`) makes a line that starts with `#` text.
//!
//! Which lines are containers' markers and which are code is not guessed
//! line by line (a line-based fence tracker disagreed with CommonMark after
//! a fence closed by the end of its list item, or inside an HTML comment):
//! a cheap textual scan proposes candidate lines, and pulldown-cmark's
//! events and their source offsets decide. A candidate is a note unless its
//! `#` lies in a code block, or one of the markers before it on the line is
//! text: a leaf event (text, inline or block HTML) that starts on the line
//! covers it (`2. #x` continuing a paragraph is text, not a list item).
//! Inside a code span or HTML tag that runs over several lines, the
//! markers are text when the span's own text holds them (CommonMark takes
//! container markers out of it).
//!
//! Removing note lines can change the structure of what remains (a note
//! that held the `-->` of an HTML comment), so [`strip`] parses again until
//! no note is left: whatever reaches HTML has no note by the same rule, and
//! `check` lists exactly the lines removed.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// A note line: where it is and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteLine {
    /// 0-based line in the text it was found in.
    pub line: usize,
    /// The line with its line break, as byte offsets.
    pub span: Range<usize>,
    /// The text after the `#`, without the line break.
    pub text: String,
}

/// A line that looks like a note before CommonMark is asked.
#[derive(Debug)]
struct Candidate {
    line: usize,
    span: Range<usize>,
    /// The container markers before the `#` on the line (from the first
    /// to the end of the last; empty when only blanks come before it).
    markers: Range<usize>,
    hash: usize,
    in_code: bool,
    marker_is_text: bool,
}

/// The text of a body with its notes removed, where each remaining line
/// came from, and the notes.
pub(crate) struct Stripped<'a> {
    pub text: Cow<'a, str>,
    /// For each line of `text`, its 0-based line in the original body;
    /// empty when nothing was removed (every line is where it was).
    pub line_map: Vec<usize>,
    /// The notes, by 0-based line of the original body, in order.
    pub notes: Vec<NoteLine>,
}

/// Passes of find-and-remove before falling back to removing every
/// candidate line (code included), which cannot leave a note behind. One
/// pass suffices unless removing a note changes the structure around it.
const MAX_PASSES: usize = 4;

/// Removes every note of `body` (see the module notes).
pub(crate) fn strip(body: &str) -> Stripped<'_> {
    let mut text = Cow::Borrowed(body);
    let mut line_map: Vec<usize> = Vec::new();
    let mut notes: Vec<NoteLine> = Vec::new();
    for pass in 0..=MAX_PASSES {
        let candidates = candidates(&text);
        if candidates.is_empty() {
            break;
        }
        let found: Vec<NoteLine> = if pass == MAX_PASSES {
            candidates.into_iter().map(|c| note_of(&text, c)).collect()
        } else {
            classify(&text, candidates)
        };
        if found.is_empty() {
            break;
        }
        if line_map.is_empty() {
            line_map = (0..line_count(&text)).collect();
        }
        let (kept, kept_map) = remove_lines(&text, &found, &line_map);
        notes.extend(found.into_iter().map(|mut note| {
            note.line = line_map.get(note.line).copied().unwrap_or(note.line);
            note
        }));
        text = Cow::Owned(kept);
        line_map = kept_map;
    }
    notes.sort_by_key(|n| n.line);
    Stripped {
        text,
        line_map,
        notes,
    }
}

/// The notes of `text` without removing them.
pub(crate) fn find(text: &str) -> Vec<NoteLine> {
    strip(text).notes
}

fn line_count(text: &str) -> usize {
    text.split_inclusive('\n').count()
}

/// Lines (with their line breaks) and their byte offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, Range<usize>, &str)> {
    let mut start = 0;
    text.split_inclusive('\n')
        .enumerate()
        .map(move |(i, line)| {
            let span = start..start + line.len();
            start = span.end;
            (i, span, line)
        })
}

/// Lines whose text after blanks, `>` and list markers is `#` and a
/// character other than a blank or `#`.
fn candidates(text: &str) -> Vec<Candidate> {
    if !text.contains('#') {
        return Vec::new();
    }
    lines(text)
        .filter_map(|(line, span, text)| {
            let (markers, hash) = note_start(text)?;
            Some(Candidate {
                line,
                markers: span.start + markers.start..span.start + markers.end,
                hash: span.start + hash,
                span,
                in_code: false,
                marker_is_text: false,
            })
        })
        .collect()
}

/// For a line that may be a note: the span of its container markers (from
/// the first to the end of the last; empty without any) and the offset of
/// its `#`. Skips blanks, block-quote `>`, list markers (`-`, `+`, `*`,
/// `1.`, `1)` followed by a blank) and footnote labels (`[^1]:`), in any
/// order and number.
fn note_start(line: &str) -> Option<(Range<usize>, usize)> {
    let bytes = line.as_bytes();
    let blank = |i: usize| matches!(bytes.get(i), Some(b' ' | b'\t'));
    let mut i = 0;
    let mut markers: Option<Range<usize>> = None;
    loop {
        while blank(i) {
            i += 1;
        }
        let marker_len = match bytes.get(i)? {
            b'>' => 1,
            b'-' | b'+' | b'*' if blank(i + 1) => 1,
            b'0'..=b'9' => {
                let rest = bytes.get(i..)?;
                let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                match bytes.get(i + digits) {
                    Some(b'.' | b')') if digits <= 9 && blank(i + digits + 1) => digits + 1,
                    _ => return None,
                }
            }
            b'[' if bytes.get(i + 1) == Some(&b'^') => {
                let rest = bytes.get(i..)?;
                let close = rest.iter().position(|&b| b == b']')?;
                match rest.get(close + 1) {
                    Some(b':') => close + 2,
                    _ => return None,
                }
            }
            b'#' => {
                let next = bytes.get(i + 1)?;
                if matches!(next, b' ' | b'\t' | b'#' | b'\r' | b'\n') {
                    return None;
                }
                return Some((markers.unwrap_or(i..i), i));
            }
            _ => return None,
        };
        let end = i + marker_len;
        markers = Some(markers.map_or(i..end, |m| m.start..end));
        i = end;
    }
}

/// Decides with pulldown-cmark which candidates are notes.
fn classify(text: &str, mut candidates: Vec<Candidate>) -> Vec<NoteLine> {
    for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                let from = candidates.partition_point(|c| c.hash < range.start);
                for c in candidates.iter_mut().skip(from) {
                    if c.hash >= range.end {
                        break;
                    }
                    c.in_code = true;
                }
            }
            // Tags span the markers of the lines inside them (a block
            // quote, or an emphasis running over several quoted lines):
            // only the text itself tells.
            Event::Start(_) | Event::End(_) => {}
            // Text of the page (a leaf event) that starts on a candidate's
            // line, before its `#`, covers a marker: that marker is text.
            // A code span or HTML tag that began on an earlier line holds
            // the markers as text only if its text has them: CommonMark
            // takes the container markers out of it.
            leaf => {
                let from = candidates.partition_point(|c| c.markers.end <= range.start);
                for c in candidates.iter_mut().skip(from) {
                    if c.markers.start >= range.end {
                        break;
                    }
                    if c.markers.is_empty() {
                        continue;
                    }
                    c.marker_is_text |= range.start >= c.span.start || {
                        let rest = text.get(c.markers.start..c.span.end).unwrap_or_default();
                        let rest = rest.trim_end_matches(['\n', '\r']);
                        leaf_text(&leaf).is_some_and(|t| t.contains(rest))
                    };
                }
            }
        }
    }
    candidates
        .into_iter()
        .filter(|c| !c.in_code && !c.marker_is_text)
        .map(|c| note_of(text, c))
        .collect()
}

/// The text a leaf event publishes (for code spans and HTML, as written).
fn leaf_text<'a>(event: &'a Event) -> Option<&'a str> {
    match event {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => Some(t),
        _ => None,
    }
}

fn note_of(text: &str, c: Candidate) -> NoteLine {
    let note = text.get(c.hash + 1..c.span.end).unwrap_or_default();
    NoteLine {
        line: c.line,
        text: note.trim_end_matches(['\n', '\r']).to_string(),
        span: c.span,
    }
}

/// `text` without the lines of `notes` (sorted by line), and the original
/// line of each line kept.
fn remove_lines(text: &str, notes: &[NoteLine], line_map: &[usize]) -> (String, Vec<usize>) {
    let mut kept = String::with_capacity(text.len());
    let mut kept_map = Vec::with_capacity(line_map.len());
    let mut notes = notes.iter().peekable();
    for (i, _, line) in lines(text) {
        if notes.next_if(|n| n.line == i).is_some() {
            continue;
        }
        kept.push_str(line);
        kept_map.push(line_map.get(i).copied().unwrap_or(i));
    }
    (kept, kept_map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(body: &str) -> Vec<usize> {
        find(body).iter().map(|n| n.line).collect()
    }

    #[test]
    fn finds_the_start_of_a_line_after_container_markers() {
        assert_eq!(note_start("#note"), Some((0..0, 0)));
        assert_eq!(note_start("  > - #note"), Some((2..5, 6)));
        assert_eq!(note_start("12) #x"), Some((0..3, 4)));
        assert_eq!(note_start("[^1]: #x"), Some((0..5, 6)));
        assert_eq!(note_start("-#x"), None);
        assert_eq!(note_start("# heading"), None);
        assert_eq!(note_start("##x"), None);
        assert_eq!(note_start("\\#x"), None);
        assert_eq!(note_start("#"), None);
        assert_eq!(note_start("#\r\n"), None);
    }

    #[test]
    fn notes_in_every_container() {
        let body = "> #quoted\n\n- item\n  #in item\n\n1. #first\n\ntext\n#after text\n";
        assert_eq!(lines_of(body), [0, 3, 5, 8]);
    }

    #[test]
    fn code_is_never_a_note_and_fences_end_with_their_container() {
        // The fence in the list item ends with the item: `#leak` is text
        // of the page, so it is a note (a line-based tracker thought it
        // was still code and published it).
        let body = "- item\n  ```\n  #code\n#leak\n";
        assert_eq!(lines_of(body), [3]);
        let body = "```\n#code\n```\n    #indented code\n\n#note\n";
        assert_eq!(lines_of(body), [5]);
    }

    #[test]
    fn a_fence_inside_an_html_comment_opens_no_code() {
        let body = "<!--\n```\n-->\n#leak\n";
        assert_eq!(lines_of(body), [3]);
    }

    #[test]
    fn text_that_looks_like_a_marker_is_text() {
        // `2.` cannot interrupt a paragraph, so this line is text.
        assert_eq!(lines_of("para\n2. #x\n"), Vec::<usize>::new());
        // Inside an HTML block, `- #x` is raw text too.
        assert_eq!(lines_of("<div>\n- #x\n  #y\n</div>\n"), [2]);
    }

    #[test]
    fn removing_a_note_can_expose_another() {
        // The note holds the end of the comment; without it, the comment
        // runs on and the fenced `#inner` is no longer code.
        let stripped = strip("<!--\n#a -->\n```\n#inner\n```\n");
        let lines: Vec<usize> = stripped.notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [1, 3]);
        assert_eq!(stripped.text, "<!--\n```\n```\n");
        assert_eq!(stripped.line_map, [0, 2, 4]);
    }

    #[test]
    fn note_text_and_line_map() {
        let stripped = strip("a\r\n> #one two\r\nb\n");
        assert_eq!(stripped.notes.len(), 1);
        assert_eq!(stripped.notes[0].text, "one two");
        assert_eq!(stripped.text, "a\r\nb\n");
        assert_eq!(stripped.line_map, [0, 2]);
        let plain = strip("no notes # here\n");
        assert!(matches!(plain.text, Cow::Borrowed(_)));
        assert!(plain.line_map.is_empty());
    }
}
