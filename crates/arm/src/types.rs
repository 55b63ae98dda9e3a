//! The types a template declares (`languageVersion` 2.0 `definitions`, reached through `$ref`,
//! and the constraints of a parameter itself), applied to the values parameters take: whether
//! a parameter nobody sets is `null`, which values an unknown one can still be, and which given
//! values Azure refuses.

use crate::json::{JKind, JNode};
use std::collections::BTreeMap;
use vigil_model::limits::{ARM_TYPE_DEPTH, ARM_TYPE_REFS};
use vigil_model::{LineIndex, Location, Val, Value};

/// A type with its `$ref`s followed: what the first declaration to say it says.
pub(crate) struct Resolved<'t> {
    /// The declaration that holds the type's shape (`type`, `properties`, `items`).
    pub shape: &'t JNode,
    /// Any declaration on the way says `nullable: true`.
    pub nullable: bool,
    /// The nearest `allowedValues` on the way.
    pub allowed: Option<&'t JNode>,
}

/// Follows `decl`'s `$ref`s (JSON pointers into `template`, usually `#/definitions/x`).
/// `Err` says why the type cannot be read: a pointer to nothing, or a cycle.
pub(crate) fn resolve<'t>(decl: &'t JNode, template: &'t JNode) -> Result<Resolved<'t>, String> {
    let mut at = decl;
    let mut nullable = false;
    let mut allowed = None;
    for _ in 0..=ARM_TYPE_REFS {
        nullable |= matches!(
            at.get_ci("nullable").map(|n| &n.kind),
            Some(JKind::Bool(true))
        );
        if allowed.is_none() {
            allowed = at
                .get_ci("allowedValues")
                .filter(|a| matches!(a.kind, JKind::Array(_)));
        }
        let Some(pointer) = at.get("$ref") else {
            return Ok(Resolved {
                shape: at,
                nullable,
                allowed,
            });
        };
        let Some(pointer) = pointer.as_str() else {
            return Err("a `$ref` that is not a string".into());
        };
        at = follow(template, pointer)
            .ok_or_else(|| format!("`$ref` '{pointer}' points at nothing in the template"))?;
    }
    Err(format!(
        "`$ref`s lead to one another more than {ARM_TYPE_REFS} times (a cycle)"
    ))
}

/// A local JSON pointer (`#/definitions/a/properties/b`), its segments unescaped (`~1` is `/`,
/// `~0` is `~`).
fn follow<'t>(template: &'t JNode, pointer: &str) -> Option<&'t JNode> {
    let path = pointer.strip_prefix('#')?;
    let mut at = template;
    for segment in path.split('/').skip(1) {
        let key = segment.replace("~1", "/").replace("~0", "~");
        at = match &at.kind {
            JKind::Object(_) => at.get(&key)?,
            JKind::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

/// What checking a value against its type found.
pub(crate) struct Checked {
    pub value: Val,
    /// Given values Azure refuses, each with where it is written: `(value's origin, message)`.
    pub refused: Vec<(Option<Location>, String)>,
}

/// `value` as the type `decl` constrains it: an unknown (anywhere inside it) that the type
/// limits to `allowedValues` becomes an unknown among them; known values outside them are
/// refused. `what` names the value in messages (`parameter 'acls'`).
pub(crate) fn conform(
    value: Val,
    decl: &JNode,
    template: &JNode,
    index: &LineIndex,
    what: &str,
) -> Checked {
    let mut checker = Checker {
        template,
        index,
        what,
        refused: Vec::new(),
    };
    let value = checker.walk(value, decl, "", 0);
    Checked {
        value,
        refused: checker.refused,
    }
}

struct Checker<'t> {
    template: &'t JNode,
    index: &'t LineIndex,
    what: &'t str,
    refused: Vec<(Option<Location>, String)>,
}

impl Checker<'_> {
    /// `value` against `decl`; `path` is where it sits in the whole (`bypass`, `ipRules[0]`).
    fn walk(&mut self, value: Val, decl: &JNode, path: &str, depth: usize) -> Val {
        if depth > ARM_TYPE_DEPTH {
            return value;
        }
        let Ok(ty) = resolve(decl, self.template) else {
            // An unreadable type constrains nothing; resolving the parameter's own type said why.
            return value;
        };
        let array_type = ty
            .shape
            .get_ci("type")
            .and_then(JNode::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("array"));
        let allowed: Option<Vec<Val>> = ty.allowed.map(|a| {
            a.items()
                .iter()
                .map(|item| item.literal(self.index))
                .collect()
        });
        match &value.value {
            Value::Null if ty.nullable => return value,
            Value::Unknown(u) => {
                return match allowed {
                    // An array parameter's allowedValues are the values its elements may take.
                    Some(allowed) if u.candidates.is_empty() && !array_type => {
                        let mut candidates = allowed;
                        if ty.nullable {
                            candidates.push(Val::null(None));
                        }
                        let mut v = Val::unknown_among(u.reason.clone(), candidates, value.origin);
                        v.trace = value.trace;
                        v
                    }
                    _ => value,
                };
            }
            _ => {}
        }
        if let Some(allowed) = &allowed {
            let offending: Vec<&Val> = match (&value.value, array_type) {
                (Value::List(items), true) => {
                    items.iter().filter(|i| is_outside(i, allowed)).collect()
                }
                _ if is_outside(&value, allowed) => vec![&value],
                _ => Vec::new(),
            };
            for v in offending {
                self.refuse(v, path, allowed);
            }
        }
        let Val {
            value: inner,
            origin,
            trace,
        } = value;
        let inner = match inner {
            Value::Object(map) => Value::Object(self.properties(map, &ty, path, depth)),
            Value::List(items) => match ty.shape.get_ci("items") {
                Some(item_decl) if matches!(item_decl.kind, JKind::Object(_)) => Value::List(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, item)| {
                            self.walk(item, item_decl, &format!("{path}[{i}]"), depth + 1)
                        })
                        .collect(),
                ),
                _ => Value::List(items),
            },
            other => other,
        };
        Val {
            value: inner,
            origin,
            trace,
        }
    }

    /// An object's properties against `properties` and `additionalProperties`.
    fn properties(
        &mut self,
        map: BTreeMap<String, Val>,
        ty: &Resolved,
        path: &str,
        depth: usize,
    ) -> BTreeMap<String, Val> {
        let declared = ty.shape.get_ci("properties");
        let additional = ty
            .shape
            .get_ci("additionalProperties")
            .filter(|a| matches!(a.kind, JKind::Object(_)));
        if declared.is_none() && additional.is_none() {
            return map;
        }
        map.into_iter()
            .map(|(key, v)| {
                let decl = declared
                    .and_then(|d| {
                        d.props()
                            .iter()
                            .find(|(k, _, _)| k.eq_ignore_ascii_case(&key))
                    })
                    .map(|(_, _, d)| d)
                    .or(additional);
                let v = match decl {
                    Some(decl) if path.is_empty() => self.walk(v, decl, &key, depth + 1),
                    Some(decl) => self.walk(v, decl, &format!("{path}.{key}"), depth + 1),
                    None => v,
                };
                (key, v)
            })
            .collect()
    }

    fn refuse(&mut self, v: &Val, path: &str, allowed: &[Val]) {
        let what = self.what;
        let listed = allowed.iter().map(shown).collect::<Vec<_>>().join(", ");
        let message = if path.is_empty() {
            format!(
                "{what} is {}, which is not one of its allowedValues ({listed}): Azure refuses the deployment",
                shown(v)
            )
        } else {
            format!(
                "{what} sets {path} to {}, which is not one of the allowedValues of its type ({listed}): Azure refuses the deployment",
                shown(v)
            )
        };
        self.refused.push((v.origin.clone(), message));
    }
}

/// Whether a known value matches none of `allowed` (strings in any case: Azure's own check
/// may be stricter, and a wrong error costs more than a missed one). A value with an unknown
/// inside is not judged.
fn is_outside(v: &Val, allowed: &[Val]) -> bool {
    !v.contains_unknown() && !allowed.iter().any(|a| same(v, a))
}

fn same(a: &Val, b: &Val) -> bool {
    match (&a.value, &b.value) {
        (Value::String(x), Value::String(y)) => x.eq_ignore_ascii_case(y),
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Null, Value::Null) => true,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => false,
    }
}

/// A value in a message: strings quoted, the rest as JSON, long ones cut.
fn shown(v: &Val) -> String {
    let text = match &v.value {
        Value::String(s) => format!("'{s}'"),
        _ => v.to_json().to_string(),
    };
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}
