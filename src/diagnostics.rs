//! Problems found in a site, and how they are shown to editors.
//!
//! Every stage of the pipeline reports what it finds here instead of stopping
//! at the first problem, so one run tells an editor everything that is wrong.
//! A [`Diagnostic`] names the file, line and column counted in the file as the
//! editor sees it, carries the offending line, and may carry a hint (often the
//! closest valid value). The command decides the exit code from the collected
//! [`Diagnostics`] at the end. This module does not find problems itself.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// One problem, located in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The path as the editor would type it, relative to the site root.
    pub file: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    /// A suggestion: the closest valid value, or how to fix the problem.
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file.into(), message.into())
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file.into(), message.into())
    }

    fn new(severity: Severity, file: PathBuf, message: String) -> Self {
        Diagnostic {
            severity,
            file,
            position: None,
            message,
            hint: None,
            source_line: None,
        }
    }

    /// Locates the problem and keeps the line's text from `source` (the whole file).
    pub fn at(mut self, position: Position, source: &str) -> Self {
        self.source_line = source
            .lines()
            .nth(position.line.saturating_sub(1))
            .map(|line| line.trim_end_matches('\r').to_string());
        self.position = Some(position);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem, as a warning.
    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// Shows the problem the way compilers do, so editors learn one format:
    ///
    /// ```text
    /// error: unknown key `titel`
    ///   --> content/nurses.md:2:1
    ///    |
    ///  2 | titel: Nurses
    ///    | ^
    ///    = help: did you mean `title`?
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let file = self.file.display();
        match self.position {
            Some(p) => writeln!(f, "  --> {file}:{}:{}", p.line, p.column)?,
            None => writeln!(f, "  --> {file}")?,
        }
        if let (Some(p), Some(line)) = (self.position, &self.source_line) {
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad = " ".repeat(caret_offset(line, p.column));
            writeln!(f, " {pad} |")?;
            writeln!(f, " {number} | {}", line.replace('\t', " "))?;
            writeln!(f, " {pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "   = help: {hint}")?;
        }
        Ok(())
    }
}

/// Columns count characters; the caret is drawn under the same character.
fn caret_offset(line: &str, column: usize) -> usize {
    line.chars().take(column.saturating_sub(1)).count()
}

/// The collector every stage reports into. Safe to share between threads.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.lock().push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.lock().extend(diagnostics);
    }

    pub fn error_count(&self) -> usize {
        self.lock().iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.lock().iter().filter(|d| !d.is_error()).count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// All problems, grouped by file, then in the order they appear in it;
    /// `site.yaml`'s first, since a mistake there (a language code, a
    /// key) is often what the problems of other files come from, and
    /// would otherwise be printed after every file of `content/`.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.lock().clone();
        let config = Path::new(crate::config::CONFIG_FILE);
        items.sort_by(|a, b| {
            (a.file != config, &a.file, a.position, a.severity).cmp(&(
                b.file != config,
                &b.file,
                b.position,
                b.severity,
            ))
        });
        items
    }

    pub fn into_sorted(self) -> Vec<Diagnostic> {
        self.sorted()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        // A panic while holding the lock cannot leave the Vec half-written in
        // a way that matters here, so a poisoned lock is still usable.
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The closest of `candidates` to `input`, if one is close enough to be a
/// plausible typo. Used for keys, enum values and link targets alike.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A path shown relative to the site root, as editors know it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_file_line_column_source_and_hint() {
        let source = "---\ntitel: Nurses\n---\n";
        let d = Diagnostic::error("content/nurses.md", "unknown key `titel`")
            .at(Position::new(2, 1), source)
            .with_hint("did you mean `title`?");
        let shown = d.to_string();
        assert!(shown.contains("content/nurses.md:2:1"), "{shown}");
        assert!(shown.contains(" 2 | titel: Nurses"), "{shown}");
        assert!(shown.contains("did you mean `title`?"), "{shown}");
    }

    #[test]
    fn closest_finds_typos_and_rejects_strangers() {
        let keys = ["title", "summary", "soc"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("sumary", keys), Some("summary"));
        assert_eq!(closest("zzzzzz", keys), None);
    }
}
