//! How long one module directory takes to read, parse and evaluate: the unit of work vigil runs
//! in parallel. Whole runs are measured with hyperfine (see benches/README.md).
//!
//!     cargo bench --bench terraform_evaluate

use std::fmt::Write;
use std::path::Path;
use vigil_terraform::{evaluate_dir, Options};

fn main() {
    divan::main();
}

/// A module like the ones real repositories hold: variables with defaults, locals, a tfvars
/// file and `vaults` Key Vaults among other resources.
fn write_module(dir: &Path, vaults: usize) {
    let mut main = String::new();
    let mut vars = String::new();
    for i in 0..vaults {
        let _ = write!(
            vars,
            "variable \"bypass_{i}\" {{\n  type    = string\n  default = \"{}\"\n}}\n\n",
            if i % 2 == 0 { "AzureServices" } else { "None" }
        );
        let _ = write!(
            main,
            r#"resource "azurerm_resource_group" "rg{i}" {{
  name     = "rg-${{local.prefix}}-{i}"
  location = local.location
  tags     = merge(local.tags, {{ index = "{i}" }})
}}

resource "azurerm_key_vault" "kv{i}" {{
  name                        = format("%s-kv-%02d", local.prefix, {i})
  location                    = azurerm_resource_group.rg{i}.location
  resource_group_name         = azurerm_resource_group.rg{i}.name
  tenant_id                   = data.azurerm_client_config.current.tenant_id
  sku_name                    = lower("Standard")
  enabled_for_disk_encryption = true
  network_acls {{
    bypass         = var.bypass_{i}
    default_action = local.locked ? "Deny" : "Allow"
    ip_rules       = [for ip in local.allowed : "${{ip}}/32"]
  }}
}}

"#
        );
    }
    let locals = r#"locals {
  prefix   = "app"
  location = "westeurope"
  locked   = true
  allowed  = ["10.0.0.1", "10.0.0.2"]
  tags     = { owner = "platform", env = upper("dev") }
}
data "azurerm_client_config" "current" {}
"#;
    std::fs::write(dir.join("main.tf"), main).unwrap();
    std::fs::write(dir.join("variables.tf"), vars).unwrap();
    std::fs::write(dir.join("locals.tf"), locals).unwrap();
    std::fs::write(
        dir.join("terraform.tfvars"),
        "bypass_0 = \"AzureServices\"\n",
    )
    .unwrap();
}

#[divan::bench(args = [1, 10, 100])]
fn evaluate_module(bencher: divan::Bencher, vaults: usize) {
    let dir = tempfile::tempdir().unwrap();
    write_module(dir.path(), vaults);
    let display = |p: &Path| p.to_string_lossy().into_owned();
    let opts = Options::default();
    bencher.bench(|| {
        let out = evaluate_dir(divan::black_box(dir.path()), &display, &opts);
        assert_eq!(out.resources.len(), vaults);
        out
    });
}

/// A root calling a module once per element of a 1,000-element `for_each`: every instance is
/// evaluated with its own arguments (issue 3's bound: well under a second).
#[divan::bench(sample_count = 10)]
fn module_for_each_1000(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("modules/kv");
    std::fs::create_dir_all(&module).unwrap();
    write_module(&module, 1);
    std::fs::write(
        dir.path().join("main.tf"),
        r#"module "kv" {
  source   = "./modules/kv"
  for_each = { for i in range(1000) : "vault-${i}" => i }
  bypass_0 = each.value % 7 == 0 ? "None" : "AzureServices"
}
"#,
    )
    .unwrap();
    let display = |p: &Path| p.to_string_lossy().into_owned();
    let opts = Options::default();
    bencher.bench(|| {
        let out = evaluate_dir(divan::black_box(dir.path()), &display, &opts);
        assert_eq!(out.resources.len(), 1000);
        out
    });
}
