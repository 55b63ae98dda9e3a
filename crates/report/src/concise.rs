//! One line per finding, after ruff's concise format: `path:line:col: RULE [severity] message`,
//! which editors, `grep` and problem matchers read as they read a compiler's.
//!
//! Suppressed findings (inline, config or baseline) are left out, as ruff leaves out what a
//! `noqa` silences; the summary line counts them. Undetermined findings say so after the
//! severity, since they do not fail the gate unless `--fail-on-unknown` is given.

use std::io::Write;

use vigil_model::Verdict;

use crate::text::{one_line, position, summary, Painter, ERROR, FAIL, PATH, UNDETERMINED};
use crate::{Report, TextOptions};

pub(crate) fn write(
    report: &Report,
    opts: &TextOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let paint = Painter { color: opts.color };
    let shown = report.findings.iter().filter(|f| f.suppression.is_none());
    for group in crate::grouped(shown) {
        let f = group[0];
        let (style, tag) = match f.verdict {
            Verdict::Fail => (FAIL, ""),
            Verdict::Undetermined if opts.fail_on_unknown => (FAIL, " [undetermined]"),
            Verdict::Undetermined => (UNDETERMINED, " [undetermined]"),
        };
        let line = format!(
            "{}: {} [{}]{} {}\n",
            paint.paint(
                PATH,
                &position(&f.location.file, f.location.line, f.location.column)
            ),
            paint.paint(style, &f.rule_id),
            f.severity.as_str(),
            tag,
            one_line(&crate::group_message(&group)),
        );
        put(out, &line)?;
    }
    for e in report.errors {
        let line = format!(
            "{}: {}: {}\n",
            paint.paint(PATH, &position(&e.file, e.line, e.column)),
            paint.paint(ERROR, "error"),
            one_line(&e.message),
        );
        put(out, &line)?;
    }
    if !opts.quiet {
        put(out, &summary(report, opts, paint))?;
    }
    Ok(())
}

/// Lines are written as the text report writes them: its fields escaped, then checked again
/// so that no line can be a workflow command.
fn put(out: &mut dyn Write, lines: &str) -> std::io::Result<()> {
    out.write_all(crate::safe::guard_lines(lines).as_bytes())
}
