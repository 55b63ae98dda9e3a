//! Finds the units to check: every directory holding Terraform configuration.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use vigil_model::FileError;

/// The module directories under `paths`, sorted, each once. A file names its directory.
pub fn units(
    paths: &[PathBuf],
    errors: &mut Vec<FileError>,
    display: &dyn Fn(&Path) -> String,
) -> Vec<PathBuf> {
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
                            dirs.insert(parent.to_path_buf());
                        }
                    }
                }
            }
            Ok(_) => {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                // Files that are not Terraform (a README that pre-commit passes) are skipped.
                if vigil_terraform::is_unit_file(name) {
                    dirs.insert(parent_dir(path));
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
