//! GitHub Actions workflow commands: one `::error` or `::warning` line per finding that counts,
//! which the runner turns into annotations on the pull request's changed lines.
//!
//! - A failing finding is an `error`: it fails the gate, whatever its severity.
//! - An undetermined finding is a `warning`: it asks for a look and does not fail the gate
//!   (the annotation cannot know about `--fail-on-unknown`; the exit code does).
//! - Suppressed findings (inline, config) and baseline ones get no annotation; when a baseline
//!   was used, one `::notice` says how many it hid.
//! - What was not checked (modules not installed, resources whose condition is false) is one
//!   `::notice` with the summary's count.
//! - A file that could not be checked is an `error` at its line.
//!
//! Escaping follows `@actions/core` (`toolkit/packages/core/src/command.ts`): in the message,
//! `%`, `\r` and `\n` become `%25`, `%0D` and `%0A`; in property values `:` and `,` become
//! `%3A` and `%2C` as well. Columns are vigil's (Unicode code points); `endColumn` is inclusive
//! and given only when the region is on one line, as GitHub accepts it only then.

use std::io::Write;

use vigil_model::{Finding, Verdict};

use crate::{baseline_note, Counts, Report};

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let shown = report.findings.iter().filter(|f| f.suppression.is_none());
    for group in crate::grouped(shown) {
        let f = group[0];
        let level = match f.verdict {
            Verdict::Fail => "error",
            Verdict::Undetermined => "warning",
        };
        let title = format!("{} ({})", f.rule_id, f.rule_name);
        writeln!(
            out,
            "::{level} {}::{}",
            finding_properties(f, &title),
            escape_data(&crate::group_message(&group))
        )?;
    }
    for e in report.errors {
        let props = point_properties(&e.file, e.line, e.column, "vigil: file not checked");
        writeln!(out, "::error {props}::{}", escape_data(&e.message))?;
    }
    if let Some(note) = baseline_note(report, &Counts::of(report)) {
        writeln!(out, "::notice title=vigil baseline::{}", escape_data(&note))?;
    }
    // A green check must not hide what was not looked at; one notice, not one per module, so
    // that a tree of registry modules does not bury the findings.
    if let Some(note) = crate::unchecked_note(report) {
        writeln!(
            out,
            "::notice title=vigil: not checked::{}",
            escape_data(&note)
        )?;
    }
    Ok(())
}

/// One `::warning` annotation about the run itself (an expired or unused suppression).
pub(crate) fn warning(file: &str, line: u32, column: u32, message: &str) -> String {
    let props = point_properties(file, line, column, "vigil: suppression");
    format!("::warning {props}::{}", escape_data(message))
}

/// The properties of an annotation at one point: a line of 0 (the file as a whole) and a
/// column of 0 (unknown) are left out.
fn point_properties(file: &str, line: u32, column: u32, title: &str) -> String {
    let mut props = format!("file={}", escape_property(file));
    if line > 0 {
        props.push_str(&format!(",line={line}"));
        if column > 0 {
            props.push_str(&format!(",col={column}"));
        }
    }
    props.push_str(&format!(",title={}", escape_property(title)));
    props
}

fn finding_properties(f: &Finding, title: &str) -> String {
    let loc = &f.location;
    let mut props = format!("file={}", escape_property(&loc.file));
    if loc.line > 0 {
        props.push_str(&format!(",line={}", loc.line));
        let one_line = loc.end_line == loc.line;
        if !one_line && loc.end_line > loc.line {
            props.push_str(&format!(",endLine={}", loc.end_line));
        }
        if one_line && loc.column > 0 {
            // vigil's end column is exclusive; GitHub's is the last column of the region.
            let end_column = loc.end_column.saturating_sub(1).max(loc.column);
            props.push_str(&format!(
                ",col={},endLine={},endColumn={end_column}",
                loc.column, loc.line
            ));
        }
    }
    props.push_str(&format!(",title={}", escape_property(title)));
    props
}

/// The message after `::`. Its hidden characters are shown escaped first, as in the text
/// report (the annotation and the log line are read by people, and the log viewer renders
/// ANSI escapes), so no line break is left for `%0A`; the `%` escapes then keep the runner
/// from decoding anything the text holds.
fn escape_data(text: &str) -> String {
    crate::safe::terminal(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A `key=value` value: a `:` would end the properties, a `,` would start the next one.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("100% sure"), "100%25 sure");
        // A line break in a value is shown, not decoded into the annotation.
        assert_eq!(escape_data("a\r\nb"), "a\\r\\nb");
        assert_eq!(escape_data("a\nb"), "a\\nb");
        assert_eq!(escape_data("a\u{1b}[31m\u{202e}"), "a\\u{1b}[31m\\u{202e}");
        // Already-escaped text must not be decoded by the runner: `%0A` stays literal.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
    }

    #[test]
    fn warnings_are_annotations_too() {
        assert_eq!(
            warning("a,b.tf", 3, 5, "expired on 2020-01-01: 100%"),
            "::warning file=a%2Cb.tf,line=3,col=5,title=vigil%3A suppression::expired on \
             2020-01-01: 100%25"
        );
        assert_eq!(
            warning("vigil.yaml", 0, 0, "x"),
            "::warning file=vigil.yaml,title=vigil%3A suppression::x"
        );
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("c:/x,y.tf"), "c%3A/x%2Cy.tf");
        assert_eq!(escape_property("50%:\r\n,"), "50%25%3A\\r\\n%2C");
    }

    #[test]
    fn scanned_text_cannot_end_the_command_or_start_another() {
        let line = warning(
            "a\n::error::pwned.tf",
            1,
            1,
            "x\r\n::add-mask::s ##[error]y,z::w %0A",
        );
        assert_eq!(line.lines().count(), 1);
        assert!(!line.contains('\r'));
        let (head, data) = line.split_once("::").unwrap().1.split_once("::").unwrap();
        assert_eq!(
            head,
            "warning file=a\\n%3A%3Aerror%3A%3Apwned.tf,line=1,col=1,title=vigil%3A suppression"
        );
        assert_eq!(data, "x\\r\\n::add-mask::s ##\\u{5b}error]y,z::w %250A");
    }
}
