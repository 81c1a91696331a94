//! Long listings split into pages: which rows a page shows, where each
//! page is published and the links between them.
//!
//! A listing of every profile (explore, a ranking, a term) is one page per
//! [`PAGE_SIZE`] rows, so no page of a 10,000-profile site carries 10,000
//! rows: page 1 keeps the listing's own address (`explore/`), page `n` is
//! published at `explore/page/n/`. A listing that fits on one page is
//! published exactly as before. The page number is in the address, so a
//! page can be linked to and works without JavaScript.

use serde::Serialize;

use super::outputs::{Item, Listed};

/// Rows per page of a paged listing.
pub const PAGE_SIZE: usize = 100;

/// How many pages a listing of `rows` rows has (at least one).
pub fn pages(rows: usize) -> usize {
    rows.div_ceil(PAGE_SIZE).max(1)
}

/// The address of page `page` (from 1) of the listing at `first`
/// (`explore/`), below the base path.
pub fn url_path(first: &str, page: usize) -> String {
    match page {
        0 | 1 => first.to_string(),
        n => format!("{first}page/{n}/"),
    }
}

/// The rows of `all` that page `page` (from 1) shows.
pub fn rows<T>(all: &[T], page: usize) -> &[T] {
    let start = page.saturating_sub(1).saturating_mul(PAGE_SIZE);
    let end = start.saturating_add(PAGE_SIZE).min(all.len());
    all.get(start..end).unwrap_or_default()
}

/// The outputs of a listing of `rows` rows at `first`: page 1 as `item`,
/// every further page as [`Item::Paged`].
pub fn list(item: Item, first: &str, rows: usize, template: &'static str) -> Vec<Listed> {
    (1..=pages(rows))
        .map(|page| {
            let url_path = url_path(first, page);
            Listed {
                item: match page {
                    1 => item.clone(),
                    n => Item::Paged(Box::new(item.clone()), n),
                },
                path: format!("{url_path}index.html"),
                url_path: Some(url_path),
                template: Some(template),
            }
        })
        .collect()
}

/// The listing an output shows and its page number (1 unless paged).
pub fn split(item: &Item) -> (&Item, usize) {
    match item {
        Item::Paged(inner, page) => (inner, *page),
        other => (other, 1),
    }
}

/// `pager` on a paged listing's template: where this page is among the
/// others, and links to the first, last, previous, next and nearby pages.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub page: usize,
    pub pages: usize,
    /// Rows per page ([`PAGE_SIZE`]).
    pub page_size: usize,
    /// The rows of the whole listing, and the first and last shown here
    /// (from 1; both 0 when the listing is empty).
    pub rows: usize,
    pub first_row: usize,
    pub last_row: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Page links in order; a gap between two links is an entry without
    /// a number.
    pub links: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: Option<usize>,
    pub url: String,
    pub current: bool,
}

impl Pager {
    /// Page `page` of a listing of `rows` rows at `first` (an address below
    /// the base path), with URLs under `base_path`.
    pub fn new(base_path: &str, first: &str, page: usize, rows: usize) -> Self {
        let pages = pages(rows);
        let page = page.clamp(1, pages);
        let url = |n: usize| format!("{base_path}{}", url_path(first, n));
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=pages {
            let near = n.abs_diff(page) <= 2;
            if n == 1 || n == pages || near {
                if last_shown + 1 < n {
                    links.push(PageLink {
                        number: None,
                        url: String::new(),
                        current: false,
                    });
                }
                links.push(PageLink {
                    number: Some(n),
                    url: url(n),
                    current: n == page,
                });
                last_shown = n;
            }
        }
        let first_row = match rows {
            0 => 0,
            _ => (page - 1) * PAGE_SIZE + 1,
        };
        Pager {
            page,
            pages,
            page_size: PAGE_SIZE,
            rows,
            first_row,
            last_row: (page * PAGE_SIZE).min(rows),
            previous: (page > 1).then(|| url(page - 1)),
            next: (page < pages).then(|| url(page + 1)),
            links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_listing_is_one_page_at_its_own_address() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(PAGE_SIZE), 1);
        assert_eq!(pages(PAGE_SIZE + 1), 2);
        let listed = list(Item::Site, "explore/", PAGE_SIZE, "explore.html");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].path, "explore/index.html");
        assert_eq!(listed[0].item, Item::Site);
    }

    #[test]
    fn further_pages_have_the_number_in_their_address() {
        let listed = list(Item::Site, "explore/", 2 * PAGE_SIZE + 1, "explore.html");
        let paths: Vec<_> = listed.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "explore/index.html",
                "explore/page/2/index.html",
                "explore/page/3/index.html"
            ]
        );
        assert_eq!(split(&listed[2].item), (&Item::Site, 3));
    }

    #[test]
    fn every_row_is_on_exactly_one_page() {
        for total in [0, 1, 99, 100, 101, 250, 1000] {
            let all: Vec<usize> = (0..total).collect();
            let seen: Vec<usize> = (1..=pages(total))
                .flat_map(|p| rows(&all, p).iter().copied())
                .collect();
            assert_eq!(seen, all, "{total} rows");
            assert!(rows(&all, pages(total) + 1).is_empty());
            assert!(rows(&all, usize::MAX).is_empty());
        }
    }

    #[test]
    fn the_pager_links_the_ends_and_the_pages_near_this_one() {
        let pager = Pager::new("/g/", "explore/", 5, 10 * PAGE_SIZE);
        let numbers: Vec<_> = pager.links.iter().map(|l| l.number).collect();
        assert_eq!(
            numbers,
            [
                Some(1),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(10)
            ]
        );
        assert_eq!(pager.previous.as_deref(), Some("/g/explore/page/4/"));
        assert_eq!(pager.next.as_deref(), Some("/g/explore/page/6/"));
        assert_eq!(pager.links[0].url, "/g/explore/");
        assert_eq!((pager.first_row, pager.last_row), (401, 500));
        let last = Pager::new("/", "explore/", 10, 10 * PAGE_SIZE - 1);
        assert_eq!(last.next, None);
        assert_eq!(last.last_row, 10 * PAGE_SIZE - 1);
    }
}
