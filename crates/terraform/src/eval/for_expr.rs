//! `for` expressions (hclsyntax's `ForExpr`), and the iteration and loop names they share
//! with template `%{ for }` directives.

use super::{
    bool_of, err, string_of, type_name, unknown_reason, EvalError, Evaluator, Scope, Src, R,
};
use std::collections::BTreeMap;
use vigil_model::budget::{self, Tally};
use vigil_model::{Location, Val, Value};

impl Evaluator<'_> {
    pub(super) fn for_expr(
        &self,
        f: &hcl_edit::expr::ForExpr,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let coll = self.hcl(&f.intro.collection_expr, src, scope)?;
        let items = match iter_items(&coll) {
            Ok(items) => items,
            Err(None) => {
                return Ok(Val::unknown(
                    unknown_reason(&coll, "the for expression's collection is unknown"),
                    origin,
                ))
            }
            Err(Some(m)) => return Err(err(m, coll.origin)),
        };
        if items.len() > budget::limits().value_items {
            return Ok(budget::refused_value(
                "a for expression over more elements than one collection may hold",
                origin,
            ));
        }
        // Over an empty collection Terraform still evaluates the `if` (with unknown names),
        // and refuses the expression when that fails.
        if let (true, Some(cond)) = (items.is_empty(), &f.cond) {
            let key_var = f.intro.key_var.as_ref().map(|k| k.value().as_str());
            let unknown = || Val::unknown("an element of an empty collection", origin.clone());
            let c = with_loop_vars(
                scope,
                key_var,
                f.intro.value_var.value().as_str(),
                unknown(),
                unknown(),
                |inner| self.hcl(&cond.expr, src, Some(inner)),
            )?;
            if !c.is_unknown() && bool_of(&c).is_none() {
                return Err(err("a for expression's `if` is not a bool", c.origin));
            }
        }
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Val> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Val>> = BTreeMap::new();
        let key_var = f.intro.key_var.as_ref().map(|k| k.value().as_str());
        let value_var = f.intro.value_var.value().as_str();
        let items = match self.set_keys(key_var, &f.intro.collection_expr, &coll, items) {
            Ok(items) => items,
            Err(reason) => return Ok(Val::unknown(reason, origin)),
        };
        let mut tally = Tally::default();
        for (k, v) in items {
            let step = with_loop_vars(scope, key_var, value_var, k, v, |inner| {
                self.for_item(f, src, inner)
            })?;
            let (key, value) = match step {
                ForItem::Skip => continue,
                ForItem::Unknown(reason) => return Ok(Val::unknown(reason, origin)),
                ForItem::Item(key, value) => (key, value),
            };
            if let Err(reason) = tally.add_entry(key.as_deref().unwrap_or(""), &value) {
                return Ok(budget::refused_value(&reason, origin));
            }
            match key {
                None => list.push(value),
                Some(key) => {
                    if f.grouping {
                        groups.entry(key).or_default().push(value);
                    } else if map.insert(key.clone(), value).is_some() {
                        return Err(err(
                            format!(
                                "duplicate key `{key}` in a for expression (use `...` to group)"
                            ),
                            origin,
                        ));
                    }
                }
            }
        }
        Ok(if f.key_expr.is_none() {
            Val::list(list, origin)
        } else if f.grouping {
            let o = origin.clone();
            Val::new(
                Value::Object(
                    groups
                        .into_iter()
                        .map(|(k, v)| (k, Val::list(v, o.clone())))
                        .collect(),
                ),
                origin,
            )
        } else {
            Val::new(Value::Object(map), origin)
        })
    }

    /// One element of a `for` expression, its names bound in `inner`.
    fn for_item(
        &self,
        f: &hcl_edit::expr::ForExpr,
        src: Src,
        inner: &Scope,
    ) -> Result<ForItem, EvalError> {
        if let Some(cond) = &f.cond {
            let c = self.hcl(&cond.expr, src, Some(inner))?;
            match bool_of(&c) {
                Some(true) => {}
                Some(false) => return Ok(ForItem::Skip),
                None if c.is_unknown() => {
                    return Ok(ForItem::Unknown(unknown_reason(
                        &c,
                        "a for expression's condition is unknown",
                    )))
                }
                None => return Err(err("a for expression's `if` is not a bool", c.origin)),
            }
        }
        let value = self.hcl(&f.value_expr, src, Some(inner))?;
        let Some(key_expr) = &f.key_expr else {
            return Ok(ForItem::Item(None, value));
        };
        let key = self.hcl(key_expr, src, Some(inner))?;
        match string_of(&key) {
            Ok(Some(s)) => Ok(ForItem::Item(Some(s), value)),
            Ok(None) => Ok(ForItem::Unknown(unknown_reason(
                &key,
                "a for expression's key is unknown",
            ))),
            Err(m) => Err(err(m, key.origin)),
        }
    }
}

/// What one element of a `for` expression yields.
enum ForItem {
    Skip,
    Unknown(String),
    /// The key (for an object result) and the value.
    Item(Option<String>, Val),
}

/// Runs `f` with a loop's value name (and key name, when there is one) bound.
pub(super) fn with_loop_vars<T>(
    parent: Option<&Scope>,
    key_var: Option<&str>,
    value_var: &str,
    key: Val,
    value: Val,
    f: impl FnOnce(&Scope) -> T,
) -> T {
    let value_scope = Scope::new(value_var, value, parent);
    match key_var {
        Some(name) => f(&Scope::new(name, key, Some(&value_scope))),
        None => f(&value_scope),
    }
}

/// The (key, value) pairs a `for` iterates: list index or map key, then the element.
pub(super) fn iter_items(v: &Val) -> Result<Vec<(Val, Val)>, Option<String>> {
    match &v.value {
        Value::List(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                (
                    Val::new(Value::Number(i as f64), item.origin.clone()),
                    item.adopted_by(v),
                )
            })
            .collect()),
        Value::Object(map) => Ok(map
            .iter()
            .map(|(k, item)| {
                (
                    Val::string(k.clone(), item.origin.clone()),
                    item.adopted_by(v),
                )
            })
            .collect()),
        Value::Unknown(_) => Err(None),
        Value::Null => Err(Some("cannot iterate over a null value".to_string())),
        _ => Err(Some(format!("cannot iterate over a {}", type_name(v)))),
    }
}
