//! Files published as they are: the theme's `static/`, the site's own
//! `static/` (replacing theme files of the same name), and the files of
//! `content/` that are not Markdown (images, PDFs).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use super::outputs::{Failure, Item, Kind, Listed};
use super::Ctx;
use crate::diagnostics::Diagnostic;
use crate::site::Input;

/// Where a published file comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileSource {
    Disk(PathBuf),
    /// A file of a theme built into the binary.
    BuiltIn(&'static str),
}

pub static COPIED: Kind = Kind {
    name: "copied file",
    needs_template: None,
    reserves: &[],
    streamed: false,
    per_language: false,
    list: |ctx| {
        copied_files(ctx)
            .into_iter()
            .map(|(source, path)| Listed {
                item: Item::File(source),
                path,
                url_path: None,
                template: None,
            })
            .collect()
    },
    render: |ctx, output, out, _| {
        let Item::File(source) = &output.item else {
            return Ok(());
        };
        copy(ctx, source, out)
    },
};

fn copy(ctx: &Ctx, source: &FileSource, out: &mut dyn Write) -> Result<(), Failure> {
    match source {
        FileSource::Disk(path) => {
            ctx.view.note(Input::File(path.clone()));
            let mut file = std::fs::File::open(path).map_err(|err| {
                Failure::Problem(Diagnostic::error(
                    crate::diagnostics::display_path(&ctx.layout.root, path),
                    format!("cannot read this file: {err}"),
                ))
            })?;
            std::io::copy(&mut file, out)?;
            Ok(())
        }
        FileSource::BuiltIn(contents) => Ok(out.write_all(contents.as_bytes())?),
    }
}

/// Every file published as it is, with its path in the output. A site's
/// static file replaces the theme's of the same path (that is how a theme
/// is adapted); any other two files at one path are both listed.
pub fn copied_files(ctx: &Ctx) -> Vec<(FileSource, String)> {
    let layout = ctx.layout;
    let mut files = BTreeMap::new();
    if !layout.theme.is_dir() {
        for file in crate::theme::built_in(&layout.theme_name).unwrap_or_default() {
            if file.path.starts_with("static/") {
                files.insert(file.path.to_string(), FileSource::BuiltIn(file.contents));
            }
        }
    }
    for dir in [layout.theme.join("static"), layout.static_dir.clone()] {
        for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            // A name that is not UTF-8 is an error (`content::static_name_problems`).
            let Some(rel) = rel.to_str().map(|r| r.replace('\\', "/")) else {
                continue;
            };
            if entry.file_type().is_file() && !rel.split('/').any(|p| p.starts_with('.')) {
                files.insert(format!("static/{rel}"), FileSource::Disk(entry.into_path()));
            }
        }
    }
    let mut all: Vec<(FileSource, String)> = files
        .into_iter()
        .map(|(rel, source)| (source, rel))
        .collect();
    // A file of `content/` does not replace a static file of the same
    // path: both are listed, and the collision is reported.
    all.extend(ctx.view.assets().iter().map(|asset| {
        (
            FileSource::Disk(asset.source.clone()),
            asset.rel_path.clone(),
        )
    }));
    all.sort_by(|a, b| a.1.cmp(&b.1));
    all
}
