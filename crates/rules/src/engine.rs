//! One rule against one resource: verdict, the value it rests on, and the message.

use vigil_model::{Finding, Hop, Location, Resource, ResourceRef, Verdict};

use crate::condition::{Evidence, Observed, Truth};
use crate::spec::MessageKind;
use crate::template::{Placeholder, Template};
use crate::Rule;

const DEFAULT_UNDETERMINED: &str =
    "{resource}: {property} is not known before deployment ({reason}), so this rule cannot decide.";

impl Rule {
    /// Whether the rule is about this resource's type (ARM types compare in any case).
    pub fn applies_to(&self, resource: &Resource) -> bool {
        self.check
            .resource_type
            .0
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&resource.azure_type))
    }

    /// The rule's verdict on one resource when it is not a pass.
    pub fn evaluate(&self, resource: &Resource) -> Option<Finding> {
        if !self.applies_to(resource) {
            return None;
        }
        let outcome = self.check.condition.eval(resource);
        let verdict = match outcome.truth {
            Truth::True => return None,
            Truth::False => Verdict::Fail,
            Truth::Unknown => Verdict::Undetermined,
        };
        let primary = match verdict {
            // The offending value when there is one: that is the line a person edits.
            Verdict::Fail => outcome
                .evidence
                .iter()
                .find(|e| matches!(e.observed, Observed::Value(_))),
            Verdict::Undetermined => outcome
                .evidence
                .iter()
                .find(|e| matches!(e.observed, Observed::Unknown { .. })),
        }
        .or(outcome.evidence.first());
        let (location, trace) = place(resource, primary);
        let reason = match primary.map(|e| &e.observed) {
            Some(Observed::Unknown { reason, .. }) => reason.clone(),
            Some(Observed::Absent { .. }) => {
                "the rule does not assume a value when it is not set".into()
            }
            _ => String::new(),
        };
        let notes = self.render_notes(resource);
        let fill = |p: Placeholder| fill(p, resource, primary, &location, &reason, &notes);
        let mut message = match self.template(verdict, primary) {
            Some(t) => t.render(&fill),
            None => Template::parse_builtin(DEFAULT_UNDETERMINED).render(&fill),
        };
        // A resource that may not exist breaks the rule only where it is deployed.
        if let Some(why) = &resource.deployed_if {
            message.push_str(&format!(" (if it is deployed: {why})"));
        }
        Some(Finding {
            rule_id: self.meta.id.clone(),
            rule_name: self.meta.name.clone(),
            severity: self.meta.severity,
            verdict,
            message,
            location,
            resource: ResourceRef::from(resource),
            property: primary.map(|e| e.leaf.property.clone()).unwrap_or_default(),
            source_property: primary
                .map(|e| resource.display_name(&e.leaf.property).to_string())
                .unwrap_or_default(),
            trace,
            suppression: None,
        })
    }

    /// The most specific message the rule file offers, the primary leaf's own before the rule's.
    fn template<'a>(
        &'a self,
        verdict: Verdict,
        primary: Option<&Evidence<'a>>,
    ) -> Option<&'a Template> {
        let chain: &[MessageKind] = match (verdict, primary.map(|e| &e.observed)) {
            (Verdict::Undetermined, _) => &[MessageKind::Undetermined],
            (
                Verdict::Fail,
                Some(Observed::Absent {
                    parent_present: false,
                    ..
                }),
            ) => &[
                MessageKind::FailParentAbsent,
                MessageKind::FailAbsent,
                MessageKind::Fail,
            ],
            (Verdict::Fail, Some(Observed::Absent { .. })) => {
                &[MessageKind::FailAbsent, MessageKind::Fail]
            }
            (Verdict::Fail, _) => &[MessageKind::Fail],
        };
        chain.iter().find_map(|kind| {
            primary
                .and_then(|e| e.leaf.messages.get(*kind))
                .or_else(|| self.messages.get(*kind))
                .map(|t| &t.0)
        })
    }

    fn render_notes(&self, resource: &Resource) -> String {
        let Some(notes) = &self.messages.notes else {
            return String::new();
        };
        let texts: Vec<String> = notes
            .items
            .iter()
            .filter_map(|item| {
                let outcome = item.when.eval(resource);
                if outcome.truth != Truth::True {
                    return None;
                }
                let evidence = outcome.evidence.first();
                let (location, _) = place(resource, evidence);
                Some(
                    item.text
                        .0
                        .render(&|p| fill(p, resource, evidence, &location, "", "")),
                )
            })
            .collect();
        let Some((last, rest)) = texts.split_last() else {
            return String::new();
        };
        let mut out = notes.lead.clone();
        out.push_str(&rest.join(&notes.separator));
        if !rest.is_empty() {
            out.push_str(notes.last_separator.as_ref().unwrap_or(&notes.separator));
        }
        out.push_str(last);
        out.push_str(&notes.end);
        out
    }
}

/// Where a finding points and the trace that got the value there: the value's own origin, or
/// the resource's first line when the value is absent or was never written anywhere.
fn place(resource: &Resource, evidence: Option<&Evidence<'_>>) -> (Location, Vec<Hop>) {
    let val = evidence.and_then(|e| match &e.observed {
        Observed::Value(v) | Observed::Unknown { at: v, .. } => Some(*v),
        Observed::Absent { null, .. } => *null,
    });
    match val {
        Some(v) => (
            v.origin
                .clone()
                .unwrap_or_else(|| resource.location.clone()),
            v.trace.clone(),
        ),
        None => (resource.location.clone(), Vec::new()),
    }
}

fn fill(
    p: Placeholder,
    resource: &Resource,
    evidence: Option<&Evidence<'_>>,
    location: &Location,
    reason: &str,
    notes: &str,
) -> String {
    match p {
        Placeholder::Resource => match &resource.label {
            Some(label) => format!("{label} ({})", resource.address),
            None => resource.address.clone(),
        },
        Placeholder::Type => resource.azure_type.clone(),
        Placeholder::Property => evidence
            .map(|e| resource.display_name(&e.leaf.property).to_string())
            .unwrap_or_default(),
        Placeholder::Path => evidence
            .map(|e| e.leaf.property.clone())
            .unwrap_or_default(),
        Placeholder::Parent => match evidence.and_then(|e| e.leaf.parent.as_deref()) {
            Some(parent) => resource.display_name(parent).to_string(),
            None => resource.address.clone(),
        },
        Placeholder::Value => match evidence.map(|e| &e.observed) {
            Some(Observed::Value(v)) => v.display(),
            Some(Observed::Absent {
                default: Some(d), ..
            }) => d.display(),
            Some(Observed::Absent { null: Some(_), .. }) => "null".into(),
            Some(Observed::Absent { .. }) | None => "(not set)".into(),
            Some(Observed::Unknown { .. }) => "(unknown)".into(),
        },
        Placeholder::Origin => location.short(),
        Placeholder::Reason => reason.to_string(),
        Placeholder::Notes => notes.to_string(),
    }
}
