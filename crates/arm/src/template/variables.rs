//! Variables, evaluated once each when first used (in any case, bounded in depth, a cycle
//! unknown), and the `copy` arrays that both variables and properties declare
//! (`"copy": [{"name", "count", "input"}]`).

use super::Ctx;
use crate::json::JNode;
use vigil_model::limits::{ARM_VARIABLE_DEPTH, COPY_COUNT};
use vigil_model::{budget, Val, Value};

impl Ctx<'_> {
    /// A variable by name (any case), evaluated once, when first used.
    pub(super) fn variable_value(&self, name: &str) -> Option<Val> {
        let key = name.to_ascii_lowercase();
        // Variables may refer to variables: bound the chain, as ARM's own depth limits do.
        if self.var_depth.get() >= ARM_VARIABLE_DEPTH {
            return Some(Val::unknown(
                format!(
                    "variable '{name}' is reached through more than {ARM_VARIABLE_DEPTH} variables"
                ),
                None,
            ));
        }
        if let Some(state) = self.var_state.borrow().get(&key) {
            return Some(state.clone().unwrap_or_else(|| {
                Val::unknown(format!("variable '{name}' refers to itself"), None)
            }));
        }
        // ARM looks variable names up in any case; `copy` declares arrays of variables.
        let variables = self.variables?;
        let node = variables
            .props()
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(name) && !k.eq_ignore_ascii_case("copy"))
            .map(|(_, _, v)| v);
        // `"copy": [{"name": "rules", "count": ..., "input": ...}]` declares `rules`; only that
        // entry is evaluated, since the others may use this one.
        let copy = match node {
            Some(_) => None,
            None => Some(
                variables
                    .get_ci("copy")
                    .map(JNode::items)
                    .unwrap_or_default()
                    .iter()
                    .find(|e| {
                        e.get_ci("name")
                            .and_then(JNode::as_str)
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    })?,
            ),
        };
        self.var_state.borrow_mut().insert(key.clone(), None);
        self.var_depth.set(self.var_depth.get() + 1);
        // A variable has one value for the whole template: the copy loop around its first use
        // is not around it.
        let around = std::mem::take(&mut *self.copies.borrow_mut());
        let v = stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || match (node, copy) {
            (Some(node), _) => self.value(node),
            (None, Some(entry)) => self
                .copy_array(entry)
                .map(|(_, v)| v)
                .unwrap_or_else(|| Val::unknown(format!("variable '{name}' has no input"), None)),
            (None, None) => Val::unknown(format!("variable '{name}'"), None),
        });
        *self.copies.borrow_mut() = around;
        self.var_depth.set(self.var_depth.get() - 1);
        self.var_state.borrow_mut().insert(key, Some(v.clone()));
        Some(v)
    }

    /// `"copy": [{"name", "count", "input"}]` inside properties: each name gets an array.
    pub(super) fn property_copies(&self, node: &JNode) -> Vec<(String, Val)> {
        node.items()
            .iter()
            .filter_map(|entry| self.copy_array(entry))
            .collect()
    }

    /// One `{"name", "count", "input"}` entry of a `copy` array (in properties or variables):
    /// its name and the array of its inputs, `copyIndex('name')` counting in each.
    pub(super) fn copy_array(&self, entry: &JNode) -> Option<(String, Val)> {
        let name = entry.get_ci("name").and_then(JNode::as_str)?;
        let input = entry.get_ci("input")?;
        let at = self.location(entry);
        let count = entry.get_ci("count").map(|c| self.value(c));
        let list = match count.as_ref().map(|c| &c.value) {
            Some(Value::Number(n)) if *n >= 0.0 && n.fract() == 0.0 && *n <= COPY_COUNT as f64 => {
                let mut tally = budget::Tally::default();
                let mut items = Vec::new();
                let mut refused = None;
                for i in 0..*n as i64 {
                    self.copies
                        .borrow_mut()
                        .push((Some(name.to_string()), Some(i)));
                    let v = self.value(input);
                    self.copies.borrow_mut().pop();
                    if let Err(reason) = tally.add(&v) {
                        refused = Some(self.too_large(reason, at.clone()));
                        break;
                    }
                    items.push(v);
                }
                refused.unwrap_or_else(|| Val::list(items, Some(at)))
            }
            Some(Value::Number(n)) => {
                self.refuse(
                    entry,
                    format!("copy '{name}' has a count of {n}, outside what ARM accepts (0 to {COPY_COUNT})"),
                );
                Val::unknown(
                    format!("the count of copy '{name}' is {n}, which ARM refuses"),
                    Some(at),
                )
            }
            Some(Value::Unknown(u)) => Val::unknown(
                format!("the count of copy '{name}' is not known: {}", u.reason),
                Some(at),
            ),
            _ => Val::unknown(
                format!("the count of copy '{name}' is not a number"),
                Some(at),
            ),
        };
        Some((name.to_string(), list))
    }
}
