//! Findings counted per rule, after `ruff --statistics`: which rules a codebase breaks most,
//! to decide what to fix (or baseline) first.
//!
//! `count  RULE  name  [severity]`, most frequent first, then by rule id; rules with
//! undetermined findings say how many of the count those are. Only findings that count are
//! counted: suppressed and baseline ones are not. Nothing is written when there are none.

use std::collections::BTreeMap;
use std::io::Write;

use vigil_model::{Severity, Verdict};

use crate::Report;

struct Row<'a> {
    id: &'a str,
    name: &'a str,
    severity: Severity,
    total: usize,
    undetermined: usize,
}

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut rows: BTreeMap<&str, Row> = BTreeMap::new();
    for f in report.findings.iter().filter(|f| f.suppression.is_none()) {
        let row = rows.entry(&f.rule_id).or_insert(Row {
            id: &f.rule_id,
            name: &f.rule_name,
            severity: f.severity,
            total: 0,
            undetermined: 0,
        });
        row.total += 1;
        if f.verdict == Verdict::Undetermined {
            row.undetermined += 1;
        }
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    // The map gave id order; a stable sort by count keeps it among equal counts.
    rows.sort_by_key(|r| std::cmp::Reverse(r.total));

    let count_width = rows
        .iter()
        .map(|r| r.total.to_string().len())
        .max()
        .unwrap_or(1);
    let id_width = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let name_width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    for r in &rows {
        write!(
            out,
            "{:>count_width$}  {:<id_width$}  {:<name_width$}  [{}]",
            r.total,
            r.id,
            r.name,
            r.severity.as_str()
        )?;
        if r.undetermined > 0 {
            write!(out, "  ({} undetermined)", r.undetermined)?;
        }
        writeln!(out)?;
    }
    Ok(())
}
