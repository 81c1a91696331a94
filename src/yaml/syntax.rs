//! YAML syntax errors in plain words, at the line that holds the mistake.
//!
//! libyaml names a problem where its scanner noticed it, which is often a
//! line after the mistake, and in its own terms ("could not find expected
//! ':'"). Its message also says what it was reading and where that began
//! ("while scanning a simple key at line 9 column 1"); with the text of
//! those lines this module says what went wrong and how to fix it:
//!
//! - `cluster:Health Science` → "add a space after the colon", at its line;
//! - a key indented more or less than the one above it → which key to line
//!   it up with, and by how many spaces;
//! - an unclosed `[`, `{` or quote → where it was opened;
//! - a value starting with `@`, a backtick or a tab → what to write instead.
//!
//! Anything else keeps libyaml's words at libyaml's position.

use super::YamlError;
use crate::diagnostics::Position;

/// A serde_yaml error on `text`, explained.
pub(crate) fn explain(error: &serde_yaml::Error, text: &str) -> YamlError {
    let raw = error.to_string();
    let message = Message::parse(&raw);
    let at = error
        .location()
        .map(|l| Position::new(l.line(), l.column()));
    let lines: Vec<&str> = text.lines().collect();
    let line_text = |p: Position| lines.get(p.line.wrapping_sub(1)).copied().unwrap_or("");
    let error = |message: String, position: Option<Position>, hint: Option<String>| YamlError {
        message,
        position,
        hint,
    };
    if let Some(p) = at.filter(|&p| starts_with_tab(line_text(p), p)) {
        return error(
            "a tab is used for indentation; YAML allows only spaces there".into(),
            Some(Position::new(p.line, 1)),
            Some("indent with spaces instead".into()),
        );
    }
    match message.problem {
        "could not find expected ':'" => {
            let culprit = message.context_at.or(at);
            let written = culprit.map_or("", line_text);
            if let Some((key, value)) = missing_space(written) {
                return error(
                    format!("a space is missing after the colon of `{key}:`"),
                    culprit.map(|p| Position::new(p.line, column_of(written, key) + key.chars().count() + 1)),
                    Some(format!("add a space after the colon: `{key}: {value}`")),
                );
            }
            error(
                format!(
                    "`{}` is neither a `key: value` line nor a list item",
                    written.trim()
                ),
                culprit.map(|p| Position::new(p.line, indent_of(written) + 1)),
                Some("write a key, a colon and a space before the value; or indent the line further to continue the value above it".into()),
            )
        }
        "mapping values are not allowed in this context" => {
            let Some(p) = at else {
                return generic(&message, at);
            };
            let written = line_text(p);
            if let Some((key, _)) = key_of(written).filter(|(key, _)| {
                column_of(written, key) + key.chars().count() + 1 < p.column
            }) {
                let value = written.trim_start()[key.len() + 1..].trim();
                return error(
                    format!("the value of `{key}` holds `: `, which YAML reads as another key"),
                    Some(p),
                    Some(format!(
                        "put the value in quotes: `{key}: \"{}\"`",
                        value.replace('"', "\\\"")
                    )),
                );
            }
            // `b:c` above, read as text that this line continues.
            let previous = (1..p.line).rev().find(|&n| {
                let text = line_text(Position::new(n, 1)).trim();
                !text.is_empty() && !text.starts_with('#')
            });
            if let Some(n) = previous {
                let written = line_text(Position::new(n, 1));
                if let Some((key, value)) = missing_space(written) {
                    return error(
                        format!("a space is missing after the colon of `{key}:`"),
                        Some(Position::new(n, column_of(written, key) + key.chars().count() + 1)),
                        Some(format!("add a space after the colon: `{key}: {value}`")),
                    );
                }
            }
            indentation(&lines, p.line, at, "more")
        }
        "did not find expected key" | "did not find expected '-' indicator" => {
            let Some(p) = at else {
                return generic(&message, at);
            };
            let written = line_text(p);
            if written.trim_start().starts_with("- ") || written.trim() == "-" {
                return error(
                    "a list item where a key was expected".into(),
                    Some(p),
                    Some("put list items under a key of their own (`also_called:`), each on its own line starting with `- `, indented alike".into()),
                );
            }
            if written.trim_start().starts_with(['"', '\'']) || indent_of(written) + 1 != p.column
            {
                return error(
                    "unexpected text after the value".into(),
                    Some(p),
                    Some("a quoted value must end the line (a `# comment` may follow); put all of it in the quotes".into()),
                );
            }
            indentation(&lines, p.line, at, "less")
        }
        "did not find expected ',' or ']'" | "did not find expected ',' or '}'" => {
            let (open, close) = match message.problem.ends_with("']'") {
                true => ('[', ']'),
                false => ('{', '}'),
            };
            error(
                format!("the `{open}` here is never closed with `{close}`"),
                message.context_at.or(at),
                Some(format!(
                    "end the list with `{close}`, and separate its entries with commas"
                )),
            )
        }
        "did not find expected node content" if message.context == Some("while parsing a flow node") => {
            let open = unclosed_bracket(&lines, at.map_or(lines.len(), |p| p.line));
            match open {
                Some((c, p)) => error(
                    format!("the `{c}` here is never closed with `{}`", if c == '[' { ']' } else { '}' }),
                    Some(p),
                    Some("close the list on the line it starts on, and separate its entries with commas".into()),
                ),
                None => generic(&message, at),
            }
        }
        "found unexpected end of stream" if message.context == Some("while scanning a quoted scalar") => {
            error(
                "the quote that starts here is never closed".into(),
                message.context_at.or(at),
                Some("end the text with the same quote mark it starts with".into()),
            )
        }
        "found unknown escape character" => error(
            "a backslash in double quotes starts an escape YAML does not know".into(),
            at,
            Some("write `\\\\` for a backslash, or use single quotes, in which a backslash is plain text".into()),
        ),
        "found character that cannot start any token" => {
            let c = at
                .and_then(|p| line_text(p).chars().nth(p.column.saturating_sub(1)))
                .unwrap_or('?');
            error(
                format!("a value cannot start with `{c}`"),
                at,
                Some("put the value in quotes".into()),
            )
        }
        "block sequence entries are not allowed in this context" => error(
            "a list cannot start on the line of its key".into(),
            at,
            Some("put each `- item` on a line of its own, below the key".into()),
        ),
        "unknown anchor" => error(
            "this alias (`*name`) names no anchor (`&name`) written before it".into(),
            at,
            Some("to write text starting with `*`, put it in quotes".into()),
        ),
        _ => generic(&message, at),
    }
}

/// libyaml's own words, without serde_yaml's "at line N column M".
fn generic(message: &Message, at: Option<Position>) -> YamlError {
    let text = match message.context {
        Some(context) => format!("{}, {context}", message.problem),
        None => message.problem.to_string(),
    };
    YamlError {
        message: text,
        position: at,
        hint: None,
    }
}

/// A line indented wrongly: `direction` says how libyaml saw it ("more"
/// when it continued the value above, "less" when it matched no key). The
/// hint names the key above to line up with.
fn indentation(lines: &[&str], line: usize, at: Option<Position>, direction: &str) -> YamlError {
    let written = lines.get(line.wrapping_sub(1)).copied().unwrap_or("");
    let indent = indent_of(written);
    let name = match key_of(written) {
        Some((key, _)) => format!("`{key}:`"),
        None => "this line".into(),
    };
    let above = (1..line).rev().find_map(|n| {
        let text = lines.get(n - 1)?;
        let (key, column) = key_of(text)?;
        Some((n, key, column))
    });
    let (message, hint) = match above {
        Some((_, key, column)) if column != indent => (
            format!(
                "{name} is indented {} than `{key}:` above it",
                if indent > column { "more" } else { "less" }
            ),
            format!(
                "line it up with `{key}:` ({column} space{}), or with the key it belongs under",
                if column == 1 { "" } else { "s" }
            ),
        ),
        _ => (
            format!("{name} is indented {direction} than the lines around it allow"),
            "indent keys of one block by the same number of spaces".into(),
        ),
    };
    YamlError {
        message,
        position: at.map(|p| Position::new(p.line, indent + 1)),
        hint: Some(hint),
    }
}

/// The last `[` or `{` left open in the first `upto` lines (outside quotes
/// and comments), and where.
fn unclosed_bracket(lines: &[&str], upto: usize) -> Option<(char, Position)> {
    let mut open: Vec<(char, Position)> = Vec::new();
    for (n, line) in lines.iter().take(upto).enumerate() {
        let mut quote = None;
        let mut previous = ' ';
        for (column, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if previous == ' ' => break,
                (None, '[' | '{') => open.push((c, Position::new(n + 1, column + 1))),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
            previous = c;
        }
    }
    open.pop()
}

/// serde_yaml's message split into libyaml's problem and context.
#[derive(Debug)]
struct Message<'m> {
    problem: &'m str,
    context: Option<&'m str>,
    context_at: Option<Position>,
}

impl<'m> Message<'m> {
    /// `problem at line L column C, context at line L2 column C2`, where
    /// both marks and the context are optional.
    fn parse(text: &'m str) -> Self {
        let (problem, rest) = match text.find(" at line ") {
            Some(i) => (&text[..i], &text[i..]),
            None => (text, ""),
        };
        let context_text = rest.split_once(", ").map(|(_, c)| c);
        let (context, context_at) = match context_text {
            Some(c) => match c.find(" at line ") {
                Some(i) => (Some(&c[..i]), mark(&c[i..])),
                None => (Some(c), None),
            },
            None => (None, None),
        };
        Message {
            problem,
            context,
            context_at,
        }
    }
}

/// ` at line L column C` → the position.
fn mark(text: &str) -> Option<Position> {
    let rest = text.strip_prefix(" at line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Position::new(line.parse().ok()?, column.parse().ok()?))
}

/// `key:value` with no space after the colon, at the start of a line (after
/// its indent or `- `): the key and the value.
fn missing_space(line: &str) -> Option<(&str, &str)> {
    let content = strip_item(line.trim_start());
    let colon = content.find(':')?;
    let (key, value) = (&content[..colon], &content[colon + 1..]);
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
        && !key.ends_with(' ');
    (plain_key && !value.is_empty() && !value.starts_with([' ', ':']))
        .then_some((key, value.trim_end()))
}

/// A `key:` line: the key and its 0-based column (after any `- `).
fn key_of(line: &str) -> Option<(&str, usize)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return None;
    }
    let content = strip_item(trimmed);
    let column = line.len() - content.len();
    let colon = content
        .char_indices()
        .find(|&(i, c)| c == ':' && content[i + 1..].chars().next().is_none_or(|n| n == ' '))?
        .0;
    let key = content[..colon].trim_end();
    (!key.is_empty() && !key.starts_with(['"', '\'', '[', '{']))
        .then(|| (key, line[..column].chars().count()))
}

/// The text after any `- ` list markers.
fn strip_item(mut text: &str) -> &str {
    while let Some(rest) = text.strip_prefix("- ") {
        text = rest.trim_start();
    }
    text
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The 0-based column (in characters) where `part` starts in `line`.
fn column_of(line: &str, part: &str) -> usize {
    line.find(part).map_or(0, |i| line[..i].chars().count())
}

/// Whether the position (or the indentation of its line) is a tab.
fn starts_with_tab(line: &str, at: Position) -> bool {
    let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    indent.contains('\t') || line.chars().nth(at.column.saturating_sub(1)) == Some('\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain_text(text: &str) -> YamlError {
        let error = serde_yaml::from_str::<serde::de::IgnoredAny>(text).unwrap_err();
        explain(&error, text)
    }

    fn line(e: &YamlError) -> usize {
        e.position.map_or(0, |p| p.line)
    }

    #[test]
    fn a_missing_space_after_a_colon_is_named_at_its_line() {
        let text = "title: A\nsoc: \"29-2071\"\ncluster:Health Science\neducation: associate\n";
        let e = explain_text(text);
        assert_eq!(e.position, Some(Position::new(3, 8)));
        assert_eq!(
            e.hint.as_deref(),
            Some("add a space after the colon: `cluster: Health Science`")
        );
        // Also as the last line, and inside a list item.
        assert_eq!(line(&explain_text("title: A\ncluster:Health\n")), 2);
        let e = explain_text("a:\n  - b:c\n    d: 1\n");
        assert!(e.hint.unwrap_or_default().contains("`b: c`"));
    }

    #[test]
    fn bad_indentation_is_named_at_its_line_with_the_key_to_line_up_with() {
        let more = explain_text("title: A\nwages:\n  source: x\n   as_of: 2019\n  areas: []\n");
        assert_eq!(line(&more), 4);
        assert!(
            more.message.contains("more than `source:` above it"),
            "{more:?}"
        );
        assert!(more.hint.unwrap_or_default().contains("(2 spaces)"));
        let less = explain_text("title: A\nwages:\n  source: x\n as_of: 2019\n");
        assert_eq!(line(&less), 4);
        assert!(less.message.contains("less than `source:`"), "{less:?}");
        let item =
            explain_text("wages:\n  areas:\n    - area: W\n      hourly: [1]\n     yearly: [1]\n");
        assert_eq!(line(&item), 5);
        assert!(
            item.message
                .contains("`yearly:` is indented less than `hourly:`"),
            "{item:?}"
        );
        let deeper = explain_text("wages:\n  areas:\n    - area: W\n       hourly: [1]\n");
        assert_eq!(line(&deeper), 4);
        assert!(deeper.message.contains("more than `area:`"), "{deeper:?}");
    }

    #[test]
    fn unclosed_brackets_and_quotes_point_where_they_open() {
        let e = explain_text("title: A\nsoc: [\"29\"\nx: 1\n");
        assert_eq!(e.position, Some(Position::new(2, 6)));
        assert!(e.message.contains("`[` here is never closed"));
        let e = explain_text("title: A\njob_zone: [\n");
        assert_eq!(e.position, Some(Position::new(2, 11)));
        assert!(e.message.contains("`[` here is never closed"), "{e:?}");
        let e = explain_text("title: \"A\nsoc: 1\n");
        assert_eq!(e.position, Some(Position::new(1, 8)));
        assert!(e.message.contains("quote"));
    }

    #[test]
    fn other_mistakes_in_plain_words() {
        let e = explain_text("title: A: B\n");
        assert_eq!(
            e.hint.as_deref(),
            Some("put the value in quotes: `title: \"A: B\"`")
        );
        let e = explain_text("a: @x\n");
        assert_eq!(e.message, "a value cannot start with `@`");
        let e = explain_text("a:\n\tb: 1\n");
        assert!(e.message.contains("tab"));
        assert_eq!(line(&e), 2);
        let e = explain_text("title: A\nsummary: hello\nThis is prose\n");
        assert_eq!(line(&e), 3);
        assert!(e.message.contains("`This is prose` is neither"), "{e:?}");
        let e = explain_text("a: \"x\" y\n");
        assert!(e.message.contains("after the value"), "{e:?}");
    }
}
