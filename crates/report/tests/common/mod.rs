//! A hand-built report with every case the reporters must show: a failing finding reached
//! through a two-hop trace, an undetermined one, suppressions with and without a reason, and a
//! file that could not be parsed.
#![allow(dead_code)] // each test binary uses a different part

use std::collections::HashMap;
use std::sync::Arc;

use vigil_model::{
    FileError, Finding, Hop, Location, ResourceRef, RuleMeta, Severity, SourceFile, Suppression,
    SuppressionKind, Unchecked, UncheckedKind, Verdict,
};
use vigil_report::{BaselineStats, Report};

pub const MAIN_TF: &str = r#"resource "azurerm_key_vault" "kv" {
  name                        = "kv-prod"
  location                    = "westeurope"
  resource_group_name         = "rg-prod"
  tenant_id                   = var.tenant_id
  sku_name                    = "standard"
  enabled_for_disk_encryption = true

  network_acls {
    default_action = "Deny"
    bypass         = var.kv_bypass
  }
}

resource "azurerm_key_vault" "dyn" {
  name                = "kv-dyn"
  location            = "westeurope"
  resource_group_name = "rg-prod"
  tenant_id           = var.tenant_id
  sku_name            = "standard"

  network_acls {
    default_action = var.acl_action
    bypass         = "AzureServices"
  }
}

# vigil:ignore AZKV002 -- reachable only through its private endpoint
resource "azurerm_key_vault" "open" {
  name                = "kv-open"
  location            = "westeurope"
  resource_group_name = "rg-prod"
  tenant_id           = var.tenant_id
  sku_name            = "standard"
}

# vigil:ignore AZKV002
resource "azurerm_key_vault" "legacy" {
  name                = "kv-legacy"
  location            = "westeurope"
  resource_group_name = "rg-prod"
  tenant_id           = var.tenant_id
  sku_name            = "standard"
}
"#;

pub const VARIABLES_TF: &str = r#"variable "tenant_id" {
  type = string
}

variable "kv_bypass" {
  type    = string
  default = "None"
}

variable "acl_action" {
  type = string
}
"#;

pub struct Fixture {
    pub findings: Vec<Finding>,
    pub errors: Vec<FileError>,
    pub rules: Vec<RuleMeta>,
    pub sources: HashMap<Arc<str>, SourceFile>,
    pub files_scanned: usize,
    pub baseline: Option<BaselineStats>,
    pub unchecked: Vec<Unchecked>,
}

impl Fixture {
    pub fn report(&self) -> Report<'_> {
        Report {
            findings: &self.findings,
            errors: &self.errors,
            rules: &self.rules,
            sources: &self.sources,
            files_scanned: self.files_scanned,
            unchecked: &self.unchecked,
            tool_version: "0.1.0",
            baseline: self.baseline.clone(),
        }
    }
}

pub fn loc(file: &str, line: u32, column: u32, end_column: u32) -> Location {
    Location::new(file, line, column, line, end_column)
}

fn resource(name: &str, line: u32) -> ResourceRef {
    resource_in("main.tf", name, line)
}

fn resource_in(file: &str, name: &str, line: u32) -> ResourceRef {
    ResourceRef {
        address: format!("azurerm_key_vault.{name}"),
        azure_type: "Microsoft.KeyVault/vaults".into(),
        source_type: "azurerm_key_vault".into(),
        file: file.into(),
        line,
        root: None,
        callers: Vec::new(),
    }
}

pub fn rules() -> Vec<RuleMeta> {
    vec![
        RuleMeta {
            id: "AZKV001".into(),
            name: "key-vault-trusted-services-bypass".into(),
            title: "Key vault firewalls let trusted Microsoft services through".into(),
            severity: Severity::Medium,
            security_severity: "5.3".into(),
            tags: vec!["azure".into(), "key-vault".into(), "network".into()],
            summary: "Checks that a key vault's network ACLs let trusted Microsoft services \
                      bypass the firewall (bypass = AzureServices)."
                .into(),
            documentation: "## What it does\n\nChecks that `networkAcls.bypass` is \
                            `AzureServices`.\n\n## Why it matters\n\nWith `bypass = None`, \
                            Azure Disk Encryption and ARM deployments cannot reach the vault.\n"
                .into(),
            help_uri: Some(
                "https://www.trendmicro.com/cloudoneconformity/knowledge-base/azure/KeyVault/\
                 enable-trusted-microsoft-services.html"
                    .into(),
            ),
        },
        RuleMeta {
            id: "AZKV002".into(),
            name: "key-vault-firewall-enabled".into(),
            title: "Key vaults deny network access by default".into(),
            severity: Severity::High,
            security_severity: "7.5".into(),
            tags: vec!["azure".into(), "key-vault".into(), "network".into()],
            summary: "Checks that a key vault reachable from public networks has a firewall \
                      whose default action is Deny."
                .into(),
            documentation: "## What it does\n\nChecks `networkAcls.defaultAction`.\n".into(),
            help_uri: None,
        },
    ]
}

pub fn fixture() -> Fixture {
    let findings = vec![
        Finding {
            rule_id: "AZKV002".into(),
            rule_name: "key-vault-firewall-enabled".into(),
            severity: Severity::High,
            verdict: Verdict::Undetermined,
            message: "Cannot tell whether key vault `azurerm_key_vault.dyn` denies network \
                      access: network_acls.default_action comes from var.acl_action, which has \
                      no value."
                .into(),
            location: loc("main.tf", 23, 22, 36),
            resource: resource("dyn", 15),
            property: "properties.networkAcls.defaultAction".into(),
            source_property: "network_acls.default_action".into(),
            trace: vec![Hop {
                label: "var.acl_action".into(),
                location: loc("main.tf", 23, 22, 36),
            }],
            suppression: None,
        },
        Finding {
            rule_id: "AZKV002".into(),
            rule_name: "key-vault-firewall-enabled".into(),
            severity: Severity::High,
            verdict: Verdict::Fail,
            message: "Key vault `azurerm_key_vault.open` has no network_acls block, so it \
                      accepts traffic from all networks."
                .into(),
            location: loc("main.tf", 29, 1, 38),
            resource: resource("open", 29),
            property: "properties.networkAcls".into(),
            source_property: "network_acls".into(),
            trace: vec![],
            suppression: Some(Suppression {
                kind: SuppressionKind::Inline,
                reason: Some("reachable only through its private endpoint".into()),
                location: loc("main.tf", 28, 1, 70),
            }),
        },
        Finding {
            rule_id: "AZKV002".into(),
            rule_name: "key-vault-firewall-enabled".into(),
            severity: Severity::High,
            verdict: Verdict::Fail,
            message: "Key vault `azurerm_key_vault.legacy` has no network_acls block, so it \
                      accepts traffic from all networks."
                .into(),
            location: loc("main.tf", 38, 1, 40),
            resource: resource("legacy", 38),
            property: "properties.networkAcls".into(),
            source_property: "network_acls".into(),
            trace: vec![],
            suppression: Some(Suppression {
                kind: SuppressionKind::Inline,
                reason: None,
                location: loc("main.tf", 37, 1, 23),
            }),
        },
        Finding {
            rule_id: "AZKV001".into(),
            rule_name: "key-vault-trusted-services-bypass".into(),
            severity: Severity::Medium,
            verdict: Verdict::Fail,
            message: "Key vault `azurerm_key_vault.kv` sets network_acls.bypass to \"None\" \
                      (the default of var.kv_bypass): trusted Microsoft services are blocked, \
                      including Azure Disk Encryption (enabled_for_disk_encryption = true)."
                .into(),
            location: loc("variables.tf", 7, 13, 19),
            resource: resource("kv", 1),
            property: "properties.networkAcls.bypass".into(),
            source_property: "network_acls.bypass".into(),
            trace: vec![
                Hop {
                    label: "var.kv_bypass".into(),
                    location: loc("main.tf", 11, 22, 35),
                },
                Hop {
                    label: "default of var.kv_bypass".into(),
                    location: loc("variables.tf", 7, 13, 19),
                },
            ],
            suppression: None,
        },
    ];
    let errors = vec![FileError {
        file: "modules/net work/broken.tf".into(),
        line: 4,
        column: 3,
        message: "unexpected `}`: expected an attribute or a block".into(),
    }];
    let sources = [("main.tf", MAIN_TF), ("variables.tf", VARIABLES_TF)]
        .into_iter()
        .map(|(path, text)| {
            let path: Arc<str> = path.into();
            (
                path.clone(),
                SourceFile {
                    path,
                    text: text.into(),
                    ignores: vec![],
                },
            )
        })
        .collect();
    Fixture {
        findings,
        errors,
        rules: rules(),
        sources,
        files_scanned: 3,
        baseline: None,
        unchecked: Vec::new(),
    }
}

/// Line 10 puts a 2-byte (é), a 3-byte (金) and a 4-byte character (🔒, two UTF-16 units) before
/// the value, whose columns are 26..32 in code points and 27..33 in UTF-16 code units.
pub const NETWORK_TF: &str = r#"# Coffre-fort du café 🔒
resource "azurerm_key_vault" "cafe" {
  name                = "kv-café"
  resource_group_name = "rg-金庫"
  tenant_id           = var.tenant_id
  sku_name            = "standard"

  network_acls {
    default_action = "Allow"
    bypass = /* é 金 🔒 */ "None"
  }
}
resource "azurerm_key_vault" "legacy_eu" {
  name                = "kv-legacy-eu"
  resource_group_name = "rg-prod"
  tenant_id           = var.tenant_id
  sku_name            = "standard"
}
"#;

/// The full fixture plus what only the newer formats distinguish: a finding on a line with
/// non-ASCII text before the value, one hidden by a baseline (with a stale baseline entry), one
/// suppressed by the configuration, and one that counts in a file of its own.
pub fn extended() -> Fixture {
    let mut fixture = fixture();
    let network = [
        Finding {
            rule_id: "AZKV002".into(),
            rule_name: "key-vault-firewall-enabled".into(),
            severity: Severity::High,
            verdict: Verdict::Fail,
            message: "Key vault `azurerm_key_vault.cafe` (kv-café) sets \
                      network_acls.default_action = \"Allow\" (network.tf:9), so it accepts \
                      traffic from all networks. Set it to \"Deny\"."
                .into(),
            location: loc("network.tf", 9, 22, 29),
            resource: resource_in("network.tf", "cafe", 2),
            property: "properties.networkAcls.defaultAction".into(),
            source_property: "network_acls.default_action".into(),
            trace: vec![],
            suppression: None,
        },
        Finding {
            rule_id: "AZKV001".into(),
            rule_name: "key-vault-trusted-services-bypass".into(),
            severity: Severity::Medium,
            verdict: Verdict::Fail,
            message: "Key vault `azurerm_key_vault.cafe` sets network_acls.bypass = \"None\" \
                      (network.tf:10), so trusted Microsoft services cannot reach it through its \
                      firewall. Set network_acls.bypass to \"AzureServices\"."
                .into(),
            location: loc("network.tf", 10, 26, 32),
            resource: resource_in("network.tf", "cafe", 2),
            property: "properties.networkAcls.bypass".into(),
            source_property: "network_acls.bypass".into(),
            trace: vec![],
            suppression: Some(Suppression {
                kind: SuppressionKind::Baseline,
                reason: Some("in baseline vigil-baseline.json".into()),
                location: loc("network.tf", 10, 26, 32),
            }),
        },
        Finding {
            rule_id: "AZKV002".into(),
            rule_name: "key-vault-firewall-enabled".into(),
            severity: Severity::High,
            verdict: Verdict::Fail,
            message: "Key vault `azurerm_key_vault.legacy_eu` has no network_acls block, so it \
                      accepts traffic from all networks."
                .into(),
            location: loc("network.tf", 13, 1, 43),
            resource: resource_in("network.tf", "legacy_eu", 13),
            property: "properties.networkAcls".into(),
            source_property: "network_acls".into(),
            trace: vec![],
            suppression: Some(Suppression {
                kind: SuppressionKind::Config,
                reason: Some("decommissioned in March; tracked in OPS-112".into()),
                location: loc("vigil.toml", 4, 1, 61),
            }),
        },
    ];
    // After main.tf's findings, before variables.tf's: the order the caller's sort gives.
    let at = fixture
        .findings
        .iter()
        .position(|f| &*f.location.file == "variables.tf")
        .expect("the base fixture has a finding in variables.tf");
    fixture.findings.splice(at..at, network);
    let path: Arc<str> = "network.tf".into();
    fixture.sources.insert(
        path.clone(),
        SourceFile {
            path,
            text: NETWORK_TF.into(),
            ignores: vec![],
        },
    );
    fixture.files_scanned = 4;
    fixture.baseline = Some(BaselineStats {
        file: "vigil-baseline.json".into(),
        hidden: 1,
        stale: 1,
    });
    fixture
}

pub const MODULE_TF: &str = r#"variable "bypass" {
  type    = string
  default = "None"
}
resource "azurerm_key_vault" "this" {
  name     = "kv"
  sku_name = "standard"
  network_acls {
    bypass         = var.bypass
    default_action = "Deny"
  }
}
"#;

/// One module called by two environments, and checked alone with its defaults: three
/// instances of one written value, the two called ones told apart only by their root. Beside
/// them, a module the run could not check and a resource whose condition is false.
pub fn multi_root() -> Fixture {
    let instance = |address: &str, root: Option<&str>| {
        let mut resource = resource_in("modules/kv/main.tf", "this", 5);
        resource.address = address.into();
        resource.root = root.map(Into::into);
        Finding {
            rule_id: "AZKV001".into(),
            rule_name: "key-vault-trusted-services-bypass".into(),
            severity: Severity::Medium,
            verdict: Verdict::Fail,
            message: format!(
                "Key vault {address} sets network_acls.bypass = \"None\" \
                 (modules/kv/main.tf:3), so trusted Microsoft services cannot reach it."
            ),
            location: loc("modules/kv/main.tf", 3, 13, 19),
            resource,
            property: "properties.networkAcls.bypass".into(),
            source_property: "network_acls.bypass".into(),
            trace: vec![Hop {
                label: "default of var.bypass".into(),
                location: loc("modules/kv/main.tf", 3, 13, 19),
            }],
            suppression: None,
        }
    };
    let findings = vec![
        instance("azurerm_key_vault.this", None),
        instance("module.kv.azurerm_key_vault.this", Some("envs/dev")),
        instance("module.kv.azurerm_key_vault.this", Some("envs/prod")),
    ];
    let path: Arc<str> = "modules/kv/main.tf".into();
    let sources = HashMap::from([(
        path.clone(),
        SourceFile {
            path,
            text: MODULE_TF.into(),
            ignores: vec![],
        },
    )]);
    let not_installed = |file: &str| Unchecked {
        kind: UncheckedKind::Module,
        why: "not installed".into(),
        at: FileError {
            file: file.into(),
            line: 5,
            column: 1,
            message:
                "module.net (source \"Azure/net/azurerm\") is not checked: it is not installed"
                    .into(),
        },
        module: None,
    };
    let unchecked = vec![
        not_installed("envs/dev/main.tf"),
        not_installed("envs/prod/main.tf"),
        Unchecked {
            kind: UncheckedKind::Resource,
            why: "condition false".into(),
            at: FileError {
                file: "azuredeploy.json".into(),
                line: 12,
                column: 5,
                message: "resource kv2 is not deployed: its condition is false".into(),
            },
            module: None,
        },
    ];
    Fixture {
        findings,
        errors: vec![],
        rules: rules(),
        sources,
        files_scanned: 3,
        baseline: None,
        unchecked,
    }
}
