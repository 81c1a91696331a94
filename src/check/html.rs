//! A small scanner for the links and anchors of rendered HTML pages.
//!
//! It reads start tags and their attributes the way browsers do for the
//! cases that matter to link checking: quoted and unquoted values, every
//! character reference a browser decodes in an attribute (numeric ones
//! with or without `;`, and the named ones that stand for ASCII, such as
//! `&Tab;` and `&colon;`, the tools of a hidden `javascript:`), comments,
//! and the contents of `<script>`, `<style>`, `<textarea>` and the like
//! skipped. Every attribute that holds a URL is read, on any element:
//! `href` and `src`, but also `action`, `formaction`, `xlink:href`,
//! `poster`, `data`, `cite`, `srcset`, `ping`, a `<meta>` refresh, and the
//! HTML inside `srcdoc`, scanned in turn. It builds no document tree and
//! does not judge whether the HTML is valid; the Nu Html Checker in the
//! test suite does that.

/// What a page offers and what it points to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Every `id` (and `name` on `<a>`): the targets of `#fragment` links.
    pub anchors: Vec<String>,
    pub links: Vec<Link>,
}

/// One URL written in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The tag and attribute it came from: `a href`, `img src`.
    pub tag: String,
    pub attribute: String,
    /// The URL with character references decoded, as the browser reads it.
    pub url: String,
    /// The attribute's value as written, for finding it in the source.
    pub raw: String,
    /// Byte offset of the tag in the page, for finding it again.
    pub offset: usize,
    /// Whether the URL should lead somewhere: links, sources, form
    /// targets. A `cite`, a `ping` or a URL inside `srcdoc` is only
    /// checked for an unsafe scheme.
    pub followed: bool,
    /// The element whose `srcdoc` holds the link (`iframe`), if any.
    pub inside: Option<String>,
}

impl Link {
    /// Where the URL is, for messages: `<form action>`, or `<a href>`
    /// inside `<iframe srcdoc>`.
    pub fn place(&self) -> String {
        let own = format!("`<{} {}>`", self.tag, self.attribute);
        match &self.inside {
            Some(outer) => format!("{own} inside `<{outer} srcdoc>`"),
            None => own,
        }
    }
}

/// Attributes that hold one URL, on any element, and whether a reader's
/// browser follows or fetches it (`followed`, see [`Link`]).
const URL_ATTRIBUTES: [(&str, bool); 18] = [
    ("href", true),
    ("src", true),
    ("action", true),
    ("formaction", true),
    ("xlink:href", true),
    ("poster", true),
    ("data", true),
    ("cite", false),
    ("background", false),
    ("lowsrc", false),
    ("dynsrc", false),
    ("longdesc", false),
    ("manifest", false),
    ("codebase", false),
    ("icon", false),
    ("classid", false),
    ("profile", false),
    ("itemtype", false),
];

/// Elements whose contents are text, not markup, until their end tag.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// How deep `srcdoc` documents inside `srcdoc` documents are read.
const MAX_SRCDOC_DEPTH: usize = 4;

pub fn scan(html: &str) -> Scan {
    let mut result = Scan::default();
    scan_into(html, 0, &mut result);
    result
}

fn scan_into(html: &str, depth: usize, result: &mut Scan) {
    let mut rest = html;
    let mut offset = 0;
    while let Some(start) = rest.find('<') {
        let tag_text = rest.get(start..).unwrap_or_default();
        if let Some(comment) = tag_text.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(comment.len(), |i| i + 3);
            let skipped = 4 + end;
            rest = comment.get(end..).unwrap_or_default();
            offset += start + skipped;
            continue;
        }
        let Some((name, attributes, len)) = parse_tag(tag_text) else {
            // `<` is ASCII: one byte on is a character boundary.
            rest = tag_text.get(1..).unwrap_or_default();
            offset += start + 1;
            continue;
        };
        record(&name, &attributes, offset + start, depth, result);
        let mut after = tag_text.get(len..).unwrap_or_default();
        let mut skipped = len;
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let end = after
                .to_ascii_lowercase()
                .find(&close)
                .unwrap_or(after.len());
            after = after.get(end..).unwrap_or_default();
            skipped += end;
        }
        rest = after;
        offset += start + skipped;
    }
}

fn record(name: &str, attributes: &[Attribute], offset: usize, depth: usize, out: &mut Scan) {
    let link = |attribute: &str, url: &str, raw: &str, followed: bool| Link {
        tag: name.to_string(),
        attribute: attribute.to_string(),
        url: url.trim().to_string(),
        raw: raw.to_string(),
        offset,
        // Inside `srcdoc` a relative URL is relative to `about:srcdoc`.
        followed: followed && depth == 0,
        inside: None,
    };
    for Attribute { key, value, raw } in attributes {
        if depth == 0 && (key == "id" || (key == "name" && name == "a")) {
            out.anchors.push(value.clone());
        }
        let key = key.as_str();
        if let Some((_, followed)) = URL_ATTRIBUTES.iter().find(|(a, _)| *a == key) {
            out.links.push(link(key, value, raw, *followed));
        } else if key == "srcset" || key == "imagesrcset" {
            for url in srcset_urls(value) {
                out.links.push(link(key, url, url, true));
            }
        } else if key == "ping" {
            for url in value.split_ascii_whitespace() {
                out.links.push(link(key, url, url, false));
            }
        } else if key == "content" && name == "meta" && is_refresh(attributes) {
            if let Some(url) = refresh_url(value) {
                out.links.push(link(key, url, url, true));
            }
        } else if key == "srcdoc" && depth < MAX_SRCDOC_DEPTH {
            let before = out.links.len();
            scan_into(value, depth + 1, out);
            // What the editor wrote is the whole `srcdoc` attribute.
            for link in out.links.iter_mut().skip(before) {
                link.inside.get_or_insert_with(|| name.to_string());
                link.raw.clone_from(raw);
                link.offset = offset;
                link.followed = false;
            }
        }
    }
}

fn is_refresh(attributes: &[Attribute]) -> bool {
    attributes
        .iter()
        .any(|a| a.key == "http-equiv" && a.value.trim().eq_ignore_ascii_case("refresh"))
}

/// The URL of a refresh: `5; url=/next/` (the `url=` may be left out).
fn refresh_url(content: &str) -> Option<&str> {
    let (_, after) = content.split_once([';', ','])?;
    let after = after.trim_start();
    let after = match after.get(..4) {
        Some(word) if word.eq_ignore_ascii_case("url=") => after.get(4..).unwrap_or_default(),
        _ => after,
    };
    let url = after.trim().trim_matches(['"', '\'']);
    (!url.is_empty()).then_some(url)
}

/// The URLs of a `srcset`: candidates separated by commas, each a URL and
/// an optional descriptor (`1x`, `480w`).
fn srcset_urls(value: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at_checked(end).unwrap_or((rest, ""));
        let url = word.trim_end_matches(',');
        if !url.is_empty() {
            urls.push(url);
        }
        // A URL that ended in a comma has no descriptor; otherwise skip
        // the descriptor up to the next comma.
        rest = if word.ends_with(',') {
            after
        } else {
            after.split_once(',').map_or("", |(_, next)| next)
        };
    }
}

/// One attribute of a start tag: the lower-cased name, the value with
/// character references decoded, and the value as written.
#[derive(Debug)]
struct Attribute {
    key: String,
    value: String,
    raw: String,
}

/// Parses `<name attr="v" ...>`; returns the lower-case name, attributes
/// and the tag's length in bytes. Every position is found at an ASCII
/// byte, so slicing there keeps to character boundaries.
fn parse_tag(text: &str) -> Option<(String, Vec<Attribute>, usize)> {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let mut i = 1;
    if !at(i)?.is_ascii_alphabetic() {
        return None;
    }
    while at(i).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b':') {
        i += 1;
    }
    let name = text.get(1..i)?.to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while at(i).is_some_and(|b| b.is_ascii_whitespace() || b == b'/') {
            i += 1;
        }
        match at(i) {
            None => return Some((name, attributes, i)),
            Some(b'>') => return Some((name, attributes, i + 1)),
            Some(_) => {}
        }
        let key_start = i;
        // An attribute name may start with `=` (then it is part of it).
        i += 1;
        while at(i).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/')) {
            i += 1;
        }
        let key = text.get(key_start..i)?.to_ascii_lowercase();
        while at(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let mut raw = "";
        if at(i) == Some(b'=') {
            i += 1;
            while at(i).is_some_and(|b| b.is_ascii_whitespace()) {
                i += 1;
            }
            let (value, next) = match at(i) {
                Some(q @ (b'"' | b'\'')) => {
                    let body = text.get(i + 1..)?;
                    let end = body.find(q as char).unwrap_or(body.len());
                    (body.get(..end)?, (i + 1 + end + 1).min(text.len()))
                }
                _ => {
                    let body = text.get(i..)?;
                    let end = body
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(body.len());
                    (body.get(..end)?, i + end)
                }
            };
            raw = value;
            i = next;
        }
        attributes.push(Attribute {
            key,
            value: decode_entities(raw),
            raw: raw.to_string(),
        });
    }
}

/// Decodes character references as a browser does in an attribute value:
/// numeric ones (`&#9;`, `&#x3A;`, with or without the `;`) and the named
/// ones that stand for ASCII characters or a few common others. A named
/// reference this table lacks is kept as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        let (before, tail) = rest.split_at_checked(amp).unwrap_or((rest, ""));
        out.push_str(before);
        let after_amp = tail.get(1..).unwrap_or_default();
        match reference(after_amp) {
            Some((decoded, len)) => {
                out.push(decoded);
                rest = after_amp.get(len..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after_amp;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `text` (just after `&`) and how many
/// bytes it takes.
fn reference(text: &str) -> Option<(char, usize)> {
    if let Some(number) = text.strip_prefix('#') {
        let (hex, digits) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (true, hex),
            None => (false, number),
        };
        let radix = if hex { 16 } else { 10 };
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let value = digits
            .get(..len)?
            .chars()
            .try_fold(0u32, |n, c| {
                let d = c.to_digit(radix)?;
                Some(n.saturating_mul(radix).saturating_add(d))
            })
            .unwrap_or(u32::MAX);
        let semicolon = usize::from(digits.get(len..)?.starts_with(';'));
        let prefix = 1 + usize::from(hex);
        return Some((numeric(value), prefix + len + semicolon));
    }
    let len = text
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = text.get(..len)?;
    let decoded = named(name)?;
    if text.get(len..)?.starts_with(';') {
        return Some((decoded, len + 1));
    }
    // Without `;` only the legacy names are references, and in an
    // attribute not when `=` or a letter or digit follows (`?a=1&copy=2`).
    let next = text.get(len..)?.chars().next();
    let legacy = LEGACY.contains(&name);
    (legacy && !next.is_some_and(|c| c == '=' || c.is_ascii_alphanumeric()))
        .then_some((decoded, len))
}

/// A numeric reference's character, with the replacements browsers make.
fn numeric(value: u32) -> char {
    match value {
        0 => '\u{FFFD}',
        // Windows-1252 in the C1 range, as browsers read it.
        0x80 => '€',
        0x82..=0x9F => WINDOWS_1252
            .get((value - 0x82) as usize)
            .copied()
            .flatten()
            .unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{FFFD}')),
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

const WINDOWS_1252: [Option<char>; 30] = [
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Names that are references even without their `;` (the HTML standard's
/// legacy list, the part of it this table has).
const LEGACY: [&str; 12] = [
    "amp", "AMP", "lt", "LT", "gt", "GT", "quot", "QUOT", "nbsp", "copy", "reg", "shy",
];

fn named(name: &str) -> Option<char> {
    let c = match name {
        "Tab" => '\t',
        "NewLine" => '\n',
        "nbsp" | "NonBreakingSpace" => '\u{A0}',
        "excl" => '!',
        "quot" | "QUOT" => '"',
        "num" => '#',
        "dollar" => '$',
        "percnt" => '%',
        "amp" | "AMP" => '&',
        "apos" => '\'',
        "lpar" => '(',
        "rpar" => ')',
        "ast" | "midast" => '*',
        "plus" => '+',
        "comma" => ',',
        "period" => '.',
        "sol" => '/',
        "colon" => ':',
        "semi" => ';',
        "lt" | "LT" => '<',
        "equals" => '=',
        "gt" | "GT" => '>',
        "quest" => '?',
        "commat" => '@',
        "lsqb" | "lbrack" => '[',
        "bsol" => '\\',
        "rsqb" | "rbrack" => ']',
        "Hat" => '^',
        "lowbar" | "UnderBar" => '_',
        "grave" | "DiacriticalGrave" => '`',
        "lcub" | "lbrace" => '{',
        "verbar" | "vert" | "VerticalLine" => '|',
        "rcub" | "rbrace" => '}',
        "copy" | "COPY" => '©',
        "reg" | "REG" | "circledR" => '®',
        "shy" => '\u{AD}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" | "mldr" => '…',
        "lsquo" => '‘',
        "rsquo" | "rsquor" => '’',
        "ldquo" => '“',
        "rdquo" | "rdquor" => '”',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(html: &str) -> Vec<String> {
        scan(html).links.into_iter().map(|l| l.url).collect()
    }

    #[test]
    fn finds_links_and_anchors() {
        let html = r#"<!doctype html><h2 id="pay">Pay</h2><a href="/a/?x=1&amp;y=2#top" class=x>A</a>
            <!-- <a href="/commented/"> --><IMG SRC=pic.png alt=""><a name=old></a>
            <script>var s = "<a href='/in-script/'>";</script><link rel="stylesheet" href='/s.css'>"#;
        let scan = scan(html);
        let urls: Vec<&str> = scan.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["/a/?x=1&y=2#top", "pic.png", "/s.css"]);
        assert_eq!(scan.anchors, ["pay", "old"]);
    }

    #[test]
    fn decodes_references_as_browsers_do() {
        assert_eq!(decode_entities("a&#x27;b&#39;c&amp;"), "a'b'c&");
        assert_eq!(decode_entities("fish & chips"), "fish & chips");
        assert_eq!(decode_entities("java&#9;script"), "java\tscript");
        assert_eq!(decode_entities("java&#x09script"), "java\tscript");
        assert_eq!(decode_entities("java&Tab;script&colon;"), "java\tscript:");
        assert_eq!(decode_entities("&#0000106;"), "j");
        assert_eq!(decode_entities("&#0;&#x110000;&#128;"), "\u{FFFD}\u{FFFD}€");
        assert_eq!(decode_entities("?a=1&copy=2&lt"), "?a=1&copy=2<");
        assert_eq!(decode_entities("&unknown; &#; &#x;"), "&unknown; &#; &#x;");
        assert_eq!(decode_entities("&#99999999999999999999;"), "\u{FFFD}");
    }

    #[test]
    fn every_url_attribute_on_any_element() {
        let html = r##"<form action="javascript:a()"><button formaction=javascript:b()>
            <svg><a xlink:href="javascript:c()"><use href="#i"/></a></svg>
            <video poster="p.png"></video><object data="d.swf"></object>
            <blockquote cite="https://e.org/">q</blockquote>
            <img srcset="a.png 1x, b,c.png 2x,d.png"><a ping="/p1 /p2">x</a>
            <meta http-equiv="Refresh" content="0; URL='/next/'">"##;
        assert_eq!(
            urls(html),
            [
                "javascript:a()",
                "javascript:b()",
                "javascript:c()",
                "#i",
                "p.png",
                "d.swf",
                "https://e.org/",
                "a.png",
                "b,c.png",
                "d.png",
                "/p1",
                "/p2",
                "/next/"
            ]
        );
    }

    #[test]
    fn srcdoc_is_scanned_as_html() {
        let html =
            r#"<iframe srcdoc="<a href=&quot;java&amp;#9;script:alert(1)&quot;>x</a>"></iframe>"#;
        let scan = scan(html);
        assert_eq!(scan.links.len(), 1, "{scan:?}");
        assert_eq!(scan.links[0].url, "java\tscript:alert(1)");
        assert_eq!(scan.links[0].place(), "`<a href>` inside `<iframe srcdoc>`");
        assert!(!scan.links[0].followed);
    }

    #[test]
    fn text_elements_hold_no_links() {
        let html =
            "<textarea><a href='javascript:x'></textarea><title><a href=y></title><a href=z>";
        assert_eq!(urls(html), ["z"]);
    }

    #[test]
    fn odd_markup_never_panics() {
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href='",
            "<é",
            "<a é=é>",
            "<!--",
            "&#",
            "<a\u{0}b>",
        ] {
            let _ = scan(html);
        }
    }
}
