//! The discover stage: finds the units to check under the paths (every directory holding
//! Terraform configuration, plans, ARM templates and Bicep files), with what it leaves out and
//! why. [`classify`] is the one place a file is told to be a unit (or part of one). Files are
//! read under the thread's [`files::FileContext`]: a buffer of its overlay is read in place of
//! the file, and one for a file that is not on disk is found as if it were.

use crate::config::Config;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use vigil_model::files::{self, Overlay, Refusal};
use vigil_model::limits::IGNORE_FILE_BYTES;
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

/// What a file is to discovery: [`classify`]'s answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A `.bicep` or `.bicepparam`: a unit of its own.
    Bicep,
    /// Terraform configuration (or, named, a variables file): its directory is the unit.
    Terraform,
    /// A `terraform show -json` plan.
    Plan,
    /// An ARM template; `compiled` when `bicep build` wrote it (`metadata._generator.name`).
    Template { compiled: bool },
    /// A deploymentParameters file (ARM's, or the JSON parameter file of a Bicep template).
    Parameters,
    /// JSON that is none of those.
    OtherJson,
}

/// What a file is, by its name and, for JSON, by what its beginning says; None: no file vigil
/// reads. `named`: given on the command line (a variables file alone then names its
/// directory). The one place that tells what a file is: discovery and its callers (an editor
/// asking whether a buffer is checked) ask it.
pub fn classify(path: &Path, named: bool) -> Option<FileKind> {
    // A name that is not UTF-8 is still a `.tf` or a `.bicep` by its ending.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if vigil_bicep::is_bicep_file(&name) {
        Some(FileKind::Bicep)
    } else if vigil_terraform::is_config_file(&name)
        || (named && vigil_terraform::is_unit_file(&name))
    {
        Some(FileKind::Terraform)
    } else {
        json_kind(path)
    }
}

/// The beginning of a file, read under the policy (a FIFO or a link out of the root is never
/// opened), or of the buffer that stands in for it. A file over the size limit still has its
/// beginning read, to be told what it is: reading it whole then says it is too large.
fn sniff(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    if let Some(bytes) = files::buffer(path) {
        return Some(bytes[..bytes.len().min(SNIFF_BYTES as usize)].to_vec());
    }
    let any_size = files::policy().with_max_file_size(u64::MAX);
    let mut head = Vec::new();
    files::open(path, &any_size)
        .ok()?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

fn json_kind(path: &Path) -> Option<FileKind> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if !is_json(&name) {
        return None;
    }
    let head = sniff(path)?;
    // A UTF-16 template is told by what it says, so that reading it says it is UTF-16 rather
    // than being passed over as JSON of no kind.
    let head = match files::utf16(&head) {
        Some(what) => {
            let units = head.chunks_exact(2).map(|p| {
                if what.contains("big-endian") {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            });
            std::borrow::Cow::Owned(char::decode_utf16(units).filter_map(Result::ok).collect())
        }
        None => String::from_utf8_lossy(&head),
    };
    Some(if vigil_terraform::is_plan(&head) {
        FileKind::Plan
    } else if vigil_arm::is_template(&head) {
        FileKind::Template {
            compiled: compiled_by_bicep(&head),
        }
    } else if is_parameters(&head) {
        FileKind::Parameters
    } else {
        FileKind::OtherJson
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
        FileKind::Plan => Some(Unit::Plan(path.to_path_buf())),
        FileKind::Template { .. } => Some(Unit::Template(path.to_path_buf())),
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
#[derive(Debug, Default)]
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
    /// What made paths or directories unreadable (a path that is not there, a walk error).
    pub errors: Vec<FileError>,
}

/// What walking the paths collected, before the units are decided.
#[derive(Default)]
struct Found {
    units: BTreeSet<Unit>,
    /// Templates `bicep build` wrote.
    compiled: Vec<PathBuf>,
    parameters: Vec<PathBuf>,
    other_json: Vec<PathBuf>,
    /// Files not read for what they are (FIFOs, links out of the scan root), said on the
    /// summary line and with `--verbose`.
    skipped: Vec<Unchecked>,
    /// What `--verbose` says beside (a link to a file checked itself).
    notes: Vec<FileError>,
}

impl Found {
    fn add_file(&mut self, path: &Path, named: bool) {
        match classify(path, named) {
            Some(FileKind::Bicep) => {
                self.units.insert(Unit::Bicep(path.to_path_buf()));
            }
            Some(FileKind::Terraform) => {
                self.units.insert(Unit::Module(parent_dir(path)));
            }
            Some(FileKind::Plan) => {
                self.units.insert(Unit::Plan(path.to_path_buf()));
            }
            Some(FileKind::Template { compiled: true }) => {
                self.compiled.push(path.to_path_buf());
            }
            Some(FileKind::Template { compiled: false }) => {
                self.units.insert(Unit::Template(path.to_path_buf()));
            }
            Some(FileKind::Parameters) => {
                // pre-commit passes a changed parameter file alone: check its template.
                match template_of_parameters(path).filter(|_| named) {
                    Some(template) => {
                        self.units.insert(template);
                    }
                    None => self.parameters.push(path.to_path_buf()),
                }
            }
            Some(FileKind::OtherJson) => self.other_json.push(path.to_path_buf()),
            None => {}
        }
    }
}

/// Whether vigil reads a file of this name (a walked one, or with `named` one given on the
/// command line): only such files are vetted and said when skipped; a socket named `x.sock`
/// is none of vigil's business.
fn reads(name: &str, named: bool) -> bool {
    vigil_bicep::is_bicep_file(name)
        || vigil_terraform::is_config_file(name)
        || (named && vigil_terraform::is_unit_file(name))
        || is_json(name)
}

/// `.gitignore` files are read by the `ignore` crate itself, whole, and compiled into one
/// glob matcher each: one file is at most [`IGNORE_FILE_BYTES`], and the ignore files of a run
/// together stay under this, so that a thousand directories each with a large one cannot take
/// the run's time either.
const GITIGNORE_BUDGET: u64 = 256 << 10;

/// Why the `.gitignore` in `dir` must not be handed to the `ignore` crate, which opens and
/// reads it without asking what it is (a FIFO there would block the walk forever): the file,
/// the reason (after its name), and whether that is an error rather than a note.
/// `spent`: the bytes of ignore files handed to the crate so far in this run.
fn bad_gitignore(dir: &Path, spent: &AtomicU64) -> Option<(PathBuf, String, bool)> {
    use std::sync::atomic::Ordering;
    let file = dir.join(".gitignore");
    std::fs::symlink_metadata(&file).ok()?;
    let policy = files::policy();
    let strict = policy.with_max_file_size(policy.max_file_size.min(IGNORE_FILE_BYTES));
    match files::vet(&file, &strict) {
        Err(refusal) => Some((
            file,
            format!("is {}", refusal.message()),
            matches!(refusal, Refusal::Io(_)),
        )),
        Ok(meta) => {
            let before = spent.fetch_add(meta.len(), Ordering::Relaxed);
            if before + meta.len() <= GITIGNORE_BUDGET {
                return None;
            }
            // Not read, so not counted.
            spent.fetch_sub(meta.len(), Ordering::Relaxed);
            Some((
                file,
                format!(
                    "not read: with it the ignore files of this run would pass {} together, the \
                     most vigil compiles into patterns",
                    files::format_size(GITIGNORE_BUDGET)
                ),
                false,
            ))
        }
    }
}

/// The path an error of the walk is about, and what it says without it.
fn walk_error_parts(e: &ignore::Error) -> (Option<PathBuf>, String) {
    match e {
        ignore::Error::WithPath { path, err } => {
            let message = walk_error_parts(err).1;
            // walkdir's message names the path again, which the error already does.
            let named = format!("IO error for operation on {}: ", path.display());
            let message = message
                .strip_prefix(&named)
                .map_or(message.clone(), str::to_string);
            (Some(path.clone()), message)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_parts(err)
        }
        ignore::Error::Loop { ancestor, child } => (
            Some(child.clone()),
            format!(
                "a symbolic link loop back to {}: not walked again",
                files::escaped_name(ancestor.as_os_str())
            ),
        ),
        ignore::Error::Partial(errs) => {
            errs.first().map_or((None, e.to_string()), walk_error_parts)
        }
        other => (None, other.to_string()),
    }
}

/// A directory not entered for its `.gitignore`: (directory, file, why, an error).
type RefusedIgnore = (PathBuf, PathBuf, String, bool);

/// What walking the paths met on the way, besides files.
struct Walked<'a> {
    found: &'a mut Found,
    errors: &'a mut Vec<FileError>,
    display: &'a dyn Fn(&Path) -> String,
    /// Symbolic links to files, decided once every regular file is known.
    links: Vec<PathBuf>,
    /// Every regular file walked, as walked, to tell a link to one of them.
    walked: std::collections::HashSet<PathBuf>,
    roots: Vec<PathBuf>,
    /// The bytes of ignore files handed to the `ignore` crate in this run.
    gitignore_bytes: Arc<AtomicU64>,
}

impl Walked<'_> {
    fn refuse(&mut self, path: &Path, refusal: &Refusal) {
        match files::refused(&(self.display)(path), refusal) {
            Ok(note) => self.found.skipped.push(note),
            Err(error) => self.errors.push(error),
        }
    }

    /// Walks one directory (`respect`: with git's ignore files). A directory whose `.gitignore`
    /// cannot be read safely is walked on its own afterwards, without ignore files: checking
    /// more than git would is the safe side.
    fn walk(&mut self, root: &Path, config: &Arc<Config>, respect: bool) {
        self.roots.push(root.to_path_buf());
        let mut respect = respect;
        if respect {
            // The crate reads the root's own and its parents' ignore files before the first
            // entry.
            if let Some((file, why, error)) = std::iter::once(root)
                .chain(absolute(root).ancestors().skip(1))
                .find_map(|d| bad_gitignore(d, &self.gitignore_bytes))
            {
                self.gitignore_refused(&file, &why, error);
                respect = false;
            }
        }
        // `ignore` honours .gitignore as git does. Its serial walker: listing directories is a
        // sliver of a run, and starting the parallel one's threads cost more than it saved on
        // small trees.
        let mut walk = ignore::WalkBuilder::new(root);
        walk.hidden(false)
            .git_ignore(respect)
            .git_global(respect)
            .git_exclude(respect)
            // ripgrep's `.ignore` files are not git's: a tree must not hide a vault from its
            // checker through a file the user never asked to honour.
            .ignore(false)
            // The crate detects loops when it follows links.
            .follow_links(files::policy().follow_symlinks);
        // Excluded directories are not walked into at all.
        let filter = Arc::clone(config);
        let refused_gitignores: Arc<std::sync::Mutex<Vec<RefusedIgnore>>> = Arc::default();
        let refused = Arc::clone(&refused_gitignores);
        let spent = Arc::clone(&self.gitignore_bytes);
        walk.filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            if !is_dir || e.depth() == 0 {
                return true;
            }
            if NEVER_WALKED
                .iter()
                .any(|n| e.file_name() == std::ffi::OsStr::new(n))
                || !filter.enters(e.path())
            {
                return false;
            }
            // Checked before the crate enters the directory and opens its `.gitignore`.
            if respect {
                if let Some((file, why, error)) = bad_gitignore(e.path(), &spent) {
                    if let Ok(mut list) = refused.lock() {
                        list.push((e.path().to_path_buf(), file, why, error));
                    }
                    return false;
                }
            }
            true
        });
        for result in walk.build() {
            let entry = match result {
                Ok(entry) => entry,
                Err(e) => {
                    let (path, message) = walk_error_parts(&e);
                    self.errors.push(FileError {
                        file: path
                            .as_deref()
                            .map_or_else(|| (self.display)(root), |p| (self.display)(p))
                            .into(),
                        line: 0,
                        column: 0,
                        message: format!(
                            "cannot walk this path, so what is under it is not checked: {message}"
                        ),
                    });
                    continue;
                }
            };
            let Some(ty) = entry.file_type() else {
                continue;
            };
            if ty.is_dir() || !config.selects(entry.path()) {
                continue;
            }
            // A name that is not UTF-8 is still a `.tf` or a `.bicep` by its ending.
            let name = entry.file_name().to_string_lossy();
            if !reads(&name, false) {
                continue;
            }
            if ty.is_file() {
                self.walked.insert(entry.path().to_path_buf());
                self.found.add_file(entry.path(), false);
            } else if ty.is_symlink() {
                self.links.push(entry.path().to_path_buf());
            } else if let Some(what) = files::special_kind(&ty) {
                self.refuse(entry.path(), &Refusal::Special(what));
            }
        }
        let refused =
            std::mem::take(&mut *refused_gitignores.lock().unwrap_or_else(|p| p.into_inner()));
        for (dir, file, why, error) in refused {
            self.gitignore_refused(&file, &why, error);
            self.walk(&dir, config, false);
        }
    }

    fn gitignore_refused(&mut self, file: &Path, why: &str, error: bool) {
        let shown = (self.display)(file);
        let at = FileError {
            file: shown.as_str().into(),
            line: 0,
            column: 0,
            message: format!("{shown} {why}; its directory is checked without ignore files"),
        };
        if error {
            self.errors.push(at);
        } else {
            self.found.skipped.push(Unchecked {
                kind: UncheckedKind::File,
                why: "ignore file not read".into(),
                at,
                module: None,
            });
        }
    }

    /// A link to a file is checked as the file it is, unless it leads out of the scan root,
    /// to what is no regular file, or to a file the walk checks itself (one vault, one
    /// finding).
    fn links(&mut self) {
        for link in std::mem::take(&mut self.links) {
            if let Err(refusal) = files::vet(&link, files::policy()) {
                self.refuse(&link, &refusal);
                continue;
            }
            if let Some(target) = self.walked_target(&link) {
                self.found.notes.push(FileError {
                    file: (self.display)(&link).into(),
                    line: 0,
                    column: 0,
                    message: format!(
                        "a symbolic link to {}, which is checked itself: not checked twice",
                        (self.display)(&target)
                    ),
                });
                continue;
            }
            self.walked.insert(link.clone());
            self.found.add_file(&link, false);
        }
    }

    /// The walked regular file a link resolves to, if any.
    fn walked_target(&self, link: &Path) -> Option<PathBuf> {
        let target = std::fs::canonicalize(link).ok()?;
        self.roots.iter().find_map(|root| {
            let canonical_root = std::fs::canonicalize(root).ok()?;
            let rel = target.strip_prefix(&canonical_root).ok()?;
            let walked = root.join(rel);
            self.walked.contains(&walked).then_some(walked)
        })
    }
}

/// The units under `paths`: module directories (a file names its directory), plans, templates
/// and Bicep files. `parameters` is `--parameters`, which every template uses. Every file is
/// read under [`files::policy`]: what it refuses is said, as a note or an error. The buffers
/// of `overlay` stand in for the files at their paths; one whose file is not on disk is found
/// as a file named (a path given) or walked (under a directory given, unless the configuration
/// excludes it; ignore files do not hide it, the editor has it open).
pub fn units(
    paths: &[PathBuf],
    config: &Arc<Config>,
    parameters: Option<&Path>,
    overlay: &Overlay,
    display: &dyn Fn(&Path) -> String,
) -> Discovery {
    let mut found = Found::default();
    let mut errors = Vec::new();
    let mut walked = Walked {
        found: &mut found,
        errors: &mut errors,
        display,
        links: Vec::new(),
        walked: std::collections::HashSet::new(),
        roots: Vec::new(),
        gitignore_bytes: Arc::default(),
    };
    for path in paths {
        match std::fs::metadata(path) {
            Err(_) if overlay.get(path).is_some() => {
                if config.selects(path) && reads(&file_name(path), true) {
                    walked.found.add_file(path, true);
                }
            }
            Err(e) => walked.errors.push(FileError {
                file: display(path).into(),
                line: 0,
                column: 0,
                message: format!("cannot read the path: {e}"),
            }),
            Ok(meta) if meta.is_dir() => {
                let respect = config.file.respect_gitignore.unwrap_or(true);
                walked.walk(path, config, respect);
                walked.buffers_under(path, config, overlay);
            }
            // Excludes hold for files named on the command line too: pre-commit passes every
            // staged file, and an excluded one must stay unchecked.
            Ok(_) if !config.selects(path) => {}
            Ok(_) => {
                // Files that are not IaC (a README that pre-commit passes) are skipped.
                if !reads(&file_name(path), true) {
                    continue;
                }
                match files::vet(path, files::policy()) {
                    Ok(_) => walked.found.add_file(path, true),
                    Err(refusal) => walked.refuse(path, &refusal),
                }
            }
        }
    }
    walked.links();
    let mut out = decide(found, config, parameters, display);
    out.errors = errors;
    out
}

/// A file's name as discovery compares it: one that is not UTF-8 is still a `.tf` or a
/// `.bicep` by its ending.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Walked<'_> {
    /// The buffers under the directory `root` whose file is not on disk (the walk found the
    /// others), taken as the walk would take such a file.
    fn buffers_under(&mut self, root: &Path, config: &Config, overlay: &Overlay) {
        let abs_root = absolute(root);
        for abs in overlay.paths() {
            let Ok(rel) = abs.strip_prefix(&abs_root) else {
                continue;
            };
            if std::fs::symlink_metadata(abs).is_ok() {
                continue;
            }
            let path = root.join(rel);
            let mut dirs: Vec<&Path> = path.ancestors().skip(1).collect();
            dirs.truncate(rel.components().count().saturating_sub(1));
            let entered = dirs.iter().all(|d| {
                !NEVER_WALKED
                    .iter()
                    .any(|n| d.file_name() == Some(std::ffi::OsStr::new(n)))
                    && config.enters(d)
            });
            if entered && config.selects(&path) && reads(&file_name(&path), false) {
                self.found.add_file(&path, false);
            }
        }
    }
}

fn decide(
    mut found: Found,
    config: &Config,
    parameters: Option<&Path>,
    display: &dyn Fn(&Path) -> String,
) -> Discovery {
    let mut out = Discovery {
        unchecked: std::mem::take(&mut found.skipped),
        notes: std::mem::take(&mut found.notes),
        ..Discovery::default()
    };
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
        return files::escaped_name(abs_path.as_os_str()).replace('\\', "/");
    }
    let mut parts: Vec<String> = Vec::new();
    for _ in common..root.len() {
        parts.push("..".into());
    }
    for c in &file[common..] {
        parts.push(files::escaped_name(c.as_os_str()));
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
    vigil_model::files::lexical_absolute(path)
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
