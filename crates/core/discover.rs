//! Finds the units to check: every directory holding Terraform configuration, and plans.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use vigil_model::FileError;

/// A piece of input checked on its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// A Terraform module directory, evaluated as a root.
    Module(PathBuf),
    /// A `terraform show -json` plan.
    Plan(PathBuf),
}

/// How much of a JSON file is read to tell whether it is a plan.
const SNIFF_BYTES: u64 = 1 << 20;

fn is_plan_file(path: &Path) -> bool {
    use std::io::Read;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !name.ends_with(".json") || name.ends_with(".tf.json") || name.ends_with(".tfvars.json") {
        return false;
    }
    let mut head = String::new();
    let read =
        std::fs::File::open(path).and_then(|f| f.take(SNIFF_BYTES).read_to_string(&mut head));
    read.is_ok() && vigil_terraform::is_plan(&head)
}

/// The units under `paths`, sorted, each once: module directories (a file names its
/// directory) and plan files.
pub fn units(
    paths: &[PathBuf],
    errors: &mut Vec<FileError>,
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
                for entry in ignore::WalkBuilder::new(path).build().flatten() {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let name = entry.file_name().to_str().unwrap_or("");
                    if is_file && vigil_terraform::is_config_file(name) {
                        if let Some(parent) = entry.path().parent() {
                            dirs.insert(Unit::Module(parent.to_path_buf()));
                        }
                    } else if is_file && is_plan_file(entry.path()) {
                        dirs.insert(Unit::Plan(entry.path().to_path_buf()));
                    }
                }
            }
            Ok(_) => {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                // Files that are not Terraform (a README that pre-commit passes) are skipped.
                if vigil_terraform::is_unit_file(name) {
                    dirs.insert(Unit::Module(parent_dir(path)));
                } else if is_plan_file(path) {
                    dirs.insert(Unit::Plan(path.clone()));
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
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        ".".to_string()
    } else {
        s
    }
}
