//! The `vigil` binary: parses the command line, finds the units, runs the front ends and the
//! rules in parallel, and prints the report. The only place that prints or exits.

mod args;
mod baseline;
mod config;
mod discover;
mod output;

use args::{BaselineArgs, CheckArgs, Cli, Command, ConfigArgs, ScanArgs, ShowArgs};
use clap::Parser;
use config::Config;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use vigil_model::{
    FileError, Finding, IsoDate, Location, RuleMeta, Severity, SourceFile, Suppression, Unchecked,
};
use vigil_rules::RuleSet;

// Parsing allocates many small nodes; glibc's allocator spent a third of a run on them.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_OK: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Baseline(args) => record_baseline(args),
        Command::Show(args) => show(args),
        Command::Config(args) => show_config(args),
        Command::Rules => list_rules(),
        Command::Rule { id } => show_rule(&id),
    };
    ExitCode::from(code)
}

fn list_rules() -> u8 {
    let rules = RuleSet::builtin();
    let mut out = String::new();
    out.push_str(&format!(
        "{:<8} {:<36} {:<8} {}\n",
        "ID", "NAME", "SEVERITY", "TITLE"
    ));
    for meta in rules.metas() {
        out.push_str(&format!(
            "{:<8} {:<36} {:<8} {}\n",
            meta.id,
            meta.name,
            meta.severity.as_str(),
            meta.title
        ));
    }
    print_stdout(&out)
}

fn show_rule(id: &str) -> u8 {
    let rules = RuleSet::builtin();
    let found = rules.get(id).or_else(|| {
        rules
            .rules()
            .find(|r| r.meta().name.eq_ignore_ascii_case(id))
    });
    match found {
        Some(rule) => {
            let meta = rule.meta();
            let text = format!(
                "# {} ({}): {}\n\nSeverity: {}\n\n{}\n",
                meta.id,
                meta.name,
                meta.title,
                meta.severity.as_str(),
                rule.documentation().trim_end()
            );
            print_stdout(&text)
        }
        None => {
            let known: Vec<String> = rules.metas().into_iter().map(|m| m.id).collect();
            eprintln!("error: no rule `{id}` (rules: {})", known.join(", "));
            EXIT_ERROR
        }
    }
}

fn print_stdout(text: &str) -> u8 {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`vigil rules | head`) is not an error worth reporting.
    let _ = stdout.write_all(text.as_bytes());
    EXIT_OK
}

/// Everything one unit yields, rules applied.
struct UnitResult {
    findings: Vec<Finding>,
    files: Vec<SourceFile>,
    /// Every file the unit read, as reported: a module read by several roots is one file.
    files_read: Vec<Arc<str>>,
    errors: Vec<FileError>,
    warnings: Vec<FileError>,
    unchecked: Vec<Unchecked>,
    /// A Terraform unit's declared variables (`Some(None)`: it cannot know them all); `None`
    /// for units that take no `--var`.
    inputs: Option<Option<Vec<String>>>,
}

fn mentions(finding: &Finding, path: &str) -> bool {
    &*finding.location.file == path
        || &*finding.resource.file == path
        || finding.trace.iter().any(|h| &*h.location.file == path)
}

/// What one run over the inputs found, suppressions and config ignores applied.
struct Scan {
    findings: Vec<Finding>,
    errors: Vec<FileError>,
    sources: HashMap<Arc<str>, SourceFile>,
    files_read: usize,
    metas: Vec<RuleMeta>,
    /// What the user should hear that does not change the exit code: expired or unused
    /// suppressions.
    warnings: Vec<FileError>,
    /// What was not checked and why: counted in the summary, listed with `--verbose`.
    unchecked: Vec<Unchecked>,
    /// What `--verbose` says beside (JSON that is not a template, compiled JSON reported from
    /// its `.bicep`); empty without it.
    notes: Vec<FileError>,
    /// No file the front ends read was found at all.
    nothing_found: bool,
    display_root: std::path::PathBuf,
}

/// Today, for expiry dates: the calendar day in UTC, so that a run means the same on every
/// machine (and jiff need not search the time-zone database, a millisecond of a small run).
fn today() -> IsoDate {
    let date = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    IsoDate {
        year: u16::try_from(date.year()).unwrap_or(0),
        month: u8::try_from(date.month()).unwrap_or(1),
        day: u8::try_from(date.day()).unwrap_or(1),
    }
}

/// The configuration for these arguments: `--config`, else the file found from the scan root
/// upwards, else defaults. Prints the error and returns the exit code when it cannot be used.
fn load_config(args: &ScanArgs) -> Result<Config, u8> {
    let root = discover::scan_root(&args.paths);
    if args.no_config {
        return Ok(Config::defaults(&root));
    }
    let Some(path) = config::find(&root, args.config.as_deref()) else {
        return Ok(Config::defaults(&root));
    };
    let shown = discover::display_path(&display_root(args), &path);
    Config::load(&path, &shown, &file_policy(args, None)).map_err(|e| {
        eprintln!(
            "{}:{}:{}: error: {}",
            vigil_report::terminal(&e.file),
            e.line,
            e.column,
            vigil_report::terminal(&e.message)
        );
        EXIT_ERROR
    })
}

/// What may be read: links may lead anywhere under the scan root, the report root and each
/// directory named; the command line's settings win over the configuration's (which is read
/// under the command line's alone).
fn file_policy(args: &ScanArgs, config: Option<&Config>) -> vigil_model::files::FilePolicy {
    let roots = [discover::scan_root(&args.paths), display_root(args)]
        .into_iter()
        .chain(args.paths.iter().filter(|p| p.is_dir()).cloned());
    let follow =
        args.follow_symlinks || config.is_some_and(|c| c.file.follow_symlinks.unwrap_or(false));
    let max = args
        .max_file_size
        .or(config.and_then(|c| c.max_file_size))
        .unwrap_or(vigil_model::files::DEFAULT_MAX_FILE_SIZE);
    vigil_model::files::FilePolicy::new(roots, follow, max)
}

/// The directory reported paths are relative to.
fn display_root(args: &ScanArgs) -> std::path::PathBuf {
    args.root
        .clone()
        .unwrap_or_else(|| discover::scan_root(&args.paths))
}

/// The rules to run: the command line's `--select` replaces the configuration's, its
/// `--ignore` adds to the configuration's.
fn rule_set(builtin: RuleSet, args: &ScanArgs, config: &Config) -> Result<RuleSet, u8> {
    let select = if args.select.is_empty() {
        config.select()
    } else if args.select.iter().all(|s| s.trim().is_empty()) {
        // `--select ""` would otherwise read as no selection at all, and run every rule.
        eprintln!(
            "error: --select names no rule; give rule ids, names or prefixes (`--select AZKV001`)"
        );
        return Err(EXIT_ERROR);
    } else {
        &args.select
    };
    let ignore: Vec<String> = config
        .file
        .ignore
        .iter()
        .chain(&args.ignore)
        .cloned()
        .collect();
    let rules = builtin.filter(select, &ignore).map_err(|e| {
        // The configuration's rule names are quoted back.
        eprintln!("error: {}", vigil_report::terminal(&e.to_string()));
        EXIT_ERROR
    })?;
    // A run with no rule passes everything: said, so that "All checks passed" is not read as
    // a verdict. (A warning, not an error: ignoring every rule of a tree can be on purpose.)
    if rules.rules().next().is_none() {
        eprintln!(
            "warning: no rule runs: the ignores ({}) leave out every rule selected, so nothing is checked",
            vigil_report::terminal(&ignore.join(", "))
        );
    }
    Ok(rules)
}

/// The severity a rule is reported with, after the configuration's overrides.
fn severity_overrides(
    config: &Config,
    known: &[RuleMeta],
    metas: &mut [RuleMeta],
) -> Result<(), u8> {
    for (rule, severity) in &config.severity {
        let Some(id) = known
            .iter()
            .find(|m| m.id.eq_ignore_ascii_case(rule) || m.name.eq_ignore_ascii_case(rule))
            .map(|m| m.id.clone())
        else {
            eprintln!(
                "{}: error: `severity` names an unknown rule `{}`",
                vigil_report::terminal(
                    &config
                        .path
                        .as_deref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                ),
                vigil_report::terminal(rule)
            );
            return Err(EXIT_ERROR);
        };
        for meta in metas.iter_mut().filter(|m| m.id == id) {
            meta.severity = *severity;
            // GitHub ranks alerts by this score: critical above 9.0, high from 7.0, medium
            // from 4.0, low below.
            meta.security_severity = match severity {
                Severity::Critical => "9.5",
                Severity::High => "8.0",
                Severity::Medium => "5.5",
                Severity::Low => "3.0",
                Severity::Info => "0.0",
            }
            .to_string();
        }
    }
    Ok(())
}

/// Paths are reported relative to the root: one that is not a directory would give paths that
/// resolve from nowhere.
fn check_root(args: &ScanArgs) -> Result<(), u8> {
    if let Some(root) = &args.root {
        if !root.is_dir() {
            eprintln!(
                "error: --root {}: not a directory (paths are reported relative to it)",
                root.display()
            );
            return Err(EXIT_ERROR);
        }
    }
    Ok(())
}

/// How a run evaluates its units, as the command line and the configuration set it: shared by
/// `check`, `baseline` and `show`, so that what `show` lists is what `check` judges.
struct Evaluation {
    config: Arc<Config>,
    options: vigil_terraform::Options,
    pool: rayon::ThreadPool,
    run_budget: Arc<vigil_model::budget::RunBudget>,
    /// The directory paths are reported relative to, as given and made absolute.
    root: std::path::PathBuf,
    abs_root: std::path::PathBuf,
}

impl Evaluation {
    fn display(&self, p: &Path) -> String {
        discover::display_from(&self.abs_root, p)
    }

    /// The units under the paths (errors of discovery go to `errors`).
    fn discover(&self, args: &ScanArgs, errors: &mut Vec<FileError>) -> discover::Discovery {
        discover::units(
            &args.paths,
            &self.config,
            args.parameters.as_deref(),
            errors,
            &|p: &Path| self.display(p),
        )
    }

    /// One unit evaluated on its own budget (instances count against the run's); what the
    /// budget refused is among its errors.
    fn unit(
        &self,
        args: &ScanArgs,
        discovery: &discover::Discovery,
        unit: &discover::Unit,
    ) -> vigil_model::UnitOutput {
        let display = |p: &Path| self.display(p);
        let config = &self.config;
        let (mut out, spent) = vigil_model::budget::with_run(&self.run_budget, || {
            vigil_model::budget::unit(|| match unit {
                discover::Unit::Module(dir) => {
                    vigil_terraform::evaluate_dir(dir, &display, &self.options)
                }
                discover::Unit::Plan(file) => vigil_terraform::evaluate_plan(file, &display),
                discover::Unit::Bicep(file) => {
                    // A JSON parameter file deploys a .bicep as it does a template.
                    let params = args
                        .parameters
                        .as_deref()
                        .or_else(|| config.parameters_for(file));
                    let mut out = vigil_bicep::evaluate_file_with(file, &display, params);
                    if let Some(json) = discovery.compiled.get(file) {
                        complete_from_compiled(&mut out, json, &display, params);
                    }
                    out
                }
                discover::Unit::Template(file) => {
                    let params = args
                        .parameters
                        .as_deref()
                        .or_else(|| config.parameters_for(file));
                    vigil_arm::evaluate_template(file, &display, params)
                }
            })
        });
        out.errors.extend(spent);
        out
    }
}

/// Sets the file policy and reads the evaluation options; an error is printed and its exit
/// code returned.
fn prepare(args: &ScanArgs, config: Config) -> Result<Evaluation, u8> {
    // Once per process, before the first file is read: every read goes by it.
    vigil_model::files::set_policy(file_policy(args, Some(&config)));
    let config = Arc::new(config);

    let mut options = vigil_terraform::Options {
        vars: Vec::new(),
        var_files: config
            .file
            .terraform
            .var_files
            .iter()
            .map(|f| config.dir.join(f))
            .chain(args.var_files.iter().cloned())
            .collect(),
    };
    for (name, value) in &config.file.terraform.vars {
        // A string is what `-var name=text` would give; anything else is written as the
        // expression it is (JSON's lists and objects are valid HCL).
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        options.vars.push((name.clone(), text));
    }
    for raw in &args.vars {
        match raw.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => options
                .vars
                .push((name.trim().to_string(), value.to_string())),
            _ => {
                eprintln!("error: --var expects NAME=VALUE, got `{raw}`");
                return Err(EXIT_ERROR);
            }
        }
    }
    let arm_params: Vec<&Path> = config
        .arm_parameters
        .iter()
        .map(|(_, p)| p.as_path())
        .collect();
    for file in options
        .var_files
        .iter()
        .map(|p| p.as_path())
        .chain(args.parameters.as_deref())
        .chain(arm_params)
    {
        if !file.is_file() {
            // A FIFO or a device named here would block or never end: said for what it is.
            let why = match vigil_model::files::vet(file, vigil_model::files::policy()) {
                Err(refusal) if file.exists() => refusal.message(),
                _ => "no such file".to_string(),
            };
            let file = file.display().to_string();
            eprintln!("error: {}: {why}", vigil_report::terminal(&file));
            return Err(EXIT_ERROR);
        }
    }

    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(16 * 1024 * 1024);
    if let Some(n) = args.threads {
        builder = builder.num_threads(n.max(1));
    }
    let pool = match builder.build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return Err(EXIT_ERROR);
        }
    };
    let run_budget = vigil_model::budget::RunBudget::new(config.limits);
    let root = display_root(args);
    let abs_root = discover::absolute(&root);
    Ok(Evaluation {
        config,
        options,
        pool,
        run_budget,
        root,
        abs_root,
    })
}

fn scan(args: &ScanArgs, config: Config) -> Result<Scan, u8> {
    check_root(args)?;
    // Compiled once: the rules that run are a selection of it, and suppressions need to tell a
    // rule that did not run from one that does not exist.
    let builtin = RuleSet::builtin();
    let known = builtin.metas();
    let rules = rule_set(builtin, args, &config)?;
    let mut metas = rules.metas();
    severity_overrides(&config, &known, &mut metas)?;
    let ev = prepare(args, config)?;
    let config = ev.config.clone();
    let run_budget = &ev.run_budget;
    let root = ev.root.clone();
    let display = |p: &Path| ev.display(p);
    let type_names = rule_types(&rules);
    let (mut errors, discovery, results) = ev.pool.install(|| {
        let mut errors = Vec::new();
        let discovery = ev.discover(args, &mut errors);
        let results: Vec<UnitResult> = discovery
            .units
            .par_iter()
            .map(|unit| {
                let out = ev.unit(args, &discovery, unit);
                let mut warnings = out.warnings;
                // The Terraform front end warns itself, at the `type` it reads (azurerm and
                // azapi names); ARM and Bicep types are warned of here.
                if matches!(unit, discover::Unit::Template(_) | discover::Unit::Bicep(_)) {
                    warnings.extend(type_typos(&out.resources, &type_names));
                }
                let mut unit_root = unit_root(unit, &display);
                if let discover::Unit::Bicep(file) = unit {
                    // What the compiled JSON gave is the .bicep's own deployment.
                    unit_root.also = discovery.compiled.get(file).map(|j| display(j));
                }
                let mut findings: Vec<Finding> =
                    out.resources.iter().flat_map(|r| rules.check(r)).collect();
                // A unit holds at most as many findings as the run reports (its first ones in
                // report order, which are the only ones that can be among the run's first).
                if findings.len() > run_budget.limits.run_findings {
                    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                    findings.truncate(run_budget.limits.run_findings);
                }
                for f in &mut findings {
                    if !unit_root.owns(&f.resource.file) {
                        f.resource.root = Some(unit_root.shown.as_str().into());
                    }
                }
                // Only files a finding or an error points into, or that hold a suppression, are
                // kept: dropping the rest keeps memory flat on large trees.
                let files_read = out.files.iter().map(|f| f.path.clone()).collect();
                let files = out
                    .files
                    .into_iter()
                    .filter(|f| {
                        !f.ignores.is_empty()
                            || findings.iter().any(|x| mentions(x, &f.path))
                            || out.errors.iter().any(|e| e.file == f.path)
                    })
                    .collect();
                UnitResult {
                    findings,
                    files,
                    files_read,
                    errors: out.errors,
                    warnings,
                    unchecked: out.unchecked,
                    inputs: matches!(unit, discover::Unit::Module(_)).then_some(out.inputs),
                }
            })
            .collect();
        (errors, discovery, results)
    });

    let nothing_found = discovery.units.is_empty();
    let mut findings = Vec::new();
    let mut sources: HashMap<Arc<str>, SourceFile> = HashMap::new();
    let mut files_read: std::collections::HashSet<Arc<str>> = std::collections::HashSet::new();
    let mut unchecked = discovery.unchecked;
    let mut unit_warnings = Vec::new();
    let mut inputs = Inputs::default();
    for unit in results {
        inputs.add(unit.inputs);
        files_read.extend(unit.files_read);
        unchecked.extend(unit.unchecked);
        unit_warnings.extend(unit.warnings);
        findings.extend(unit.findings);
        errors.extend(unit.errors);
        for f in unit.files {
            sources.entry(f.path.clone()).or_insert(f);
        }
    }
    let files_read = files_read.len();
    errors.extend(inputs.undeclared(
        &args.vars,
        config.path.as_deref(),
        &config.file.terraform.vars,
        &display,
    ));
    for f in &mut findings {
        if let Some(meta) = metas.iter().find(|m| m.id == f.rule_id) {
            f.severity = meta.severity;
        }
    }
    // Files named on the command line (pre-commit passes the staged ones) pull in their whole
    // unit, but only findings that point into them, whose resource is in them, whose instance
    // a module call in them created, or whose root they are (a `.bicepparam`) are theirs to
    // report. Directories named on the command line report everything under them, and the
    // instances their roots create.
    let scope = discover::Scope::new(&args.paths, &display);
    findings.retain(|f| {
        scope.covers(&f.location.file)
            || scope.covers(&f.resource.file)
            || f.resource.callers.iter().any(|c| scope.covers(&c.file))
            || f.resource.root.as_deref().is_some_and(|r| scope.covers(r))
    });
    // One finding per instance: the same verdict reached twice within one root is one. Only
    // the same instance's (rule, root, resource file, address, property): two templates that
    // share a parameter file fail at one location and are still two findings.
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
        .dedup_by(|a, b| a.same_instance(b) && a.location == b.location && a.message == b.message);
    errors.sort();
    errors.dedup();
    // A module called by several roots is unchecked once per call site, not once per root.
    unchecked.sort();
    unchecked.dedup();
    unit_warnings.sort();
    unit_warnings.dedup();
    unit_warnings.retain(|w| scope.covers(&w.file));
    // The run reports a bounded number of findings: the first ones in report order, whatever
    // the thread count (each unit kept its own first ones, so none of these was dropped).
    let limit = run_budget.limits.run_findings;
    if findings.len() > limit {
        errors.push(FileError {
            file: root.display().to_string().into(),
            line: 0,
            column: 0,
            message: format!(
                "more than {limit} findings: the first {limit} in report order are reported, \
                 the other {} are not",
                findings.len() - limit
            ),
        });
        findings.truncate(limit);
    }

    let today = today();
    let mut warnings = Vec::new();
    let inline = !args.no_inline_ignores && config.file.inline_ignores.unwrap_or(true);
    if inline {
        let ctx = vigil_rules::SuppressContext {
            today,
            known_rules: &known,
            active_rules: &metas,
        };
        for w in vigil_rules::apply_suppressions(&mut findings, &sources, &ctx) {
            if scope.covers(&w.location.file) {
                warnings.push(FileError {
                    file: w.location.file,
                    line: w.location.line,
                    column: w.location.column,
                    message: w.message,
                });
            }
        }
    }
    warnings.extend(apply_config_ignores(
        &config,
        &root,
        &mut findings,
        today,
        scope.is_everything(),
    ));

    warnings.extend(unit_warnings);
    let mut notes = if args.verbose {
        discovery.notes
    } else {
        Vec::new()
    };
    notes.sort();
    notes.dedup();

    Ok(Scan {
        findings,
        errors,
        sources,
        files_read,
        metas,
        warnings,
        unchecked,
        notes,
        nothing_found,
        display_root: root,
    })
}

/// The variables the Terraform units of a run declare, to hold `--var` names against.
#[derive(Default)]
struct Inputs {
    units: usize,
    /// A unit could not know all its variables (a file does not parse): any name may be one.
    open: bool,
    declared: BTreeSet<String>,
}

impl Inputs {
    fn add(&mut self, unit: Option<Option<Vec<String>>>) {
        let Some(declared) = unit else { return };
        self.units += 1;
        match declared {
            Some(names) => self.declared.extend(names),
            None => self.open = true,
        }
    }

    /// Terraform refuses `-var` for a variable the configuration does not declare; vigil sets
    /// every `--var` on every unit, so a name is wrong only when no unit declares it (a typo,
    /// which would otherwise leave the default in force in silence).
    fn undeclared(
        &self,
        cli: &[String],
        config_path: Option<&Path>,
        config_vars: &BTreeMap<String, serde_json::Value>,
        display: &dyn Fn(&Path) -> String,
    ) -> Vec<FileError> {
        if self.units == 0 || self.open {
            return Vec::new();
        }
        let from_cli = cli
            .iter()
            .filter_map(|raw| raw.split_once('='))
            .map(|(n, _)| {
                (
                    n.trim().to_string(),
                    "command line".to_string(),
                    format!("`--var {}`", n.trim()),
                )
            });
        let from_config = config_vars.keys().map(|n| {
            let file = config_path.map_or_else(|| "vigil.yaml".to_string(), display);
            (n.clone(), file, format!("terraform.vars `{n}`"))
        });
        let mut out = Vec::new();
        for (name, file, what) in from_cli.chain(from_config) {
            if self.declared.contains(&name) {
                continue;
            }
            let hint = vigil_model::did_you_mean(&name, self.declared.iter().map(String::as_str))
                .map(|close| format!("; did you mean `{close}`?"))
                .unwrap_or_default();
            out.push(FileError {
                file: file.into(),
                line: 0,
                column: 0,
                message: format!(
                    "{what}: no Terraform configuration checked declares a variable `{name}`{hint}"
                ),
            });
        }
        out
    }
}

/// The root a unit's findings belong to, and which resources are its own.
struct UnitRoot {
    /// The unit as reported: the Terraform directory, the template, Bicep or plan file.
    shown: String,
    /// A directory unit owns the files directly in it; a file unit owns only itself.
    dir: bool,
    /// Another file that is the unit itself: the JSON `bicep build` compiled from a `.bicep`.
    also: Option<String>,
}

impl UnitRoot {
    /// Whether a resource in `file` is the unit's own, rather than an instance the unit
    /// created from another file (a module, a linked template).
    fn owns(&self, file: &str) -> bool {
        if self.dir {
            let parent = file.rsplit_once('/').map_or(".", |(dir, _)| dir);
            parent == self.shown
        } else {
            file == self.shown || self.also.as_deref() == Some(file)
        }
    }
}

fn unit_root(unit: &discover::Unit, display: &dyn Fn(&Path) -> String) -> UnitRoot {
    match unit {
        discover::Unit::Module(dir) => UnitRoot {
            shown: display(dir),
            dir: true,
            also: None,
        },
        discover::Unit::Plan(f) | discover::Unit::Template(f) | discover::Unit::Bicep(f) => {
            UnitRoot {
                shown: display(f),
                dir: false,
                also: None,
            }
        }
    }
}

/// Modules a `.bicep` names that vigil cannot read (registry modules, files not there) are
/// inlined in the JSON `bicep build` compiled from it: their resources are checked there, and
/// those modules are no longer unchecked. Only resources under such a module are taken; the
/// rest of the deployment is the `.bicep`'s to report, once. The compiled JSON's own errors are
/// not repeated: the `.bicep` is the source the user edits.
fn complete_from_compiled(
    out: &mut vigil_model::UnitOutput,
    json: &Path,
    display: &dyn Fn(&Path) -> String,
    params: Option<&Path>,
) {
    let unread: Vec<&str> = out
        .unchecked
        .iter()
        .filter_map(|u| u.module.as_deref())
        .collect();
    if unread.is_empty() {
        return;
    }
    let compiled = vigil_arm::evaluate_template(json, display, params);
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for r in compiled.resources {
        if let Some(m) = unread
            .iter()
            .find(|m| vigil_model::under_module(&r.address, m))
        {
            covered.insert(m.to_string());
            out.resources.push(r);
        }
    }
    if covered.is_empty() {
        return;
    }
    out.files.extend(compiled.files);
    out.unchecked
        .retain(|u| !u.module.as_ref().is_some_and(|m| covered.contains(m)));
}

/// The resource types the rules that run are about.
fn rule_types(rules: &RuleSet) -> Vec<String> {
    let mut types: Vec<String> = rules
        .rules()
        .flat_map(|r| r.resource_types().iter().cloned())
        .collect();
    types.sort();
    types.dedup();
    types
}

/// A warning for each resource whose type no rule knows but is an edit or two from one a rule
/// does (`Microsoft.KeyVault/vault`): a typo there would otherwise pass every check in silence.
/// ARM types compare in any case, so a case difference is no typo, and a child type
/// (`Microsoft.KeyVault/vaults/secrets`) is a type of its own.
fn type_typos(resources: &[vigil_model::Resource], known: &[String]) -> Vec<FileError> {
    let mut out = Vec::new();
    for r in resources {
        if r.azure_type.is_empty() || known.iter().any(|k| k.eq_ignore_ascii_case(&r.azure_type)) {
            continue;
        }
        if let Some(close) = vigil_model::typo_of(&r.azure_type, known.iter().map(String::as_str)) {
            out.push(FileError {
                file: r.location.file.clone(),
                line: r.location.line,
                column: r.location.column,
                message: format!(
                    "resource {} has type `{}`, which no rule checks; did you mean `{close}`?",
                    r.address, r.azure_type
                ),
            });
        }
    }
    out
}

/// The configuration's `ignores`: each unsuppressed finding one of them names is suppressed by
/// the first in force; one past its `expires` day hides nothing and says so.
fn apply_config_ignores(
    config: &Config,
    root: &Path,
    findings: &mut [Finding],
    today: IsoDate,
    whole_scan: bool,
) -> Vec<FileError> {
    if config.ignores.is_empty() {
        return Vec::new();
    }
    let rel = |shown: &str| config.relative(&root.join(shown));
    let mut used = vec![0usize; config.ignores.len()];
    let mut expired = vec![0usize; config.ignores.len()];
    for f in findings.iter_mut().filter(|f| f.suppression.is_none()) {
        for (i, ignore) in config.ignores.iter().enumerate() {
            let files = [&*f.location.file, &*f.resource.file];
            if !ignore.matches(&f.rule_id, &f.rule_name, files, &f.resource.address, &rel) {
                continue;
            }
            // `expires: 2027-06-30` holds through that day.
            if ignore.expires.is_some_and(|last| today > last) {
                expired[i] += 1;
                continue;
            }
            used[i] += 1;
            f.suppression = Some(Suppression {
                kind: "config".into(),
                reason: Some(ignore.reason.clone()),
                location: Location::new(
                    ignore.file.as_str(),
                    ignore.line,
                    ignore.column,
                    ignore.line,
                    ignore.column,
                ),
            });
            break;
        }
    }
    let mut warnings = Vec::new();
    for (i, ignore) in config.ignores.iter().enumerate() {
        let message = match (ignore.expires, expired[i], used[i]) {
            (Some(last), n, _) if today > last => format!(
                "ignore of {} ({}) expired on {last}; {}",
                ignore.describe(),
                ignore.reason,
                vigil_rules::reported_again(n)
            ),
            // With only some files checked (pre-commit), an ignore for the others is not unused.
            (_, _, 0) if whole_scan => {
                format!("unused ignore: no finding of {} here", ignore.describe())
            }
            _ => continue,
        };
        warnings.push(FileError {
            file: ignore.file.as_str().into(),
            line: ignore.line,
            column: ignore.column,
            message,
        });
    }
    warnings
}

/// Code scanning and annotations place a result by its path in the repository: one reached by
/// `../` from the report root (a module outside the directory checked) is dropped there, so
/// the user hears why and how to keep it.
fn outside_root_warning(scan: &Scan) {
    let outside: BTreeSet<&str> = scan
        .findings
        .iter()
        .map(|f| &*f.location.file)
        .filter(|file| file.starts_with("../"))
        .collect();
    if let Some(first) = outside.first() {
        let first = vigil_report::terminal(first);
        eprintln!(
            "warning: {} outside the report root ({first}{}); GitHub drops such results: \
             pass `--root` a directory that holds them (the repository's, `--root .`)",
            if outside.len() == 1 {
                "1 file with findings is".to_string()
            } else {
                format!("{} files with findings are", outside.len())
            },
            if outside.len() > 1 { ", ..." } else { "" },
        );
    }
}

/// `file:line:col`, shortened when the line or column is unknown (0).
fn position(file: &str, line: u32, column: u32) -> String {
    match (line, column) {
        (0, _) => file.to_string(),
        (line, 0) => format!("{file}:{line}"),
        (line, column) => format!("{file}:{line}:{column}"),
    }
}

fn print_diagnostics(scan: &Scan, errors_on_stderr: bool, verbose: bool) {
    // Paths and messages quote the scanned code: neutralised as the text report's.
    let say = |level: &str, e: &FileError| {
        eprintln!(
            "{}: {level}: {}",
            position(&vigil_report::terminal(&e.file), e.line, e.column),
            vigil_report::terminal(&e.message)
        );
    };
    // Errors must reach a person even when the report goes to a file or is machine-readable.
    if errors_on_stderr {
        scan.errors.iter().for_each(|e| say("error", e));
    }
    scan.warnings.iter().for_each(|w| say("warning", w));
    if verbose {
        scan.unchecked.iter().for_each(|u| say("note", &u.at));
    }
    scan.notes.iter().for_each(|n| say("note", n));
    if scan.nothing_found {
        eprintln!("warning: no Terraform, ARM template or Bicep file found under the given paths");
    }
}

fn check(args: CheckArgs) -> u8 {
    let config = match load_config(&args.scan) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let fail_on = match args.fail_on {
        Some(f) => Some(match f {
            args::FailOn::Low => Severity::Low,
            args::FailOn::Medium => Severity::Medium,
            args::FailOn::High => Severity::High,
            args::FailOn::Critical => Severity::Critical,
        }),
        None => config.fail_on,
    };
    let fail_on_unknown = args.fail_on_unknown || config.file.fail_on_unknown.unwrap_or(false);
    let baseline_path = args
        .baseline
        .clone()
        .or_else(|| config.file.baseline.as_ref().map(|b| config.dir.join(b)));
    let targets = match output::targets(&args.format, args.output.as_deref()) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ERROR;
        }
    };
    let mut scan = match scan(&args.scan, config) {
        Ok(s) => s,
        Err(code) => return code,
    };

    let mut baseline_stats = None;
    if let Some(path) = &baseline_path {
        let shown = discover::display_path(&scan.display_root, path);
        match baseline::load(path, &shown) {
            Ok(b) => {
                let (hidden, stale) = baseline::apply(&b, &shown, &mut scan.findings);
                baseline_stats = Some(vigil_report::BaselineStats {
                    file: shown,
                    hidden,
                    stale,
                });
            }
            Err(e) => {
                eprintln!("error: {}", vigil_report::terminal(&e.to_string()));
                return EXIT_ERROR;
            }
        }
    }

    let color_ok = !args.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stdout().is_terminal();
    let settings = output::Settings {
        color: color_ok,
        quiet: args.quiet,
        fail_on_unknown,
        statistics: args.statistics,
        sarif_category: args.sarif_category.clone(),
    };
    let report = vigil_report::Report {
        findings: &scan.findings,
        errors: &scan.errors,
        rules: &scan.metas,
        sources: &scan.sources,
        files_scanned: scan.files_read,
        unchecked: &scan.unchecked,
        tool_version: env!("CARGO_PKG_VERSION"),
        baseline: baseline_stats,
    };
    let written = match output::write_all(&targets, &report, &settings) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ERROR;
        }
    };
    if written.github {
        // In a workflow, an expired suppression belongs on the pull request beside the finding
        // it no longer hides.
        let mut stdout = std::io::stdout().lock();
        for w in &scan.warnings {
            let line = vigil_report::github_warning(&w.file, w.line, w.column, &w.message);
            let _ = writeln!(stdout, "{line}");
        }
    }
    print_diagnostics(&scan, !written.text, args.scan.verbose);
    if targets
        .iter()
        .any(|t| matches!(t.format, output::Format::Sarif | output::Format::Github))
    {
        outside_root_warning(&scan);
    }

    let gate = |f: &Finding| {
        f.fails_gate(fail_on_unknown) && fail_on.is_none_or(|least| f.severity >= least)
    };
    if !scan.errors.is_empty() {
        EXIT_ERROR
    } else if !args.exit_zero && scan.findings.iter().any(gate) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `vigil show`: the resources the units under the paths deploy, evaluated as `check` evaluates
/// them, with the resources of the paths named (or the instances created from them) listed in
/// (file, line, address) order.
fn show(args: ShowArgs) -> u8 {
    let config = match load_config(&args.scan) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Err(code) = check_root(&args.scan) {
        return code;
    }
    let ev = match prepare(&args.scan, config) {
        Ok(ev) => ev,
        Err(code) => return code,
    };
    let scan = &args.scan;
    let display = |p: &Path| ev.display(p);
    let (mut errors, nothing_found, mut resources) = ev.pool.install(|| {
        let mut errors = Vec::new();
        let discovery = ev.discover(scan, &mut errors);
        let outputs: Vec<(UnitRoot, vigil_model::UnitOutput)> = discovery
            .units
            .par_iter()
            .map(|unit| {
                let mut root = unit_root(unit, &display);
                if let discover::Unit::Bicep(file) = unit {
                    root.also = discovery.compiled.get(file).map(|j| display(j));
                }
                (root, ev.unit(scan, &discovery, unit))
            })
            .collect();
        let mut resources = Vec::new();
        for (root, out) in outputs {
            errors.extend(out.errors);
            for r in out.resources {
                let shown = (!root.owns(&r.location.file)).then(|| root.shown.clone());
                resources.push((r, shown));
            }
        }
        (errors, discovery.units.is_empty(), resources)
    });
    let scope = discover::Scope::new(&scan.paths, &display);
    resources.retain(|(r, root)| {
        scope.covers(&r.location.file)
            || r.callers.iter().any(|c| scope.covers(&c.file))
            || root.as_deref().is_some_and(|root| scope.covers(root))
    });
    resources.sort_by(|(a, ra), (b, rb)| {
        (&a.location.file, a.location.line, &a.address, ra).cmp(&(
            &b.location.file,
            b.location.line,
            &b.address,
            rb,
        ))
    });
    // One module instance reached from one root twice (two paths named) is one resource.
    resources.dedup_by(|(a, ra), (b, rb)| {
        a.location == b.location && a.address == b.address && ra == rb
    });
    errors.sort();
    errors.dedup();
    let shown: Vec<vigil_report::Shown> = resources
        .iter()
        .map(|(r, root)| vigil_report::Shown {
            resource: r,
            root: root.as_deref(),
        })
        .collect();
    let mut buffer = Vec::new();
    let written = match args.format {
        args::ShowFormat::Text => vigil_report::write_show_text(&shown, &errors, &mut buffer),
        args::ShowFormat::Json => vigil_report::write_show_json(&shown, &errors, &mut buffer),
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return EXIT_ERROR;
    }
    let delivered = match &args.output {
        Some(path) => std::fs::write(path, &buffer).map_err(|e| {
            format!(
                "cannot write {}: {e}",
                vigil_report::terminal(&path.display().to_string())
            )
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`vigil show | head`) is not an error worth reporting.
            let _ = stdout.write_all(&buffer);
            Ok(())
        }
    };
    if let Err(message) = delivered {
        eprintln!("error: {message}");
        return EXIT_ERROR;
    }
    // Errors reach a person even when the document goes to a program.
    if args.format == args::ShowFormat::Json || args.output.is_some() {
        for e in &errors {
            eprintln!(
                "{}: error: {}",
                position(&vigil_report::terminal(&e.file), e.line, e.column),
                vigil_report::terminal(&e.message)
            );
        }
    }
    if nothing_found {
        eprintln!("warning: no Terraform, ARM template or Bicep file found under the given paths");
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    }
}

fn record_baseline(args: BaselineArgs) -> u8 {
    let config = match load_config(&args.scan) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let scan = match scan(&args.scan, config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let file = baseline::record(&scan.findings);
    let written = serde_json::to_string_pretty(&file)
        .map_err(|e| e.to_string())
        .and_then(|text| std::fs::write(&args.output, text + "\n").map_err(|e| e.to_string()));
    print_diagnostics(&scan, true, args.scan.verbose);
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", args.output.display());
        return EXIT_ERROR;
    }
    eprintln!(
        "Recorded {} finding{} in {}.",
        file.findings.len(),
        if file.findings.len() == 1 { "" } else { "s" },
        args.output.display()
    );
    if scan.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    }
}

fn show_config(args: ConfigArgs) -> u8 {
    let scan_args = ScanArgs {
        paths: vec![args.path.clone()],
        config: args.config.clone(),
        no_config: false,
        root: None,
        select: Vec::new(),
        ignore: Vec::new(),
        vars: Vec::new(),
        var_files: Vec::new(),
        parameters: None,
        no_inline_ignores: false,
        verbose: false,
        threads: None,
        max_file_size: None,
        follow_symlinks: false,
    };
    let config = match load_config(&scan_args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let builtin = RuleSet::builtin();
    let known = builtin.metas();
    let rules = match rule_set(builtin, &scan_args, &config) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut metas = rules.metas();
    if let Err(code) = severity_overrides(&config, &known, &mut metas) {
        return code;
    }
    match output::effective_config(&config, &metas) {
        Ok(text) => print_stdout(&text),
        Err(e) => {
            eprintln!("error: cannot print the configuration: {e}");
            EXIT_ERROR
        }
    }
}
