//! How a [`CheckReport`] reads: grouped by file for people, one JSON
//! document for programs. Nothing here decides what is a problem.

use std::fmt::Write;

use super::{external::Outcome, CheckReport};

/// Problems grouped by file, then the editor notes, then the counts.
pub fn human(report: &CheckReport) -> String {
    let mut out = String::new();
    let mut current_file = None;
    for d in &report.diagnostics {
        if current_file != Some(&d.file) {
            let in_file = report.diagnostics.iter().filter(|x| x.file == d.file);
            let errors = in_file.clone().filter(|x| x.is_error()).count();
            let warnings = in_file.count() - errors;
            let _ = writeln!(
                out,
                "── {} ({}, {})\n",
                d.file.display(),
                plural(errors, "error"),
                plural(warnings, "warning")
            );
            current_file = Some(&d.file);
        }
        let _ = writeln!(out, "{d}");
    }
    if !report.notes.is_empty() {
        let _ = writeln!(out, "── Editor notes\n");
        for note in &report.notes {
            let date = match (&note.date, note.stale) {
                (Some(date), true) => format!("  [reviewed {date}: older than the review limit]"),
                (Some(date), false) => format!("  [reviewed {date}]"),
                (None, _) => String::new(),
            };
            let _ = writeln!(
                out,
                "{}:{}  #{}{date}",
                note.file.display(),
                note.line,
                note.text
            );
        }
        let _ = writeln!(out);
    }
    for status in &report.translations {
        let _ = writeln!(
            out,
            "── Translations into {}: {} of {} pages\n",
            status.language,
            status.translated,
            status.translated + status.missing.len()
        );
        if !status.missing.is_empty() {
            let _ = writeln!(out, "Not translated (shown with their own words):");
            for rel in &status.missing {
                let _ = writeln!(out, "  {rel}");
            }
        }
        if !status.outdated.is_empty() {
            let _ = writeln!(out, "Made from an older version of their source:");
            for o in &status.outdated {
                let _ = writeln!(
                    out,
                    "  {} (from {}; now source_hash: {})",
                    o.file.display(),
                    o.source,
                    o.current
                );
            }
        }
        let _ = writeln!(out);
    }
    if !report.external.is_empty() {
        let ok = report
            .external
            .iter()
            .filter(|l| matches!(l.outcome, Outcome::Ok { .. }))
            .count();
        let _ = writeln!(
            out,
            "External links: {ok} of {} answered.",
            report.external.len()
        );
    }
    let _ = writeln!(
        out,
        "Checked {} and {}: {}, {}, {}.",
        plural(report.pages_checked, "page"),
        plural(report.links_checked, "link"),
        plural(report.errors, "error"),
        plural(report.warnings, "warning"),
        plural(report.notes.len(), "editor note"),
    );
    out
}

pub fn json(report: &CheckReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
