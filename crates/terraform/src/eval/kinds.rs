//! Whether a value is a set or a list, a tuple or a list, told from the expression that made
//! it. vigil's values hold sequences alike, while Terraform refuses to index a set, keys a
//! set's `for` by the element, and unifies a tuple with a set into a set; the form of the
//! expression (a conversion function, a declared type, a literal) says which one it is, and
//! where it does not, callers give an unknown rather than a guess.

use super::{type_name, Evaluator};
use crate::convert;
use crate::parse::Expr;
use hcl_edit::expr::{Expression, TraversalOperator};
use vigil_model::{Location, Val, Value};

impl Evaluator<'_> {
    /// A loop's (key, value) pairs with the key Terraform binds: the element itself for a set,
    /// the index for a list. vigil's values do not say which a list is, so the expression
    /// that made it decides; when it cannot, a list that could be a set (distinct primitives in
    /// set order) gives an unknown rather than a guess.
    pub(super) fn set_keys(
        &self,
        key_var: Option<&str>,
        collection: &Expression,
        coll: &Val,
        items: Vec<(Val, Val)>,
    ) -> Result<Vec<(Val, Val)>, String> {
        if key_var.is_none() || !matches!(coll.value, Value::List(_)) || items.is_empty() {
            return Ok(items);
        }
        let known = match self.type_of(collection, coll) {
            Some(ty) => Some(matches!(ty, convert::Ty::Set(_))),
            None => self.set_kind(collection, 0),
        };
        let is_set = match known {
            Some(b) => b,
            None if could_be_set(coll) => {
                return Err(
                    "a for expression's key depends on whether its collection is a set \
                     (the element) or a list (the index), which vigil cannot tell here"
                        .to_string(),
                )
            }
            None => false,
        };
        Ok(if is_set {
            items.into_iter().map(|(_, v)| (v.clone(), v)).collect()
        } else {
            items
        })
    }

    /// Whether an expression's value is a set: `Some(true)`, `Some(false)`, or `None` when the
    /// expression alone does not say.
    pub(super) fn set_kind(&self, e: &Expression, depth: u32) -> Option<bool> {
        if depth > 16 {
            return None;
        }
        match e {
            Expression::Parenthesis(p) => self.set_kind(p.inner(), depth + 1),
            Expression::FuncCall(call) => match call.name.name.value().as_str() {
                "toset" | "setunion" | "setintersection" | "setsubtract" | "setproduct" => {
                    Some(true)
                }
                // These return one of their arguments as it is.
                "try" | "coalesce" | "coalescelist" | "sensitive" | "nonsensitive" => {
                    let kinds: Vec<Option<bool>> = call
                        .args
                        .iter()
                        .map(|a| self.set_kind(a, depth + 1))
                        .collect();
                    match kinds.first() {
                        Some(first) if kinds.iter().all(|k| k == first) => *first,
                        _ => None,
                    }
                }
                "lookup" | "element" | "one" => None,
                _ if call.name.is_namespaced() => None,
                _ => Some(false),
            },
            Expression::Conditional(c) => {
                match (
                    self.set_kind(&c.true_expr, depth + 1),
                    self.set_kind(&c.false_expr, depth + 1),
                ) {
                    (Some(a), Some(b)) if a == b => Some(a),
                    // A tuple and a set make a set; a list and a set a list.
                    (Some(true), _) => self.tuple_kind(&c.false_expr, depth + 1),
                    (_, Some(true)) => self.tuple_kind(&c.true_expr, depth + 1),
                    _ => None,
                }
            }
            Expression::Traversal(t) => {
                let Expression::Variable(root) = &t.expr else {
                    return None;
                };
                let attr = match t.operators.first().map(|o| o.value()) {
                    Some(TraversalOperator::GetAttr(n)) => n.value().as_str(),
                    _ => return None,
                };
                match root.value().as_str() {
                    "var" => {
                        let ty = match self.declared?.get(attr)?.ty.as_ref() {
                            Some(ty) => ty,
                            None if self.root => return Some(false),
                            None => return None,
                        };
                        if !ty.may_hold_set(!self.root) {
                            Some(false)
                        } else if t.operators.len() == 1 && ty.is_set() {
                            Some(true)
                        } else {
                            None
                        }
                    }
                    "local" if t.operators.len() == 1 => match self.locals.get(attr)? {
                        Expr::Hcl { expr, .. } => self.set_kind(expr, depth + 1),
                        _ => None,
                    },
                    "count" | "path" | "terraform" => Some(false),
                    _ => None,
                }
            }
            Expression::Variable(_) => None,
            _ => Some(false),
        }
    }

    /// setproduct's result is a set when an argument is a set (in set order), a list
    /// otherwise; unknown when vigil cannot tell and the two differ.
    pub(super) fn setproduct_kind(
        &self,
        call: &hcl_edit::expr::FuncCall,
        result: Val,
        origin: Option<Location>,
    ) -> Val {
        let Value::List(items) = &result.value else {
            return result;
        };
        let kinds: Vec<Option<bool>> = call.args.iter().map(|a| self.set_kind(a, 0)).collect();
        let as_set = || convert::make_set(items.clone());
        if kinds.contains(&Some(true)) {
            return match as_set() {
                Some(set) => Val {
                    value: Value::List(set),
                    ..result
                },
                None => result,
            };
        }
        if kinds.iter().all(|k| *k == Some(false))
            || as_set().is_some_and(|set| {
                set.iter()
                    .map(Val::to_json)
                    .eq(items.iter().map(Val::to_json))
            })
        {
            return result;
        }
        Val::unknown(
            "setproduct of arguments vigil cannot tell sets from lists: the order differs",
            origin,
        )
    }

    /// Whether an expression whose set-ness is unknown may be a set: a conditional with a
    /// set on one side.
    pub(super) fn may_be_set(&self, e: &Expression) -> bool {
        match e {
            Expression::Parenthesis(p) => self.may_be_set(p.inner()),
            Expression::Conditional(c) => {
                self.set_kind(&c.true_expr, 0) == Some(true)
                    || self.set_kind(&c.false_expr, 0) == Some(true)
                    || self.may_be_set(&c.true_expr)
                    || self.may_be_set(&c.false_expr)
            }
            _ => false,
        }
    }

    /// Whether an expression is a list or set of strings by its form (what a function
    /// returns, a variable's type), whatever its elements.
    pub(super) fn string_list(&self, e: &Expression) -> bool {
        use crate::types::TypeSpec;
        match e {
            Expression::Parenthesis(p) => self.string_list(p.inner()),
            Expression::Conditional(c) => {
                let typed = |x: &Expression| self.string_list(x) || self.string_literal(x);
                let empty = |x: &Expression| matches!(x, Expression::Array(a) if a.is_empty());
                (typed(&c.true_expr) || empty(&c.true_expr))
                    && (typed(&c.false_expr) || empty(&c.false_expr))
                    && !(empty(&c.true_expr) && empty(&c.false_expr))
            }
            Expression::FuncCall(call) if !call.name.is_namespaced() => {
                match call.name.name.value().as_str() {
                    "compact" | "sort" | "split" | "formatlist" => true,
                    // A set of the arguments' unified element type: strings if any has them.
                    "setunion" | "setintersection" | "setsubtract" => call
                        .args
                        .iter()
                        .any(|a| self.string_list(a) || self.string_literal(a)),
                    "tolist" | "toset" | "reverse" | "distinct" => {
                        call.args.iter().next().is_some_and(|a| self.string_list(a))
                    }
                    // Without capture groups, a list of the matched strings.
                    "regexall" => matches!(
                        call.args.iter().next(),
                        Some(Expression::String(p)) if !p.value().contains('(')
                    ),
                    // The empty value came from an argument that can be empty.
                    // The (empty) value came from an argument that can be empty: each must
                    // be a list of strings, or a non-empty literal. (Not evaluated again here:
                    // nested, that would cost exponential time.)
                    "try" => call.args.iter().all(|a| {
                        self.string_list(a)
                            || matches!(a, Expression::Array(items) if !items.is_empty())
                    }),
                    _ => false,
                }
            }
            Expression::Traversal(t) if t.operators.len() == 1 => {
                let (Expression::Variable(root), Some(TraversalOperator::GetAttr(name))) =
                    (&t.expr, t.operators.first().map(|o| o.value()))
                else {
                    return false;
                };
                if root.value().as_str() == "local" {
                    return match self.locals.get(name.value().as_str()) {
                        Some(Expr::Hcl { expr, .. }) => {
                            !matches!(expr.as_ref(), Expression::Traversal(_))
                                && self.string_list(expr)
                        }
                        _ => false,
                    };
                }
                root.value().as_str() == "var"
                    && self
                        .declared
                        .and_then(|d| d.get(name.value().as_str()))
                        .and_then(|v| v.ty.as_ref())
                        .is_some_and(|ty| {
                            matches!(ty, TypeSpec::List(t) | TypeSpec::Set(t) if matches!(**t, TypeSpec::String))
                        })
            }
            _ => false,
        }
    }

    /// Whether an expression is an empty sequence without an element type of its own: an
    /// empty tuple (`[]`, a `for` expression).
    pub(super) fn untyped_empty(&self, e: &Expression) -> bool {
        match e {
            Expression::Parenthesis(p) => self.untyped_empty(p.inner()),
            Expression::Array(_) | Expression::ForExpr(_) => true,
            _ => false,
        }
    }

    /// Whether an expression is a non-empty tuple literal of strings (or a local holding one).
    fn string_literal(&self, e: &Expression) -> bool {
        let strings = |items: &hcl_edit::expr::Array| {
            !items.is_empty()
                && items
                    .iter()
                    .all(|i| matches!(i, Expression::String(_) | Expression::StringTemplate(_)))
        };
        match e {
            Expression::Array(items) => strings(items),
            Expression::Traversal(t) if t.operators.len() == 1 => {
                match (&t.expr, t.operators.first().map(|o| o.value())) {
                    (Expression::Variable(root), Some(TraversalOperator::GetAttr(name)))
                        if root.value().as_str() == "local" =>
                    {
                        matches!(
                            self.locals.get(name.value().as_str()),
                            Some(Expr::Hcl { expr, .. }) if matches!(expr.as_ref(), Expression::Array(items) if strings(items))
                        )
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Whether a sequence-valued expression is a tuple (`Some(true)`) or a list
    /// (`Some(false)`), when its form says.
    pub(super) fn tuple_kind(&self, e: &Expression, depth: u32) -> Option<bool> {
        if depth > 16 {
            return None;
        }
        match e {
            Expression::Parenthesis(p) => self.tuple_kind(p.inner(), depth + 1),
            Expression::Array(_) | Expression::ForExpr(_) => Some(true),
            Expression::FuncCall(call) if !call.name.is_namespaced() => {
                match call.name.name.value().as_str() {
                    "compact" | "distinct" | "sort" | "keys" | "tolist" | "split" | "regexall"
                    | "range" | "formatlist" | "chunklist" => Some(false),
                    "reverse" | "slice" => call
                        .args
                        .iter()
                        .next()
                        .and_then(|a| self.tuple_kind(a, depth + 1)),
                    _ => None,
                }
            }
            Expression::Traversal(t) if t.operators.len() == 1 => {
                let (Expression::Variable(root), Some(TraversalOperator::GetAttr(name))) =
                    (&t.expr, t.operators.first().map(|o| o.value()))
                else {
                    return None;
                };
                match root.value().as_str() {
                    "var" => match self.declared?.get(name.value().as_str())?.ty.as_ref() {
                        Some(crate::types::TypeSpec::List(_)) => Some(false),
                        Some(crate::types::TypeSpec::Tuple(_)) => Some(true),
                        // A root's untyped value is a literal: a tuple.
                        None if self.root => Some(true),
                        _ => None,
                    },
                    "local" => match self.locals.get(name.value().as_str())? {
                        Expr::Hcl { expr, .. } => self.tuple_kind(expr, depth + 1),
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Whether `var.NAME` or `local.NAME` (the first operator of `ops`) is a set.
    pub(super) fn reference_set_kind(
        &self,
        root: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
    ) -> Option<bool> {
        let Some(TraversalOperator::GetAttr(name)) = ops.first().map(|o| o.value()) else {
            return None;
        };
        match root {
            "var" => Some(
                self.declared?
                    .get(name.value().as_str())?
                    .ty
                    .as_ref()?
                    .is_set(),
            ),
            "local" => match self.locals.get(name.value().as_str())? {
                Expr::Hcl { expr, .. } => self.set_kind(expr, 1),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Whether a list could be a set: distinct primitives of one type in set order.
fn could_be_set(v: &Val) -> bool {
    let Value::List(items) = &v.value else {
        return false;
    };
    let primitive = |x: &Val| {
        matches!(
            x.value,
            Value::String(_) | Value::Number(_) | Value::Bool(_)
        )
    };
    items.iter().all(primitive)
        && items.windows(2).all(|w| {
            type_name(&w[0]) == type_name(&w[1])
                && convert::set_order(&w[0], &w[1]) == std::cmp::Ordering::Less
        })
}
