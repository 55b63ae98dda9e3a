//! Finds the units to check: every directory holding Terraform configuration, plans and ARM
//! templates.

use crate::config::Config;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vigil_model::FileError;

/// A piece of input checked on its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// A Terraform module directory, evaluated as a root.
    Module(PathBuf),
    /// A `terraform show -json` plan.
    Plan(PathBuf),
    /// An ARM template (hand-written, or what `bicep build` emits), with its parameter file.
    Template(PathBuf),
    /// A Bicep file, or a `.bicepparam` with the template it uses.
    Bicep(PathBuf),
}

/// How much of a JSON file is read to tell what it is.
const SNIFF_BYTES: u64 = 1 << 20;

fn is_json(name: &str) -> bool {
    (name.ends_with(".json") || name.ends_with(".jsonc"))
        && !name.ends_with(".tf.json")
        && !name.ends_with(".tfvars.json")
}

/// A JSON file as a unit, by what its beginning says it is: a plan, a template, or (any
/// other JSON, parameter files included) nothing to check on its own.
fn json_unit(path: &Path) -> Option<Unit> {
    use std::io::Read;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !is_json(name) {
        return None;
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    let head = String::from_utf8_lossy(&head);
    if vigil_terraform::is_plan(&head) {
        Some(Unit::Plan(path.to_path_buf()))
    } else if vigil_arm::is_template(&head) {
        Some(Unit::Template(path.to_path_buf()))
    } else {
        None
    }
}

/// The template a parameter file (`X.parameters.json`) belongs to, when it is beside it.
fn template_of_parameters(path: &Path) -> Option<Unit> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".parameters.json")?;
    match json_unit(&path.with_file_name(format!("{stem}.json")))? {
        unit @ Unit::Template(_) => Some(unit),
        _ => None,
    }
}

/// The units under `paths`, sorted, each once: module directories (a file names its
/// directory) and plan files.
/// JSON files that are neither templates nor plans go into `skipped` (shown with --verbose).
pub fn units(
    paths: &[PathBuf],
    config: &Arc<Config>,
    errors: &mut Vec<FileError>,
    skipped: &mut Vec<PathBuf>,
    display: &dyn Fn(&Path) -> String,
) -> Vec<Unit> {
    let mut dirs = BTreeSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(FileError {
                file: display(path).into(),
                line: 0,
                column: 0,
                message: format!("cannot read the path: {e}"),
            }),
            Ok(meta) if meta.is_dir() => {
                // `ignore` honours .gitignore and hidden files as git does. Its serial walker:
                // listing directories is a sliver of a run, and starting the parallel one's
                // threads cost more than it saved on small trees.
                let mut walk = ignore::WalkBuilder::new(path);
                let respect = config.file.respect_gitignore.unwrap_or(true);
                walk.git_ignore(respect)
                    .git_global(respect)
                    .git_exclude(respect)
                    .ignore(respect);
                // Excluded directories are not walked into at all.
                let filter = Arc::clone(config);
                walk.filter_entry(move |e| {
                    !e.file_type().is_some_and(|t| t.is_dir())
                        || e.depth() == 0
                        || filter.enters(e.path())
                });
                for entry in walk.build().flatten() {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && !config.selects(entry.path()) {
                        continue;
                    }
                    let name = entry.file_name().to_str().unwrap_or("");
                    if is_file && vigil_bicep::is_bicep_file(name) {
                        dirs.insert(Unit::Bicep(entry.path().to_path_buf()));
                    } else if is_file && vigil_terraform::is_config_file(name) {
                        if let Some(parent) = entry.path().parent() {
                            dirs.insert(Unit::Module(parent.to_path_buf()));
                        }
                    } else if is_file {
                        match json_unit(entry.path()) {
                            Some(unit) => {
                                dirs.insert(unit);
                            }
                            None if is_json(name) => skipped.push(entry.path().to_path_buf()),
                            None => {}
                        }
                    }
                }
            }
            // Excludes hold for files named on the command line too: pre-commit passes every
            // staged file, and an excluded one must stay unchecked.
            Ok(_) if !config.selects(path) => {}
            Ok(_) => {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                // Files that are not Terraform (a README that pre-commit passes) are skipped.
                if vigil_bicep::is_bicep_file(name) {
                    dirs.insert(Unit::Bicep(path.clone()));
                } else if vigil_terraform::is_unit_file(name) {
                    dirs.insert(Unit::Module(parent_dir(path)));
                } else if let Some(unit) = json_unit(path) {
                    dirs.insert(unit);
                } else if let Some(template) = template_of_parameters(path) {
                    // pre-commit passes a changed parameter file alone: check its template.
                    dirs.insert(template);
                }
            }
        }
    }
    dirs.into_iter().collect()
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The root that reported paths are relative to: the one directory given, else the current
/// directory.
pub fn scan_root(paths: &[PathBuf]) -> PathBuf {
    match paths {
        [only] if only.is_dir() => only.clone(),
        _ => PathBuf::from("."),
    }
}

/// A path as reports show it: relative to the root, forward slashes.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = match path.strip_prefix(root) {
        Ok(rel) => rel.to_path_buf(),
        // `--root /repo` with relative paths, or the other way round: compare absolute forms.
        Err(_) => {
            let (abs_root, abs_path) = (absolute(root), absolute(path));
            match abs_path.strip_prefix(&abs_root) {
                Ok(rel) => rel.to_path_buf(),
                Err(_) => path.to_path_buf(),
            }
        }
    };
    let rel = rel.strip_prefix(".").unwrap_or(&rel);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        ".".to_string()
    } else {
        s
    }
}

/// `path` made absolute against the current directory, `.` and `..` resolved lexically (the
/// path may not exist).
pub fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What the paths on the command line ask to hear about, as reported paths.
pub struct Scope {
    files: BTreeSet<String>,
    dirs: Vec<String>,
}

impl Scope {
    pub fn new(paths: &[PathBuf], display: &dyn Fn(&Path) -> String) -> Self {
        let mut files = BTreeSet::new();
        let mut dirs = Vec::new();
        for p in paths {
            if p.is_dir() {
                dirs.push(display(p));
            } else {
                files.insert(display(p));
            }
        }
        Scope { files, dirs }
    }

    /// Whether only directories were named, so that everything found is in scope.
    pub fn is_everything(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether a reported path is one of the files named, or under a directory named.
    pub fn covers(&self, path: &str) -> bool {
        self.files.contains(path)
            || self.dirs.iter().any(|d| {
                d == "." || d.is_empty() || path == d || path.starts_with(&format!("{d}/"))
            })
    }
}
