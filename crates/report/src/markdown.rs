//! A Markdown summary for `$GITHUB_STEP_SUMMARY` (or a merge request comment): a heading that
//! says the outcome, a table of counts, one row per finding that counts, and counts per rule.
//!
//! Suppressed and baseline findings are counted, not listed: the summary is about what needs a
//! person now. With nothing to report it is two lines. Text from the findings is written so
//! that nothing in it is markup (see [`crate::safe::markdown_text`]): it cannot end a cell or a
//! row, open a link, image, HTML tag or code span, mention anyone or reference an issue, since
//! GitHub renders the summary on a page the pull request's author does not own. Messages are
//! escaped whole, backticks included: one that quotes a name in backticks shows the backticks,
//! as the name inside could hold one.

use std::collections::BTreeMap;
use std::io::Write;

use vigil_model::limits::MARKDOWN_ROWS;
use vigil_model::{Finding, Severity, Verdict};

use crate::{baseline_note, Counts, Report};

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    // Built in memory (at most MARKDOWN_ROWS rows) so the finished lines can be checked once more:
    // no line may be a workflow command when the summary goes to standard output.
    let mut text = Vec::new();
    render(report, &mut text)?;
    let text = String::from_utf8_lossy(&text);
    out.write_all(crate::safe::markdown_guard(&text).as_bytes())
}

fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let counts = Counts::of(report);
    let shown: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.suppression.is_none())
        .collect();
    let files = plural(report.files_scanned, "file", "files");

    let heading = match (counts.failing, counts.undetermined, counts.errors) {
        (0, 0, 0) => "All checks passed".to_string(),
        (0, 0, e) => format!("No findings, {}", plural(e, "error", "errors")),
        (f, u, _) => {
            let mut parts = Vec::new();
            if f > 0 {
                parts.push(format!("{f} failing"));
            }
            if u > 0 {
                parts.push(format!("{u} undetermined"));
            }
            if counts.errors > 0 {
                parts.push(plural(counts.errors, "error", "errors"));
            }
            parts.join(", ")
        }
    };
    writeln!(out, "## vigil: {heading}\n")?;

    let baseline = baseline_note(report, &counts);
    if shown.is_empty() && counts.errors == 0 {
        let mut also = Vec::new();
        if counts.suppressed > 0 {
            also.push(format!("{} suppressed", counts.suppressed));
        }
        if let Some(note) = &baseline {
            also.push(escape_cell(note));
        }
        let also = if also.is_empty() {
            String::new()
        } else {
            format!("; {}", also.join("; "))
        };
        writeln!(out, "No findings in {files}{also}.")?;
        return Ok(());
    }

    writeln!(
        out,
        "| Failing | Undetermined | Suppressed | Hidden by baseline | Errors | Files scanned |"
    )?;
    writeln!(out, "| ---: | ---: | ---: | ---: | ---: | ---: |")?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n",
        counts.failing,
        counts.undetermined,
        counts.suppressed,
        report
            .baseline
            .as_ref()
            .map_or(counts.baseline, |b| b.hidden),
        counts.errors,
        report.files_scanned
    )?;
    if let Some(note) = &baseline {
        writeln!(out, "{}.\n", escape_cell(note))?;
    }
    // A pull request comment that says "0 failing" must also say what was not looked at.
    if let Some(note) = crate::unchecked_note(report) {
        writeln!(out, "{}.\n", escape_cell(&note))?;
    }
    if counts.undetermined > 0 {
        writeln!(
            out,
            "Undetermined findings depend on values not known before deployment; they do not \
             fail the check unless `--fail-on-unknown` is given.\n"
        )?;
    }

    if !shown.is_empty() {
        writeln!(out, "### Findings\n")?;
        writeln!(
            out,
            "| Severity | Verdict | Rule | Resource | Location | Message |"
        )?;
        writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
        let entries = crate::grouped(shown.iter().copied());
        for group in entries.iter().take(MARKDOWN_ROWS) {
            let f = group[0];
            let resource = if group.len() == 1 {
                f.resource.instance_name()
            } else {
                crate::instances(group)
            };
            let verdict = match f.verdict {
                Verdict::Fail => "fail",
                Verdict::Undetermined => "undetermined",
            };
            writeln!(
                out,
                "| {} | {verdict} | {} {} | {} | {} | {} |",
                f.severity.as_str(),
                code(&f.rule_id),
                escape_cell(&f.rule_name),
                code(&resource),
                code(&f.location.short()),
                escape_cell(&f.message),
            )?;
        }
        if entries.len() > MARKDOWN_ROWS {
            writeln!(
                out,
                "\n{} more not shown here: the full report (`--format json` or `sarif`) has \
                 them all.",
                entries.len() - MARKDOWN_ROWS
            )?;
        }
        writeln!(out)?;

        writeln!(out, "### By rule\n")?;
        writeln!(out, "| Rule | Name | Severity | Failing | Undetermined |")?;
        writeln!(out, "| --- | --- | --- | ---: | ---: |")?;
        for (id, (name, severity, failing, undetermined)) in per_rule(&shown) {
            writeln!(
                out,
                "| {} | {} | {} | {failing} | {undetermined} |",
                code(id),
                escape_cell(name),
                severity.as_str()
            )?;
        }
        writeln!(out)?;
    }

    if !report.errors.is_empty() {
        writeln!(out, "### Files that could not be checked\n")?;
        writeln!(out, "| Location | Error |")?;
        writeln!(out, "| --- | --- |")?;
        for e in report.errors {
            let at = match (e.line, e.column) {
                (0, _) => e.file.to_string(),
                (l, 0) => format!("{}:{l}", e.file),
                (l, c) => format!("{}:{l}:{c}", e.file),
            };
            writeln!(out, "| {} | {} |", code(&at), escape_cell(&e.message))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

type RuleCounts<'a> = (&'a str, Severity, usize, usize);

fn per_rule<'a>(findings: &[&'a Finding]) -> BTreeMap<&'a str, RuleCounts<'a>> {
    let mut rules: BTreeMap<&str, RuleCounts> = BTreeMap::new();
    for f in findings {
        let entry = rules
            .entry(&f.rule_id)
            .or_insert((&f.rule_name, f.severity, 0, 0));
        match f.verdict {
            Verdict::Fail => entry.2 += 1,
            Verdict::Undetermined => entry.3 += 1,
        }
    }
    rules
}

/// Scanned text, or vigil's text that holds some, for a table cell.
fn escape_cell(text: &str) -> String {
    crate::safe::markdown_text(text)
}

/// Scanned text as a code span in a table cell.
fn code(text: &str) -> String {
    crate::safe::markdown_code(text)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_breaks_html_and_code() {
        assert_eq!(escape_cell("a|b"), "a\\|b");
        assert_eq!(escape_cell("a\r\nb\nc\rd"), "a<br>b<br>c<br>d");
        assert_eq!(escape_cell("<b>&"), "&lt;b&gt;&amp;");
        assert_eq!(escape_cell("`x`"), "\\`x\\`");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("a.b[\"x|y\"]"), "`a.b[\"x\\|y\"]`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("a\nb"), "`a\\nb`");
    }
}
