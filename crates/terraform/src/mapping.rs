//! The table (kept as data in `mappings/azurerm.yaml`) that maps azurerm resources onto the
//! Azure resource shape, and its application to one evaluated resource.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;
use vigil_model::{Hop, Location, Resource, Val, Value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Mapping {
    pub azure_type: String,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub blocks: Vec<String>,
    pub properties: Vec<PropertyMap>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PropertyMap {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

enum Seg {
    Attr(String),
    Index(usize),
}

fn segments(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        out.push(Seg::Attr(name.to_string()));
        for idx in rest.split('[') {
            if let Ok(n) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(n));
            }
        }
    }
    out
}

/// The whole table, parsed once. The file is part of the binary, so a bad entry is a bug that
/// the tests catch, not a user error.
pub(crate) fn table() -> &'static HashMap<String, Mapping> {
    static TABLE: OnceLock<HashMap<String, Mapping>> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_saphyr::from_str(include_str!("../mappings/azurerm.yaml"))
            .expect("mappings/azurerm.yaml is valid (checked by the tests)")
    })
}

impl Mapping {
    /// The top-level Terraform names the mapping reads.
    pub fn roots(&self) -> impl Iterator<Item = &str> {
        self.properties
            .iter()
            .map(|p| p.from.split(['.', '[']).next().unwrap_or(""))
    }

    /// The resource in the Azure shape, from its Terraform attributes (blocks as lists), with
    /// one alternative per case its unknowns with known candidates can take.
    pub fn apply(
        &self,
        address: String,
        source_type: &str,
        location: Location,
        tf: &Val,
    ) -> Resource {
        let alternatives = tf
            .cases()
            .iter()
            .map(|case| self.apply_one(address.clone(), source_type, location.clone(), case))
            .collect();
        Resource {
            alternatives,
            ..self.apply_one(address, source_type, location, tf)
        }
    }

    fn apply_one(
        &self,
        address: String,
        source_type: &str,
        location: Location,
        tf: &Val,
    ) -> Resource {
        let mut body = Val::new(Value::Object(BTreeMap::new()), Some(location.clone()));
        let mut required = Vec::new();
        let mut source_names = BTreeMap::new();
        for p in &self.properties {
            source_names.insert(p.to.clone(), p.from.replace("[0]", ""));
            if p.required {
                required.push(p.to.clone());
            }
            let Some(found) = walk(tf, &segments(&p.from)) else {
                continue;
            };
            let value = match &found.value {
                // Children arrive through their own entries.
                Value::Object(_) => Val {
                    value: Value::Object(BTreeMap::new()),
                    ..found
                },
                Value::Unknown(_) | Value::Null => found,
                _ if !p.values.is_empty() => match p.values.get(&found.display()) {
                    Some(mapped) => Val {
                        value: Value::String(mapped.clone()),
                        ..found
                    },
                    None => found,
                },
                _ => found,
            };
            set_path(&mut body, &p.to, value);
        }
        required.sort();
        required.dedup();
        Resource {
            address,
            azure_type: self.azure_type.clone(),
            source_type: source_type.to_string(),
            location,
            body,
            case_sensitive: self.case_sensitive,
            required,
            source_names,
            alternatives: Vec::new(),
            callers: Vec::new(),
            deployed_if: None,
            label: None,
        }
    }
}

/// The value at a Terraform path: `None` when absent or null on the way; an unknown on the way
/// is returned as is.
fn walk(v: &Val, path: &[Seg]) -> Option<Val> {
    // Walk by reference and clone only what is found: the resource's whole value is walked
    // once per mapping entry. The hops of the containers passed through lead the trace.
    let mut current = v;
    let mut hops: Vec<&Hop> = Vec::new();
    for seg in path {
        let next = match (&current.value, seg) {
            (Value::Unknown(_), _) => break,
            (Value::Object(map), Seg::Attr(name)) => map.get(name)?,
            (Value::List(items), Seg::Index(i)) => items.get(*i)?,
            _ => return None,
        };
        hops.extend(current.trace.iter());
        current = next;
    }
    if matches!(current.value, Value::Null) {
        return None;
    }
    let mut found = current.clone();
    if !hops.is_empty() {
        found.trace = hops.into_iter().cloned().chain(found.trace).collect();
    }
    Some(found)
}

/// Sets a dotted path, creating parent objects; a parent that is unknown or not an object
/// already says all there is to say, so the value is dropped.
fn set_path(body: &mut Val, path: &str, value: Val) {
    let mut current = body;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let Value::Object(map) = &mut current.value else {
            return;
        };
        if parts.peek().is_none() {
            map.entry(part.to_string()).or_insert(value);
            return;
        }
        let origin = current.origin.clone();
        current = map
            .entry(part.to_string())
            .or_insert_with(|| Val::new(Value::Object(BTreeMap::new()), origin));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_model::Lookup;

    #[test]
    fn the_table_parses() {
        let kv = &table()["azurerm_key_vault"];
        assert_eq!(kv.azure_type, "Microsoft.KeyVault/vaults");
        assert!(kv.roots().any(|r| r == "network_acls"));
    }

    fn loc(line: u32) -> Location {
        Location::new("main.tf", line, 1, line, 5)
    }

    #[test]
    fn maps_blocks_values_and_absence() {
        let acl = Val::object(
            [("bypass".to_string(), Val::string("None", Some(loc(3))))],
            Some(loc(2)),
        );
        let tf = Val::object(
            [
                (
                    "network_acls".to_string(),
                    Val::list(vec![acl], Some(loc(2))),
                ),
                (
                    "public_network_access_enabled".to_string(),
                    Val::new(Value::Bool(false), Some(loc(4))),
                ),
            ],
            None,
        );
        let r = table()["azurerm_key_vault"].apply(
            "azurerm_key_vault.kv".into(),
            "azurerm_key_vault",
            loc(1),
            &tf,
        );
        assert!(
            matches!(r.lookup("properties.networkAcls.bypass"), Lookup::Found(v) if v.as_str() == Some("None") && v.origin == Some(loc(3)))
        );
        assert!(matches!(
            r.lookup("properties.networkAcls.defaultAction"),
            Lookup::Absent { .. }
        ));
        assert!(
            matches!(r.lookup("properties.publicNetworkAccess"), Lookup::Found(v) if v.as_str() == Some("Disabled"))
        );
        assert!(r
            .required
            .contains(&"properties.networkAcls.bypass".to_string()));
        assert_eq!(
            r.display_name("properties.networkAcls.bypass"),
            "network_acls.bypass"
        );
    }

    #[test]
    fn unknown_block_makes_the_acls_unknown() {
        let tf = Val::object(
            [("network_acls".to_string(), Val::unknown("dynamic", None))],
            None,
        );
        let r = table()["azurerm_key_vault"].apply("a.b".into(), "azurerm_key_vault", loc(1), &tf);
        assert!(matches!(
            r.lookup("properties.networkAcls.bypass"),
            Lookup::Unknown(_)
        ));
    }
}
