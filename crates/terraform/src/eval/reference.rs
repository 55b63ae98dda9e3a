//! References (hclsyntax's `expression_vars.go`, Terraform's `addrs`): `var.`, `local.`,
//! `module.`, `data.`, resources, `count`, `each`, `self`, `path` and `terraform`, each with
//! the hop that records where it was followed.

use super::{err, ref_err, EvalError, Evaluator, Instance, LocalState, Src, R};
use hcl_edit::expr::TraversalOperator;
use hcl_edit::Span;
use vigil_model::{Hop, Location, Val, Value};

impl Evaluator<'_> {
    /// Resolves a reference such as `var.x` or `local.y`; returns the value and how many
    /// traversal operators the reference itself used.
    pub(super) fn reference(
        &self,
        root: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        src: Src,
        origin: Option<Location>,
    ) -> Result<(Val, usize), EvalError> {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(n)) => Some(n.value().as_str().to_string()),
            _ => None,
        };
        // The span of the reference itself (`var.x`), for the hop.
        let ref_loc = |n: usize| {
            let start = origin.clone();
            let end = ops.get(n.saturating_sub(1)).and_then(|o| o.span());
            match (start, end) {
                (Some(s), Some(e)) => {
                    let e = self.location(src.file, e.start + src.base..e.end + src.base);
                    Location {
                        end_line: e.end_line,
                        end_column: e.end_column,
                        ..s
                    }
                }
                (s, _) => s.unwrap_or_else(|| self.location(src.file, 0..0)),
            }
        };
        match root {
            "var" => {
                let Some(name) = attr(0) else {
                    return Err(err("`var` must be followed by a variable name", origin));
                };
                let Some(vars) = self.vars else {
                    return Err(ref_err("variables may not be used here", origin));
                };
                let Some(v) = vars.get(&name) else {
                    return Err(ref_err(self.not_declared("variable", &name), origin));
                };
                let here = ref_loc(1);
                let mut v = v.clone();
                if v.origin.is_none() {
                    v.origin = Some(here.clone());
                }
                Ok((v.through(Hop { label: format!("var.{name}"), location: here }), 1))
            }
            "local" => {
                let Some(name) = attr(0) else {
                    return Err(err("`local` must be followed by a local value's name", origin));
                };
                let here = ref_loc(1);
                let v = self.local(&name, &here)?;
                Ok((v.through(Hop { label: format!("local.{name}"), location: here }), 1))
            }
            "data" => {
                let n = ops.len().min(2);
                let what: Vec<String> = (0..n).filter_map(attr).collect();
                Ok((
                    Val::unknown(format!("data.{} is read from Azure at plan time", what.join(".")), origin),
                    ops.len(),
                ))
            }
            "module" => {
                let Some(name) = attr(0) else {
                    return Err(err("`module` must be followed by a module call's name", origin));
                };
                let here = ref_loc(1);
                match self.modules {
                    Some(host) => {
                        let v = host.outputs(&name, self).map_err(|m| err(m, origin.clone()))?;
                        Ok((v.through(Hop { label: format!("module.{name}"), location: here }), 1))
                    }
                    None => Ok((Val::unknown(format!("module.{name} is not evaluated here"), origin), ops.len())),
                }
            }
            "path" => match attr(0).as_deref() {
                Some("module") | Some("root") | Some("cwd") => Ok((Val::string(".", origin), 1)),
                _ => Err(err("unknown `path` attribute", origin)),
            },
            "terraform" => match attr(0).as_deref() {
                Some("workspace") => Ok((Val::string("default", origin), 1)),
                _ => Ok((Val::unknown("terraform.* is not evaluated", origin), ops.len())),
            },
            "count" | "each" => {
                let here = ref_loc(1);
                let instance = self.instance.borrow().clone();
                let v = match (root, attr(0).as_deref(), instance) {
                    (_, _, Some(Instance::Unknown(reason))) => Val::unknown(reason, Some(here.clone())),
                    ("count", Some("index"), Some(Instance::Count(i))) => {
                        Val::new(Value::Number(i as f64), Some(here.clone()))
                    }
                    ("each", Some("key"), Some(Instance::Each { key, .. })) => key,
                    ("each", Some("value"), Some(Instance::Each { value, .. })) => value,
                    (_, Some(what), _) => {
                        return Err(err(
                            format!("`{root}.{what}` is only available in a resource with {}", if root == "count" { "count" } else { "for_each" }),
                            origin,
                        ))
                    }
                    (_, None, _) => return Err(err(format!("`{root}` must be followed by an attribute"), origin)),
                };
                let label = format!("{root}.{}", attr(0).unwrap_or_default());
                Ok((v.through(Hop { label, location: here }), 1))
            }
            "self" => Ok((
                Val::unknown("`self` refers to the resource's own attributes, known only after apply", origin),
                ops.len(),
            )),
            resource_type => match attr(0) {
                Some(name) => Ok((
                    Val::unknown(format!("{resource_type}.{name} is another resource: its attributes are known only after apply"), origin),
                    ops.len(),
                )),
                None => Err(err(format!("`{resource_type}` is not a value here"), origin)),
            },
        }
    }

    fn local(&self, name: &str, at: &Location) -> R {
        let Some(expr) = self.locals.get(name) else {
            return Err(ref_err(
                self.not_declared("local value", name),
                Some(at.clone()),
            ));
        };
        match self.local_state.borrow().get(name) {
            Some(LocalState::Done(r)) => return r.clone(),
            Some(LocalState::InProgress) => {
                return Ok(Val::unknown(
                    format!("local.{name} refers to itself (a cycle of locals)"),
                    Some(at.clone()),
                ))
            }
            None => {}
        }
        self.local_state
            .borrow_mut()
            .insert(name.to_string(), LocalState::InProgress);
        let r = self.eval(expr, None);
        self.local_state
            .borrow_mut()
            .insert(name.to_string(), LocalState::Done(r.clone()));
        r
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::{bypass, kv, unit};
    use crate::Options;

    #[test]
    fn cycles_are_unknown_not_hangs() {
        let main = kv("  network_acls {\n    bypass = local.a\n    default_action = \"Deny\"\n  }");
        let out = unit(
            &[
                ("main.tf", &main),
                ("l.tf", "locals {\n  a = local.b\n  b = local.a\n}\n"),
            ],
            &Options::default(),
        );
        let (v, _, _) = bypass(&out);
        assert!(v.contains("cycle"), "{v}");
    }
}
