//! Function calls (hclsyntax's `FunctionCallExpr`): `try` and `can`, which see their
//! arguments' errors lazily, and every other function, whose arguments are evaluated first and
//! handed to [`crate::functions::call`]; the set and list distinctions the functions cannot
//! see in the values are made here from the arguments' forms.

use super::{err, unknown_reason, Evaluator, Scope, Src, R};
use crate::convert;
use crate::functions;
use vigil_model::budget::{self, Tally};
use vigil_model::{Location, Val, Value};

impl Evaluator<'_> {
    pub(super) fn call(
        &self,
        call: &hcl_edit::expr::FuncCall,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let name = call.name.name.value().as_str();
        if call.name.is_namespaced() {
            let full: Vec<&str> = call
                .name
                .namespace
                .iter()
                .map(|n| n.value().as_str())
                .chain([name])
                .collect();
            return Ok(Val::unknown(
                format!(
                    "provider function `{}` is not evaluated by vigil",
                    full.join("::")
                ),
                origin,
            ));
        }
        match name {
            "try" => {
                let mut last = None;
                for (i, arg) in call.args.iter().enumerate() {
                    match self.hcl(arg, src, scope) {
                        // An unknown argument might fail or succeed once known.
                        Ok(v) if v.contains_unknown() => {
                            return Ok(Val::unknown(
                                unknown_reason(&v, "a try() argument is unknown"),
                                origin,
                            ))
                        }
                        Ok(v) => {
                            // In a loop the choice may differ from one element to the next.
                            if scope.is_none() {
                                self.try_choices.borrow_mut().insert(try_key(call), i);
                            }
                            return Ok(v);
                        }
                        Err(e) if e.budget => return Err(e),
                        Err(e) => last = Some(e),
                    }
                }
                Err(err(
                    format!(
                        "no argument of try() could be evaluated{}",
                        last.map(|e| format!(" (last: {})", e.message))
                            .unwrap_or_default()
                    ),
                    origin,
                ))
            }
            "can" => {
                let Some(arg) = call.args.iter().next() else {
                    return Err(err("can() takes one argument", origin));
                };
                Ok(match self.hcl(arg, src, scope) {
                    Ok(v) if v.contains_unknown() => {
                        Val::unknown(unknown_reason(&v, "the can() argument is unknown"), origin)
                    }
                    Ok(_) => Val::new(Value::Bool(true), origin),
                    Err(e) if e.budget => return Err(e),
                    Err(_) => Val::new(Value::Bool(false), origin),
                })
            }
            _ => {
                let mut args = Vec::with_capacity(call.args.len());
                // The arguments together are bounded as one value is, so that a call cannot
                // copy a large value many times over before its result is measured.
                let mut tally = Tally::default();
                for arg in call.args.iter() {
                    let v = self.hcl(arg, src, scope)?;
                    if let Err(reason) = tally.add(&v) {
                        return Ok(budget::refused_value(&reason, origin));
                    }
                    args.push(v);
                }
                // These take lists and tuples only: Terraform refuses a set.
                let no_sets: &[usize] = match name {
                    "concat" | "coalescelist" => &[0, 1, 2, 3, 4, 5, 6, 7],
                    "element" | "index" | "slice" => &[0],
                    "zipmap" => &[1],
                    _ => &[],
                };
                for (i, arg) in call.args.iter().enumerate() {
                    if !no_sets.contains(&i) {
                        continue;
                    }
                    match self.set_kind(arg, 0) {
                        Some(true) => {
                            return Err(err(format!("{name}(): a set is not a list"), origin))
                        }
                        None if self.may_be_set(arg) => {
                            return Ok(Val::unknown(
                                format!(
                                    "{name}() refuses a set, and vigil cannot tell whether its \
                                     argument (a conditional with a set on one side) is one"
                                ),
                                origin,
                            ))
                        }
                        _ => {}
                    }
                }
                if call.args.expand_final() {
                    if let Some(last) = args.pop() {
                        match last.value {
                            Value::List(items) => args.extend(items),
                            Value::Unknown(_) => return Ok(Val { origin, ..last }),
                            _ => {
                                return Err(err(
                                    "only a list can be expanded with `...`",
                                    last.origin,
                                ))
                            }
                        }
                    }
                }
                if let Some(v) = self.typed_collection(name, call, &args) {
                    return Ok(v);
                }
                let at = origin
                    .clone()
                    .unwrap_or_else(|| self.location(src.file, 0..0));
                let result = match functions::call(name, args, &at) {
                    Ok(v) => v,
                    // A result past the limits of one value is unknown, reported at the call.
                    Err(m) if m.contains(budget::LIMIT_MARK) => {
                        return Ok(budget::refused_value(&format!("{name}(): {m}"), origin))
                    }
                    Err(m) => return Err(err(format!("{name}(): {m}"), origin.clone())),
                };
                if name == "setproduct" {
                    return Ok(self.setproduct_kind(call, result, origin));
                }
                Ok(result)
            }
        }
    }

    /// `tolist`, `toset` or `tomap` of an argument whose type vigil knows: converted to the
    /// collection of its elements' unified type, typed nulls included
    /// (`tomap({ a = 1, b = tostring(null) })` makes `a` a string). `None` leaves the call
    /// to the functions, which read the type from the values.
    fn typed_collection(
        &self,
        name: &str,
        call: &hcl_edit::expr::FuncCall,
        args: &[Val],
    ) -> Option<Val> {
        let (Some(arg), [v]) = (call.args.iter().next(), args) else {
            return None;
        };
        if call.args.expand_final() || matches!(v.value, Value::Null | Value::Unknown(_)) {
            return None;
        }
        let elements = match (name, self.type_of(arg, v)?) {
            ("tolist" | "toset", convert::Ty::Tuple(ts)) => ts,
            ("tomap", convert::Ty::Object(attrs)) => attrs.into_values().collect(),
            ("tolist" | "toset", convert::Ty::List(t) | convert::Ty::Set(t))
            | ("tomap", convert::Ty::Map(t)) => vec![*t],
            _ => return None,
        };
        let element = Box::new(if elements.is_empty() {
            convert::Ty::Dynamic
        } else {
            convert::unify_types(&elements)?
        });
        let target = match name {
            "tolist" => convert::Ty::List(element),
            "toset" => convert::Ty::Set(element),
            _ => convert::Ty::Map(element),
        };
        convert::convert(v.clone(), &target)
    }
}

/// The key of a `try` call's recorded choice: its address, compared and never followed.
pub(crate) fn try_key(call: &hcl_edit::expr::FuncCall) -> usize {
    std::ptr::from_ref(call) as usize
}
