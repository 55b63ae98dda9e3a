//! Variable type constraints, applied the way Terraform 1.3+ converts a value to its declared
//! type: primitives converted, object attributes not in the type dropped, and `optional()`
//! attributes filled with their defaults (which keep the default's own origin, so a finding
//! points at `optional(string, "None")`).

use crate::eval::Evaluator;
use crate::parse::Expr;
use hcl_edit::expr::{Expression, ObjectKey};
use std::collections::BTreeMap;
use std::sync::Arc;
use vigil_model::{Val, Value};

#[derive(Clone, Debug)]
pub(crate) enum TypeSpec {
    Any,
    String,
    Number,
    Bool,
    List(Box<TypeSpec>),
    Set(Box<TypeSpec>),
    Map(Box<TypeSpec>),
    Object(Vec<Attribute>),
    Tuple(Vec<TypeSpec>),
}

#[derive(Clone, Debug)]
pub(crate) struct Attribute {
    name: String,
    ty: TypeSpec,
    optional: bool,
    default: Option<Expr>,
}

impl Attribute {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn ty(&self) -> &TypeSpec {
        &self.ty
    }
}

impl TypeSpec {
    /// Whether `--var` values of this type are HCL expressions rather than plain strings.
    pub fn is_complex(&self) -> bool {
        !matches!(self, TypeSpec::String | TypeSpec::Number | TypeSpec::Bool)
    }

    pub fn primitive(&self) -> Option<&'static str> {
        match self {
            TypeSpec::String => Some("string"),
            TypeSpec::Number => Some("number"),
            TypeSpec::Bool => Some("bool"),
            _ => None,
        }
    }
}

/// The type a `type = ...` expression declares; `None` when it cannot be read (treated as any).
pub(crate) fn parse_type(expr: &Expr) -> Option<TypeSpec> {
    match expr {
        Expr::Hcl { file, expr } => from_hcl(*file, expr),
        Expr::Json { node, .. } | Expr::JsonLiteral { node, .. } => match &node.kind {
            // Defaults inside a JSON type string would have no place in the file: read the shape.
            crate::parse::JKind::String(s) => {
                let parsed = hcl_edit::parser::parse_expr(s).ok()?;
                from_hcl(usize::MAX, &parsed)
            }
            _ => None,
        },
    }
}

fn from_hcl(file: usize, e: &Expression) -> Option<TypeSpec> {
    Some(match e {
        Expression::Variable(v) => match v.value().as_str() {
            "string" => TypeSpec::String,
            "number" => TypeSpec::Number,
            "bool" => TypeSpec::Bool,
            _ => TypeSpec::Any,
        },
        Expression::Parenthesis(p) => return from_hcl(file, p.inner()),
        Expression::FuncCall(call) => {
            let args: Vec<&Expression> = call.args.iter().collect();
            match (call.name.name.value().as_str(), args.as_slice()) {
                ("list", [t]) => TypeSpec::List(Box::new(from_hcl(file, t)?)),
                ("set", [t]) => TypeSpec::Set(Box::new(from_hcl(file, t)?)),
                ("map", [t]) => TypeSpec::Map(Box::new(from_hcl(file, t)?)),
                ("tuple", [Expression::Array(items)]) => TypeSpec::Tuple(
                    items
                        .iter()
                        .map(|t| from_hcl(file, t))
                        .collect::<Option<_>>()?,
                ),
                ("object", [Expression::Object(attrs)]) => {
                    let mut out = Vec::new();
                    for (key, value) in attrs.iter() {
                        let name = match key {
                            ObjectKey::Ident(i) => i.value().as_str().to_string(),
                            ObjectKey::Expression(Expression::Variable(v)) => {
                                v.value().as_str().to_string()
                            }
                            ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                            _ => return None,
                        };
                        out.push(attribute(file, name, value.expr())?);
                    }
                    TypeSpec::Object(out)
                }
                _ => TypeSpec::Any,
            }
        }
        _ => TypeSpec::Any,
    })
}

fn attribute(file: usize, name: String, e: &Expression) -> Option<Attribute> {
    if let Expression::FuncCall(call) = e {
        if call.name.name.value().as_str() == "optional" {
            let args: Vec<&Expression> = call.args.iter().collect();
            let ty = from_hcl(file, args.first()?)?;
            // A type read from a JSON string has no place for its default to point at.
            let default = args
                .get(1)
                .filter(|_| file != usize::MAX)
                .map(|d| Expr::Hcl {
                    file,
                    expr: Arc::new((*d).clone()),
                });
            return Some(Attribute {
                name,
                ty,
                optional: true,
                default,
            });
        }
    }
    Some(Attribute {
        name,
        ty: from_hcl(file, e)?,
        optional: false,
        default: None,
    })
}

/// Converts `v` to the type, filling `optional()` defaults.
pub(crate) fn apply(v: Val, ty: &TypeSpec, ev: &Evaluator) -> Val {
    match (ty, v.value) {
        (_, Value::Unknown(u)) => Val {
            value: Value::Unknown(u),
            ..v
        },
        (_, Value::Null) => Val {
            value: Value::Null,
            ..v
        },
        (TypeSpec::Any, value) => Val { value, ..v },
        (TypeSpec::String | TypeSpec::Number | TypeSpec::Bool, value) => {
            let mut out = Val { value, ..v };
            if let Some(p) = ty.primitive() {
                crate::variables::convert_primitive(&mut out, p);
            }
            out
        }
        (TypeSpec::List(t), Value::List(items)) => {
            let items = items.into_iter().map(|i| apply(i, t, ev)).collect();
            match one_type(items, t) {
                Some(items) => Val {
                    value: Value::List(items),
                    ..v
                },
                None => not_convertible(v.origin, "list"),
            }
        }
        (TypeSpec::Set(t), Value::List(items)) => {
            let items = items.into_iter().map(|i| apply(i, t, ev)).collect();
            match one_type(items, t).and_then(crate::convert::make_set) {
                Some(items) => Val {
                    value: Value::List(items),
                    ..v
                },
                None => not_convertible(v.origin, "set"),
            }
        }
        (TypeSpec::Tuple(ts), Value::List(items)) => Val {
            value: Value::List(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| match ts.get(i) {
                        Some(t) => apply(item, t, ev),
                        None => item,
                    })
                    .collect(),
            ),
            ..v
        },
        (TypeSpec::Map(t), Value::Object(map)) => {
            let (keys, items): (Vec<String>, Vec<Val>) =
                map.into_iter().map(|(k, i)| (k, apply(i, t, ev))).unzip();
            match one_type(items, t) {
                Some(items) => Val {
                    value: Value::Object(keys.into_iter().zip(items).collect()),
                    ..v
                },
                None => not_convertible(v.origin, "map"),
            }
        }
        (TypeSpec::Object(attrs), Value::Object(mut map)) => {
            let mut out = BTreeMap::new();
            for a in attrs {
                let given = map
                    .remove(&a.name)
                    .filter(|g| !matches!(g.value, Value::Null));
                let value = match (given, a.optional, &a.default) {
                    (Some(g), _, _) => apply(g, &a.ty, ev),
                    (None, true, Some(default)) => apply(ev.eval_or_unknown(default), &a.ty, ev),
                    (None, true, None) => Val::null(v.origin.clone()),
                    // A required attribute missing: Terraform refuses the value; say so.
                    (None, false, _) => Val::unknown(
                        format!(
                            "the value has no attribute `{}`, which its type requires",
                            a.name
                        ),
                        v.origin.clone(),
                    ),
                };
                out.insert(a.name.clone(), value);
            }
            Val {
                value: Value::Object(out),
                ..v
            }
        }
        // Not convertible: Terraform would refuse it; the evaluator reports what it finds.
        (_, value) => Val { value, ..v },
    }
}

/// A collection's elements share one type: where the element type leaves some of it open
/// (`any`), Terraform finds the type they all convert to (`list(any)` of `[1, "a"]` is a
/// list of strings).
fn one_type(items: Vec<Val>, element: &TypeSpec) -> Option<Vec<Val>> {
    if element.is_exact() {
        Some(items)
    } else {
        crate::convert::unify(items)
    }
}

fn not_convertible(origin: Option<vigil_model::Location>, what: &str) -> Val {
    Val::unknown(
        format!(
            "the value's elements have no common type, so it is no {what} (Terraform refuses it)"
        ),
        origin,
    )
}

impl TypeSpec {
    /// Whether the type fixes every part of a value's type (no `any` inside).
    fn is_exact(&self) -> bool {
        match self {
            TypeSpec::Any => false,
            TypeSpec::String | TypeSpec::Number | TypeSpec::Bool => true,
            TypeSpec::List(t) | TypeSpec::Set(t) | TypeSpec::Map(t) => t.is_exact(),
            TypeSpec::Object(attrs) => attrs.iter().all(|a| a.ty.is_exact()),
            TypeSpec::Tuple(ts) => ts.iter().all(TypeSpec::is_exact),
        }
    }

    /// Whether a value of this type may hold a set anywhere; `any` may when `any_may` (a
    /// module's argument can be anything, a root's values are literals).
    pub fn may_hold_set(&self, any_may: bool) -> bool {
        match self {
            TypeSpec::Any => any_may,
            TypeSpec::Set(_) => true,
            TypeSpec::String | TypeSpec::Number | TypeSpec::Bool => false,
            TypeSpec::List(t) | TypeSpec::Map(t) => t.may_hold_set(any_may),
            TypeSpec::Object(attrs) => attrs.iter().any(|a| a.ty.may_hold_set(any_may)),
            TypeSpec::Tuple(ts) => ts.iter().any(|t| t.may_hold_set(any_may)),
        }
    }

    pub fn is_set(&self) -> bool {
        matches!(self, TypeSpec::Set(_))
    }
}
