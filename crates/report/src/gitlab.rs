//! GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of issues, a subset of
//! the Code Climate spec, that GitLab shows in the merge request widget and diff.
//!
//! Only findings that count are issues: suppressed and baseline ones are left out, because
//! GitLab has no notion of a suppressed issue and would show them as open. Severity maps
//! vigil's low/medium/high/critical to GitLab's minor/major/critical/blocker, info to info,
//! and an undetermined verdict to info whatever the rule's severity (nothing is known to be
//! wrong yet). `fingerprint` is vigil's line-independent fingerprint, so an issue survives
//! edits above it; the second and later findings that share one get a derived value, since
//! GitLab keeps only one issue per fingerprint in a report.
//!
//! The array is written one issue per line, so that a large report streams.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;
use vigil_model::{Severity, Verdict};

use crate::fingerprint::nth_fingerprint;
use crate::{fingerprint, json_error, Report, ReportError};

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: std::borrow::Cow<'a, str>,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: String,
    location: IssueLocation<'a>,
    engine_name: &'static str,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    out.write_all(b"[")?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut first = true;
    for f in report.findings.iter().filter(|f| f.suppression.is_none()) {
        let base = fingerprint(f);
        let n = seen.entry(base.clone()).or_insert(0);
        let fingerprint = if *n == 0 {
            base
        } else {
            nth_fingerprint(&base, *n)
        };
        *n += 1;
        let begin = f.location.line.max(1);
        let issue = Issue {
            kind: "issue",
            check_name: &f.rule_id,
            description: f.full_message(),
            categories: ["Security"],
            severity: match f.verdict {
                Verdict::Undetermined => "info",
                Verdict::Fail => severity(f.severity),
            },
            fingerprint,
            location: IssueLocation {
                path: &f.location.file,
                lines: Lines {
                    begin,
                    end: f.location.end_line.max(begin),
                },
            },
            engine_name: "vigil",
        };
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        crate::safe::json_compact(&issue, &mut *out).map_err(json_error)?;
    }
    out.write_all(b"\n]\n")?;
    Ok(())
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Low => "minor",
        Severity::Medium => "major",
        Severity::High => "critical",
        Severity::Critical => "blocker",
    }
}
