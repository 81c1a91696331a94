//! Turning planned edits into files: check, show, write.
//!
//! Every changed or new file is first parsed with `content::parse`, the
//! parser `build` uses, so an import can never leave a profile the build
//! rejects. A dry run shows the changes as one unified diff. A real run
//! writes every file to a temporary file beside it first and renames them
//! into place only when all were written, so a failure part way leaves the
//! site as it was. Which edits to make is decided elsewhere.

use std::fs;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::content::{self, SourceFile};

use super::ImportError;

/// One file to write: a new version of a profile, or a new file.
#[derive(Debug, Clone)]
pub struct Change {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// The path as shown to editors (`content/x.md`).
    pub display: PathBuf,
    /// The path under `content/`, as the parser wants it.
    pub rel_path: String,
    /// The text as it was on disk (without a byte-order mark, line breaks
    /// as they were); `None` for a new file.
    pub before: Option<String>,
    /// The text to write, with the file's own line breaks.
    pub after: String,
    pub bom: bool,
}

/// Parses the new text as `build` would. Errors mean the change must not
/// be written; warnings are passed on.
pub fn check(change: &Change, errors: &mut Vec<ImportError>, warnings: &mut Vec<String>) {
    let mut problems = Vec::new();
    let file = SourceFile {
        rel_path: change.rel_path.clone(),
        display_path: change.display.clone(),
        text: lines(&change.after),
    };
    let parsed = content::parse(file, &mut problems);
    for problem in problems {
        if problem.is_error() {
            errors.push(ImportError::Content(problem));
        } else {
            let shown = problem.to_string();
            let shown = shown.trim_end();
            warnings.push(shown.strip_prefix("warning: ").unwrap_or(shown).to_string());
        }
    }
    if parsed.is_some_and(|page| !page.is_profile()) {
        errors.push(ImportError::File {
            path: change.display.clone(),
            message: "after the import this file would not be a profile".into(),
        });
    }
}

/// A unified diff of all changes, as `diff -u` or `git diff` would show them.
pub fn diff(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        let before = lines(change.before.as_deref().unwrap_or(""));
        let after = lines(&change.after);
        let shown = change.display.display().to_string();
        let old_name = match change.before {
            Some(_) => format!("a/{shown}"),
            None => "/dev/null".to_string(),
        };
        let text = TextDiff::from_lines(before.as_str(), after.as_str())
            .unified_diff()
            .context_radius(3)
            .header(&old_name, &format!("b/{shown}"))
            .to_string();
        out.push_str(&text);
    }
    out
}

/// Writes every change: all temporary files first, then the renames. New
/// files are linked into place, which fails rather than replace a file that
/// appeared meanwhile; a profile that changed on disk since it was read is
/// not overwritten.
pub fn write_all(changes: &[Change]) -> Result<(), ImportError> {
    for change in changes {
        unchanged_on_disk(change)?;
    }
    let mut temps: Vec<PathBuf> = Vec::new();
    for change in changes {
        match write_temp(change) {
            Ok(temp) => temps.push(temp),
            Err(err) => {
                for temp in &temps {
                    let _ = fs::remove_file(temp);
                }
                return Err(err);
            }
        }
    }
    for (change, temp) in changes.iter().zip(&temps) {
        let placed = if change.before.is_some() {
            fs::rename(temp, &change.path)
        } else {
            fs::hard_link(temp, &change.path).and_then(|()| fs::remove_file(temp))
        };
        placed.map_err(|source| {
            let _ = fs::remove_file(temp);
            ImportError::Write {
                path: change.display.clone(),
                source,
            }
        })?;
    }
    Ok(())
}

/// A text as the content loader gives it: lone `\r` line breaks (classic
/// Mac OS files) as `\n`, so that the parser and the diff see lines.
fn lines(text: &str) -> String {
    content::normalize_lone_cr(text.to_string())
}

fn unchanged_on_disk(change: &Change) -> Result<(), ImportError> {
    let now = match fs::read(&change.path) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => {
            return Err(ImportError::Write {
                path: change.display.clone(),
                source: err,
            })
        }
    };
    let expected = change
        .before
        .as_ref()
        .map(|text| with_bom(text, change.bom));
    if now == expected {
        return Ok(());
    }
    let message = match change.before {
        Some(_) => "the file changed on disk while the import ran; run the import again",
        None => "the file was created while the import ran; run the import again",
    };
    Err(ImportError::File {
        path: change.display.clone(),
        message: message.into(),
    })
}

fn with_bom(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

fn write_temp(change: &Change) -> Result<PathBuf, ImportError> {
    let temp = temp_path(&change.path);
    fs::write(&temp, with_bom(&change.after, change.bom)).map_err(|source| ImportError::Write {
        path: change.display.clone(),
        source,
    })?;
    Ok(temp)
}

/// `content/.x.md.import` beside `content/x.md`: a hidden name, which the
/// content loader skips should one be left behind.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.import"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(dir: &Path, before: Option<&str>, after: &str) -> Change {
        Change {
            path: dir.join("x.md"),
            display: "content/x.md".into(),
            rel_path: "x.md".into(),
            before: before.map(str::to_string),
            after: after.into(),
            bom: false,
        }
    }

    #[test]
    fn writes_and_refuses_to_replace_a_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let new = change(dir.path(), None, "---\ntitle: X\nsoc: \"29-2071\"\n---\n");
        write_all(std::slice::from_ref(&new)).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("x.md")).unwrap(),
            new.after
        );
        assert!(write_all(&[new]).is_err());
        assert!(!dir.path().join(".x.md.import").exists());
    }

    #[test]
    fn does_not_overwrite_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x.md"), "edited meanwhile").unwrap();
        let update = change(dir.path(), Some("as read"), "new");
        assert!(write_all(&[update]).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("x.md")).unwrap(),
            "edited meanwhile"
        );
    }

    #[test]
    fn diffs_new_and_changed_files() {
        let dir = Path::new("/site/content");
        let text = diff(&[
            change(dir, Some("a\nb\n"), "a\nc\n"),
            change(dir, None, "n\n"),
        ]);
        assert!(
            text.contains("--- a/content/x.md\n+++ b/content/x.md\n"),
            "{text}"
        );
        assert!(text.contains("-b\n+c\n"), "{text}");
        assert!(text.contains("--- /dev/null\n"), "{text}");
    }
}
