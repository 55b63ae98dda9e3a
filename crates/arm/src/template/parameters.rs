//! Parameters: what a parameter file or an outer deployment gives ([`GivenParameter`], `Given`),
//! over each declaration's `defaultValue`, held to its type ([`crate::types`]).

use super::{file_name, read, Ctx};
use crate::json::{self, JNode};
use crate::types;
use std::collections::HashMap;
use std::path::Path;
use vigil_model::{FileError, Hop, LineIndex, Location, SourceFile, UnitOutput, Val, Value};

/// A parameter a parameter file sets, for a front end other than ARM's (Bicep reads
/// `X.parameters.json` beside `X.bicep`).
#[derive(Clone, Debug)]
pub struct GivenParameter {
    /// As the file writes it: ARM matches it to a declaration in any case.
    pub name: String,
    /// Where the name is written.
    pub at: Location,
    /// The value, with the hop that names the file.
    pub value: Val,
}

/// The parameters a deployment parameter file (`{"parameters": {"x": {"value": ...}}}`) sets.
/// Its text goes to `out.files` and a parse error to `out.errors`. A Key Vault `reference` is
/// an unknown value: it is read only at deployment.
pub fn read_parameter_file(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) -> Vec<GivenParameter> {
    let Some(pindex) = read(path, display, &mut out.errors) else {
        return Vec::new();
    };
    let (proot, ignores) = match json::parse(&pindex) {
        Ok(parsed) => parsed,
        Err(e) => {
            out.errors.push(e);
            return Vec::new();
        }
    };
    let label = display(path);
    let mut given = Vec::new();
    for (name, range, entry) in proot
        .get_ci("parameters")
        .map(JNode::props)
        .unwrap_or_default()
    {
        let at = pindex.location(range.clone());
        let value = match entry.get_ci("value") {
            Some(v) => v.literal(&pindex).through(Hop {
                label: format!("parameter '{name}' in {}", file_name(&label)),
                location: pindex.location(v.range.clone()),
            }),
            None => Val::unknown(
                format!(
                    "parameter '{name}' in {} is a reference, read only at deployment",
                    file_name(&label)
                ),
                Some(pindex.location(entry.range.clone())),
            ),
        };
        given.push(GivenParameter {
            name: name.clone(),
            at,
            value,
        });
    }
    out.files.push(SourceFile {
        path: pindex.file().clone(),
        text: pindex.shared_text().clone(),
        ignores,
    });
    given
}

/// What a deployment (or a parameter file) gives a template's parameters.
#[derive(Default)]
pub(super) struct Given {
    /// By name in lower case; a parameter not here is not given.
    pub(super) values: HashMap<String, Val>,
    /// The value of every parameter not in `values`, when whether and what the deployment gives
    /// them is not known (a `parametersLink`, parameters only known at deployment).
    pub(super) rest: Option<Val>,
}

impl From<HashMap<String, Val>> for Given {
    fn from(values: HashMap<String, Val>) -> Self {
        Given { values, rest: None }
    }
}

/// Every parameter's value: given (parameter file, or the outer deployment) over
/// `defaultValue`; `null` for a nullable type; unknown when none of these. Each value is then
/// held to the parameter's type: an unknown limited to its `allowedValues` is one of them, and
/// a known one outside them is an error. `scope` lends its budgets and list of problems.
pub(super) fn resolve_params(
    index: &LineIndex,
    template: &JNode,
    mut given: Given,
    scope: &Ctx,
) -> HashMap<String, Val> {
    let mut params: HashMap<String, Val> = HashMap::new();
    for (name, _, decl) in template
        .get_ci("parameters")
        .map(JNode::props)
        .unwrap_or_default()
    {
        let key = name.to_ascii_lowercase();
        let ty = types::resolve(decl, template);
        let nullable = ty.as_ref().is_ok_and(|t| t.nullable);
        // Errors are located in `index`, the declaring template, which may be a linked file.
        let refuse = |at: Location, message: String| {
            scope.problems.borrow_mut().push(FileError {
                file: at.file,
                line: at.line,
                column: at.column,
                message,
            });
        };
        if let Err(why) = &ty {
            refuse(
                index.location(decl.range.clone()),
                format!("the type of parameter '{name}' cannot be read: {why}"),
            );
        }
        // A null value counts as none given: the default applies, as ARM deploys it.
        let given_value = given
            .values
            .remove(&key)
            .or_else(|| given.rest.clone())
            .filter(|v| !(matches!(v.value, Value::Null) && decl.get_ci("defaultValue").is_some()));
        let default = |params: &HashMap<String, Val>, node: &JNode| {
            // A default may use the parameters declared before it.
            let ctx = Ctx::new(index, params.clone(), None, 0)
                .within(scope)
                .with_functions(template.get_ci("functions"));
            let hop = Hop {
                label: format!("defaultValue of parameter '{name}'"),
                location: ctx.location(node),
            };
            ctx.value(node).through(hop)
        };
        let value = match (given_value, decl.get_ci("defaultValue")) {
            // `[if(c, x, null())]` for a parameter with a default: `x`, or the default.
            (Some(mut v), Some(node)) if matches!(&v.value, Value::Unknown(u) if u.candidates.iter().any(|c| matches!(c.value, Value::Null))) =>
            {
                let d = default(&params, node);
                if let Value::Unknown(u) = &mut v.value {
                    for c in &mut u.candidates {
                        if matches!(c.value, Value::Null) {
                            *c = d.clone();
                        }
                    }
                }
                v
            }
            (Some(v), _) => v,
            (None, Some(node)) => default(&params, node),
            // A nullable parameter nobody sets is null (languageVersion 2.0, what Bicep's `?`
            // types compile to), whether the parameter or the type it refers to says so.
            (None, None) if nullable => Val::null(Some(index.location(decl.range.clone()))),
            (None, None) => Val::unknown(
                format!(
                    "parameter '{name}' has no defaultValue and no parameter file gives it a value"
                ),
                Some(index.location(decl.range.clone())),
            ),
        };
        let checked = types::conform(value, decl, template, index, &format!("parameter '{name}'"));
        for (origin, message) in checked.refused {
            refuse(
                origin.unwrap_or_else(|| index.location(decl.range.clone())),
                message,
            );
        }
        params.insert(key, checked.value);
    }
    params
}
