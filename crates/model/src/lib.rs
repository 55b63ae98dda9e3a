//! vigil's shared model: the one vocabulary every crate speaks.
//!
//! Front ends turn source files into [`Resource`]s whose properties are [`Val`]s (values that
//! remember where they were written and how they travelled); the rule engine turns resources
//! into [`Finding`]s; reporters turn findings into output. Nothing here knows a language.

pub mod budget;
pub mod files;
pub mod limits;
mod location;
mod suggest;
mod value;

pub use location::{normalize_path, read_source, LineIndex, Location};
pub use suggest::{did_you_mean, typo_of};
pub use value::{number_to_json, Hop, Unknown, Val, Value};

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A resource in the Azure shape, as one front end evaluated it.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// Where the resource lives in its configuration, e.g. `azurerm_key_vault.kv`.
    pub address: String,
    /// The ARM type, e.g. `Microsoft.KeyVault/vaults`.
    pub azure_type: String,
    /// The type as the source wrote it, e.g. `azurerm_key_vault`.
    pub source_type: String,
    /// The resource's first line (the `resource` keyword, the ARM object's brace).
    pub location: Location,
    /// The resource body in the Azure shape: an object with `name`, `properties`, ...
    pub body: Val,
    /// Whether the source's own tooling compares enumeration values with exact case
    /// (the azurerm provider does; ARM does not).
    pub case_sensitive: bool,
    /// Azure property paths that the source's schema requires whenever their parent is
    /// present (azurerm's `network_acls` requires `bypass`). A rule can treat the absence of
    /// such a property differently from an API default.
    pub required: Vec<String>,
    /// Azure property path -> the name the source uses for it (`network_acls.bypass`), so that
    /// messages speak the user's language.
    pub source_names: BTreeMap<String, String>,
    /// How messages name the resource when its address is an expression: an ARM name such as
    /// `[format('kv-{0}', parameters('env'))]` that evaluates to `kv-prod`.
    pub label: Option<String>,
    /// The resource as deployed in each case an unknown in it can take, when those cases are
    /// known (see [`Unknown::candidates`]). A rule that fails, or passes, in every case has its
    /// verdict although the value is unknown. Empty when there are no such cases.
    pub alternatives: Vec<Resource>,
    /// The module calls that created this instance (Terraform `module` blocks, Bicep `module`
    /// declarations, ARM nested deployments), outermost first, each at its first line; empty
    /// for a resource of the unit's own files. A suppression above a call covers the
    /// instances it creates, and a staged file that holds a call reports them.
    pub callers: Vec<Location>,
    /// Why the resource may not be deployed at all, when that is not known before deployment:
    /// its condition, count or loop depends on an unknown (`its condition
    /// `[parameters('deploy')]` is not known`). A verdict on it holds if it is deployed, and
    /// its finding says so. `None` for a resource that is deployed.
    pub deployed_if: Option<String>,
}

impl Resource {
    /// The value at a dotted Azure property path (`properties.networkAcls.bypass`).
    pub fn lookup(&self, path: &str) -> Lookup<'_> {
        let mut current = &self.body;
        for segment in path.split('.') {
            match &current.value {
                // Azure reads property names in any case (`networkACLs` is `networkAcls`); the
                // exact name first, so that a body with both keeps the one the API documents.
                Value::Object(map) => match map.get(segment).or_else(|| {
                    map.iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(segment))
                        .map(|(_, v)| v)
                }) {
                    Some(next) => current = next,
                    None => {
                        return Lookup::Absent {
                            parent: current,
                            missing: segment.to_string(),
                        }
                    }
                },
                Value::Null => {
                    return Lookup::Absent {
                        parent: current,
                        missing: segment.to_string(),
                    }
                }
                Value::Unknown(_) => return Lookup::Unknown(current),
                _ => return Lookup::NotAnObject(current),
            }
        }
        match &current.value {
            Value::Null => Lookup::Null(current),
            Value::Unknown(_) => Lookup::Unknown(current),
            _ => Lookup::Found(current),
        }
    }

    /// The name a message should use for an Azure property path.
    pub fn display_name<'a>(&'a self, azure_path: &'a str) -> &'a str {
        self.source_names
            .get(azure_path)
            .map(String::as_str)
            .unwrap_or(azure_path)
    }
}

/// What [`Resource::lookup`] found.
#[derive(Debug)]
pub enum Lookup<'a> {
    Found(&'a Val),
    /// The property was set to null: the same as leaving it out.
    Null(&'a Val),
    /// The property or one of its parents is unknown.
    Unknown(&'a Val),
    /// A segment of the path was missing: `parent` is the last value that exists.
    Absent {
        parent: &'a Val,
        missing: String,
    },
    /// A parent is a scalar or list: the template is malformed for this path.
    NotAnObject(&'a Val),
}

/// How bad a broken rule is (the Conformity risk levels, by their usual names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s.to_ascii_lowercase().as_str() {
            "info" => Severity::Info,
            "low" => Severity::Low,
            "medium" => Severity::Medium,
            "high" => Severity::High,
            "critical" => Severity::Critical,
            _ => return None,
        })
    }
}

/// What reporters need to know about a rule (its check lives in the rules crate).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleMeta {
    /// `AZKV001`.
    pub id: String,
    /// `key-vault-trusted-services-bypass`.
    pub name: String,
    /// One line: what a compliant resource does.
    pub title: String,
    pub severity: Severity,
    /// GitHub's 0.0-10.0 score, kept as the string SARIF wants.
    pub security_severity: String,
    pub tags: Vec<String>,
    /// One paragraph: what the rule checks.
    pub summary: String,
    /// The full documentation as Markdown, in the fixed sections.
    pub documentation: String,
    /// The page users should read first (the Conformity rule, say).
    pub help_uri: Option<String>,
}

/// A rule's verdict on a resource, when it is not a pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Fail,
    /// The value the rule needs is unknown; reported for review, never guessed.
    Undetermined,
}

/// The resource a finding is about, as reporters show it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ResourceRef {
    pub address: String,
    #[serde(rename = "type")]
    pub azure_type: String,
    pub source_type: String,
    pub file: Arc<str>,
    pub line: u32,
    /// The root whose evaluation created this instance (the Terraform directory, the template,
    /// the `.bicep` or `.bicepparam` file checked), as reported, when it is not the resource's
    /// own unit: two environments calling one module make two instances that differ only here.
    /// `None` for a resource evaluated in its own unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<Arc<str>>,
    /// [`Resource::callers`].
    #[serde(skip)]
    pub callers: Vec<Location>,
}

impl From<&Resource> for ResourceRef {
    fn from(r: &Resource) -> Self {
        ResourceRef {
            address: r.address.clone(),
            azure_type: r.azure_type.clone(),
            source_type: r.source_type.clone(),
            file: r.location.file.clone(),
            line: r.location.line,
            root: None,
            callers: r.callers.clone(),
        }
    }
}

impl ResourceRef {
    /// How outputs name this instance: the address, and the root that created it when that is
    /// not the resource's own unit (`module.kv.azurerm_key_vault.this (root envs/dev)`).
    pub fn instance_name(&self) -> String {
        match &self.root {
            Some(root) => format!("{} (root {root})", self.address),
            None => self.address.clone(),
        }
    }
}

/// What hid a finding. Serialised (and shown) as `inline`, `config` or `baseline`, the names
/// every report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuppressionKind {
    /// A `vigil:ignore` comment in the source.
    Inline,
    /// An entry of the configuration's `ignores`.
    Config,
    /// A finding recorded in the baseline file.
    Baseline,
}

impl SuppressionKind {
    /// The name reports give the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::Inline => "inline",
            SuppressionKind::Config => "config",
            SuppressionKind::Baseline => "baseline",
        }
    }
}

impl std::fmt::Display for SuppressionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `kind == "baseline"` reads as it did when the kind was a string.
impl PartialEq<&str> for SuppressionKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Why a finding is not held against the gate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub reason: Option<String>,
    /// Where the suppressing comment is.
    pub location: Location,
}

/// One rule's verdict on one resource.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub rule_name: String,
    pub severity: Severity,
    pub verdict: Verdict,
    pub message: String,
    /// Where a person edits: the offending value, or the resource's first line when the value
    /// is absent.
    pub location: Location,
    pub resource: ResourceRef,
    /// The Azure property path the verdict rests on.
    pub property: String,
    /// The same property as the source names it (`network_acls.bypass` in Terraform), so that
    /// output speaks the user's language.
    pub source_property: String,
    /// The hops that carried the value from where it was written to the resource, in the order a
    /// reader follows them: the use in the resource first, the literal last.
    pub trace: Vec<Hop>,
    pub suppression: Option<Suppression>,
}

impl Finding {
    /// Whether this finding fails the gate under the given policy.
    pub fn fails_gate(&self, fail_on_unknown: bool) -> bool {
        self.suppression.is_none()
            && match self.verdict {
                Verdict::Fail => true,
                Verdict::Undetermined => fail_on_unknown,
            }
    }

    /// A key that sorts findings the same way on every run.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str, &str, &str, &str) {
        (
            &self.location.file,
            self.location.line,
            self.location.column,
            &self.rule_id,
            &self.resource.address,
            &self.property,
            self.resource.root.as_deref().unwrap_or(""),
            // Two templates sharing a parameter file fail at one place with one address: the
            // resource's own file keeps their order fixed.
            &self.resource.file,
        )
    }

    /// The message as outputs show one finding: naming the root that created the instance when
    /// that is not the resource's own unit, since the address alone does not tell two
    /// environments' instances of one module apart.
    pub fn full_message(&self) -> std::borrow::Cow<'_, str> {
        match &self.resource.root {
            Some(root) => format!("{} (root {root})", self.message).into(),
            None => self.message.as_str().into(),
        }
    }

    /// Whether two findings are the same instance's verdict (same rule, root, resource file,
    /// address and property), so that a run reports it once however many paths reached it.
    pub fn same_instance(&self, other: &Finding) -> bool {
        self.rule_id == other.rule_id
            && self.resource.root == other.resource.root
            && self.resource.file == other.resource.file
            && self.resource.address == other.resource.address
            && self.property == other.property
    }
}

/// A file that could not be read or parsed. The run goes on without it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FileError {
    pub file: Arc<str>,
    /// 1-based; 0 when the error is about the file as a whole (it cannot be read).
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A `vigil:ignore` comment found in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoreDirective {
    /// The line the comment is on.
    pub line: u32,
    /// Rule ids it names; empty means every rule.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// `until DATE`: the last day the directive holds.
    pub until: Option<Until>,
    pub location: Location,
}

impl IgnoreDirective {
    /// The directive in a comment's text, if it is one; `location` is the comment's.
    pub fn from_comment(comment: &str, location: Location) -> Option<IgnoreDirective> {
        let parsed = parse_ignore_comment(comment)?;
        Some(IgnoreDirective {
            line: location.line,
            rules: parsed.rules,
            reason: parsed.reason,
            until: parsed.until,
            location,
        })
    }
}

/// The expiry of a suppression as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Until {
    Date(IsoDate),
    /// Not a `YYYY-MM-DD` date: the suppression does not hold (it fails closed) and the binary
    /// warns with the text.
    Invalid(String),
}

/// A calendar date, `YYYY-MM-DD`. Ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl IsoDate {
    /// Parses exactly `YYYY-MM-DD`, a real day of the Gregorian calendar.
    pub fn parse(s: &str) -> Option<IsoDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(IsoDate {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What a `vigil:ignore` comment says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoreComment {
    pub rules: Vec<String>,
    pub reason: Option<String>,
    pub until: Option<Until>,
}

/// A source file a front end read: reporters show its lines, the filter reads its ignores.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as reported: relative to the scan root, with forward slashes.
    pub path: Arc<str>,
    pub text: Arc<str>,
    pub ignores: Vec<IgnoreDirective>,
}

/// What a front end yields for one unit (a Terraform module directory, a template, a plan).
#[derive(Debug, Default)]
pub struct UnitOutput {
    pub resources: Vec<Resource>,
    pub files: Vec<SourceFile>,
    pub errors: Vec<FileError>,
    /// What the user should hear that does not change the exit code (a resource type that is
    /// a typo of one a rule knows).
    pub warnings: Vec<FileError>,
    /// What was left unchecked and why (a module that is not installed, a resource whose
    /// condition is false): counted in the summary, listed with `--verbose`.
    pub unchecked: Vec<Unchecked>,
    /// The inputs the unit declares (a Terraform root module's variables), so that a `--var`
    /// that no unit declares is an error, as Terraform makes it. `None` when the unit takes no
    /// such inputs, or cannot know them all (a file of the module does not parse).
    pub inputs: Option<Vec<String>>,
}

/// What kind of thing a unit could not check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UncheckedKind {
    /// A module call (Terraform, Bicep) or a nested deployment whose template is not read.
    Module,
    /// A resource that is not deployed with the inputs at hand (`condition` false, count 0).
    Resource,
    /// A `.bicepparam` or parameter file whose template is not there.
    Parameters,
    /// A file left out on purpose (compiled JSON beside its `.bicep`, a parameter file no
    /// template claims).
    File,
}

impl UncheckedKind {
    /// The noun for `n` of them, as the summary line writes it.
    pub fn noun(self, n: usize) -> &'static str {
        match (self, n == 1) {
            (UncheckedKind::Module, true) => "module",
            (UncheckedKind::Module, false) => "modules",
            (UncheckedKind::Resource, true) => "resource",
            (UncheckedKind::Resource, false) => "resources",
            (UncheckedKind::Parameters, true) => "parameter file",
            (UncheckedKind::Parameters, false) => "parameter files",
            (UncheckedKind::File, true) => "file",
            (UncheckedKind::File, false) => "files",
        }
    }
}

/// Work a unit could not do, said rather than skipped in silence.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unchecked {
    pub kind: UncheckedKind,
    /// Why, in a few words, for the summary line: `not installed`, `not found`,
    /// `condition false`.
    pub why: String,
    /// Where, with the whole sentence for `--verbose`.
    pub at: FileError,
    /// The address of the module instance whose contents were not read (`kv`, `outer/kv`), so
    /// that another reading of the same deployment (the JSON `bicep build` made, which holds
    /// every module inlined) can check it; `None` for anything else.
    pub module: Option<String>,
}

/// Whether a resource address lies under a module's (or nested deployment's) address, loop
/// indexes aside: `kv[0]/keyVault` is under `kv`, as Bicep and ARM name a looped module's
/// instances, and `kv` itself is under `kv`.
pub fn under_module(address: &str, module: &str) -> bool {
    fn plain(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut depth = 0usize;
        for c in s.chars() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    }
    let (address, module) = (plain(address), plain(module));
    address == module
        || address
            .strip_prefix(module.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Parse the `vigil:ignore` directive inside one comment's text (without its `#`/`//`).
///
/// Grammar: `vigil:ignore [RULE[,RULE]...] [until YYYY-MM-DD] [-- reason]`. Returns `None` when
/// the comment is not a directive.
pub fn parse_ignore_comment(comment: &str) -> Option<IgnoreComment> {
    let body = comment.trim_start_matches(['#', '/', '*', ' ', '\t']);
    let rest = body.strip_prefix("vigil:ignore")?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n'])) {
        return None;
    }
    let rest = rest.trim_end_matches("*/");
    let (rules_part, reason) = match rest.split_once("--") {
        Some((r, why)) => {
            let why = why.trim();
            (r, (!why.is_empty()).then(|| why.to_string()))
        }
        None => (rest, None),
    };
    let mut rules = Vec::new();
    let mut until = None;
    let mut tokens = rules_part
        .split([',', ' ', '\t', '\r', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty());
    while let Some(token) = tokens.next() {
        if token.eq_ignore_ascii_case("until") {
            let date = tokens.next().unwrap_or("");
            until = Some(match IsoDate::parse(date) {
                Some(d) => Until::Date(d),
                None => Until::Invalid(date.to_string()),
            });
        } else {
            rules.push(token.to_ascii_uppercase());
        }
    }
    Some(IgnoreComment {
        rules,
        reason,
        until,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_comment_grammar() {
        let parsed = |c: &str| parse_ignore_comment(c).map(|p| (p.rules, p.reason, p.until));
        assert_eq!(
            parsed("# vigil:ignore AZKV001 -- vault is private"),
            Some((
                vec!["AZKV001".into()],
                Some("vault is private".into()),
                None
            ))
        );
        assert_eq!(
            parsed("// vigil:ignore azkv001, AZKV002"),
            Some((vec!["AZKV001".into(), "AZKV002".into()], None, None))
        );
        assert_eq!(parsed("# vigil:ignore"), Some((vec![], None, None)));
        let date = IsoDate {
            year: 2027,
            month: 6,
            day: 30,
        };
        assert_eq!(
            parsed("# vigil:ignore AZKV001 until 2027-06-30 -- migrating"),
            Some((
                vec!["AZKV001".into()],
                Some("migrating".into()),
                Some(Until::Date(date))
            ))
        );
        assert_eq!(
            parsed("// vigil:ignore AZKV001 UNTIL 2027-02-30"),
            Some((
                vec!["AZKV001".into()],
                None,
                Some(Until::Invalid("2027-02-30".into()))
            ))
        );
        assert_eq!(
            parsed("// vigil:ignore until"),
            Some((vec![], None, Some(Until::Invalid(String::new()))))
        );
        assert_eq!(parsed("# vigil:ignored AZKV001"), None);
        assert_eq!(parsed("# just a comment"), None);
    }

    #[test]
    fn addresses_under_a_module() {
        assert!(under_module("kv[0]/keyVault", "kv"));
        assert!(under_module("kv", "kv"));
        assert!(under_module("outer[2]/kv['a']/x", "outer/kv"));
        assert!(!under_module("kvs/keyVault", "kv"));
        assert!(!under_module("other/kv", "kv"));
    }

    fn loc() -> Location {
        Location::new("main.tf", 1, 1, 1, 2)
    }

    #[test]
    fn lookup_distinguishes_absent_null_unknown() {
        let body = Val::object(
            [(
                "properties".to_string(),
                Val::object(
                    [
                        ("a".to_string(), Val::string("x", Some(loc()))),
                        ("n".to_string(), Val::new(Value::Null, Some(loc()))),
                        (
                            "u".to_string(),
                            Val::unknown("var.u has no value", Some(loc())),
                        ),
                    ],
                    None,
                ),
            )],
            None,
        );
        let r = Resource {
            address: "x.y".into(),
            azure_type: "T".into(),
            source_type: "t".into(),
            location: loc(),
            body,
            case_sensitive: false,
            required: vec![],
            source_names: BTreeMap::new(),
            alternatives: Vec::new(),
            label: None,
            callers: Vec::new(),
            deployed_if: None,
        };
        assert!(matches!(r.lookup("properties.a"), Lookup::Found(v) if v.as_str() == Some("x")));
        assert!(matches!(r.lookup("properties.n"), Lookup::Null(_)));
        assert!(matches!(r.lookup("properties.u"), Lookup::Unknown(_)));
        assert!(matches!(
            r.lookup("properties.u.deeper"),
            Lookup::Unknown(_)
        ));
        assert!(
            matches!(r.lookup("properties.b.c"), Lookup::Absent { missing, .. } if missing == "b")
        );
        assert!(matches!(r.lookup("properties.a.c"), Lookup::NotAnObject(_)));
    }
}
