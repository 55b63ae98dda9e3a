//! The judge stage: the rules that run ([`Selection`]: the command line's and the
//! configuration's `select`/`ignore`, with the configuration's severities) applied to each
//! unit's resources as soon as it is evaluated, then the run's findings merged, scoped to the
//! paths asked about, deduplicated and bounded ([`Session::judge`] -> [`Judged`]).

use crate::config::Config;
use crate::discover::{Discovery, Unit};
use crate::evaluate::EvaluatedUnit;
use crate::{Error, Options, Session};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use vigil_model::{FileError, Finding, Resource, RuleMeta, Severity, SourceFile, Unchecked};
use vigil_rules::RuleSet;

/// The rules a run applies.
pub struct Selection {
    /// The rules that run.
    pub rules: RuleSet,
    /// Every rule vigil knows (suppressions tell a rule that did not run from one that does
    /// not exist).
    pub known: Vec<RuleMeta>,
    /// The rules that run, with the severity each reports after the configuration's
    /// overrides ([`Selection::apply_severities`]).
    pub metas: Vec<RuleMeta>,
    /// The resource types the rules that run are about.
    type_names: Vec<String>,
    /// What to say when no rule runs at all: "All checks passed" is then no verdict. (A
    /// warning, not an error: ignoring every rule of a tree can be on purpose.)
    pub warning: Option<String>,
}

impl Selection {
    /// The rules to run: the command line's `--select` replaces the configuration's, its
    /// `--ignore` adds to the configuration's.
    pub fn new(opts: &Options, config: &Config) -> Result<Selection, Error> {
        // Compiled once: the rules that run are a selection of it.
        let builtin = RuleSet::builtin();
        let known = builtin.metas();
        let select = if opts.select.is_empty() {
            config.select()
        } else if opts.select.iter().all(|s| s.trim().is_empty()) {
            // `--select ""` would otherwise read as no selection at all, and run every rule.
            return Err(Error::EmptySelect);
        } else {
            &opts.select
        };
        let ignore: Vec<String> = config
            .file
            .ignore
            .iter()
            .chain(&opts.ignore)
            .cloned()
            .collect();
        // The configuration's rule names are quoted back.
        let rules = builtin
            .filter(select, &ignore)
            .map_err(|e| Error::Rules(crate::quoted(&e.to_string())))?;
        let warning = rules.rules().next().is_none().then(|| {
            format!(
                "no rule runs: the ignores ({}) leave out every rule selected, so nothing is checked",
                crate::quoted(&ignore.join(", "))
            )
        });
        let metas = rules.metas();
        let mut type_names: Vec<String> = rules
            .rules()
            .flat_map(|r| r.resource_types().iter().cloned())
            .collect();
        type_names.sort();
        type_names.dedup();
        Ok(Selection {
            rules,
            known,
            metas,
            type_names,
            warning,
        })
    }

    /// The severity each rule is reported with, after the configuration's overrides.
    pub fn apply_severities(&mut self, config: &Config) -> Result<(), Error> {
        for (rule, severity) in &config.severity {
            let Some(id) = self
                .known
                .iter()
                .find(|m| m.id.eq_ignore_ascii_case(rule) || m.name.eq_ignore_ascii_case(rule))
                .map(|m| m.id.clone())
            else {
                return Err(Error::UnknownSeverityRule {
                    at: crate::quoted(
                        &config
                            .path
                            .as_deref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default(),
                    ),
                    rule: crate::quoted(rule),
                });
            };
            for meta in self.metas.iter_mut().filter(|m| m.id == id) {
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

    /// One unit's findings, with what the unit yields besides (files kept only where a
    /// finding, an error or a suppression points).
    pub fn unit(&self, unit: EvaluatedUnit, run_findings: usize) -> JudgedUnit {
        let EvaluatedUnit { unit, root, output } = unit;
        let mut warnings = output.warnings;
        // The Terraform front end warns itself, at the `type` it reads (azurerm and azapi
        // names); ARM and Bicep types are warned of here.
        if matches!(unit, Unit::Template(_) | Unit::Bicep(_)) {
            warnings.extend(type_typos(&output.resources, &self.type_names));
        }
        let mut findings: Vec<Finding> = output
            .resources
            .iter()
            .flat_map(|r| self.rules.check(r))
            .collect();
        // A unit holds at most as many findings as the run reports (its first ones in report
        // order, which are the only ones that can be among the run's first).
        if findings.len() > run_findings {
            findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            findings.truncate(run_findings);
        }
        for f in &mut findings {
            if !root.owns(&f.resource.file) {
                f.resource.root = Some(root.shown.as_str().into());
            }
        }
        // Only files a finding or an error points into, or that hold a suppression, are kept:
        // dropping the rest keeps memory flat on large trees.
        let files_read = output.files.iter().map(|f| f.path.clone()).collect();
        let errors = output.errors;
        let files = output
            .files
            .into_iter()
            .filter(|f| {
                !f.ignores.is_empty()
                    || findings.iter().any(|x| mentions(x, &f.path))
                    || errors.iter().any(|e| e.file == f.path)
            })
            .collect();
        JudgedUnit {
            findings,
            files,
            files_read,
            errors,
            warnings,
            unchecked: output.unchecked,
            inputs: matches!(unit, Unit::Module(_)).then_some(output.inputs),
        }
    }
}

fn mentions(finding: &Finding, path: &str) -> bool {
    &*finding.location.file == path
        || &*finding.resource.file == path
        || finding.trace.iter().any(|h| &*h.location.file == path)
}

/// Everything one unit yields, rules applied.
pub struct JudgedUnit {
    pub findings: Vec<Finding>,
    /// The files a finding, an error or a suppression points into.
    pub files: Vec<SourceFile>,
    /// Every file the unit read, as reported: a module read by several roots is one file.
    pub files_read: Vec<Arc<str>>,
    pub errors: Vec<FileError>,
    pub warnings: Vec<FileError>,
    pub unchecked: Vec<Unchecked>,
    /// A Terraform unit's declared variables (`Some(None)`: it cannot know them all); `None`
    /// for units that take no `--var`.
    pub inputs: Option<Option<Vec<String>>>,
}

/// What the rules found in the run, before suppressions.
pub struct Judged {
    /// In report order, each once, within the run's bound, of the paths asked about.
    pub findings: Vec<Finding>,
    /// Sorted, each once.
    pub errors: Vec<FileError>,
    /// The files the report may quote, by reported path.
    pub sources: HashMap<Arc<str>, SourceFile>,
    /// How many files were read.
    pub files_read: usize,
    /// The units' warnings about the paths asked about, sorted, each once.
    pub warnings: Vec<FileError>,
    /// What was not checked and why, sorted, each once.
    pub unchecked: Vec<Unchecked>,
    /// Discovery's notes (JSON that is not a template, compiled JSON reported from its
    /// `.bicep`).
    pub notes: Vec<FileError>,
    /// No unit was found under the paths.
    pub nothing_found: bool,
}

impl Session {
    /// The judge stage: every unit evaluated and judged on one worker thread (in parallel, in
    /// unit order), then merged: severities as configured, `--var` names held against the
    /// variables declared, findings scoped to the paths asked about, deduplicated, bounded.
    pub fn judge(&self, discovery: Discovery, selection: &Selection) -> Judged {
        let run_findings = self.run_budget.limits.run_findings;
        let results: Vec<JudgedUnit> = self.install(|| {
            discovery
                .units
                .par_iter()
                .map(|unit| selection.unit(self.evaluate_unit(&discovery, unit), run_findings))
                .collect()
        });
        let display = |p: &Path| self.display(p);
        let nothing_found = discovery.units.is_empty();
        let mut errors = discovery.errors;
        let mut findings = Vec::new();
        let mut sources: HashMap<Arc<str>, SourceFile> = HashMap::new();
        let mut files_read: HashSet<Arc<str>> = HashSet::new();
        let mut unchecked = discovery.unchecked;
        let mut warnings = Vec::new();
        let mut inputs = Inputs::default();
        for unit in results {
            inputs.add(unit.inputs);
            files_read.extend(unit.files_read);
            unchecked.extend(unit.unchecked);
            warnings.extend(unit.warnings);
            findings.extend(unit.findings);
            errors.extend(unit.errors);
            for f in unit.files {
                sources.entry(f.path.clone()).or_insert(f);
            }
        }
        let files_read = files_read.len();
        errors.extend(inputs.undeclared(
            &self.options.vars,
            self.config.path.as_deref(),
            &self.config.file.terraform.vars,
            &display,
        ));
        for f in &mut findings {
            if let Some(meta) = selection.metas.iter().find(|m| m.id == f.rule_id) {
                f.severity = meta.severity;
            }
        }
        // Files named on the command line (pre-commit passes the staged ones) pull in their
        // whole unit, but only findings that point into them, whose resource is in them, whose
        // instance a module call in them created, or whose root they are (a `.bicepparam`) are
        // theirs to report. Directories named on the command line report everything under
        // them, and the instances their roots create.
        let scope = self.scope();
        findings.retain(|f| {
            scope.covers(&f.location.file)
                || scope.covers(&f.resource.file)
                || f.resource.callers.iter().any(|c| scope.covers(&c.file))
                || f.resource.root.as_deref().is_some_and(|r| scope.covers(r))
        });
        // One finding per instance: the same verdict reached twice within one root is one.
        // Only the same instance's (rule, root, resource file, address, property): two
        // templates that share a parameter file fail at one location and are still two
        // findings.
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup_by(|a, b| {
            a.same_instance(b) && a.location == b.location && a.message == b.message
        });
        errors.sort();
        errors.dedup();
        // A module called by several roots is unchecked once per call site, not once per root.
        unchecked.sort();
        unchecked.dedup();
        warnings.sort();
        warnings.dedup();
        warnings.retain(|w| scope.covers(&w.file));
        // The run reports a bounded number of findings: the first ones in report order,
        // whatever the thread count (each unit kept its own first ones, so none of these was
        // dropped).
        if findings.len() > run_findings {
            errors.push(FileError {
                file: self.root.display().to_string().into(),
                line: 0,
                column: 0,
                message: format!(
                    "more than {run_findings} findings: the first {run_findings} in report \
                     order are reported, the other {} are not",
                    findings.len() - run_findings
                ),
            });
            findings.truncate(run_findings);
        }
        let mut notes = if self.options.verbose {
            discovery.notes
        } else {
            Vec::new()
        };
        notes.sort();
        notes.dedup();
        Judged {
            findings,
            errors,
            sources,
            files_read,
            warnings,
            unchecked,
            notes,
            nothing_found,
        }
    }
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

/// A warning for each resource whose type no rule knows but is an edit or two from one a rule
/// does (`Microsoft.KeyVault/vault`): a typo there would otherwise pass every check in silence.
/// ARM types compare in any case, so a case difference is no typo, and a child type
/// (`Microsoft.KeyVault/vaults/secrets`) is a type of its own.
fn type_typos(resources: &[Resource], known: &[String]) -> Vec<FileError> {
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
