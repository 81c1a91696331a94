//! All YAML reading: the one module that knows `serde_yaml`.
//!
//! `serde_yaml` is archived, so everything that touches it stays here and the
//! rest of the crate sees only typed values, [`YamlError`] and [`Outline`].
//! Swapping the YAML library means rewriting this file alone.
//!
//! Besides deserialising, this module finds where a key or list entry sits in
//! the text ([`Outline`]), because YAML libraries give positions for syntax
//! errors but not for values that are well-formed yet wrong (an out-of-order
//! percentile, an unknown education level). It does not know the content
//! model: which keys exist is asked of the target types themselves.
//! Documents with more than [`MAX_ALIASES`] aliases are refused before
//! parsing, so alias bombs never expand.
//!
//! Deserialising tries [`fast`] first: a hand-written reader for the plain
//! subset of YAML that front matter is written in, many times quicker than
//! serde_yaml. Whatever it is unsure of goes to serde_yaml, which stays the
//! reference for every value, error message and position.

mod fast;
mod syntax;
mod tree;

use serde::de::{self, Deserialize, DeserializeOwned, Visitor};

use crate::diagnostics::Position;

pub(crate) use fast::{resolve as resolve_plain, Resolved};
pub use fast::{resolves_to_text, Duplicate, Entry, Node, Style, Value};
pub(crate) use tree::LineIndex;
pub use tree::{parse as parse_tree, Tree, TreeError};

/// Test hook: the tree serde_yaml alone gives for `text` (no fast parser).
/// Not for other uses.
#[doc(hidden)]
pub fn tree_from_serde_yaml(text: &str) -> Result<Node<'static>, TreeError> {
    tree::from_serde_yaml(text)
}

/// Test hook: the fast parser alone, `None` where it declines.
#[doc(hidden)]
pub fn tree_from_fast_parser(text: &str) -> Option<Node<'_>> {
    fast::parse(text)
}

/// One step of a path into a YAML document: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Shorthand for building paths in code: `path!["wages", "areas", 2]`.
#[macro_export]
macro_rules! yaml_path {
    ($($seg:expr),* $(,)?) => { [$($crate::yaml::Segment::from($seg)),*] };
}

impl From<&str> for Segment {
    fn from(key: &str) -> Self {
        Segment::Key(key.to_string())
    }
}

impl From<usize> for Segment {
    fn from(index: usize) -> Self {
        Segment::Index(index)
    }
}

/// A document that could not be read into the target type.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// What went wrong, without serde_yaml's "at line N column M" suffix.
    pub message: String,
    /// Where, counted in the YAML text given (1-based).
    pub position: Option<Position>,
    /// How to fix it, when the mistake is a common one.
    pub hint: Option<String>,
}

/// Deserialises `text` into `T` and returns, beside it, the path of every key
/// that `T` does not know. Unknown keys are collected rather than rejected at
/// the first one, so an editor sees all of them in one run.
pub fn from_str_with_unknown_keys<T: DeserializeOwned>(
    text: &str,
) -> Result<(T, Vec<Vec<Segment>>), YamlError> {
    let document = Document::new(text)?;
    match fast_path(&document) {
        Some(parsed) => Ok(parsed),
        None => serde_yaml_path(document.text),
    }
}

/// A document ready to deserialise: aliases counted, and an empty one
/// (only comments, or nothing) turned into an empty mapping.
struct Document<'a> {
    text: &'a str,
    empty: bool,
}

impl<'a> Document<'a> {
    fn new(text: &'a str) -> Result<Self, YamlError> {
        let empty = text.trim().is_empty() || only_comments(text);
        let text = if empty { "{}" } else { text };
        check_aliases(text)?;
        Ok(Document { text, empty })
    }
}

/// The fast path: `None` when it declines the text or cannot deserialise
/// `T` from it with certainty, and the caller must ask serde_yaml.
fn fast_path<T: DeserializeOwned>(document: &Document) -> Option<(T, Vec<Vec<Segment>>)> {
    let tree = match document.empty {
        true => fast::Node::new(0, fast::Value::Map(Vec::new())),
        false => fast::parse(document.text)?,
    };
    // Keys given twice are serde_yaml's to report.
    let mut duplicates = Vec::new();
    fast::duplicate_keys(&tree, &mut duplicates);
    if !duplicates.is_empty() {
        return None;
    }
    let mut unknown = Vec::new();
    let value = serde_ignored::deserialize(fast::Deserializer::new(&tree), |path| {
        unknown.push(segments(&path));
    })
    .ok()?;
    Some((value, unknown))
}

fn serde_yaml_path<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<Vec<Segment>>), YamlError> {
    let mut unknown = Vec::new();
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let value = serde_ignored::deserialize(deserializer, |path| {
        unknown.push(segments(&path));
    })
    .map_err(|e| to_yaml_error(e, text))?;
    Ok((value, unknown))
}

/// A plain scalar's text read as `T` by serde_yaml itself, for the numbers
/// [`resolve_plain`] leaves [`Resolved::Unsure`] (`0x1F`, `1e3`, `+5`).
/// The text of a plain scalar is read back as the same plain scalar.
pub(crate) fn plain_as<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_yaml::from_str(text).ok()
}

/// Test hook: [`from_str_with_unknown_keys`] through the fast path alone,
/// `None` where it would hand over to serde_yaml. Not for other uses.
#[doc(hidden)]
pub fn fast_path_only<T: DeserializeOwned>(text: &str) -> Option<(T, Vec<Vec<Segment>>)> {
    fast_path(&Document::new(text).ok()?)
}

/// Test hook: [`from_str_with_unknown_keys`] without the fast path, as it
/// was before the fast path existed. Not for other uses.
#[doc(hidden)]
pub fn serde_yaml_only<T: DeserializeOwned>(
    text: &str,
) -> Result<(T, Vec<Vec<Segment>>), YamlError> {
    serde_yaml_path(Document::new(text)?.text)
}

/// The most aliases (`*name`) a document may use. Aliases repeat a value
/// written once, so a few can expand into gigabytes ("billion laughs");
/// front matter has no need for many.
pub(crate) const MAX_ALIASES: usize = 50;

/// Refuses a document with more than [`MAX_ALIASES`] aliases, before the
/// YAML library expands any of them.
fn check_aliases(text: &str) -> Result<(), YamlError> {
    let mut count = 0;
    for (index, line) in lines_with_a_star(text) {
        for column in alias_columns(line) {
            count += 1;
            if count > MAX_ALIASES {
                return Err(YamlError {
                    message: format!(
                        "more than {MAX_ALIASES} aliases (`*name`) in one front matter"
                    ),
                    position: Some(Position::new(index + 1, column)),
                    hint: Some(
                        "write the values out instead of repeating them with aliases".into(),
                    ),
                });
            }
        }
    }
    Ok(())
}

/// The lines that hold a `*`, with their 0-based index, as `str::lines`
/// would give them. Most lines have none, so this searches the text for
/// `*` rather than walking every line: the fast path's speed depends on it.
fn lines_with_a_star(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let (mut search_from, mut index, mut counted_to) = (0, 0, 0);
    std::iter::from_fn(move || {
        let star = search_from + text[search_from..].find('*')?;
        let start = text[..star].rfind('\n').map_or(0, |i| i + 1);
        let end = text[star..].find('\n').map_or(text.len(), |i| star + i);
        index += text[counted_to..start]
            .bytes()
            .filter(|&b| b == b'\n')
            .count();
        counted_to = start;
        search_from = (end + 1).min(text.len());
        let line = &text[start..end];
        let line = match end < text.len() {
            true => line.strip_suffix('\r').unwrap_or(line),
            false => line,
        };
        Some((index, line))
    })
}

/// 1-based columns of the `*` of each alias on a line: a `*` that starts a
/// token (after a space, `[`, `{`, `,` or the line start) and is followed by
/// a name, outside quotes and comments. An over-count (a `*word` inside
/// plain text) only matters past the limit.
fn alias_columns(line: &str) -> Vec<usize> {
    let mut columns = Vec::new();
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut chars = line.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if matches!(previous, ' ' | '[' | '{' | ',' | ':') => {
                quote = Some(c)
            }
            (None, '#') if previous == ' ' || i == 0 => break,
            (None, '*')
                if matches!(previous, ' ' | '[' | '{' | ',')
                    && chars.peek().is_some_and(|&(_, n)| !n.is_whitespace()) =>
            {
                columns.push(i + 1)
            }
            _ => {}
        }
        previous = c;
    }
    columns
}

fn only_comments(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#'))
}

/// A serde_yaml error as a [`YamlError`]: syntax errors explained in plain
/// words ([`syntax`]); type errors and duplicate keys placed at the line
/// that holds them.
fn to_yaml_error(error: serde_yaml::Error, text: &str) -> YamlError {
    // serde_yaml reads the whole event stream first: a document it can
    // walk through without a type has no syntax error.
    if de::IgnoredAny::deserialize(serde_yaml::Deserializer::from_str(text)).is_err() {
        return syntax::explain(&error, text);
    }
    let position = error
        .location()
        .map(|l| Position::new(l.line(), l.column()));
    let mut message = error.to_string();
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    let position = match (message.strip_prefix("duplicate field `"), position) {
        (Some(rest), Some(at)) => {
            let key = rest.split('`').next().unwrap_or_default();
            second_key_line(text, key, at.column - 1).or(position)
        }
        _ => position,
    };
    YamlError {
        message,
        position,
        hint: None,
    }
}

/// Where `key:` is written a second time at `indent` spaces, for duplicate
/// keys, which the YAML library locates at the start of their mapping.
fn second_key_line(text: &str, key: &str, indent: usize) -> Option<Position> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let (Some(before), Some(rest)) = (line.get(..indent), line.get(indent..)) else {
                return false;
            };
            before.trim().is_empty() && split_key(rest).is_some_and(|(k, _)| k == key)
        })
        .nth(1)
        .map(|(i, _)| Position::new(i + 1, indent + 1))
}

fn segments(path: &serde_ignored::Path) -> Vec<Segment> {
    use serde_ignored::Path;
    let mut out = match path {
        Path::Root => return Vec::new(),
        Path::Seq { parent, .. }
        | Path::Map { parent, .. }
        | Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => segments(parent),
    };
    match path {
        Path::Seq { index, .. } => out.push(Segment::Index(*index)),
        Path::Map { key, .. } => out.push(Segment::Key(key.clone())),
        _ => {}
    }
    out
}

/// The field names a `#[derive(Deserialize)]` struct accepts, asked of the
/// type itself so that "did you mean" hints can never drift from the model.
pub(crate) fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields = None;
    let _ = T::deserialize(FieldGrabber(&mut fields));
    fields.unwrap_or(&[])
}

/// A deserializer that only records the field list serde hands it.
struct FieldGrabber<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> de::Deserializer<'de> for FieldGrabber<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(de::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The block structure of a YAML document, line by line, used to point at
/// a key or list entry. It understands block mappings and sequences and
/// single-line flow sequences (`[1, 2, 3]`), which is what front matter is
/// written in; anything else falls back to the nearest enclosing key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
    nodes: Vec<OutlineNode>,
    /// The nodes of each node, in document order, and those at the top.
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
}

#[derive(Debug, Clone)]
struct OutlineNode {
    indent: usize,
    kind: NodeKind,
    line: usize,
    parent: Option<usize>,
    /// The column where the value starts on the same line, if any (for
    /// items: a value that is not a key).
    value_column: Option<usize>,
    /// For keys: the text of a value on the same line.
    inline_value: String,
}

#[derive(Debug, Clone, PartialEq)]
enum NodeKind {
    Key(String),
    Item,
}

impl Outline {
    pub fn parse(text: &str) -> Self {
        let mut outline = Outline::default();
        let mut stack: Vec<usize> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            outline.add_line(index + 1, raw, &mut stack);
        }
        outline
    }

    fn add_line(&mut self, line: usize, raw: &str, stack: &mut Vec<usize>) {
        let trimmed = raw.trim_start_matches(' ');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
            return;
        }
        let mut indent = raw.len() - trimmed.len();
        let mut rest = trimmed;
        while rest == "-" || rest.starts_with("- ") {
            let mut item = OutlineNode::new(indent, NodeKind::Item, line);
            let after = rest[1..].trim_start_matches(' ');
            indent += rest.len() - after.len();
            let value = after.trim_end();
            let more = value == "-" || value.starts_with("- ");
            if !value.is_empty() && !value.starts_with('#') && !more && split_key(after).is_none() {
                item.value_column = Some(raw[..indent].chars().count() + 1);
                item.inline_value = value.to_string();
            }
            self.push(item, stack);
            rest = after;
        }
        if let Some((key, value_offset)) = split_key(rest) {
            let mut node = OutlineNode::new(indent, NodeKind::Key(key), line);
            let value = rest[value_offset..].trim_end();
            if !value.is_empty() && !value.starts_with('#') {
                node.value_column = Some(raw[..indent + value_offset].chars().count() + 1);
                node.inline_value = value.to_string();
            }
            self.push(node, stack);
        }
    }

    fn push(&mut self, mut node: OutlineNode, stack: &mut Vec<usize>) {
        while let Some(&top) = stack.last() {
            let top_node = &self.nodes[top];
            // A sequence may sit at the same indent as the key that owns it.
            let owns_same_indent_item = node.kind == NodeKind::Item
                && matches!(top_node.kind, NodeKind::Key(_))
                && top_node.value_column.is_none();
            if top_node.indent > node.indent
                || (top_node.indent == node.indent && !owns_same_indent_item)
            {
                stack.pop();
            } else {
                break;
            }
        }
        node.parent = stack.last().copied();
        let index = self.nodes.len();
        match node.parent {
            Some(parent) => self.children[parent].push(index),
            None => self.roots.push(index),
        }
        self.nodes.push(node);
        self.children.push(Vec::new());
        stack.push(index);
    }

    /// Where the key (or list entry) at `path` starts. Falls back to the
    /// deepest part of the path that can be found; `None` only when not even
    /// the first step is there.
    pub fn key(&self, path: &[Segment]) -> Option<Position> {
        self.find(path, false)
    }

    /// Where the value at `path` starts, or its key when the value is on
    /// lines of its own.
    pub fn value(&self, path: &[Segment]) -> Option<Position> {
        self.find(path, true)
    }

    fn find(&self, path: &[Segment], want_value: bool) -> Option<Position> {
        let mut current: Option<usize> = None;
        let mut found = None;
        for segment in path {
            match self.child(current, segment) {
                Some(next) => {
                    current = Some(next);
                    found = Some(self.position_of(next, want_value));
                }
                None => {
                    // A flow sequence: point at the entry inside the brackets.
                    if let (Some(node), Segment::Index(i)) = (current, segment) {
                        if let Some(column) = self.flow_entry_column(node, *i) {
                            let line = self.nodes[node].line;
                            return Some(Position::new(line, column));
                        }
                    }
                    return found;
                }
            }
        }
        found
    }

    fn child(&self, parent: Option<usize>, segment: &Segment) -> Option<usize> {
        let mut children = match parent {
            Some(parent) => self.children(parent),
            None => self.roots(),
        }
        .iter()
        .copied();
        match segment {
            Segment::Key(key) => children.find(|&i| self.is_key(i, key)),
            Segment::Index(index) => children.filter(|&i| self.is_item(i)).nth(*index),
        }
    }

    /// The nodes at the top of the document.
    pub(crate) fn roots(&self) -> &[usize] {
        &self.roots
    }

    /// The nodes directly under `node`, in document order.
    pub(crate) fn children(&self, node: usize) -> &[usize] {
        self.children.get(node).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn is_key(&self, node: usize, key: &str) -> bool {
        matches!(&self.nodes[node].kind, NodeKind::Key(k) if k == key)
    }

    pub(crate) fn is_item(&self, node: usize) -> bool {
        self.nodes[node].kind == NodeKind::Item
    }

    /// Where a key or the `-` of an item starts.
    pub(crate) fn position(&self, node: usize) -> Position {
        self.position_of(node, false)
    }

    /// Where the value of a key or item starts, when it is on the same line.
    pub(crate) fn value_position(&self, node: usize) -> Option<Position> {
        let n = &self.nodes[node];
        n.value_column.map(|column| Position::new(n.line, column))
    }

    /// Entry `index` of a one-line flow sequence written as the value of
    /// `node`.
    pub(crate) fn flow_entry(&self, node: usize, index: usize) -> Option<Position> {
        let column = self.flow_entry_column(node, index)?;
        Some(Position::new(self.nodes[node].line, column))
    }

    fn position_of(&self, node: usize, want_value: bool) -> Position {
        let n = &self.nodes[node];
        match (want_value, n.value_column) {
            (true, Some(column)) => Position::new(n.line, column),
            _ => Position::new(n.line, n.indent + 1),
        }
    }

    fn flow_entry_column(&self, node: usize, index: usize) -> Option<usize> {
        let n = &self.nodes[node];
        let start = n.value_column?;
        let text = &n.inline_value;
        if !text.starts_with('[') {
            return None;
        }
        let mut entry = 0;
        let mut quote: Option<char> = None;
        let mut at_entry_start = true;
        for (offset, c) in text.chars().enumerate().skip(1) {
            if at_entry_start && c != ' ' {
                if entry == index {
                    return Some(start + offset);
                }
                at_entry_start = false;
            }
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, ',') => {
                    entry += 1;
                    at_entry_start = true;
                }
                (None, ']') => return None,
                _ => {}
            }
        }
        None
    }
}

impl OutlineNode {
    fn new(indent: usize, kind: NodeKind, line: usize) -> Self {
        OutlineNode {
            indent,
            kind,
            line,
            parent: None,
            value_column: None,
            inline_value: String::new(),
        }
    }
}

/// The byte range of a top-level key's block in a YAML document, for tools
/// that edit one block as text (`careers import`): from the start of the
/// `key:` line to the end of the last line that belongs to it. Indented
/// lines belong to the block, and so do blank lines and comments between
/// them; blank lines and comments at column 0 after its last indented line
/// are left to what follows. `None` when `key` is not a top-level key.
pub fn top_level_block(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut block: Option<std::ops::Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let (start, content) = (offset, line.trim_end_matches(['\n', '\r']));
        offset += line.len();
        let Some(range) = block.as_mut() else {
            if !content.starts_with([' ', '\t'])
                && split_key(content).is_some_and(|(k, _)| k == key)
            {
                block = Some(start..offset);
            }
            continue;
        };
        if content.starts_with([' ', '\t']) && !content.trim().is_empty() {
            range.end = offset;
        } else if !content.trim().is_empty() && !content.starts_with('#') {
            break;
        }
    }
    block
}

/// Splits `key: value` into the key and the byte offset where the value may
/// start. Quoted keys are unquoted. Returns `None` for lines that are not keys.
fn split_key(text: &str) -> Option<(String, usize)> {
    let (key, after_key) = if let Some(quote @ ('"' | '\'')) = text.chars().next() {
        let close = text[1..].find(quote)? + 1;
        (text[1..close].to_string(), close + 1)
    } else {
        let colon = find_key_colon(text)?;
        (text[..colon].trim_end().to_string(), colon)
    };
    let rest = &text[after_key..];
    let rest_trimmed = rest.trim_start_matches(' ');
    if !rest_trimmed.starts_with(':') {
        return None;
    }
    let colon_at = after_key + (rest.len() - rest_trimmed.len());
    let after_colon = &text[colon_at + 1..];
    if !(after_colon.is_empty() || after_colon.starts_with(' ')) {
        return None;
    }
    let value_start = colon_at + 1 + (after_colon.len() - after_colon.trim_start().len());
    Some((key, value_start))
}

/// The colon that ends a plain key: followed by a space or the end of line.
fn find_key_colon(text: &str) -> Option<usize> {
    if text.starts_with(['[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' '))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    const DOC: &str = "\
title: Nurses
wages:
  source: BLS
  areas:
  - area: Washington
    hourly: [15.20, 17.19, 20.91]
  - area: Bellingham
    within: Washington
    yearly:
      - 1
      - 2
related:
  - a
  - b
";

    #[test]
    fn locates_keys_items_and_flow_entries() {
        let o = Outline::parse(DOC);
        assert_eq!(o.key(&yaml_path!["title"]), Some(Position::new(1, 1)));
        assert_eq!(o.value(&yaml_path!["title"]), Some(Position::new(1, 8)));
        assert_eq!(
            o.key(&yaml_path!["wages", "areas", 1, "within"]),
            Some(Position::new(8, 5))
        );
        assert_eq!(
            o.key(&yaml_path!["wages", "areas", 0, "hourly", 2]),
            Some(Position::new(6, 28))
        );
        assert_eq!(
            o.key(&yaml_path!["wages", "areas", 1, "yearly", 1]),
            Some(Position::new(11, 7))
        );
        assert_eq!(o.key(&yaml_path!["related", 1]), Some(Position::new(14, 3)));
    }

    #[test]
    fn falls_back_to_the_deepest_known_part() {
        let o = Outline::parse(DOC);
        assert_eq!(
            o.key(&yaml_path!["wages", "areas", 7]),
            Some(Position::new(4, 3))
        );
        assert_eq!(o.key(&yaml_path!["nothing"]), None);
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Small {
        title: String,
        #[serde(default)]
        count: u8,
    }

    #[test]
    fn collects_every_unknown_key() {
        let (value, unknown): (Small, _) =
            from_str_with_unknown_keys("title: x\ntitel: y\nother: 1\n").unwrap();
        assert_eq!(value.title, "x");
        assert_eq!(
            unknown,
            vec![yaml_path!["titel"].to_vec(), yaml_path!["other"].to_vec()]
        );
    }

    #[test]
    fn type_errors_carry_a_position() {
        let err = from_str_with_unknown_keys::<Small>("title: x\ncount: many\n").unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(2));
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn counts_aliases_outside_quotes_and_comments() {
        assert_eq!(alias_columns("a: *x"), [4]);
        assert_eq!(alias_columns("- [*x, *y] # *z"), [4, 8]);
        assert_eq!(alias_columns("a: \"*x\" 2 * 3 b*c"), Vec::<usize>::new());
        let many = format!("a: &a 1\nb: [{}]\n", vec!["*a"; MAX_ALIASES + 1].join(", "));
        let err = from_str_with_unknown_keys::<serde_json::Value>(&many).unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(2));
    }

    #[test]
    fn finds_the_lines_with_a_star_as_lines_does() {
        for text in ["", "*", "a\n*b\r\nc*\r\n\n**\nd\r", "x\n\n*\n*\r", "*\r\n*"] {
            let expected: Vec<_> = text
                .lines()
                .enumerate()
                .filter(|(_, line)| line.contains('*'))
                .collect();
            assert_eq!(
                lines_with_a_star(text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_duplicate_key_points_at_its_second_use() {
        let err =
            from_str_with_unknown_keys::<Small>("title: a\ncount: 1\ntitle: b\n").unwrap_err();
        assert!(err.message.contains("duplicate"), "{}", err.message);
        assert_eq!(err.position, Some(Position::new(3, 1)));
    }

    #[test]
    fn a_tab_in_indentation_is_named() {
        let err = from_str_with_unknown_keys::<serde_json::Value>("a:\n\tb: 1\n").unwrap_err();
        assert!(err.message.contains("tab"), "{}", err.message);
    }

    #[test]
    fn asks_the_type_for_its_fields() {
        assert_eq!(struct_fields::<Small>(), &["title", "count"]);
    }

    #[test]
    fn finds_the_span_of_a_top_level_block() {
        let doc = "title: A\nwages: # from ESD\n  areas:\n\n  # a note\n    - area: X\n\n# about outlook\noutlook:\n  areas: []\n";
        let span = top_level_block(doc, "wages").unwrap();
        assert_eq!(
            &doc[span],
            "wages: # from ESD\n  areas:\n\n  # a note\n    - area: X\n"
        );
        let span = top_level_block(doc, "outlook").unwrap();
        assert_eq!(&doc[span], "outlook:\n  areas: []\n");
        assert_eq!(top_level_block(doc, "areas"), None);
        assert_eq!(
            top_level_block("a: 1\r\nwages: {}\r\nb: 2", "wages"),
            Some(6..17)
        );
    }
}
