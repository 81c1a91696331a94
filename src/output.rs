//! The *write* stage: the only code that touches the output folder.
//!
//! The output folder is careers' own. Before anything is written,
//! [`OutputFolder::claim`] judges the folder on its physical path (symbolic
//! links and `..` resolved as the system resolves them): it must not be,
//! contain or lie inside the site's sources, and a folder that is not empty
//! must carry the [`MARKER`] file every build leaves, or the build must be
//! forced. A refused build touches nothing.
//!
//! A build writes into a staging folder beside the output's physical
//! folder (same parent, so the final move is a rename on one file system;
//! an output given as a symbolic link stays one, and the build goes into
//! its target) and swaps it in only when everything succeeded. A failed or
//! interrupted build therefore leaves the previous output exactly as it
//! was; staging folders left by a killed build are removed by the next one.
//! Top-level names starting with `.` (`.git`, `.nojekyll`) and the names
//! under `keep:` in `site.yaml` are carried from the old output into the
//! new one. Paths given to [`Staging`] are checked so that nothing is
//! written outside it.
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

use crate::config::Layout;

const STAGING_MARK: &str = ".careers-staging-";
const RETIRED_MARK: &str = ".careers-retired-";

/// The file every build leaves at the top of its output: it says the
/// folder is careers' own, so a later build may replace what is in it.
pub const MARKER: &str = ".careers-output";

const MARKER_TEXT: &str = "\
This folder is written by `careers build`.

Each build replaces everything in it, except the names starting with `.`
(such as `.git`) and the names listed under `keep:` in site.yaml, which
are carried over. This file marks the folder as careers' own: careers
refuses to build into a folder that is not empty and lacks this file,
unless it is run with --force.
";

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

/// Why a build will not write into an output folder. Shown as the message
/// and, on a second line, the fix.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The output is, contains or lies inside a part of the site: the
    /// build replaces its output whole and would destroy the sources.
    #[error(
        "the output folder {} {relation} {what}{}: a build replaces its output folder whole\n   = help: choose a folder outside the site's sources, such as the default `output/` in the site folder",
        shown(output, physical),
        if *relation == "is" { String::new() } else { format!(" ({})", part.display()) }
    )]
    Overlaps {
        output: PathBuf,
        physical: PathBuf,
        relation: &'static str,
        what: &'static str,
        part: PathBuf,
    },
    #[error(
        "the output folder {} is a file, not a folder\n   = help: choose a folder",
        shown(output, physical)
    )]
    NotAFolder { output: PathBuf, physical: PathBuf },
    #[error(
        "the output folder {} is a symbolic link to {}, which does not exist\n   = help: create the folder it points to, or remove the link",
        output.display(), target.display()
    )]
    BrokenLink { output: PathBuf, target: PathBuf },
    #[error(
        "the output folder {} is not empty (it holds {found}) and was not written by careers (it has no `{MARKER}` file): a build would delete what is in it\n   = help: choose an empty or new folder, or run again with --force to replace its contents (names starting with `.` and those listed under `keep:` in site.yaml are kept)",
        shown(output, physical)
    )]
    NotOurs {
        output: PathBuf,
        physical: PathBuf,
        found: String,
    },
    #[error("cannot read the output folder {}: {error}", output.display())]
    Unreadable { output: PathBuf, error: io::Error },
}

/// The output as given, and where it really is when that differs.
fn shown(output: &Path, physical: &Path) -> String {
    let given = absolute(output);
    if given == physical {
        output.display().to_string()
    } else {
        format!("{} (really {})", output.display(), physical.display())
    }
}

/// An output folder a build may write into: its physical path, judged
/// safe by [`OutputFolder::claim`].
#[derive(Debug)]
pub struct OutputFolder {
    path: PathBuf,
    keep: Vec<String>,
}

impl OutputFolder {
    /// Checks that `layout.output` may be replaced by a build; writes nothing.
    ///
    /// `keep` names top-level entries carried over like dot entries, and
    /// an entry that would be carried over is not lost, so a folder
    /// holding only such entries counts as empty. `force` allows a folder
    /// that is not empty and lacks the [`MARKER`]; never one overlapping
    /// the site's sources.
    pub fn claim(layout: &Layout, keep: &[String], force: bool) -> Result<Self, Refusal> {
        let output = &layout.output;
        let link = fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
        if link && fs::metadata(output).is_err() {
            return Err(Refusal::BrokenLink {
                output: output.clone(),
                target: fs::read_link(output).unwrap_or_default(),
            });
        }
        let real = physical(output);
        for (part, what, whole_site) in sources(layout) {
            let part = physical(part);
            let relation = if real == part {
                "is"
            } else if part.starts_with(&real) {
                "contains"
            } else if real.starts_with(&part) && !whole_site {
                "is inside"
            } else {
                continue;
            };
            return Err(Refusal::Overlaps {
                output: output.clone(),
                physical: real,
                relation,
                what,
                part,
            });
        }
        let physical = real;
        match fs::metadata(&physical) {
            Ok(meta) if !meta.is_dir() => {
                return Err(Refusal::NotAFolder {
                    output: output.clone(),
                    physical,
                })
            }
            Ok(_) => {
                let found =
                    foreign_entries(&physical, keep).map_err(|error| Refusal::Unreadable {
                        output: output.clone(),
                        error,
                    })?;
                if !found.is_empty() && !force && !physical.join(MARKER).is_file() {
                    return Err(Refusal::NotOurs {
                        output: output.clone(),
                        physical,
                        found: describe_entries(&found),
                    });
                }
            }
            Err(_) => {}
        }
        Ok(OutputFolder {
            path: physical,
            keep: keep.to_vec(),
        })
    }

    /// The physical folder the build replaces.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A fresh staging folder for this output.
    pub fn stage(&self) -> io::Result<Staging> {
        Staging::create(&self.path, &self.keep)
    }
}

/// The parts of a site an output folder must keep clear of: (path, what it
/// is, whether an output inside it is fine — only the site folder itself).
fn sources(layout: &Layout) -> [(&Path, &'static str, bool); 6] {
    [
        (&layout.root, "the site folder", true),
        (&layout.content, "the content folder", false),
        (&layout.static_dir, "the site's static folder", false),
        (&layout.templates, "the site's templates folder", false),
        (&layout.themes, "the themes folder", false),
        (&layout.config_file, "the site configuration", false),
    ]
}

/// The entries of `dir` that a build would delete: not starting with `.`
/// and not kept.
fn foreign_entries(dir: &Path, keep: &[String]) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && !keep.contains(&name) {
            found.push(name);
        }
    }
    found.sort();
    Ok(found)
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b`, `c` and 4 more ``: enough to
/// recognise the folder.
fn describe_entries(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
    match (quoted.split_last(), names.len()) {
        (None, _) => String::new(),
        (Some((only, [])), _) => only.clone(),
        (Some((last, rest)), n) if n <= 3 => format!("{} and {last}", rest.join(", ")),
        (Some(_), n) => format!("{} and {} more", quoted.join(", "), n - 3),
    }
}

/// The path the system reaches for `path`, whether it exists or not:
/// the longest part that exists is resolved by the system (symbolic links,
/// and `..` after them taken physically, so `link/../new` is beside the
/// link's target), and the rest, folders a build will create, lexically.
fn physical(path: &Path) -> PathBuf {
    let joined = absolute_lexical_base(path);
    let components: Vec<Component> = joined.components().collect();
    for split in (1..=components.len()).rev() {
        let prefix: PathBuf = components.iter().take(split).collect();
        if let Ok(real) = fs::canonicalize(&prefix) {
            let mut out = real;
            for component in components.iter().skip(split) {
                match component {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(name) => out.push(name),
                    _ => {}
                }
            }
            return out;
        }
    }
    joined
}

/// `path` joined to the current folder when relative (not normalised).
fn absolute_lexical_base(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    }
}

/// An absolute, lexically normalised path, for showing whether the
/// physical path differs from the one given.
fn absolute(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in absolute_lexical_base(path).components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A staging folder that becomes the output on [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    keep: Vec<String>,
    committed: bool,
}

impl Staging {
    /// Creates a fresh staging folder beside `target` (a physical path),
    /// first removing any left behind by builds that were killed.
    fn create(target: &Path, keep: &[String]) -> io::Result<Self> {
        check_interrupted()?;
        let parent = parent_of(target);
        fs::create_dir_all(&parent)?;
        remove_leftovers(&parent, &name_of(target), keep);
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
            keep: keep.to_vec(),
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

    /// Marks the staging folder as careers' own and swaps it in as the
    /// output. Top-level names starting with `.` in the old output (`.git`
    /// of a deploy repository, a `.nojekyll`) and the kept names are
    /// carried over, because the build never writes them.
    pub fn commit(mut self) -> io::Result<()> {
        self.write(MARKER, MARKER_TEXT.as_bytes())?;
        check_interrupted()?;
        if fs::symlink_metadata(&self.target).is_err() {
            fs::rename(&self.dir, &self.target)?;
            self.committed = true;
            return Ok(());
        }
        let old = swap_in(&self.dir, &self.target)?;
        self.committed = true;
        // Killed from here on, the next build's `remove_leftovers` carries
        // these over before deleting the old tree.
        let carried = carry_over(&old, &self.target, &self.keep, true);
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

/// Moves the top-level entries of `old` that the build never writes
/// (names starting with `.`, and kept names) into `new`, unless `new`
/// already has them. `with_marker` says whether `old`'s marker may come
/// too: not from a staging folder of a killed build, which would mark a
/// folder careers has never written as its own.
fn carry_over(old: &Path, new: &Path, keep: &[String], with_marker: bool) -> io::Result<()> {
    for entry in fs::read_dir(old)? {
        let entry = entry?;
        let name = entry.file_name();
        let text = name.to_string_lossy();
        let carried = (text.starts_with('.') || keep.iter().any(|k| k.as_str() == text.as_ref()))
            && (with_marker || text != MARKER);
        if carried && fs::symlink_metadata(new.join(&name)).is_err() {
            fs::rename(entry.path(), new.join(&name))?;
        }
    }
    Ok(())
}

/// Removes staging and retired folders of earlier runs. A folder left by a
/// build killed in mid-swap may hold the old output's dot entries and kept
/// names: they are carried into the output first when it lacks them.
fn remove_leftovers(parent: &Path, name: &str, keep: &[String]) {
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
                let _ = carry_over(&entry.path(), &target, keep, false);
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

    /// A site folder with every source, and its layout with `output`.
    fn site() -> (tempfile::TempDir, Layout) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for folder in ["content/x", "static", "templates", "themes/default"] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        fs::write(root.join("site.yaml"), "title: X\n").unwrap();
        let layout = Layout::new(&root, None, "default");
        (dir, layout)
    }

    fn claim(layout: &Layout, output: &Path) -> Result<OutputFolder, Refusal> {
        let mut layout = layout.clone();
        layout.output = output.to_path_buf();
        OutputFolder::claim(&layout, &[], false)
    }

    #[test]
    fn refuses_the_sources_what_contains_them_and_what_is_inside_them() {
        let (dir, layout) = site();
        let root = &layout.root;
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            PathBuf::from("/"),
            root.join("content"),
            root.join("content/x/new"),
            root.join("static"),
            root.join("static/out"),
            root.join("templates"),
            root.join("themes"),
            root.join("themes/default/out"),
            root.join("site.yaml"),
            root.join("site.yaml/out"),
            root.join("output/../content"),
        ] {
            assert!(
                matches!(claim(&layout, &bad), Err(Refusal::Overlaps { .. })),
                "{}",
                bad.display()
            );
        }
        for good in [
            root.join("output"),
            root.join("public/site"),
            dir.path().join("out"),
        ] {
            let claimed = claim(&layout, &good).unwrap();
            assert!(claimed.path().ends_with(good.file_name().unwrap()));
        }
    }

    #[cfg(unix)]
    #[test]
    fn judges_physical_paths_through_symbolic_links() {
        use std::os::unix::fs::symlink;
        let (dir, layout) = site();
        let root = &layout.root;
        symlink(root.join("content/x"), dir.path().join("deep")).unwrap();
        symlink(root.join("static"), dir.path().join("assets")).unwrap();
        // `deep/..` is the content folder, not `dir`.
        for bad in [
            dir.path().join("deep/../new"),
            dir.path().join("assets"),
            dir.path().join("deep"),
        ] {
            let refusal = claim(&layout, &bad).err();
            assert!(
                matches!(refusal, Some(Refusal::Overlaps { .. })),
                "{}: {refusal:?}",
                bad.display()
            );
            let message = refusal.map(|r| r.to_string()).unwrap_or_default();
            assert!(message.contains("really"), "{message}");
        }
        symlink(dir.path().join("nowhere"), dir.path().join("dangling")).unwrap();
        assert!(matches!(
            claim(&layout, &dir.path().join("dangling")),
            Err(Refusal::BrokenLink { .. })
        ));
    }

    #[test]
    fn refuses_a_folder_with_files_it_did_not_write_unless_forced() {
        let (dir, layout) = site();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(".git"), "").unwrap();
        fs::write(out.join("CNAME"), "example.org").unwrap();
        let mut with_keep = layout.clone();
        with_keep.output = out.clone();
        // Only entries a build carries over: nothing would be lost.
        assert!(OutputFolder::claim(&with_keep, &["CNAME".into()], false).is_ok());
        let refusal = claim(&layout, &out).unwrap_err();
        assert!(matches!(refusal, Refusal::NotOurs { .. }));
        let message = refusal.to_string();
        assert!(
            message.contains("`CNAME`") && message.contains("--force"),
            "{message}"
        );
        for name in ["b", "c", "d", "e"] {
            fs::write(out.join(name), "").unwrap();
        }
        let message = claim(&layout, &out).unwrap_err().to_string();
        assert!(
            message.contains("`CNAME`, `b`, `c` and 2 more"),
            "{message}"
        );
        assert!(OutputFolder::claim(&with_keep, &[], true).is_ok());
        fs::write(out.join(MARKER), "").unwrap();
        assert!(claim(&layout, &out).is_ok());
        let file = dir.path().join("file");
        fs::write(&file, "").unwrap();
        assert!(matches!(
            claim(&layout, &file),
            Err(Refusal::NotAFolder { .. })
        ));
    }

    #[test]
    fn never_writes_outside() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::create(&dir.path().join("out"), &[]).unwrap();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(staging.write(bad, b"x").is_err(), "{bad}");
        }
        staging.write("a/b/index.html", b"ok").unwrap();
    }

    #[test]
    fn commit_swaps_keeps_dot_entries_and_kept_names_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(".gitkeep"), "").unwrap();
        fs::write(out.join("CNAME"), "example.org").unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        let keep = ["CNAME".to_string()];

        let failed = Staging::create(&out, &keep).unwrap();
        failed.write("new.html", b"new").unwrap();
        drop(failed);
        assert!(out.join("old.html").exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "staging folder left behind"
        );

        let staging = Staging::create(&out, &keep).unwrap();
        staging.write("new.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(out.join("new.html").exists());
        assert!(!out.join("old.html").exists());
        assert!(out.join(".gitkeep").exists());
        assert_eq!(
            fs::read_to_string(out.join("CNAME")).unwrap(),
            "example.org"
        );
        assert!(fs::read_to_string(out.join(MARKER))
            .unwrap()
            .contains("careers build"));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_killed_builds_staging_folder_never_marks_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.txt"), "").unwrap();
        let left = dir.path().join(format!("out{STAGING_MARK}1-2"));
        fs::create_dir(&left).unwrap();
        fs::write(left.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(left.join(".git"), "old").unwrap();
        remove_leftovers(dir.path(), "out", &[]);
        assert!(!left.exists());
        assert!(!out.join(MARKER).exists());
        assert!(out.join(".git").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_stays_a_link_and_its_target_is_replaced() {
        use std::os::unix::fs::symlink;
        let (dir, mut layout) = site();
        let target = dir.path().join("deploy");
        fs::create_dir_all(target.join(".git")).unwrap();
        fs::write(target.join(MARKER), "").unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        let link = layout.root.join("output");
        symlink(&target, &link).unwrap();
        layout.output = link.clone();
        let claimed = OutputFolder::claim(&layout, &[], false).unwrap();
        assert_eq!(claimed.path(), fs::canonicalize(&target).unwrap());
        let staging = claimed.stage().unwrap();
        staging.write("new.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(target.join(".git").is_dir());
        assert!(target.join("new.html").exists());
        assert!(!target.join("old.html").exists());
    }
}
