//! `azapi_resource` and `azapi_update_resource`: resources that already speak the Azure shape
//! (the `type` names the ARM type, the `body` holds its properties, `jsonencode(...)` read
//! in place so values keep their locations), updates merged onto the resource they target,
//! and azapi types close to one vigil knows.

use crate::eval::Evaluator;
use crate::parse::{self, Expr};
use crate::{functions, mapping, names};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use vigil_model::{FileError, LineIndex, Location, Resource, Val, Value};

/// The same for an `azapi_resource` whose `type` is close to an Azure type vigil knows
/// (`Microsoft.KeyVault/vault@2023-07-01`).
pub(crate) fn azapi_type_typo(files: &[LineIndex], block: &parse::Block) -> Option<FileError> {
    let attr = block.body.attr("type")?;
    let no_locals = HashMap::new();
    let constant = Evaluator::new(files, &no_locals, None);
    let ty = constant.eval(&attr.expr, None).ok()?;
    let written = ty.as_str()?;
    let azure_type = written.split('@').next()?;
    let mut known: Vec<&str> = mapping::table()
        .values()
        .map(|m| m.azure_type.as_str())
        .collect();
    known.sort_unstable();
    known.dedup();
    if known.iter().any(|k| k.eq_ignore_ascii_case(azure_type)) {
        return None;
    }
    let close = vigil_model::typo_of(azure_type, known.iter().copied())?;
    if azure_type
        .to_lowercase()
        .starts_with(&format!("{}/", close.to_lowercase()))
    {
        return None;
    }
    let at = constant
        .expr_location(&attr.expr)
        .unwrap_or_else(|| block.header.clone());
    Some(names::error_at(
        &at,
        format!("azapi type `{azure_type}` is not one vigil checks; did you mean `{close}`? (no rule checks this resource)"),
    ))
}

/// An `azapi_resource` already speaks the Azure shape: its `type` names the ARM type (before
/// `@api-version`) and its `body` holds the ARM properties. `None` when the type is unknown:
/// no rule can tell whether it applies.
pub(crate) fn build_azapi(
    ev: &Evaluator,
    block: &parse::Block,
    prefix: &str,
    suffix: &str,
) -> Option<Resource> {
    let ty = ev.eval_or_unknown(&block.body.attr("type")?.expr);
    let body = block.body.attr("body").map(|b| azapi_body(ev, &b.expr));
    let extras = ["name", "location", "tags"]
        .into_iter()
        .filter_map(|key| {
            Some((
                key.to_string(),
                ev.eval_or_unknown(&block.body.attr(key)?.expr),
            ))
        })
        .collect();
    let address = format!("{prefix}azapi_resource.{}{suffix}", block.labels[1]);
    azapi_resource(address, block.header.clone(), &ty, body, extras)
}

/// An azapi resource from its evaluated `type`, `body` and top-level attributes, in HCL or in
/// a plan alike.
pub(crate) fn azapi_resource(
    address: String,
    location: Location,
    ty: &Val,
    body: Option<Val>,
    extras: Vec<(String, Val)>,
) -> Option<Resource> {
    let azure_type = ty.as_str()?.split('@').next()?.to_string();
    let mut shape = BTreeMap::new();
    if let Some(value) = body {
        let value = match &value.value {
            // azapi 1.x bodies are JSON strings.
            Value::String(_) => {
                let at = value.origin.clone().unwrap_or_else(|| location.clone());
                functions::call("jsondecode", vec![value.clone()], &at)
                    .unwrap_or_else(|e| Val::unknown(e, value.origin.clone()))
            }
            _ => value,
        };
        match value.value {
            Value::Object(map) => shape.extend(map),
            Value::Null => {}
            _ => {
                // An unknown body leaves every property unknown.
                shape.insert("properties".to_string(), value);
            }
        }
    }
    shape.extend(extras);
    let mut source_names = BTreeMap::new();
    collect_paths(&shape, "", &mut source_names);
    Some(Resource {
        address,
        azure_type,
        source_type: "azapi_resource".to_string(),
        body: Val::new(Value::Object(shape), Some(location.clone())),
        location,
        case_sensitive: false,
        required: Vec::new(),
        source_names,
        alternatives: Vec::new(),
        callers: Vec::new(),
        deployed_if: None,
        label: None,
    })
}

/// Merges an `azapi_update_resource` body onto the resource its `resource_id` names
/// (`azapi_resource.x.id`, `azurerm_key_vault.y.id`) when that resource is in this module: the
/// update is what gets deployed.
pub(crate) fn merge_update(
    ev: &Evaluator,
    update: &parse::Block,
    prefix: &str,
    resources: &mut [Resource],
) {
    let Some(Expr::Hcl { expr, .. }) = block_attr_expr(update, "resource_id") else {
        return;
    };
    let hcl_edit::expr::Expression::Traversal(t) = expr.as_ref() else {
        return;
    };
    let hcl_edit::expr::Expression::Variable(root) = &t.expr else {
        return;
    };
    let Some(hcl_edit::expr::TraversalOperator::GetAttr(name)) =
        t.operators.first().map(|o| o.value())
    else {
        return;
    };
    let target = format!(
        "{prefix}{}.{}",
        root.value().as_str(),
        name.value().as_str()
    );
    let Some(body) = update.body.attr("body").map(|b| azapi_body(ev, &b.expr)) else {
        return;
    };
    let body = match &body.value {
        Value::String(_) => {
            let at = body.origin.clone().unwrap_or_else(|| update.header.clone());
            functions::call("jsondecode", vec![body.clone()], &at)
                .unwrap_or_else(|e| Val::unknown(e, body.origin.clone()))
        }
        _ => body,
    };
    // Instances of the target (`[0]`, `["a"]`) all receive the update.
    for r in resources.iter_mut().filter(|r| {
        r.address == target
            || r.address
                .strip_prefix(&target)
                .is_some_and(|rest| rest.starts_with('['))
    }) {
        let mut names = BTreeMap::new();
        if let Value::Object(map) = &body.value {
            collect_paths(map, "", &mut names);
        }
        for (path, shown) in names {
            r.source_names.insert(
                path,
                format!("{shown} of azapi_update_resource.{}", update.labels[1]),
            );
        }
        deep_merge(&mut r.body, &body);
    }
}

fn block_attr_expr<'b>(block: &'b parse::Block, name: &str) -> Option<&'b Expr> {
    block.body.attr(name).map(|a| &a.expr)
}

/// Objects merge key by key; anything else replaces what was there.
fn deep_merge(into: &mut Val, from: &Val) {
    match (&mut into.value, &from.value) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(k) {
                    Some(existing) => deep_merge(existing, v),
                    None => {
                        a.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        _ => *into = from.clone(),
    }
}

/// The body as an object: `jsonencode(x)` is read as `x`, so that values keep their places in
/// the file; a JSON string from elsewhere is decoded (its values point at the body).
fn azapi_body(ev: &Evaluator, expr: &Expr) -> Val {
    if let Expr::Hcl { file, expr: e } = expr {
        if let hcl_edit::expr::Expression::FuncCall(call) = e.as_ref() {
            if call.name.name.value().as_str() == "jsonencode" && call.args.len() == 1 {
                if let Some(inner) = call.args.iter().next() {
                    let inner = Expr::Hcl {
                        file: *file,
                        expr: Arc::new(inner.clone()),
                    };
                    return ev.eval_or_unknown(&inner);
                }
            }
        }
    }
    ev.eval_or_unknown(expr)
}

/// Every property path of the body, named as azapi users write it (`body.properties.x`).
fn collect_paths(map: &BTreeMap<String, Val>, prefix: &str, out: &mut BTreeMap<String, String>) {
    for (k, v) in map {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        let shown = if matches!(k.as_str(), "name" | "location" | "tags") && prefix.is_empty() {
            path.clone()
        } else {
            format!("body.{path}")
        };
        out.insert(path.clone(), shown);
        if let Value::Object(inner) = &v.value {
            collect_paths(inner, &path, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::{bypass, kv, unit};
    use crate::{Options, UnitOutput};
    use vigil_model::Lookup;

    #[test]
    fn azapi_bodies_are_the_azure_shape() {
        let main = "resource \"azapi_resource\" \"v\" {\n  type = \"Microsoft.KeyVault/vaults@2023-02-01\"\n  name = \"kv\"\n  body = {\n    properties = {\n      networkAcls = {\n        bypass = \"None\"\n      }\n    }\n  }\n}\n"
            .to_string()
            + "resource \"azapi_resource\" \"w\" {\n  type = \"Microsoft.KeyVault/vaults@2023-02-01\"\n  body = jsonencode({\n    properties = { networkAcls = { bypass = \"None\" } }\n  })\n}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert_eq!(out.resources.len(), 2);
        assert_eq!(out.resources[0].azure_type, "Microsoft.KeyVault/vaults");
        assert!(!out.resources[0].case_sensitive);
        assert_eq!(bypass(&out).1, "main.tf:7");
        assert_eq!(
            out.resources[0].display_name("properties.networkAcls.bypass"),
            "body.properties.networkAcls.bypass"
        );
        let w = UnitOutput {
            resources: vec![out.resources[1].clone()],
            ..Default::default()
        };
        assert_eq!(bypass(&w).1, "main.tf:15");
    }

    #[test]
    fn azapi_updates_merge_onto_their_target() {
        let main = kv("  network_acls {\n    bypass = \"AzureServices\"\n    default_action = \"Deny\"\n  }")
            + "resource \"azapi_update_resource\" \"acl\" {\n  type = \"Microsoft.KeyVault/vaults@2023-07-01\"\n  resource_id = azurerm_key_vault.kv.id\n  body = {\n    properties = { networkAcls = { bypass = \"None\" } }\n  }\n}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        let (v, at, _) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "main.tf:12"));
        assert!(
            matches!(out.resources[0].lookup("properties.networkAcls.defaultAction"), Lookup::Found(v) if v.display() == "Deny")
        );
    }
}
