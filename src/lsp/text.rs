//! Reading an editor's buffer for the language server: LSP positions
//! (0-based lines, UTF-16 columns) to and from the build's positions
//! (1-based lines, columns in characters), where the YAML of a buffer is
//! (the front matter of a page, or all of `site.yaml`), and which key or
//! value the cursor is on.
//!
//! The build reads YAML into a tree (`crate::yaml`); a buffer being typed
//! is seldom valid YAML, so the cursor's place is read here line by line
//! from the indentation, as the editor shows it.

/// A position in a buffer as LSP counts: line from 0, UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LspPosition {
    pub line: u32,
    pub character: u32,
}

/// The LSP position of the build's `line` and `column` (both from 1,
/// the column in characters) in `text`.
pub(crate) fn to_lsp(text: &str, line: usize, column: usize) -> LspPosition {
    let line_text = nth_line(text, line.saturating_sub(1)).unwrap_or("");
    let units: usize = line_text
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf16)
        .sum();
    LspPosition {
        line: u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX),
        character: u32::try_from(units).unwrap_or(u32::MAX),
    }
}

/// Where the thing a problem points at ends on its line: a quoted value
/// to its closing quote, anything else to the next space, comma or
/// bracket, at least one character (an empty line: its start).
pub(crate) fn token_end(text: &str, line: usize, column: usize) -> LspPosition {
    let line_text = nth_line(text, line.saturating_sub(1)).unwrap_or("");
    let rest: Vec<char> = line_text.chars().skip(column.saturating_sub(1)).collect();
    let length = match rest.first() {
        None => 0,
        Some(&quote @ ('"' | '\'')) => rest
            .iter()
            .skip(1)
            .position(|&c| c == quote)
            .map_or(rest.len(), |p| p + 2),
        Some(_) => rest
            .iter()
            .position(|&c| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '['))
            .unwrap_or(rest.len())
            .max(1),
    };
    to_lsp(text, line, column + length)
}

/// Line `index` (from 0) without its line break. Unlike `str::lines`, the
/// empty line after a final line break is a line: the editor's cursor can
/// be there.
fn nth_line(text: &str, index: usize) -> Option<&str> {
    let line = text.split('\n').nth(index)?;
    Some(line.strip_suffix('\r').unwrap_or(line))
}

/// The line at `position` and the byte offset of the cursor in it.
pub(crate) fn line_at(text: &str, position: LspPosition) -> Option<(&str, usize)> {
    let line = nth_line(text, position.line as usize)?;
    let mut units = 0u32;
    for (offset, c) in line.char_indices() {
        if units >= position.character {
            return Some((line, offset));
        }
        units += c.len_utf16() as u32;
    }
    Some((line, line.len()))
}

/// The UTF-16 column of a byte offset in a line.
pub(crate) fn utf16_column(line: &str, offset: usize) -> u32 {
    let units: usize = line
        .get(..offset)
        .unwrap_or(line)
        .chars()
        .map(char::len_utf16)
        .sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// Which lines of a buffer are YAML: a page's front matter (the lines
/// between the opening `---` and the closing one, or the end while it is
/// not closed yet), or every line of `site.yaml`.
pub(crate) fn yaml_lines(text: &str, whole_file: bool) -> Option<std::ops::Range<usize>> {
    let count = text.split('\n').count();
    if whole_file {
        return Some(0..count);
    }
    let mut lines = text.trim_start_matches('\u{feff}').split('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return None;
    }
    let end = lines
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        // Lines after the opening one are counted from 1.
        .map_or(count, |p| p + 1);
    Some(1..end)
}

/// The shape of one YAML line: its indentation, whether it starts a list
/// item (`- `), and the key it holds, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape<'a> {
    lead: usize,
    item: bool,
    /// Byte offset of the key (or of the value of a bare item).
    key_col: usize,
    key: Option<&'a str>,
    /// Byte offset just after the key's colon.
    value_col: usize,
}

fn shape(line: &str) -> Option<Shape<'_>> {
    let lead = line.len() - line.trim_start_matches(' ').len();
    let rest = line.get(lead..)?;
    if rest.trim().is_empty() || rest.starts_with('#') {
        return None;
    }
    let (item, key_col) = match rest.strip_prefix('-') {
        Some(after) if after.is_empty() || after.starts_with(' ') => {
            (true, lead + 1 + (after.len() - after.trim_start().len()))
        }
        _ => (false, lead),
    };
    let body = line.get(key_col..).unwrap_or("");
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    let after = body.get(name_len..).unwrap_or("");
    let key = match after.strip_prefix(':') {
        Some(value) if name_len > 0 && (value.is_empty() || value.starts_with(' ')) => {
            body.get(..name_len)
        }
        _ => None,
    };
    Some(Shape {
        lead,
        item,
        key_col,
        key,
        value_col: key_col + name_len + 1,
    })
}

/// The keys leading to the mapping that line `index` is in, read from
/// the indentation of the lines above it (`"[]"` for a list item):
/// `["wages", "areas", "[]"]` for the `hourly:` line of an area.
fn parents(lines: &[&str], index: usize, start: usize) -> Vec<String> {
    let mut path = Vec::new();
    let Some(current) = lines.get(index).and_then(|l| shape(l)) else {
        // An empty line: the cursor's indentation is unknown here; the
        // caller passes lines with text.
        return path;
    };
    let (mut col, mut after_item) = match current.item {
        true => {
            path.push("[]".to_string());
            (current.lead, true)
        }
        false => (current.key_col, false),
    };
    for line in lines.get(start..index).unwrap_or_default().iter().rev() {
        if col == 0 {
            break;
        }
        let Some(above) = shape(line) else { continue };
        let owns = |key_col: usize| key_col < col || (after_item && key_col <= col);
        if above.item && above.lead < col {
            if let Some(key) = above.key.filter(|_| above.key_col < col) {
                path.push(key.to_string());
            }
            path.push("[]".to_string());
            col = above.lead;
            after_item = true;
        } else if !above.item && above.key.is_some() && owns(above.key_col) {
            path.extend(above.key.map(str::to_string));
            col = above.key_col;
            after_item = false;
        }
    }
    path.reverse();
    path
}

/// What the cursor is on, for completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spot {
    /// A key being typed at `parents` (the typed part starts at byte `from`).
    Key { parents: Vec<String>, from: usize },
    /// A value being typed at `path` (`["related", "[]"]` for an entry of
    /// the list), from byte `from` of the line.
    Value { path: Vec<String>, from: usize },
}

/// What the cursor at byte `offset` of line `index` is on, within the
/// YAML `lines` (`yaml` is their range in the buffer). `None` outside
/// the YAML or in a comment.
pub(crate) fn spot(
    lines: &[&str],
    yaml: &std::ops::Range<usize>,
    index: usize,
    offset: usize,
) -> Option<Spot> {
    if !yaml.contains(&index) {
        return None;
    }
    let line = *lines.get(index)?;
    let before = line.get(..offset)?;
    if before.contains(" #") || before.trim_start().starts_with('#') {
        return None;
    }
    // A line with nothing typed yet takes the cursor's indentation.
    let typed_line;
    let lines_for_shape: Vec<&str>;
    let (lines, line) = if before.trim().is_empty() || before.trim() == "-" {
        typed_line = format!("{before}x");
        lines_for_shape = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == index { typed_line.as_str() } else { l })
            .collect();
        (lines_for_shape.as_slice(), typed_line.as_str())
    } else {
        (lines, line)
    };
    let shape = shape(line)?;
    let parents = parents(lines, index, yaml.start);
    match shape.key {
        Some(key) if offset >= shape.value_col => {
            let mut path = parents;
            path.push(key.to_string());
            let value = before.get(shape.value_col..).unwrap_or("");
            Some(value_spot(path, value, shape.value_col))
        }
        _ if offset >= shape.key_col => {
            let typed = before.get(shape.key_col..).unwrap_or("");
            if typed.contains(['[', ',', '"', '\'']) || typed.contains(": ") {
                return Some(value_spot(parents, typed, shape.key_col));
            }
            Some(Spot::Key {
                parents,
                from: shape.key_col,
            })
        }
        _ => None,
    }
}

/// The value typed in `text` (which starts at byte `base` of its line):
/// an entry of a flow list (`[a, b`) or the value itself, quotes left out.
fn value_spot(mut path: Vec<String>, text: &str, base: usize) -> Spot {
    let mut from = base + text.len() - text.trim_start().len();
    if let Some(open) = text.rfind('[') {
        path.push("[]".to_string());
        from = base + open + 1;
        let after = text.get(open + 1..).unwrap_or("");
        if let Some(comma) = after.rfind(',') {
            from = base + open + 1 + comma + 1;
        }
        let entry = text.get(from - base..).unwrap_or("");
        from += entry.len() - entry.trim_start().len();
    }
    if text
        .get(from - base..)
        .is_some_and(|t| t.starts_with(['"', '\'']))
    {
        from += 1;
    }
    Spot::Value { path, from }
}

/// The key under the cursor, with the keys leading to it (for hovers).
pub(crate) fn key_at(
    lines: &[&str],
    yaml: &std::ops::Range<usize>,
    index: usize,
    offset: usize,
) -> Option<Vec<String>> {
    if !yaml.contains(&index) {
        return None;
    }
    let line = *lines.get(index)?;
    let shape = shape(line)?;
    let key = shape.key?;
    if offset < shape.key_col || offset >= shape.value_col {
        return None;
    }
    let mut path = parents(lines, index, yaml.start);
    path.push(key.to_string());
    Some(path)
}

/// The word under the cursor: a run of the characters slugs, paths and
/// area names are made of, and where it starts.
pub(crate) fn word_at(line: &str, offset: usize) -> Option<(&str, usize)> {
    let is_part = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '/');
    let start = line
        .get(..offset)?
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_part(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = line
        .get(offset..)?
        .char_indices()
        .find(|&(_, c)| !is_part(c))
        .map_or(line.len(), |(i, _)| offset + i);
    let word = line.get(start..end)?;
    (!word.is_empty()).then_some((word, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROFILE: &str = "---\ntitle: X\nwages:\n  areas:\n    - area: US\n      hourly: [1, 2]\n      \nrelated:\n  - medi\nrelated: [a, b\n---\nbody\n";

    fn at(line: usize, column: usize) -> Option<Spot> {
        let lines: Vec<&str> = PROFILE.lines().collect();
        let yaml = yaml_lines(PROFILE, false).unwrap();
        spot(&lines, &yaml, line, column)
    }

    fn path(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn reads_where_the_cursor_is() {
        assert_eq!(yaml_lines(PROFILE, false), Some(1..10));
        assert_eq!(
            at(1, 2),
            Some(Spot::Key {
                parents: vec![],
                from: 0
            })
        );
        assert_eq!(
            at(5, 11),
            Some(Spot::Key {
                parents: path(&["wages", "areas", "[]"]),
                from: 6
            })
        );
        assert_eq!(
            at(6, 6),
            Some(Spot::Key {
                parents: path(&["wages", "areas", "[]"]),
                from: 6
            })
        );
        assert_eq!(
            at(4, 14),
            Some(Spot::Value {
                path: path(&["wages", "areas", "[]", "area"]),
                from: 12
            })
        );
        // A bare list item reads as a key here; the server asks the schema.
        assert_eq!(
            at(8, 8),
            Some(Spot::Key {
                parents: path(&["related", "[]"]),
                from: 4
            })
        );
        assert_eq!(
            at(9, 14),
            Some(Spot::Value {
                path: path(&["related", "[]"]),
                from: 13
            })
        );
        assert_eq!(at(11, 2), None);
    }

    #[test]
    fn finds_the_key_under_the_cursor() {
        let lines: Vec<&str> = PROFILE.lines().collect();
        let yaml = yaml_lines(PROFILE, false).unwrap();
        assert_eq!(
            key_at(&lines, &yaml, 5, 8),
            Some(path(&["wages", "areas", "[]", "hourly"]))
        );
        assert_eq!(key_at(&lines, &yaml, 5, 14), None);
    }

    proptest::proptest! {
        /// The oracle is the standard library's UTF-16 encoding: the
        /// column of the `column`th character is the length of what comes
        /// before it in UTF-16, and reading that position back gives the
        /// same character.
        #[test]
        fn columns_agree_with_utf16_encoding(
            lines in proptest::collection::vec("[a-zé😀\u{10000}-\u{10010} :\t]{0,12}", 1..4),
            line in 0usize..4,
            column in 0usize..14,
        ) {
            let text = lines.join("\n");
            let line = line % lines.len();
            let line_text = &lines[line];
            let chars = line_text.chars().count();
            let column = column.min(chars);
            let lsp = to_lsp(&text, line + 1, column + 1);
            let prefix: String = line_text.chars().take(column).collect();
            proptest::prop_assert_eq!(lsp.line as usize, line);
            proptest::prop_assert_eq!(lsp.character as usize, prefix.encode_utf16().count());
            let (back, offset) = line_at(&text, lsp).unwrap();
            proptest::prop_assert_eq!(back, line_text.as_str());
            proptest::prop_assert_eq!(offset, prefix.len());
            proptest::prop_assert_eq!(utf16_column(back, offset), lsp.character);
        }
    }

    #[test]
    fn converts_columns_to_utf16() {
        let text = "a\nédu 😀x\n";
        assert_eq!(
            to_lsp(text, 2, 6),
            LspPosition {
                line: 1,
                character: 6
            }
        );
        assert_eq!(
            line_at(
                text,
                LspPosition {
                    line: 1,
                    character: 6
                }
            ),
            Some(("édu 😀x", 9))
        );
        assert_eq!(
            token_end(text, 2, 1),
            LspPosition {
                line: 1,
                character: 3
            }
        );
        assert_eq!(word_at("related: [abc, de]", 12), Some(("abc", 10)));
    }
}
