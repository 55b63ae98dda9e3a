//! The template's user-defined functions (`functions`: namespaces of members), called as
//! `namespace.member(args)`: each call evaluated in a scope of its own, bounded in depth and in
//! number.

use super::Ctx;
use crate::json::{JKind, JNode};
use std::collections::HashMap;
use vigil_model::limits::{ARM_FUNCTION_CALLS, ARM_FUNCTION_DEPTH};
use vigil_model::{FileError, Hop, Location, Val};

impl Ctx<'_> {
    /// `namespace.member(args)`: the template's user-defined function, evaluated in a scope of
    /// its own, which sees its parameters (bound in order to the names it declares) and the
    /// template's other functions, and no template parameter or variable.
    pub(super) fn call_function(
        &self,
        name: &str,
        args: Vec<Val>,
        at: &Location,
    ) -> Result<Val, String> {
        let (namespace, member) = name.split_once('.').unwrap_or((name, ""));
        let declared = self
            .functions
            .map(JNode::items)
            .unwrap_or_default()
            .iter()
            .filter(|ns| {
                ns.get_ci("namespace")
                    .and_then(JNode::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(namespace))
            })
            .find_map(|ns| {
                ns.get_ci("members")?
                    .props()
                    .iter()
                    .find(|(k, _, _)| k.eq_ignore_ascii_case(member))
                    .map(|(_, _, m)| m)
            });
        let Some(function) = declared else {
            return Err(format!("the template declares no function '{name}'"));
        };
        if self.function_depth >= ARM_FUNCTION_DEPTH {
            return Err(format!(
                "user-defined functions call one another more than {ARM_FUNCTION_DEPTH} deep (at '{name}'): a function that calls itself does not end"
            ));
        }
        let declared_params = function
            .get_ci("parameters")
            .map(JNode::items)
            .unwrap_or_default();
        if declared_params.len() != args.len() {
            return Err(format!(
                "the function '{name}' takes {} argument(s), and {} are given",
                declared_params.len(),
                args.len()
            ));
        }
        let mut params = HashMap::new();
        for (decl, arg) in declared_params.iter().zip(args) {
            let Some(pname) = decl.get_ci("name").and_then(JNode::as_str) else {
                return Err(format!("a parameter of function '{name}' has no name"));
            };
            let hop = Hop {
                label: format!("parameter '{pname}' of function '{name}'"),
                location: at.clone(),
            };
            params.insert(pname.to_ascii_lowercase(), arg.through(hop));
        }
        let Some(output) = function.get_ci("output").and_then(|o| o.get_ci("value")) else {
            return Err(format!("the function '{name}' has no output value"));
        };
        let left = self.calls_left.get();
        if left == 0 {
            return Err(format!(
                "more than {ARM_FUNCTION_CALLS} calls of user-defined functions: '{name}' is not evaluated"
            ));
        }
        if left == 1 {
            // Said once for the unit, where the budget runs out; the calls after it are unknown.
            self.problems.borrow_mut().push(FileError {
                file: at.file.clone(),
                line: at.line,
                column: at.column,
                message: format!(
                    "more than {ARM_FUNCTION_CALLS} calls of user-defined functions: the rest are not evaluated"
                ),
            });
        }
        self.calls_left.set(left - 1);
        let mut inner = Ctx::new(self.index, params, None, self.depth).within(self);
        inner.functions = self.functions;
        inner.function_depth = self.function_depth + 1;
        // An error inside the function is the call's own (the deployment fails there), so it
        // ends the caller's evaluation too, rather than multiply as unknowns would.
        let v = match &output.kind {
            JKind::String(s) => inner.string_result(s, output, inner.location(output))?,
            _ => inner.value(output),
        };
        Ok(v.through(Hop {
            label: format!("{name}(...)"),
            location: at.clone(),
        }))
    }
}
