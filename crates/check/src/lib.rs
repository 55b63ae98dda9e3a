//! The check pipeline as a library: what `vigil check`, `vigil show`, `vigil baseline` (and a
//! fix or an editor server) run, as stages with typed inputs and outputs. The library never
//! prints or exits; what a person should hear comes back as data ([`Error`], warnings, notes).
//!
//! 1. **Configure**: [`load_config`] finds and reads `vigil.yaml` for the [`Options`] (what the
//!    command line says), [`Selection::new`] picks the rules, [`Session::new`] sets up the run
//!    (the file context with its [`Overlay`] of buffers, evaluation options, threads, budget).
//! 2. **Discover** ([`Session::discover`], [`discover`]): paths -> [`Discovery`] (units, and
//!    what was left out and why). [`discover::classify`] tells what one file is.
//! 3. **Evaluate** ([`Session::evaluate`], [`evaluate`]): units -> [`Evaluated`] (each unit's
//!    resources, errors, warnings, unchecked), in parallel, in unit order.
//! 4. **Judge** ([`Session::judge`], [`judge`]): units -> [`Judged`] (the rules' findings,
//!    merged, scoped to the paths asked about and deduplicated); each unit is evaluated and
//!    judged on one thread, so a unit's files are dropped as soon as it is judged.
//! 5. **Filter** ([`filter`]): inline suppressions, the configuration's ignores and the
//!    baseline, in one module: [`Judged`] -> [`Outcome`].
//! 6. **Report**: `vigil_report`, given [`Outcome::report`].
//!
//! Every file read runs under a [`vigil_model::files::FileContext`] the session enters on the
//! thread doing the work: buffers of the overlay are read in place of the files at their
//! paths (an editor's unsaved text), and discovery finds a buffer whose file is not on disk.

pub mod baseline;
pub mod config;
pub mod discover;
pub mod effective;
pub mod evaluate;
pub mod filter;
pub mod judge;

pub use config::Config;
pub use discover::{Discovery, FileKind, Scope, Unit};
pub use evaluate::{Evaluated, EvaluatedUnit, Shown, UnitRoot};
pub use filter::Outcome;
pub use judge::{Judged, Selection};
pub use vigil_model::files::Overlay;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use vigil_model::files::{FileContext, FilePolicy};
use vigil_model::IsoDate;

/// Why a run cannot go on. Each says what to do about it; [`Error::at`] is where, when the
/// error is about a place in a file. The texts quote user input through
/// `vigil_report::terminal` already, so they can be printed as they are.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration file does not read or check.
    #[error("{message}")]
    Config { at: String, message: String },
    #[error("--select names no rule; give rule ids, names or prefixes (`--select AZKV001`)")]
    EmptySelect,
    /// `select` or `ignore` names no rule.
    #[error("{0}")]
    Rules(String),
    /// The configuration's `severity` names a rule vigil does not have.
    #[error("`severity` names an unknown rule `{rule}`")]
    UnknownSeverityRule { at: String, rule: String },
    #[error("--root {0}: not a directory (paths are reported relative to it)")]
    Root(String),
    #[error("--var expects NAME=VALUE, got `{0}`")]
    Var(String),
    /// A variables or parameter file named that cannot be read.
    #[error("{file}: {why}")]
    Input { file: String, why: String },
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    /// The baseline file does not read or is of another version.
    #[error("{0}")]
    Baseline(String),
}

impl Error {
    /// Where the error is, when it is about a place (`vigil.yaml:3:5`), to print before it.
    pub fn at(&self) -> Option<&str> {
        match self {
            Error::Config { at, .. } | Error::UnknownSeverityRule { at, .. } => Some(at),
            _ => None,
        }
    }
}

/// What decides which files are read and how they are evaluated: the command line's scan
/// options, shared by `check`, `baseline` and `show` so that each sees what the others do.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Files or directories to check; a file pulls in its whole unit.
    pub paths: Vec<PathBuf>,
    /// `--config`: this configuration file instead of the one found.
    pub config: Option<PathBuf>,
    /// `--no-config`.
    pub no_config: bool,
    /// `--root`: the directory reported paths are relative to.
    pub root: Option<PathBuf>,
    /// `--select`: replaces the configuration's.
    pub select: Vec<String>,
    /// `--ignore`: added to the configuration's.
    pub ignore: Vec<String>,
    /// `--var NAME=VALUE`, as given.
    pub vars: Vec<String>,
    pub var_files: Vec<PathBuf>,
    /// `--parameters`: the parameter file of every template.
    pub parameters: Option<PathBuf>,
    pub no_inline_ignores: bool,
    /// Keep discovery's notes (they are dropped without it).
    pub verbose: bool,
    /// Worker threads (None: one per core).
    pub threads: Option<usize>,
    pub max_file_size: Option<u64>,
    pub follow_symlinks: bool,
    /// Buffers that stand in for files (an editor's unsaved text).
    pub overlay: Overlay,
}

impl Options {
    /// The root that reported paths are relative to, when `--root` is not given.
    pub fn scan_root(&self) -> PathBuf {
        discover::scan_root(&self.paths)
    }

    /// The directory reported paths are relative to.
    pub fn display_root(&self) -> PathBuf {
        self.root.clone().unwrap_or_else(|| self.scan_root())
    }

    /// Paths are reported relative to the root: one that is not a directory would give paths
    /// that resolve from nowhere.
    pub fn check_root(&self) -> Result<(), Error> {
        match &self.root {
            Some(root) if !root.is_dir() => Err(Error::Root(root.display().to_string())),
            _ => Ok(()),
        }
    }

    /// What may be read: links may lead anywhere under the scan root, the report root and each
    /// directory named; the command line's settings win over the configuration's (which is
    /// read under the command line's alone).
    pub fn file_policy(&self, config: Option<&Config>) -> FilePolicy {
        let roots = [self.scan_root(), self.display_root()]
            .into_iter()
            .chain(self.paths.iter().filter(|p| p.is_dir()).cloned());
        let follow =
            self.follow_symlinks || config.is_some_and(|c| c.file.follow_symlinks.unwrap_or(false));
        let max = self
            .max_file_size
            .or(config.and_then(|c| c.max_file_size))
            .unwrap_or(vigil_model::files::DEFAULT_MAX_FILE_SIZE);
        FilePolicy::new(roots, follow, max)
    }
}

/// The configuration for these options: `--config`, else the file found from the scan root
/// upwards, else defaults. A buffer of the overlay stands in for the file.
pub fn load_config(opts: &Options) -> Result<Config, Error> {
    let root = opts.scan_root();
    if opts.no_config {
        return Ok(Config::defaults(&root));
    }
    let Some(path) = config::find(&root, opts.config.as_deref()) else {
        return Ok(Config::defaults(&root));
    };
    let shown = discover::display_path(&opts.display_root(), &path);
    let context = Arc::new(FileContext::new(
        opts.file_policy(None),
        opts.overlay.clone(),
    ));
    vigil_model::files::with_context(&context, || Config::load(&path, &shown, &context.policy))
        .map_err(|e| Error::Config {
            at: format!("{}:{}:{}", crate::quoted(&e.file), e.line, e.column),
            message: crate::quoted(&e.message),
        })
}

/// Today, for expiry dates: the calendar day in UTC, so that a run means the same on every
/// machine (and jiff need not search the time-zone database, a millisecond of a small run).
pub fn today() -> IsoDate {
    let date = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    IsoDate {
        year: u16::try_from(date.year()).unwrap_or(0),
        month: u8::try_from(date.month()).unwrap_or(1),
        day: u8::try_from(date.day()).unwrap_or(1),
    }
}

/// One run: the options and configuration it was made from, and what every stage shares (the
/// file context, the evaluation options, the worker threads, the run's budget).
pub struct Session {
    pub options: Options,
    pub config: Arc<Config>,
    pub terraform: vigil_terraform::Options,
    pool: rayon::ThreadPool,
    pub run_budget: Arc<vigil_model::budget::RunBudget>,
    /// What every read of the run sees: the policy and the overlay.
    pub files: Arc<FileContext>,
    /// The directory paths are reported relative to, as given and made absolute.
    pub root: PathBuf,
    abs_root: PathBuf,
}

impl Session {
    /// Sets up a run: the file policy (the command line over the configuration), the
    /// Terraform variables (the configuration's, then `--var`), the files named that must be
    /// there, the worker threads.
    pub fn new(options: Options, config: Config) -> Result<Session, Error> {
        let files = Arc::new(FileContext::new(
            options.file_policy(Some(&config)),
            options.overlay.clone(),
        ));
        let config = Arc::new(config);
        let mut terraform = vigil_terraform::Options {
            vars: Vec::new(),
            var_files: config
                .file
                .terraform
                .var_files
                .iter()
                .map(|f| config.dir.join(f))
                .chain(options.var_files.iter().cloned())
                .collect(),
        };
        for (name, value) in &config.file.terraform.vars {
            // A string is what `-var name=text` would give; anything else is written as the
            // expression it is (JSON's lists and objects are valid HCL).
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            terraform.vars.push((name.clone(), text));
        }
        for raw in &options.vars {
            match raw.split_once('=') {
                Some((name, value)) if !name.trim().is_empty() => terraform
                    .vars
                    .push((name.trim().to_string(), value.to_string())),
                _ => return Err(Error::Var(raw.clone())),
            }
        }
        let arm_params = config.arm_parameters.iter().map(|(_, p)| p.as_path());
        let named = terraform
            .var_files
            .iter()
            .map(PathBuf::as_path)
            .chain(options.parameters.as_deref())
            .chain(arm_params);
        vigil_model::files::with_context(&files, || {
            for file in named {
                if vigil_model::files::is_file(file) {
                    continue;
                }
                // A FIFO or a device named here would block or never end: said for what it is.
                let why = match vigil_model::files::vet(file, &files.policy) {
                    Err(refusal) if file.exists() => refusal.message(),
                    _ => "no such file".to_string(),
                };
                return Err(Error::Input {
                    file: crate::quoted(&file.display().to_string()),
                    why,
                });
            }
            Ok(())
        })?;

        let mut builder = rayon::ThreadPoolBuilder::new().stack_size(16 * 1024 * 1024);
        if let Some(n) = options.threads {
            builder = builder.num_threads(n.max(1));
        }
        let pool = builder.build().map_err(|e| Error::Threads(e.to_string()))?;
        let run_budget = vigil_model::budget::RunBudget::new(config.limits);
        let root = options.display_root();
        let abs_root = discover::absolute(&root);
        Ok(Session {
            options,
            config,
            terraform,
            pool,
            run_budget,
            files,
            root,
            abs_root,
        })
    }

    /// A path as reports show it: relative to the report root, forward slashes.
    pub fn display(&self, path: &Path) -> String {
        discover::display_from(&self.abs_root, path)
    }

    /// What the paths asked about cover, as reported paths.
    pub fn scope(&self) -> Scope {
        Scope::new(&self.options.paths, &|p: &Path| self.display(p))
    }

    /// Runs `f` on the session's worker threads, in its file context.
    fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        self.pool
            .install(|| vigil_model::files::with_context(&self.files, f))
    }

    /// Runs `f` in the session's file context on this thread (reads it does see the overlay).
    pub fn reading<T>(&self, f: impl FnOnce() -> T) -> T {
        vigil_model::files::with_context(&self.files, f)
    }

    /// The discover stage: the units under the paths.
    pub fn discover(&self) -> Discovery {
        self.install(|| {
            discover::units(
                &self.options.paths,
                &self.config,
                self.options.parameters.as_deref(),
                &self.options.overlay,
                &|p: &Path| self.display(p),
            )
        })
    }
}

/// User input quoted in a message, neutralised as the text report's (no escapes, no hidden
/// characters, no workflow commands).
fn quoted(text: &str) -> String {
    vigil_report::terminal(text).into_owned()
}
