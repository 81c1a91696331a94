//! `sitemap.xml` and `robots.txt`.
//!
//! Sitemaps must list absolute URLs, so `sitemap.xml` is written only when
//! the site's address is known (`base_url` with a host); `robots.txt` is
//! always written and names the sitemap only then.

use super::{Output, Templates};
use crate::site::Site;

pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";

/// One page of the sitemap: its path below the base and, for profiles, the
/// review date.
pub struct Entry {
    pub url_path: String,
    pub lastmod: Option<String>,
}

/// Every published page (not the 404 page), in output order: the pages
/// [`super::outputs`] lists, so a page of an optional template the theme
/// lacks is never listed.
pub fn entries(site: &Site, templates: &Templates) -> Vec<Entry> {
    super::outputs(site, templates)
        .into_iter()
        .filter_map(|output| {
            let url_path = super::page_url_path(site, output)?;
            let lastmod = match output {
                Output::Page(id) => site.pages[id]
                    .page
                    .meta
                    .profile
                    .as_ref()
                    .and_then(|p| p.reviewed)
                    .map(|d| d.to_string()),
                _ => None,
            };
            Some(Entry { url_path, lastmod })
        })
        .collect()
}

/// The sitemap, or `None` when the site's address is not known.
pub fn sitemap(site: &Site, templates: &Templates) -> Option<String> {
    site.absolute_base.as_ref()?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for entry in entries(site, templates) {
        let Some(url) = site.permalink(&entry.url_path) else {
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
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

/// `robots.txt`: everything may be crawled; the sitemap's address when known.
pub fn robots(site: &Site) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = site.permalink(SITEMAP_FILE) {
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
