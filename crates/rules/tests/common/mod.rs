//! Resources built by hand, the way the front ends would build them.

#![allow(dead_code)]

use std::collections::BTreeMap;
use vigil_model::{Hop, Location, Resource, Val, Value};

/// Which front end the resource pretends to come from: it decides case sensitivity, the
/// schema-required paths and the names messages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    Arm,
    Tf,
}

impl Src {
    pub fn file(self) -> &'static str {
        match self {
            Src::Arm => "main.json",
            Src::Tf => "main.tf",
        }
    }
}

/// The resource's first line in every test.
pub const RESOURCE_LINE: u32 = 3;

pub fn at(src: Src, line: u32) -> Location {
    Location::new(src.file(), line, 5, line, 20)
}

pub fn s(src: Src, value: &str, line: u32) -> Val {
    Val::string(value, Some(at(src, line)))
}

pub fn b(src: Src, value: bool, line: u32) -> Val {
    Val::new(Value::Bool(value), Some(at(src, line)))
}

pub fn null(src: Src, line: u32) -> Val {
    Val::null(Some(at(src, line)))
}

pub fn unknown(src: Src, reason: &str, line: u32) -> Val {
    Val::unknown(reason, Some(at(src, line)))
}

pub fn obj(entries: Vec<(&str, Val)>) -> Val {
    Val::object(entries.into_iter().map(|(k, v)| (k.to_string(), v)), None)
}

/// A value that travelled through a variable from a tfvars file.
pub fn via_tfvars(value: &str, tfvars_line: u32, use_line: u32) -> Val {
    Val::string(
        value,
        Some(Location::new(
            "terraform.tfvars",
            tfvars_line,
            10,
            tfvars_line,
            16,
        )),
    )
    .through(Hop {
        label: "terraform.tfvars".into(),
        location: Location::new("terraform.tfvars", tfvars_line, 1, tfvars_line, 16),
    })
    .through(Hop {
        label: "var.bypass".into(),
        location: at(Src::Tf, use_line),
    })
}

/// A Key Vault whose `properties` object holds `properties`.
pub fn vault(src: Src, properties: Vec<(&str, Val)>) -> Resource {
    vault_body(
        src,
        obj(vec![
            ("name", s(src, "kv", 4)),
            ("properties", obj(properties)),
        ]),
    )
}

pub fn vault_body(src: Src, body: Val) -> Resource {
    let (address, source_type) = match src {
        Src::Arm => ("vault", "Microsoft.KeyVault/vaults"),
        Src::Tf => ("azurerm_key_vault.kv", "azurerm_key_vault"),
    };
    let mut source_names = BTreeMap::new();
    let mut required = Vec::new();
    if src == Src::Tf {
        for (azure, tf) in [
            ("properties.networkAcls", "network_acls"),
            ("properties.networkAcls.bypass", "network_acls.bypass"),
            (
                "properties.networkAcls.defaultAction",
                "network_acls.default_action",
            ),
            (
                "properties.publicNetworkAccess",
                "public_network_access_enabled",
            ),
            ("properties.enabledForDeployment", "enabled_for_deployment"),
            (
                "properties.enabledForDiskEncryption",
                "enabled_for_disk_encryption",
            ),
            (
                "properties.enabledForTemplateDeployment",
                "enabled_for_template_deployment",
            ),
        ] {
            source_names.insert(azure.to_string(), tf.to_string());
        }
        required = vec![
            "properties.networkAcls.bypass".to_string(),
            "properties.networkAcls.defaultAction".to_string(),
        ];
    }
    Resource {
        alternatives: Vec::new(),
        label: None,
        callers: Vec::new(),
        deployed_if: None,
        address: address.into(),
        azure_type: "Microsoft.KeyVault/vaults".into(),
        source_type: source_type.into(),
        location: Location::new(src.file(), RESOURCE_LINE, 1, RESOURCE_LINE, 40),
        body,
        case_sensitive: src == Src::Tf,
        required,
        source_names,
    }
}
