//! Nested deployments (`Microsoft.Resources/deployments`): an inline template in either
//! expression scope, or a linked one (`templateLink.relativePath`) followed from this file,
//! with the parameters the deployment passes; bounded in number and stopped at a cycle of links.

use super::parameters::{resolve_params, Given};
use super::resources::resources;
use super::{read, same_file, Ctx};
use crate::json::{self, JNode};
use crate::names;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use vigil_model::limits::ARM_DEPLOYMENTS;
use vigil_model::{
    budget, FileError, Hop, Location, SourceFile, Unchecked, UncheckedKind, UnitOutput, Val, Value,
};

/// A nested deployment with an inline template: inner scope gets its own parameters from
/// `properties.parameters`; outer scope sees the parent's.
pub(super) fn nested(ctx: &Ctx, res: &JNode, name: &str, address: &str, out: &mut UnitOutput) {
    let Some(props) = res.get_ci("properties") else {
        return;
    };
    let left = ctx.nested_left.get();
    if left == 0 {
        // One message for all (reports drop repeats): sibling deployments multiply.
        out.errors.push(FileError {
            file: ctx.index.file().clone(),
            line: 0,
            column: 0,
            message: format!(
                "more than {ARM_DEPLOYMENTS} nested deployments: the rest are not evaluated"
            ),
        });
        return;
    }
    ctx.nested_left.set(left - 1);
    // Deployments count against the whole run too: every template is also its own unit.
    if budget::take_instances(1, || Some(ctx.location(res))).is_err() {
        return;
    }
    let Some(template) = props.get_ci("template") else {
        linked_or_unchecked(ctx, res, props, name, address, out);
        return;
    };
    let depth = budget::limits().module_depth;
    if ctx.depth >= depth {
        out.errors.push(ctx.problem(
            res,
            format!(
                "nested deployments deeper than {depth} (the limit): '{name}' is not evaluated"
            ),
        ));
        return;
    }
    let prefix = format!("{address}/");
    let inner = props
        .get_ci("expressionEvaluationOptions")
        .and_then(|o| o.get_ci("scope"))
        .and_then(JNode::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    if inner {
        let given = deployment_parameters(ctx, props, name);
        let params = resolve_params(ctx.index, template, given, ctx);
        let inner_ctx = Ctx::new(
            ctx.index,
            params,
            template.get_ci("variables"),
            ctx.depth + 1,
        )
        .within(ctx)
        .with_functions(template.get_ci("functions"));
        resources(&inner_ctx, template, &prefix, None, out);
    } else {
        // The nested template's own parameters, variables and functions are not used.
        let outer_ctx = Ctx::new(ctx.index, ctx.params.clone(), ctx.variables, ctx.depth + 1)
            .within(ctx)
            .with_functions(ctx.functions);
        resources(&outer_ctx, template, &prefix, None, out);
    }
}

/// A deployment without an inline template: a `templateLink.relativePath` beside this file is
/// followed; anything else (a URI, a template spec, a file that is not there) is said to be
/// unchecked, with the path tried.
fn linked_or_unchecked(
    ctx: &Ctx,
    res: &JNode,
    props: &JNode,
    name: &str,
    address: &str,
    out: &mut UnitOutput,
) {
    let Some(link) = props.get_ci("templateLink") else {
        return;
    };
    let unchecked = |out: &mut UnitOutput, why: &str, message: String| {
        out.unchecked.push(Unchecked {
            kind: UncheckedKind::Module,
            why: why.into(),
            at: ctx.problem(res, message),
            module: None,
        });
    };
    let relative = link.get_ci("relativePath").map(|r| ctx.value(r));
    let Some(relative) = relative else {
        let what = if link.get_ci("id").is_some() {
            "a template spec"
        } else {
            "a template by URI"
        };
        unchecked(
            out,
            "not downloaded",
            format!("nested deployment '{name}' links {what}, which vigil does not download: its resources are not checked"),
        );
        return;
    };
    let Some(relative) = relative.as_str() else {
        unchecked(
            out,
            "path not known",
            format!("nested deployment '{name}' links a template whose relativePath is not known before deployment: its resources are not checked"),
        );
        return;
    };
    let Some((path, display)) = ctx.base else {
        return;
    };
    let file = path.parent().unwrap_or(Path::new(".")).join(relative);
    if !vigil_model::files::is_file(&file) {
        let mut message = format!(
            "nested deployment '{name}' links '{relative}', which is not there (tried {}): its resources are not checked",
            display(&vigil_model::normalize_path(&file))
        );
        if let Some(other) = crate::same_but_case(&file) {
            message.push_str(&format!("; did you mean `{}`?", display(&other)));
        }
        unchecked(out, "not found", message);
        return;
    }
    let depth = budget::limits().module_depth;
    if ctx.depth >= depth {
        out.errors.push(ctx.problem(
            res,
            format!(
                "nested deployments deeper than {depth} (the limit): '{name}' is not evaluated"
            ),
        ));
        return;
    }
    linked(ctx, props, name, address, path, relative, display, out);
}

/// The parameters a deployment passes to its template, evaluated in the deploying scope:
/// `{"x": {"value": ...}}`, each entry or the whole of it possibly one expression (what Bicep
/// emits for conditional and spread module arguments), or a `parametersLink`, which vigil does
/// not download.
fn deployment_parameters(ctx: &Ctx, props: &JNode, name: &str) -> Given {
    let Some(node) = props.get_ci("parameters") else {
        return match props.get_ci("parametersLink") {
            Some(link) => Given {
                values: HashMap::new(),
                rest: Some(Val::unknown(
                    format!("nested deployment '{name}' takes its parameters from a parametersLink, which vigil does not download"),
                    Some(ctx.location(link)),
                )),
            },
            None => Given::default(),
        };
    };
    let at = ctx.location(node);
    let all = ctx.value(node);
    let mut given = Given::default();
    match &all.value {
        Value::Object(entries) => {
            for (pname, entry) in entries {
                if let Some(v) = parameter_entry(entry, pname, name) {
                    given.values.insert(pname.clone(), v);
                }
            }
        }
        Value::Null => {}
        Value::Unknown(u) => {
            // The cases the deployment can take, when known, give each parameter its cases.
            let cases: Option<Vec<&BTreeMap<String, Val>>> = (!u.candidates.is_empty())
                .then(|| {
                    u.candidates
                        .iter()
                        .map(|c| match &c.value {
                            Value::Object(m) => Some(m),
                            _ => None,
                        })
                        .collect()
                })
                .flatten();
            let reason = format!(
                "the parameters of nested deployment '{name}' are not known: {}",
                u.reason
            );
            match cases {
                Some(cases) => {
                    let names: std::collections::BTreeSet<String> = cases
                        .iter()
                        .flat_map(|m| m.keys().map(|k| k.to_ascii_lowercase()))
                        .collect();
                    for pname in names {
                        let each: Vec<Option<Val>> = cases
                            .iter()
                            .map(|m| {
                                m.iter()
                                    .find(|(k, _)| k.eq_ignore_ascii_case(&pname))
                                    .and_then(|(_, e)| parameter_entry(e, &pname, name))
                            })
                            .collect();
                        if each.iter().all(Option::is_none) {
                            continue;
                        }
                        // A case that gives no value takes the default: not a candidate known
                        // here.
                        let candidates: Option<Vec<Val>> = each.into_iter().collect();
                        let v = match candidates {
                            Some(c) if c.iter().all(|v| !v.is_unknown()) => {
                                Val::unknown_among(reason.clone(), c, all.origin.clone())
                            }
                            _ => Val::unknown(reason.clone(), all.origin.clone()),
                        };
                        given.values.insert(pname, v);
                    }
                    // A parameter no case names is given by none.
                }
                None => given.rest = Some(Val::unknown(reason, all.origin.clone())),
            }
        }
        _ => ctx.refuse(
            node,
            format!("the parameters of nested deployment '{name}' are not an object"),
        ),
    }
    // The hop is where the deployment passes the value: its `value` as written, else the
    // expression that builds the parameter or all of them.
    let written: HashMap<String, Location> = node
        .props()
        .iter()
        .map(|(pname, _, entry)| {
            let place = entry.get_ci("value").unwrap_or(entry);
            (pname.to_ascii_lowercase(), ctx.location(place))
        })
        .collect();
    given.values = given
        .values
        .into_iter()
        .map(|(pname, v)| {
            let hop = Hop {
                label: format!("parameter '{pname}' of deployment '{name}'"),
                location: written
                    .get(&pname.to_ascii_lowercase())
                    .cloned()
                    .unwrap_or_else(|| at.clone()),
            };
            (pname.to_ascii_lowercase(), v.through(hop))
        })
        .collect();
    given
}

/// One parameter a deployment passes: `{"value": v}` gives `v`; a Key Vault `{"reference"}` is
/// read only at deployment; `null` (or no value) gives none, and the template's default holds.
fn parameter_entry(entry: &Val, pname: &str, deployment: &str) -> Option<Val> {
    match &entry.value {
        Value::Object(m) => match m.iter().find(|(k, _)| k.eq_ignore_ascii_case("value")) {
            Some((_, v)) => Some(v.clone()),
            None if m.keys().any(|k| k.eq_ignore_ascii_case("reference")) => Some(Val::unknown(
                format!("parameter '{pname}' of deployment '{deployment}' is a Key Vault reference, read only at deployment"),
                entry.origin.clone(),
            )),
            None => None,
        },
        Value::Unknown(u) => {
            let reason = format!(
                "parameter '{pname}' of deployment '{deployment}' is not known: {}",
                u.reason
            );
            // `[if(c, createObject('value', a), createObject('value', b))]`: one of a and b.
            let cases: Option<Vec<Val>> = u
                .candidates
                .iter()
                .map(|c| {
                    parameter_entry(c, pname, deployment)
                        .filter(|v| !v.is_unknown() && !matches!(v.value, Value::Null))
                })
                .collect();
            Some(match cases {
                Some(cases) if !cases.is_empty() => {
                    Val::unknown_among(reason, cases, entry.origin.clone())
                }
                _ => Val::unknown(reason, entry.origin.clone()),
            })
        }
        _ => None,
    }
}

/// A deployment whose template is a file beside this one (`templateLink.relativePath`):
/// linked templates always have their own scope.
#[allow(clippy::too_many_arguments)]
fn linked(
    ctx: &Ctx,
    props: &JNode,
    name: &str,
    address: &str,
    path: &Path,
    relative: &str,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) {
    let file = path.parent().unwrap_or(Path::new(".")).join(relative);
    if ctx.chain.iter().any(|f| same_file(f, &file)) {
        let mut names: Vec<String> = ctx.chain.iter().map(|f| display(f)).collect();
        names.push(display(&file));
        // At the link that closes the cycle.
        let link = props.get_ci("templateLink").unwrap_or(props);
        out.errors.push(ctx.problem(
            link,
            format!(
                "linked templates form a cycle: {} (deployment '{name}' is not evaluated)",
                names.join(" -> ")
            ),
        ));
        return;
    }
    let Some(index) = read(&file, display, &mut out.errors) else {
        return;
    };
    let (root, ignores) = match json::parse(&index) {
        Ok(parsed) => parsed,
        Err(e) => {
            out.errors.push(e);
            return;
        }
    };
    names::check_template(&index, &root, &mut out.errors);
    if let Some(given) = props.get_ci("parameters") {
        names::deployment_parameters(ctx.index, name, given, &root, &mut out.errors);
    }
    let given = deployment_parameters(ctx, props, name);
    let params = resolve_params(&index, &root, given, ctx);
    let mut linked_ctx = Ctx::new(&index, params, root.get_ci("variables"), ctx.depth + 1)
        .within(ctx)
        .with_functions(root.get_ci("functions"));
    linked_ctx.base = Some((&file, display));
    linked_ctx.chain.push(file.clone());
    resources(&linked_ctx, &root, &format!("{address}/"), None, out);
    out.files.push(SourceFile {
        path: index.file().clone(),
        text: index.shared_text().clone(),
        ignores,
    });
}
