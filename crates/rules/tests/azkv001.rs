//! AZKV001 key-vault-trusted-services-bypass, row by row of the DESIGN table.

mod common;

use common::*;
use vigil_model::{Finding, Resource, Verdict};
use vigil_rules::RuleSet;

fn azkv001(resource: &Resource) -> Option<Finding> {
    let rules = RuleSet::builtin();
    let rule = rules.get("AZKV001").expect("AZKV001 is built in");
    rule.evaluate(resource)
}

fn with_bypass(src: Src, bypass: vigil_model::Val) -> Resource {
    vault(
        src,
        vec![(
            "networkAcls",
            obj(vec![
                ("bypass", bypass),
                ("defaultAction", s(src, "Deny", 13)),
            ]),
        )],
    )
}

#[test]
fn bypass_none_fails_at_the_literal() {
    for src in [Src::Arm, Src::Tf] {
        let f = azkv001(&with_bypass(src, s(src, "None", 12))).expect("fails");
        assert_eq!(f.verdict, Verdict::Fail);
        assert_eq!(f.location, at(src, 12));
        assert_eq!(f.property, "properties.networkAcls.bypass");
        assert_eq!(f.rule_id, "AZKV001");
        assert_eq!(f.rule_name, "key-vault-trusted-services-bypass");
        assert_eq!(f.resource.line, RESOURCE_LINE);
        assert!(f.message.contains("\"None\""), "{}", f.message);
        assert!(
            f.message.contains(&format!("{}:12", src.file())),
            "{}",
            f.message
        );
        assert!(f.trace.is_empty());
        assert!(f.suppression.is_none());
    }
}

#[test]
fn message_names_the_vault_and_speaks_the_source_language() {
    let f = azkv001(&with_bypass(Src::Tf, s(Src::Tf, "None", 12))).unwrap();
    assert!(
        f.message.starts_with(
            "Key vault azurerm_key_vault.kv sets network_acls.bypass = \"None\" (main.tf:12)"
        ),
        "{}",
        f.message
    );
    let f = azkv001(&with_bypass(Src::Arm, s(Src::Arm, "None", 12))).unwrap();
    assert!(
        f.message.starts_with(
            "Key vault vault sets properties.networkAcls.bypass = \"None\" (main.json:12)"
        ),
        "{}",
        f.message
    );
}

#[test]
fn arm_compares_in_any_case() {
    let f = azkv001(&with_bypass(Src::Arm, s(Src::Arm, "none", 12))).expect("fails");
    assert_eq!(f.verdict, Verdict::Fail);
    assert!(azkv001(&with_bypass(Src::Arm, s(Src::Arm, "azureservices", 12))).is_none());
}

/// azurerm rejects any value not written exactly, so with a case-sensitive source anything but
/// exactly `AzureServices` fails: `none` is a misspelt `None`, `azureservices` would not apply.
#[test]
fn terraform_compares_exactly() {
    for value in ["none", "azureservices", "AZURESERVICES"] {
        let f = azkv001(&with_bypass(Src::Tf, s(Src::Tf, value, 12))).expect(value);
        assert_eq!(f.verdict, Verdict::Fail, "{value}");
        assert!(f.message.contains(&format!("\"{value}\"")), "{}", f.message);
    }
}

#[test]
fn azure_services_passes() {
    for src in [Src::Arm, Src::Tf] {
        assert!(azkv001(&with_bypass(src, s(src, "AzureServices", 12))).is_none());
    }
}

#[test]
fn acls_without_bypass_pass_for_arm_and_fail_for_terraform() {
    let acls = |src| {
        vault(
            src,
            vec![(
                "networkAcls",
                obj(vec![("defaultAction", s(src, "Deny", 13))]),
            )],
        )
    };
    assert!(
        azkv001(&acls(Src::Arm)).is_none(),
        "API default AzureServices"
    );

    let f = azkv001(&acls(Src::Tf)).expect("the provider requires bypass");
    assert_eq!(f.verdict, Verdict::Fail);
    assert_eq!(
        f.location.line, RESOURCE_LINE,
        "absent: the resource's first line"
    );
    assert_eq!(f.location.file.as_ref(), "main.tf");
    assert!(f.trace.is_empty());
    assert_eq!(f.property, "properties.networkAcls.bypass");
    assert!(
        f.message
            .contains("network_acls without network_acls.bypass"),
        "{}",
        f.message
    );
    assert!(f.message.contains("requires"), "{}", f.message);
}

#[test]
fn explicit_null_counts_as_absent() {
    assert!(azkv001(&with_bypass(Src::Arm, null(Src::Arm, 12))).is_none());
    let f = azkv001(&with_bypass(Src::Tf, null(Src::Tf, 12))).expect("required");
    assert_eq!(
        f.location,
        at(Src::Tf, 12),
        "the null literal is where to edit"
    );
}

#[test]
fn no_network_acls_is_azkv002_business() {
    for src in [Src::Arm, Src::Tf] {
        assert!(azkv001(&vault(src, vec![])).is_none());
        assert!(azkv001(&vault(src, vec![("networkAcls", null(src, 9))])).is_none());
        assert!(
            azkv001(&vault_body(src, obj(vec![]))).is_none(),
            "no properties at all"
        );
    }
}

#[test]
fn unknown_bypass_is_undetermined_at_its_origin() {
    let f = azkv001(&with_bypass(
        Src::Tf,
        unknown(Src::Tf, "var.bypass has no value", 12),
    ))
    .expect("undetermined");
    assert_eq!(f.verdict, Verdict::Undetermined);
    assert_eq!(f.location, at(Src::Tf, 12));
    assert!(
        f.message.contains("var.bypass has no value"),
        "{}",
        f.message
    );

    let f = azkv001(&vault(
        Src::Arm,
        vec![(
            "networkAcls",
            unknown(Src::Arm, "reference() is not evaluated", 8),
        )],
    ))
    .expect("a parent unknown decides too");
    assert_eq!(f.verdict, Verdict::Undetermined);
    assert_eq!(f.location, at(Src::Arm, 8));

    let mut no_origin = unknown(Src::Tf, "data source", 1);
    no_origin.origin = None;
    let f = azkv001(&with_bypass(Src::Tf, no_origin)).unwrap();
    assert_eq!(
        f.location.line, RESOURCE_LINE,
        "no origin: the resource's first line"
    );
}

#[test]
fn malformed_parent_is_undetermined_not_guessed() {
    let f = azkv001(&vault(
        Src::Arm,
        vec![("networkAcls", s(Src::Arm, "oops", 8))],
    ))
    .unwrap();
    assert_eq!(f.verdict, Verdict::Undetermined);
    assert!(f.message.contains("not an object"), "{}", f.message);
}

#[test]
fn finding_carries_the_value_trace() {
    let value = via_tfvars("None", 4, 12);
    let f = azkv001(&with_bypass(Src::Tf, value.clone())).unwrap();
    assert_eq!(f.location.file.as_ref(), "terraform.tfvars");
    assert_eq!(f.location.line, 4);
    assert_eq!(f.trace, value.trace);
    assert!(f.message.contains("(terraform.tfvars:4)"), "{}", f.message);
}

#[test]
fn notes_name_the_services_cut_off() {
    let src = Src::Tf;
    let r = vault(
        src,
        vec![
            ("enabledForDeployment", b(src, true, 6)),
            ("enabledForDiskEncryption", b(src, true, 7)),
            ("enabledForTemplateDeployment", b(src, false, 8)),
            (
                "networkAcls",
                obj(vec![
                    ("bypass", s(src, "None", 12)),
                    ("defaultAction", s(src, "Deny", 13)),
                ]),
            ),
        ],
    );
    let f = azkv001(&r).unwrap();
    assert!(
        f.message.contains(
            "It cuts off services the vault is enabled for: Azure Virtual Machines retrieving \
             certificates for deployment (enabled_for_deployment) and Azure Disk Encryption \
             storing and reading disk encryption keys (enabled_for_disk_encryption)."
        ),
        "{}",
        f.message
    );
    assert!(!f.message.contains("Resource Manager"), "{}", f.message);
}

#[test]
fn notes_only_for_flags_known_true() {
    let src = Src::Arm;
    let r = vault(
        src,
        vec![
            ("enabledForDeployment", unknown(src, "parameter", 6)),
            ("enabledForDiskEncryption", b(src, false, 7)),
            ("networkAcls", obj(vec![("bypass", s(src, "None", 12))])),
        ],
    );
    let f = azkv001(&r).unwrap();
    assert!(!f.message.contains("cuts off"), "{}", f.message);
    assert!(
        f.message.ends_with(
            "through its firewall. Set properties.networkAcls.bypass to \"AzureServices\"."
        ),
        "{}",
        f.message
    );

    let r = vault(
        src,
        vec![
            ("enabledForTemplateDeployment", b(src, true, 6)),
            ("networkAcls", obj(vec![("bypass", s(src, "None", 12))])),
        ],
    );
    let f = azkv001(&r).unwrap();
    assert!(f.message.contains("cuts off services the vault is enabled for: Azure Resource Manager reading secrets during template deployments (properties.enabledForTemplateDeployment)."), "{}", f.message);
}

#[test]
fn never_requires_the_flags() {
    let src = Src::Arm;
    let r = vault(
        src,
        vec![
            ("enabledForDeployment", b(src, false, 6)),
            (
                "networkAcls",
                obj(vec![("bypass", s(src, "AzureServices", 12))]),
            ),
        ],
    );
    assert!(RuleSet::builtin()
        .check(&r)
        .iter()
        .all(|f| f.rule_id != "AZKV001"));
}

#[test]
fn other_resource_types_are_not_checked_and_types_compare_in_any_case() {
    let mut r = with_bypass(Src::Arm, s(Src::Arm, "None", 12));
    r.azure_type = "Microsoft.Storage/storageAccounts".into();
    assert!(RuleSet::builtin().check(&r).is_empty());
    r.azure_type = "microsoft.keyvault/VAULTS".into();
    assert!(azkv001(&r).is_some());
}

#[test]
fn snapshot_failures() {
    let src = Src::Tf;
    let findings: Vec<Finding> = [
        vault(
            src,
            vec![
                ("enabledForDiskEncryption", b(src, true, 7)),
                (
                    "networkAcls",
                    obj(vec![
                        ("bypass", via_tfvars("None", 4, 12)),
                        ("defaultAction", s(src, "Deny", 13)),
                    ]),
                ),
            ],
        ),
        vault(
            src,
            vec![(
                "networkAcls",
                obj(vec![("defaultAction", s(src, "Deny", 13))]),
            )],
        ),
        with_bypass(src, unknown(src, "var.bypass has no value", 12)),
    ]
    .iter()
    .filter_map(azkv001)
    .collect();
    insta::assert_json_snapshot!(findings);
}
