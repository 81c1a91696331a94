//! Full-text search on static hosting: the results page, the word index
//! and one small file of text per page, all written by the build.
//!
//! Every profile and plain page is one document, numbered in site order.
//! Words are lower-cased, stop words dropped, and reduced to their English
//! stem (Snowball, `rust-stemmers`), so "registries" finds "registry". Each
//! stem's postings list every document it is in with a score that ranks
//! where it is: title (200s) above other names (160s) above summary (80s)
//! above at-a-glance, pros and cons (40s) above the body (10s); the last
//! digit counts repeats. The index is split into shards by the first two
//! letters of a word, so one query word downloads one shard, whatever the
//! site's size; the shard also maps each word as written to its stem,
//! which is what lets the browser match prefixes and one-letter typos
//! against real words (`search.js`) without a stemmer of its own. A typo
//! in the first two letters picks the wrong shard, so small typo lists
//! (`search/typo/N.json`, keyed by a word's third and fourth letters) name
//! the words the browser then looks up in their own shards.
//!
//! A document's text (`search/doc/N.json`) is fetched only for the results
//! shown, for the passage and its highlighted words. Everything is written
//! from sorted maps, so the same content gives the same bytes.
//!
//! Reads go through [`View::text`], one per document, so `serve` remakes
//! the shards after an edit to any page's text and the one document file
//! of that page. The shards are built once per site version and language
//! ([`super::derived`]), since every shard needs every page's words.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::context::PageContext;
use super::outputs::{single, write_text, Item, Kind, Listed};
use super::Ctx;
use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::site::{PageId, Text, View};

/// The results page, its template and the folder of the index files.
pub const SEARCH_PAGE: &str = "search/index.html";
pub const SEARCH_TEMPLATE: &str = "search.html";
pub const FOLDER: &str = "search/";

/// A document's text is cut after this many bytes: passages come from the
/// start of long pages, and one result stays a small download.
const DOC_TEXT_LIMIT: usize = 12_000;

pub static PAGE: Kind = Kind {
    name: "search page",
    reserves: &[(FOLDER, "the search page and its index")],
    needs_template: Some(SEARCH_TEMPLATE),
    streamed: false,
    per_language: true,
    list: |ctx| match has_search(&ctx.view) {
        true => single(SEARCH_PAGE, Some(FOLDER), Some(SEARCH_TEMPLATE)),
        false => Vec::new(),
    },
    render: |ctx, _, out, _| {
        let t = ctx.strings();
        let data = SearchData {
            page: PageContext::generated(
                &ctx.view,
                t.get("search_title").into(),
                FOLDER,
                Some(t.get("search_summary").into()),
            ),
            search: SearchContext::new(&ctx.view, t),
        };
        write_text(
            out,
            &ctx.render_template(SEARCH_TEMPLATE, SEARCH_PAGE, &data)?,
        )
    },
};

/// One shard of the word index: `search/index/N.json`.
pub static SHARDS: Kind = Kind {
    name: "search index",
    reserves: &[],
    needs_template: Some(SEARCH_TEMPLATE),
    streamed: false,
    per_language: true,
    list: |ctx| numbered(ctx, Item::SearchShard, "index"),
    render: |ctx, output, out, _| {
        let Item::SearchShard(n) = output.item else {
            return Err(Diagnostic::error(&output.path, "not a search shard").into());
        };
        let index = site_index(ctx);
        let shard = index.words.get(n as usize);
        let shard = shard.map_or("{}", String::as_str);
        write_text(out, shard)
    },
};

/// One shard of the typo list: `search/typo/N.json`, every indexed word
/// whose third and fourth letters pick shard N. A one-letter typo in a
/// word's first two letters sends the browser to the wrong word shard;
/// the letters after them stay in place (a changed letter) or move by one
/// (a letter added or left out), so `search.js` looks the query's letters
/// 2–3, 3–4 and 4–5 up here, keeps the words one edit away, and fetches
/// their word shards.
pub static TYPOS: Kind = Kind {
    name: "search typo list",
    reserves: &[],
    needs_template: Some(SEARCH_TEMPLATE),
    streamed: false,
    per_language: true,
    list: |ctx| numbered(ctx, Item::SearchTypos, "typo"),
    render: |ctx, output, out, _| {
        let Item::SearchTypos(n) = output.item else {
            return Err(Diagnostic::error(&output.path, "not a typo list").into());
        };
        let index = site_index(ctx);
        let shard = index.typos.get(n as usize);
        let shard = shard.map_or("[]", String::as_str);
        write_text(out, shard)
    },
};

/// The shard files of one kind (`search/FOLDER/N.json`), one per shard
/// of the site's index, when the site has search.
fn numbered(ctx: &Ctx, item: fn(u32) -> Item, folder: &str) -> Vec<Listed> {
    if !has_search(&ctx.view) {
        return Vec::new();
    }
    (0..shard_count(documents(&ctx.view).len()))
        .map(|n| Listed {
            item: item(n),
            path: format!("{FOLDER}{folder}/{n}.json"),
            url_path: None,
            template: None,
        })
        .collect()
}

/// The index of the view's language, built once per site version and
/// shared by every shard and typo list ([`super::derived`]): each depends
/// on the text of every document, and notes those reads as its own.
fn site_index(ctx: &Ctx) -> std::sync::Arc<Index> {
    ctx.derived().search.get(&ctx.view, &(), build_index)
}

/// The text of one document: `search/doc/N.json`.
pub static DOCS: Kind = Kind {
    name: "search document",
    reserves: &[],
    needs_template: Some(SEARCH_TEMPLATE),
    streamed: false,
    per_language: true,
    list: |ctx| {
        if !has_search(&ctx.view) {
            return Vec::new();
        }
        documents(&ctx.view)
            .into_iter()
            .enumerate()
            .map(|(n, id)| Listed {
                item: Item::SearchDoc(ctx.view.rel_path(id).to_string()),
                path: format!("{FOLDER}doc/{n}.json"),
                url_path: None,
                template: None,
            })
            .collect()
    },
    render: |ctx, output, out, _| {
        let id = match &output.item {
            Item::SearchDoc(rel) => ctx.view.page_id(rel),
            _ => None,
        };
        let Some(id) = id else {
            return Err(Diagnostic::error(&output.path, "no such page to index").into());
        };
        let kind = ctx.view.kind(id);
        let doc = DocFile::new(kind, ctx.view.text(id), ctx.strings());
        let json = serde_json::to_string(&doc)
            .map_err(|e| Diagnostic::error(&output.path, format!("cannot write: {e}")))?;
        write_text(out, &json)
    },
};

/// The index files of one site version, as JSON, in shard order.
pub(crate) struct Index {
    /// `index/N.json`.
    words: Vec<String>,
    /// `typo/N.json`.
    typos: Vec<String>,
}

/// Whether the site has search (`search:` in `site.yaml`, on by default)
/// and anything to search: a profile or a plain page.
pub fn has_search(view: &View) -> bool {
    view.config().search && !documents(view).is_empty()
}

/// The pages search finds, in site order: their position is their number.
pub fn documents(view: &View) -> Vec<PageId> {
    view.page_ids()
        .filter(|&id| view.kind(id) != PageKind::Home)
        .collect()
}

/// Shards for `docs` documents: about one per 64 documents, a power of two
/// (so the browser's hash can stay 32-bit), at most 256.
pub fn shard_count(docs: usize) -> u32 {
    docs.div_ceil(64).next_power_of_two().clamp(1, 256) as u32
}

/// The shard of a word: FNV-1a of the UTF-8 bytes of its first two
/// characters. `search.js` computes the same.
pub fn shard_of(word: &str, shards: u32) -> u32 {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    super::fnv1a(word.as_bytes().get(..end).unwrap_or_default()) % shards.max(1)
}

/// `search`: on `search.html`.
#[derive(Debug, Serialize)]
pub struct SearchContext {
    /// URL of the index folder (`/guide/search/`), with the base path.
    pub index_url: String,
    /// How many shards `index/` holds (`index/0.json` …).
    pub shards: u32,
    /// How many documents there are.
    pub documents: usize,
    /// The explore page, for filtering by cluster, education and figures;
    /// null when the site has no profiles.
    pub explore_url: Option<String>,
    /// The words the index leaves out in this language, space-separated,
    /// for `search.js` to leave them out of queries too.
    pub stop_words: String,
    /// The words search.js shows, as a JSON object for a `<script
    /// type="application/json" id="search-strings">` block
    /// ([`SCRIPT_STRINGS`] and how numbers are written).
    pub script_strings: String,
}

/// The interface strings search.js reads from the results page.
pub const SCRIPT_STRINGS: &[&str] = &[
    "search_kind_profile",
    "search_kind_page",
    "search_no_results",
    "search_results_one",
    "search_results_many",
    "search_not_every_word",
    "search_first_shown",
    "search_longer_word",
    "search_cannot_load",
];

impl SearchContext {
    fn new(view: &View, t: &super::strings::Strings) -> Self {
        let documents = documents(view).len();
        SearchContext {
            index_url: format!("{}{FOLDER}", view.base_path()),
            shards: shard_count(documents),
            documents,
            explore_url: super::has_downloads(view).then(|| super::explore::explore_url(view)),
            stop_words: stop_words(view),
            script_strings: t.for_script(SCRIPT_STRINGS, &view.language().locale),
        }
    }
}

#[derive(Serialize)]
struct SearchData {
    page: PageContext,
    search: SearchContext,
}

/// `search/doc/N.json`: what a result shows.
#[derive(Debug, Serialize)]
struct DocFile<'a> {
    title: &'a str,
    url: &'a str,
    /// `profile` or `page`.
    kind: &'static str,
    summary: Option<&'a str>,
    /// The passages, in page order.
    blocks: Vec<Block<'a>>,
    /// The language of the title when it is not the index's (`en` for a
    /// page not translated yet); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    /// The same for the summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    summary_lang: Option<&'a str>,
}

/// `[section, text]`, or `[section, text, lang]` when the text is in
/// another language than the index's, or `[section, text, lang,
/// section_lang]` when the section's name is too (a heading of a body
/// not translated yet; the theme's names of the other sections are
/// always the index's language).
#[derive(Debug)]
struct Block<'a> {
    section: String,
    text: String,
    lang: Option<&'a str>,
    section_lang: Option<&'a str>,
}

impl Serialize for Block<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let len = if self.section_lang.is_some() {
            4
        } else if self.lang.is_some() {
            3
        } else {
            2
        };
        let mut seq = serializer.serialize_seq(Some(len))?;
        seq.serialize_element(&self.section)?;
        seq.serialize_element(&self.text)?;
        if len > 2 {
            seq.serialize_element(&self.lang)?;
        }
        if len > 3 {
            seq.serialize_element(&self.section_lang)?;
        }
        seq.end()
    }
}

impl<'a> DocFile<'a> {
    /// The section names come from the theme's strings of the page's
    /// language (`at_a_glance`, `pros`, …), as the page shows them.
    fn new(kind: PageKind, text: Text<'a>, strings: &super::strings::Strings) -> Self {
        let label = |key: &str| strings.get(key).trim_end_matches(':').to_string();
        let mut blocks = Vec::new();
        let mut size = 0;
        let langs = text.words_lang;
        let mut push = |section: &str, text: String, lang: &'a Option<String>, named: bool| {
            if size < DOC_TEXT_LIMIT {
                size += text.len();
                blocks.push(Block {
                    section: section.to_string(),
                    text,
                    lang: lang.as_deref(),
                    section_lang: lang.as_deref().filter(|_| named),
                });
            }
        };
        if !text.also_called.is_empty() {
            push(
                &label("also_called"),
                text.also_called.join(", "),
                &langs.also_called,
                false,
            );
        }
        for (section, items, lang) in [
            (label("at_a_glance"), text.at_a_glance, &langs.at_a_glance),
            (label("pros"), text.pros, &langs.pros),
            (label("cons"), text.cons, &langs.cons),
        ] {
            for item in items {
                push(&section, item.clone(), lang, false);
            }
        }
        for (section, block) in crate::markdown::plain_blocks(text.body) {
            push(&section, block, &langs.body, !section.is_empty());
        }
        DocFile {
            title: text.title,
            url: text.url,
            kind: match kind {
                PageKind::Profile => "profile",
                _ => "page",
            },
            summary: text.summary,
            blocks,
            lang: langs.title.as_deref(),
            summary_lang: langs.summary.as_deref(),
        }
    }
}

/// Field weights: the hundreds of a score.
const TITLE: u8 = 20;
const OTHER_NAMES: u8 = 16;
const SUMMARY: u8 = 8;
const LISTS: u8 = 4;
const BODY: u8 = 1;

/// Common English words not worth an entry: they match nearly every page.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "her", "his", "if", "in", "into", "is", "it", "its", "of", "on", "or", "our", "she", "so",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was",
    "we", "were", "what", "when", "which", "who", "will", "with", "you", "your",
];

/// Common Spanish words not worth an entry, sorted.
const STOP_WORDS_ES: &[&str] = &[
    "al", "como", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "más", "o",
    "para", "pero", "por", "que", "se", "su", "sus", "un", "una", "y",
];

/// How the index reads a language: its Snowball stemmer (none for a
/// language Snowball lacks: words are then indexed as written) and its
/// sorted stop words.
#[derive(Clone, Copy)]
pub struct Analyzer {
    stemmer: Option<rust_stemmers::Algorithm>,
    pub stop_words: &'static [&'static str],
}

impl Analyzer {
    /// The analyzer of a language code (`en`, `es`, `es-US`).
    pub fn of(code: &str) -> Self {
        use rust_stemmers::Algorithm;
        let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
        let (stemmer, stop_words) = match primary.as_str() {
            "en" => (Some(Algorithm::English), STOP_WORDS),
            "es" => (Some(Algorithm::Spanish), STOP_WORDS_ES),
            "fr" => (Some(Algorithm::French), &[][..]),
            "pt" => (Some(Algorithm::Portuguese), &[][..]),
            "de" => (Some(Algorithm::German), &[][..]),
            "it" => (Some(Algorithm::Italian), &[][..]),
            _ => (None, &[][..]),
        };
        Analyzer {
            stemmer,
            stop_words,
        }
    }
}

/// The stop words of the view's language, space-separated.
pub fn stop_words(view: &View) -> String {
    Analyzer::of(&view.language().code).stop_words.join(" ")
}

/// The words of a text as the index keys them: lower case, split at every
/// character that is not a letter or digit, `stop` words and one-letter
/// words (but not digits) dropped. `search.js` splits queries the same way.
pub fn words<'a>(text: &'a str, stop: &'a [&str]) -> impl Iterator<Item = String> + 'a {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() <= 40)
        .map(str::to_lowercase)
        .filter(move |w| {
            (w.chars().count() > 1 || w.chars().all(|c| c.is_ascii_digit()))
                && stop.binary_search(&w.as_str()).is_err()
        })
}

/// One document's stems: stem → (best field weight, repeats, words as
/// written). Order does not matter: [`Gathered::add`] appends each stem's
/// posting for this document wherever it comes, and a written word has
/// one stem.
type DocTerms = HashMap<String, (u8, u32, Vec<String>)>;

/// Stems of words already seen by one indexing thread. A site's vocabulary
/// is small next to its running text, and the Snowball stemmer was the
/// index's largest cost (about a tenth of a 10,000-profile build) when
/// every occurrence was stemmed again.
struct Stems {
    stemmer: Option<rust_stemmers::Stemmer>,
    stop_words: &'static [&'static str],
    known: HashMap<String, String>,
}

impl Stems {
    fn new(analyzer: Analyzer) -> Self {
        Stems {
            stemmer: analyzer.stemmer.map(rust_stemmers::Stemmer::create),
            stop_words: analyzer.stop_words,
            known: HashMap::new(),
        }
    }

    fn of<'s>(&'s mut self, word: &str) -> &'s str {
        if !self.known.contains_key(word) {
            let stem = match &self.stemmer {
                Some(stemmer) => stemmer.stem(word).into_owned(),
                None => word.to_string(),
            };
            self.known.insert(word.to_string(), stem);
        }
        self.known.get(word).map_or("", String::as_str)
    }
}

fn doc_terms(text: &Text, stems: &mut Stems) -> DocTerms {
    let mut terms = DocTerms::new();
    let stop = stems.stop_words;
    let mut add = |field: &str, weight: u8| {
        for word in words(field, stop) {
            let stem = stems.of(&word);
            let entry = match terms.get_mut(stem) {
                Some(entry) => entry,
                None => terms.entry(stem.to_string()).or_insert((0, 0, Vec::new())),
            };
            entry.0 = entry.0.max(weight);
            entry.1 += 1;
            if !entry.2.contains(&word) {
                entry.2.push(word);
            }
        }
    };
    add(text.title, TITLE);
    for name in text.also_called {
        add(name, OTHER_NAMES);
    }
    add(text.summary.unwrap_or(""), SUMMARY);
    for item in text.at_a_glance.iter().chain(text.pros).chain(text.cons) {
        add(item, LISTS);
    }
    for (_, block) in crate::markdown::plain_blocks(text.body) {
        add(&block, BODY);
    }
    terms
}

/// A score from a field weight and how often the stem is in the page.
fn score(weight: u8, count: u32) -> u8 {
    weight
        .saturating_mul(10)
        .saturating_add(count.saturating_sub(1).min(9) as u8)
}

/// One shard: `t` maps each stem to `[doc, score, doc gap, score, …]`
/// (document numbers as gaps from the previous one, which keeps the digits
/// few), `w` maps each word as written to its stem when they differ.
#[derive(Default, Serialize)]
struct Shard {
    t: BTreeMap<String, Vec<u32>>,
    w: BTreeMap<String, String>,
}

/// The site's index files.
fn build_index(view: &View) -> Index {
    let analyzer = Analyzer::of(&view.language().code);
    let docs = documents(view);
    let texts: Vec<Text> = docs.iter().map(|&id| view.text(id)).collect();
    // Plain threads over contiguous ranges, not rayon: this runs inside the
    // memo's `OnceLock`, and a rayon thread waiting for its tasks here could
    // pick up another shard's render, which would wait on the same cell
    // forever. Each thread gathers its range; the parts are appended in
    // order, so lists stay in document order and memory holds postings
    // only, never every page's words at once.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = texts.len().div_ceil(threads).max(1);
    let parts: Vec<Gathered> = std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .zip((0u32..).step_by(chunk))
            .map(|(part, first)| {
                scope.spawn(move || {
                    let mut gathered = Gathered::default();
                    let mut stems = Stems::new(analyzer);
                    for (n, text) in (first..).zip(part) {
                        gathered.add(n, &doc_terms(text, &mut stems));
                    }
                    gathered
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut all = Gathered::default();
    for part in parts {
        all.append(part);
    }
    let typos = typo_shards(&all, docs.len());
    Index {
        words: index_shards(all, docs.len()),
        typos,
    }
}

/// The typo key of a word: its third and fourth characters, or `None`
/// for words too short to be matched with a typo (a query word needs five
/// letters, so the words one edit from it have four or more).
pub fn typo_key(word: &str) -> Option<&str> {
    if word.chars().count() < 4 {
        return None;
    }
    let mut starts = word.char_indices().map(|(i, _)| i).skip(2);
    let start = starts.next()?;
    let end = starts.nth(1).unwrap_or(word.len());
    word.get(start..end)
}

/// The typo lists: every stem and written word of four letters or more,
/// sorted, in the shard of its typo key.
fn typo_shards(gathered: &Gathered, documents: usize) -> Vec<String> {
    let count = shard_count(documents);
    let mut shards: Vec<BTreeSet<&str>> = (0..count).map(|_| BTreeSet::new()).collect();
    let every = gathered.postings.keys().chain(gathered.surfaces.keys());
    for word in every {
        let Some(key) = typo_key(word) else { continue };
        if let Some(shard) = shards.get_mut(shard_of(key, count) as usize) {
            shard.insert(word);
        }
    }
    shards
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_else(|_| "[]".into()))
        .collect()
}

/// Postings as they are gathered: per stem, `(document, score)` in
/// document order; per word as written, its stem. Hash maps, because
/// every word of every page looks its stem up here (sorted maps spent a
/// build's time comparing strings); the shards are sorted when written.
#[derive(Default)]
struct Gathered {
    postings: HashMap<String, Vec<(u32, u8)>>,
    surfaces: HashMap<String, String>,
}

impl Gathered {
    /// Adds document `n`, which comes after every document added so far.
    fn add(&mut self, n: u32, terms: &DocTerms) {
        for (stem, (weight, repeats, written)) in terms {
            for word in written {
                if word != stem && !self.surfaces.contains_key(word) {
                    self.surfaces.insert(word.clone(), stem.clone());
                }
            }
            match self.postings.get_mut(stem) {
                Some(list) => list.push((n, score(*weight, *repeats))),
                None => {
                    self.postings
                        .insert(stem.clone(), vec![(n, score(*weight, *repeats))]);
                }
            }
        }
    }

    /// Appends the documents of `later`, which all come after these.
    fn append(&mut self, later: Gathered) {
        for (stem, list) in later.postings {
            self.postings.entry(stem).or_default().extend(list);
        }
        // A word has one stem, so either side's entry is the same.
        self.surfaces.extend(later.surfaces);
    }
}

fn index_shards(gathered: Gathered, documents: usize) -> Vec<String> {
    let count = shard_count(documents);
    // Gaps: every list is in document order, so the first entry is the
    // number itself and each next one the distance from the last.
    let postings: BTreeMap<&str, Vec<u32>> = gathered
        .postings
        .iter()
        .map(|(stem, list)| {
            let mut last = 0;
            let mut encoded = Vec::with_capacity(list.len() * 2);
            for &(n, score) in list {
                encoded.push(n - last);
                encoded.push(u32::from(score));
                last = n;
            }
            (stem.as_str(), encoded)
        })
        .collect();
    let surfaces: BTreeMap<&String, &String> = gathered.surfaces.iter().collect();
    let mut shards: Vec<Shard> = (0..count).map(|_| Shard::default()).collect();
    let mut put = |shard: u32, stem: &str| {
        if let (Some(shard), Some(list)) = (shards.get_mut(shard as usize), postings.get(stem)) {
            shard.t.insert(stem.to_string(), list.clone());
        }
    };
    for stem in postings.keys() {
        put(shard_of(stem, count), stem);
    }
    for (word, stem) in &surfaces {
        put(shard_of(word, count), stem);
    }
    for (word, stem) in &surfaces {
        if let Some(shard) = shards.get_mut(shard_of(word, count) as usize) {
            shard.w.insert(word.to_string(), stem.to_string());
        }
    }
    shards
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_else(|_| "{}".into()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<'a>(title: &'a str, summary: &'a str, names: &'a [String], body: &'a str) -> Text<'a> {
        Text {
            title,
            url: "/x/",
            summary: Some(summary),
            also_called: names,
            at_a_glance: &[],
            pros: &[],
            cons: &[],
            body,
            words_lang: &NONE,
        }
    }

    static NONE: crate::site::WordsLang = crate::site::WordsLang {
        title: None,
        summary: None,
        also_called: None,
        at_a_glance: None,
        pros: None,
        cons: None,
        body: None,
    };

    fn doc_terms_of(text: &Text) -> DocTerms {
        doc_terms(text, &mut Stems::new(Analyzer::of("en")))
    }

    fn index_shards_of(docs: &[DocTerms]) -> Vec<String> {
        let mut gathered = Gathered::default();
        for (n, terms) in (0u32..).zip(docs) {
            gathered.add(n, terms);
        }
        index_shards(gathered, docs.len())
    }

    /// Every stem in the index with its (document, score) pairs, decoded.
    fn decode(shards: &[String]) -> BTreeMap<String, Vec<(u32, u32)>> {
        let mut all = BTreeMap::new();
        for shard in shards {
            let value: serde_json::Value = serde_json::from_str(shard).unwrap();
            for (stem, list) in value["t"].as_object().unwrap() {
                let nums: Vec<u32> = list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_u64().unwrap() as u32)
                    .collect();
                let mut doc = 0;
                let pairs = nums
                    .chunks(2)
                    .map(|c| {
                        doc += c[0];
                        (doc, c[1])
                    })
                    .collect();
                all.insert(stem.clone(), pairs);
            }
        }
        all
    }

    #[test]
    fn words_are_lower_case_without_stop_words() {
        let got: Vec<String> =
            words("The AHIMA-certified coder, in 2 years: a Café!", STOP_WORDS).collect();
        assert_eq!(got, ["ahima", "certified", "coder", "2", "years", "café"]);
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS_ES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn inflections_share_a_stem_and_written_words_map_to_it() {
        let names = Vec::new();
        let docs = [doc_terms_of(&text(
            "Registry",
            "",
            &names,
            "Keeps cancer registries.",
        ))];
        let shards = index_shards_of(&docs);
        let index = decode(&shards);
        // Title (200) plus one repeat in the body.
        assert_eq!(index["registri"], [(0, 201)]);
        let joined = shards.concat();
        assert!(joined.contains(r#""registries":"registri""#), "{joined}");
        assert!(joined.contains(r#""registry":"registri""#), "{joined}");
    }

    #[test]
    fn fields_rank_title_over_names_over_summary_over_body() {
        let names = vec!["Coder".to_string()];
        let none = Vec::new();
        let docs = [
            doc_terms_of(&text("Medical coder", "", &none, "")),
            doc_terms_of(&text("Clerk", "", &names, "")),
            doc_terms_of(&text("Clerk", "A coder of records.", &none, "")),
            doc_terms_of(&text(
                "Clerk",
                "",
                &none,
                "Works as a coder. A coder, really.",
            )),
        ];
        let index = decode(&index_shards_of(&docs));
        assert_eq!(index["coder"], [(0, 200), (1, 160), (2, 80), (3, 11)]);
    }

    #[test]
    fn the_same_content_gives_the_same_bytes() {
        let names = vec!["Health information technician".to_string()];
        let make = || {
            let docs: Vec<DocTerms> = (0..200)
                .map(|i| {
                    let body = format!("Word{i} appears in hospital coding work {}.", i % 7);
                    doc_terms_of(&text("Coder", "Codes records", &names, &body))
                })
                .collect();
            index_shards_of(&docs)
        };
        let first = make();
        assert_eq!(first.len(), 4);
        assert_eq!(first, make());
    }

    #[test]
    fn gathering_in_parts_gives_the_same_index_as_in_one() {
        let names = vec!["Coder".to_string()];
        let docs: Vec<DocTerms> = (0..300)
            .map(|i| {
                let body = format!("records w{} coding w{} registries", i % 13, i % 5);
                doc_terms_of(&text("Coder", "Codes", &names, &body))
            })
            .collect();
        let mut parts = Gathered::default();
        for range in [0..120, 120..121, 121..300] {
            let mut part = Gathered::default();
            for n in range {
                part.add(n as u32, &docs[n]);
            }
            parts.append(part);
        }
        assert_eq!(index_shards(parts, 300), index_shards_of(&docs));
    }

    #[test]
    fn every_word_lands_in_the_shard_of_its_first_two_letters() {
        let names = Vec::new();
        let docs: Vec<DocTerms> = (0..300)
            .map(|i| {
                doc_terms_of(&text(
                    "T",
                    "",
                    &names,
                    &format!("radiology radiologist w{i}"),
                ))
            })
            .collect();
        let shards = index_shards_of(&docs);
        let count = shard_count(300);
        let home = shard_of("radiology", count) as usize;
        assert_eq!(home, shard_of("ra", count) as usize);
        let value: serde_json::Value = serde_json::from_str(&shards[home]).unwrap();
        assert!(value["t"].get("radiolog").is_some());
        assert_eq!(value["w"]["radiology"], "radiolog");
    }

    #[test]
    fn body_text_is_what_readers_see_under_its_section() {
        let body = "Intro *text*.\n#note 2/12/15\n\n## Duties\n\n- Code <b>records</b>\n- File\n\n\
                    ### Tools\n\n| A | B |\n|---|---|\n| x | `y` |\n\n<div>raw</div>\n";
        let blocks = crate::markdown::plain_blocks(body);
        let pairs: Vec<(&str, &str)> = blocks
            .iter()
            .map(|(s, t)| (s.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("", "Intro text."),
                ("Duties", "Duties"),
                ("Duties", "Code records"),
                ("Duties", "File"),
                ("Duties", "Tools"),
                ("Duties", "A"),
                ("Duties", "B"),
                ("Duties", "x"),
                ("Duties", "y"),
            ]
        );
    }

    #[test]
    fn typo_keys_are_the_third_and_fourth_letters() {
        assert_eq!(typo_key("abstract"), Some("st"));
        assert_eq!(typo_key("café"), Some("fé"));
        assert_eq!(typo_key("abc"), None);
        // A typo in the first two letters keeps the key of one of the
        // query's letter pairs 2–3, 3–4 or 4–5.
        for typo in ["ebstract", "bstract", "aabstract", "axstract"] {
            let chars: Vec<char> = typo.chars().collect();
            let keys: Vec<String> = (1..=3).map(|i| chars[i..i + 2].iter().collect()).collect();
            assert!(keys.iter().any(|k| k == "st"), "{typo}: {keys:?}");
        }
    }

    #[test]
    fn every_long_word_is_in_the_typo_shard_of_its_key() {
        let names = Vec::new();
        let docs: Vec<DocTerms> = (0..300)
            .map(|i| doc_terms_of(&text("T", "", &names, &format!("abstracts w{i} ab"))))
            .collect();
        let mut gathered = Gathered::default();
        for (n, terms) in (0u32..).zip(&docs) {
            gathered.add(n, terms);
        }
        let typos = typo_shards(&gathered, 300);
        let count = shard_count(300);
        let list: Vec<String> =
            serde_json::from_str(&typos[shard_of("st", count) as usize]).unwrap();
        assert!(list.contains(&"abstracts".to_string()), "{list:?}");
        assert!(list.contains(&"abstract".to_string()), "{list:?}");
        assert!(!typos.concat().contains(r#""ab""#));
    }

    #[test]
    fn shard_counts_grow_with_the_site_and_stay_powers_of_two() {
        assert_eq!(shard_count(1), 1);
        assert_eq!(shard_count(64), 1);
        assert_eq!(shard_count(65), 2);
        assert_eq!(shard_count(10_000), 256);
        assert_eq!(shard_count(1_000_000), 256);
    }
}
