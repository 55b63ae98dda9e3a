//! The JSON document. Its own structs, not the model's `Serialize`, define the shape: a field
//! added to the model must not change a documented, versioned format behind its users' backs.
//! Keep `docs/json-output.md` in step with this file.
//!
//! JSON Lines (`--format json-lines`) streams the same objects, one per line, each with a
//! `type` first so that a reader can dispatch on it (`jq -c 'select(.type == "finding")'`):
//!
//! - `{"type":"finding", ...}`: every finding, suppressed or not, with exactly the fields of a
//!   finding in the document;
//! - `{"type":"error", ...}`: every file error, with the fields of an error in the document;
//! - last, `{"type":"summary","version":1,"tool":{...},"summary":{...},"baseline":...}`: the
//!   document without its two arrays, so a reader knows the stream is complete.
//!
//! Lines end with `\n`, keys keep the document's order, and nothing is pretty-printed.

use std::io::Write;

use serde::Serialize;
use vigil_model::{FileError, Finding, Hop, Location, Suppression};

use crate::{fingerprint, BaselineStats, Counts, Report, ReportError};

/// Bumped when a field is removed or changes meaning; adding a field does not bump it.
pub const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
pub(crate) struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    summary: Summary,
    /// `null` when the run used no baseline.
    baseline: Option<JsonBaseline<'a>>,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonBaseline<'a> {
    file: &'a str,
    hidden: usize,
    stale: usize,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files_scanned: usize,
    findings: usize,
    failing: usize,
    undetermined: usize,
    /// Every suppression, the baseline's included: version 1 documents `suppressed` as
    /// "findings with a suppression, whatever their verdict", and
    /// `failing + undetermined + suppressed == findings`.
    suppressed: usize,
    errors: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    rule_name: &'a str,
    severity: &'static str,
    verdict: &'static str,
    message: std::borrow::Cow<'a, str>,
    location: JsonLocation<'a>,
    resource: JsonResource<'a>,
    property: &'a str,
    source_property: &'a str,
    trace: Vec<JsonHop<'a>>,
    suppression: Option<JsonSuppression<'a>>,
    fingerprint: String,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct JsonResource<'a> {
    address: &'a str,
    #[serde(rename = "type")]
    azure_type: &'a str,
    source_type: &'a str,
    file: &'a str,
    line: u32,
    /// The root that created this instance, when it is not the resource's own unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    root: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonHop<'a> {
    label: &'a str,
    location: JsonLocation<'a>,
}

#[derive(Serialize)]
struct JsonSuppression<'a> {
    kind: &'a str,
    reason: Option<&'a str>,
    location: JsonLocation<'a>,
}

#[derive(Serialize)]
pub(crate) struct JsonError<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

pub(crate) fn document<'a>(report: &'a Report<'a>) -> Document<'a> {
    Document {
        version: JSON_FORMAT_VERSION,
        tool: tool(report),
        summary: summary(report),
        baseline: report.baseline.as_ref().map(baseline),
        findings: report.findings.iter().map(finding).collect(),
        errors: report.errors.iter().map(error).collect(),
    }
}

/// The last line of JSON Lines: the document without its arrays.
#[derive(Serialize)]
struct SummaryLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    version: u32,
    tool: Tool<'a>,
    summary: Summary,
    baseline: Option<JsonBaseline<'a>>,
}

#[derive(Serialize)]
struct Tagged<T> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    item: T,
}

pub(crate) fn write_lines(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    // Streamed line by line: a run with a large baseline has many findings.
    for f in report.findings {
        line(
            &Tagged {
                kind: "finding",
                item: finding(f),
            },
            out,
        )?;
    }
    for e in report.errors {
        line(
            &Tagged {
                kind: "error",
                item: error(e),
            },
            out,
        )?;
    }
    line(
        &SummaryLine {
            kind: "summary",
            version: JSON_FORMAT_VERSION,
            tool: tool(report),
            summary: summary(report),
            baseline: report.baseline.as_ref().map(baseline),
        },
        out,
    )
}

fn line<T: Serialize>(value: &T, out: &mut dyn Write) -> Result<(), ReportError> {
    crate::safe::json_compact(value, &mut *out).map_err(crate::json_error)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn tool<'a>(report: &Report<'a>) -> Tool<'a> {
    Tool {
        name: "vigil",
        version: report.tool_version,
    }
}

fn summary(report: &Report) -> Summary {
    let counts = Counts::of(report);
    Summary {
        files_scanned: report.files_scanned,
        findings: report.findings.len(),
        failing: counts.failing,
        undetermined: counts.undetermined,
        suppressed: counts.suppressed + counts.baseline,
        errors: counts.errors,
    }
}

fn baseline(stats: &BaselineStats) -> JsonBaseline<'_> {
    JsonBaseline {
        file: &stats.file,
        hidden: stats.hidden,
        stale: stats.stale,
    }
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule_id: &f.rule_id,
        rule_name: &f.rule_name,
        severity: f.severity.as_str(),
        verdict: crate::verdict_str(f.verdict),
        message: f.full_message(),
        location: location(&f.location),
        resource: JsonResource {
            address: &f.resource.address,
            azure_type: &f.resource.azure_type,
            source_type: &f.resource.source_type,
            file: &f.resource.file,
            line: f.resource.line,
            root: f.resource.root.as_deref(),
        },
        property: &f.property,
        source_property: &f.source_property,
        trace: f.trace.iter().map(hop).collect(),
        suppression: f.suppression.as_ref().map(suppression),
        fingerprint: fingerprint(f),
    }
}

fn location(l: &Location) -> JsonLocation<'_> {
    JsonLocation {
        file: &l.file,
        line: l.line,
        column: l.column,
        end_line: l.end_line,
        end_column: l.end_column,
    }
}

fn hop(h: &Hop) -> JsonHop<'_> {
    JsonHop {
        label: &h.label,
        location: location(&h.location),
    }
}

fn suppression(s: &Suppression) -> JsonSuppression<'_> {
    JsonSuppression {
        kind: s.kind.as_str(),
        reason: s.reason.as_deref(),
        location: location(&s.location),
    }
}

pub(crate) fn error(e: &FileError) -> JsonError<'_> {
    JsonError {
        file: &e.file,
        line: e.line,
        column: e.column,
        message: &e.message,
    }
}
