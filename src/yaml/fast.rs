//! The fast path for front matter: a small parser for the subset of YAML
//! that editors write, and a serde `Deserializer` over the tree it builds.
//!
//! It exists for speed alone. serde_yaml (libyaml underneath) takes about
//! 300 µs for a 12 KB front matter, a quarter of a build's CPU; this reads
//! the same text in a small fraction of that. It is never the judge of a
//! document: [`parse`] returns `None` for anything outside the subset, and
//! the deserializer returns an [`Error`] whenever serde_yaml might answer
//! differently. Either way the caller (`yaml::from_str_with_unknown_keys`)
//! throws the attempt away and asks serde_yaml, so every error message and
//! every odd case stays serde_yaml's. The rule this module keeps: whatever
//! it returns `Ok` for, serde_yaml returns `Ok` with the same value.
//!
//! The subset: `\n`-separated lines indented with spaces; block mappings
//! with plain `[A-Za-z0-9_-]` keys; block sequences (also at the indent of
//! their key); one-line plain, single- and double-quoted scalars; one-line
//! flow sequences of scalars; comments. No anchors, aliases, tags,
//! directives, document markers, block scalars, flow mappings, multi-line
//! scalars, tabs or carriage returns.

use std::borrow::Cow;
use std::fmt;
use std::num::ParseIntError;

use serde::de::{self, DeserializeSeed, Visitor};

/// How a scalar was written; it decides how plain text such as `42` or
/// `null` resolves, exactly as in serde_yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// Not plain, written in a way only serde_yaml reads (a block scalar,
    /// a tag): it resolves as text, like a quoted scalar.
    Other,
}

/// A YAML node and where it starts: a byte offset into the text parsed
/// (the first key of a block mapping, the `-` of a block sequence, the `[`
/// of a flow sequence, the first character of a scalar; for a value left
/// empty, `key:`, its key).
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub offset: usize,
    pub value: Value<'a>,
}

/// What a node holds, borrowing from the text wherever no unescaping was
/// needed.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Scalar {
        text: Cow<'a, str>,
        style: Style,
    },
    Seq(Vec<Node<'a>>),
    /// Entries in the order written. Keys given twice are kept (both), so
    /// that the reader can name both lines; [`duplicate_keys`] finds them.
    Map(Vec<Entry<'a>>),
}

/// One `key: value` of a mapping. The key is the scalar's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_offset: usize,
    pub value: Node<'a>,
}

impl<'a> Node<'a> {
    pub fn new(offset: usize, value: Value<'a>) -> Self {
        Node { offset, value }
    }
}

/// Deeper nesting than this is declined; front matter needs a handful of
/// levels, and serde_yaml's own recursion limit (128) is never approached.
const MAX_DEPTH: usize = 64;

/// Longer keys are declined: libyaml gives up on a simple key after 1024
/// characters, and no real key comes near this.
const MAX_KEY_LEN: usize = 128;

// ---------------------------------------------------------------- parser

/// Reads `text` as one block mapping, or `None` when any part of it is
/// outside the subset. A text of only blank and comment lines is an empty
/// mapping. Keys given twice are kept: see [`duplicate_keys`].
pub fn parse(text: &str) -> Option<Node<'_>> {
    if !plain_characters(text) {
        return None;
    }
    let mut parser = Parser {
        base: text,
        lines: content_lines(text),
        pos: 0,
        depth: 0,
    };
    match parser.lines.first() {
        None => return Some(Node::new(0, Value::Map(Vec::new()))),
        Some(first) if first.indent != 0 => return None,
        Some(_) => {}
    }
    let root = parser.map(0)?;
    (parser.pos == parser.lines.len()).then_some(root)
}

/// Whether every character is one libyaml reads as ordinary text. Tabs,
/// lone carriage returns, control characters, the BOM and the Unicode line
/// breaks (NEL, LS, PS), which libyaml treats as line ends, are declined;
/// a carriage return before a line feed is a line end like the line feed.
fn plain_characters(text: &str) -> bool {
    // Branch-free over chunks, so that the compiler vectorizes it: this
    // reads every byte of every front matter.
    let plain_ascii = |chunk: &[u8]| {
        chunk.iter().fold(true, |ok, &b| {
            ok & ((0x20..0x7f).contains(&b) | (b == b'\n') | (b == b'\r'))
        })
    };
    let crlf_only = || {
        memchr::memchr_iter(b'\r', text.as_bytes())
            .all(|i| text.as_bytes().get(i + 1) == Some(&b'\n'))
    };
    if text.as_bytes().chunks(64).all(plain_ascii) {
        return crlf_only();
    }
    text.chars().all(|c| match c {
        '\n' | '\r' | ' '..='~' => true,
        '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => false,
        c => c >= '\u{A0}',
    }) && crlf_only()
}

/// One line that holds content: its indent in spaces and the text after
/// it, without trailing spaces (a slice of the document).
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// The lines that hold content. Blank lines and comment lines mean nothing
/// in the subset (libyaml ends a plain scalar at a comment line too).
fn content_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::with_capacity(text.len() / 32 + 8);
    let mut start = 0;
    while start < text.len() {
        let end = find_newline(&text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let raw = &text[start..end];
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        start = end + 1;
        let content = raw.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        lines.push(Line {
            indent: raw.len() - content.len(),
            text: content.trim_end_matches(' '),
        });
    }
    lines
}

/// The offset of the first `\n`, eight bytes at a time. Lines are short,
/// so this beats `str::split`, whose per-call set-up dominated the parse.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ (ONES * 0x0a);
        // The classic "has a zero byte" test; its lowest flag is exact.
        let zero = word.wrapping_sub(ONES) & !word & HIGHS;
        if zero != 0 {
            return Some(offset + zero.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    let rest = chunks.remainder().iter().position(|&b| b == b'\n');
    rest.map(|i| offset + i)
}

/// Where `part`, a slice of `base`, starts in it. Every piece the parser
/// looks at is a slice of the document, so an address difference is its
/// offset; this is what lets the tree keep positions at no parsing cost.
fn offset_in(base: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(base.as_ptr() as usize)
        .min(base.len())
}

struct Parser<'a> {
    base: &'a str,
    lines: Vec<Line<'a>>,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.pos).copied()
    }

    /// Counts one level of nesting; `None` past [`MAX_DEPTH`].
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// A block mapping whose keys sit at `indent`, starting at the current
    /// line. It ends at a line indented less, or at one that is not a key
    /// (which may be the parent's business); a line indented more than its
    /// keys that no value took is a continuation or an error: declined.
    fn map(&mut self, indent: usize) -> Option<Node<'a>> {
        self.enter()?;
        let offset = self
            .peek()
            .map_or(0, |line| offset_in(self.base, line.text));
        // Room for a typical mapping, so that building one rarely reallocates.
        let mut entries: Vec<Entry<'a>> = Vec::with_capacity(8);
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, rest) = split_key(line.text)?;
            let key_offset = offset_in(self.base, line.text);
            self.pos += 1;
            let value = self.map_value(indent, key_offset, rest)?;
            entries.push(Entry {
                key: Cow::Borrowed(key),
                key_offset,
                value,
            });
        }
        self.depth -= 1;
        Some(Node::new(offset, Value::Map(entries)))
    }

    /// The value of a key at `indent` (written at `key_offset`) whose line
    /// goes on with `rest`: that text, or else a block on the following
    /// lines, or else null.
    fn map_value(&mut self, indent: usize, key_offset: usize, rest: &'a str) -> Option<Node<'a>> {
        if !rest.is_empty() {
            return inline_value(self.base, rest);
        }
        match self.peek() {
            Some(next) if next.indent > indent => self.block(next.indent),
            // An "indentless" sequence, at the same indent as its key.
            Some(next) if next.indent == indent && is_seq_item(next.text) => self.seq(indent),
            _ => Some(empty_scalar(key_offset)),
        }
    }

    /// A nested block mapping or sequence starting at the current line.
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        if is_seq_item(self.lines[self.pos].text) {
            self.seq(indent)
        } else {
            self.map(indent)
        }
    }

    /// A block sequence whose `-` sit at `indent`. It ends at the first
    /// line at that indent that is not an item (a key of the parent when
    /// the sequence is indentless).
    fn seq(&mut self, indent: usize) -> Option<Node<'a>> {
        self.enter()?;
        let offset = self
            .peek()
            .map_or(0, |line| offset_in(self.base, line.text));
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent < indent || (line.indent == indent && !is_seq_item(line.text)) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            items.push(self.seq_item(indent)?);
        }
        self.depth -= 1;
        Some(Node::new(offset, Value::Seq(items)))
    }

    /// One `- …` line and what belongs to it. `- key: value` opens a
    /// mapping whose keys sit at the column of `key`: the line is rewritten
    /// to start there, so the mapping reads it like any other key line.
    fn seq_item(&mut self, indent: usize) -> Option<Node<'a>> {
        let line = self.lines[self.pos];
        let rest = line.text[1..].trim_start_matches(' ');
        if rest.is_empty() || rest.starts_with('#') {
            return None; // `-` with its value on the next lines
        }
        if split_key(rest).is_some() {
            let column = indent + line.text.len() - rest.len();
            self.lines[self.pos] = Line {
                indent: column,
                text: rest,
            };
            return self.map(column);
        }
        self.pos += 1;
        inline_value(self.base, rest)
    }
}

fn is_seq_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// The null that `key:` with nothing after it means: libyaml reports an
/// empty plain scalar. It is placed at its key.
fn empty_scalar<'a>(offset: usize) -> Node<'a> {
    Node::new(offset, scalar("", Style::Plain))
}

fn scalar(text: &str, style: Style) -> Value<'_> {
    Value::Scalar {
        text: Cow::Borrowed(text),
        style,
    }
}

/// Splits `key: rest` into the key and the rest of the line after the
/// colon, spaces and any comment removed. Only keys made of `[A-Za-z0-9_-]`
/// (not starting with `-`) directly followed by `:` and a space or the end.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let is_key_byte = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-';
    let len = bytes.iter().take_while(|b| is_key_byte(b)).count();
    if len == 0 || len > MAX_KEY_LEN || bytes[0] == b'-' {
        return None;
    }
    let after = text[len..].strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let rest = after.trim_start_matches(' ');
    let rest = if rest.starts_with('#') { "" } else { rest };
    Some((&text[..len], rest))
}

/// A value written on the key's (or the `-`'s) line: a scalar or a flow
/// sequence, followed by nothing but an optional comment.
fn inline_value<'a>(base: &'a str, text: &'a str) -> Option<Node<'a>> {
    let offset = offset_in(base, text);
    let (value, after) = match text.as_bytes().first()? {
        b'[' => flow_seq(base, text)?,
        b'"' => double_quoted(text)?,
        b'\'' => single_quoted(text)?,
        _ => return block_plain(text).map(|value| Node::new(offset, value)),
    };
    only_comment(after).then_some(Node::new(offset, value))
}

/// Whether the text after a closing quote or bracket is empty or a
/// comment (which needs a space before its `#`).
fn only_comment(after: &str) -> bool {
    let trimmed = after.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.len() < after.len() && trimmed.starts_with('#'))
}

/// A plain scalar in block context: up to a ` #` comment, trailing spaces
/// trimmed. A `:` before a space or the end would make it a mapping.
fn block_plain(text: &str) -> Option<Value<'_>> {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'#' if i > 0 && bytes[i - 1] == b' ' => {
                end = i;
                break;
            }
            b':' if bytes.get(i + 1).is_none_or(|&next| next == b' ') => return None,
            _ => {}
        }
    }
    let value = text[..end].trim_end_matches(' ');
    plain_start_ok(value).then(|| scalar(value, Style::Plain))
}

/// Whether a plain scalar may start this way: not with an indicator
/// character, except `-` before a digit (`-2.1`).
fn plain_start_ok(value: &str) -> bool {
    match value.as_bytes() {
        [] => false,
        [b'-', next, ..] => next.is_ascii_digit(),
        [first, ..] => !b"-?:,[]{}#&*!|>'\"%@`".contains(first),
    }
}

/// `[item, item]` on one line, items being one-line scalars. Returns the
/// sequence and the text after `]`.
fn flow_seq<'a>(base: &'a str, text: &'a str) -> Option<(Value<'a>, &'a str)> {
    let mut rest = text[1..].trim_start_matches(' ');
    // Room for a typical row of figures, so that it rarely reallocates.
    let mut items = Vec::with_capacity(8);
    if let Some(after) = rest.strip_prefix(']') {
        return Some((Value::Seq(items), after));
    }
    loop {
        let offset = offset_in(base, rest);
        let (item, after) = flow_item(rest)?;
        items.push(Node::new(offset, item));
        let after = after.trim_start_matches(' ');
        if let Some(after) = after.strip_prefix(']') {
            return Some((Value::Seq(items), after));
        }
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
    }
}

/// One item of a flow sequence and the text after it. Plain items stop at
/// `,` or `]` and may not hold other flow indicators, `:` or `#`, whose
/// meaning inside flows is subtle.
fn flow_item(text: &str) -> Option<(Value<'_>, &str)> {
    match text.as_bytes().first()? {
        b'"' => double_quoted(text),
        b'\'' => single_quoted(text),
        _ => {
            let mut end = text.len();
            for (i, b) in text.bytes().enumerate() {
                match b {
                    b',' | b']' => {
                        end = i;
                        break;
                    }
                    b'[' | b'{' | b'}' | b'#' | b':' => return None,
                    _ => {}
                }
            }
            let value = text[..end].trim_end_matches(' ');
            plain_start_ok(value).then(|| (scalar(value, Style::Plain), &text[end..]))
        }
    }
}

/// A double-quoted scalar closed on the same line, and the text after it.
/// Borrowed when it has no escapes; only common escapes are understood.
fn double_quoted(text: &str) -> Option<(Value<'_>, &str)> {
    let body = &text[1..];
    let stop = body.bytes().position(|b| b == b'"' || b == b'\\')?;
    if body.as_bytes()[stop] == b'"' {
        return Some((
            scalar(&body[..stop], Style::DoubleQuoted),
            &body[stop + 1..],
        ));
    }
    let mut value = String::from(&body[..stop]);
    let mut chars = body[stop..].char_indices();
    loop {
        match chars.next()? {
            (i, '"') => {
                let node = Value::Scalar {
                    text: Cow::Owned(value),
                    style: Style::DoubleQuoted,
                };
                return Some((node, &body[stop + i + 1..]));
            }
            (_, '\\') => value.push(escape(&mut chars)?),
            (_, c) => value.push(c),
        }
    }
}

/// The character an escape stands for, reading what follows the `\`.
fn escape(chars: &mut std::str::CharIndices) -> Option<char> {
    Some(match chars.next()?.1 {
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        'e' => '\x1b',
        'f' => '\x0c',
        'v' => '\x0b',
        'u' => {
            let mut code = 0;
            for _ in 0..4 {
                code = code * 16 + chars.next()?.1.to_digit(16)?;
            }
            // `None` for a lone surrogate, which libyaml rejects.
            char::from_u32(code)?
        }
        _ => return None,
    })
}

/// A single-quoted scalar closed on the same line (`''` is a quote), and
/// the text after it.
fn single_quoted(text: &str) -> Option<(Value<'_>, &str)> {
    let body = &text[1..];
    let mut owned: Option<String> = None;
    let mut start = 0;
    loop {
        let quote = start + body[start..].find('\'')?;
        if body[quote + 1..].starts_with('\'') {
            owned
                .get_or_insert_with(String::new)
                .push_str(&body[start..=quote]);
            start = quote + 2;
            continue;
        }
        let text = match owned {
            None => Cow::Borrowed(&body[..quote]),
            Some(mut value) => {
                value.push_str(&body[start..quote]);
                Cow::Owned(value)
            }
        };
        let node = Value::Scalar {
            text,
            style: Style::SingleQuoted,
        };
        return Some((node, &body[quote + 1..]));
    }
}

/// A key written twice in one mapping: its text and the offsets of its
/// first use and of the repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub key: String,
    pub first: usize,
    pub repeat: usize,
}

/// Every key written twice in a mapping anywhere under `node`, in the
/// order of the repeats. Linear in the size of the tree: small mappings
/// are compared pairwise (quicker than hashing a handful of keys), larger
/// ones through a hash map, so 100,000 keys under `extra` cost 100,000
/// look-ups rather than five billion comparisons.
pub fn duplicate_keys(node: &Node<'_>, out: &mut Vec<Duplicate>) {
    let from = out.len();
    collect_duplicates(node, out);
    out[from..].sort_by_key(|d| d.repeat);
}

fn collect_duplicates(node: &Node<'_>, out: &mut Vec<Duplicate>) {
    match &node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => items.iter().for_each(|item| collect_duplicates(item, out)),
        Value::Map(entries) => {
            let mut push = |first: &Entry, repeat: &Entry| {
                out.push(Duplicate {
                    key: repeat.key.to_string(),
                    first: first.key_offset,
                    repeat: repeat.key_offset,
                })
            };
            if entries.len() <= 16 {
                for (i, entry) in entries.iter().enumerate() {
                    if let Some(first) = entries[..i].iter().find(|e| e.key == entry.key) {
                        push(first, entry);
                    }
                }
            } else {
                let mut seen: std::collections::HashMap<&str, &Entry> =
                    std::collections::HashMap::with_capacity(entries.len());
                for entry in entries {
                    match seen.get(entry.key.as_ref()) {
                        Some(first) => push(first, entry),
                        None => {
                            seen.insert(&entry.key, entry);
                        }
                    }
                }
            }
            entries
                .iter()
                .for_each(|entry| collect_duplicates(&entry.value, out));
        }
    }
}

// ---------------------------------------------------------- deserializer

/// Why the fast path gave up on deserializing. It never reaches a user:
/// the caller then asks serde_yaml, which produces the real error.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

fn unsure<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!("left to serde_yaml: {what}")))
}

/// serde_yaml's recursion limit, counted the same way (sequences, mappings
/// and newtype structs), so a type that nests deeper fails over to it.
const RECURSION_LIMIT: usize = 128;

/// Deserializes from a parsed [`Node`], mirroring what serde_yaml 0.9's
/// `DeserializerFromEvents` does for the same document.
pub struct Deserializer<'t, 'a> {
    node: &'t Node<'a>,
    depth: usize,
}

impl<'t, 'a> Deserializer<'t, 'a> {
    pub fn new(node: &'t Node<'a>) -> Self {
        Deserializer {
            node,
            depth: RECURSION_LIMIT,
        }
    }

    fn scalar(&self) -> Option<ScalarDe<'t, 'a>> {
        match &self.node.value {
            Value::Scalar { text, style } => Some(self.scalar_de(text, *style)),
            _ => None,
        }
    }

    fn scalar_de(&self, text: &'t Cow<'a, str>, style: Style) -> ScalarDe<'t, 'a> {
        let borrowed = match text {
            Cow::Borrowed(text) => Some(*text),
            Cow::Owned(_) => None,
        };
        ScalarDe {
            text,
            borrowed,
            style,
            depth: self.depth,
        }
    }

    /// One level deeper, or an error where serde_yaml's limit would hit.
    fn deeper(&self) -> Result<usize, Error> {
        match self.depth.checked_sub(1) {
            Some(depth) => Ok(depth),
            None => unsure("recursion limit"),
        }
    }

    fn visit_seq<V: Visitor<'a>>(
        &self,
        items: &'t [Node<'a>],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut access = SeqAccess {
            items: items.iter(),
            depth: self.deeper()?,
        };
        let value = visitor.visit_seq(&mut access)?;
        // serde_yaml fails when the visitor leaves elements unread.
        if access.items.len() > 0 {
            return unsure("elements left");
        }
        Ok(value)
    }

    fn visit_map<V: Visitor<'a>>(
        &self,
        entries: &'t [Entry<'a>],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut access = MapAccess {
            entries: entries.iter(),
            value: None,
            depth: self.deeper()?,
        };
        let value = visitor.visit_map(&mut access)?;
        if access.entries.len() > 0 || access.value.is_some() {
            return unsure("entries left");
        }
        Ok(value)
    }
}

/// Methods that only a scalar can answer: delegated to [`ScalarDe`],
/// an error for a sequence or mapping (serde_yaml's is "invalid type").
macro_rules! scalar_only {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'a>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Error> {
            match self.scalar() {
                Some(scalar) => scalar.$method($($arg,)* visitor),
                None => unsure("a collection where a scalar was wanted"),
            }
        }
    )*};
}

impl<'a> de::Deserializer<'a> for Deserializer<'_, 'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Seq(items) => self.visit_seq(items, visitor),
            Value::Map(entries) => self.visit_map(entries, visitor),
            Value::Scalar { text, style } => self.scalar_de(text, *style).deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some(scalar) => scalar.deserialize_option(visitor),
            None => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let depth = self.deeper()?;
        visitor.visit_newtype_struct(Deserializer { depth, ..self })
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Seq(items) => self.visit_seq(items, visitor),
            Value::Map(_) => unsure("a mapping where a sequence was wanted"),
            Value::Scalar { text, style } => self.scalar_de(text, *style).deserialize_seq(visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Map(entries) => self.visit_map(entries, visitor),
            Value::Seq(_) => unsure("a sequence where a mapping was wanted"),
            Value::Scalar { text, style } => self.scalar_de(text, *style).deserialize_map(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        unsure("enums")
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    scalar_only! {
        deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
        deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16();
        deserialize_u32(); deserialize_u64(); deserialize_u128(); deserialize_f32();
        deserialize_f64(); deserialize_char(); deserialize_str(); deserialize_string();
        deserialize_bytes(); deserialize_byte_buf(); deserialize_unit();
        deserialize_unit_struct(name: &'static str); deserialize_identifier();
    }
}

/// A scalar node, or a mapping key (always plain).
struct ScalarDe<'t, 'a> {
    text: &'t str,
    /// The same text when it is a slice of the document, as serde_yaml
    /// then calls `visit_borrowed_str`.
    borrowed: Option<&'a str>,
    style: Style,
    depth: usize,
}

impl<'t, 'a> ScalarDe<'t, 'a> {
    fn key(key: &'t Cow<'a, str>, depth: usize) -> Self {
        let borrowed = match key {
            Cow::Borrowed(text) => Some(*text),
            Cow::Owned(_) => None,
        };
        ScalarDe {
            text: key,
            borrowed,
            style: Style::Plain,
            depth,
        }
    }
}

impl<'t, 'a> ScalarDe<'t, 'a> {
    fn visit_text<V: Visitor<'a>>(&self, visitor: V) -> Result<V::Value, Error> {
        match self.borrowed {
            Some(text) => visitor.visit_borrowed_str(text),
            None => visitor.visit_str(self.text),
        }
    }

    /// The plain text, for the typed methods that read only plain scalars
    /// (serde_yaml's "invalid type" for quoted ones).
    fn plain(&self) -> Result<&'t str, Error> {
        match self.style {
            Style::Plain => Ok(self.text),
            _ => unsure("a quoted scalar where a plain one was wanted"),
        }
    }

    /// Whether this is a plain null (`~`, `null` or nothing), which
    /// serde_yaml reads as `None` and unit.
    fn is_null(&self) -> bool {
        self.style == Style::Plain && (self.text.is_empty() || is_null_word(self.text))
    }

    fn is_empty_plain(&self) -> bool {
        self.style == Style::Plain && self.text.is_empty()
    }

    fn int(&self) -> Result<&'t str, Error> {
        let text = self.plain()?;
        if is_simple_int(text) {
            Ok(text)
        } else {
            unsure("not a plain decimal integer")
        }
    }
}

/// serde derives its visitors' integer range checks on top of these, as
/// serde_yaml does by sending every signed width through `i64` and every
/// unsigned one through `u64`.
fn parsed<T: std::str::FromStr>(text: &str) -> Result<T, Error> {
    text.parse().or_else(|_| unsure("out of range"))
}

/// Methods that read as another method of the same deserializer.
macro_rules! forward {
    ($($($method:ident)* => $target:ident;)*) => {$($(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
            self.$target(visitor)
        }
    )*)*};
}

impl<'a> de::Deserializer<'a> for ScalarDe<'_, 'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.style != Style::Plain {
            return self.visit_text(visitor);
        }
        match resolve(self.text) {
            Resolved::Null => visitor.visit_unit(),
            Resolved::Bool(value) => visitor.visit_bool(value),
            Resolved::U64(value) => visitor.visit_u64(value),
            Resolved::I64(value) => visitor.visit_i64(value),
            Resolved::F64(value) => visitor.visit_f64(value),
            Resolved::Str => self.visit_text(visitor),
            Resolved::Unsure => unsure("an unusual number"),
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match parse_bool(self.plain()?) {
            Some(value) => visitor.visit_bool(value),
            None => unsure("not a boolean"),
        }
    }

    fn deserialize_i64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i64(parsed(self.int()?)?)
    }

    fn deserialize_u64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.int()? {
            text if text.starts_with('-') => unsure("a negative number"),
            text => visitor.visit_u64(parsed(text)?),
        }
    }

    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let text = self.plain()?;
        if !(is_simple_int(text) || is_simple_float(text)) {
            return unsure("not a plain decimal number");
        }
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => visitor.visit_f64(value),
            _ => unsure("not a finite number"),
        }
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        // serde_yaml hands over any scalar's text here, even `42` or `null`.
        self.visit_text(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_unit()
        } else {
            unsure("not null")
        }
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.depth.checked_sub(1) {
            Some(depth) => visitor.visit_newtype_struct(ScalarDe { depth, ..self }),
            None => unsure("recursion limit"),
        }
    }

    /// serde_yaml reads an empty plain scalar (`key:`) as an empty sequence.
    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_empty_plain() {
            visitor.visit_seq(Empty)
        } else {
            unsure("a scalar where a sequence was wanted")
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    /// serde_yaml reads an empty plain scalar (`key:`) as an empty mapping.
    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_empty_plain() {
            visitor.visit_map(Empty)
        } else {
            unsure("a scalar where a mapping was wanted")
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        unsure("enums")
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    // serde_yaml reads every signed width through `i64`, every unsigned one
    // through `u64` and `f32` through `f64`; serde's visitors check ranges.
    forward! {
        deserialize_i8 deserialize_i16 deserialize_i32 => deserialize_i64;
        deserialize_u8 deserialize_u16 deserialize_u32 => deserialize_u64;
        deserialize_f32 => deserialize_f64;
        deserialize_string deserialize_char deserialize_identifier => deserialize_str;
        deserialize_u128 => deserialize_i128;
        deserialize_byte_buf => deserialize_bytes;
    }

    fn deserialize_i128<V: Visitor<'a>>(self, _visitor: V) -> Result<V::Value, Error> {
        unsure("128-bit integers")
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, _visitor: V) -> Result<V::Value, Error> {
        unsure("bytes")
    }
}

struct SeqAccess<'t, 'a> {
    items: std::slice::Iter<'t, Node<'a>>,
    depth: usize,
}

impl<'a> de::SeqAccess<'a> for SeqAccess<'_, 'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let depth = self.depth;
        seed.deserialize(Deserializer { node, depth }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'t, 'a> {
    entries: std::slice::Iter<'t, Entry<'a>>,
    /// The value of the key just read.
    value: Option<&'t Node<'a>>,
    depth: usize,
}

impl<'a> de::MapAccess<'a> for MapAccess<'_, 'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(&entry.value);
        seed.deserialize(ScalarDe::key(&entry.key, self.depth))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(node) = self.value.take() else {
            return unsure("a value asked for before its key");
        };
        let depth = self.depth;
        seed.deserialize(Deserializer { node, depth })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The empty sequence or mapping that an empty plain scalar stands for.
struct Empty;

impl<'a> de::SeqAccess<'a> for Empty {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        _: T,
    ) -> Result<Option<T::Value>, Error> {
        Ok(None)
    }
}

impl<'a> de::MapAccess<'a> for Empty {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, _: K) -> Result<Option<K::Value>, Error> {
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, _: V) -> Result<V::Value, Error> {
        unsure("a value of an empty mapping")
    }
}

// ------------------------------------------------ resolving plain scalars

/// What serde_yaml makes of a plain scalar when the target type takes
/// anything (`deserialize_any`). Numbers in other forms than plain decimals
/// (`0x1F`, `+1`, `1e3`, `.inf`, beyond 64 bits) are `Unsure`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str,
    Unsure,
}

/// The order of serde_yaml's `visit_untagged_scalar`: null, boolean,
/// integer, float, else text.
pub fn resolve(text: &str) -> Resolved {
    if text.is_empty() || is_null_word(text) {
        return Resolved::Null;
    }
    if let Some(value) = parse_bool(text) {
        return Resolved::Bool(value);
    }
    // Every number serde_yaml reads starts with a digit, a sign or a dot
    // (`.inf`); Rust's float parser also takes `inf` and `nan`, which
    // serde_yaml then refuses as not finite. So other text is text, which
    // spares the number parsers on the common case.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return Resolved::Str;
    }
    let simple = |value| {
        if is_simple_int(text) {
            value
        } else {
            Resolved::Unsure
        }
    };
    if let Some(value) = yaml_number::parse_unsigned_int(text, u64::from_str_radix) {
        return simple(Resolved::U64(value));
    }
    if let Some(value) = yaml_number::parse_negative_int(text, i64::from_str_radix) {
        return simple(Resolved::I64(value));
    }
    if yaml_number::parse_unsigned_int(text, u128::from_str_radix).is_some()
        || yaml_number::parse_negative_int(text, i128::from_str_radix).is_some()
    {
        return Resolved::Unsure;
    }
    if !yaml_number::digits_but_not_number(text) {
        if let Some(value) = yaml_number::parse_f64(text) {
            return match is_simple_float(text) {
                true => Resolved::F64(value),
                false => Resolved::Unsure,
            };
        }
    }
    Resolved::Str
}

/// Whether serde_yaml reads `text`, written as a plain scalar, as text
/// (rather than null, a boolean or a number).
pub fn resolves_to_text(text: &str) -> bool {
    resolve(text) == Resolved::Str
}

fn is_null_word(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `-?[0-9]+` without leading zeros (`0` and `-0` are fine).
fn is_simple_int(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// `-?[0-9]+\.[0-9]+`.
fn is_simple_float(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits
        .split_once('.')
        .is_some_and(|(whole, fraction)| all_digits(whole) && all_digits(fraction))
}

/// serde_yaml 0.9.34's number recognition (`de.rs`), copied unchanged so
/// that "is this plain scalar text?" has exactly its answer.
mod yaml_number {
    use super::ParseIntError;

    pub fn parse_unsigned_int<T>(
        scalar: &str,
        from_str_radix: fn(&str, radix: u32) -> Result<T, ParseIntError>,
    ) -> Option<T> {
        let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if let Some(rest) = unpositive.strip_prefix(prefix) {
                if rest.starts_with(['+', '-']) {
                    return None;
                }
                if let Ok(int) = from_str_radix(rest, radix) {
                    return Some(int);
                }
            }
        }
        if unpositive.starts_with(['+', '-']) {
            return None;
        }
        if digits_but_not_number(scalar) {
            return None;
        }
        from_str_radix(unpositive, 10).ok()
    }

    pub fn parse_negative_int<T>(
        scalar: &str,
        from_str_radix: fn(&str, radix: u32) -> Result<T, ParseIntError>,
    ) -> Option<T> {
        for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
            if let Some(rest) = scalar.strip_prefix(prefix) {
                let negative = format!("-{}", rest);
                if let Ok(int) = from_str_radix(&negative, radix) {
                    return Some(int);
                }
            }
        }
        if digits_but_not_number(scalar) {
            return None;
        }
        from_str_radix(scalar, 10).ok()
    }

    pub fn parse_f64(scalar: &str) -> Option<f64> {
        let unpositive = if let Some(unpositive) = scalar.strip_prefix('+') {
            if unpositive.starts_with(['+', '-']) {
                return None;
            }
            unpositive
        } else {
            scalar
        };
        if let ".inf" | ".Inf" | ".INF" = unpositive {
            return Some(f64::INFINITY);
        }
        if let "-.inf" | "-.Inf" | "-.INF" = scalar {
            return Some(f64::NEG_INFINITY);
        }
        if let ".nan" | ".NaN" | ".NAN" = scalar {
            return Some(f64::NAN.copysign(1.0));
        }
        if let Ok(float) = unpositive.parse::<f64>() {
            if float.is_finite() {
                return Some(float);
            }
        }
        None
    }

    pub fn digits_but_not_number(scalar: &str) -> bool {
        let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
        scalar.len() > 1
            && scalar.starts_with('0')
            && scalar[1..].bytes().all(|b| b.is_ascii_digit())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use serde::Deserialize;

    fn declines(text: &str) {
        assert_eq!(parse(text), None, "should decline:\n{text}");
    }

    #[test]
    fn declines_what_is_outside_the_subset() {
        for text in [
            "a:\n\tb: 1\n",           // tab indentation
            "a: x\tb\n",              // any tab
            "a: 1\rb: 2\n",           // lone CR
            "\u{feff}a: 1\n",         // BOM
            "a: x\u{85}y\n",          // NEL is a line break to libyaml
            "a: x\u{2028}y\n",        // so is LS
            "a: \u{1}\n",             // control character
            "a: &x 1\nb: *x\n",       // anchor and alias
            "a: *x\n",                // alias
            "a: !tag 1\n",            // tag
            "%YAML 1.2\n---\na: 1\n", // directive, document marker
            "---\na: 1\n",            // document marker
            "a: 1\n...\n",            // document end
            "? a\n: 1\n",             // complex key
            "a: |\n  text\n",         // literal block scalar
            "a: >\n  text\n",         // folded block scalar
            "a: one\n  two\n",        // multi-line plain scalar
            "a: \"one\n  two\"\n",    // multi-line quoted scalar
            "a: 'one\n  two'\n",      // multi-line single-quoted scalar
            "a: {}\n",                // flow mapping, even empty
            "a: {b: 1}\n",            // flow mapping
            "a: [b, [c]]\n",          // nested flow
            "a: [b, {c: 1}]\n",       // flow mapping in a flow
            "a: [b,]\n",              // trailing comma
            "a: [b,,c]\n",            // empty item
            "a: [b\n",                // unterminated flow
            "a: [b, c\n  , d]\n",     // multi-line flow
            "a: [b:c]\n",             // colon in a flow item
            "a: [b #c]\n",            // comment inside a flow
            "  a: 1\n",               // indented top level
            "- a\n",                  // top-level sequence
            "just text\n",            // top-level scalar
            "a:b\n",                  // no space after the colon
            "\"a\": 1\n",             // quoted key
            "a b: 1\n",               // key with a space
            "-a: 1\n",                // key starting with `-`
            "a:\n  -\n    b: 1\n",    // `-` alone with a block below
            "a:\n  - - b\n",          // nested block sequence on one line
            "a: b: c\n",              // `: ` inside a plain value
            "a: b:\n",                // plain value ending in `:`
            "a: -b\n",                // `-` not before a digit
            "a: - b\n",               // a sequence after a key
            "a: \"\\x41\"\n",         // unsupported escape
            "a: \"\\uD800\"\n",       // lone surrogate
            "a: \"\\u12\"\n",         // short \u escape
            "a: \"x\\\n",             // escaped line break
            "a: \"x\"#c\n",           // comment without a space
            "a: \"x\" y\n",           // text after a quote
            "a: 'x' 'y'\n",           // two scalars
            "a: 1\n  b: 2\n",         // deeper line after a value
            "a:\n    b: 1\n  c: 2\n", // in-between indent
            "a:\n  - 1\n b: 2\n",     // in-between indent after a sequence
            "a:\n- 1\n- 2\n  - 3\n",  // deeper item
            "a: 1\n- 2\n",            // item after a scalar
        ] {
            declines(text);
        }
        let long_key = format!("{}: 1\n", "k".repeat(MAX_KEY_LEN + 1));
        declines(&long_key);
        let mut deep = String::new();
        for level in 0..=MAX_DEPTH {
            deep += &format!("{}k:\n", " ".repeat(level));
        }
        declines(&(deep + &" ".repeat(MAX_DEPTH + 1) + "k: 1\n"));
    }

    /// A compact picture of a tree without offsets: `{k: v}`, `[a, b]`,
    /// plain scalars as written, quoted ones in `"…"` or `'…'`.
    fn show(node: &Node) -> String {
        match &node.value {
            Value::Scalar { text, style } => match style {
                Style::Plain => text.to_string(),
                Style::SingleQuoted => format!("'{text}'"),
                Style::DoubleQuoted | Style::Other => format!("{text:?}"),
            },
            Value::Seq(items) => {
                let items: Vec<String> = items.iter().map(show).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{}: {}", e.key, show(&e.value)))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
        }
    }

    #[test]
    fn reads_the_subset() {
        let text = "\
# a note
title: Nurses   # trailing note
empty:
quoted: \"a \\\"b\\\" \\u00e9\\n\"   # after a quote
single: 'it''s'
flow: [15.20, null, \">=115.00\", 'x', -2.1]
none: []
c: C# and SQL#1
areas:
- area: Washington

  hourly:
    - 1
  yearly:
  - 2
- plain
wages:
    source: BLS
";
        let expected = "{title: Nurses, empty: , quoted: \"a \\\"b\\\" é\\n\", single: 'it's', \
            flow: [15.20, null, \">=115.00\", 'x', -2.1], none: [], c: C# and SQL#1, \
            areas: [{area: Washington, hourly: [1], yearly: [2]}, plain], wages: {source: BLS}}";
        assert_eq!(parse(text).map(|n| show(&n)).as_deref(), Some(expected));
        // `c#` is not a key the subset knows.
        declines(&text.replace("c: C#", "c#: C#"));
        assert_eq!(
            parse("# only\n\n  # notes\n").map(|n| show(&n)).as_deref(),
            Some("{}")
        );
    }

    #[test]
    fn crlf_line_ends_read_as_lf_ones() {
        let lf = "a: 1 # x\nb:\n  - 'c'\n  - [d, e]\n";
        let crlf = lf.replace('\n', "\r\n");
        let (lf, crlf) = (parse(lf).unwrap(), parse(&crlf).unwrap());
        assert_eq!(show(&lf), show(&crlf));
        assert_eq!(show(&crlf), "{a: 1, b: ['c', [d, e]]}");
    }

    #[test]
    fn nodes_know_where_they_start() {
        let text = "title: Nurses\nempty:\nareas:\n  - area: W\n    hourly: [1, \"2\",  3]\n";
        let root = parse(text).unwrap();
        let at = |offset: usize| &text[offset..];
        let Value::Map(entries) = &root.value else {
            panic!()
        };
        assert_eq!(root.offset, 0);
        assert!(at(entries[0].value.offset).starts_with("Nurses"));
        assert!(at(entries[1].key_offset).starts_with("empty:"));
        assert!(at(entries[1].value.offset).starts_with("empty:"));
        let Value::Seq(areas) = &entries[2].value.value else {
            panic!()
        };
        assert!(at(areas[0].offset).starts_with("area: W"));
        let Value::Map(area) = &areas[0].value else {
            panic!()
        };
        assert!(at(area[1].key_offset).starts_with("hourly"));
        let Value::Seq(figures) = &area[1].value.value else {
            panic!()
        };
        let starts: Vec<&str> = figures.iter().map(|f| &at(f.offset)[..1]).collect();
        assert_eq!(starts, ["1", "\"", "3"]);
    }

    #[test]
    fn finds_keys_written_twice_at_any_depth() {
        let text = "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n";
        let root = parse(text).unwrap();
        let mut found = Vec::new();
        duplicate_keys(&root, &mut found);
        let lines: Vec<(&str, &str)> = found
            .iter()
            .map(|d| (&text[d.first..d.first + 4], &text[d.repeat..d.repeat + 4]))
            .collect();
        assert_eq!(lines, [("c: 1", "c: 2"), ("a: 1", "a: 3")]);
        // Large mappings go through a hash map, with the same answer.
        let mut big: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        big += "k7: again\n";
        let root = parse(&big).unwrap();
        let mut found = Vec::new();
        duplicate_keys(&root, &mut found);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key, "k7");
        assert!(big[found[0].repeat..].starts_with("k7: again"));
    }

    /// Records which visitor method a deserializer called, to check that
    /// the fast path calls the same ones as serde_yaml.
    #[derive(Debug, PartialEq)]
    struct Seen(String);

    impl<'de> Deserialize<'de> for Seen {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(SeenVisitor)
        }
    }

    struct SeenVisitor;

    impl<'de> Visitor<'de> for SeenVisitor {
        type Value = Seen;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("anything")
        }
        fn visit_unit<E>(self) -> Result<Seen, E> {
            Ok(Seen("unit".into()))
        }
        fn visit_bool<E>(self, v: bool) -> Result<Seen, E> {
            Ok(Seen(format!("bool {v}")))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Seen, E> {
            Ok(Seen(format!("u64 {v}")))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Seen, E> {
            Ok(Seen(format!("i64 {v}")))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Seen, E> {
            Ok(Seen(format!("f64 {v:?}")))
        }
        fn visit_str<E>(self, v: &str) -> Result<Seen, E> {
            Ok(Seen(format!("str {v}")))
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Seen, E> {
            Ok(Seen(format!("borrowed {v}")))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Seen, A::Error> {
            let mut items = Vec::new();
            while let Some(Seen(item)) = seq.next_element()? {
                items.push(item);
            }
            Ok(Seen(format!("[{}]", items.join(", "))))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Seen, A::Error> {
            let mut entries = Vec::new();
            while let Some((Seen(k), Seen(v))) = map.next_entry()? {
                entries.push(format!("{k}: {v}"));
            }
            Ok(Seen(format!("{{{}}}", entries.join(", "))))
        }
    }

    /// `{ a: T }`, to give each case a key.
    #[derive(Debug, Deserialize)]
    struct A<T> {
        #[allow(dead_code)]
        a: T,
    }

    fn fast<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
        let tree = parse(text).unwrap_or_else(|| panic!("declined:\n{text}"));
        T::deserialize(Deserializer::new(&tree))
    }

    /// The fast path reads `a: <value>` as `T` exactly as serde_yaml does.
    fn same<T: DeserializeOwned + fmt::Debug>(value: &str) {
        let text = format!("a: {value}\n");
        let ours = fast::<A<T>>(&text).unwrap_or_else(|e| panic!("{e} for {text}"));
        let theirs = serde_yaml::from_str::<A<T>>(&text).unwrap();
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "for {text}");
    }

    /// The fast path gives `a: <value>` as `T` to serde_yaml.
    fn left<T: DeserializeOwned + fmt::Debug>(value: &str) {
        let text = format!("a: {value}\n");
        assert!(
            fast::<A<T>>(&text).is_err(),
            "fast path answered for {text}"
        );
    }

    #[test]
    fn resolves_plain_scalars_like_serde_yaml() {
        for value in [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "True",
            "TRUE",
            "false",
            "FALSE",
            "yes",
            "no",
            "on",
            "42",
            "0",
            "-0",
            "-7",
            "15.0",
            "-2.1",
            "0.5",
            "2019-02-24",
            "29-2071",
            "007",
            "012",
            "-012",
            "1_000",
            "1e400",
            "nan",
            "inf",
            "Infinity",
            "Washington",
            "5 years",
            "$5",
            "é",
            "18446744073709551615",
            "-9223372036854775808",
            "'quoted'",
            "\"42\"",
            "\"null\"",
            "'it''s'",
            "\"a\\tb\"",
            "[1, -1, 1.5, x, null]",
            "00.5",
            "-0.0",
        ] {
            same::<Seen>(value);
        }
        for value in [
            "0x1F",
            "-0x1F",
            "0o7",
            "0b1",
            "+1",
            "1e3",
            "1.",
            ".5",
            ".inf",
            "-1e3",
            ".nan",
            "18446744073709551616",
            "-9223372036854775809",
        ] {
            left::<Seen>(value);
        }
    }

    #[test]
    fn typed_reads_match_serde_yaml() {
        // Text: any scalar, as written.
        for value in ["null", "~", "42", "15.0", "true", "", "\"x\"", "'y'"] {
            same::<String>(value);
        }
        left::<String>("[x]");
        // Options: plain null or nothing is None, quoted "null" is not.
        for value in ["", "~", "null", "\"\"", "\"null\"", "x"] {
            same::<Option<String>>(value);
        }
        same::<Option<Vec<u8>>>("[1, 2]");
        same::<Option<A<u8>>>("");
        // Booleans and numbers: plain decimals only, others to serde_yaml.
        same::<bool>("true");
        same::<bool>("False");
        left::<bool>("yes");
        left::<bool>("\"true\"");
        same::<i64>("-12");
        same::<u8>("255");
        left::<u8>("256");
        left::<u64>("-1");
        left::<i64>("0x10");
        left::<i64>("\"5\"");
        same::<f64>("15");
        same::<f64>("-2.50");
        left::<f64>("1e3");
        left::<f64>("'1.5'");
        // Sequences, mappings and unit: an empty plain scalar is empty.
        same::<Vec<String>>("");
        same::<Vec<String>>("[]");
        same::<std::collections::BTreeMap<String, u8>>("");
        left::<Vec<String>>("~");
        left::<Vec<String>>("x");
        same::<()>("~");
        same::<()>("");
        left::<()>("x");
        // A tuple left with unread elements fails in serde_yaml.
        same::<(u8, u8)>("[1, 2]");
        left::<(u8, u8)>("[1, 2, 3]");
        left::<char>("[x]");
        same::<char>("x");
    }

    #[derive(Debug, Deserialize)]
    struct Newtype(#[allow(dead_code)] u8);

    #[derive(Debug, Deserialize)]
    enum Choice {
        One,
    }

    #[test]
    fn newtypes_and_enums() {
        same::<Newtype>("3");
        same::<Vec<Newtype>>("[3]");
        // Enums are left to serde_yaml, which knows its tag rules.
        left::<Choice>("One");
        assert!(serde_yaml::from_str::<A<Choice>>("a: One").is_ok());
    }

    #[test]
    fn keys_are_plain_scalars() {
        let map = fast::<std::collections::BTreeMap<u8, String>>("1: a\n2: b\n").unwrap();
        assert_eq!(map.len(), 2);
        same::<Seen>("\n  true: 1\n  null: 2\n  12: 3\n");
    }
}
