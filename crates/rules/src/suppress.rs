//! Inline suppressions: `vigil:ignore` comments the front ends already found.

use std::collections::HashMap;
use std::sync::Arc;
use vigil_model::{Finding, IgnoreDirective, SourceFile, Suppression};

/// Marks each finding that a `vigil:ignore` directive covers as suppressed.
///
/// A directive covers a finding when it names the finding's rule (by id or name, any case; a
/// directive naming no rule covers every rule) and sits, in the same file as that line:
/// - on the finding's primary line, or on the line directly above it;
/// - on the line where the resource uses the value, or directly above it, when the value was
///   written elsewhere (the first hop of its trace: `bypass = var.bypass` whose literal sits
///   in a tfvars file);
/// - on the line directly above the resource's first line, or on that first line itself
///   (a trailing comment after `resource "..." "..." {`): these cover every finding of the
///   resource.
///
/// The nearest directive wins, in that order. Findings already suppressed are left alone.
pub fn apply_suppressions(findings: &mut [Finding], sources: &HashMap<Arc<str>, SourceFile>) {
    for finding in findings.iter_mut().filter(|f| f.suppression.is_none()) {
        let here = &finding.location;
        let resource = &finding.resource;
        let use_site = finding.trace.first().map(|hop| &hop.location);
        let mut candidates = vec![
            (&here.file, here.line),
            (&here.file, here.line.saturating_sub(1)),
        ];
        if let Some(at) = use_site {
            candidates.push((&at.file, at.line));
            candidates.push((&at.file, at.line.saturating_sub(1)));
        }
        candidates.push((&resource.file, resource.line));
        candidates.push((&resource.file, resource.line.saturating_sub(1)));
        let directive = candidates
            .into_iter()
            .filter(|(_, line)| *line > 0)
            .find_map(|(file, line)| {
                sources
                    .get(file)?
                    .ignores
                    .iter()
                    .find(|d| d.line == line && covers(d, finding))
            });
        if let Some(d) = directive {
            finding.suppression = Some(Suppression {
                kind: "inline".into(),
                reason: d.reason.clone(),
                location: d.location.clone(),
            });
        }
    }
}

fn covers(directive: &IgnoreDirective, finding: &Finding) -> bool {
    directive.rules.is_empty()
        || directive.rules.iter().any(|r| {
            r.eq_ignore_ascii_case(&finding.rule_id) || r.eq_ignore_ascii_case(&finding.rule_name)
        })
}
