//! vigil's reporters: findings and file errors as terminal text (full or concise), versioned
//! JSON and JSON Lines, SARIF 2.1.0, GitHub Actions workflow commands, JUnit XML, GitLab Code
//! Quality, a Markdown summary and per-rule statistics. The formats' names, the parsing of
//! `--format FORMAT[:FILE]` and the dispatch to the writers are in `format.rs`.
//!
//! Reporters never re-derive anything: a [`Finding`] carries all they show. Every writer is
//! byte-for-byte deterministic for a given [`Report`] (the caller sorts the findings), never
//! prints on its own and never exits; it returns a [`ReportError`] when the output cannot be
//! written.
//!
//! Suppressions come in kinds: `inline` (a `vigil:ignore` comment), `config` (an ignore in the
//! configuration file) and `baseline` (a finding the baseline file already knows). Baseline
//! findings are the ones a team has chosen not to look at yet, often hundreds: every format made
//! for people or CI annotations counts them instead of listing them. Only the formats that
//! record a run in full (JSON, JSON Lines, SARIF) keep them one by one.

mod concise;
mod fingerprint;
mod format;
mod github;
mod gitlab;
mod json;
mod junit;
mod markdown;
mod safe;
mod sarif;
mod show;
mod statistics;
mod text;

use std::collections::HashMap;
use std::sync::Arc;

use vigil_model::{FileError, Finding, RuleMeta, SourceFile, Unchecked, Verdict};

pub use fingerprint::{fingerprint, FINGERPRINT_KEY};
pub use format::{targets, write_all, Format, FormatError, Settings, Target, Written};
pub use json::JSON_FORMAT_VERSION;
pub use safe::{guard_lines, is_command_line, is_hidden, markdown_code, markdown_text, terminal};
pub use show::{
    body_json, value_json, write_show_json, write_show_text, Shown, SHOW_FORMAT_VERSION,
    UNKNOWN_KEY,
};

/// Everything a reporter needs about one run.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    /// Already sorted deterministically by the caller.
    pub findings: &'a [Finding],
    pub errors: &'a [FileError],
    /// The rules that ran, in id order.
    pub rules: &'a [RuleMeta],
    /// Path -> file, for showing source lines. Files missing here are reported without snippets.
    pub sources: &'a HashMap<Arc<str>, SourceFile>,
    /// Distinct files read, however many units read each.
    pub files_scanned: usize,
    /// What the run could not check (modules not installed, resources whose condition is
    /// false): the human formats count it, the machine formats list it.
    pub unchecked: &'a [Unchecked],
    pub tool_version: &'a str,
    /// Set when the run compared its findings with a baseline file. The findings the baseline
    /// matched are still in `findings`, with a suppression of kind `baseline`.
    pub baseline: Option<BaselineStats>,
}

/// What a baseline did in this run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BaselineStats {
    /// The baseline file as the user named it.
    pub file: String,
    /// Findings the baseline matched (and so hid).
    pub hidden: usize,
    /// Baseline entries that matched no finding: fixed since, or moved to another resource.
    pub stale: usize,
}

/// How the SARIF log is labelled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SarifOptions {
    /// GitHub code scanning's analysis category (`upload-sarif`'s `category`), for a repository
    /// that uploads several vigil logs (one per directory or language). Written as
    /// `automationDetails.id`.
    pub category: Option<String>,
}

/// How the JUnit report counts undetermined findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JunitOptions {
    /// Undetermined findings are failures rather than skipped test cases, as they fail the gate.
    pub fail_on_unknown: bool,
}

/// How the text reporter renders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// ANSI colours; the binary decides from the terminal and `--no-color`.
    pub color: bool,
    /// Findings and errors only: no trace, no summary.
    pub quiet: bool,
    /// Whether undetermined findings fail the gate, which changes how they are shown.
    pub fail_on_unknown: bool,
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The output could not be written (a closed pipe, a full disk). Shown as the I/O error
    /// alone: the caller knows what it was writing to and says so.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("cannot serialize the report: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot serialize the JUnit report: {0}")]
    Junit(#[from] quick_junit::SerializeError),
}

/// The human-readable report: one block per finding and error, then a summary line.
pub fn write_text(
    report: &Report,
    opts: &TextOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    let rendered = text::render(report, opts);
    out.write_all(rendered.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The versioned JSON document described in `docs/json-output.md`.
pub fn write_json(report: &Report, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    write_pretty(&json::document(report), out)
}

/// A SARIF 2.1.0 log with one run, as GitHub code scanning reads it. Every finding is a result;
/// suppressed ones carry `suppressions` (`inline` -> `inSource`, `config` and `baseline` ->
/// `external`), and with a baseline every result has a `baselineState` (`unchanged` for the
/// baseline's, `new` for the rest).
pub fn write_sarif(
    report: &Report,
    opts: &SarifOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    write_pretty(&sarif::log(report, opts), out)
}

/// One line per finding, `path:line:col: RULE [severity] message`, after ruff's concise format;
/// errors as `path:line:col: error: message`; then the summary line (and the baseline's) unless
/// `quiet`. Suppressed and baseline findings are left out, as ruff leaves out the ones a `noqa`
/// silences; undetermined ones are tagged `[undetermined]`.
pub fn write_concise(
    report: &Report,
    opts: &TextOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    concise::write(report, opts, out)?;
    out.flush()?;
    Ok(())
}

/// JSON Lines: one compact JSON object per line. First every finding, suppressed and baseline
/// ones included, as `{"type":"finding", ...}` with the fields of a finding in the JSON
/// document; then every file error as `{"type":"error", ...}`; last one
/// `{"type":"summary","version":1,"tool":...,"summary":...,"baseline":...}`.
pub fn write_json_lines(report: &Report, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    json::write_lines(report, out)?;
    out.flush()?;
    Ok(())
}

/// A warning about the run (an expired or unused suppression) as a GitHub Actions `::warning`
/// workflow command, escaped as [`write_github`] escapes, without the line break.
pub fn github_warning(file: &str, line: u32, column: u32, message: &str) -> String {
    github::warning(file, line, column, message)
}

/// GitHub Actions workflow commands (`::error file=...::message`), which the runner turns into
/// annotations on the pull request's diff: failing findings are `error`, undetermined ones
/// `warning`, file errors `error`; suppressed and baseline findings get none, and a used
/// baseline one `notice` with its counts.
pub fn write_github(report: &Report, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    github::write(report, out)?;
    out.flush()?;
    Ok(())
}

/// A JUnit XML report: one test suite per rule, one test case per finding. Failing findings are
/// `<failure>`s; undetermined ones `<skipped>` (or `<failure>` under `fail_on_unknown`);
/// suppressed ones `<skipped>` with the reason; baseline ones only a `hidden-by-baseline`
/// property of their suite; file errors `<error>`s in a suite of their own. Built in memory
/// (quick-junit serializes a whole report), unlike the other writers.
pub fn write_junit(
    report: &Report,
    opts: &JunitOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    junit::write(report, opts, out)?;
    out.flush()?;
    Ok(())
}

/// A GitLab Code Quality report (`artifacts:reports:codequality`): one issue per finding that
/// counts (suppressed and baseline findings are left out), undetermined ones at severity `info`.
pub fn write_gitlab(report: &Report, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    gitlab::write(report, out)?;
    out.flush()?;
    Ok(())
}

/// A Markdown summary for `$GITHUB_STEP_SUMMARY` or a merge request comment: counts, a row per
/// finding that counts, counts per rule and the file errors; suppressed and baseline findings
/// are counted only.
pub fn write_markdown(report: &Report, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    markdown::write(report, out)?;
    out.flush()?;
    Ok(())
}

/// Findings that count (failing and undetermined, not suppressed or baseline), per rule, most
/// frequent first, after `ruff --statistics`; nothing when there are none.
pub fn write_statistics(report: &Report, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    statistics::write(report, out)?;
    out.flush()?;
    Ok(())
}

fn write_pretty<T: serde::Serialize>(
    value: &T,
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    // Streamed: a large SARIF log held in memory doubled a run's peak. The documents are plain
    // structs with string keys, so serialization itself cannot fail halfway; I/O can.
    safe::json_pretty(value, &mut *out).map_err(json_error)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// An I/O failure while serializing is reported as the I/O error it is.
fn json_error(e: serde_json::Error) -> ReportError {
    if e.is_io() {
        ReportError::Io(e.into())
    } else {
        ReportError::Json(e)
    }
}

/// Counts shared by the text summary and the JSON summary, so both always agree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    /// Unsuppressed `fail` verdicts.
    failing: usize,
    /// Unsuppressed `undetermined` verdicts.
    undetermined: usize,
    /// Suppressed inline or by the configuration, whatever the verdict.
    suppressed: usize,
    /// Hidden by the baseline, whatever the verdict; not counted in `suppressed`.
    baseline: usize,
    errors: usize,
}

impl Counts {
    fn of(report: &Report) -> Counts {
        let mut counts = Counts {
            errors: report.errors.len(),
            ..Counts::default()
        };
        for finding in report.findings {
            match (&finding.suppression, finding.verdict) {
                (Some(_), _) if is_baseline(finding) => counts.baseline += 1,
                (Some(_), _) => counts.suppressed += 1,
                (None, Verdict::Fail) => counts.failing += 1,
                (None, Verdict::Undetermined) => counts.undetermined += 1,
            }
        }
        counts
    }
}

fn is_baseline(finding: &Finding) -> bool {
    finding
        .suppression
        .as_ref()
        .is_some_and(|s| s.kind == vigil_model::SuppressionKind::Baseline)
}

/// "3 findings hidden by baseline vigil-baseline.json; 1 baseline entry no longer matches", or
/// nothing when no baseline was used and none hid anything. The numbers are the caller's
/// [`BaselineStats`] when given (the findings it hid are normally all in the report, so the two
/// agree), else the count of `baseline` suppressions.
fn baseline_note(report: &Report, counts: &Counts) -> Option<String> {
    let (file, hidden, stale) = match &report.baseline {
        Some(stats) => (stats.file.as_str(), stats.hidden, stats.stale),
        None if counts.baseline > 0 => ("", counts.baseline, 0),
        None => return None,
    };
    let findings = if hidden == 1 { "finding" } else { "findings" };
    let mut note = if file.is_empty() {
        format!("{hidden} {findings} hidden by the baseline")
    } else {
        format!("{hidden} {findings} hidden by baseline {file}")
    };
    match stale {
        0 => {}
        1 => note.push_str("; 1 baseline entry no longer matches"),
        n => note.push_str(&format!("; {n} baseline entries no longer match")),
    }
    Some(note)
}

fn verdict_str(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Fail => "fail",
        Verdict::Undetermined => "undetermined",
    }
}

/// "2 modules not checked: not installed; 1 resource not checked: condition false; see
/// --verbose", or nothing when everything was checked. Grouped by kind and reason, in that
/// order, so the line is the same on every run.
pub(crate) fn unchecked_note(report: &Report) -> Option<String> {
    if report.unchecked.is_empty() {
        return None;
    }
    let mut groups: std::collections::BTreeMap<(vigil_model::UncheckedKind, &str), usize> =
        std::collections::BTreeMap::new();
    for u in report.unchecked {
        *groups.entry((u.kind, u.why.as_str())).or_default() += 1;
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|((kind, why), n)| format!("{n} {} not checked: {why}", kind.noun(*n)))
        .collect();
    Some(format!("{}; see --verbose", parts.join("; ")))
}

/// Findings that share rule, location, property, verdict and suppression state, as one entry of
/// the human formats: the instances a module or a Bicep file gets from several roots, whose
/// value is written on one line. In the order the caller sorted them, so output is stable.
/// SARIF, JSON and baselines keep one result per instance.
pub(crate) fn grouped<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
) -> Vec<Vec<&'a Finding>> {
    type Key<'k> = (
        &'k str,
        &'k vigil_model::Location,
        &'k str,
        Verdict,
        Option<&'k str>,
    );
    let key = |f: &'a Finding| -> Key<'a> {
        (
            f.rule_id.as_str(),
            &f.location,
            f.property.as_str(),
            f.verdict,
            f.suppression.as_ref().map(|s| s.kind.as_str()),
        )
    };
    let mut index: HashMap<Key<'a>, usize> = HashMap::new();
    let mut groups: Vec<Vec<&'a Finding>> = Vec::new();
    for f in findings {
        match index.get(&key(f)) {
            Some(&i) => groups[i].push(f),
            None => {
                index.insert(key(f), groups.len());
                groups.push(vec![f]);
            }
        }
    }
    groups
}

/// The message of one entry: the finding's own when it stands alone, else the first one's
/// followed by the instances it stands for.
pub(crate) fn group_message(group: &[&Finding]) -> String {
    match group {
        [] => String::new(),
        [one] => one.full_message().into_owned(),
        [first, ..] => format!(
            "{} ({} instances: {})",
            first.message,
            group.len(),
            instances(group)
        ),
    }
}

/// `module.kv.azurerm_key_vault.this (root envs/dev), module.kv.azurerm_key_vault.this (root
/// envs/prod)`.
/// An address that two instances of the entry share (two templates given one parameter file)
/// is told apart by where each resource is written.
pub(crate) fn instances(group: &[&Finding]) -> String {
    let names: Vec<String> = group.iter().map(|f| f.resource.instance_name()).collect();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for n in &names {
        *uses.entry(n).or_default() += 1;
    }
    names
        .iter()
        .zip(group)
        .map(|(n, f)| match uses[n.as_str()] {
            1 => n.clone(),
            _ => format!("{n} ({}:{})", f.resource.file, f.resource.line),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
