//! `careers check` finds a `javascript:` (or `data:`, `vbscript:`) URL in
//! every attribute that holds one, however it is hidden: character
//! references (`java&#9;script:`), tabs and line breaks the browser drops,
//! attributes other than `href`, SVG's `xlink:href`, and HTML inside an
//! `<iframe srcdoc>`. Each is an error at the line of the content file
//! where it is written. Reproductions of issue 13.

mod common;

use careers::check::{check, CheckOptions};
use careers::diagnostics::Diagnostic;
use common::*;

fn options(site: &TestSite) -> CheckOptions {
    CheckOptions {
        root: site.path().to_path_buf(),
        include_drafts: false,
        external: false,
        limits: Default::default(),
        today: jiff::civil::date(2026, 1, 1),
    }
}

fn unsafe_urls(body: &str) -> Vec<Diagnostic> {
    let site = TestSite::new().file("content/a.md", &format!("---\ntitle: A\n---\n{body}"));
    let report = check(&options(&site)).expect("check runs");
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.message.contains("runs code or hides content"))
        .collect()
}

#[test]
fn every_hidden_javascript_url_is_an_error_at_its_line() {
    let cases = [
        (
            r#"<form action="javascript:alert(1)"><button>Go</button></form>"#,
            "`<form action>`",
        ),
        (
            r#"<form><button formaction="javascript:alert(1)">Go</button></form>"#,
            "`<button formaction>`",
        ),
        (
            r#"<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>"#,
            "`<a xlink:href>`",
        ),
        (
            r#"<iframe srcdoc="<a href=&quot;javascript:alert(1)&quot;>x</a>"></iframe>"#,
            "`<a href>` inside `<iframe srcdoc>`",
        ),
        (
            r#"<video poster="javascript:alert(1)"></video>"#,
            "`<video poster>`",
        ),
        (
            r#"<object data="data:text/html,<script>alert(1)</script>"></object>"#,
            "`<object data>`",
        ),
        (
            r#"<blockquote cite="vbscript:msgbox">q</blockquote>"#,
            "`<blockquote cite>`",
        ),
        (
            r#"<img alt="" srcset="ok.png 1x, javascript:alert(1) 2x">"#,
            "`<img srcset>`",
        ),
        (
            r#"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#,
            "`<meta content>`",
        ),
    ];
    for (html, place) in cases {
        let body = format!("Some text.\n\n{html}\n");
        let found = unsafe_urls(&body);
        assert_eq!(found.len(), 1, "{html}: {}", show(&found));
        let d = &found[0];
        assert!(d.is_error());
        assert!(d.message.contains(place), "{html}: {}", d.message);
        assert!(
            location(d).starts_with("content/a.md:6:"),
            "{html}: {}",
            location(d)
        );
    }
}

#[test]
fn references_tabs_and_line_breaks_do_not_hide_a_scheme() {
    for href in [
        "java&#9;script:alert(1)",
        "java&#x09script:alert(1)",
        "java&Tab;script&colon;alert(1)",
        "&#106;avascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#32;javascript:alert(1)",
        "java&NewLine;script:alert(1)",
        "jav&#13;ascript:alert(1)",
    ] {
        let found = unsafe_urls(&format!("Text.\n\n<a href=\"{href}\">x</a>\n"));
        assert_eq!(found.len(), 1, "{href}: {}", show(&found));
        assert!(
            found[0].message.contains("`javascript:` link"),
            "{href}: {}",
            found[0].message
        );
        // Found where it is written, not blamed on a template.
        assert_eq!(location(&found[0]), "content/a.md:6:10", "{href}");
    }
}

#[test]
fn safe_urls_in_the_same_attributes_are_not_flagged() {
    let body = r#"<form action="/search/"></form><blockquote cite="https://example.org/">q</blockquote>
<a href="javascript-guide.md">x</a> <a href="/a/#java&#9;script">y</a>
"#;
    assert!(unsafe_urls(body).is_empty());
}
