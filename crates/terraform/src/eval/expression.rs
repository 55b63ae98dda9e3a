//! Literals, collections, traversals and conditionals (hclsyntax's `expression.go`): the
//! dispatch over every HCL expression ([`Evaluator::hcl`]), `.tf.json` values, tuple and object
//! constructors, attribute access, indexes and splats, and the conditional operator with the
//! type Terraform gives its result.

use super::{
    bool_of, err, number_of, ref_err, string_of, type_name, unknown_reason, Evaluator, Scope, Src,
    R,
};
use crate::convert;
use crate::parse::JKind;
use crate::parse::JNode;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::template::Template;
use hcl_edit::Span;
use std::collections::BTreeMap;
use std::ops::Range;
use vigil_model::budget::{self, Tally};
use vigil_model::{Hop, Location, Val, Value};

impl Evaluator<'_> {
    pub(super) fn json(
        &self,
        node: &JNode,
        file: usize,
        scope: Option<&Scope>,
        literal: bool,
    ) -> R {
        let origin = Some(self.location(file, node.range.clone()));
        let _guard = self.enter(origin.as_ref())?;
        Ok(match &node.kind {
            JKind::Null => Val::null(origin),
            JKind::Bool(b) => Val::new(Value::Bool(*b), origin),
            JKind::Number(n) => Val::new(Value::Number(*n), origin),
            JKind::String(s) if literal || !(s.contains("${") || s.contains("%{")) => {
                Val::string(s.clone(), origin)
            }
            JKind::String(s) => {
                let template = hcl_edit::parser::parse_template(s).map_err(|e| {
                    err(format!("invalid template: {}", e.message()), origin.clone())
                })?;
                // Offsets inside the template count from just after the opening quote.
                let src = Src {
                    file,
                    base: node.range.start + 1,
                };
                return self.template(&template, src, scope, origin);
            }
            JKind::Array(items) => Val::list(
                items
                    .iter()
                    .map(|i| self.json(i, file, scope, literal))
                    .collect::<Result<_, _>>()?,
                origin,
            ),
            JKind::Object(props) => {
                let mut map = BTreeMap::new();
                for (k, _, v) in props {
                    if k != "//" {
                        map.insert(k.clone(), self.json(v, file, scope, literal)?);
                    }
                }
                Val::new(Value::Object(map), origin)
            }
        })
    }

    pub(super) fn hcl(&self, expr: &Expression, src: Src, scope: Option<&Scope>) -> R {
        // References chain through locals and modules: the depth bound keeps the work finite,
        // and a stack grown on demand keeps it from overflowing whatever thread runs it.
        stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || {
            let v = self.hcl_expr(expr, src, scope)?;
            // What copies or builds values is measured (literals were measured as parsed).
            if matches!(
                expr,
                Expression::Traversal(_)
                    | Expression::FuncCall(_)
                    | Expression::ForExpr(_)
                    | Expression::StringTemplate(_)
                    | Expression::HeredocTemplate(_)
                    | Expression::Variable(_)
                    | Expression::BinaryOp(_)
            ) {
                return self.checked(v, src, expr.span());
            }
            Ok(v)
        })
    }

    fn hcl_expr(&self, expr: &Expression, src: Src, scope: Option<&Scope>) -> R {
        let origin = self.loc(src, expr.span());
        let _guard = self.enter(origin.as_ref())?;
        match expr {
            Expression::Null(_) => Ok(Val::null(origin)),
            Expression::Bool(b) => Ok(Val::new(Value::Bool(*b.value()), origin)),
            Expression::Number(n) => Ok(Val::new(
                Value::Number(n.value().as_f64().unwrap_or(f64::NAN)),
                origin,
            )),
            Expression::String(s) => Ok(Val::string(s.value().clone(), origin)),
            Expression::Array(items) => {
                let mut tally = Tally::default();
                let mut list = Vec::with_capacity(items.len());
                for i in items.iter() {
                    let v = self.hcl(i, src, scope)?;
                    if let Err(reason) = tally.add(&v) {
                        return Ok(budget::refused_value(&reason, origin));
                    }
                    list.push(v);
                }
                Ok(Val::list(list, origin))
            }
            Expression::Object(obj) => self.object(obj, src, scope, origin),
            Expression::StringTemplate(t) => {
                let template: Template = t.iter().cloned().collect::<Vec<_>>().into();
                self.template(&template, src, scope, origin)
            }
            Expression::HeredocTemplate(h) => self.heredoc(h, src, scope, origin),
            Expression::Parenthesis(p) => self.hcl(p.inner(), src, scope),
            Expression::Variable(v) => {
                let name = v.value().as_str();
                match scope.and_then(|s| s.get(name)) {
                    Some(val) => Ok(val.clone()),
                    None => Err(ref_err(
                        format!("`{name}` is not a value here (did you mean var.{name} or local.{name}?)"),
                        origin,
                    )),
                }
            }
            Expression::Conditional(c) => self.conditional(c, src, scope, origin),
            Expression::FuncCall(call) => self.call(call, src, scope, origin),
            Expression::Traversal(t) => self.traversal(t, src, scope, origin),
            Expression::UnaryOp(op) => self.unary(op, src, scope, origin),
            Expression::BinaryOp(op) => self.binary_op(op, src, scope, origin),
            Expression::ForExpr(f) => self.for_expr(f, src, scope, origin),
        }
    }

    /// An object constructor: keys as written (a bare name is the name, not a reference),
    /// values evaluated, the whole bounded as one value is.
    fn object(
        &self,
        obj: &hcl_edit::expr::Object,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let mut tally = Tally::default();
        let mut map = BTreeMap::new();
        for (key, value) in obj.iter() {
            // A repeated key was renamed to parse (`parse::reparse_leniently`): the
            // source text has its real name.
            let written = |span: Option<Range<usize>>, fallback: &str| {
                span.and_then(|r| {
                    self.files[src.file]
                        .text()
                        .get(r.start + src.base..r.end + src.base)
                })
                .filter(|t| t.len() == fallback.len())
                .unwrap_or(fallback)
                .to_string()
            };
            let name = match key {
                ObjectKey::Ident(i) => written(i.span(), i.value().as_str()),
                ObjectKey::Expression(Expression::String(s))
                    if s.span().is_some_and(|r| r.len() == s.value().len() + 2) =>
                {
                    let inner = s.span().map(|r| r.start + 1..r.end - 1);
                    written(inner, s.value())
                }
                // `null`, `true` and `false` in key position are names too.
                ObjectKey::Expression(k @ (Expression::Null(_) | Expression::Bool(_))) => {
                    let name = match k {
                        Expression::Null(_) => "null",
                        Expression::Bool(b) if *b.value() => "true",
                        _ => "false",
                    };
                    written(k.span(), name)
                }
                ObjectKey::Expression(k) => {
                    // A bare name in key position is the name itself, not a reference.
                    if let Expression::Variable(v) = k {
                        written(v.span(), v.value().as_str())
                    } else {
                        let kv = self.hcl(k, src, scope)?;
                        match string_of(&kv) {
                            Ok(Some(s)) => s,
                            Ok(None) => {
                                return Ok(Val::unknown(
                                    unknown_reason(&kv, "an object key is unknown"),
                                    origin,
                                ))
                            }
                            Err(m) => return Err(err(m, kv.origin)),
                        }
                    }
                }
            };
            let v = self.hcl(value.expr(), src, scope)?;
            if let Err(reason) = tally.add_entry(&name, &v) {
                return Ok(budget::refused_value(&reason, origin));
            }
            map.insert(name, v);
        }
        Ok(Val::new(Value::Object(map), origin))
    }

    /// `cond ? a : b`: the branch taken, converted to the type of both, with a hop naming the
    /// condition; an unknown condition leaves both values possible.
    fn conditional(
        &self,
        c: &hcl_edit::expr::Conditional,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        // A condition that cannot be known (an input with no value, or one that is not
        // declared at all) still leaves only two possible values.
        let cond = match self.hcl(&c.cond_expr, src, scope) {
            Ok(v) => v,
            Err(e) if e.reference => Val::unknown(e.message, e.location.or_else(|| origin.clone())),
            // Terraform refuses a condition that fails otherwise (`null < 1`).
            Err(e) => return Err(e),
        };
        let chosen = match &cond.value {
            Value::Unknown(u) => {
                let reason = format!("the condition is unknown: {}", u.reason);
                let at = cond.origin.clone().or(origin);
                let branches = (
                    self.hcl(&c.true_expr, src, scope),
                    self.hcl(&c.false_expr, src, scope),
                );
                return Ok(match branches {
                    (Ok(t), Ok(f)) => match convert::unify(vec![t, f]).as_deref() {
                        Some([t, f]) if !t.contains_unknown() && t.to_json() == f.to_json() => {
                            t.clone()
                        }
                        Some([t, f]) => Val::unknown_among(reason, vec![t.clone(), f.clone()], at),
                        _ => Val::unknown(reason, at),
                    },
                    _ => Val::unknown(reason, at),
                });
            }
            _ => match bool_of(&cond) {
                Some(b) => b,
                None => return Err(err("the condition is not a bool", cond.origin.or(origin))),
            },
        };
        let (taken, other) = if chosen {
            (&c.true_expr, &c.false_expr)
        } else {
            (&c.false_expr, &c.true_expr)
        };
        let taken_value = self.hcl(taken, src, scope)?;
        let value = self.conditional_result(
            taken_value.clone(),
            taken,
            other,
            src,
            scope,
            origin.clone(),
        )?;
        // Terraform validates first, with the inputs unknown: a known condition whose
        // other branch has no type yet gives the taken value unconverted, of another
        // type than the plan's, which what uses it may refuse.
        if value.to_json() != taken_value.to_json()
            && !self.reads_inputs(&c.cond_expr)
            && self.untyped_in_validation(other, 0)
        {
            return Ok(Val::unknown(
                "Terraform validates this conditional with its other branch of no type \
                 yet (it reads inputs), so the taken value is not converted there as it \
                 is in the plan: vigil does not follow validation's types",
                origin,
            ));
        }
        // Where the deciding value is written explains the choice as much as the branch.
        let text = c
            .cond_expr
            .span()
            .and_then(|r| {
                self.files[src.file]
                    .text()
                    .get(r.start + src.base..r.end + src.base)
            })
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| t.len() <= 80)
            .unwrap_or_else(|| "the condition".to_string());
        Ok(match cond.origin {
            Some(at) => value.through(Hop {
                label: format!("`{text}` being {chosen}"),
                location: at,
            }),
            None => value,
        })
    }

    /// The branch taken, converted to the type Terraform gives both results
    /// (`true ? 1 : "a"` is "1"); a branch not taken that fails has no say.
    fn conditional_result(
        &self,
        value: Val,
        taken: &Expression,
        other: &Expression,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let Ok(o) = self.hcl(other, src, scope) else {
            return Ok(value);
        };
        if let (Some(t), Some(f)) = (self.type_of(taken, &value), self.type_of(other, &o)) {
            // As HCL types a conditional: an untyped null or a branch of no type yet takes
            // the other's type, unconverted; otherwise both convert to their unified type.
            if t == convert::Ty::Dynamic || f == convert::Ty::Dynamic {
                return Ok(value);
            }
            // Where vigil's unification stops short of cty's, the values decide below.
            if let Some(v) = convert::unify_types(&[t, f])
                .and_then(|target| convert::convert(value.clone(), &target))
            {
                return Ok(v);
            }
        }
        let taken_set = self.set_kind(taken, 0);
        let other_set = self.set_kind(other, 0);
        if taken_set == Some(true) || other_set == Some(true) {
            if taken_set == Some(true) || !matches!(value.value, Value::List(_)) {
                return Ok(value);
            }
            // cty unifies a tuple with a set into a set (the tuple loses its order and
            // duplicates, and takes the set's element type), but a list with a set into the
            // list's type.
            return Ok(match (self.tuple_kind(taken, 0), &value.value, &o.value) {
                (Some(false), _, _) => value,
                (Some(true), Value::List(items), Value::List(others))
                    if others.is_empty()
                        && items
                            .iter()
                            .any(|i| matches!(i.value, Value::Number(_) | Value::Bool(_)))
                        && !self.string_list(other) =>
                {
                    Val::unknown(
                        "the other branch of the conditional is an empty set whose element type \
                         (which the result takes) vigil does not know",
                        origin,
                    )
                }
                (Some(true), Value::List(items), Value::List(others)) => {
                    let n = items.len();
                    // An empty set of strings still makes the tuple's elements strings.
                    let others = if others.is_empty() && self.string_list(other) {
                        &vec![Val::string("", None)]
                    } else {
                        others
                    };
                    let unified = convert::unify(items.iter().chain(others).cloned().collect())
                        .and_then(|mut all| {
                            all.truncate(n);
                            convert::make_set(all)
                        });
                    match unified {
                        Some(set) => Val {
                            value: Value::List(set),
                            ..value
                        },
                        None => {
                            return Err(err(
                                "the true and false results of a conditional have no common type",
                                origin,
                            ))
                        }
                    }
                }
                _ => Val::unknown(
                    "a conditional between a set and a sequence vigil cannot tell a list (kept) \
                     from a tuple (made a set)",
                    origin,
                ),
            });
        }
        // An empty list still has its element type: `true ? [1] : compact([])` is ["1"],
        // `true ? [1] : []` is [1]. Where vigil cannot tell the element type and it matters,
        // the result is unknown.
        let empty_other = matches!(&o.value, Value::List(x) if x.is_empty());
        let converts = |v: &Val| matches!(&v.value, Value::List(items) if items.iter().any(|i| matches!(i.value, Value::Number(_) | Value::Bool(_))));
        if empty_other && converts(&value) && !self.string_list(other) {
            return Ok(if self.untyped_empty(other) {
                value
            } else {
                Val::unknown(
                    "the other branch of the conditional is an empty list whose element type \
                     (which the result takes) vigil does not know",
                    origin,
                )
            });
        }
        if empty_other && self.string_list(other) {
            if let Value::List(items) = &value.value {
                let items = items
                    .iter()
                    .map(|i| match (&i.value, string_of(i)) {
                        (Value::Number(_) | Value::Bool(_), Ok(Some(text))) => {
                            i.converted(Value::String(text))
                        }
                        _ => i.clone(),
                    })
                    .collect();
                return Ok(Val {
                    value: Value::List(items),
                    ..value
                });
            }
        }
        conditional_type(value, o, origin)
    }

    fn traversal(
        &self,
        t: &hcl_edit::expr::Traversal,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let ops = &t.operators;
        let (mut value, used) = match &t.expr {
            Expression::Variable(root)
                if scope.and_then(|s| s.get(root.value().as_str())).is_none() =>
            {
                self.reference(root.value().as_str(), ops, src, origin.clone())?
            }
            other => (self.hcl(other, src, scope)?, 0),
        };
        // A set has no index.
        if let Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)) =
            ops.get(used).map(|o| o.value())
        {
            let prefix_is_set = match (&t.expr, used) {
                (Expression::Variable(_), 0) => None,
                (other, 0) => self.set_kind(other, 0),
                (Expression::Variable(root), 1) => self.reference_set_kind(root.value(), ops),
                _ => None,
            };
            if prefix_is_set == Some(true) {
                return Err(err("a set cannot be indexed", origin));
            }
            if prefix_is_set.is_none() && used == 0 && self.may_be_set(&t.expr) {
                return Ok(Val::unknown(
                    "an index into a conditional with a set on one side: Terraform refuses it \
                     when the result is a set, which vigil cannot tell",
                    origin,
                ));
            }
        }
        let mut i = used;
        while i < ops.len() {
            let op = ops[i].value();
            match op {
                TraversalOperator::GetAttr(name) => {
                    value = get_attr(&value, name.value().as_str(), origin.clone())?;
                }
                TraversalOperator::Index(e) => {
                    let key = self.hcl(e, src, scope)?;
                    value = index(&value, &key, origin.clone())?;
                }
                TraversalOperator::LegacyIndex(n) => {
                    let key = Val::new(Value::Number(*n.value() as f64), None);
                    value = index(&value, &key, origin.clone())?;
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let full = matches!(op, TraversalOperator::FullSplat(_));
                    // An attribute splat applies only the attribute accesses that follow it.
                    let end = if full {
                        ops.len()
                    } else {
                        ops[i + 1..]
                            .iter()
                            .position(|o| !matches!(o.value(), TraversalOperator::GetAttr(_)))
                            .map_or(ops.len(), |p| i + 1 + p)
                    };
                    let items = match &value.value {
                        Value::Null => Vec::new(),
                        Value::List(items) => {
                            items.iter().map(|item| item.adopted_by(&value)).collect()
                        }
                        Value::Unknown(_) => return Ok(value),
                        _ => vec![value.clone()],
                    };
                    // Over an empty list Terraform still checks the steps after the splat
                    // against the element type; an index there may fail for a typed list.
                    let indexed = ops[i + 1..end].iter().any(|o| {
                        matches!(
                            o.value(),
                            TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)
                        )
                    });
                    let untyped = i == used && self.untyped_empty(&t.expr);
                    if items.is_empty() && indexed && !untyped {
                        return Ok(Val::unknown(
                            "an index after a splat over an empty list: Terraform checks it \
                             against the element type, which vigil does not know",
                            origin,
                        ));
                    }
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        let mut v = item;
                        for op in &ops[i + 1..end] {
                            v = match op.value() {
                                TraversalOperator::GetAttr(name) => {
                                    get_attr(&v, name.value().as_str(), origin.clone())?
                                }
                                TraversalOperator::Index(e) => {
                                    let key = self.hcl(e, src, scope)?;
                                    index(&v, &key, origin.clone())?
                                }
                                TraversalOperator::LegacyIndex(n) => index(
                                    &v,
                                    &Val::new(Value::Number(*n.value() as f64), None),
                                    origin.clone(),
                                )?,
                                // A nested splat in a full splat applies to each item's value.
                                _ => v,
                            };
                        }
                        out.push(v);
                    }
                    value = Val::list(out, origin.clone());
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        Ok(value)
    }
}

/// The branch taken, converted to the type it shares with the branch not taken.
fn conditional_type(taken: Val, other: Val, at: Option<Location>) -> R {
    if other.is_unknown() {
        // Strings and null keep their value whatever the other type; numbers and bools might
        // have become strings.
        return Ok(if only_strings(&taken) {
            taken
        } else {
            Val::unknown(
                unknown_reason(&other, "the other branch's type is unknown"),
                taken.origin.or(at),
            )
        });
    }
    match convert::unify(vec![taken, other]) {
        Some(mut both) => Ok(both.swap_remove(0)),
        None => Err(err(
            "the true and false results of a conditional have no common type",
            at,
        )),
    }
}

fn only_strings(v: &Val) -> bool {
    match &v.value {
        Value::Null | Value::String(_) => true,
        Value::List(items) => items.iter().all(only_strings),
        Value::Object(map) => map.values().all(only_strings),
        _ => false,
    }
}

fn get_attr(v: &Val, name: &str, at: Option<Location>) -> R {
    match &v.value {
        Value::Object(map) => match map.get(name) {
            Some(item) => Ok(item.adopted_by(v)),
            None => Err(err(format!("the object has no attribute `{name}`"), at)),
        },
        Value::Unknown(_) => Ok(v.clone()),
        Value::Null => Err(err(format!("cannot read `{name}` of a null value"), at)),
        _ => Err(err(
            format!("cannot read attribute `{name}` of a {}", type_name(v)),
            at,
        )),
    }
}

fn index(v: &Val, key: &Val, at: Option<Location>) -> R {
    if let Value::Unknown(_) = key.value {
        return Ok(Val {
            origin: at,
            ..key.clone()
        });
    }
    match &v.value {
        Value::Unknown(_) => Ok(v.clone()),
        Value::List(items) => {
            let Some(n) = number_of(key) else {
                return Err(err("a list index must be a number", at));
            };
            if n.fract() != 0.0 || n < 0.0 || n as usize >= items.len() {
                return Err(err(
                    format!("index {n} is out of range for a list of {}", items.len()),
                    at,
                ));
            }
            Ok(items[n as usize].adopted_by(v))
        }
        Value::Object(map) => match string_of(key) {
            Ok(Some(k)) => match map.get(&k) {
                Some(item) => Ok(item.adopted_by(v)),
                None => Err(err(format!("the map has no key \"{k}\""), at)),
            },
            _ => Err(err("a map key must be a string", at)),
        },
        Value::Null => Err(err("cannot index a null value", at)),
        _ => Err(err(format!("cannot index a {}", type_name(v)), at)),
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::{bypass, kv, outputs, unit};
    use crate::Options;
    use vigil_model::Lookup;

    #[test]
    fn locals_objects_conditionals_templates() {
        let main = kv("  network_acls {\n    bypass = local.acl.bypass\n    default_action = var.open ? \"Allow\" : \"Deny\"\n  }");
        let locals = "locals {\n  acl = {\n    bypass = \"None\"\n  }\n  a = \"Azure\"\n  b = \"${local.a}Services\"\n}\nvariable \"open\" {\n  default = true\n}\n";
        let out = unit(
            &[("main.tf", &main), ("locals.tf", locals)],
            &Options::default(),
        );
        let (v, at, trace) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "locals.tf:3"));
        assert_eq!(trace, vec!["local.acl @main.tf:4"]);
        match out.resources[0].lookup("properties.networkAcls.defaultAction") {
            Lookup::Found(v) => assert_eq!(v.display(), "Allow"),
            other => panic!("{other:?}"),
        }
        let main = kv("  network_acls {\n    bypass = local.b\n    default_action = \"Deny\"\n  }");
        let out = unit(
            &[("main.tf", &main), ("locals.tf", locals)],
            &Options::default(),
        );
        assert_eq!(bypass(&out).0, "AzureServices");
    }

    #[test]
    fn unknown_conditions_keep_their_possible_values() {
        // Equal branches: known whatever the condition.
        let main = kv("  network_acls {\n    bypass = var.unset ? \"None\" : \"None\"\n    default_action = \"Deny\"\n  }")
            + "variable \"unset\" {}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert_eq!(bypass(&out).0, "None");
        assert!(out.resources[0].alternatives.is_empty());

        // A dynamic block that renders or not: one alternative per case.
        let main = kv("  dynamic \"network_acls\" {\n    for_each = var.unset ? [1] : []\n    content {\n      bypass = \"None\"\n      default_action = \"Allow\"\n    }\n  }")
            + "variable \"unset\" {}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        let r = &out.resources[0];
        assert!(matches!(
            r.lookup("properties.networkAcls"),
            Lookup::Unknown(_)
        ));
        assert_eq!(r.alternatives.len(), 2);
        assert!(
            matches!(r.alternatives[0].lookup("properties.networkAcls.bypass"), Lookup::Found(v) if v.display() == "None")
        );
        assert!(matches!(
            r.alternatives[1].lookup("properties.networkAcls"),
            Lookup::Absent { .. }
        ));
    }

    /// `terraform validate` runs with the inputs unknown: there `try(var.n, "x")` has no type,
    /// so `true ? 2 : try(...)` is the number 2, which `length` refuses (the CLI says "while
    /// calling length(value)"), though the plan would convert it to "2". Random seed 38.
    #[test]
    fn a_conditional_whose_other_branch_validation_cannot_type_is_unknown() {
        let got = outputs(
            "variable \"n\" {\n  type    = number\n  default = 7\n}\n\
             output \"refused\" {\n  value = length(true ? 2 : (true ? try(var.n, 1) : \"s\"))\n}\n\
             output \"same_type\" {\n  value = true ? 2 : try(var.n, 1)\n}\n\
             output \"read_condition\" {\n  value = var.n > 0 ? 2 : (true ? try(var.n, 1) : \"s\")\n}\n",
        );
        assert!(got["refused"].is_unknown(), "{}", got["refused"].to_json());
        // Nothing converts, so validation and plan agree.
        assert_eq!(got["same_type"].to_json(), serde_json::json!(2));
        // With the condition unknown in validation, the result is unknown there, and the plan
        // converts as usual.
        assert_eq!(got["read_condition"].to_json(), serde_json::json!("2"));
    }
}
