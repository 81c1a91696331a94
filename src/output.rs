//! The *write* stage: the only code that touches the output folder.
//!
//! A build writes into a staging folder beside the output (same parent, so
//! the final move is a rename on one file system) and swaps it in only
//! when everything succeeded. A failed or interrupted build therefore
//! leaves the previous output exactly as it was; staging folders left by a
//! killed build are removed by the next one. Paths given to [`Staging`] are
//! checked so that nothing is written outside it.
//!
//! On Linux the swap is one atomic exchange of the two folders
//! (`renameat2` with `RENAME_EXCHANGE`), so there is no moment without an
//! output folder; elsewhere, or on file systems without it, two renames.
//! A build asked to stop ([`interrupt`], called on Ctrl-C) fails its next
//! write or its swap, and its staging folder is removed on the way out.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

const STAGING_MARK: &str = ".careers-staging-";
const RETIRED_MARK: &str = ".careers-retired-";

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Asks every staging folder of this process to stop: later writes and
/// swaps fail, so the output is left as it was.
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether [`interrupt`] was called.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

fn check_interrupted() -> io::Result<()> {
    if interrupted() {
        return Err(io::Error::other("the build was interrupted"));
    }
    Ok(())
}

/// Says why an output folder is unsafe to build into, if it is: the site
/// root, the content folder, or a folder containing either would be
/// replaced wholesale by the build.
pub fn unsafe_output_reason(output: &Path, root: &Path, content: &Path) -> Option<String> {
    let output = absolute(output);
    let root = absolute(root);
    let content = absolute(content);
    if root.starts_with(&output) {
        return Some(format!(
            "the output folder {} is the site folder or contains it",
            output.display()
        ));
    }
    if content.starts_with(&output) || output.starts_with(&content) {
        return Some(format!(
            "the output folder {} overlaps the content folder",
            output.display()
        ));
    }
    None
}

/// An absolute, lexically normalised path (symlinks resolved where the
/// path exists), so `./out/..` and `out/../` compare equal.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // The folder may not exist yet; resolve its nearest existing parent.
    match (out.parent().map(fs::canonicalize), out.file_name()) {
        (Some(Ok(parent)), Some(name)) => parent.join(name),
        _ => out,
    }
}

/// A staging folder that becomes the output on [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates a fresh staging folder beside `target`, first removing any
    /// left behind by builds that were killed.
    pub fn create(target: &Path) -> io::Result<Self> {
        check_interrupted()?;
        let parent = parent_of(target);
        fs::create_dir_all(&parent)?;
        remove_leftovers(&parent, &name_of(target));
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = parent.join(format!(
            "{}{STAGING_MARK}{}-{nanos}",
            name_of(target),
            std::process::id()
        ));
        fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `contents` at `rel_path` (with `/` separators) inside the
    /// staging folder, creating folders as needed.
    pub fn write(&self, rel_path: &str, contents: &[u8]) -> io::Result<()> {
        check_interrupted()?;
        let path = self.inside(rel_path)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, contents)
    }

    /// Creates the file `rel_path` inside the staging folder for writing
    /// in pieces (large data files are streamed, never held whole).
    pub fn create_file(&self, rel_path: &str) -> io::Result<fs::File> {
        check_interrupted()?;
        let path = self.inside(rel_path)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::File::create(path)
    }

    pub fn copy_file(&self, from: &Path, rel_path: &str) -> io::Result<()> {
        check_interrupted()?;
        let to = self.inside(rel_path)?;
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, to).map(|_| ())
    }

    fn inside(&self, rel_path: &str) -> io::Result<PathBuf> {
        inside(&self.dir, rel_path)
    }

    /// Swaps the staging folder in as the output. Top-level names starting
    /// with `.` in the old output (`.git` of a deploy repository, a
    /// `.gitkeep`) are carried over, because the build never writes them.
    pub fn commit(mut self) -> io::Result<()> {
        check_interrupted()?;
        if !self.target.exists() {
            fs::rename(&self.dir, &self.target)?;
            self.committed = true;
            return Ok(());
        }
        let old = swap_in(&self.dir, &self.target)?;
        self.committed = true;
        // Killed from here on, the next build's `remove_leftovers` carries
        // the dotfiles over before deleting the old tree.
        let carried = carry_over_dotfiles(&old, &self.target);
        let _ = fs::remove_dir_all(&old);
        carried
    }
}

/// Puts `staging` at `target` and returns where the old target now is.
fn swap_in(staging: &Path, target: &Path) -> io::Result<PathBuf> {
    if exchange(staging, target).is_ok() {
        return Ok(staging.to_path_buf());
    }
    let retired = parent_of(target).join(format!(
        "{}{RETIRED_MARK}{}",
        name_of(target),
        std::process::id()
    ));
    fs::rename(target, &retired)?;
    if let Err(err) = fs::rename(staging, target) {
        // Put the previous output back so the reader still has a site.
        let _ = fs::rename(&retired, target);
        return Err(err);
    }
    Ok(retired)
}

/// Atomically exchanges two folders (Linux `renameat2`, `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// The folder `serve` publishes into, kept for the whole session and
/// updated in place: each file is written beside its final name and
/// renamed over it, so a reader gets the old file or the new one, never a
/// part of one, and a file that exists before and after an update is
/// never missing.
pub struct ServedFolder {
    dir: PathBuf,
}

impl ServedFolder {
    /// Uses `dir`, creating it if needed.
    pub fn new(dir: &Path) -> io::Result<Self> {
        fs::create_dir_all(dir)?;
        Ok(ServedFolder {
            dir: dir.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Replaces the file at `rel_path` (with `/` separators) by `contents`.
    pub fn write(&self, rel_path: &str, contents: &[u8]) -> io::Result<()> {
        let path = inside(&self.dir, rel_path)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = path.with_file_name(format!(".{name}{STAGING_MARK}{}", std::process::id()));
        fs::write(&temp, contents)?;
        fs::rename(&temp, &path).inspect_err(|_| {
            let _ = fs::remove_file(&temp);
        })
    }

    /// Removes the file at `rel_path`, and the folders it leaves empty.
    pub fn remove(&self, rel_path: &str) -> io::Result<()> {
        let path = inside(&self.dir, rel_path)?;
        match fs::remove_file(&path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
            _ => {}
        }
        let mut folder = path.parent();
        while let Some(dir) = folder.filter(|d| *d != self.dir) {
            if fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
        Ok(())
    }
}

/// `rel_path` below `dir`, refused if it could reach outside it.
fn inside(dir: &Path, rel_path: &str) -> io::Result<PathBuf> {
    let rel = Path::new(rel_path);
    let safe = rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !safe || rel_path.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write `{rel_path}` outside the output folder"),
        ));
    }
    Ok(dir.join(rel))
}

fn carry_over_dotfiles(old: &Path, new: &Path) -> io::Result<()> {
    for entry in fs::read_dir(old)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') && !new.join(&name).exists() {
            fs::rename(entry.path(), new.join(&name))?;
        }
    }
    Ok(())
}

/// Removes staging and retired folders of earlier runs. A folder left by a
/// build killed in mid-swap may hold the old output's dotfiles: they are
/// carried into the output first when it lacks them.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let target = parent.join(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let leftover = [STAGING_MARK, RETIRED_MARK]
            .iter()
            .any(|mark| file_name.starts_with(&format!("{name}{mark}")));
        if leftover {
            if target.is_dir() {
                let _ = carry_over_dotfiles(&entry.path(), &target);
            }
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_content_and_their_parents() {
        let root = Path::new("/tmp/site");
        let content = Path::new("/tmp/site/content");
        assert!(unsafe_output_reason(root, root, content).is_some());
        assert!(unsafe_output_reason(Path::new("/tmp"), root, content).is_some());
        assert!(unsafe_output_reason(content, root, content).is_some());
        assert!(unsafe_output_reason(Path::new("/tmp/site/content/out"), root, content).is_some());
        assert!(unsafe_output_reason(Path::new("/tmp/site/output"), root, content).is_none());
    }

    #[test]
    fn never_writes_outside() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::create(&dir.path().join("out")).unwrap();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(staging.write(bad, b"x").is_err(), "{bad}");
        }
        staging.write("a/b/index.html", b"ok").unwrap();
    }

    #[test]
    fn commit_swaps_and_keeps_dotfiles_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(".gitkeep"), "").unwrap();
        fs::write(out.join("old.html"), "old").unwrap();

        let failed = Staging::create(&out).unwrap();
        failed.write("new.html", b"new").unwrap();
        drop(failed);
        assert!(out.join("old.html").exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "staging folder left behind"
        );

        let staging = Staging::create(&out).unwrap();
        staging.write("new.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(out.join("new.html").exists());
        assert!(!out.join("old.html").exists());
        assert!(out.join(".gitkeep").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
