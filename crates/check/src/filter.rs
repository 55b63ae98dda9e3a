//! The filter stage, in one place: what hides a finding from the gate. Inline `vigil:ignore`
//! comments (the matching of a directive to a finding is `vigil_rules::apply_suppressions`),
//! the configuration's `ignores`, and the baseline. Each marks a finding suppressed with its
//! [`SuppressionKind`]; the finding stays in the report, and what is wrong with a suppression
//! (expired, unused, unknown rule) comes back as a warning.

use crate::baseline::BaselineFile;
use crate::config::Config;
use crate::judge::{Judged, Selection};
use crate::{Error, Session};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;
use vigil_model::{
    FileError, Finding, IsoDate, Location, RuleMeta, SourceFile, Suppression, SuppressionKind,
    Unchecked,
};

/// What one run found, suppressions, configuration ignores and (with
/// [`Outcome::apply_baseline`]) the baseline applied: what the reports are made of.
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub errors: Vec<FileError>,
    pub sources: HashMap<Arc<str>, SourceFile>,
    pub files_read: usize,
    /// The rules that ran, with their severities.
    pub metas: Vec<RuleMeta>,
    /// What the user should hear that does not change the exit code: expired or unused
    /// suppressions, the units' warnings.
    pub warnings: Vec<FileError>,
    /// What was not checked and why: counted in the summary, listed with `--verbose`.
    pub unchecked: Vec<Unchecked>,
    /// What `--verbose` says beside (JSON that is not a template, compiled JSON reported from
    /// its `.bicep`); empty without it.
    pub notes: Vec<FileError>,
    /// No file the front ends read was found at all.
    pub nothing_found: bool,
    /// The directory reported paths are relative to.
    pub display_root: std::path::PathBuf,
    /// What the baseline hid, when one was applied.
    pub baseline: Option<vigil_report::BaselineStats>,
}

/// The filter stage without the baseline: inline suppressions (unless the command line or the
/// configuration turns them off), then the configuration's ignores, on the findings no earlier
/// one hid. `vigil baseline` records what this leaves.
pub fn suppress(
    session: &Session,
    selection: &Selection,
    judged: Judged,
    today: IsoDate,
) -> Outcome {
    let Judged {
        mut findings,
        errors,
        sources,
        files_read,
        warnings: unit_warnings,
        unchecked,
        notes,
        nothing_found,
    } = judged;
    let config = &session.config;
    let scope = session.scope();
    let mut warnings = Vec::new();
    let inline = !session.options.no_inline_ignores && config.file.inline_ignores.unwrap_or(true);
    if inline {
        let ctx = vigil_rules::SuppressContext {
            today,
            known_rules: &selection.known,
            active_rules: &selection.metas,
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
    warnings.extend(config_ignores(
        config,
        &session.root,
        &mut findings,
        today,
        scope.is_everything(),
    ));
    warnings.extend(unit_warnings);
    Outcome {
        findings,
        errors,
        sources,
        files_read,
        metas: selection.metas.clone(),
        warnings,
        unchecked,
        notes,
        nothing_found,
        display_root: session.root.clone(),
        baseline: None,
    }
}

impl Outcome {
    /// Hides the findings the baseline file at `path` records (read in the session's file
    /// context), and keeps what it hid for the report.
    pub fn apply_baseline(&mut self, session: &Session, path: &Path) -> Result<(), Error> {
        let shown = crate::discover::display_path(&self.display_root, path);
        let file = session
            .reading(|| crate::baseline::load(path, &shown))
            .map_err(|e| Error::Baseline(crate::quoted(&e.to_string())))?;
        let (hidden, stale) = hide_baselined(&file, &shown, &mut self.findings);
        self.baseline = Some(vigil_report::BaselineStats {
            file: shown,
            hidden,
            stale,
        });
        Ok(())
    }

    /// The report of this outcome, for the writers in `vigil_report`.
    pub fn report<'a>(&'a self, tool_version: &'a str) -> vigil_report::Report<'a> {
        vigil_report::Report {
            findings: &self.findings,
            errors: &self.errors,
            rules: &self.metas,
            sources: &self.sources,
            files_scanned: self.files_read,
            unchecked: &self.unchecked,
            tool_version,
            baseline: self.baseline.clone(),
        }
    }
}

/// Marks each unsuppressed finding the baseline holds as hidden by it, and returns how many
/// were hidden and how many entries matched nothing. An entry hides one finding: two identical
/// findings where the baseline recorded one leave one to report.
pub fn hide_baselined(
    baseline: &BaselineFile,
    shown: &str,
    findings: &mut [Finding],
) -> (usize, usize) {
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &baseline.findings {
        *left.entry(e.fingerprint.as_str()).or_default() += 1;
    }
    let mut hidden = 0;
    for f in findings.iter_mut().filter(|f| f.suppression.is_none()) {
        let print = vigil_report::fingerprint(f);
        if let Some(n) = left.get_mut(print.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            hidden += 1;
            f.suppression = Some(Suppression {
                kind: SuppressionKind::Baseline,
                reason: Some(format!("in baseline {shown}")),
                location: f.location.clone(),
            });
        }
    }
    let stale = left.values().sum();
    (hidden, stale)
}

/// The configuration's `ignores`: each unsuppressed finding one of them names is suppressed by
/// the first in force; one past its `expires` day hides nothing and says so.
fn config_ignores(
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
                kind: SuppressionKind::Config,
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
