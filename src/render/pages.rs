//! The pages of the site proper: one per content file (profiles, plain
//! pages, the home page), the home page of a site without `_index.md`,
//! the taxonomy and term pages, and the 404 page.

use serde::Serialize;

use super::context::{PageContext, ProfileContext, TaxonomyContext, TermContext};
use super::outputs::{single, write_text, Item, Kind, Listed};
use super::pager;
use super::shared::SummaryValue;
use super::Ctx;
use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::site::{PageId, TaxonomyKind};

/// A page for every content file, in site order.
pub static PAGES: Kind = Kind {
    name: "page",
    needs_template: None,
    reserves: &[],
    streamed: false,
    per_language: true,
    list: |ctx| {
        ctx.view
            .page_ids()
            .map(|id| {
                let url_path = ctx.view.url_path(id);
                Listed {
                    item: Item::Page(ctx.view.rel_path(id).to_string()),
                    path: format!("{url_path}index.html"),
                    url_path: Some(url_path.to_string()),
                    template: Some(page_template(ctx.view.kind(id))),
                }
            })
            .collect()
    },
    render: |ctx, output, out, problems| {
        let Item::Page(rel) = &output.item else {
            return Ok(());
        };
        let (Some(id), Some(template)) = (ctx.view.page_id(rel), output.template) else {
            return Ok(());
        };
        let html = render_page(ctx, id, template, problems)?;
        write_text(out, &html)
    },
};

/// The home page when there is no `content/_index.md`.
pub static DEFAULT_HOME: Kind = Kind {
    name: "home page",
    needs_template: None,
    reserves: &[("index.html", "the home page")],
    streamed: false,
    per_language: true,
    list: |ctx| {
        let has_home = ctx
            .view
            .page_ids()
            .any(|id| ctx.view.kind(id) == PageKind::Home);
        if has_home {
            Vec::new()
        } else {
            single("index.html", Some(""), Some("home.html"))
        }
    },
    render: |ctx, _, out, _| {
        let title = ctx.view.language().title.clone();
        let page = PageContext::generated(&ctx.view, title, "", None);
        let data = HomeData {
            page: &page,
            profiles: super::profile_summaries(ctx),
        };
        write_text(out, &ctx.render_template("home.html", "index.html", &data)?)
    },
};

/// Each taxonomy's index page, followed by a page per term.
pub static TAXONOMIES: Kind = Kind {
    name: "taxonomy page",
    needs_template: None,
    reserves: &[
        ("clusters/", "the career clusters pages"),
        ("interests/", "the interests (holland codes) pages"),
        ("job-zones/", "the job zones pages"),
        ("education/", "the education pages"),
    ],
    streamed: false,
    per_language: true,
    list: |ctx| {
        let mut all = Vec::new();
        for taxonomy in ctx.view.taxonomies() {
            if taxonomy.terms.is_empty() {
                continue;
            }
            all.push(Listed {
                item: Item::Taxonomy(taxonomy.kind),
                path: format!("{}index.html", taxonomy.url_path),
                url_path: Some(taxonomy.url_path.clone()),
                template: Some("taxonomy.html"),
            });
            all.extend(taxonomy.terms.iter().flat_map(|term| {
                let item = Item::Term(taxonomy.kind, term.slug().to_string());
                pager::list(item, &term.url_path, term.pages.len(), "term.html")
            }));
        }
        all
    },
    render: |ctx, output, out, _| {
        let html = match pager::split(&output.item) {
            (Item::Taxonomy(kind), _) => render_taxonomy(ctx, *kind)?,
            (Item::Term(kind, slug), page) => render_term(ctx, *kind, slug, page, &output.path)?,
            _ => return Ok(()),
        };
        write_text(out, &html)
    },
};

pub static NOT_FOUND: Kind = Kind {
    name: "404 page",
    needs_template: None,
    reserves: &[("404.html", "the 404 page")],
    streamed: false,
    per_language: false,
    list: |_| single("404.html", None, Some("404.html")),
    render: |ctx, _, out, _| {
        let title = ctx.strings().get("not_found_title").to_string();
        let mut page = PageContext::generated(&ctx.view, title, "404.html", None);
        // One 404 page serves every language: it has no versions to offer.
        page.alternates.clear();
        let html = ctx.render_template("404.html", "404.html", &PageData { page: &page })?;
        write_text(out, &html)
    },
};

#[derive(Serialize)]
struct ProfileData<'a> {
    page: &'a PageContext,
    profile: ProfileContext<'a>,
}

#[derive(Serialize)]
struct PageData<'a> {
    page: &'a PageContext,
}

#[derive(Serialize)]
struct HomeData<'a> {
    page: &'a PageContext,
    profiles: Vec<SummaryValue<'a>>,
}

#[derive(Serialize)]
struct TaxonomyData {
    page: PageContext,
    taxonomy: TaxonomyContext,
}

#[derive(Serialize)]
struct TermData<'a> {
    page: PageContext,
    taxonomy: TaxonomyContext,
    term: TermContext<'a>,
}

/// The template of a content page of this kind.
fn page_template(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Profile => "profile.html",
        PageKind::Home => "home.html",
        PageKind::Plain => "page.html",
    }
}

fn render_page(
    ctx: &Ctx,
    id: PageId,
    template: &str,
    problems: &mut Vec<Diagnostic>,
) -> Result<String, Diagnostic> {
    let view = &ctx.view;
    let page = view.page(id);
    let mut broken = Vec::new();
    let resolve = |target: &str| view.resolve_link(target);
    let body = markdown::render(
        page.page.body(),
        page.page.body_line,
        &page.page.rel_path,
        view.config().raw_html,
        &resolve,
        &ctx.templates().reserved_ids,
        &mut broken,
    );
    // One problem per broken target, at its first use: the same mistake
    // written three times is one thing to fix.
    // `coders.md` and `coders.md#duties` miss the same file.
    let file_of = |link: &markdown::BrokenLink| {
        link.target
            .split('#')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let mut seen: Vec<(String, usize)> = Vec::new();
    for link in &broken {
        let target = file_of(link);
        match seen.iter_mut().find(|(t, _)| *t == target) {
            Some((_, count)) => *count += 1,
            None => seen.push((target, 1)),
        }
    }
    for (target, count) in seen {
        let Some(link) = broken.iter().find(|l| file_of(l) == target) else {
            continue;
        };
        let also = match count {
            1 => String::new(),
            n => format!(" (written {n} times in this file; the first is here)"),
        };
        let message = format!("the link to `{target}` leads to no page of this site{also}");
        let mut d = Diagnostic::error(&page.page.display_path, message)
            .at(link.position, &page.page.source);
        d.hint = link.hint.clone();
        problems.push(d);
    }
    let context = PageContext::new(view, id, page, body.html, body.toc);
    let path = page.output_file();
    match (page.page.kind, &page.page.meta.profile) {
        (PageKind::Profile, Some(profile)) => {
            let uses = ctx.templates().uses;
            let data = ProfileData {
                page: &context,
                profile: ProfileContext::new(ctx, id, profile, uses),
            };
            ctx.render_template(template, &path, &data)
        }
        (PageKind::Home, _) => {
            let data = HomeData {
                page: &context,
                profiles: super::profile_summaries(ctx),
            };
            ctx.render_template(template, &path, &data)
        }
        _ => ctx.render_template(template, &path, &PageData { page: &context }),
    }
}

fn render_taxonomy(ctx: &Ctx, kind: TaxonomyKind) -> Result<String, Diagnostic> {
    let view = &ctx.view;
    let Some(taxonomy) = view.taxonomies().iter().find(|t| t.kind == kind) else {
        return Ok(String::new());
    };
    let strings = ctx.strings();
    let data = TaxonomyData {
        page: PageContext::generated(
            view,
            strings.get(taxonomy.kind.key("name")).into(),
            &taxonomy.url_path,
            Some(strings.get(taxonomy.kind.key("description")).into()),
        ),
        taxonomy: TaxonomyContext::new(view, taxonomy, strings),
    };
    let path = format!("{}index.html", taxonomy.url_path);
    ctx.render_template("taxonomy.html", &path, &data)
}

/// Page `page` (from 1) of a term's listing, written to `path`.
fn render_term(
    ctx: &Ctx,
    kind: TaxonomyKind,
    slug: &str,
    page: usize,
    path: &str,
) -> Result<String, Diagnostic> {
    let view = &ctx.view;
    // The term page's data includes the whole taxonomy (every term and
    // its count), so it reads every taxonomy.
    let Some(taxonomy) = view.taxonomies().iter().find(|t| t.kind == kind) else {
        return Ok(String::new());
    };
    let Some(term) = taxonomy.terms.iter().find(|t| t.slug() == slug) else {
        return Ok(String::new());
    };
    let term_context = TermContext::new(ctx, kind, term, page);
    // Job zone names already say "Job zone 3: …".
    let title = match kind {
        TaxonomyKind::JobZone => term_context.name.clone(),
        _ => format!(
            "{}: {}",
            ctx.strings().get(kind.key("singular")),
            term_context.name
        ),
    };
    let url_path = pager::url_path(&term.url_path, page);
    let data = TermData {
        page: PageContext::generated(view, title, &url_path, None),
        taxonomy: TaxonomyContext::new(view, taxonomy, ctx.strings()),
        term: term_context,
    };
    ctx.render_template("term.html", path, &data)
}
