//! Nested blocks as Terraform exposes them to rules: static blocks and `dynamic` blocks, in
//! the order written, as a list of objects; a `dynamic` block renders its `content` once per
//! element of its `for_each`, with the iterator bound, and an unknown collection leaves the
//! blocks unknown (with the renderings of each value it may have).

use crate::eval::{Evaluator, Scope};
use crate::parse::{self, Body, Expr, JKind};
use std::collections::BTreeMap;
use vigil_model::{Location, Val, Value};

/// Nested blocks of one type as Terraform exposes them: a list of objects, static blocks and
/// `dynamic` ones in the order written. `None` when there are none.
pub(crate) fn block_value(
    ev: &Evaluator,
    body: &Body,
    kind: &str,
    scope: Option<&Scope>,
) -> Option<Val> {
    let mut items = Vec::new();
    let mut origin = None;
    let mut seen = false;
    for b in &body.blocks {
        if b.kind == kind {
            seen = true;
            origin.get_or_insert_with(|| b.header.clone());
            items.push(block_object(ev, &b.body, b.header.clone(), scope));
        } else if b.kind == "dynamic" && b.labels.first().map(String::as_str) == Some(kind) {
            seen = true;
            origin.get_or_insert_with(|| b.header.clone());
            match dynamic_items(ev, b, kind, scope) {
                Ok(expanded) => items.extend(expanded),
                Err(unknown) => return Some(unknown),
            }
        }
    }
    // A dynamic block that renders nothing leaves the block absent, as Terraform does.
    (seen && !items.is_empty()).then(|| Val::list(items, origin))
}

/// One block's attributes and nested blocks as an object.
fn block_object(ev: &Evaluator, body: &Body, header: Location, scope: Option<&Scope>) -> Val {
    let mut map = BTreeMap::new();
    for a in &body.attrs {
        map.insert(a.name.clone(), ev.eval_scoped_or_unknown(&a.expr, scope));
    }
    let mut kinds: Vec<&str> = body
        .blocks
        .iter()
        .map(|n| match n.kind.as_str() {
            "dynamic" => n.labels.first().map_or("dynamic", String::as_str),
            k => k,
        })
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for k in kinds {
        if let Some(v) = block_value(ev, body, k, scope) {
            map.insert(k.to_string(), v);
        }
    }
    Val::new(Value::Object(map), Some(header))
}

/// The blocks a `dynamic` block renders; Err(unknown value) when its `for_each` is unknown.
fn dynamic_items(
    ev: &Evaluator,
    dynamic: &parse::Block,
    kind: &str,
    scope: Option<&Scope>,
) -> Result<Vec<Val>, Val> {
    let at = Some(dynamic.header.clone());
    let Some(for_each) = dynamic.body.attr("for_each") else {
        return Err(Val::unknown(
            format!("`dynamic \"{kind}\"` has no for_each"),
            at,
        ));
    };
    let collection = ev.eval_scoped_or_unknown(&for_each.expr, scope);
    if let Value::Unknown(u) = &collection.value {
        if !u.candidates.is_empty() {
            // Render the block for each collection it may iterate; an empty rendering is an
            // absent block.
            let mut cases = Vec::new();
            for candidate in &u.candidates {
                match dynamic_items_of(ev, dynamic, kind, scope, candidate.clone()) {
                    Ok(items) if items.is_empty() => {
                        cases.push(Val::null(candidate.origin.clone()))
                    }
                    Ok(items) => cases.push(Val::list(items, Some(dynamic.header.clone()))),
                    Err(unknown) => return Err(unknown),
                }
            }
            return Err(Val::unknown_among(
                format!(
                    "`dynamic \"{kind}\"` iterates over a value not known before deployment: {}",
                    u.reason
                ),
                cases,
                collection.origin.clone().or(at),
            ));
        }
    }
    dynamic_items_of(ev, dynamic, kind, scope, collection)
}

/// The blocks a `dynamic` block renders for a given collection.
fn dynamic_items_of(
    ev: &Evaluator,
    dynamic: &parse::Block,
    kind: &str,
    scope: Option<&Scope>,
    collection: Val,
) -> Result<Vec<Val>, Val> {
    let at = Some(dynamic.header.clone());
    let pairs: Vec<(Val, Val)> = match &collection.value {
        Value::List(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                (
                    Val::new(Value::Number(i as f64), item.origin.clone()),
                    item.clone(),
                )
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, item)| (Val::string(k.clone(), item.origin.clone()), item.clone()))
            .collect(),
        Value::Null => Vec::new(),
        Value::Unknown(u) => {
            return Err(Val::unknown(
                format!(
                    "`dynamic \"{kind}\"` iterates over a value not known before deployment: {}",
                    u.reason
                ),
                collection.origin.clone().or(at),
            ))
        }
        _ => {
            return Err(Val::unknown(
                format!(
                    "`dynamic \"{kind}\"` for_each is not a collection: {}",
                    collection.display()
                ),
                at,
            ))
        }
    };
    let iterator = match dynamic.body.attr("iterator").map(|a| &a.expr) {
        Some(Expr::Hcl { expr, .. }) => match expr.as_ref() {
            hcl_edit::expr::Expression::Variable(v) => v.value().as_str().to_string(),
            _ => kind.to_string(),
        },
        Some(Expr::Json { node, .. }) | Some(Expr::JsonLiteral { node, .. }) => match &node.kind {
            JKind::String(s) => s.clone(),
            _ => kind.to_string(),
        },
        None => kind.to_string(),
    };
    let Some(content) = dynamic.body.blocks.iter().find(|b| b.kind == "content") else {
        return Err(Val::unknown(
            format!("`dynamic \"{kind}\"` has no content block"),
            at,
        ));
    };
    Ok(pairs
        .into_iter()
        .map(|(key, value)| {
            // The element keeps the hops that brought the collection here.
            let value = Val {
                trace: collection
                    .trace
                    .iter()
                    .cloned()
                    .chain(value.trace)
                    .collect(),
                ..value
            };
            let iter_val = Val::object(
                [("key".to_string(), key), ("value".to_string(), value)],
                content.header.clone().into(),
            );
            let bound = Scope::new(&iterator, iter_val, scope);
            block_object(ev, &content.body, content.header.clone(), Some(&bound))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::tests::{bypass, kv, unit};
    use crate::Options;
    use vigil_model::Lookup;

    #[test]
    fn dynamic_blocks_render_their_content() {
        let main = "variable \"acls\" {\n  default = [{ bypass = \"None\" }]\n}\n".to_string()
            + &kv("  dynamic \"network_acls\" {\n    for_each = var.acls\n    iterator = acl\n    content {\n      bypass = acl.value.bypass\n      default_action = \"Deny\"\n    }\n  }");
        let out = unit(&[("main.tf", &main)], &Options::default());
        let (v, at, _) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "main.tf:2"));

        let main = kv("  dynamic \"network_acls\" {\n    for_each = []\n    content {\n      bypass = \"None\"\n    }\n  }");
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert!(matches!(
            out.resources[0].lookup("properties.networkAcls"),
            Lookup::Absent { .. }
        ));

        let main = kv("  dynamic \"network_acls\" {\n    for_each = var.unset\n    content {\n      bypass = \"None\"\n    }\n  }");
        let out = unit(
            &[("main.tf", &main), ("v.tf", "variable \"unset\" {}\n")],
            &Options::default(),
        );
        assert!(matches!(
            out.resources[0].lookup("properties.networkAcls.bypass"),
            Lookup::Unknown(_)
        ));
    }
}
