//! A small scanner for the links and anchors of rendered HTML pages.
//!
//! It reads start tags and their attributes the way browsers do for the
//! cases that matter to link checking (quoted and unquoted values,
//! entities in URLs, comments, `<script>` and `<style>` contents skipped),
//! without building a document tree. It does not judge whether the HTML is
//! valid; the Nu Html Checker in the test suite does that.

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
    pub attribute: &'static str,
    /// The URL with entities decoded, as the browser would request it.
    pub url: String,
    /// Byte offset of the tag in the page, for finding it again.
    pub offset: usize,
}

/// Attributes that hold a URL a reader's browser will follow or fetch.
const URL_ATTRIBUTES: [(&str, &str); 9] = [
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
];

pub fn scan(html: &str) -> Scan {
    let mut result = Scan::default();
    let mut rest = html;
    let mut offset = 0;
    while let Some(start) = rest.find('<') {
        let tag_text = &rest[start..];
        if tag_text.starts_with("<!--") {
            let end = tag_text.find("-->").map_or(tag_text.len(), |i| i + 3);
            (rest, offset) = (&tag_text[end..], offset + start + end);
            continue;
        }
        let Some((name, attributes, len)) = parse_tag(tag_text) else {
            (rest, offset) = (&tag_text[1..], offset + start + 1);
            continue;
        };
        record(&name, &attributes, offset + start, &mut result);
        let mut after = &tag_text[len..];
        let mut skipped = len;
        if matches!(name.as_str(), "script" | "style") {
            // Their contents are not markup.
            let close = format!("</{name}");
            let end = after
                .to_ascii_lowercase()
                .find(&close)
                .unwrap_or(after.len());
            after = &after[end..];
            skipped += end;
        }
        (rest, offset) = (after, offset + start + skipped);
    }
    result
}

fn record(name: &str, attributes: &[(String, String)], offset: usize, out: &mut Scan) {
    for (key, value) in attributes {
        if key == "id" || (key == "name" && name == "a") {
            out.anchors.push(value.clone());
        }
        if let Some((_, attribute)) = URL_ATTRIBUTES.iter().find(|(t, a)| *t == name && a == key) {
            out.links.push(Link {
                tag: name.to_string(),
                attribute,
                url: value.trim().to_string(),
                offset,
            });
        }
    }
}

/// A start tag's attributes: lower-cased names, decoded values.
type Attributes = Vec<(String, String)>;

/// Parses `<name attr="v" ...>`; returns the lower-case name, attributes
/// and the tag's length in bytes.
fn parse_tag(text: &str) -> Option<(String, Attributes, usize)> {
    let bytes = text.as_bytes();
    let mut i = 1;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = text[1..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return Some((name, attributes, i));
        }
        if bytes[i] == b'>' {
            return Some((name, attributes, i + 1));
        }
        let key_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let key = text[key_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (raw, next) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = text[i + 1..]
                        .find(q as char)
                        .map_or(text.len(), |e| i + 1 + e);
                    (&text[i + 1..end], (end + 1).min(text.len()))
                }
                _ => {
                    let end = text[i..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(text.len(), |e| i + e);
                    (&text[i..end], end)
                }
            };
            value = decode_entities(raw);
            i = next;
        }
        if !key.is_empty() {
            attributes.push((key, value));
        } else {
            i += 1;
        }
    }
}

/// Decodes the entities that appear in URLs and ids.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail[..tail.len().min(12)].find(';') else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn decodes_numeric_entities() {
        assert_eq!(decode_entities("a&#x27;b&#39;c&amp;"), "a'b'c&");
        assert_eq!(decode_entities("fish & chips"), "fish & chips");
    }
}
