//! vigil's reporters: findings and file errors as terminal text, versioned JSON and SARIF 2.1.0.
//!
//! Reporters never re-derive anything: a [`Finding`] carries all they show. Every writer is
//! byte-for-byte deterministic for a given [`Report`] (the caller sorts the findings), never
//! prints on its own and never exits; it returns a [`ReportError`] when the output cannot be
//! written.

mod fingerprint;
mod json;
mod sarif;
mod text;

use std::collections::HashMap;
use std::sync::Arc;

use vigil_model::{FileError, Finding, RuleMeta, SourceFile, Verdict};

pub use fingerprint::{fingerprint, FINGERPRINT_KEY};
pub use json::JSON_FORMAT_VERSION;

/// Everything a reporter needs about one run.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    /// Already sorted deterministically by the caller.
    pub findings: &'a [Finding],
    pub errors: &'a [FileError],
    /// The rules that ran, in id order.
    pub rules: &'a [RuleMeta],
    /// Path -> file, for showing source lines. Files missing here are reported without snippets.
    pub sources: &'a HashMap<Arc<str>, SourceFile>,
    pub files_scanned: usize,
    pub tool_version: &'a str,
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

/// A SARIF 2.1.0 log with one run, as GitHub code scanning reads it.
pub fn write_sarif(report: &Report, out: &mut dyn std::io::Write) -> Result<(), ReportError> {
    write_pretty(&sarif::log(report), out)
}

fn write_pretty<T: serde::Serialize>(
    value: &T,
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    // Streamed: a large SARIF log held in memory doubled a run's peak. The documents are plain
    // structs with string keys, so serialization itself cannot fail halfway; I/O can.
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| {
        if e.is_io() {
            ReportError::Io(e.into())
        } else {
            ReportError::Json(e)
        }
    })?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Counts shared by the text summary and the JSON summary, so both always agree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    /// Unsuppressed `fail` verdicts.
    failing: usize,
    /// Unsuppressed `undetermined` verdicts.
    undetermined: usize,
    suppressed: usize,
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
                (Some(_), _) => counts.suppressed += 1,
                (None, Verdict::Fail) => counts.failing += 1,
                (None, Verdict::Undetermined) => counts.undetermined += 1,
            }
        }
        counts
    }
}

fn verdict_str(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Fail => "fail",
        Verdict::Undetermined => "undetermined",
    }
}
