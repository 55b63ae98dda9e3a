//! ARM's scope functions (the reference's "Scope functions") that vigil evaluates:
//! `resourceGroup()` and `subscription()`, objects whose properties exist only at deployment.
//! `managementGroup()` and `tenant()` are unknown as a whole (`AT_DEPLOYMENT` in `mod.rs`).

use super::*;

fn deployment_object(func: &str, keys: &[&str], at: &Location) -> Val {
    let map = keys
        .iter()
        .map(|k| {
            (
                (*k).to_string(),
                Val::unknown(
                    format!("`{func}().{k}` is known only at deployment"),
                    Some(at.clone()),
                ),
            )
        })
        .collect();
    fresh(Value::Object(map), at)
}

pub(super) fn resource_group(_: &[Val], at: &Location) -> Res {
    Ok(deployment_object(
        "resourceGroup",
        &[
            "id",
            "location",
            "managedBy",
            "name",
            "properties",
            "tags",
            "type",
        ],
        at,
    ))
}

pub(super) fn subscription(_: &[Val], at: &Location) -> Res {
    Ok(deployment_object(
        "subscription",
        &["displayName", "id", "subscriptionId", "tenantId"],
        at,
    ))
}

#[cfg(test)]
mod tests {
    use crate::functions::testkit::*;

    #[test]
    fn resource_group_and_subscription_have_unknown_leaves() {
        let k = Kit::new();
        assert_eq!(
            k.unknown("[resourceGroup().location]"),
            "`resourceGroup().location` is known only at deployment"
        );
        assert!(k
            .unknown("[resourceGroup().name]")
            .contains("resourceGroup().name"));
        assert!(k
            .unknown("[resourceGroup().id]")
            .contains("resourceGroup().id"));
        assert!(k
            .unknown("[resourceGroup().tags.owner]")
            .contains("resourceGroup().tags"));
        assert!(k
            .unknown("[subscription().subscriptionId]")
            .contains("subscription()"));
        assert!(k.unknown("[subscription().TENANTID]").contains("tenantId"));
        assert!(k
            .err("[resourceGroup().nope]")
            .contains("'nope' doesn't exist"));
        assert!(k
            .unknown("[concat('rg-', resourceGroup().name)]")
            .contains("resourceGroup().name"));
    }
}
