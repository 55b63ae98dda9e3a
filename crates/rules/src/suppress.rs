//! Inline suppressions: `vigil:ignore` comments the front ends already found.

use std::collections::HashMap;
use std::sync::Arc;
use vigil_model::{
    Finding, IgnoreDirective, IsoDate, Location, RuleMeta, SourceFile, Suppression,
    SuppressionKind, Until,
};

/// What the filter needs besides the findings and the files.
#[derive(Clone, Copy, Debug)]
pub struct SuppressContext<'a> {
    /// A directive with `until` before this day has expired.
    pub today: IsoDate,
    /// Every rule vigil knows, to tell a misspelt rule from one that did not run.
    pub known_rules: &'a [RuleMeta],
    /// The rules that ran: a directive for a rule that did not run is not "unused".
    pub active_rules: &'a [RuleMeta],
}

/// Something about a suppression that its author should hear (like ruff's unused-noqa). Never
/// an error: the run's exit code does not change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SuppressionWarning {
    /// The directive's comment.
    pub location: Location,
    pub message: String,
}

/// How one directive was used in this run.
#[derive(Default)]
struct Use {
    suppressed: usize,
    /// Findings it would have covered had it not expired (or had a valid date).
    expired: usize,
}

/// Marks each finding that a `vigil:ignore` directive covers as suppressed, and returns what is
/// wrong with the directives: expired, with an invalid date, naming an unknown rule, or
/// matching nothing.
///
/// A directive covers a finding when it names the finding's rule (by id or name, any case; a
/// directive naming no rule covers every rule) and sits, in the same file as that line:
/// - on the finding's primary line, or on the line directly above it;
/// - on the line where the resource uses the value, or directly above it, when the value was
///   written elsewhere (the first hop of its trace: `bypass = var.bypass` whose literal sits
///   in a tfvars file);
/// - on the line directly above the resource's first line, or on that first line itself
///   (a trailing comment after `resource "..." "..." {`): these cover every finding of the
///   resource;
/// - likewise above, or on, the first line of a module call (a Terraform `module` block, a
///   Bicep `module`, an ARM nested deployment) that created the instance: these cover every
///   finding of the instances the call creates.
///
/// The nearest directive in force wins, in that order. A directive whose `until` day has passed
/// hides nothing, so its findings fail again, and says so. Findings already suppressed are left
/// alone.
pub fn apply_suppressions(
    findings: &mut [Finding],
    sources: &HashMap<Arc<str>, SourceFile>,
    ctx: &SuppressContext,
) -> Vec<SuppressionWarning> {
    let mut uses: HashMap<(Arc<str>, usize), Use> = HashMap::new();
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
        // Above a module call (or on its first line): every instance the call creates, the
        // innermost call first.
        for call in resource.callers.iter().rev() {
            candidates.push((&call.file, call.line));
            candidates.push((&call.file, call.line.saturating_sub(1)));
        }
        let mut chosen = None;
        'search: for (file, line) in candidates.into_iter().filter(|(_, line)| *line > 0) {
            let Some(source) = sources.get(file) else {
                continue;
            };
            for (i, d) in source.ignores.iter().enumerate() {
                if d.line != line || !covers(d, finding) {
                    continue;
                }
                let entry = uses.entry((source.path.clone(), i)).or_default();
                if in_force(d, ctx.today) {
                    entry.suppressed += 1;
                    chosen = Some(d);
                    break 'search;
                }
                entry.expired += 1;
            }
        }
        if let Some(d) = chosen {
            finding.suppression = Some(Suppression {
                kind: SuppressionKind::Inline,
                reason: d.reason.clone(),
                location: d.location.clone(),
            });
        }
    }

    let mut warnings = Vec::new();
    for source in sources.values() {
        for (i, d) in source.ignores.iter().enumerate() {
            let used = uses.get(&(source.path.clone(), i));
            warnings.extend(judge(d, used, ctx));
        }
    }
    warnings.sort();
    warnings.dedup();
    warnings
}

fn in_force(d: &IgnoreDirective, today: IsoDate) -> bool {
    match &d.until {
        None => true,
        // `until 2027-06-30` holds through that day.
        Some(Until::Date(last)) => today <= *last,
        Some(Until::Invalid(_)) => false,
    }
}

/// What to say about one directive, if anything.
fn judge(
    d: &IgnoreDirective,
    used: Option<&Use>,
    ctx: &SuppressContext,
) -> Vec<SuppressionWarning> {
    let warn = |message: String| SuppressionWarning {
        location: d.location.clone(),
        message,
    };
    let mut out = Vec::new();
    let named = if d.rules.is_empty() {
        "every rule".to_string()
    } else {
        d.rules.join(", ")
    };
    for rule in &d.rules {
        if !ctx.known_rules.iter().any(|m| names(m, rule)) {
            out.push(warn(format!("suppression names an unknown rule `{rule}`")));
        }
    }
    match &d.until {
        Some(Until::Invalid(text)) => out.push(warn(format!(
            "suppression has an invalid date `{text}` (expected YYYY-MM-DD after `until`), so \
             it hides nothing"
        ))),
        Some(Until::Date(last)) if ctx.today > *last => {
            let n = used.map_or(0, |u| u.expired);
            out.push(warn(format!(
                "suppression of {named} expired on {last}; {}",
                reported_again(n)
            )));
        }
        _ => {
            let ran = d.rules.is_empty()
                || d.rules
                    .iter()
                    .any(|r| ctx.active_rules.iter().any(|m| names(m, r)));
            if ran && used.is_none_or(|u| u.suppressed == 0) {
                out.push(warn(format!(
                    "unused suppression: no finding of {named} here"
                )));
            }
        }
    }
    out
}

/// The end of an expiry warning, shared with the configuration's ignores so both read alike.
pub fn reported_again(findings: usize) -> String {
    match findings {
        0 => "it matches no finding".to_string(),
        1 => "1 finding is reported again".to_string(),
        n => format!("{n} findings are reported again"),
    }
}

fn names(meta: &RuleMeta, rule: &str) -> bool {
    rule.eq_ignore_ascii_case(&meta.id) || rule.eq_ignore_ascii_case(&meta.name)
}

fn covers(directive: &IgnoreDirective, finding: &Finding) -> bool {
    directive.rules.is_empty()
        || directive.rules.iter().any(|r| {
            r.eq_ignore_ascii_case(&finding.rule_id) || r.eq_ignore_ascii_case(&finding.rule_name)
        })
}
