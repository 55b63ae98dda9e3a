//! Terraform plans as `terraform show -json` writes them: the planned values of every managed
//! resource, in every module, with what the plan only knows after apply marked unknown.
//! Findings point at the resource's lines in the plan file (a plan names no source lines).

use crate::azapi::azapi_resource;
use crate::load::read_source;
use crate::parse::{self, JKind, JNode};
use crate::{mapping, UnitOutput};
use std::collections::HashMap;
use std::path::Path;
use vigil_model::{LineIndex, Location, Val, Value};

/// Whether a JSON text looks like a plan (only its beginning is read: plans can be large).
pub fn is_plan(head: &str) -> bool {
    head.trim_start().starts_with('{')
        && head.contains("\"format_version\"")
        && head.contains("\"planned_values\"")
}

/// Reads a plan file into resources.
pub fn evaluate_plan(path: &Path, display: &dyn Fn(&Path) -> String) -> UnitOutput {
    let mut out = UnitOutput::default();
    let Some(index) = read_source(path, display, &mut out.errors) else {
        return out;
    };
    let root = match parse::parse_json_file(&index) {
        Ok(root) => root,
        Err(e) => {
            out.errors.push(e);
            return out;
        }
    };
    let unknowns: HashMap<&str, &JNode> = root
        .get("resource_changes")
        .map(JNode::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|change| {
            let address = change.get("address")?.as_str()?;
            Some((address, change.get("change")?.get("after_unknown")?))
        })
        .collect();
    if let Some(module) = root
        .get("planned_values")
        .and_then(|p| p.get("root_module"))
    {
        collect(module, &index, &unknowns, &mut out, 0);
    }
    out.files.push(vigil_model::SourceFile {
        path: index.file().clone(),
        ignores: Vec::new(),
        text: index.shared_text().clone(),
    });
    out
}

fn collect(
    module: &JNode,
    index: &LineIndex,
    unknowns: &HashMap<&str, &JNode>,
    out: &mut UnitOutput,
    depth: usize,
) {
    for r in module
        .get("resources")
        .map(JNode::items)
        .unwrap_or_default()
    {
        if r.get("mode").and_then(JNode::as_str) != Some("managed") {
            continue;
        }
        let (Some(address), Some(rtype)) = (
            r.get("address").and_then(JNode::as_str),
            r.get("type").and_then(JNode::as_str),
        ) else {
            continue;
        };
        let location = index.location(r.range.clone());
        let location = Location {
            end_line: location.line,
            end_column: location.column + 1,
            ..location
        };
        let mut values = r
            .get("values")
            .map_or_else(|| Val::null(Some(location.clone())), |v| v.literal(index));
        if let Some(unknown) = unknowns.get(address) {
            overlay(&mut values, unknown, index);
        }
        if let Some(map) = mapping::table().get(rtype) {
            out.resources
                .push(map.apply(address.to_string(), rtype, location, &values));
        } else if rtype == "azapi_resource" {
            let Value::Object(attrs) = &values.value else {
                continue;
            };
            let ty = attrs
                .get("type")
                .cloned()
                .unwrap_or_else(|| Val::unknown("the plan gives no type", None));
            let extras = ["name", "location", "tags"]
                .into_iter()
                .filter_map(|k| Some((k.to_string(), attrs.get(k)?.clone())))
                .collect();
            out.resources.extend(azapi_resource(
                address.to_string(),
                location,
                &ty,
                attrs.get("body").cloned(),
                extras,
            ));
        }
    }
    // Module nesting in a plan mirrors the configuration's; the bound only guards bad input.
    if depth < 64 {
        for child in module
            .get("child_modules")
            .map(JNode::items)
            .unwrap_or_default()
        {
            collect(child, index, unknowns, out, depth + 1);
        }
    }
}

/// Marks what `after_unknown` says is known only after apply (the plan leaves those values out).
fn overlay(v: &mut Val, unknown: &JNode, index: &LineIndex) {
    let here = || Some(index.location(unknown.range.clone()));
    match (&unknown.kind, &mut v.value) {
        (JKind::Bool(true), _) => {
            *v = Val::unknown(
                "the plan knows this value only after apply",
                v.origin.clone().or_else(here),
            );
        }
        (JKind::Object(props), Value::Object(map)) => {
            for (k, _, sub) in props {
                match map.get_mut(k) {
                    Some(inner) => overlay(inner, sub, index),
                    None if matches!(sub.kind, JKind::Bool(true)) => {
                        let at = Some(index.location(sub.range.clone()));
                        map.insert(
                            k.clone(),
                            Val::unknown("the plan knows this value only after apply", at),
                        );
                    }
                    None => {}
                }
            }
        }
        (JKind::Array(subs), Value::List(list)) => {
            for (inner, sub) in list.iter_mut().zip(subs) {
                overlay(inner, sub, index);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_model::Lookup;

    const PLAN: &str = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.0",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "azurerm_key_vault.root",
          "mode": "managed",
          "type": "azurerm_key_vault",
          "name": "root",
          "values": {
            "name": "kv-root",
            "network_acls": [{ "bypass": "None", "default_action": "Deny" }]
          }
        },
        {
          "address": "data.azurerm_client_config.current",
          "mode": "data",
          "type": "azurerm_client_config",
          "name": "current",
          "values": {}
        }
      ],
      "child_modules": [
        {
          "address": "module.a",
          "resources": [
            {
              "address": "module.a.azurerm_key_vault.this",
              "mode": "managed",
              "type": "azurerm_key_vault",
              "name": "this",
              "values": { "network_acls": [] }
            }
          ]
        }
      ]
    }
  },
  "resource_changes": [
    {
      "address": "module.a.azurerm_key_vault.this",
      "change": { "actions": ["create"], "after_unknown": { "public_network_access_enabled": true } }
    }
  ]
}"#;

    #[test]
    fn plans_are_recognised_and_read() {
        assert!(is_plan(PLAN));
        assert!(!is_plan(
            r#"{"$schema": "https://schema.management.azure.com/"}"#
        ));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, PLAN).unwrap();
        let out = evaluate_plan(&path, &|_| "plan.json".to_string());
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            vec!["azurerm_key_vault.root", "module.a.azurerm_key_vault.this"]
        );
        assert_eq!(out.resources[0].location.line, 7);
        assert!(
            matches!(out.resources[0].lookup("properties.networkAcls.bypass"), Lookup::Found(v) if v.origin.as_ref().unwrap().line == 14)
        );
        assert!(matches!(
            out.resources[1].lookup("properties.networkAcls"),
            Lookup::Absent { .. }
        ));
        assert!(matches!(
            out.resources[1].lookup("properties.publicNetworkAccess"),
            Lookup::Unknown(_)
        ));
    }
}
