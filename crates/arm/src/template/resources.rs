//! Resources: each with its `condition`, `copy` loop and child resources, made into the
//! model's [`Resource`]s; a `Microsoft.Resources/deployments` is handed to `nested.rs`.

use super::nested::nested;
use super::Ctx;
use crate::json::{JKind, JNode};
use std::collections::BTreeMap;
use vigil_model::limits::COPY_COUNT;
use vigil_model::{budget, Location, Resource, Unchecked, UncheckedKind, UnitOutput, Val, Value};

/// The resources of a template (array or languageVersion 2.0 object form), with their
/// children and the resources of nested deployments.
pub(super) fn resources(
    ctx: &Ctx,
    template: &JNode,
    prefix: &str,
    parent: Option<(&str, &str)>,
    out: &mut UnitOutput,
) {
    let list: Vec<(Option<&str>, &JNode)> = match template.get_ci("resources").map(|r| &r.kind) {
        Some(JKind::Array(items)) => items.iter().map(|i| (None, i)).collect(),
        Some(JKind::Object(props)) => props
            .iter()
            .map(|(k, _, v)| (Some(k.as_str()), v))
            .collect(),
        _ => Vec::new(),
    };
    for (symbolic, res) in list {
        resource(ctx, res, symbolic, prefix, parent, out);
    }
}

fn resource(
    ctx: &Ctx,
    res: &JNode,
    symbolic: Option<&str>,
    prefix: &str,
    parent: Option<(&str, &str)>,
    out: &mut UnitOutput,
) {
    if matches!(
        res.get_ci("existing").map(|e| &e.kind),
        Some(JKind::Bool(true))
    ) {
        return;
    }
    let loop_name = res
        .get_ci("copy")
        .and_then(|c| c.get_ci("name"))
        .and_then(JNode::as_str)
        .map(str::to_string);
    let instances: Vec<Option<i64>> = match res.get_ci("copy").and_then(|c| c.get_ci("count")) {
        Some(count) => match ctx.value(count).value {
            Value::Number(0.0) => {
                let name = symbolic
                    .or_else(|| res.get_ci("name").and_then(JNode::as_str))
                    .unwrap_or("");
                let written = match count.as_str() {
                    Some(s) => format!("`{s}`"),
                    None => "0".to_string(),
                };
                out.unchecked.push(Unchecked {
                    kind: UncheckedKind::Resource,
                    why: "loop over no items".into(),
                    at: ctx.problem(
                        res,
                        format!("resource '{name}' is not checked: its copy count {written} is 0 with the inputs at hand"),
                    ),
                    module: None,
                });
                Vec::new()
            }
            Value::Number(n) if n >= 0.0 && (n as i64) <= COPY_COUNT as i64 => {
                (0..n as i64).map(Some).collect()
            }
            Value::Number(n) => {
                out.errors.push(ctx.problem(
                    count,
                    format!("a copy count of {n} is outside what ARM accepts (0 to {COPY_COUNT})"),
                ));
                vec![None]
            }
            // An unknown count: one instance stands for all, its copyIndex unknown.
            _ => vec![None],
        },
        None => vec![None],
    };
    let copied = res.get_ci("copy").is_some();
    for index in instances {
        // Copies multiply: the unit evaluates a bounded number of resource instances.
        if budget::take_resource(|| Some(ctx.location(res))).is_err() {
            break;
        }
        if copied {
            ctx.copies.borrow_mut().push((loop_name.clone(), index));
        }
        instance(
            ctx,
            res,
            symbolic,
            prefix,
            parent,
            out,
            // One instance standing for all of an unknown count is `[*]`, as Bicep names it.
            copied.then(|| index.map_or_else(|| "[*]".to_string(), |i| format!("[{i}]"))),
        );
        if copied {
            ctx.copies.borrow_mut().pop();
        }
    }
}

fn instance(
    ctx: &Ctx,
    res: &JNode,
    symbolic: Option<&str>,
    prefix: &str,
    parent: Option<(&str, &str)>,
    out: &mut UnitOutput,
    copy_suffix: Option<String>,
) {
    let written = |n: &JNode| n.as_str().map_or_else(|| "…".to_string(), str::to_string);
    let mut deployed_if = None;
    if let Some(condition) = res.get_ci("condition") {
        match ctx.value(condition).value {
            Value::Bool(false) => {
                not_deployed(ctx, res, symbolic, condition, out);
                return;
            }
            Value::Bool(true) => {}
            _ => {
                deployed_if = Some(format!(
                    "its condition `{}` is not known",
                    written(condition)
                ))
            }
        }
    }
    if deployed_if.is_none() && copy_suffix.as_deref() == Some("[*]") {
        let count = res.get_ci("copy").and_then(|c| c.get_ci("count"));
        deployed_if = Some(format!(
            "its copy count `{}` is not known",
            count.map_or_else(|| "…".to_string(), written)
        ));
    }
    let Some(type_node) = res.get_ci("type") else {
        return;
    };
    let ty = ctx.value(type_node);
    let Some(mut ty) = ty.as_str().map(str::to_string) else {
        return;
    };
    let raw_name = res
        .get_ci("name")
        .and_then(JNode::as_str)
        .unwrap_or("")
        .to_string();
    let name_val = res.get_ci("name").map(|n| ctx.value(n));
    let mut name = name_val
        .as_ref()
        .and_then(|n| n.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| raw_name.clone());
    if let Some((ptype, pname)) = parent {
        if !ty.contains('/') || !ty.contains('.') {
            ty = format!("{ptype}/{ty}");
            name = format!("{pname}/{name}");
        }
    }
    let mut address = format!("{prefix}{}", symbolic.unwrap_or(&raw_name));
    if let Some(suffix) = copy_suffix {
        address.push_str(&suffix);
    }
    if ty.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
        let before = out.resources.len();
        nested(ctx, res, &name, &address, out);
        // The deployment is the call that created what its template deploys.
        let call = ctx.index.location(res.range.start..res.range.start + 1);
        for r in &mut out.resources[before..] {
            r.callers.insert(0, call.clone());
            // What a deployment that may not run deploys may not be deployed either.
            if r.deployed_if.is_none() {
                r.deployed_if = deployed_if
                    .as_ref()
                    .map(|why| format!("nested deployment {address}: {why}"));
            }
        }
        return;
    }
    let mut body = BTreeMap::new();
    for (k, _, v) in res.props() {
        if !matches!(
            k.to_ascii_lowercase().as_str(),
            "resources" | "copy" | "condition" | "dependson" | "existing"
        ) {
            body.insert(k.clone(), ctx.value(v));
        }
    }
    let start = res.range.start;
    let location = ctx.index.location(start..start + 1);
    let body = Val::new(Value::Object(body), Some(location.clone()));
    let alternatives = body
        .cases()
        .into_iter()
        .map(|case| arm_resource(address.clone(), &ty, location.clone(), case, Vec::new()))
        .collect();
    let mut r = arm_resource(address, &ty, location, body, alternatives);
    r.deployed_if = deployed_if;
    out.resources.push(r);
    if let Some(children) = res.get_ci("resources") {
        let wrapper = JNode {
            kind: JKind::Object(vec![(
                "resources".to_string(),
                children.range.clone(),
                children.clone(),
            )]),
            range: children.range.clone(),
        };
        resources(ctx, &wrapper, prefix, Some((&ty, &name)), out);
    }
}

/// A resource (or nested deployment) whose condition is false with the inputs at hand: said,
/// once for all its copies, with the condition as written.
fn not_deployed(
    ctx: &Ctx,
    res: &JNode,
    symbolic: Option<&str>,
    condition: &JNode,
    out: &mut UnitOutput,
) {
    let ty = res.get_ci("type").and_then(JNode::as_str).unwrap_or("");
    let name = symbolic
        .or_else(|| res.get_ci("name").and_then(JNode::as_str))
        .unwrap_or("");
    let deployment = ty.eq_ignore_ascii_case("Microsoft.Resources/deployments");
    let what = if deployment {
        "nested deployment"
    } else {
        "resource"
    };
    let message = match condition.as_str() {
        Some(written) => format!(
            "{what} '{name}' is not checked: its condition `{written}` is false with the inputs at hand"
        ),
        None => format!("{what} '{name}' is not checked: its condition is false"),
    };
    let entry = Unchecked {
        kind: if deployment {
            UncheckedKind::Module
        } else {
            UncheckedKind::Resource
        },
        why: "condition false".into(),
        at: ctx.problem(res, message),
        module: None,
    };
    if !out.unchecked.contains(&entry) {
        out.unchecked.push(entry);
    }
}

fn arm_resource(
    address: String,
    ty: &str,
    location: Location,
    body: Val,
    alternatives: Vec<Resource>,
) -> Resource {
    // An expression for a name says little in a message; its value, when known, says more.
    let name = match &body.value {
        Value::Object(map) => map.get("name").and_then(Val::as_str).map(str::to_string),
        _ => None,
    };
    let label = match (address.rsplit('/').next(), name) {
        (Some(last), Some(name)) if last.starts_with('[') && !name.is_empty() => Some(name),
        _ => None,
    };
    Resource {
        label,
        address,
        azure_type: ty.to_string(),
        source_type: ty.to_string(),
        location,
        body,
        // ARM compares enumerations in any case.
        case_sensitive: false,
        required: Vec::new(),
        source_names: BTreeMap::new(),
        alternatives,
        callers: Vec::new(),
        deployed_if: None,
    }
}
