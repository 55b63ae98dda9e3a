//! Resource instances: the expansion of `count` and `for_each` into instances with their
//! addresses (`[0]`, `["a"]`) and `count.index` / `each.*`, bounded, and the building of each
//! instance's resource in the Azure shape from its arguments and nested blocks
//! ([`crate::mapping`] does the renaming).

use crate::azapi::build_azapi;
use crate::dynamic::block_value;
use crate::eval::{Evaluator, Instance};
use crate::mapping;
use crate::parse::{self, Expr, JKind};
use std::collections::BTreeMap;
use std::sync::Arc;
use vigil_model::limits::TERRAFORM_INSTANCES;
use vigil_model::{Resource, Val, Value};

/// The instances a resource block declares (`count`, `for_each`), each with its address suffix.
pub(crate) fn instances(ev: &Evaluator, block: &parse::Block) -> Vec<(String, Option<Instance>)> {
    let whole = |reason: String| vec![(String::new(), Some(Instance::Unknown(reason)))];
    if let Some(count) = block.body.attr("count") {
        let v = ev.eval_or_unknown(&count.expr);
        return match &v.value {
            Value::Number(n)
                if *n >= 0.0 && n.fract() == 0.0 && (*n as usize) <= TERRAFORM_INSTANCES =>
            {
                (0..*n as usize)
                    .map(|i| (format!("[{i}]"), Some(Instance::Count(i))))
                    .collect()
            }
            Value::Unknown(u) => whole(format!(
                "count is not known before deployment: {}",
                u.reason
            )),
            _ => whole(format!(
                "count is not a whole number up to {TERRAFORM_INSTANCES}: {}",
                v.display()
            )),
        };
    }
    if let Some(for_each) = block.body.attr("for_each") {
        let v = ev.eval_or_unknown(&for_each.expr);
        let pairs: Vec<(Val, Val)> = match &v.value {
            Value::Object(map) => map
                .iter()
                .map(|(k, item)| (Val::string(k.clone(), item.origin.clone()), item.clone()))
                .collect(),
            // A set of strings: each.key and each.value are the element. Sets iterate in order.
            Value::List(items) => {
                let mut items: Vec<&Val> = items.iter().collect();
                items.sort_by_key(|a| a.display());
                items.dedup_by(|a, b| a.display() == b.display());
                items
                    .into_iter()
                    .map(|item| (item.clone(), item.clone()))
                    .collect()
            }
            Value::Unknown(u) => {
                return whole(format!(
                    "for_each is not known before deployment: {}",
                    u.reason
                ))
            }
            _ => return whole(format!("for_each is not a map or a set: {}", v.display())),
        };
        if pairs.len() > TERRAFORM_INSTANCES {
            return whole(format!(
                "for_each has more than {TERRAFORM_INSTANCES} elements"
            ));
        }
        return pairs
            .into_iter()
            .map(|(key, value)| {
                let suffix = format!("[{}]", serde_json::Value::String(key.display()));
                let value = Val {
                    trace: v.trace.iter().cloned().chain(value.trace).collect(),
                    ..value
                };
                (suffix, Some(Instance::Each { key, value }))
            })
            .collect();
    }
    vec![(String::new(), None)]
}

/// What [`build_resources`] did with a block.
pub(crate) enum Built {
    /// Its instances were built (none, when `count` is 0 or `for_each` empty).
    Instances(usize),
    /// The unit's budget of resource instances ran out first.
    OverBudget,
}

/// Builds a block's resource instances, within `left` (the unit's remaining budget of
/// resource instances).
pub(crate) fn build_resources(
    ev: &Evaluator,
    block: &parse::Block,
    prefix: &str,
    out: &mut Vec<Resource>,
    left: &std::cell::Cell<usize>,
) -> Built {
    let all = instances(ev, block);
    let n = all.len();
    for (suffix, instance) in all {
        if left.get() == 0 {
            return Built::OverBudget;
        }
        left.set(left.get() - 1);
        // One instance standing for a count or for_each not known: it may not exist at all.
        let deployed_if = match &instance {
            Some(Instance::Unknown(reason)) => Some(reason.clone()),
            _ => None,
        };
        let before = out.len();
        let previous = ev.set_instance(instance);
        if block.labels[0] == "azapi_resource" {
            out.extend(build_azapi(ev, block, prefix, &suffix));
        } else {
            out.push(build_resource(ev, block, prefix, &suffix));
        }
        ev.set_instance(previous);
        for r in &mut out[before..] {
            r.deployed_if.clone_from(&deployed_if);
        }
    }
    Built::Instances(n)
}

fn build_resource(ev: &Evaluator, block: &parse::Block, prefix: &str, suffix: &str) -> Resource {
    let rtype = &block.labels[0];
    let map = &mapping::table()[rtype];
    let mut attrs = BTreeMap::new();
    let mut roots: Vec<&str> = map.roots().collect();
    roots.dedup();
    for root in roots {
        if attrs.contains_key(root) {
            continue;
        }
        let is_block = map.blocks.iter().any(|b| b == root);
        let value = if let Some(a) = block.body.attr(root) {
            let v = if is_block {
                json_block(ev, &a.expr)
            } else {
                ev.eval_or_unknown(&a.expr)
            };
            // In JSON a nested block is an object (or a list of them) under its name.
            match (&v.value, is_block) {
                (Value::Object(_), true) => {
                    let origin = v.origin.clone();
                    Some(Val::list(vec![v], origin))
                }
                _ => Some(v),
            }
        } else if is_block {
            block_value(ev, &block.body, root, None)
        } else {
            None
        };
        if let Some(v) = value {
            attrs.insert(root.to_string(), v);
        }
    }
    let tf = Val::new(Value::Object(attrs), Some(block.header.clone()));
    map.apply(
        format!("{prefix}{}.{}{suffix}", rtype, block.labels[1]),
        rtype,
        block.header.clone(),
        &tf,
    )
}

/// A nested block in the JSON syntax (an object, or a list of them): its arguments are
/// evaluated one by one, as Terraform evaluates a block's, so that one it refuses leaves the
/// others known.
fn json_block(ev: &Evaluator, expr: &Expr) -> Val {
    let Expr::Json { file, node } = expr else {
        return ev.eval_or_unknown(expr);
    };
    let origin = Some(ev.location(*file, node.range.clone()));
    let object = |props: &[(String, std::ops::Range<usize>, parse::JNode)], origin| {
        let map = props.iter().filter(|(k, _, _)| k != "//").map(|(k, _, v)| {
            let item = Expr::Json {
                file: *file,
                node: Arc::new(v.clone()),
            };
            (k.clone(), ev.eval_or_unknown(&item))
        });
        Val::object(map, origin)
    };
    match &node.kind {
        JKind::Object(props) => object(props, origin),
        JKind::Array(items) if items.iter().all(|i| matches!(i.kind, JKind::Object(_))) => {
            let blocks = items
                .iter()
                .filter_map(|i| match &i.kind {
                    JKind::Object(props) => {
                        Some(object(props, Some(ev.location(*file, i.range.clone()))))
                    }
                    _ => None,
                })
                .collect();
            Val::list(blocks, origin)
        }
        _ => ev.eval_or_unknown(expr),
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::{bypass, kv, unit};
    use crate::{Options, UnitOutput};
    use vigil_model::Lookup;

    #[test]
    fn no_acls_means_no_network_acls_property() {
        let out = unit(
            &[("main.tf", &kv("  public_network_access_enabled = false"))],
            &Options::default(),
        );
        assert!(matches!(
            out.resources[0].lookup("properties.networkAcls"),
            Lookup::Absent { .. }
        ));
        assert!(
            matches!(out.resources[0].lookup("properties.publicNetworkAccess"), Lookup::Found(v) if v.display() == "Disabled")
        );
    }

    #[test]
    fn count_and_for_each_make_instances() {
        let main = "resource \"azurerm_key_vault\" \"kv\" {\n  count = 2\n  name = \"kv-${count.index}\"\n}\n";
        let out = unit(&[("main.tf", main)], &Options::default());
        let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            vec!["azurerm_key_vault.kv[0]", "azurerm_key_vault.kv[1]"]
        );
        assert!(
            matches!(out.resources[1].lookup("name"), Lookup::Found(v) if v.display() == "kv-1")
        );

        let out = unit(
            &[(
                "main.tf",
                "resource \"azurerm_key_vault\" \"kv\" {\n  count = 0\n}\n",
            )],
            &Options::default(),
        );
        assert!(out.resources.is_empty());

        let main = "locals {\n  v = {\n    b = \"None\"\n    a = \"AzureServices\"\n  }\n}\n".to_string()
            + "resource \"azurerm_key_vault\" \"kv\" {\n  for_each = local.v\n  network_acls {\n    bypass = each.value\n    default_action = \"Deny\"\n  }\n}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            vec!["azurerm_key_vault.kv[\"a\"]", "azurerm_key_vault.kv[\"b\"]"]
        );
        let b = UnitOutput {
            resources: vec![out.resources[1].clone()],
            ..Default::default()
        };
        assert_eq!(
            bypass(&b),
            (
                "None".into(),
                "main.tf:3".into(),
                vec!["each.value @main.tf:10".into(), "local.v @main.tf:8".into()]
            )
        );
    }
}
