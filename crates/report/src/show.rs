//! `vigil show`: the resources a run evaluated, as Azure would receive them, for a person to
//! inspect (text) or a program to compare (JSON, described in `docs/show.md`).
//!
//! A resource's body is its evaluated Azure shape: what a front end gives the rules, with every
//! value vigil does not know written as `{"$unknown": "<reason>"}`, so that a reader sees what
//! the verdicts rest on and where vigil's knowledge ends.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Map, Value as Json};
use vigil_model::{number_to_json, FileError, Resource, Val, Value};

use crate::{safe, ReportError};

/// Bumped when a field is removed or changes meaning; adding a field does not bump it.
pub const SHOW_FORMAT_VERSION: u32 = 1;

/// The key an unknown value is written under.
pub const UNKNOWN_KEY: &str = "$unknown";

/// One resource as `vigil show` lists it.
#[derive(Clone, Debug)]
pub struct Shown<'a> {
    pub resource: &'a Resource,
    /// The root whose evaluation created this instance, when that is not the resource's own
    /// unit (two environments calling one module make two instances).
    pub root: Option<&'a str>,
}

/// The body keys that say how a resource is addressed by the API rather than what it is: its
/// type is listed beside the body, and the API version is part of the request's URL.
const NOT_BODY: &[&str] = &["type", "apiVersion"];

/// A value as JSON, unknowns as `{"$unknown": reason}`.
pub fn value_json(v: &Val) -> Json {
    match &v.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => number_to_json(*n),
        Value::String(s) => Json::String(s.clone()),
        Value::List(items) => Json::Array(items.iter().map(value_json).collect()),
        Value::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), value_json(v)))
                .collect(),
        ),
        Value::Unknown(u) => {
            let mut m = Map::new();
            m.insert(UNKNOWN_KEY.to_string(), Json::String(u.reason.clone()));
            Json::Object(m)
        }
    }
}

/// A resource's body as `vigil show` writes it: the evaluated Azure shape without the keys
/// that are listed beside it.
pub fn body_json(r: &Resource) -> Json {
    match &r.body.value {
        Value::Object(map) => Json::Object(
            map.iter()
                .filter(|(k, _)| !NOT_BODY.iter().any(|n| n.eq_ignore_ascii_case(k)))
                .map(|(k, v)| (k.clone(), value_json(v)))
                .collect(),
        ),
        _ => value_json(&r.body),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    resources: Vec<JsonResource<'a>>,
    /// As the check report writes them.
    errors: Vec<crate::json::JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonResource<'a> {
    address: &'a str,
    #[serde(rename = "type")]
    azure_type: &'a str,
    file: &'a str,
    line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    root: Option<&'a str>,
    /// Why the resource may not be deployed at all (its condition or loop is not known).
    #[serde(skip_serializing_if = "Option::is_none")]
    deployed_if: Option<&'a str>,
    body: Json,
}

/// The JSON document: `{"version": 1, "resources": [...], "errors": [...]}`, in the order given
/// (the caller sorts).
pub fn write_show_json(
    resources: &[Shown],
    errors: &[FileError],
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    let doc = Document {
        version: SHOW_FORMAT_VERSION,
        resources: resources
            .iter()
            .map(|s| JsonResource {
                address: &s.resource.address,
                azure_type: &s.resource.azure_type,
                file: &s.resource.location.file,
                line: s.resource.location.line,
                root: s.root,
                deployed_if: s.resource.deployed_if.as_deref(),
                body: body_json(s.resource),
            })
            .collect(),
        errors: errors.iter().map(crate::json::error).collect(),
    };
    crate::write_pretty(&doc, out)
}

/// A readable tree: one block per resource (address, type, file:line, then its body indented,
/// one property a line), then the errors.
pub fn write_show_text(
    resources: &[Shown],
    errors: &[FileError],
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    let mut s = String::new();
    for (i, shown) in resources.iter().enumerate() {
        let r = shown.resource;
        if i > 0 {
            s.push('\n');
        }
        let _ = write!(
            s,
            "{}  {}  {}:{}",
            safe::terminal(&r.address),
            safe::terminal(&r.azure_type),
            safe::terminal(&r.location.file),
            r.location.line
        );
        if let Some(root) = shown.root {
            let _ = write!(s, "  (root {})", safe::terminal(root));
        }
        s.push('\n');
        if let Some(why) = &r.deployed_if {
            let _ = writeln!(s, "  (if it is deployed: {})", safe::terminal(why));
        }
        match body_json(r) {
            Json::Object(map) if !map.is_empty() => tree(&mut s, &map, 1),
            other => {
                s.push_str("  ");
                s.push_str(&scalar(&other));
                s.push('\n');
            }
        }
    }
    let mut errors: Vec<&FileError> = errors.iter().collect();
    errors.sort();
    if !resources.is_empty() && !errors.is_empty() {
        s.push('\n');
    }
    for e in errors {
        let position = match (e.line, e.column) {
            (0, _) => String::new(),
            (l, 0) => format!(":{l}"),
            (l, c) => format!(":{l}:{c}"),
        };
        let _ = writeln!(
            s,
            "error: {}{position}: {}",
            safe::terminal(&e.file),
            safe::terminal(&e.message)
        );
    }
    let n = resources.len();
    let _ = writeln!(
        s,
        "{}{n} resource{}",
        if n > 0 || !s.is_empty() { "\n" } else { "" },
        if n == 1 { "" } else { "s" }
    );
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn tree(s: &mut String, map: &Map<String, Json>, depth: usize) {
    for (k, v) in map {
        indent(s, depth);
        s.push_str(&key(k));
        s.push(':');
        nested(s, v, depth);
    }
}

/// The value after `key:` (or `-`): a scalar on the same line, a collection below it.
fn nested(s: &mut String, v: &Json, depth: usize) {
    match v {
        Json::Object(m) if m.len() == 1 && m.contains_key(UNKNOWN_KEY) => {
            s.push(' ');
            s.push_str(&scalar(v));
            s.push('\n');
        }
        Json::Object(m) if !m.is_empty() => {
            s.push('\n');
            tree(s, m, depth + 1);
        }
        Json::Array(items) if !items.is_empty() => {
            s.push('\n');
            for item in items {
                indent(s, depth + 1);
                s.push('-');
                nested(s, item, depth + 1);
            }
        }
        _ => {
            s.push(' ');
            s.push_str(&scalar(v));
            s.push('\n');
        }
    }
}

fn indent(s: &mut String, depth: usize) {
    for _ in 0..depth {
        s.push_str("  ");
    }
}

/// A key bare when it is a plain name, quoted otherwise (so that `a: b` in a key cannot be
/// misread).
fn key(k: &str) -> Cow<'_, str> {
    let plain = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$' | '@'));
    if plain {
        Cow::Borrowed(k)
    } else {
        Cow::Owned(safe::terminal(&Json::String(k.to_string()).to_string()).into_owned())
    }
}

/// A scalar as JSON writes it; an unknown as `(unknown: reason)`; an empty collection as `[]`
/// or `{}`.
fn scalar(v: &Json) -> String {
    match v {
        Json::Object(m) => match m.get(UNKNOWN_KEY).and_then(Json::as_str) {
            Some(reason) if m.len() == 1 => format!("(unknown: {})", safe::terminal(reason)),
            _ => "{}".to_string(),
        },
        Json::Array(_) => "[]".to_string(),
        other => safe::terminal(&other.to_string()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use vigil_model::Location;

    fn kv() -> Resource {
        let loc = Location::new("main.bicep", 3, 1, 3, 2);
        let body = Val::object(
            [
                ("name".to_string(), Val::string("kv-prod", None)),
                (
                    "type".to_string(),
                    Val::string("Microsoft.KeyVault/vaults", None),
                ),
                ("apiVersion".to_string(), Val::string("2023-07-01", None)),
                (
                    "properties".to_string(),
                    Val::object(
                        [
                            (
                                "networkAcls".to_string(),
                                Val::object(
                                    [
                                        (
                                            "bypass".to_string(),
                                            Val::unknown("`bypass` has no value", None),
                                        ),
                                        ("ipRules".to_string(), Val::list(vec![], None)),
                                    ],
                                    None,
                                ),
                            ),
                            (
                                "tenant id".to_string(),
                                Val::list(
                                    vec![Val::new(Value::Number(2.0), None), Val::null(None)],
                                    None,
                                ),
                            ),
                        ],
                        None,
                    ),
                ),
            ],
            None,
        );
        Resource {
            address: "kv".into(),
            azure_type: "Microsoft.KeyVault/vaults".into(),
            source_type: "Microsoft.KeyVault/vaults".into(),
            location: loc,
            body,
            case_sensitive: false,
            required: vec![],
            source_names: BTreeMap::new(),
            label: None,
            alternatives: vec![],
            callers: vec![],
            deployed_if: None,
        }
    }

    #[test]
    fn json_writes_unknowns_and_leaves_out_type_and_api_version() {
        let r = kv();
        let mut out = Vec::new();
        write_show_json(
            &[Shown {
                resource: &r,
                root: None,
            }],
            &[],
            &mut out,
        )
        .unwrap();
        let doc: Json = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["version"], 1);
        let first = &doc["resources"][0];
        assert_eq!(first["address"], "kv");
        assert_eq!(first["type"], "Microsoft.KeyVault/vaults");
        assert_eq!(first["file"], "main.bicep");
        assert_eq!(first["line"], 3);
        assert!(first.get("root").is_none());
        assert_eq!(
            first["body"],
            serde_json::json!({
                "name": "kv-prod",
                "properties": {
                    "networkAcls": {"bypass": {"$unknown": "`bypass` has no value"}, "ipRules": []},
                    "tenant id": [2, null]
                }
            })
        );
        assert_eq!(doc["errors"], serde_json::json!([]));
    }

    #[test]
    fn text_is_an_indented_tree() {
        let r = kv();
        let mut out = Vec::new();
        let err = FileError {
            file: "bad.bicep".into(),
            line: 2,
            column: 5,
            message: "expected `=`".into(),
        };
        write_show_text(
            &[Shown {
                resource: &r,
                root: Some("envs/dev"),
            }],
            &[err],
            &mut out,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "kv  Microsoft.KeyVault/vaults  main.bicep:3  (root envs/dev)\n\
             \x20 name: \"kv-prod\"\n\
             \x20 properties:\n\
             \x20   networkAcls:\n\
             \x20     bypass: (unknown: `bypass` has no value)\n\
             \x20     ipRules: []\n\
             \x20   \"tenant id\":\n\
             \x20     - 2\n\
             \x20     - null\n\
             \n\
             error: bad.bicep:2:5: expected `=`\n\
             \n\
             1 resource\n"
        );
    }
}
