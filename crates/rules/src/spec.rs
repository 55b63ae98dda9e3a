//! The rule file: its YAML shape, checked as it is read so that every mistake is reported
//! with the file and line serde-saphyr knows.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use vigil_model::{RuleMeta, Severity};

use crate::condition::Condition;
use crate::template::{MessageTemplate, NoteTemplate};
use crate::{Rule, RuleError};

/// The headings every rule's documentation has, in this order (ruff's fixed sections).
pub const DOC_SECTIONS: [&str; 5] = [
    "## What it does",
    "## Why it matters",
    "## Example",
    "## How to fix",
    "## References",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: RuleId,
    name: RuleName,
    title: Text,
    severity: SeverityField,
    #[serde(rename = "security-severity", alias = "security_severity")]
    security_severity: Score,
    #[serde(default)]
    tags: Vec<Text>,
    #[serde(default)]
    help_uri: Option<Uri>,
    #[serde(default)]
    summary: Option<Text>,
    documentation: Documentation,
    check: Check,
    messages: Messages,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Check {
    pub(crate) resource_type: ResourceTypes,
    pub(crate) condition: Condition,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Messages {
    pub(crate) fail: MessageTemplate,
    #[serde(default)]
    pub(crate) fail_absent: Option<MessageTemplate>,
    #[serde(default)]
    pub(crate) fail_parent_absent: Option<MessageTemplate>,
    #[serde(default)]
    pub(crate) undetermined: Option<MessageTemplate>,
    #[serde(default)]
    pub(crate) notes: Option<Notes>,
}

/// Messages a single leaf of the condition brings along, preferred over the rule's own when
/// that leaf is the one the verdict rests on.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LeafMessages {
    #[serde(default)]
    pub(crate) fail: Option<MessageTemplate>,
    #[serde(default)]
    pub(crate) fail_absent: Option<MessageTemplate>,
    #[serde(default)]
    pub(crate) fail_parent_absent: Option<MessageTemplate>,
    #[serde(default)]
    pub(crate) undetermined: Option<MessageTemplate>,
}

/// Which message a finding needs, most specific first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MessageKind {
    Fail,
    FailAbsent,
    FailParentAbsent,
    Undetermined,
}

impl LeafMessages {
    pub(crate) fn get(&self, kind: MessageKind) -> Option<&MessageTemplate> {
        match kind {
            MessageKind::Fail => self.fail.as_ref(),
            MessageKind::FailAbsent => self.fail_absent.as_ref(),
            MessageKind::FailParentAbsent => self.fail_parent_absent.as_ref(),
            MessageKind::Undetermined => self.undetermined.as_ref(),
        }
    }
}

impl Messages {
    pub(crate) fn get(&self, kind: MessageKind) -> Option<&MessageTemplate> {
        match kind {
            MessageKind::Fail => Some(&self.fail),
            MessageKind::FailAbsent => self.fail_absent.as_ref(),
            MessageKind::FailParentAbsent => self.fail_parent_absent.as_ref(),
            MessageKind::Undetermined => self.undetermined.as_ref(),
        }
    }
}

/// Extra sentences for `{notes}`: each item whose `when` is known true adds its text.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Notes {
    #[serde(default)]
    pub(crate) lead: String,
    #[serde(default = "default_separator")]
    pub(crate) separator: String,
    #[serde(default)]
    pub(crate) last_separator: Option<String>,
    #[serde(default)]
    pub(crate) end: String,
    pub(crate) items: Vec<NoteItem>,
}

fn default_separator() -> String {
    ", ".into()
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoteItem {
    pub(crate) when: Condition,
    pub(crate) text: NoteTemplate,
}

/// `resource_type: X` or `resource_type: [X, Y]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ResourceTypes(pub(crate) Vec<String>);

impl<'de> Deserialize<'de> for ResourceTypes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TypesVisitor;
        impl<'de> Visitor<'de> for TypesVisitor {
            type Value = Vec<String>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "an ARM resource type like Microsoft.KeyVault/vaults, or a list of them",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
                Ok(vec![v.to_string()])
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
                let mut out = Vec::new();
                while let Some(t) = seq.next_element::<String>()? {
                    out.push(t);
                }
                Ok(out)
            }
        }
        let types = d.deserialize_any(TypesVisitor)?;
        if types.is_empty() {
            return Err(de::Error::custom("`resource_type` needs at least one type"));
        }
        if let Some(bad) = types
            .iter()
            .find(|t| !t.contains('/') || t.starts_with('/') || t.ends_with('/'))
        {
            return Err(de::Error::custom(format!(
                "`{bad}` is not an ARM resource type like Microsoft.KeyVault/vaults"
            )));
        }
        Ok(ResourceTypes(types))
    }
}

/// `AZKV001`: letters, then digits, so that a prefix (`AZKV`) selects a family.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct RuleId(String);

impl TryFrom<String> for RuleId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let letters = s.trim_end_matches(|c: char| c.is_ascii_digit());
        let ok = !letters.is_empty()
            && letters.len() < s.len()
            && letters.chars().all(|c| c.is_ascii_uppercase());
        if ok {
            Ok(RuleId(s))
        } else {
            Err(format!(
                "rule id `{s}` must be upper-case letters followed by digits, like AZKV001"
            ))
        }
    }
}

/// `key-vault-trusted-services-bypass`: lower-case words joined by hyphens.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct RuleName(String);

impl TryFrom<String> for RuleName {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let ok = !s.is_empty()
            && s.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if ok {
            Ok(RuleName(s))
        } else {
            Err(format!(
                "rule name `{s}` must be lower-case words joined by hyphens, like key-vault-firewall-enabled"
            ))
        }
    }
}

#[derive(Deserialize)]
#[serde(try_from = "String")]
struct Text(String);

impl TryFrom<String> for Text {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if s.trim().is_empty() {
            Err("must not be empty".into())
        } else {
            Ok(Text(s.trim().to_string()))
        }
    }
}

#[derive(Deserialize)]
#[serde(try_from = "String")]
struct SeverityField(Severity);

impl TryFrom<String> for SeverityField {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Severity::parse(&s).map(SeverityField).ok_or_else(|| {
            format!("unknown severity `{s}`, expected one of info, low, medium, high, critical")
        })
    }
}

/// GitHub's security-severity: a score from 0.0 to 10.0, kept as written.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct Score(String);

impl TryFrom<String> for Score {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.trim().parse::<f64>() {
            Ok(n) if (0.0..=10.0).contains(&n) => Ok(Score(s.trim().to_string())),
            _ => Err(format!(
                "security-severity `{s}` must be a score from 0.0 to 10.0, like \"5.3\""
            )),
        }
    }
}

#[derive(Deserialize)]
#[serde(try_from = "String")]
struct Uri(String);

impl TryFrom<String> for Uri {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim().to_string();
        if s.starts_with("https://") || s.starts_with("http://") {
            Ok(Uri(s))
        } else {
            Err(format!("help_uri `{s}` must be an http(s) address"))
        }
    }
}

#[derive(Deserialize)]
#[serde(try_from = "String")]
struct Documentation(String);

impl TryFrom<String> for Documentation {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let mut lines = s.lines().map(str::trim_end);
        for heading in DOC_SECTIONS {
            if !lines.any(|l| l == heading) {
                return Err(format!(
                    "documentation lacks the section `{heading}` (or has it out of order); \
                     the sections are, in order: {}",
                    DOC_SECTIONS.join(", ")
                ));
            }
        }
        Ok(Documentation(s))
    }
}

/// The first paragraph of "What it does", for reporters' one-paragraph descriptions.
fn summary_of(documentation: &str) -> String {
    documentation
        .lines()
        .skip_while(|l| l.trim_end() != DOC_SECTIONS[0])
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn parse_rule(file: &str, yaml: &str) -> Result<Rule, RuleError> {
    let spec: RuleFile = serde_saphyr::from_str(yaml).map_err(|e| yaml_error(file, &e))?;
    let documentation = spec.documentation.0;
    let summary = spec
        .summary
        .map(|s| s.0)
        .unwrap_or_else(|| summary_of(&documentation));
    Ok(Rule {
        meta: RuleMeta {
            id: spec.id.0,
            name: spec.name.0,
            title: spec.title.0,
            severity: spec.severity.0,
            security_severity: spec.security_severity.0,
            tags: spec.tags.into_iter().map(|t| t.0).collect(),
            summary,
            documentation,
            help_uri: spec.help_uri.map(|u| u.0),
        },
        check: spec.check,
        messages: spec.messages,
        file: file.to_string(),
    })
}

fn yaml_error(file: &str, e: &serde_saphyr::Error) -> RuleError {
    let (position, message) = yaml_error_parts(e);
    RuleError::Invalid {
        file: file.to_string(),
        line: position.map(|(l, _)| u32::try_from(l).unwrap_or(u32::MAX)),
        column: position.map(|(_, c)| u32::try_from(c).unwrap_or(u32::MAX)),
        message,
    }
}

/// A serde-saphyr error as `(line and column, message without them)`, so that the caller can
/// print `file:line:column: message` like every other error. Shared with the configuration
/// file's loader.
pub fn yaml_error_parts(e: &serde_saphyr::Error) -> (Option<(u64, u64)>, String) {
    let position = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| (l.line(), l.column()));
    let options = serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
    let mut message = e.render_with_options(options);
    // The plain rendering ends with the position, which the error already carries.
    if let Some((line, column)) = position {
        let suffix = format!(" at line {line}, column {column}");
        if let Some(stripped) = message.strip_suffix(&suffix) {
            message = stripped.to_string();
        }
    }
    (position, message)
}
