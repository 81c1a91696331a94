//! A YAML document as a tree that keeps positions, for readers that check
//! a document key by key and report every problem at its own line.
//!
//! The tree comes from the fast parser ([`fast::parse`]) when the document
//! is in its subset, with exact offsets. Otherwise serde_yaml reads it in
//! two passes, so that serde_yaml stays the judge of every value: the first
//! learns the document's shape and how each scalar resolves (`deserialize_any`),
//! the second, guided by that shape, collects each scalar's text exactly as
//! serde_yaml hands it to a string (`deserialize_str`). Positions of that
//! tree come from [`Outline`], the line-based map of the block structure.
//! Either way the tree holds the same keys, items and scalar texts, and
//! every plain scalar resolves as serde_yaml resolves it
//! (`tests/yaml_equivalence.rs` checks both with generated documents).
//! Documents whose meaning the tree cannot carry (tags such as `!name`,
//! keys that are lists or mappings) are [`TreeError::Unsupported`]: the
//! caller then deserializes them with serde_yaml directly.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer as _, Visitor};

use super::fast::{self, Duplicate, Entry, Node, Style, Value};
use super::{check_aliases, only_comments, Outline, YamlError};
use crate::diagnostics::Position;

/// A parsed document: its root (a mapping for any front matter worth
/// reading) and the keys written twice in one mapping.
#[derive(Debug)]
pub struct Tree<'a> {
    pub root: Node<'a>,
    pub duplicates: Vec<Duplicate>,
}

/// Why a text did not become a [`Tree`].
#[derive(Debug, Clone, PartialEq)]
pub enum TreeError {
    /// The text is not YAML (or breaks a limit such as [`super::MAX_ALIASES`]).
    Syntax(YamlError),
    /// Well-formed YAML the tree cannot represent faithfully.
    Unsupported,
}

/// Reads `text` into a tree. A text of nothing but blank lines and
/// comments is an empty mapping.
pub fn parse(text: &str) -> Result<Tree<'_>, TreeError> {
    if text.trim().is_empty() || only_comments(text) {
        return Ok(Tree {
            root: Node::new(0, Value::Map(Vec::new())),
            duplicates: Vec::new(),
        });
    }
    check_aliases(text).map_err(TreeError::Syntax)?;
    let root = match fast::parse(text) {
        Some(root) => root,
        None => from_serde_yaml(text)?,
    };
    let mut duplicates = Vec::new();
    fast::duplicate_keys(&root, &mut duplicates);
    Ok(Tree { root, duplicates })
}

/// The tree serde_yaml sees, with positions from the [`Outline`]: the
/// fallback for documents outside the fast parser's subset.
pub fn from_serde_yaml(text: &str) -> Result<Node<'static>, TreeError> {
    let shape = match Shape::deserialize_from(text) {
        Ok(shape) => shape,
        Err(error) => {
            // A document serde_yaml can walk through is well-formed: the
            // shape pass failed on a tag or a complex key.
            let walked = de::IgnoredAny::deserialize(serde_yaml::Deserializer::from_str(text));
            return Err(match walked {
                Ok(_) => TreeError::Unsupported,
                Err(_) => TreeError::Syntax(super::syntax::explain(&error, text)),
            });
        }
    };
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let mut root = Capture(&shape)
        .deserialize(deserializer)
        .map_err(|_| TreeError::Unsupported)?;
    place(&mut root, &Outline::parse(text), text);
    Ok(root)
}

// ------------------------------------------------------------ first pass

/// What serde_yaml makes of a node when asked for anything.
#[derive(Debug)]
enum Shape {
    /// A scalar, and whether it resolved to something other than text
    /// (null, a boolean, a number).
    Scalar {
        resolved: bool,
    },
    Seq(Vec<Shape>),
    /// The shapes of the values; keys are scalars, read as text later.
    Map(Vec<Shape>),
}

impl Shape {
    fn deserialize_from(text: &str) -> Result<Shape, serde_yaml::Error> {
        serde_yaml::Deserializer::from_str(text).deserialize_any(ShapeVisitor)
    }
}

/// Errors of the passes, which only decide between "the tree can hold
/// this" and [`TreeError::Unsupported`].
#[derive(Debug)]
struct PassError;

impl fmt::Display for PassError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not representable as a tree")
    }
}

struct ShapeVisitor;

impl<'de> DeserializeSeed<'de> for ShapeVisitor {
    type Value = Shape;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value without tags")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape::Scalar { resolved: true })
    }
    fn visit_none<E: de::Error>(self) -> Result<Shape, E> {
        self.visit_unit()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape, E> {
        self.visit_unit()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Shape, E> {
        self.visit_unit()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Shape, E> {
        self.visit_unit()
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Shape, E> {
        self.visit_unit()
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Shape, E> {
        self.visit_unit()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Shape, E> {
        self.visit_unit()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::Scalar { resolved: false })
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ShapeVisitor)? {
            items.push(item);
        }
        Ok(Shape::Seq(items))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut values = Vec::new();
        while map.next_key_seed(ScalarKey)?.is_some() {
            values.push(map.next_value_seed(ShapeVisitor)?);
        }
        Ok(Shape::Map(values))
    }
}

/// A mapping key in the first pass: any scalar; a list or mapping as a
/// key (`? [a, b]`) is refused.
struct ScalarKey;

impl<'de> DeserializeSeed<'de> for ScalarKey {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match ShapeVisitor.deserialize(d)? {
            Shape::Scalar { .. } => Ok(()),
            _ => Err(de::Error::custom(PassError)),
        }
    }
}

// ----------------------------------------------------------- second pass

/// Reads the node whose shape is known, taking each scalar's text.
struct Capture<'s>(&'s Shape);

impl<'de> DeserializeSeed<'de> for Capture<'_> {
    type Value = Node<'static>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Node<'static>, D::Error> {
        let value = match self.0 {
            Shape::Scalar { resolved } => {
                let text = d.deserialize_str(TextVisitor)?;
                let style = scalar_style(&text, *resolved).ok_or_else(|| {
                    // serde_yaml resolved the scalar differently from how
                    // its text resolves when plain: a tag such as `!!float`.
                    de::Error::custom(PassError)
                })?;
                Value::Scalar {
                    text: Cow::Owned(text),
                    style,
                }
            }
            Shape::Seq(items) => Value::Seq(d.deserialize_seq(SeqCapture(items))?),
            Shape::Map(values) => Value::Map(d.deserialize_map(MapCapture(values))?),
        };
        Ok(Node::new(0, value))
    }
}

/// How a scalar of the fallback tree is marked: plain when its text, read
/// as a plain scalar, resolves as serde_yaml resolved it; [`Style::Other`]
/// (text) when it resolved as text although plain it would not (a quoted
/// `"42"`). `None` when neither matches.
fn scalar_style(text: &str, resolved: bool) -> Option<Style> {
    match (resolved, fast::resolves_to_text(text)) {
        (true, false) | (false, true) => Some(Style::Plain),
        (false, false) => Some(Style::Other),
        (true, true) => None,
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
}

struct SeqCapture<'s>(&'s [Shape]);

impl<'de> Visitor<'de> for SeqCapture<'_> {
    type Value = Vec<Node<'static>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(self.0.len());
        for shape in self.0 {
            match seq.next_element_seed(Capture(shape))? {
                Some(item) => items.push(item),
                None => return Err(de::Error::custom(PassError)),
            }
        }
        Ok(items)
    }
}

struct MapCapture<'s>(&'s [Shape]);

impl<'de> Visitor<'de> for MapCapture<'_> {
    type Value = Vec<Entry<'static>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(self.0.len());
        for shape in self.0 {
            let Some(key) = map.next_key_seed(KeyText)? else {
                return Err(de::Error::custom(PassError));
            };
            let value = map.next_value_seed(Capture(shape))?;
            entries.push(Entry {
                key: Cow::Owned(key),
                key_offset: 0,
                value,
            });
        }
        Ok(entries)
    }
}

struct KeyText;

impl<'de> DeserializeSeed<'de> for KeyText {
    type Value = String;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

// ------------------------------------------------------------- positions

/// Gives each node of a fallback tree the offset of its key, `-` or value
/// as the outline finds them, walking both in document order so that
/// each mapping is matched once (linear, however many keys).
fn place(root: &mut Node, outline: &Outline, text: &str) {
    let lines = LineIndex::new(text);
    let roots = outline.roots();
    place_node(root, roots, None, 0, outline, &lines);
}

fn place_node(
    node: &mut Node,
    children: &[usize],
    owner: Option<usize>,
    fallback: usize,
    outline: &Outline,
    lines: &LineIndex,
) {
    let at = |p: Position| lines.offset(p);
    node.offset = owner
        .and_then(|o| outline.value_position(o))
        .or_else(|| children.first().map(|&c| outline.position(c)))
        .map_or(fallback, at);
    match &mut node.value {
        Value::Scalar { .. } => {}
        Value::Map(entries) => {
            let mut cursor = 0;
            for entry in entries {
                let found = children[cursor.min(children.len())..]
                    .iter()
                    .position(|&c| outline.is_key(c, &entry.key));
                match found {
                    Some(i) => {
                        let child = children[cursor + i];
                        cursor += i + 1;
                        entry.key_offset = at(outline.position(child));
                        let grandchildren = outline.children(child);
                        let offset = entry.key_offset;
                        place_node(
                            &mut entry.value,
                            grandchildren,
                            Some(child),
                            offset,
                            outline,
                            lines,
                        );
                    }
                    None => {
                        entry.key_offset = node.offset;
                        place_node(&mut entry.value, &[], None, node.offset, outline, lines);
                    }
                }
            }
        }
        Value::Seq(items) => {
            let block_items: Vec<usize> = children
                .iter()
                .copied()
                .filter(|&c| outline.is_item(c))
                .collect();
            for (i, item) in items.iter_mut().enumerate() {
                if let Some(&child) = block_items.get(i) {
                    let offset = at(outline.position(child));
                    place_node(
                        item,
                        outline.children(child),
                        Some(child),
                        offset,
                        outline,
                        lines,
                    );
                } else {
                    let flow = owner.and_then(|o| outline.flow_entry(o, i));
                    let offset = flow.map_or(node.offset, at);
                    place_node(item, &[], None, offset, outline, lines);
                }
            }
        }
    }
}

/// Where each line of a text starts, to turn byte offsets into 1-based
/// lines and character columns and back in logarithmic time.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    starts: Vec<usize>,
    len: usize,
    /// Kept to count characters: columns are in characters, not bytes.
    text: &'a str,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            len: text.len(),
            text,
        }
    }

    /// The position of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.len);
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Position::new(line, column + 1)
    }

    /// The byte offset of a position (clamped to its line).
    pub fn offset(&self, at: Position) -> usize {
        let Some(&start) = self.starts.get(at.line.saturating_sub(1)) else {
            return self.len;
        };
        let end = self.starts.get(at.line).map_or(self.len, |&e| e - 1);
        let line = self.text.get(start..end).unwrap_or("");
        start
            + line
                .char_indices()
                .nth(at.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
    }
}

impl Tree<'_> {
    /// The node at `path`, with the offset of its key when it has one.
    pub fn find(&self, path: &[super::Segment]) -> Option<(Option<usize>, &Node<'_>)> {
        let mut node = &self.root;
        let mut key = None;
        for segment in path {
            match (&node.value, segment) {
                (Value::Map(entries), super::Segment::Key(k)) => {
                    let entry = entries.iter().find(|e| e.key == k.as_str())?;
                    key = Some(entry.key_offset);
                    node = &entry.value;
                }
                (Value::Seq(items), super::Segment::Index(i)) => {
                    node = items.get(*i)?;
                    key = None;
                }
                _ => return None,
            }
        }
        Some((key, node))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(node: &Node) -> String {
        match &node.value {
            Value::Scalar { text, style } => {
                format!("{text:?}{}", if *style == Style::Plain { "" } else { "q" })
            }
            Value::Seq(items) => format!(
                "[{}]",
                items.iter().map(show).collect::<Vec<_>>().join(", ")
            ),
            Value::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|e| format!("{}: {}", e.key, show(&e.value)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    #[test]
    fn the_fallback_reads_what_the_fast_parser_declines() {
        let text = "a: |\n  two\n  lines\nb: {x: 1, y: [\"2\", ~]}\nc: &anchor 5\nd: *anchor\n";
        let tree = parse(text).unwrap();
        assert_eq!(
            show(&tree.root),
            "{a: \"two\\nlines\\n\", b: {x: \"1\", y: [\"2\"q, \"~\"]}, c: \"5\", d: \"5\"}"
        );
    }

    #[test]
    fn fallback_nodes_are_placed_by_the_outline() {
        let text = "title: |\n  x\nwages:\n  areas:\n    - area: \"W\"\n      hourly: [1, 2]\n";
        let tree = parse(text).unwrap();
        let lines = LineIndex::new(text);
        let pos = |path: &[super::super::Segment]| {
            let (key, node) = tree.find(path).unwrap();
            (key.map(|k| lines.position(k)), lines.position(node.offset))
        };
        use crate::yaml_path;
        assert_eq!(pos(&yaml_path!["title"]).0, Some(Position::new(1, 1)));
        assert_eq!(
            pos(&yaml_path!["wages", "areas", 0, "area"]),
            (Some(Position::new(5, 7)), Position::new(5, 13))
        );
        assert_eq!(
            pos(&yaml_path!["wages", "areas", 0, "hourly", 1]).1,
            Position::new(6, 19)
        );
    }

    #[test]
    fn tags_and_complex_keys_are_left_to_serde_yaml() {
        assert_eq!(parse("a: !foo x\n").err(), Some(TreeError::Unsupported));
        assert_eq!(parse("? [a]\n: 1\n").err(), Some(TreeError::Unsupported));
        assert!(matches!(parse("a: [\n"), Err(TreeError::Syntax(_))));
    }

    #[test]
    fn line_index_round_trips() {
        let text = "ab\néé: x\n\nz";
        let lines = LineIndex::new(text);
        for (offset, _) in text.char_indices() {
            assert_eq!(lines.offset(lines.position(offset)), offset);
        }
        assert_eq!(lines.position(text.find('x').unwrap()), Position::new(2, 5));
    }
}
