//! The pipeline on in-memory buffers (an editor's unsaved text): a buffer stands in for the
//! file at its path, for every language, and one whose file is not on disk is found and
//! checked. Each case first checks the disk alone, so that the buffer is seen to decide.

use std::path::Path;
use vigil_check::{filter, Options, Overlay, Selection, Session};

/// The unsuppressed findings of AZKV001 under `dir` (or the paths given): (rule, file, line).
fn findings(dir: &Path, paths: &[&str], overlay: Overlay) -> Vec<(String, String, u32)> {
    let paths = if paths.is_empty() {
        vec![dir.to_path_buf()]
    } else {
        paths.iter().map(|p| dir.join(p)).collect()
    };
    let opts = Options {
        paths,
        root: Some(dir.to_path_buf()),
        no_config: true,
        select: vec!["AZKV001".into()],
        overlay,
        ..Options::default()
    };
    let config = vigil_check::load_config(&opts).unwrap();
    let mut selection = Selection::new(&opts, &config).unwrap();
    selection.apply_severities(&config).unwrap();
    let session = Session::new(opts, config).unwrap();
    let judged = session.judge(session.discover(), &selection);
    assert!(judged.errors.is_empty(), "{:?}", judged.errors);
    let outcome = filter::suppress(&session, &selection, judged, vigil_check::today());
    outcome
        .findings
        .iter()
        .filter(|f| f.suppression.is_none())
        .map(|f| {
            (
                f.rule_id.clone(),
                f.location.file.to_string(),
                f.location.line,
            )
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn azkv001(file: &str, line: u32) -> (String, String, u32) {
    ("AZKV001".to_string(), file.to_string(), line)
}

const VAULT_TF: &str = r#"resource "azurerm_key_vault" "kv" {
  name                = "kv-vigil-buffer"
  location            = "westeurope"
  resource_group_name = "rg-vigil"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    bypass         = var.bypass
    default_action = "Deny"
  }
}
"#;

#[test]
fn a_terraform_variables_buffer_overrides_the_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", VAULT_TF);
    write(
        dir.path(),
        "variables.tf",
        "variable \"bypass\" {\n  default = \"AzureServices\"\n}\n",
    );
    assert_eq!(findings(dir.path(), &[], Overlay::new()), vec![]);
    let mut overlay = Overlay::new();
    overlay.insert(
        &dir.path().join("variables.tf"),
        "variable \"bypass\" {\n  type    = string\n  default = \"None\"\n}\n",
    );
    assert_eq!(
        findings(dir.path(), &[], overlay),
        vec![azkv001("variables.tf", 3)]
    );
}

const TEMPLATE: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "networkBypass": { "type": "string", "defaultValue": "AzureServices" }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv-vigil-buffer",
      "location": "westeurope",
      "properties": {
        "tenantId": "[subscription().tenantId]",
        "sku": { "family": "A", "name": "standard" },
        "networkAcls": {
          "bypass": "[parameters('networkBypass')]",
          "defaultAction": "Deny"
        }
      }
    }
  ]
}
"#;

fn parameters(bypass: &str) -> String {
    format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {{
    "networkBypass": {{
      "value": "{bypass}"
    }}
  }}
}}
"#
    )
}

#[test]
fn an_arm_template_and_parameter_file_buffer_override_the_files_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.json", TEMPLATE);
    write(
        dir.path(),
        "main.parameters.json",
        &parameters("AzureServices"),
    );
    assert_eq!(findings(dir.path(), &[], Overlay::new()), vec![]);
    // The parameter file's buffer decides...
    let mut overlay = Overlay::new();
    overlay.insert(&dir.path().join("main.parameters.json"), parameters("None"));
    assert_eq!(
        findings(dir.path(), &[], overlay.clone()),
        vec![azkv001("main.parameters.json", 6)]
    );
    // ...and so does the template's, read in place of the file (its literal fails there).
    overlay.insert(
        &dir.path().join("main.json"),
        TEMPLATE.replace("\"[parameters('networkBypass')]\"", "\"None\""),
    );
    assert_eq!(
        findings(dir.path(), &[], overlay),
        vec![azkv001("main.json", 17)]
    );
}

const VAULT_BICEP: &str = "param bypass string = 'AzureServices'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-bicep-buffer'
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: {
      bypass: bypass
      defaultAction: 'Deny'
    }
  }
}
";

#[test]
fn a_bicepparam_buffer_overrides_the_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.bicep", VAULT_BICEP);
    write(
        dir.path(),
        "main.bicepparam",
        "using 'main.bicep'\n\nparam bypass = 'AzureServices'\n",
    );
    assert_eq!(findings(dir.path(), &[], Overlay::new()), vec![]);
    let mut overlay = Overlay::new();
    overlay.insert(
        &dir.path().join("main.bicepparam"),
        "using 'main.bicep'\n\n\nparam bypass = 'None'\n",
    );
    assert_eq!(
        findings(dir.path(), &[], overlay),
        vec![azkv001("main.bicepparam", 4)]
    );
}

#[test]
fn a_buffer_whose_file_is_not_on_disk_is_found_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("infra")).unwrap();
    write(dir.path(), "infra/other.bicep", VAULT_BICEP);
    assert_eq!(findings(dir.path(), &[], Overlay::new()), vec![]);
    let unsaved = VAULT_BICEP.replace("= 'AzureServices'", "= 'None'");
    let mut overlay = Overlay::new();
    overlay.insert(&dir.path().join("infra/new.bicep"), unsaved.clone());
    // Under a directory walked...
    assert_eq!(
        findings(dir.path(), &[], overlay.clone()),
        vec![azkv001("infra/new.bicep", 1)]
    );
    // ...and named on its own, as an editor asks about the file it shows.
    assert_eq!(
        findings(dir.path(), &["infra/new.bicep"], overlay),
        vec![azkv001("infra/new.bicep", 1)]
    );
    // An ARM template that is only a buffer too.
    let mut overlay = Overlay::new();
    overlay.insert(
        &dir.path().join("new.json"),
        TEMPLATE.replace("\"[parameters('networkBypass')]\"", "\"None\""),
    );
    assert_eq!(
        findings(dir.path(), &[], overlay),
        vec![azkv001("new.json", 17)]
    );
}

#[test]
fn a_new_terraform_file_only_in_a_buffer_joins_its_module() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", VAULT_TF);
    // Without the unsaved variables.tf the variable is undeclared: an error, not a finding.
    let mut overlay = Overlay::new();
    overlay.insert(
        &dir.path().join("variables.tf"),
        "variable \"bypass\" {\n  default = \"None\"\n}\n",
    );
    assert_eq!(
        findings(dir.path(), &[], overlay),
        vec![azkv001("variables.tf", 2)]
    );
}

#[test]
fn parameter_files_and_modules_only_in_buffers_are_read() {
    // An ARM parameter file an editor has not saved yet.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.json", TEMPLATE);
    assert_eq!(findings(dir.path(), &[], Overlay::new()), vec![]);
    let mut overlay = Overlay::new();
    overlay.insert(&dir.path().join("main.parameters.json"), parameters("None"));
    assert_eq!(
        findings(dir.path(), &[], overlay),
        vec![azkv001("main.parameters.json", 6)]
    );

    // A .bicepparam not on disk.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.bicep", VAULT_BICEP);
    let mut overlay = Overlay::new();
    overlay.insert(
        &dir.path().join("main.bicepparam"),
        "using 'main.bicep'\n\nparam bypass = 'None'\n",
    );
    assert_eq!(
        findings(dir.path(), &["main.bicepparam"], overlay),
        vec![azkv001("main.bicepparam", 3)]
    );

    // A Bicep module whose file is only a buffer.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.bicep",
        "module kv 'modules/kv.bicep' = {\n  name: 'kv'\n  params: {\n    bypass: 'None'\n  }\n}\n",
    );
    std::fs::create_dir(dir.path().join("modules")).unwrap();
    let mut overlay = Overlay::new();
    overlay.insert(
        &dir.path().join("modules/kv.bicep"),
        VAULT_BICEP.replace(
            "param bypass string = 'AzureServices'",
            "param bypass string",
        ),
    );
    assert_eq!(
        findings(dir.path(), &["main.bicep"], overlay),
        vec![azkv001("main.bicep", 4)]
    );
}
