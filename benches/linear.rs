//! Issue 12's linear-parsing bounds, measured: byte offset to line/column on a 10 MB line (the
//! index against the algorithm it replaced, kept here as the baseline), a 10 MB one-line plan
//! and a 10 MB one-line ARM template read, parsed, evaluated and checked, and a small
//! Terraform and Bicep unit for scale. Inputs are generated in the setup; nothing is committed.
//!
//!     cargo bench --bench linear
//!
//! Figures and how to compare whole runs: benches/README.md.

use std::fmt::Write;
use std::path::Path;
use vigil_model::LineIndex;
use vigil_rules::RuleSet;

fn main() {
    divan::main();
}

const TEN_MB: usize = 10 << 20;

/// One line of JSON-like text of at least `len` bytes, with a non-ASCII char every few hundred
/// bytes (so that columns cannot be byte differences).
fn one_line_text(len: usize) -> String {
    let mut s = String::with_capacity(len + 64);
    let mut i = 0;
    while s.len() < len {
        let _ = write!(
            s,
            r#"{{"name":"kv-é-{i}","bypass":"None","tags":{{"env":"prod"}}}},"#
        );
        i += 1;
    }
    s
}

/// The 1-based column the way `LineIndex::position` computed it before issue 12: chars counted
/// from the line's start at every call (quadratic on a one-line file).
fn old_position(text: &str, starts: &[usize], offset: usize) -> (u32, u32) {
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let column = text[starts[line]..offset].chars().count() + 1;
    (line as u32 + 1, column as u32)
}

/// Offsets spread over the text, on char boundaries.
fn offsets(text: &str, n: usize) -> Vec<usize> {
    (0..n)
        .map(|k| {
            let mut o = text.len() / n * k + 7;
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            o
        })
        .collect()
}

#[divan::bench(sample_count = 10)]
fn line_index_build_10mb(bencher: divan::Bencher) {
    let text: std::sync::Arc<str> = one_line_text(TEN_MB).into();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| LineIndex::new("f".into(), divan::black_box(text.clone())));
}

/// 10,000 positions on one 10 MB line, through the index.
#[divan::bench(sample_count = 20)]
fn positions_10mb_line(bencher: divan::Bencher) {
    let text = one_line_text(TEN_MB);
    let index = LineIndex::new("f".into(), text.as_str().into());
    let at = offsets(&text, 10_000);
    bencher
        .counter(divan::counter::ItemsCount::new(at.len()))
        .bench(|| {
            at.iter()
                .map(|&o| index.position(divan::black_box(o)).1 as u64)
                .sum::<u64>()
        });
}

/// The baseline: 100 positions on the same line, counted from the line's start as before.
#[divan::bench(sample_count = 5)]
fn positions_10mb_line_old_algorithm(bencher: divan::Bencher) {
    let text = one_line_text(TEN_MB);
    let starts = vec![0];
    let at = offsets(&text, 100);
    bencher
        .counter(divan::counter::ItemsCount::new(at.len()))
        .bench(|| {
            at.iter()
                .map(|&o| old_position(&text, &starts, divan::black_box(o)).1 as u64)
                .sum::<u64>()
        });
}

/// A `terraform show -json` plan on one line with `n` vaults (each fails AZKV001).
fn one_line_plan(n: usize) -> String {
    let mut resources = String::new();
    let mut changes = String::new();
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(
            resources,
            r#"{sep}{{"address":"azurerm_key_vault.kv{i}","mode":"managed","type":"azurerm_key_vault","name":"kv{i}","provider_name":"registry.terraform.io/hashicorp/azurerm","schema_version":0,"values":{{"name":"kv-é-{i}","location":"westeurope","resource_group_name":"rg","sku_name":"standard","tenant_id":"00000000-0000-0000-0000-000000000000","public_network_access_enabled":true,"network_acls":[{{"bypass":"None","default_action":"Deny","ip_rules":[],"virtual_network_subnet_ids":[]}}],"tags":{{"owner":"équipe-{i}"}}}},"sensitive_values":{{"network_acls":[{{"ip_rules":[],"virtual_network_subnet_ids":[]}}],"tags":{{}}}}}}"#
        );
        let _ = write!(
            changes,
            r#"{sep}{{"address":"azurerm_key_vault.kv{i}","mode":"managed","type":"azurerm_key_vault","name":"kv{i}","change":{{"actions":["create"],"before":null,"after_unknown":{{"id":true}}}}}}"#
        );
    }
    format!(
        r#"{{"format_version":"1.2","terraform_version":"1.9.0","variables":{{"owner":{{"value":"ünïcødé"}}}},"resource_changes":[{changes}],"planned_values":{{"root_module":{{"resources":[{resources}]}}}}}}"#
    )
}

/// An ARM template on one line with `n` vaults (each fails AZKV001).
fn one_line_template(n: usize) -> String {
    let mut resources = String::new();
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(
            resources,
            r#"{sep}{{"type":"Microsoft.KeyVault/vaults","apiVersion":"2023-07-01","name":"kv-{i}","location":"westeurope","tags":{{"owner":"équipe"}},"properties":{{"tenantId":"[subscription().tenantId]","sku":{{"family":"A","name":"standard"}},"accessPolicies":[],"networkAcls":{{"defaultAction":"Deny","ipRules":[],"bypass":"None"}}}}}}"#
        );
    }
    format!(
        r#"{{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","metadata":{{"owner":"ünïcødé"}},"resources":[{resources}]}}"#
    )
}

/// Grows `n` until the generated text is at least 10 MB.
fn ten_mb_of(make: fn(usize) -> String) -> (usize, String) {
    let per = make(100).len() / 100;
    let n = TEN_MB / per + 1;
    (n, make(n))
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn failing(rules: &RuleSet, out: &vigil_model::UnitOutput) -> usize {
    assert!(out.errors.is_empty(), "{:?}", out.errors.first());
    out.resources.iter().map(|r| rules.check(r).len()).sum()
}

/// Read, parse, evaluate and check a 10 MB one-line plan.
#[divan::bench(sample_count = 10)]
fn plan_one_line_10mb(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let (n, text) = ten_mb_of(one_line_plan);
    let path = dir.path().join("plan.json");
    std::fs::write(&path, &text).unwrap();
    let rules = RuleSet::builtin();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let out = vigil_terraform::evaluate_plan(divan::black_box(&path), &display);
            assert!(failing(&rules, &out) >= n);
            out
        });
}

/// Read, parse, evaluate and check a 10 MB one-line ARM template.
#[divan::bench(sample_count = 10)]
fn template_one_line_10mb(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let (n, text) = ten_mb_of(one_line_template);
    let path = dir.path().join("main.json");
    std::fs::write(&path, &text).unwrap();
    let rules = RuleSet::builtin();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let out = vigil_arm::evaluate_template(divan::black_box(&path), &display, None);
            assert!(failing(&rules, &out) >= n);
            out
        });
}

const VAULT_TF: &str = r#"resource "azurerm_key_vault" "kv{i}" {
  name                = "kv-{i}"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls {
    bypass         = var.bypass
    default_action = "Deny"
  }
}
"#;

/// A module directory of ten vaults and a variable: the everyday unit, for scale.
#[divan::bench]
fn terraform_small_unit(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut main = String::from("variable \"bypass\" {\n  default = \"None\"\n}\n");
    for i in 0..10 {
        main.push_str(&VAULT_TF.replace("{i}", &i.to_string()));
    }
    std::fs::write(dir.path().join("main.tf"), main).unwrap();
    let rules = RuleSet::builtin();
    let opts = vigil_terraform::Options::default();
    bencher.bench(|| {
        let out = vigil_terraform::evaluate_dir(divan::black_box(dir.path()), &display, &opts);
        assert_eq!(failing(&rules, &out), 10);
        out
    });
}

const VAULT_BICEP: &str = "resource kv{i} 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-{i}'
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    networkAcls: {
      bypass: bypass
      defaultAction: 'Deny'
    }
  }
}
";

/// A `.bicep` file of ten vaults and a parameter, for scale.
#[divan::bench]
fn bicep_small_unit(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut main = String::from("param bypass string = 'None'\n\n");
    for i in 0..10 {
        main.push_str(&VAULT_BICEP.replace("{i}", &i.to_string()));
    }
    let path = dir.path().join("main.bicep");
    std::fs::write(&path, main).unwrap();
    let rules = RuleSet::builtin();
    bencher.bench(|| {
        let out = vigil_bicep::evaluate_file(divan::black_box(&path), &display);
        assert_eq!(failing(&rules, &out), 10);
        out
    });
}
