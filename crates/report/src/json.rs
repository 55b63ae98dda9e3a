//! The JSON document. Its own structs, not the model's `Serialize`, define the shape: a field
//! added to the model must not change a documented, versioned format behind its users' backs.
//! Keep `docs/json-output.md` in step with this file.

use serde::Serialize;
use vigil_model::{FileError, Finding, Hop, Location, Suppression};

use crate::{fingerprint, Counts, Report};

/// Bumped when a field is removed or changes meaning; adding a field does not bump it.
pub const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
pub(crate) struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
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
    suppressed: usize,
    errors: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    rule_name: &'a str,
    severity: &'static str,
    verdict: &'static str,
    message: &'a str,
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
struct JsonError<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

pub(crate) fn document<'a>(report: &Report<'a>) -> Document<'a> {
    let counts = Counts::of(report);
    Document {
        version: JSON_FORMAT_VERSION,
        tool: Tool {
            name: "vigil",
            version: report.tool_version,
        },
        summary: Summary {
            files_scanned: report.files_scanned,
            findings: report.findings.len(),
            failing: counts.failing,
            undetermined: counts.undetermined,
            suppressed: counts.suppressed,
            errors: counts.errors,
        },
        findings: report.findings.iter().map(finding).collect(),
        errors: report.errors.iter().map(error).collect(),
    }
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule_id: &f.rule_id,
        rule_name: &f.rule_name,
        severity: f.severity.as_str(),
        verdict: crate::verdict_str(f.verdict),
        message: &f.message,
        location: location(&f.location),
        resource: JsonResource {
            address: &f.resource.address,
            azure_type: &f.resource.azure_type,
            source_type: &f.resource.source_type,
            file: &f.resource.file,
            line: f.resource.line,
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
        kind: &s.kind,
        reason: s.reason.as_deref(),
        location: location(&s.location),
    }
}

fn error(e: &FileError) -> JsonError<'_> {
    JsonError {
        file: &e.file,
        line: e.line,
        column: e.column,
        message: &e.message,
    }
}
