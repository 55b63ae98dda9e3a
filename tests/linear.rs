//! Inputs whose shape made vigil slow or lossy (issue 12): a plan or a template written on one
//! line of megabytes (as `terraform show -json` and minifiers write them), files with old Mac
//! (CR-only) line ends, and findings of different resources that share one location. The
//! inputs are generated here; the time these take goes to `benches/`, not to assertions.

mod common;

use common::*;

/// The findings of a `--format json` run: (rule, file, line, column, end line, end column,
/// resource file, address).
type Row = (String, String, u64, u64, u64, u64, String, String);

fn findings(dir: &Path, extra: &[&str]) -> Vec<Row> {
    let o = run(vigil()
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\n--- stderr\n{}",
            tail(&stdout(&o)),
            tail(&stderr(&o))
        )
    });
    assert_eq!(
        doc["summary"]["errors"],
        0,
        "no file is refused; stderr:\n{}",
        tail(&stderr(&o))
    );
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let n = |v: &Value| v.as_u64().unwrap_or_default();
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let l = &f["location"];
            (
                s(&f["rule_id"]),
                s(&l["file"]),
                n(&l["line"]),
                n(&l["column"]),
                n(&l["end_line"]),
                n(&l["end_column"]),
                s(&f["resource"]["file"]),
                s(&f["resource"]["address"]),
            )
        })
        .collect()
}

fn count(rows: &[Row], rule: &str) -> usize {
    rows.iter().filter(|r| r.0 == rule).count()
}

/// The 1-based column of a byte offset: chars, not bytes, from the line's start.
fn column_of(text: &str, offset: usize) -> u64 {
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    text[line_start..offset].chars().count() as u64 + 1
}

/// A plan as `terraform show -json` writes it, on one line: `n` vaults whose firewall lets no
/// trusted service through (AZKV001), a non-ASCII value before them so that columns must
/// count chars, and the planned values last so that the last finding is at the line's end.
fn one_line_plan(n: usize) -> String {
    let vault = |i: usize| {
        format!(
            r#"{{"address":"azurerm_key_vault.kv{i}","mode":"managed","type":"azurerm_key_vault","name":"kv{i}","provider_name":"registry.terraform.io/hashicorp/azurerm","schema_version":0,"values":{{"name":"kv-é-{i}","location":"westeurope","resource_group_name":"rg","sku_name":"standard","tenant_id":"00000000-0000-0000-0000-000000000000","public_network_access_enabled":true,"network_acls":[{{"bypass":"None","default_action":"Deny","ip_rules":[],"virtual_network_subnet_ids":[]}}],"tags":{{"owner":"équipe-{i}"}}}},"sensitive_values":{{"network_acls":[{{"ip_rules":[],"virtual_network_subnet_ids":[]}}],"tags":{{}}}}}}"#
        )
    };
    let change = |i: usize| {
        format!(
            r#"{{"address":"azurerm_key_vault.kv{i}","mode":"managed","type":"azurerm_key_vault","name":"kv{i}","change":{{"actions":["create"],"before":null,"after_unknown":{{"id":true}}}}}}"#
        )
    };
    let resources: Vec<String> = (0..n).map(vault).collect();
    let changes: Vec<String> = (0..n).map(change).collect();
    format!(
        r#"{{"format_version":"1.2","terraform_version":"1.9.0","variables":{{"owner":{{"value":"ünïcødé 😀"}}}},"resource_changes":[{}],"planned_values":{{"root_module":{{"resources":[{}]}}}}}}"#,
        changes.join(","),
        resources.join(",")
    )
}

/// An ARM template on one line: `n` vaults with `bypass: None` (AZKV001), a non-ASCII value
/// before them.
fn one_line_template(n: usize) -> String {
    let vault = |i: usize| {
        format!(
            r#"{{"type":"Microsoft.KeyVault/vaults","apiVersion":"2023-07-01","name":"kv-{i}","location":"westeurope","tags":{{"owner":"équipe"}},"properties":{{"tenantId":"[subscription().tenantId]","sku":{{"family":"A","name":"standard"}},"accessPolicies":[],"networkAcls":{{"defaultAction":"Deny","ipRules":[],"bypass":"None"}}}}}}"#
        )
    };
    let resources: Vec<String> = (0..n).map(vault).collect();
    format!(
        r#"{{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","metadata":{{"owner":"ünïcødé 😀"}},"resources":[{}]}}"#,
        resources.join(",")
    )
}

#[test]
fn a_one_line_plan_of_megabytes_is_checked_whole_with_exact_columns() {
    let n = 3000;
    let text = one_line_plan(n);
    assert!(text.len() > 2_000_000 && !text.contains('\n'));
    let p = project(&[("plan.json", &text)]);
    let rows = findings(p.path(), &["--exit-zero", "--select", "AZKV001"]);
    assert_eq!(count(&rows, "AZKV001"), n, "one finding per vault");
    // The last vault's bypass is the last "None" of the line, a few bytes before its end.
    let last = rows
        .iter()
        .find(|r| r.7 == format!("azurerm_key_vault.kv{}", n - 1))
        .expect("the last vault's finding");
    let at = text.rfind(r#""None""#).unwrap();
    assert!(
        text.len() - at < 400,
        "the finding is at the end of the line"
    );
    assert_eq!((last.2, last.3), (1, column_of(&text, at)));
    assert_eq!(last.5, column_of(&text, at + r#""None""#.len()));
    assert!(last.3 < at as u64, "columns count chars, not bytes");
}

#[test]
fn a_one_line_template_of_megabytes_is_checked_whole_with_exact_columns() {
    let n = 9000;
    let text = one_line_template(n);
    assert!(text.len() > 2_500_000 && !text.contains('\n'));
    let p = project(&[("main.json", &text)]);
    let rows = findings(p.path(), &["--exit-zero", "--select", "AZKV001"]);
    assert_eq!(count(&rows, "AZKV001"), n, "one finding per vault");
    let at = text.rfind(r#""None""#).unwrap();
    assert!(
        text.len() - at < 20,
        "the last finding is at the end of the line"
    );
    let last = rows.iter().max_by_key(|r| r.3).unwrap();
    assert_eq!((last.1.as_str(), last.2), ("main.json", 1));
    assert_eq!(last.3, column_of(&text, at));
    assert_eq!(
        last.3,
        text[..at].chars().count() as u64 + 1,
        "the column is the char count before the value"
    );
}

/// Writes one project per line-end style (LF, CRLF, CR) and checks that all three give the
/// same findings at the same places.
fn same_findings_with_every_line_end(files: &[(&str, &str)], extra: &[&str]) -> Vec<Row> {
    let mut seen = Vec::new();
    for end in ["\n", "\r\n", "\r"] {
        let converted: Vec<(String, String)> = files
            .iter()
            .map(|(name, text)| (name.to_string(), text.replace('\n', end)))
            .collect();
        let borrowed: Vec<(&str, &str)> = converted
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let p = project(&borrowed);
        let mut rows = findings(p.path(), extra);
        rows.sort();
        seen.push((end, rows));
    }
    let (_, lf) = &seen[0];
    assert!(!lf.is_empty(), "the LF project has findings");
    for (end, rows) in &seen[1..] {
        assert_eq!(rows, lf, "line ends {end:?} against LF");
    }
    lf.clone()
}

#[test]
fn terraform_with_cr_only_line_ends_reads_as_lines() {
    let main = "# vigil:ignore AZKV002 -- reviewed\n".to_string()
        + &vault(
            "kv",
            Some((r#""None""#, r#""Allow""#)),
            "  # a comment with é\n",
        )
        + "\nvariable \"x\" {\n  default = <<EOT\n  text\n  EOT\n}\n";
    let rows = same_findings_with_every_line_end(&[("main.tf", &main)], &["--exit-zero"]);
    // The bypass is on line 11 (after the directive, seven lines of the vault, the comment and
    // the block's opening), at its value.
    assert!(
        rows.iter()
            .any(|r| r.0 == "AZKV001" && (r.2, r.3) == (11, 22)),
        "{rows:?}"
    );
}

#[test]
fn bicep_with_cr_only_line_ends_reads_as_lines() {
    let main = "// é: the vault of the tests\nparam bypass string = 'None'\n\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  location: resourceGroup().location\n  properties: {\n    tenantId: subscription().tenantId\n    sku: {\n      family: 'A'\n      name: 'standard'\n    }\n    networkAcls: {\n      bypass: bypass\n      defaultAction: 'Deny'\n    }\n  }\n}\n";
    let rows = same_findings_with_every_line_end(&[("main.bicep", main)], &["--exit-zero"]);
    assert!(
        rows.iter()
            .any(|r| r.0 == "AZKV001" && (r.2, r.3) == (2, 23)),
        "{rows:?}"
    );
}

const TEMPLATE: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  // é: comments end at the line's end
  "parameters": {
    "vaultName": { "type": "string", "defaultValue": "kv" },
    "networkBypass": { "type": "string", "defaultValue": "AzureServices" }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "[parameters('vaultName')]",
      "location": "westeurope",
      "properties": {
        "tenantId": "[subscription().tenantId]",
        "sku": { "family": "A", "name": "standard" },
        "accessPolicies": [],
        "networkAcls": {
          "bypass": "[parameters('networkBypass')]",
          "defaultAction": "Deny"
        }
      }
    }
  ]
}
"#;

const PARAMETERS: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "networkBypass": {
      "value": "None"
    }
  }
}
"#;

#[test]
fn arm_with_cr_only_line_ends_reads_as_lines() {
    let rows = same_findings_with_every_line_end(
        &[
            ("main.json", TEMPLATE),
            ("main.parameters.json", PARAMETERS),
        ],
        &["--exit-zero"],
    );
    assert!(
        rows.iter().any(
            |r| r.0 == "AZKV001" && (r.1.as_str(), r.2, r.3) == ("main.parameters.json", 6, 16)
        ),
        "{rows:?}"
    );
}

/// Two templates given one parameter file fail at the same place with the same address: two
/// findings, each of its own template, not one.
#[test]
fn two_templates_sharing_a_parameter_file_keep_two_findings() {
    let p = project(&[
        ("a/main.json", TEMPLATE),
        ("b/main.json", TEMPLATE),
        ("shared.json", PARAMETERS),
    ]);
    let shared = p.path().join("shared.json");
    let rows = findings(
        p.path(),
        &[
            "--select",
            "AZKV001",
            "--parameters",
            shared.to_str().unwrap(),
        ],
    );
    let mut files: Vec<(&str, &str, u64)> = rows
        .iter()
        .map(|r| (r.6.as_str(), r.1.as_str(), r.2))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ("a/main.json", "shared.json", 6),
            ("b/main.json", "shared.json", 6)
        ],
        "{rows:?}"
    );
    // The human formats show them as one entry of two instances, each named with its file.
    let o = run(vigil()
        .current_dir(p.path())
        .args([
            "check",
            ".",
            "--select",
            "AZKV001",
            "--parameters",
            "shared.json",
        ])
        .args(["--format", "concise"]));
    let out = stdout(&o);
    assert!(out.contains("2 instances"), "{out}");
    assert!(
        out.contains("a/main.json:") && out.contains("b/main.json:"),
        "{out}"
    );
}

#[test]
fn two_bicep_files_given_one_parameter_file_keep_two_findings() {
    let bicep = "param bypass string = 'AzureServices'\n\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  location: resourceGroup().location\n  properties: {\n    tenantId: subscription().tenantId\n    sku: {\n      family: 'A'\n      name: 'standard'\n    }\n    networkAcls: {\n      bypass: bypass\n      defaultAction: 'Deny'\n    }\n  }\n}\n";
    let params = PARAMETERS.replace("networkBypass", "bypass");
    let p = project(&[
        ("a/main.bicep", bicep),
        ("b/main.bicep", bicep),
        ("shared.json", &params),
    ]);
    let shared = p.path().join("shared.json");
    let rows = findings(
        p.path(),
        &[
            "--select",
            "AZKV001",
            "--parameters",
            shared.to_str().unwrap(),
        ],
    );
    let mut files: Vec<(&str, &str)> = rows.iter().map(|r| (r.6.as_str(), r.1.as_str())).collect();
    files.sort();
    assert_eq!(
        files,
        [
            ("a/main.bicep", "shared.json"),
            ("b/main.bicep", "shared.json")
        ],
        "{rows:?}"
    );
}

/// Two roots calling one module whose variable default fails: one finding per root, at the
/// default (this worked before; kept so that it stays so).
#[test]
fn two_roots_sharing_a_module_keep_a_finding_each() {
    let module = vault_var() + &variable(Some("None"));
    let call = "module \"kv\" {\n  source = \"../../modules/kv\"\n}\n";
    let p = project(&[
        ("modules/kv/main.tf", &module),
        ("envs/dev/main.tf", call),
        ("envs/prod/main.tf", call),
    ]);
    let rows = findings(&p.path().join("envs"), &["--select", "AZKV001"]);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter().all(|r| r.1.ends_with("modules/kv/main.tf")),
        "{rows:?}"
    );
    assert_eq!(rows[0].2, rows[1].2, "both at the same default");
}
