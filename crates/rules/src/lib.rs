//! vigil's rules: rule files (`rules/*.yaml`) compiled into checks, and the engine that runs
//! them against [`Resource`]s in the Azure shape.
//!
//! A rule is data. Adding a rule about another property of another resource type needs only
//! a YAML file: every `rules/*.yaml` is embedded into the binary at build time, and more can
//! be loaded with [`RuleSet::from_sources`].
//!
//! # The rule file
//!
//! ```yaml
//! id: AZKV001                        # letters then digits; a prefix (AZKV) selects a family
//! name: key-vault-trusted-services-bypass   # lower-case words joined by hyphens
//! title: One line, what a compliant resource does
//! severity: medium                   # info | low | medium | high | critical
//! security-severity: "5.3"           # GitHub's 0.0-10.0 score, kept as a string
//! tags: [security, key-vault]        # optional
//! help_uri: https://...              # optional: the page to read first
//! summary: One paragraph             # optional: defaults to the first paragraph of
//!                                    # "## What it does"
//! documentation: |                   # Markdown with these sections, in this order:
//!   ## What it does                  #   What it does, Why it matters, Example,
//!   ...                              #   How to fix, References
//! check:
//!   resource_type: Microsoft.KeyVault/vaults   # or a list; compared in any case
//!   condition: CONDITION             # the resource passes when this is true
//! messages:
//!   fail: TEMPLATE                   # the offending value is present
//!   fail_absent: TEMPLATE            # optional: the property is missing, its parent is not
//!   fail_parent_absent: TEMPLATE     # optional: a parent of the property is missing
//!   undetermined: TEMPLATE           # optional: the deciding value is unknown
//!   notes:                           # optional: what `{notes}` expands to
//!     lead: " It cuts off "          #   before the first item (default "")
//!     separator: ", "                #   between items (default ", ")
//!     last_separator: " and "        #   before the last item (default: separator)
//!     end: "."                       #   after the last item (default "")
//!     items:
//!       - when: CONDITION            #   the item is shown when this is known true
//!         text: NOTE_TEMPLATE
//! ```
//!
//! A missing `fail_parent_absent` falls back to `fail_absent`, which falls back to `fail`.
//!
//! ## Conditions
//!
//! Three-valued: true, false or unknown. A leaf tests one property:
//!
//! ```yaml
//! property: properties.networkAcls.bypass   # dotted Azure path
//! equals: AzureServices      # exactly one of: equals, not_equals, one_of: [..], not_one_of: [..]
//!                            # (strings, numbers or booleans)
//! case: source               # exact | insensitive | source (default): exact when the
//!                            # resource's tooling is case-sensitive (azurerm), else any case
//! when_absent: true          # required. The property is missing or null while its parent
//!                            # object exists: true | false | unknown, or `{default: VALUE}` to
//!                            # test the API's default instead (pass/fail/undetermined are
//!                            # accepted for true/false/unknown)
//! when_parent_absent: true   # a parent object is missing (default: when_absent)
//! when_required_absent: false  # the property is missing although the source's schema
//!                            # requires it (Resource.required, e.g. azurerm's network_acls
//!                            # requires bypass) (default: when_absent)
//! messages: {fail: ...}      # optional: fail / fail_absent / fail_parent_absent /
//!                            # undetermined, preferred over the rule's when the verdict rests
//!                            # on this leaf
//! ```
//!
//! An unknown value (or one with an unknown inside) makes the leaf unknown, and so does a
//! parent that is not an object. Leaves combine with `any_of: [..]` (true if any is true, false
//! if all are false, else unknown), `all_of: [..]` (false if any is false, true if all are
//! true, else unknown) and `not: CONDITION`.
//!
//! A false condition is a `fail` finding, located at the first leaf it rests on that has a
//! value (the offending literal), else at the resource's first line. An unknown condition is
//! an `undetermined` finding, located at the unknown value's origin, else the resource's first
//! line.
//!
//! ## Templates
//!
//! Text with placeholders (`{{` and `}}` for literal braces), about the leaf the verdict rests
//! on:
//! `{resource}` the resource address, `{type}` its ARM type, `{property}` the property as the
//! source names it (`network_acls.bypass`), `{path}` its Azure path, `{parent}` the parent
//! object as the source names it, `{value}` the value (the default for `{default: ..}`, else
//! `(not set)` when absent), `{origin}` `file:line` where the finding points, `{reason}` why
//! the value is unknown, `{notes}` the notes. Note texts can use all but `{reason}` and
//! `{notes}`, about the note's own property.

mod condition;
mod engine;
mod spec;
mod suppress;
mod template;

pub use spec::{yaml_error_parts, DOC_SECTIONS};
pub use suppress::{apply_suppressions, reported_again, SuppressContext, SuppressionWarning};

use std::collections::BTreeSet;
use vigil_model::{Finding, Resource, RuleMeta, Verdict};

mod builtin {
    // Generated by build.rs: `BUILTIN: &[(&str, &str)]`, every rules/*.yaml by file name.
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// A rule file that cannot be used, or a rule selection that names no rule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    /// The file is not valid YAML or not a valid rule.
    #[error("{}: {message}", place(file, *line, *column))]
    Invalid {
        file: String,
        /// 1-based, when the YAML parser knows it.
        line: Option<u32>,
        column: Option<u32>,
        message: String,
    },
    #[error("rule {id} is defined twice: in {first} and in {second}; give one of them another id")]
    DuplicateId {
        id: String,
        first: String,
        second: String,
    },
    #[error("rule name {name} is used twice: in {first} and in {second}; rename one of them")]
    DuplicateName {
        name: String,
        first: String,
        second: String,
    },
    /// `option` is `select` or `ignore`.
    #[error(
        "unknown rule `{selector}` in {option}: no rule has this id, name or id prefix \
         (the rules are: {known})"
    )]
    UnknownSelector {
        option: &'static str,
        selector: String,
        known: String,
    },
}

fn place(file: &str, line: Option<u32>, column: Option<u32>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_string(),
    }
}

/// One compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    meta: RuleMeta,
    check: spec::Check,
    messages: spec::Messages,
    /// The rule file's name, for errors about it.
    file: String,
}

impl Rule {
    /// [`Rule::evaluate`], settled by the resource's alternatives when the value it needs is
    /// unknown but its possible values are not: a rule that fails in every case fails. One that
    /// passes in every case stays undetermined: DESIGN.md reports a verdict resting on an
    /// unknown for review, and a pass is never inferred.
    pub fn evaluate_cases(&self, resource: &Resource) -> Option<Finding> {
        let base = self.evaluate(resource);
        let undetermined = matches!(&base, Some(f) if f.verdict == Verdict::Undetermined);
        if !undetermined || resource.alternatives.is_empty() {
            return base;
        }
        let cases: Vec<Option<Finding>> = resource
            .alternatives
            .iter()
            .map(|a| self.evaluate(a))
            .collect();
        if cases
            .iter()
            .all(|c| matches!(c, Some(f) if f.verdict == Verdict::Fail))
        {
            let mut first = cases.into_iter().flatten().next()?;
            first
                .message
                .push_str(" This holds in every case the unknown values can take.");
            return Some(first);
        }
        base
    }

    pub fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// The ARM resource types the rule is about, as its file writes them.
    pub fn resource_types(&self) -> &[String] {
        &self.check.resource_type.0
    }

    pub fn id(&self) -> &str {
        &self.meta.id
    }

    pub fn name(&self) -> &str {
        &self.meta.name
    }

    /// The Markdown documentation, in the fixed sections of [`DOC_SECTIONS`].
    pub fn documentation(&self) -> &str {
        &self.meta.documentation
    }

    /// The rule file it was read from.
    pub fn file(&self) -> &str {
        &self.file
    }
}

/// Rules in id order.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The rules compiled into the binary (every `rules/*.yaml`).
    ///
    /// A test loads them all, so this cannot fail in a released binary; should a broken file
    /// ever slip through, the rules that do load are kept rather than panicking.
    /// [`RuleSet::try_builtin`] reports the error.
    pub fn builtin() -> RuleSet {
        RuleSet::try_builtin().unwrap_or_else(|_| {
            let mut set = RuleSet::default();
            for (file, yaml) in builtin::BUILTIN {
                let one = RuleSet::load([(*file, *yaml)]);
                if let Ok(merged) = one.and_then(|one| set.clone().merge(one)) {
                    set = merged;
                }
            }
            set
        })
    }

    /// The rules compiled into the binary, or the first error in them.
    pub fn try_builtin() -> Result<RuleSet, RuleError> {
        RuleSet::load(builtin::BUILTIN.iter().copied())
    }

    /// Rules from `(file name, YAML text)` pairs; the file name is only used in errors.
    pub fn from_sources(files: &[(String, String)]) -> Result<RuleSet, RuleError> {
        RuleSet::load(files.iter().map(|(f, y)| (f.as_str(), y.as_str())))
    }

    fn load<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        for (file, yaml) in files {
            let rule = spec::parse_rule(file, yaml)?;
            set = set.merge(RuleSet { rules: vec![rule] })?;
        }
        Ok(set)
    }

    /// Both sets' rules (the built-in ones and a `--rules DIR`, say). An id or name defined in
    /// both is an error naming both files.
    pub fn merge(mut self, other: RuleSet) -> Result<RuleSet, RuleError> {
        for rule in other.rules {
            if let Some(old) = self
                .rules
                .iter()
                .find(|r| r.id().eq_ignore_ascii_case(rule.id()))
            {
                return Err(RuleError::DuplicateId {
                    id: rule.meta.id.clone(),
                    first: old.file.clone(),
                    second: rule.file.clone(),
                });
            }
            if let Some(old) = self.rules.iter().find(|r| r.name() == rule.name()) {
                return Err(RuleError::DuplicateName {
                    name: rule.meta.name.clone(),
                    first: old.file.clone(),
                    second: rule.file.clone(),
                });
            }
            self.rules.push(rule);
        }
        self.rules.sort_by(|a, b| a.id().cmp(b.id()));
        Ok(self)
    }

    /// The rules in id order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rule with this id (any case) or, failing that, this name.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        let id = id.trim();
        self.rules
            .iter()
            .find(|r| r.id().eq_ignore_ascii_case(id))
            .or_else(|| {
                self.rules
                    .iter()
                    .find(|r| r.name().eq_ignore_ascii_case(id))
            })
    }

    /// Keeps the selected rules (all of them when `select` is empty) minus the ignored ones.
    ///
    /// A selector is a rule id (`AZKV001`), a rule name (`key-vault-firewall-enabled`), an id
    /// prefix (`AZKV`, as ruff selects a family) or `ALL`, in any case; an entry may hold
    /// several, comma-separated. A selector that matches no rule is an error naming it.
    pub fn filter(self, select: &[String], ignore: &[String]) -> Result<RuleSet, RuleError> {
        let selected = if select.is_empty() {
            (0..self.rules.len()).collect()
        } else {
            self.matching("select", select)?
        };
        let ignored = self.matching("ignore", ignore)?;
        let rules = self
            .rules
            .into_iter()
            .enumerate()
            .filter(|(i, _)| selected.contains(i) && !ignored.contains(i))
            .map(|(_, r)| r)
            .collect();
        Ok(RuleSet { rules })
    }

    fn matching(
        &self,
        option: &'static str,
        selectors: &[String],
    ) -> Result<BTreeSet<usize>, RuleError> {
        let mut out = BTreeSet::new();
        for selector in selectors
            .iter()
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let hits: Vec<usize> = self
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| selects(selector, r))
                .map(|(i, _)| i)
                .collect();
            if hits.is_empty() {
                return Err(RuleError::UnknownSelector {
                    option,
                    selector: selector.to_string(),
                    known: self
                        .rules
                        .iter()
                        .map(|r| format!("{} ({})", r.id(), r.name()))
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            out.extend(hits);
        }
        Ok(out)
    }

    /// What reporters need about each rule, in id order.
    pub fn metas(&self) -> Vec<RuleMeta> {
        self.rules.iter().map(|r| r.meta.clone()).collect()
    }

    /// Every rule's verdict on one resource: fail and undetermined findings only, in rule order.
    pub fn check(&self, resource: &Resource) -> Vec<Finding> {
        self.rules
            .iter()
            .filter_map(|r| r.evaluate_cases(resource))
            .collect()
    }
}

fn selects(selector: &str, rule: &Rule) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || selector.eq_ignore_ascii_case(rule.name())
        || (selector.chars().all(|c| c.is_ascii_alphanumeric())
            && rule
                .id()
                .get(..selector.len())
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case(selector)))
}
