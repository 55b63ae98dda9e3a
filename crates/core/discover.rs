//! Finds the units to check: every directory holding Terraform configuration, plans and ARM
//! templates.

use crate::config::Config;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vigil_model::{FileError, Unchecked, UncheckedKind};

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

/// Directories never walked: git's own, and Terraform's working directory (whose installed
/// modules the Terraform front end reads through `.terraform/modules/modules.json` when a
/// module block calls them, never as roots of their own). Every other hidden directory is
/// walked: `.azure/`, `.deploy/` and `.infra/` hold real templates.
const NEVER_WALKED: [&str; 2] = [".git", ".terraform"];

fn is_json(name: &str) -> bool {
    (name.ends_with(".json") || name.ends_with(".jsonc"))
        && !name.ends_with(".tf.json")
        && !name.ends_with(".tfvars.json")
}

/// What a JSON file is, by what its beginning says.
#[derive(Debug, PartialEq, Eq)]
enum JsonKind {
    Plan,
    /// An ARM template; `compiled` when `bicep build` wrote it (`metadata._generator.name`).
    Template {
        compiled: bool,
    },
    /// A deploymentParameters file (ARM's, or the JSON parameter file of a Bicep template).
    Parameters,
    Other,
}

fn json_kind(path: &Path) -> Option<JsonKind> {
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
    Some(if vigil_terraform::is_plan(&head) {
        JsonKind::Plan
    } else if vigil_arm::is_template(&head) {
        JsonKind::Template {
            compiled: compiled_by_bicep(&head),
        }
    } else if is_parameters(&head) {
        JsonKind::Parameters
    } else {
        JsonKind::Other
    })
}

fn is_parameters(head: &str) -> bool {
    let lower = head.to_ascii_lowercase();
    lower.contains("\"$schema\"") && lower.contains("deploymentparameters.json")
}

/// Whether `bicep build` wrote this template: its `metadata._generator` names bicep. The
/// compiler writes that object first in `metadata`, so reading the next few hundred bytes after
/// the key is enough; a hand-written template that merely mentions bicep elsewhere is not one.
fn compiled_by_bicep(head: &str) -> bool {
    let Some(at) = head.find("\"_generator\"") else {
        return false;
    };
    let window: String = head[at..].chars().take(400).collect();
    let Some(name) = window.find("\"name\"") else {
        return false;
    };
    let rest = window[name + "\"name\"".len()..].trim_start();
    rest.strip_prefix(':')
        .map(str::trim_start)
        .is_some_and(|v| v.starts_with("\"bicep\""))
}

fn json_unit(path: &Path) -> Option<Unit> {
    match json_kind(path)? {
        JsonKind::Plan => Some(Unit::Plan(path.to_path_buf())),
        JsonKind::Template { .. } => Some(Unit::Template(path.to_path_buf())),
        _ => None,
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

/// What discovery found: the units to check, and what it left out and why.
#[derive(Default)]
pub struct Discovery {
    /// Sorted, each once.
    pub units: Vec<Unit>,
    /// Files not checked, counted in the summary (a parameter file no template uses).
    pub unchecked: Vec<Unchecked>,
    /// What `--verbose` lists beside: JSON that is not a template, compiled JSON reported
    /// from its `.bicep`.
    pub notes: Vec<FileError>,
    /// `.bicep` -> the JSON `bicep build` compiled from it, which is not a unit of its own but
    /// holds the modules the `.bicep` names and vigil cannot read (registry modules), inlined.
    pub compiled: BTreeMap<PathBuf, PathBuf>,
}

/// What walking the paths collected, before the units are decided.
#[derive(Default)]
struct Found {
    units: BTreeSet<Unit>,
    /// Templates `bicep build` wrote.
    compiled: Vec<PathBuf>,
    parameters: Vec<PathBuf>,
    other_json: Vec<PathBuf>,
}

impl Found {
    fn add_file(&mut self, path: &Path, name: &str, named: bool) {
        if vigil_bicep::is_bicep_file(name) {
            self.units.insert(Unit::Bicep(path.to_path_buf()));
        } else if vigil_terraform::is_config_file(name)
            || (named && vigil_terraform::is_unit_file(name))
        {
            self.units.insert(Unit::Module(parent_dir(path)));
        } else {
            match json_kind(path) {
                Some(JsonKind::Plan) => {
                    self.units.insert(Unit::Plan(path.to_path_buf()));
                }
                Some(JsonKind::Template { compiled: true }) => {
                    self.compiled.push(path.to_path_buf());
                }
                Some(JsonKind::Template { compiled: false }) => {
                    self.units.insert(Unit::Template(path.to_path_buf()));
                }
                Some(JsonKind::Parameters) => {
                    // pre-commit passes a changed parameter file alone: check its template.
                    match template_of_parameters(path).filter(|_| named) {
                        Some(template) => {
                            self.units.insert(template);
                        }
                        None => self.parameters.push(path.to_path_buf()),
                    }
                }
                Some(JsonKind::Other) => self.other_json.push(path.to_path_buf()),
                None => {}
            }
        }
    }
}

/// The units under `paths`: module directories (a file names its directory), plans, templates
/// and Bicep files. `parameters` is `--parameters`, which every template uses.
pub fn units(
    paths: &[PathBuf],
    config: &Arc<Config>,
    parameters: Option<&Path>,
    errors: &mut Vec<FileError>,
    display: &dyn Fn(&Path) -> String,
) -> Discovery {
    let mut found = Found::default();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(FileError {
                file: display(path).into(),
                line: 0,
                column: 0,
                message: format!("cannot read the path: {e}"),
            }),
            Ok(meta) if meta.is_dir() => {
                // `ignore` honours .gitignore as git does. Its serial walker: listing
                // directories is a sliver of a run, and starting the parallel one's threads
                // cost more than it saved on small trees.
                let mut walk = ignore::WalkBuilder::new(path);
                let respect = config.file.respect_gitignore.unwrap_or(true);
                walk.hidden(false)
                    .git_ignore(respect)
                    .git_global(respect)
                    .git_exclude(respect)
                    // ripgrep's `.ignore` files are not git's: a tree must not hide a vault
                    // from its checker through a file the user never asked to honour.
                    .ignore(false);
                // Excluded directories are not walked into at all.
                let filter = Arc::clone(config);
                walk.filter_entry(move |e| {
                    let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                    !is_dir
                        || e.depth() == 0
                        || (!NEVER_WALKED
                            .iter()
                            .any(|n| e.file_name() == std::ffi::OsStr::new(n))
                            && filter.enters(e.path()))
                });
                for entry in walk.build().flatten() {
                    if !entry.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    if !config.selects(entry.path()) {
                        continue;
                    }
                    let name = entry.file_name().to_str().unwrap_or("");
                    found.add_file(entry.path(), name, false);
                }
            }
            // Excludes hold for files named on the command line too: pre-commit passes every
            // staged file, and an excluded one must stay unchecked.
            Ok(_) if !config.selects(path) => {}
            Ok(_) => {
                // Files that are not IaC (a README that pre-commit passes) are skipped.
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                found.add_file(path, name, true);
            }
        }
    }
    decide(found, config, parameters, display)
}

fn decide(
    mut found: Found,
    config: &Config,
    parameters: Option<&Path>,
    display: &dyn Fn(&Path) -> String,
) -> Discovery {
    let mut out = Discovery::default();
    let whole = |path: &Path, message: String| FileError {
        file: display(path).into(),
        line: 0,
        column: 0,
        message,
    };
    // A compiled template is reported from the `.bicep` it was built from when that is
    // checked too: the two are one deployment, and checking both reported every vault twice.
    // Named alone (`vigil check X.json`), it is checked.
    for json in std::mem::take(&mut found.compiled) {
        let source = json.with_extension("bicep");
        if found.units.contains(&Unit::Bicep(source.clone())) {
            out.compiled.insert(source.clone(), json.clone());
            out.notes.push(whole(
                &json,
                format!(
                    "compiled by `bicep build` from {}: reported from the .bicep (and read for \
                     the modules the .bicep names that vigil cannot read)",
                    display(&source)
                ),
            ));
        } else {
            found.units.insert(Unit::Template(json));
        }
    }
    // Parameter files the templates in the scan use; the rest are said, never dropped.
    let mut claimed: BTreeSet<PathBuf> = BTreeSet::new();
    for unit in &found.units {
        if parameters.is_some() {
            break;
        }
        let (t, beside) = match unit {
            Unit::Template(t) => (t, vigil_arm::parameter_file_for(t)),
            Unit::Bicep(t) => (t, vigil_bicep::parameter_file_for(t)),
            _ => continue,
        };
        if let Some(p) = config.parameters_for(t) {
            claimed.insert(absolute(p));
        } else if let Some(p) = beside {
            claimed.insert(absolute(&p));
        }
    }
    for json in &found.other_json {
        // A parameter file without `$schema` that a template or .bicep uses is not skipped.
        if claimed.contains(&absolute(json))
            || parameters.is_some_and(|given| absolute(given) == absolute(json))
        {
            continue;
        }
        out.notes.push(whole(
            json,
            "skipped: JSON that is neither an ARM template, a parameter file nor a Terraform plan"
                .into(),
        ));
    }
    for p in &found.parameters {
        if parameters.is_some_and(|given| absolute(given) == absolute(p))
            || claimed.contains(&absolute(p))
        {
            continue;
        }
        // Templates beside it, the ones a person would pair it with.
        let dir = absolute(&parent_dir(p));
        let beside: Vec<String> = found
            .units
            .iter()
            .filter_map(|u| match u {
                Unit::Template(t) | Unit::Bicep(t) => Some(t),
                _ => None,
            })
            .filter(|t| absolute(&parent_dir(t)) == dir)
            .map(|t| display(t))
            .collect();
        let could = if beside.is_empty() {
            "no template is beside it".to_string()
        } else {
            format!("templates beside it: {}", beside.join(", "))
        };
        out.unchecked.push(Unchecked {
            kind: UncheckedKind::Parameters,
            why: "no template uses it".into(),
            at: whole(
                p,
                format!(
                    "parameter file that no template in the scan uses ({could}); vigil pairs \
                     X.parameters.json with X.json or X.bicep, and `arm.parameters` in vigil.yaml or \
                     --parameters name others"
                ),
            ),
            module: None,
        });
    }
    out.units = found.units.into_iter().collect();
    out
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

/// A path as reports show it: relative to the root, forward slashes, `.` and `..` resolved, so
/// that one file has one name in every output. A file outside the root (a module reached by
/// `../`) gets the `../` path that resolves from the root, as SARIF's `%SRCROOT%` needs.
pub fn display_path(root: &Path, path: &Path) -> String {
    display_from(&absolute(root), path)
}

/// [`display_path`] with the root already absolute: the binary makes it once per run rather
/// than asking for the current directory once per file.
pub fn display_from(abs_root: &Path, path: &Path) -> String {
    use std::path::Component;
    let abs_path = absolute(path);
    let root: Vec<Component> = abs_root.components().collect();
    let file: Vec<Component> = abs_path.components().collect();
    let common = root.iter().zip(&file).take_while(|(a, b)| a == b).count();
    // Nothing in common but the filesystem root (another drive on Windows): an absolute path
    // is the only name that still resolves.
    if common == 0 {
        return abs_path.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = Vec::new();
    for _ in common..root.len() {
        parts.push("..".into());
    }
    for c in &file[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
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
