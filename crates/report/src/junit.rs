//! JUnit XML, the test report every CI system shows (GitLab's `artifacts:reports:junit`,
//! Jenkins, Azure Pipelines' PublishTestResults): rules are test suites, findings are test
//! cases.
//!
//! - One `<testsuite>` per rule that ran (named `AZKV001 key-vault-trusted-services-bypass`),
//!   plus one per rule known only through a finding.
//! - One `<testcase>` per finding, that is per (resource, rule) pair the rule did not pass:
//!   named `{resource address} ({file}:{line})` after where to edit, with the resource's file
//!   as `classname` and `file`, which GitLab shows as the suite and file columns.
//! - A failing finding is a `<failure>` with the message and `type` the rule id.
//! - An undetermined finding is `<skipped>` with its message (it does not fail the gate), or a
//!   `<failure>` under `fail_on_unknown`.
//! - A suppressed finding (inline, config) is `<skipped>` with the suppression's reason.
//! - Baseline findings are not test cases; the suite counts them in a `hidden-by-baseline`
//!   property.
//! - A rule with no test case gets one passing test case, so that a clean run still reports
//!   tests (Jenkins fails a build whose reports hold none).
//! - Files that could not be checked are `<error>` test cases in a suite of their own.
//!
//! No times or timestamps: the report is byte-for-byte the same for the same findings.
//!
//! Text from the scanned code is passed through [`xml_text`] before quick-junit escapes it:
//! characters XML 1.0 refuses (most C0 controls) would make the file unreadable, and a line
//! break in an attribute would start a line of standard output with scanned text. The
//! finished XML is then checked line by line ([`crate::safe::xml_guard`]), with character
//! references where a workflow command would be.

use std::collections::BTreeMap;
use std::io::Write;

use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};
use vigil_model::{FileError, Finding, Verdict};

use crate::safe::xml_text;
use crate::{is_baseline, JunitOptions, Report, ReportError};

pub(crate) fn write(
    report: &Report,
    opts: &JunitOptions,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    // Suites in the order of the rules that ran, then rules known only through a finding.
    let mut order: Vec<(&str, &str)> = Vec::new();
    for rule in report.rules {
        if !order.iter().any(|(id, _)| *id == rule.id) {
            order.push((&rule.id, &rule.name));
        }
    }
    let mut unlisted: BTreeMap<&str, &str> = BTreeMap::new();
    for f in report.findings {
        if !order.iter().any(|(id, _)| *id == f.rule_id) {
            unlisted.entry(&f.rule_id).or_insert(&f.rule_name);
        }
    }
    order.extend(unlisted);

    let mut junit = quick_junit::Report::new("vigil");
    for (id, name) in order {
        // Rule ids and names are text too: a rule directory of the user's may hold anything.
        let mut suite = TestSuite::new(one(&format!("{id} {name}")));
        let mut hidden = 0;
        for f in report.findings.iter().filter(|f| f.rule_id == id) {
            if is_baseline(f) {
                hidden += 1;
            } else {
                suite.add_test_case(test_case(f, opts));
            }
        }
        if hidden > 0 {
            suite.add_property(Property::new("hidden-by-baseline", hidden.to_string()));
        }
        if suite.test_cases.is_empty() {
            let name = if hidden > 0 {
                "no findings outside the baseline"
            } else {
                "no findings"
            };
            let mut case = TestCase::new(name, TestCaseStatus::success());
            case.set_classname(one(id));
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    if !report.errors.is_empty() {
        let mut suite = TestSuite::new("vigil: files that could not be checked");
        suite.add_test_cases(report.errors.iter().map(error_case));
        junit.add_test_suite(suite);
    }

    // quick-junit builds the whole report in memory anyway; the XML is checked before any of
    // it is written.
    let mut xml = Vec::new();
    junit.serialize(&mut xml)?;
    let xml = String::from_utf8_lossy(&xml);
    out.write_all(crate::safe::xml_guard(&xml).as_bytes())?;
    Ok(())
}

/// One line of scanned text, for an attribute or inside vigil's own lines.
fn one(text: &str) -> String {
    xml_text(text, false).into_owned()
}

fn test_case(f: &Finding, opts: &JunitOptions) -> TestCase {
    let name = one(&format!(
        "{} ({})",
        f.resource.instance_name(),
        f.location.short()
    ));
    let mut status = match (&f.suppression, f.verdict) {
        (Some(s), _) => {
            let mut status = TestCaseStatus::skipped();
            let message = match &s.reason {
                Some(reason) => format!("suppressed ({}): {}", s.kind, one(reason)),
                None => format!("suppressed ({})", s.kind),
            };
            status.set_message(message);
            status
        }
        (None, Verdict::Fail) => TestCaseStatus::non_success(NonSuccessKind::Failure),
        (None, Verdict::Undetermined) if opts.fail_on_unknown => {
            TestCaseStatus::non_success(NonSuccessKind::Failure)
        }
        (None, Verdict::Undetermined) => TestCaseStatus::skipped(),
    };
    if f.suppression.is_none() {
        status.set_message(one(&f.full_message()));
        status.set_type(one(&f.rule_id));
        status.set_description(details(f));
    }
    let mut case = TestCase::new(name, status);
    case.set_classname(one(&f.resource.file));
    case.extra
        .insert("file".into(), one(&f.resource.file).into());
    case
}

/// The failure's text: what a CI page shows when the test case is opened.
fn details(f: &Finding) -> String {
    let l = &f.location;
    // Each scanned part on its line, so that only vigil's line breaks are left.
    let mut text = format!(
        "{}\n\n{} [{}] {}\nat {}:{}:{}\nresource: {} ({})\nproperty: {}",
        one(&f.full_message()),
        one(&f.rule_id),
        f.severity.as_str(),
        match f.verdict {
            Verdict::Fail => "fail",
            Verdict::Undetermined => "undetermined",
        },
        one(&l.file),
        l.line,
        l.column,
        one(&f.resource.address),
        one(&f.resource.azure_type),
        one(if f.source_property.is_empty() {
            &f.property
        } else {
            &f.source_property
        }),
    );
    for hop in &f.trace {
        text.push_str(&format!(
            "\nvia {} ({})",
            one(&hop.label),
            one(&hop.location.short())
        ));
    }
    text
}

fn error_case(e: &FileError) -> TestCase {
    let file = one(&e.file);
    let name = match (e.line, e.column) {
        (0, _) => file.clone(),
        (l, 0) => format!("{file}:{l}"),
        (l, c) => format!("{file}:{l}:{c}"),
    };
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    status.set_message(one(&e.message));
    status.set_type("error");
    let mut case = TestCase::new(name, status);
    case.set_classname(file.as_str());
    case.extra.insert("file".into(), file.as_str().into());
    case
}
