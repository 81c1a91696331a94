//! `sitemap.xml` and `robots.txt`.
//!
//! Sitemaps must list absolute URLs, so `sitemap.xml` is written only when
//! the site's address is known (`base_url` with a host); `robots.txt` is
//! always written and names the sitemap only then.

use super::outputs::{single, write_text, Item, Kind};
use super::Ctx;
use crate::site::View;

/// `robots.txt`, always.
pub static ROBOTS: Kind = Kind {
    name: "robots.txt",
    needs_template: None,
    reserves: &[(ROBOTS_FILE, "robots.txt")],
    streamed: false,
    per_language: false,
    list: |_| single(ROBOTS_FILE, None, None),
    render: |ctx, _, out, _| write_text(out, &robots(&ctx.view)),
};

/// `sitemap.xml`, when the site's address is known.
pub static SITEMAP: Kind = Kind {
    name: "sitemap",
    needs_template: None,
    reserves: &[(SITEMAP_FILE, "the sitemap")],
    streamed: false,
    per_language: false,
    list: |ctx| match ctx.view.absolute_base() {
        Some(_) => single(SITEMAP_FILE, None, None),
        None => Vec::new(),
    },
    render: |ctx, _, out, _| write_text(out, &sitemap(ctx).unwrap_or_default()),
};

pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";

/// One page of the sitemap: its path below the base and, for profiles, the
/// review date.
pub struct Entry {
    pub url_path: String,
    pub lastmod: Option<String>,
    /// The page's absolute URL in every language it is translated into
    /// (itself included) and `x-default`, the default language's; empty
    /// on a site of one language.
    pub alternates: Vec<(String, String)>,
}

/// Every page readers visit (not the 404 page), in output order: the
/// pages [`super::outputs`] lists, so a page of an optional template the
/// theme lacks is never listed.
pub fn entries(ctx: &Ctx) -> Vec<Entry> {
    super::outputs(ctx)
        .into_iter()
        .filter_map(|output| {
            let url_path = output.url_path?;
            let view = ctx.view.in_language(output.lang);
            let id = match &output.item {
                Item::Page(rel) => view.page_id(rel),
                _ => None,
            };
            // An untranslated page repeats its source, whose address is
            // the one to list.
            if id.is_some_and(|id| view.page(id).fallback) {
                return None;
            }
            let lastmod = id
                .and_then(|id| view.facts(id))
                .and_then(|facts| facts.profile.reviewed)
                .map(|d| d.to_string());
            let own_path = view
                .languages()
                .get(output.lang)
                .and_then(|l| url_path.strip_prefix(l.prefix.as_str()))
                .unwrap_or(&url_path);
            let alternates = match id {
                Some(id) => view.alternates(id),
                None => view.generated_alternates(own_path),
            };
            let mut alternates: Vec<(String, String)> = alternates
                .into_iter()
                .filter(|a| !a.fallback)
                .filter_map(|a| Some((a.lang, a.permalink?)))
                .collect();
            // As on the pages: the default language's version for a
            // reader of any other language.
            if let Some((_, first)) = alternates.first() {
                alternates.push(("x-default".into(), first.clone()));
            }
            Some(Entry {
                url_path,
                lastmod,
                alternates,
            })
        })
        .collect()
}

/// The sitemap, or `None` when the site's address is not known.
pub fn sitemap(ctx: &Ctx) -> Option<String> {
    ctx.view.absolute_base()?;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if ctx.view.languages().len() > 1 {
        xml.push_str(
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
             xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
    } else {
        xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    }
    for entry in entries(ctx) {
        let Some(url) = ctx.view.permalink(&entry.url_path) else {
            continue;
        };
        xml.push_str("  <url><loc>");
        xml.push_str(&escape_xml(&url));
        xml.push_str("</loc>");
        if let Some(date) = entry.lastmod {
            xml.push_str("<lastmod>");
            xml.push_str(&escape_xml(&date));
            xml.push_str("</lastmod>");
        }
        for (lang, href) in &entry.alternates {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape_xml(lang),
                escape_xml(href)
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

/// `robots.txt`: everything may be crawled; the sitemap's address when known.
pub fn robots(view: &View) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = view.permalink(SITEMAP_FILE) {
        text.push_str(&format!("\nSitemap: {url}\n"));
    }
    text
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
