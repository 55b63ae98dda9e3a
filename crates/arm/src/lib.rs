//! vigil's ARM front end: hand-written templates and what `bicep build` emits, evaluated the
//! way Azure Resource Manager deploys them.

pub mod expr;
pub mod functions;
mod hash;
mod json;
mod names;
mod template;
mod types;

pub use template::{
    evaluate_template, is_template, parameter_file_for, read_parameter_file, GivenParameter,
};

/// Parses a template's JSON (comments and trailing commas allowed) without evaluating it: the
/// first cost of every template, measured on its own by the benchmarks.
pub fn parse_json(index: &vigil_model::LineIndex) -> Result<(), vigil_model::FileError> {
    json::parse(index).map(|_| ())
}

/// The file that `path` names when compared in any case, when `path` itself is not there: a
/// link or module path that differs from a file on disk only in case (which works on Windows
/// and macOS, and not on Linux or in Azure's own file handling).
pub fn same_but_case(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let name = path.file_name()?.to_str()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let (dir, dir_differs) = if dir.is_dir() {
        (dir, false)
    } else {
        // The directory may be the one that differs in case (then the name may be exact).
        (same_but_case(&dir)?, true)
    };
    std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .find(|n| {
            n.to_str()
                .is_some_and(|n| (dir_differs || n != name) && n.eq_ignore_ascii_case(name))
        })
        .map(|n| vigil_model::normalize_path(&dir.join(n)))
}
