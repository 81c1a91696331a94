//! Turning planned edits into files: check, show, write.
//!
//! Every changed or new file is first parsed with `content::parse`, the
//! parser `build` uses, so an import can never leave a profile the build
//! rejects. A dry run shows the changes as one unified diff. A real run
//! writes every file to a temporary file beside it first, keeps a second
//! name for each profile it replaces, and renames the new files into place
//! only when all were written; a failure part way through the renames puts
//! back the files already renamed, so the site is never left half imported.
//! Which edits to make is decided elsewhere.

use std::fs;
use std::io;
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

/// Writes every change, all or nothing: every temporary file first, then a
/// backup (a hard link) of every profile about to be replaced, then the
/// renames. A failure part way through the renames puts back what was
/// already placed, so the site is never left half imported. New files are
/// linked into place, which fails rather than replace a file that appeared
/// meanwhile; a profile that changed on disk since it was read is not
/// overwritten.
pub fn write_all(changes: &[Change]) -> Result<(), ImportError> {
    write_all_with(changes, &mut place)
}

/// Puts a temporary file in place: a rename over a profile, a link for a new file.
fn place(temp: &Path, path: &Path, new: bool) -> io::Result<()> {
    if new {
        fs::hard_link(temp, path).and_then(|()| fs::remove_file(temp))
    } else {
        fs::rename(temp, path)
    }
}

/// [`write_all`] with the step that puts each file in place given, so that
/// tests can make it fail part way.
fn write_all_with(
    changes: &[Change],
    place: &mut dyn FnMut(&Path, &Path, bool) -> io::Result<()>,
) -> Result<(), ImportError> {
    for change in changes {
        unchanged_on_disk(change)?;
    }
    let mut temps: Vec<PathBuf> = Vec::new();
    let mut backups: Vec<PathBuf> = Vec::new();
    let clean = |files: &[PathBuf]| {
        for file in files {
            let _ = fs::remove_file(file);
        }
    };
    for change in changes {
        let prepared = write_temp(change).and_then(|temp| {
            temps.push(temp);
            match change.before {
                Some(_) => backup(change).map(|b| backups.push(b)),
                None => Ok(()),
            }
        });
        if let Err(err) = prepared {
            clean(&temps);
            clean(&backups);
            return Err(err);
        }
    }
    for (i, (change, temp)) in changes.iter().zip(&temps).enumerate() {
        if let Err(source) = place(temp, &change.path, change.before.is_none()) {
            let (placed, waiting) = changes.split_at(i);
            // A restored profile's backup was renamed back over it; one that
            // could not be restored keeps its backup, named in the error.
            let not_restored = roll_back(placed, place);
            clean(temps.get(i..).unwrap_or_default());
            let unused: Vec<PathBuf> = waiting
                .iter()
                .filter(|c| c.before.is_some())
                .map(|c| backup_path(&c.path))
                .collect();
            clean(&unused);
            return Err(placing_failed(change, &source, &not_restored));
        }
    }
    clean(&backups);
    Ok(())
}

/// Puts back the files already placed, newest first: a profile's backup is
/// renamed over it, a new file is removed. Returns those that could not be.
fn roll_back<'a>(
    placed: &'a [Change],
    place: &mut dyn FnMut(&Path, &Path, bool) -> io::Result<()>,
) -> Vec<&'a Change> {
    placed
        .iter()
        .rev()
        .filter(|change| {
            let restored = match change.before {
                Some(_) => place(&backup_path(&change.path), &change.path, false),
                None => fs::remove_file(&change.path),
            };
            restored.is_err()
        })
        .collect()
}

fn placing_failed(change: &Change, source: &io::Error, not_restored: &[&Change]) -> ImportError {
    let mut message = format!("cannot write this file: {source}; ");
    if not_restored.is_empty() {
        message.push_str("every file written before it was put back as it was, so nothing changed");
    } else {
        let each: Vec<String> = not_restored
            .iter()
            .map(|c| match c.before {
                Some(_) => format!(
                    "{} (its previous text is in {})",
                    c.display.display(),
                    backup_path(&c.display).display()
                ),
                None => format!("{} (a new file: delete it)", c.display.display()),
            })
            .collect();
        message.push_str(&format!(
            "these files written before it could not be put back: {}",
            each.join(", ")
        ));
    }
    ImportError::File {
        path: change.display.clone(),
        message,
    }
}

/// A second name for a profile's current file, so that it can be put back.
/// Copied where the file system has no hard links.
fn backup(change: &Change) -> Result<PathBuf, ImportError> {
    let backup = backup_path(&change.path);
    let error = |source| ImportError::Write {
        path: change.display.clone(),
        source,
    };
    // One left by an import that was killed: a file this tool made.
    match fs::remove_file(&backup) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(error(err)),
        _ => {}
    }
    fs::hard_link(&change.path, &backup)
        .or_else(|_| fs::copy(&change.path, &backup).map(|_| ()))
        .map_err(error)?;
    Ok(backup)
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

/// Writes the new text beside the file, with the file's permissions.
fn write_temp(change: &Change) -> Result<PathBuf, ImportError> {
    let temp = temp_path(&change.path);
    let error = |source| ImportError::Write {
        path: change.display.clone(),
        source,
    };
    fs::write(&temp, with_bom(&change.after, change.bom)).map_err(error)?;
    if change.before.is_some() {
        let kept =
            fs::metadata(&change.path).and_then(|m| fs::set_permissions(&temp, m.permissions()));
        if let Err(err) = kept {
            let _ = fs::remove_file(&temp);
            return Err(error(err));
        }
    }
    Ok(temp)
}

/// `content/.x.md.import` beside `content/x.md`: a hidden name, which the
/// content loader skips should one be left behind.
fn temp_path(path: &Path) -> PathBuf {
    hidden_beside(path, "import")
}

/// `content/.x.md.import-backup`: the profile as it was, until every file
/// of the run is in place.
fn backup_path(path: &Path) -> PathBuf {
    hidden_beside(path, "import-backup")
}

fn hidden_beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{suffix}"))
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

    /// Three profiles and a new file, written with the fourth placement
    /// failing (issue 13: a failure part way left a half-applied import).
    fn fail_at(fail_at: &[usize]) -> (tempfile::TempDir, Vec<Change>, Result<(), ImportError>) {
        let dir = tempfile::tempdir().unwrap();
        let mut changes = Vec::new();
        for name in ["a", "b", "c"] {
            let path = dir.path().join(format!("{name}.md"));
            fs::write(&path, format!("old {name}")).unwrap();
            changes.push(Change {
                path,
                display: format!("content/{name}.md").into(),
                rel_path: format!("{name}.md"),
                before: Some(format!("old {name}")),
                after: format!("new {name}"),
                bom: false,
            });
        }
        changes.insert(2, change(dir.path(), None, "new x"));
        let mut calls = 0;
        let result = write_all_with(&changes, &mut |temp, path, new| {
            calls += 1;
            if fail_at.contains(&calls) {
                return Err(io::Error::other("injected failure"));
            }
            place(temp, path, new)
        });
        (dir, changes, result)
    }

    fn files_in(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let text = fs::read_to_string(e.path()).unwrap();
                (e.file_name().to_string_lossy().into_owned(), text)
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_failure_part_way_puts_back_every_file_already_written() {
        for failing in 1..=4 {
            let (dir, changes, result) = fail_at(&[failing]);
            let err = result.unwrap_err().to_string();
            let failed = &changes[failing - 1];
            assert!(
                err.starts_with(&format!(
                    "{}: cannot write this file: injected failure",
                    failed.display.display()
                )),
                "{err}"
            );
            assert!(err.contains("nothing changed"), "{err}");
            let expected: Vec<(String, String)> = ["a", "b", "c"]
                .iter()
                .map(|n| (format!("{n}.md"), format!("old {n}")))
                .collect();
            assert_eq!(files_in(dir.path()), expected, "failing at {failing}");
        }
    }

    #[test]
    fn a_file_that_cannot_be_put_back_is_named_with_its_backup() {
        // Placing a, b and x works, c fails; putting back b works, a fails.
        let (dir, _, result) = fail_at(&[4, 6]);
        let err = result.unwrap_err().to_string();
        assert!(
            err.contains("could not be put back: content/a.md (its previous text is in content/.a.md.import-backup)"),
            "{err}"
        );
        let files = files_in(dir.path());
        assert!(
            files.contains(&(".a.md.import-backup".into(), "old a".into())),
            "{files:?}"
        );
        assert!(
            files.contains(&("b.md".into(), "old b".into())),
            "{files:?}"
        );
        assert!(!files.iter().any(|(n, _)| n == "x.md"), "{files:?}");
    }

    #[test]
    fn a_run_without_failure_leaves_no_temporary_files() {
        let (dir, _, result) = fail_at(&[]);
        result.unwrap();
        let names: Vec<String> = files_in(dir.path()).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["a.md", "b.md", "c.md", "x.md"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("b.md")).unwrap(),
            "new b"
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
