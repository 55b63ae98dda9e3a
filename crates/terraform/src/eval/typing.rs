//! The Terraform type of an evaluated expression, kept beside its value.
//!
//! vigil's values (`vigil_model::Val`) hold lists, tuples and sets alike as sequences, and maps
//! and objects alike as objects, while Terraform's answers depend on which one a value is
//! (`[1] == tolist([1])` is false; a set's `for` key is the element). The type is found from
//! the expression that made the value together with the value itself: a primitive's type is
//! its value's, a literal makes tuples and objects, a variable has its declared type, a
//! conversion function the type it converts to. Nothing here evaluates anything, so finding a
//! type costs no more than walking the expression; where the form does not say, the type is
//! `None` and callers keep to what they can know without it.

use super::Evaluator;
use crate::convert::{implied, unify_types, Ty};
use crate::parse::Expr;
use crate::types::TypeSpec;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use std::collections::BTreeMap;
use vigil_model::limits::TERRAFORM_TYPE_DEPTH;
use vigil_model::{Val, Value};

impl Evaluator<'_> {
    /// The type of `e`, which evaluated to `v`; `None` when vigil cannot tell it.
    pub(crate) fn type_of(&self, e: &Expression, v: &Val) -> Option<Ty> {
        self.type_at(e, v, 0)
    }

    fn type_at(&self, e: &Expression, v: &Val, depth: u32) -> Option<Ty> {
        if depth > TERRAFORM_TYPE_DEPTH {
            return None;
        }
        // A primitive value is of its own type, whatever made it.
        match &v.value {
            Value::Bool(_) => return Some(Ty::Bool),
            Value::Number(_) => return Some(Ty::Number),
            Value::String(_) => return Some(Ty::String),
            Value::Unknown(_) => return None,
            Value::Null | Value::List(_) | Value::Object(_) => {}
        }
        match e {
            Expression::Parenthesis(p) => self.type_at(p.inner(), v, depth + 1),
            Expression::Null(_) => Some(Ty::Dynamic),
            Expression::Array(items) => {
                let Value::List(vals) = &v.value else {
                    return None;
                };
                if vals.len() != items.len() {
                    return None;
                }
                items
                    .iter()
                    .zip(vals)
                    .map(|(e, v)| self.type_at(e, v, depth + 1))
                    .collect::<Option<Vec<_>>>()
                    .map(Ty::Tuple)
            }
            Expression::Object(obj) => {
                let Value::Object(map) = &v.value else {
                    return None;
                };
                let mut out = BTreeMap::new();
                for (key, value) in obj.iter() {
                    let name = match key {
                        ObjectKey::Ident(i) => i.value().as_str().to_string(),
                        ObjectKey::Expression(Expression::Variable(i)) => {
                            i.value().as_str().to_string()
                        }
                        ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                        _ => return None,
                    };
                    // A repeated key (the last one wins) leaves the earlier values untyped.
                    let item = map.get(&name)?;
                    out.insert(name, self.type_at(value.expr(), item, depth + 1)?);
                }
                (out.len() == map.len()).then_some(Ty::Object(out))
            }
            Expression::ForExpr(f) => {
                // The value expression's type, taken with each element it made; the loop's
                // names stand for values whose types are their own only when primitive.
                let element = |item: &Val| {
                    if f.grouping {
                        let Value::List(group) = &item.value else {
                            return None;
                        };
                        group
                            .iter()
                            .map(|g| self.type_at(&f.value_expr, g, depth + 1))
                            .collect::<Option<Vec<_>>>()
                            .map(Ty::Tuple)
                    } else {
                        self.type_at(&f.value_expr, item, depth + 1)
                    }
                };
                match (&v.value, &f.key_expr) {
                    (Value::List(items), None) => items
                        .iter()
                        .map(element)
                        .collect::<Option<Vec<_>>>()
                        .map(Ty::Tuple),
                    (Value::Object(map), Some(_)) => map
                        .iter()
                        .map(|(k, item)| Some((k.clone(), element(item)?)))
                        .collect::<Option<BTreeMap<_, _>>>()
                        .map(Ty::Object),
                    _ => None,
                }
            }
            Expression::FuncCall(call) if !call.name.is_namespaced() => {
                self.call_type(call.name.name.value().as_str(), call, v, depth)
            }
            Expression::Traversal(t) => {
                let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
                let (whole, rest) = match (&t.expr, ops.split_first()) {
                    (
                        Expression::Variable(root),
                        Some((TraversalOperator::GetAttr(name), rest)),
                    ) => match root.value().as_str() {
                        "var" => (self.variable_type(name.value().as_str())?, rest),
                        "local" => (self.local_type(name.value().as_str(), depth)?, rest),
                        _ => return None,
                    },
                    // A splat over a tuple literal makes a tuple, of what its values show.
                    (
                        Expression::Array(_) | Expression::ForExpr(_),
                        Some((
                            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_),
                            _,
                        )),
                    ) => {
                        let Value::List(items) = &v.value else {
                            return None;
                        };
                        return items
                            .iter()
                            .map(flat_type)
                            .collect::<Option<Vec<_>>>()
                            .map(Ty::Tuple);
                    }
                    _ => return None,
                };
                walk(whole, rest)
            }
            _ => None,
        }
    }

    /// The type of a built-in function's result, where the function fixes it.
    fn call_type(
        &self,
        name: &str,
        call: &hcl_edit::expr::FuncCall,
        v: &Val,
        depth: u32,
    ) -> Option<Ty> {
        let items = || -> Option<Vec<&Val>> {
            match &v.value {
                Value::List(items) => Some(items.iter().collect()),
                Value::Object(map) => Some(map.values().collect()),
                _ => None,
            }
        };
        // The one element type of a converted collection, when its elements show it: a
        // conversion leaves nested collections as they were, which their values do not tell.
        let element = || -> Option<Ty> {
            let items = items()?;
            if items.is_empty() {
                // Only empty literals leave nothing to type the elements by: a set operation's
                // result takes the element type of all its arguments.
                let empty_literals = call.args.iter().all(|a| {
                    matches!(a, Expression::Array(x) if x.is_empty())
                        || matches!(a, Expression::Object(x) if x.is_empty())
                });
                return empty_literals.then_some(Ty::Dynamic);
            }
            let types: Vec<Ty> = items
                .iter()
                .map(|i| flat_type(i))
                .collect::<Option<Vec<_>>>()?;
            unify_types(&types)
        };
        match (name, &v.value) {
            // The conversions type even the null they pass through.
            ("tostring", _) => Some(Ty::String),
            ("tonumber", _) => Some(Ty::Number),
            ("tobool", _) => Some(Ty::Bool),
            ("try", _) => {
                let chosen = *self.try_choices.borrow().get(&super::call::try_key(call))?;
                self.type_at(call.args.iter().nth(chosen)?, v, depth + 1)
            }
            // Without capture groups, a list of the matched strings.
            ("regexall", Value::List(_)) => match call.args.iter().next()? {
                Expression::String(p) if !p.value().contains('(') => {
                    Some(Ty::List(Box::new(Ty::String)))
                }
                _ => None,
            },
            ("sensitive" | "nonsensitive", _) => {
                self.type_at(call.args.iter().next()?, v, depth + 1)
            }
            (_, Value::Null) => None,
            // `keys` of an object makes a tuple, of a map a list.
            ("keys", Value::List(items)) => match call.args.iter().next()? {
                Expression::Object(_) | Expression::ForExpr(_) => {
                    Some(Ty::Tuple(vec![Ty::String; items.len()]))
                }
                Expression::FuncCall(f) if f.name.name.value().as_str() == "tomap" => {
                    Some(Ty::List(Box::new(Ty::String)))
                }
                _ => None,
            },
            ("compact" | "split" | "formatlist" | "sort", Value::List(_)) => {
                Some(Ty::List(Box::new(Ty::String)))
            }
            ("range", Value::List(_)) => Some(Ty::List(Box::new(Ty::Number))),
            ("tolist" | "distinct", Value::List(_)) => Some(Ty::List(Box::new(element()?))),
            ("toset" | "setunion" | "setintersection" | "setsubtract", Value::List(_)) => {
                Some(Ty::Set(Box::new(element()?)))
            }
            ("tomap", Value::Object(_)) => Some(Ty::Map(Box::new(element()?))),
            // JSON's arrays and objects are tuples and objects.
            ("jsondecode", _) => Some(implied(v)),
            _ => None,
        }
    }

    /// A variable's type: its declared type, with the parts `any` leaves open typed by the
    /// value, which in a root module is a literal (a default, a tfvars file, `-var`).
    fn variable_type(&self, name: &str) -> Option<Ty> {
        let declared = self.declared?.get(name)?;
        let value = self.vars?.get(name)?;
        let spec = declared.ty.as_ref().unwrap_or(&TypeSpec::Any);
        if !self.root && !spec_is_exact(spec) {
            // A module's argument is an expression of its caller, whose type is not in sight.
            return None;
        }
        spec_type(spec, value, 0)
    }

    fn local_type(&self, name: &str, depth: u32) -> Option<Ty> {
        let Expr::Hcl { expr, .. } = self.locals.get(name)? else {
            return None;
        };
        let value = match self.local_state.borrow().get(name)? {
            super::LocalState::Done(Ok(v)) => v.clone(),
            _ => return None,
        };
        self.type_at(expr, &value, depth + 1)
    }
}

/// The type `ops` select from a value of type `ty`; a splat applies the operators after it to
/// each element of a list or tuple.
fn walk(ty: Ty, ops: &[&TraversalOperator]) -> Option<Ty> {
    let Some((op, rest)) = ops.split_first() else {
        return Some(ty);
    };
    let next = match op {
        TraversalOperator::GetAttr(name) => ty.element(Some(name.value().as_str()), None)?,
        TraversalOperator::LegacyIndex(i) => ty.element(None, usize::try_from(*i.value()).ok())?,
        TraversalOperator::Index(Expression::Number(n)) => ty.element(
            None,
            n.value().as_u64().and_then(|i| usize::try_from(i).ok()),
        )?,
        TraversalOperator::Index(Expression::String(s)) => {
            ty.element(Some(s.value().as_str()), None)?
        }
        // An attribute splat covers the attribute accesses after it only.
        TraversalOperator::AttrSplat(_)
            if rest
                .iter()
                .any(|o| !matches!(o, TraversalOperator::GetAttr(_))) =>
        {
            return None
        }
        TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
            return match ty {
                Ty::List(t) => Some(Ty::List(Box::new(walk(*t, rest)?))),
                Ty::Tuple(ts) => ts
                    .into_iter()
                    .map(|t| walk(t, rest))
                    .collect::<Option<Vec<_>>>()
                    .map(Ty::Tuple),
                _ => None,
            };
        }
        _ => return None,
    };
    walk(next, rest)
}

/// The type of a value without nested collections, which its value shows.
fn flat_type(v: &Val) -> Option<Ty> {
    match &v.value {
        Value::Bool(_) => Some(Ty::Bool),
        Value::Number(_) => Some(Ty::Number),
        Value::String(_) => Some(Ty::String),
        Value::Null => Some(Ty::Dynamic),
        _ => None,
    }
}

fn spec_is_exact(spec: &TypeSpec) -> bool {
    match spec {
        TypeSpec::Any => false,
        TypeSpec::String | TypeSpec::Number | TypeSpec::Bool => true,
        TypeSpec::List(t) | TypeSpec::Set(t) | TypeSpec::Map(t) => spec_is_exact(t),
        TypeSpec::Tuple(ts) => ts.iter().all(spec_is_exact),
        TypeSpec::Object(attrs) => attrs.iter().all(|a| spec_is_exact(a.ty())),
    }
}

/// The type a value converted to `spec` has: `spec` itself where it is exact, the value's
/// literal type (unified across a collection's elements) where it says `any`.
fn spec_type(spec: &TypeSpec, v: &Val, depth: u32) -> Option<Ty> {
    if depth > TERRAFORM_TYPE_DEPTH {
        return None;
    }
    let items = || -> Vec<&Val> {
        match &v.value {
            Value::List(items) => items.iter().collect(),
            Value::Object(map) => map.values().collect(),
            _ => Vec::new(),
        }
    };
    // The element type of a collection of `t`: exact, or unified from the elements.
    let element = |t: &TypeSpec| -> Option<Ty> {
        if spec_is_exact(t) {
            return spec_type(t, &Val::null(None), depth + 1);
        }
        if matches!(v.value, Value::Null) {
            return None;
        }
        let types = items()
            .into_iter()
            .map(|i| spec_type(t, i, depth + 1))
            .collect::<Option<Vec<_>>>()?;
        if types.is_empty() {
            return Some(Ty::Dynamic);
        }
        unify_types(&types)
    };
    Some(match spec {
        TypeSpec::Any => match &v.value {
            Value::Null => Ty::Dynamic,
            Value::Unknown(_) => return None,
            _ => implied(v),
        },
        TypeSpec::String => Ty::String,
        TypeSpec::Number => Ty::Number,
        TypeSpec::Bool => Ty::Bool,
        TypeSpec::List(t) => Ty::List(Box::new(element(t)?)),
        TypeSpec::Set(t) => Ty::Set(Box::new(element(t)?)),
        TypeSpec::Map(t) => Ty::Map(Box::new(element(t)?)),
        TypeSpec::Tuple(ts) => {
            let vals = match &v.value {
                Value::List(vals) => vals.iter().map(Some).collect(),
                _ => vec![None; ts.len()],
            };
            let null = Val::null(None);
            Ty::Tuple(
                ts.iter()
                    .zip(vals.into_iter().chain(std::iter::repeat(None)))
                    .map(|(t, x)| spec_type(t, x.unwrap_or(&null), depth + 1))
                    .collect::<Option<Vec<_>>>()?,
            )
        }
        TypeSpec::Object(attrs) => {
            let null = Val::null(None);
            let map = match &v.value {
                Value::Object(map) => Some(map),
                _ => None,
            };
            Ty::Object(
                attrs
                    .iter()
                    .map(|a| {
                        let x = map.and_then(|m| m.get(a.name())).unwrap_or(&null);
                        Some((a.name().to_string(), spec_type(a.ty(), x, depth + 1)?))
                    })
                    .collect::<Option<BTreeMap<_, _>>>()?,
            )
        }
    })
}

/// What `terraform validate` sees, which runs before the plan with every input variable (and
/// module output) unknown, of its declared type or of none: an expression it refuses is
/// refused even though the plan's values would do.
impl Evaluator<'_> {
    /// Whether `e` reads an input variable or a module's output, itself or through locals.
    pub(crate) fn reads_inputs(&self, e: &Expression) -> bool {
        let mut finder = InputFinder {
            ev: self,
            seen: Vec::new(),
            found: false,
        };
        hcl_edit::visit::Visit::visit_expr(&mut finder, e);
        finder.found
    }

    /// Whether `e` has no type yet while Terraform validates: a `try` whose arguments read
    /// inputs (it waits for them), an untyped variable or module output, `jsondecode` of an
    /// input, a conditional with such a branch.
    pub(crate) fn untyped_in_validation(&self, e: &Expression, depth: u32) -> bool {
        if depth > TERRAFORM_TYPE_DEPTH {
            return false;
        }
        match e {
            Expression::Parenthesis(p) => self.untyped_in_validation(p.inner(), depth + 1),
            Expression::FuncCall(call) if !call.name.is_namespaced() => {
                match call.name.name.value().as_str() {
                    "try" | "jsondecode" | "yamldecode" => {
                        call.args.iter().any(|a| self.reads_inputs(a))
                    }
                    "sensitive" | "nonsensitive" => call
                        .args
                        .iter()
                        .any(|a| self.untyped_in_validation(a, depth + 1)),
                    _ => false,
                }
            }
            Expression::Conditional(c) => {
                self.untyped_in_validation(&c.true_expr, depth + 1)
                    || self.untyped_in_validation(&c.false_expr, depth + 1)
            }
            Expression::Traversal(t) => {
                let (Expression::Variable(root), Some(TraversalOperator::GetAttr(name))) =
                    (&t.expr, t.operators.first().map(|o| o.value()))
                else {
                    return false;
                };
                let name = name.value().as_str();
                match root.value().as_str() {
                    "module" => true,
                    "var" => self
                        .declared
                        .and_then(|d| d.get(name))
                        .is_some_and(|v| matches!(v.ty, None | Some(TypeSpec::Any))),
                    "local" if t.operators.len() == 1 => match self.locals.get(name) {
                        Some(Expr::Hcl { expr, .. }) => self.untyped_in_validation(expr, depth + 1),
                        _ => false,
                    },
                    _ => false,
                }
            }
            _ => false,
        }
    }
}

struct InputFinder<'e, 'm> {
    ev: &'e Evaluator<'m>,
    /// Locals already looked into, so that a cycle ends.
    seen: Vec<String>,
    found: bool,
}

impl hcl_edit::visit::Visit for InputFinder<'_, '_> {
    fn visit_expr(&mut self, e: &Expression) {
        if self.found {
            return;
        }
        if let Expression::Traversal(t) = e {
            if let (Expression::Variable(root), Some(TraversalOperator::GetAttr(name))) =
                (&t.expr, t.operators.first().map(|o| o.value()))
            {
                match root.value().as_str() {
                    "var" | "module" => {
                        self.found = true;
                        return;
                    }
                    "local" => {
                        let name = name.value().as_str();
                        if !self.seen.iter().any(|s| s == name) && self.seen.len() < 256 {
                            self.seen.push(name.to_string());
                            if let Some(Expr::Hcl { expr, .. }) = self.ev.locals.get(name) {
                                self.visit_expr(expr);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        hcl_edit::visit::visit_expr(self, e);
    }
}
